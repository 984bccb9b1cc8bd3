-- The web edition's pandoc filter.  pandoc has read the book (the LaTeX
-- that tools/web/nw2pandoc.awk made of chapters/book.tex and the
-- chapters); this filter does what LaTeX does for the PDF and pandoc does
-- not:
--   - numbers chapters (appendices by letter), sections, equations,
--     figures, tables, theorems and the algorithm by chapter, as LaTeX
--     numbers them, and makes every \ref, \eqref and \cite a link with
--     that number;
--   - writes each code chunk from noweb's markup stream (chunks.lua);
--   - writes the index of chunks and the index of identifiers;
--   - in the mode "html", splits the book into a page per chapter,
--     appendix, bibliography and index, each in the page template, and
--     the contents page index.html.  In the mode "epub" it returns the
--     whole book for pandoc's EPUB writer.
-- Metadata (pandoc -M): nw-mode (html|epub), nw-markup (the markup
-- stream), nw-aux (book.aux, for the chunk tags of the PDF), nw-outdir,
-- nw-template (the page template), nw-pdf and nw-epub (file names).

local dir = PANDOC_SCRIPT_FILE:match("^(.*/)") or "./"
local chunks_lib = dofile(dir .. "chunks.lua")
local extras = dofile(dir .. "extras.lua")
local stringify = pandoc.utils.stringify

local opts = {}
local labels = {}          -- label -> { num =, page =, kind = }
local errors = {}

