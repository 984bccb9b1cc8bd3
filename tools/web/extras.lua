-- What the web edition shows that the PDF cannot: HTML placed after a
-- figure, by the figure's id (its label, with "-" for ":").  Each entry
-- is a function of the mode ("html" or "epub") that returns the HTML.
local M = { after_figure = {} }

-- The stills of one cart-pole run (figure fig:cartpole-film, balance's
-- run A) and, after them, the same two episodes as they ran: every second
-- state, at the pace of the simulation, drawn by figures/cartpole-anim.gp
-- from the same file (balance --episode) into fig/cartpole-before.gif and
-- fig/cartpole-after.gif (Makefile, the web edition's figures).  Not a
-- numbered figure: the PDF has none.  The style is inline, so that the
-- two sit side by side, or one above the other on a narrow screen, in
-- both editions; the GIFs are 480 by 200 pixels, on a white ground.
-- Both modes give the same XHTML: an EPUB 3 reader plays a GIF too.
local function animation(name, when, alt)
  return '<div style="flex: 0 1 480px; margin: 0; text-align: center;">'
    .. '<img src="fig/cartpole-' .. name .. '.gif" width="480" height="200"'
    .. ' style="max-width: 100%; height: auto; background: #fff;"'
    .. ' alt="' .. alt .. '" />'
    .. '<p style="margin: 0.25em 0 0;">' .. when .. '</p></div>'
end

M.after_figure["fig-cartpole-film"] = function(mode)
  return '<div class="animation" id="cartpole-animation"'
    .. ' style="margin: 1.5em 0;">'
    .. '<div style="display: flex; flex-wrap: wrap; gap: 1em;'
    .. ' justify-content: center;">'
    .. animation("before", "Before training",
                 "Animation of the episode before training.")
    .. animation("after", "After training",
                 "Animation of the episode after training.")
    .. '</div>'
    .. '<p class="caption" style="margin: 0.5em 0 0;">The two episodes of the'
    .. ' figure above as they ran, before training and after: every second'
    .. ' state, at the pace of the simulation, drawn by'
    .. ' <code>figures/cartpole-anim.gp</code> from the same run of'
    .. ' <code>balance</code>.  Each frame shows the whole track,'
    .. ' with a post at each end, and the step and time of the state it'
    .. ' draws; <code>make animation</code> makes the same GIFs for any'
    .. ' seed.</p></div>'
end

return M
