-- What the web edition shows that the PDF cannot: HTML placed after a
-- figure, by the figure's id (its label, with "-" for ":").  Each entry
-- is a function of the mode ("html" or "epub") that returns the HTML.
local M = { after_figure = {} }
return M