local function fail(msg) errors[#errors + 1] = msg end

-- An HTML id for a LaTeX label: XHTML ids have no colon.
local function idof(label) return (label:gsub("[^%w_.-]", "-")) end

-- ---------------------------------------------------------------- numbering

local st = {
  chapter = nil,    -- the current chapter's number ("5", "A"), nil before
  appendix = false, nchap = 0, napp = 0,
  sec = 0, subsec = 0, secnum = nil,
  eq = 0, fig = 0, tab = 0, thm = 0, alg = 0,
  page = "index.html",
}

local function register(label, num, kind)
  if label == nil or label == "" then return end
  if labels[label] and labels[label].num ~= num then
    fail("label defined twice: " .. label)
  end
  labels[label] = { num = num, page = st.page, kind = kind }
end

local function number(counter)
  st[counter] = st[counter] + 1
  return (st.chapter or "0") .. "." .. st[counter]
end

-- Display math: strip what only LaTeX reads (\label, \notag, the
-- marks of nw2pandoc.awk), number it, and give it its anchors.
local function top_split(s)   -- split at \\ outside braces and environments
  local rows, depth, last, i = {}, 0, 1, 1
  while i <= #s do
    local c = s:sub(i, i)
    if c == "{" then depth = depth + 1
    elseif c == "}" then depth = depth - 1
    elseif s:sub(i, i + 6) == "\\begin{" then   -- past the name: its } is no brace of ours
      depth = depth + 1; i = (s:find("}", i, true) or #s)
    elseif s:sub(i, i + 4) == "\\end{" then
      depth = depth - 1; i = (s:find("}", i, true) or #s)
    elseif c == "\\" and s:sub(i + 1, i + 1) == "\\" and depth == 0 then
      rows[#rows + 1] = s:sub(last, i - 1); i = i + 1; last = i + 1
    elseif c == "\\" then i = i + 1
    end
    i = i + 1
  end
  rows[#rows + 1] = s:sub(last)
  return rows
end

local function count_amps(row)
  local n, depth, i = 0, 0, 1
  while i <= #row do
    local c = row:sub(i, i)
    if c == "\\" then i = i + 1
    elseif c == "{" then depth = depth + 1
    elseif c == "}" then depth = depth - 1
    elseif c == "&" and depth == 0 then n = n + 1 end
    i = i + 1
  end
  return n
end

local function labels_in(s)
  local t = {}
  for l in s:gmatch("\\label{([^}]*)}") do t[#t + 1] = l end
  return t
end

local function clean_math(s)
  s = s:gsub("\\label{[^}]*}", ""):gsub("\\notag", ""):gsub("\\nonumber", "")
  s = s:gsub("\\nwnumberone", ""):gsub("\\nwnumberrows", "")
  return s
end

local function display(m)
  local t = m.text
  local anchors = {}
  if t:find("\\nwnumberrows", 1, true) then
    -- a number on each row without \notag, in a column of its own
    local env, inner = t:match("^%s*\\begin{(%a+)}(.*)\\end{%a+}%s*$")
    if not env then fail("cannot number the rows of: " .. t:sub(1, 60)); return nil end
    local rows = top_split(inner)
    local maxamp = 0
    for _, r in ipairs(rows) do maxamp = math.max(maxamp, count_amps(r)) end
    if env == "gathered" then maxamp = -1 end
    for k, r in ipairs(rows) do
      if r:match("%S") and not r:find("\\notag", 1, true) and not r:find("\\nonumber", 1, true) then
        local num = number("eq")
        for _, l in ipairs(labels_in(r)) do
          register(l, num, "equation"); anchors[#anchors + 1] = l
        end
        local pad = maxamp >= 0 and string.rep("&", maxamp - count_amps(r) + 1) or ""
        rows[k] = clean_math(r) .. pad .. "\\qquad\\text{(" .. num .. ")}"
      else
        rows[k] = clean_math(r)
      end
    end
    local newenv = env
    if env == "gathered" and maxamp == -1 then newenv = "gathered" end
    m.text = "\\begin{" .. newenv .. "}" .. table.concat(rows, "\\\\") .. "\\end{" .. newenv .. "}"
    local out = {}
    for _, l in ipairs(anchors) do out[#out + 1] = pandoc.Span({}, { id = idof(l) }) end
    out[#out + 1] = m
    return pandoc.Span(out, { class = "display" })
  elseif t:find("\\nwnumberone", 1, true) then
    local num = number("eq")
    for _, l in ipairs(labels_in(t)) do register(l, num, "equation"); anchors[#anchors + 1] = l end
    m.text = clean_math(t)
    local out = {}
    for _, l in ipairs(anchors) do out[#out + 1] = pandoc.Span({}, { id = idof(l) }) end
    out[#out + 1] = m
    out[#out + 1] = pandoc.Span({ pandoc.Str("(" .. num .. ")") }, { class = "eqno" })
    return pandoc.Span(out, { class = "display numbered" })
  else
    for _, l in ipairs(labels_in(t)) do fail("a label in unnumbered math: " .. l) end
    m.text = clean_math(t)
    return nil
  end
end

-- What texmath (pandoc's math converter) cannot read, said in what it
-- can, to the same effect:
--   - \Bigl( \Bigr) \Bigm| and \bigm| \biggm|: the same size without
--     the l/r/m (texmath knows \Big, \big, \bigg but not these);
--   - \text{\texttt{x}}, code in math: \texttt{x}, which texmath reads
--     in math directly;
--   - a comment (%... to the end of the line), which LaTeX skips.
local function fix_math(s)
  s = s:gsub("\\protect%s*", "")
  s = s:gsub("([^\\])%%[^\n]*\n?", "%1")
  s = s:gsub("\\(Bigg?)[lrm](%A)", "\\%1%2")
  s = s:gsub("\\(bigg?)m(%A)", "\\%1%2")
  -- a prime after a subscript is a superscript, as TeX sets A_k'
  s = s:gsub("_(%b{})'", "_%1^{\\prime}")
  s = s:gsub("_(%w)'", "_%1^{\\prime}")
  s = s:gsub("\\text(%b{})", function(arg)
    local inner = arg:match("^{%s*\\texttt(%b{})%s*}$")
    if inner then return "\\texttt" .. inner end
  end)
  return s
end

-- A claim in a caption: LaTeX's \ref to it gives the figure's or the
-- table's number, which \caption has just stepped.
local function claims_in_caption(inlines, num)
  pandoc.walk_inline(pandoc.Span(inlines), { Span = function(sp)
    -- the Span has its HTML id by now: claim-KEY for claim:KEY
    local key = sp.identifier:match("^claim[:-](.*)$")
    if key and labels["claim:" .. key] then labels["claim:" .. key].num = num end
  end })
end

-- A list whose items have labels of their own (\item[(a)], marked
-- nwitem-K by the back end) shows those labels in place of numbers.
local function labelled_list(l)
  local items = {}
  for _, item in ipairs(l.content) do
    local first = item[1]
    local label
    if first and first.t == "Div" and first.identifier:match("^nwitem%-") then
      -- the anchor at the start of an item is read as a block of its own
      label = first.content[1] and first.content[1].content or {}
      table.remove(item, 1)
      first = item[1]
      if not (first and (first.t == "Para" or first.t == "Plain")) then
        first = pandoc.Para({})
        table.insert(item, 1, first)
      end
      first.content:insert(1, pandoc.Space())
      first.content:insert(1, pandoc.Span(label, { class = "itemlabel" }))
    else
      local span = first and (first.t == "Para" or first.t == "Plain") and first.content[1]
      if not (span and span.t == "Span" and span.identifier:match("^nwitem%-")) then return nil end
      first.content[1] = pandoc.Span(span.content, { class = "itemlabel" })
    end
    items[#items + 1] = pandoc.Div(item, { class = "item" })
  end
  return pandoc.Div(items, { class = "labelled-list" })
end

local theorem_names = { theorem = "Theorem", lemma = "Lemma", definition = "Definition",
                        corollary = "Corollary" }

local number_filter = {
  Math = function(m)
    if m.mathtype == "DisplayMath" then return display(m) end
    if m.text:find("\\label", 1, true) then m.text = clean_math(m.text); return m end
  end,
  Header = function(h)
    if h.level == 1 or h.classes:includes("unnumbered") then return nil end
    local num
    if h.level == 2 then
      st.sec = st.sec + 1; st.subsec = 0
      num = st.chapter .. "." .. st.sec
      st.secnum = num
    elseif h.level == 3 then
      st.subsec = st.subsec + 1
      num = st.chapter .. "." .. st.sec .. "." .. st.subsec
      st.secnum = num
    else
      return nil
    end
    register(h.identifier, num, "section")
    h.identifier = idof(h.identifier)
    h.content:insert(1, pandoc.Space())
    h.content:insert(1, pandoc.Span({ pandoc.Str(num) }, { class = "secnum" }))
    return h
  end,
  Image = function(img)
    if img.title ~= "fig:" then return nil end
    local num = number("fig")
    register(img.identifier, num, "figure")
    claims_in_caption(img.caption, num)
    -- pandoc would repeat the caption as the alt text, its math as TeX,
    -- and hide the caption from screen readers: the caption is read,
    -- the alt text names the figure
    img.attributes["alt"] = "Figure " .. num
    img.identifier = idof(img.identifier)
    img.caption:insert(1, pandoc.Space())
    img.caption:insert(1, pandoc.Span({ pandoc.Str("Figure " .. num .. ".") }, { class = "fignum" }))
    return img
  end,
  Table = function(t)
    -- a header of several rows: the first cell of the row after it holds
    -- the anchor nw-body (nw2pandoc.awk); pandoc kept one row or none
    local body = #t.bodies > 0 and t.bodies[1].body or {}
    for k, row in ipairs(body) do
      local cell = row.cells[1]
      local found = false
      if cell then
        local drop = function(x)   -- a Span, or a Div at the cell's start
          if x.identifier == "nw-body" then found = true; return {} end
        end
        cell.contents = pandoc.walk_block(pandoc.Div(cell.contents), { Span = drop, Div = drop }).content
      end
      if found then
        if #t.head.rows == 0 then
          for _ = 1, k - 1 do t.head.rows:insert(table.remove(body, 1)) end
        end
        break
      end
    end
    -- a rule inside the body: the row below it holds the anchor nw-rule
    -- in its first cell (nw2pandoc.awk), and gets the class nw-rule
    for _, b in ipairs(t.bodies) do
      for _, row in ipairs(b.body) do
        local cell = row.cells[1]
        local found = false
        if cell then
          local drop = function(x)
            if x.identifier == "nw-rule" then found = true; return {} end
          end
          cell.contents = pandoc.walk_block(pandoc.Div(cell.contents), { Span = drop, Div = drop }).content
        end
        if found then row.attr.classes:insert("nw-rule") end
      end
    end
    local cap = t.caption and t.caption.long or {}
    if #cap == 0 or t.attributes["nw-num"] then return nil end
    local num = number("tab")
    t.attributes["nw-num"] = num
    for _, b in ipairs(cap) do claims_in_caption(b.content or {}, num) end
    local first = cap[1]
    if first and (first.t == "Plain" or first.t == "Para") then
      first.content:insert(1, pandoc.Space())
      first.content:insert(1, pandoc.Span({ pandoc.Str("Table " .. num .. ".") }, { class = "tabnum" }))
    end
    return t
  end,
  Span = function(s)
    local id = s.identifier
    if id:match("^claim:") then
      register(id, st.secnum or st.chapter, "claim")
    elseif s.attributes["label"] then
      -- a \label in running text: the number of what holds it, the
      -- section until a list item or the algorithm says otherwise
      labels[id] = { num = st.secnum or st.chapter, page = st.page, kind = "text" }
    else
      return nil
    end
    s.identifier = idof(id)
    return s
  end,
  BulletList = function(l) return labelled_list(l) end,
  OrderedList = function(l)
    -- \ref to an \item gives the item's number
    for i, item in ipairs(l.content) do
      local num = tostring(l.start + i - 1)
      if l.style == "LowerAlpha" then num = string.char(96 + l.start + i - 1) end
      for _, b in ipairs(item) do
        if b.t ~= "OrderedList" then
          pandoc.walk_block(pandoc.Div({ b }), { Span = function(sp)
            local label = sp.attributes["label"]
            if label and labels[label] then labels[label].num = num; labels[label].kind = "item" end
          end })
        end
      end
    end
    return labelled_list(l)
  end,
  Div = function(d)
    local id = d.identifier
    for _, b in ipairs(d.content) do
      if b.t == "Table" and b.attributes["nw-num"] then
        register(id, b.attributes["nw-num"], "table")
        b.attributes["nw-num"] = nil
      end
    end
    for cls, word in pairs(theorem_names) do
      if d.classes:includes(cls) then
        local num = number("thm")
        register(id, num, cls)
        -- pandoc numbered it on its own: write the book's number
        local p = d.content[1]
        if p and p.content and p.content[1] and p.content[1].t == "Strong" then
          p.content[1] = pandoc.Strong({ pandoc.Str(word), pandoc.Space(), pandoc.Str(num) })
        end
      end
    end
    if d.classes:includes("algorithm") then
      -- the rows of its tabbing (Divs nwrowN, N the indent), then its
      -- caption (a Para that starts with the Emph nw2pandoc.awk made of
      -- it) and its label.  As in the PDF, the caption goes on top.
      local num = number("alg")
      local caption, label, rows = nil, nil, {}
      local strip_label = { Span = function(sp)
        if sp.attributes["label"] then label = sp.attributes["label"]; return {} end
      end }
      for _, b in ipairs(d.content) do
        local indent = b.t == "Div" and b.classes[1] and b.classes[1]:match("^nwrow(%d+)$")
        if indent then
          local inner = {}
          for _, x in ipairs(b.content) do
            inner[#inner + 1] = x.t == "Para" and pandoc.Plain(x.content) or x
          end
          local attr = { class = "algorow" }
          if tonumber(indent) > 0 then attr.style = "padding-left: " .. (1.5 * indent) .. "em" end
          rows[#rows + 1] = pandoc.Div(inner, attr)
        elseif not caption and b.t == "Para" and b.content[1] and b.content[1].t == "Emph" then
          caption = pandoc.walk_block(pandoc.Plain(b.content[1].content), strip_label).content
          pandoc.walk_block(b, strip_label)
        else
          rows[#rows + 1] = pandoc.walk_block(b, strip_label)
        end
      end
      local head = { pandoc.Strong({ pandoc.Str("Algorithm " .. num) }) }
      if caption then head[#head + 1] = pandoc.Space(); for _, x in ipairs(caption) do head[#head + 1] = x end end
      table.insert(rows, 1, pandoc.Para(head))
      d.content = rows
      if label then
        -- the \label's Span registered it as a label in the text
        labels[label] = { num = num, page = st.page, kind = "algorithm" }
        id = label
      end
    end
    if id:match("^claim:") then register(id, st.secnum or st.chapter, "claim") end
    if id ~= "" then d.identifier = idof(id) end
    return d
  end,
}

-- ---------------------------------------------------------------- pages

local pages = {}           -- { file, title (inlines), num, blocks }
local function new_page(file, title, num, h)
  local p = { file = file, title = title, num = num, blocks = {}, header = h }
  pages[#pages + 1] = p
  st.page = file
  return p
end

local special_pages = {
  ["Bibliography"] = "bibliography.html",
  ["Index of chunks"] = "chunks.html",
  ["Index of identifiers"] = "identifiers.html",
}

local function only_span(b)   -- the id of a block that is one empty anchor
  if (b.t == "Para" or b.t == "Plain") and #b.content == 1 and b.content[1].t == "Span"
     and #b.content[1].content == 0 then
    return b.content[1].identifier
  end
  -- (an empty Div comes back from walk_block holding an empty Plain)
  if b.t == "Div" then
    for _, x in ipairs(b.content) do
      if not ((x.t == "Plain" or x.t == "Para") and #x.content == 0) then return nil end
    end
    return b.identifier
  end
end

local chunk_page = {}      -- chunk number -> page
local bib_number = {}      -- key -> n

-- the list thebibliography became: its first item starts with the
-- anchor of a \bibitem
local function is_bibliography(list)
  local first = list.content[1]
  local anchor = first and first[1]
  return anchor and anchor.t == "Div" and anchor.identifier:match("^bib:") ~= nil
end

local function bibliography(list)
  local out = {}
  for n, item in ipairs(list.content) do
    -- an item is the anchor \bibitem became, then the entry
    local anchor, p = item[1], item[2]
    local key = anchor and anchor.t == "Div" and anchor.identifier:match("^bib:(.*)$")
    if not key or not p or p.t ~= "Para" then return nil end
    table.remove(item, 1)
    bib_number[key] = n
    register("bib:" .. key, tostring(n), "bib")
    p.content:insert(1, pandoc.Space())
    p.content:insert(1, pandoc.Span({ pandoc.Str("[" .. n .. "]") }, { class = "bibnum" }))
    out[#out + 1] = pandoc.Div(item, { id = idof("bib:" .. key), class = "bibitem" })
  end
  return out
end

-- Pass one: pages, numbers, labels.
local function pass_one(doc)
  local page = new_page("index.html", {}, nil, nil)
  local front = page
  local chunkno = 0
  for _, b in ipairs(doc.blocks) do
    local marker = only_span(b)
    if marker == "nw-appendix" then
      st.appendix = true
      goto continue
    end
    if b.t == "Header" and b.level == 1 then
      local title = stringify(b.content)
      local file, num
      if b.classes:includes("unnumbered") then
        file = special_pages[title] or (idof(b.identifier) .. ".html")
        st.chapter = nil
      elseif st.appendix then
        st.napp = st.napp + 1
        num = string.char(64 + st.napp)
        file = "app" .. num .. ".html"
      else
        st.nchap = st.nchap + 1
        num = tostring(st.nchap)
        file = string.format("ch%02d.html", st.nchap)
      end
      page = new_page(file, b.content:clone(), num, b)   -- the title without "Chapter 5"
      if num then
        st.chapter = num
        st.sec, st.subsec, st.eq, st.fig, st.tab, st.thm, st.alg = 0, 0, 0, 0, 0, 0, 0
        st.secnum = num
        register(b.identifier, num, "chapter")
        b.content:insert(1, pandoc.Space())
        b.content:insert(1, pandoc.Span({ pandoc.Str((st.appendix and "Appendix " or "Chapter ") .. num) },
                                        { class = "chapnum" }))
      end
      b.identifier = idof(b.identifier)
      page.blocks[#page.blocks + 1] = b
      goto continue
    end
    if marker and marker:match("^nwchunk%-") then
      chunkno = chunkno + 1
      chunk_page[chunkno] = page.file
      page.blocks[#page.blocks + 1] = b
      goto continue
    end
    if b.t == "OrderedList" and is_bibliography(b) then
      -- the page first: the entries' anchors are registered on it
      if page.file ~= "bibliography.html" then
        page = new_page("bibliography.html", { pandoc.Str("Bibliography") }, nil, nil)
        st.chapter = nil
        page.blocks[#page.blocks + 1] = pandoc.Header(1, { pandoc.Str("Bibliography") },
                                                       { id = "bibliography", class = "unnumbered" })
      end
      for _, it in ipairs(bibliography(b)) do page.blocks[#page.blocks + 1] = it end
      goto continue
    end
    -- walk_block filters what a block holds, not the block itself
    for _, nb in ipairs(pandoc.walk_block(pandoc.Div({ b }), number_filter).content) do
      page.blocks[#page.blocks + 1] = nb
    end
    ::continue::
  end
  return front
end

-- ---------------------------------------------------------------- links

-- label -> its page in the PDF, from book.aux, for \pageref
local pdf_pages = {}
local function read_pdf_pages(aux)
  local f = aux and io.open(aux, "r")
  if not f then return end
  for line in f:lines() do
    local label, page = line:match("^\\newlabel{([^}]*)}{{[^{}]*}{([^{}]*)}")
    if label then pdf_pages[label] = page end
  end
  f:close()
end

local function link_to(label, from)
  local l = labels[label]
  if not l then return nil end
  local id = idof(label)
  if opts.mode == "epub" or l.page == from then return "#" .. id end
  return l.page .. "#" .. id
end

-- Inline math and the punctuation right after it stay on one line.
local function keep_punctuation(inlines)
  local out = pandoc.List()
  local i = 1
  while i <= #inlines do
    local x, nx = inlines[i], inlines[i + 1]
    if x.t == "Math" and x.mathtype == "InlineMath" and nx and nx.t == "Str" then
      local p, rest = nx.text:match("^([%.,;:%)!%?]+)(.*)$")
      if p then
        out:insert(pandoc.Span({ x, pandoc.Str(p) }, { class = "nobr" }))
        if rest ~= "" then out:insert(pandoc.Str(rest)) end
        i = i + 2
        goto next
      end
    end
    out:insert(x)
    i = i + 1
    ::next::
  end
  return out
end

local function resolve_filter(from)
  return {
    Inlines = keep_punctuation,
    -- an anchor nw-body that no header needed (pandoc read the table's
    -- header itself): one per table, it would give its id twice on a page
    -- and an anchor nw-rule the table's filter did not find
    Span = function(sp)
      if sp.identifier == "nw-body" or sp.identifier == "nw-rule" then return sp.content end
    end,
    Div = function(d)
      if d.identifier == "nw-body" or d.identifier == "nw-rule" then return d.content end
    end,
    -- a thin space in a number (70\,000) does not break the line
    Str = function(s)
      if s.text:find("\u{2006}", 1, true) then
        return pandoc.Str((s.text:gsub("\u{2006}", "\u{202F}")))
      end
    end,
    Link = function(lk)
      local ref = lk.attributes["reference"]
      if not ref then return nil end
      local onpage = ref:match("^nwpage:(.*)$")
      if onpage then
        -- \pageref: the page of the PDF it is on, linked to the place here
        local pg = pdf_pages[onpage]
        if not pg or not labels[onpage] then
          fail("undefined page reference: " .. onpage .. " (on " .. from .. ")")
          return pandoc.Strong({ pandoc.Str("??") })
        end
        return pandoc.Link({ pandoc.Str(pg) }, link_to(onpage, from), "", { class = "pageref" })
      end
      local l = labels[ref]
      if not l then
        fail("undefined reference: " .. ref .. " (on " .. from .. ")")
        return pandoc.Strong({ pandoc.Str("??") })
      end
      local text = l.num
      if lk.attributes["reference-type"] == "eqref" then text = "(" .. text .. ")" end
      return pandoc.Link({ pandoc.Str(text) }, link_to(ref, from))
    end,
    -- a reference in math (\text{by \eqref{...}}) becomes its number:
    -- MathML holds no links
    Math = function(m)
      local t = m.text:gsub("\\(%a+)%s*{([^{}]*)}", function(cmd, ref)
        if cmd ~= "ref" and cmd ~= "eqref" then return nil end
        local l = labels[ref]
        if not l then
          fail("undefined reference: " .. ref .. " (on " .. from .. ")")
          return "??"
        end
        return cmd == "eqref" and ("(" .. l.num .. ")") or l.num
      end)
      if t ~= m.text then m.text = t; return m end
    end,
    Cite = function(c)
      local out = { pandoc.Str("[") }
      for i, cit in ipairs(c.citations) do
        if i > 1 then out[#out + 1] = pandoc.Str(", ") end
        local n = bib_number[cit.id]
        if not n then fail("undefined citation: " .. cit.id); n = "??" end
        out[#out + 1] = pandoc.Link({ pandoc.Str(tostring(n)) }, link_to("bib:" .. cit.id, from) or "#")
        -- \cite[section 11.3]{key}: pandoc has read the note, \S and
        -- all, into the citation's suffix
        if #cit.suffix > 0 then
          out[#out + 1] = pandoc.Str(",")
          if cit.suffix[1].t ~= "Space" then out[#out + 1] = pandoc.Space() end
          for _, x in ipairs(cit.suffix) do out[#out + 1] = x end
        end
      end
      out[#out + 1] = pandoc.Str("]")
      return pandoc.Span(out, { class = "cite" })
    end,
  }
end

-- ---------------------------------------------------------------- indexes

local function sortkey(s) return s:lower():gsub("[^%w]", "") end

-- An index in groups by first letter, each group a list of its own in
-- columns: a reader goes down one short group, not down a whole page.
local function index_groups(class, names, item)
  local out, letter = {}, nil
  for _, name in ipairs(names) do
    local l = sortkey(name):sub(1, 1):upper()
    if l:match("%d") then l = "0–9" end
    if l ~= letter then
      if letter then out[#out + 1] = "</ul>" end
      letter = l
      out[#out + 1] = '<h2 class="index-letter" id="' .. class .. "-" .. (l == "0–9" and "digits" or l) ..
        '">' .. l .. "</h2>"
      out[#out + 1] = '<ul class="index ' .. class .. '">'
    end
    out[#out + 1] = item(name)
  end
  if letter then out[#out + 1] = "</ul>" end
  return table.concat(out, "\n")
end

-- The keys of a table, in the order of an index: letters and digits
-- only, case aside.
local function index_order(t)
  local names = {}
  for name in pairs(t) do names[#names + 1] = name end
  table.sort(names, function(a, b)
    local ka, kb = sortkey(a), sortkey(b)
    if ka ~= kb then return ka < kb end
    return a < b
  end)
  return names
end

local function chunk_index(x, chunks, from)
  local names = index_order(x.byname)
  local page_of = function(label) return chunk_page[x.bylabel[label].n] end
  return index_groups("chunk-index", names, function(name)
    local parts = x.byname[name]
    local defs, uses = {}, {}
    for _, c in ipairs(parts) do
      defs[#defs + 1] = '<a class="def" href="' .. (page_of(c.label) == from and "" or page_of(c.label)) ..
        "#" .. c.label .. '">' .. c.tag .. "</a>"
    end
    for _, c in ipairs(x.users[name] or {}) do
      uses[#uses + 1] = '<a href="' .. page_of(c.label) .. "#" .. c.label .. '">' .. c.tag .. "</a>"
    end
    return "<li>⟨" .. chunks_lib.name_html(name) .. " " .. parts[1].tag .. "⟩: " ..
      table.concat(defs, ", ") .. (#uses > 0 and ("; used in " .. table.concat(uses, ", ")) or "") .. "</li>"
  end)
end

local function identifier_index(x, from)
  local names = index_order(x.definers)
  local page_of = function(c) return chunk_page[c.n] end
  return index_groups("identifier-index", names, function(name)
    local bare, file = name:match("^(.-) (%(.*%))$")
    -- the chunks in the book's order, as the PDF's index lists them, a
    -- definition marked (underlined)
    local t, seen, all = {}, {}, {}
    local isdef = {}
    for _, c in ipairs(x.definers[name]) do isdef[c] = true end
    for _, l in ipairs({ x.definers[name], x.identifier_users[name] or {} }) do
      for _, c in ipairs(l) do
        if not seen[c] then seen[c] = true; all[#all + 1] = c end
      end
    end
    table.sort(all, function(a, b) return a.n < b.n end)
    for _, c in ipairs(all) do
      t[#t + 1] = '<a' .. (isdef[c] and ' class="def"' or "") .. ' href="' .. page_of(c) .. "#" ..
        c.label .. '">' .. c.tag .. "</a>"
    end
    return '<li><code>' .. chunks_lib.html(bare or name) .. "</code>" ..
      (file and (" " .. chunks_lib.html(file)) or "") .. ": " .. table.concat(t, ", ") .. "</li>"
  end)
end

-- ---------------------------------------------------------------- writing

local function read_file(path)
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  local s = f:read("a"); f:close(); return s
end

local function write_file(path, s)
  local f = assert(io.open(path, "w"), "cannot write " .. path)
  f:write(s); f:close()
end

local function fill(template, vars)
  return (template:gsub("%$([%w-]+)%$", function(k) return vars[k] or "" end))
end

local function inline_html(inlines)
  local s = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), "html5",
                         { html_math_method = "mathml" })
  return (s:gsub("\n$", ""))
end

-- texmath writes \big( as <mo minsize="1.2" maxsize="1.2"
-- stretchy="false">: a multiple of the font size, as MathML 3 allowed.
-- MathML Core, what browsers render, reads only a length there, and
-- sizes only a stretchy operator, so the delimiter kept its normal size:
-- 1.2em, stretchy between equal bounds, is the size \big gives.
-- Where pandoc's MathML and Chromium's MathML Core part ways:
--   - \big and \Big: sizes in em, the delimiter stretchy;
--   - a plain ( ) [ ] is not stretchy, as in TeX (texmath marks them
--     all stretchy, and Chromium draws the parentheses of (k) in a
--     superscript with gaps); the book has no \left ... \right;
--   - a minus right after another operator (= -0.8) is a sign, not a
--     subtraction;
--   - \tanh, \log and the like are names with a thin space after,
--     not operators with space on both sides;
--   - an accent is the spacing character (U+02DC), which Chromium
--     centres, not the combining one (U+0303), which it sets to the left.
local accents = { ["\u{300}"] = "`", ["\u{301}"] = "\u{B4}", ["\u{302}"] = "\u{2C6}",
                  ["\u{303}"] = "\u{2DC}", ["\u{304}"] = "\u{AF}", ["\u{305}"] = "\u{AF}",
                  ["\u{307}"] = "\u{2D9}", ["\u{308}"] = "\u{A8}", ["\u{30C}"] = "\u{2C7}" }
local function mathml_core(html)
  html = html:gsub('<mo minsize="([%d.]+)" maxsize="([%d.]+)" stretchy="false"',
                   '<mo minsize="%1em" maxsize="%2em" stretchy="true" symmetric="true"')
  -- (those around a matrix stay stretchy)
  html = html:gsub('<mo stretchy="true" form="prefix">([%(%[])</mo>(%s*<mtable)',
                   '<mo stretchy="TRUE" form="prefix">%1</mo>%2')
  html = html:gsub('(</mtable>%s*)<mo stretchy="true" form="postfix">([%)%]])</mo>',
                   '%1<mo stretchy="TRUE" form="postfix">%2</mo>')
  html = html:gsub('<mo stretchy="true" form="(%a+)">([%(%)%[%]])</mo>',
                   '<mo stretchy="false" form="%1">%2</mo>')
  html = html:gsub('stretchy="TRUE"', 'stretchy="true"')
  html = html:gsub('</mo>(%s*)<mo>\u{2212}</mo>', '</mo>%1<mo form="prefix">\u{2212}</mo>')
  html = html:gsub('<mo>(%a+)</mo>', function(name)
    if name:match("^%l%l+$") then
      return '<mo lspace="0" rspace="0.1667em">' .. name .. "</mo>"
    end
  end)
  html = html:gsub('<mo accent="true">(.-)</mo>', function(c)
    c = accents[c] or c
    -- a bar (\overline, \bar) spans its base
    if c == "\u{AF}" then return '<mo accent="true" stretchy="true">\u{203E}</mo>' end
    return '<mo accent="true">' .. c .. "</mo>"
  end)
  return html
end

local function plain_title(p)
  return stringify(p.title)
end

local function nav(i)
  local prev, nxt = pages[i - 1], pages[i + 1]
  local t = { '<nav class="pager">' }
  local prev_title = prev and plain_title(prev)
  if prev_title == "" then prev_title = "Title page" end   -- the front page has none
  t[#t + 1] = prev and ('<a class="prev" rel="prev" href="' .. prev.file .. '">← ' ..
    (prev.num and (prev.num .. " ") or "") .. chunks_lib.html(prev_title) .. "</a>")
    or '<span class="prev"></span>'
  t[#t + 1] = '<a class="toc" href="index.html">Contents</a>'
  t[#t + 1] = nxt and ('<a class="next" rel="next" href="' .. nxt.file .. '">' ..
    (nxt.num and (nxt.num .. " ") or "") .. chunks_lib.html(plain_title(nxt)) .. " →</a>")
    or '<span class="next"></span>'
  t[#t + 1] = "</nav>"
  return table.concat(t)
end

local function contents()
  local t = { '<ol class="contents">' }
  for i = 2, #pages do
    local p = pages[i]
    t[#t + 1] = '<li><a href="' .. p.file .. '"><span class="num">' .. (p.num or "") ..
      '</span> ' .. chunks_lib.html(plain_title(p)) .. "</a>"
    local secs = {}
    for _, b in ipairs(p.blocks) do
      -- the sections, and the Exercises, which the PDF's contents list too
      if b.t == "Header" and b.level == 2 then
        secs[#secs + 1] = '<li><a href="' .. p.file .. "#" .. b.identifier .. '">' ..
          inline_html(b.content) .. "</a></li>"
      end
    end
    if #secs > 0 then
      t[#t + 1] = '<ol class="sections">' .. table.concat(secs) .. "</ol>"
    end
    t[#t + 1] = "</li>"
  end
  t[#t + 1] = "</ol>"
  return table.concat(t, "\n")
end

-- ---------------------------------------------------------------- EPUB

-- HTML attributes that pandoc's EPUB writer may write as they are; any
-- other attribute of an element (the "label" pandoc's LaTeX reader puts
-- on the anchor of a \label in a list) becomes data-NAME, as the HTML
-- writer does, since EPUB's XHTML allows no attribute of its own.
local epub_attributes = { width = true, height = true, style = true, title = true,
                          lang = true, dir = true }

local function epub_clean_attributes(el)
  local keep, moved = {}, false
  for k, v in pairs(el.attributes) do
    if epub_attributes[k] or k:match("^data%-") then keep[k] = v
    else keep["data-" .. k] = v; moved = true end
  end
  if moved then el.attributes = keep; return el end
end

-- The whole book for pandoc's EPUB writer, which splits it at every
-- chapter heading (--epub-chapter-level=1) into text/ch001.xhtml,
-- text/ch002.xhtml, ...: the n-th heading of level one, or the blocks
-- before the first, begins the n-th file.  The writer points the links
-- it knows (a \ref, a citation: "#id") into the right file; the links
-- inside the raw HTML of the chunks and of the indexes it does not see,
-- so they are pointed here, from the id each raw block defines.
local function epub(doc)
  local all = {}
  for _, p in ipairs(pages) do
    for _, b in ipairs(p.blocks) do all[#all + 1] = b end
  end
  local file_of, n = {}, 0
  for i, b in ipairs(all) do
    if i == 1 or (b.t == "Header" and b.level == 1) then n = n + 1 end
    if b.t == "RawBlock" then
      for id in b.text:gmatch('%sid="([^"]+)"') do
        file_of[id] = string.format("ch%03d.xhtml", n)
      end
    end
    all[i] = { block = b, file = string.format("ch%03d.xhtml", n) }
  end
  local blocks = {}
  for _, e in ipairs(all) do
    local b = e.block
    if b.t == "RawBlock" then
      b.text = b.text:gsub('href="[^"#]*#([^"]*)"', function(id)
        if id == "" then return 'href="#"' end
        local f = file_of[id]
        if not f then fail("EPUB: a chunk links to " .. id .. ", which no chunk defines"); return nil end
        return 'href="' .. (f == e.file and "" or f) .. "#" .. id .. '"'
      end)
    else
      -- walk_block filters what a block holds, not the block itself
      b = pandoc.walk_block(pandoc.Div({ b }), {
        Span = epub_clean_attributes, Div = epub_clean_attributes,
        Header = epub_clean_attributes, Image = epub_clean_attributes,
        Link = epub_clean_attributes, Code = epub_clean_attributes,
        CodeBlock = epub_clean_attributes }).content[1]
    end
    blocks[#blocks + 1] = b
  end
  if #errors > 0 then
    for _, e in ipairs(errors) do io.stderr:write("book.lua: ", e, "\n") end
    error(#errors .. " problems in the EPUB")
  end
  return pandoc.Pandoc(blocks, doc.meta)
end

function Pandoc(doc)
  for _, k in ipairs({ "mode", "markup", "aux", "outdir", "template", "pdf", "epub" }) do
    local v = doc.meta["nw-" .. k]
    opts[k] = v and stringify(v) or nil
  end
  opts.mode = opts.mode or "html"

  local chunks = chunks_lib.read(opts.markup)
  for i, c in ipairs(chunks) do c.n = i end
  chunks_lib.tags(opts.aux, chunks)
  local x = chunks_lib.link(chunks)
  chunks_lib.identifier_users(x, chunks)

  doc = pandoc.Pandoc(pandoc.walk_block(pandoc.Div(doc.blocks), {
    Math = function(m) m.text = fix_math(m.text); return m end,
  }).content, doc.meta)
  read_pdf_pages(opts.aux)
  -- \paragraph{Title.} is a run-in heading in the PDF, bold at the
  -- start of its paragraph; pandoc makes it a heading of level 5
  local merged = {}
  for i, b in ipairs(doc.blocks) do
    local prev = merged[#merged]
    if b.t == "Para" and prev and prev.t == "Header" and prev.level == 5 then
      local lead = { pandoc.Span({ pandoc.Strong(prev.content) }, { id = prev.identifier, class = "runin" }),
                     pandoc.Space() }
      for _, x in ipairs(b.content) do lead[#lead + 1] = x end
      merged[#merged] = pandoc.Para(lead)
    else
      merged[#merged + 1] = b
    end
  end
  doc = pandoc.Pandoc(merged, doc.meta)
  local front = pass_one(doc)

  -- Pass two: links, chunks, indexes, page by page.
  for _, p in ipairs(pages) do
    local from = p.file
    local out = {}
    local page_of = function(label)
      local c = x.bylabel[label]
      return c and chunk_page[c.n]
    end
    for _, b in ipairs(p.blocks) do
      local marker = only_span(b)
      local k = marker and tonumber(marker:match("^nwchunk%-(%d+)$"))
      if k then
        out[#out + 1] = pandoc.RawBlock("html",
          chunks_lib.chunk_html(x, chunks[k], page_of, opts.mode == "epub" and nil or from,
                                { copy = opts.mode ~= "epub" }))
      elseif marker == "nw-chunk-index" then
        out[#out + 1] = pandoc.RawBlock("html", chunk_index(x, chunks, from))
      elseif marker == "nw-identifier-index" then
        out[#out + 1] = pandoc.RawBlock("html", identifier_index(x, from))
      else
        for _, nb in ipairs(pandoc.walk_block(pandoc.Div({ b }), resolve_filter(from)).content) do
          out[#out + 1] = nb
        end
        -- what the web edition shows after a figure (extras.lua)
        local img = b.t == "Para" and #b.content == 1 and b.content[1].t == "Image" and b.content[1]
        local extra = img and extras.after_figure[img.identifier]
        if extra then out[#out + 1] = pandoc.RawBlock("html", extra(opts.mode)) end
      end
    end
    p.blocks = out
  end

  if #errors > 0 then
    for _, e in ipairs(errors) do io.stderr:write("book.lua: ", e, "\n") end
    error(#errors .. " problems in the web edition")
  end

  if opts.mode == "epub" then return epub(doc) end

  -- One page per chapter, appendix, bibliography and index.
  local template = read_file(opts.template)
  local booktitle = stringify(doc.meta.title or "")
  local subtitle = stringify(doc.meta.subtitle or "")
  local author = stringify(doc.meta.author or "")
  local date = doc.meta.date and inline_html(doc.meta.date) or ""
  -- the whole book as a PDF and, unless nw-epub is "none", an EPUB
  local formats = '<a href="' .. (opts.pdf or "book.pdf") .. '" title="The whole book as one PDF">PDF</a>'
  if opts.epub ~= "none" then
    formats = formats .. ' <a href="' .. (opts.epub or "book.epub") ..
      '" title="The whole book as an e-book (EPUB 3)">EPUB</a>'
  end
  for i, p in ipairs(pages) do
    local body = pandoc.write(pandoc.Pandoc(p.blocks), "html5", { html_math_method = "mathml" })
    if p == front then body = body .. '\n<h2 id="contents">Contents</h2>\n' .. contents() end
    local title = p == front and booktitle or
      ((p.num and (p.num .. " ") or "") .. plain_title(p) .. " — " .. booktitle)
    write_file(opts.outdir .. "/" .. p.file, fill(template, {
      title = chunks_lib.html(title),
      booktitle = chunks_lib.html(booktitle),
      subtitle = chunks_lib.html(subtitle),
      author = chunks_lib.html(author),
      date = date,
      formats = formats,
      ["is-front"] = p == front and "front" or "chapter",
      nav = nav(i),
      body = mathml_core(body),
    }))
  end
  return pandoc.Pandoc({})
end
