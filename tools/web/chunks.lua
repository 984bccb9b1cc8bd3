-- The code chunks of the web edition, read from noweb's markup stream
-- (the same stream the PDF's weave reads, after the book's identifier
-- finder and noidx), and written as HTML: each chunk with its tag, its
-- name, its code highlighted, links from every use to the chunk it names
-- and from every identifier to the chunk that defines it, the footers
-- the PDF prints under a chunk, and the text notangle makes of it.
-- Loaded by book.lua.
local M = {}

-- ---------------------------------------------------------------- reading

-- Parse the markup stream.  A chunk is a table:
--   name, label (noweb's NW... label, the HTML id), lines (a list of
--   lines, each a list of segments {text = s} | {use = name, ref = label}
--   | {ident = s, ref = label}), defines and uses (identifiers).
function M.read(path)
  local chunks = {}
  local f = assert(io.open(path, "r"))
  local c, line, header, lastref, pending
  for l in f:lines() do
    local kw, rest = l:match("^(@%S+) ?(.*)$")
    if kw == "@begin" and rest:match("^code") then
      c = { lines = {}, defines = {}, uses = {} }
      chunks[#chunks + 1] = c
      line, header = {}, true
    elseif not c then
      -- prose: nothing to read here
    elseif kw == "@end" and rest:match("^code") then
      if #line > 0 then c.lines[#c.lines + 1] = line end
      c = nil
    elseif kw == "@defn" then
      c.name = rest
    elseif kw == "@xref" then
      local what, arg = rest:match("^(%S+) ?(.*)$")
      if what == "label" and not c.label then c.label = arg
      elseif what == "ref" then lastref = arg end
    elseif kw == "@index" then
      local what, arg = rest:match("^(%S+) ?(.*)$")
      if what == "defn" then c.defines[#c.defines + 1] = arg
      elseif what == "use" then
        pending = { name = arg, ref = lastref }
        c.uses[#c.uses + 1] = arg
      end
    elseif kw == "@nl" then
      if header then header = false
      else c.lines[#c.lines + 1] = line; line = {} end
    elseif kw == "@text" and not header then
      local bare = pending and pending.name:gsub(" %(.*%)$", "")
      if pending and rest == bare then
        line[#line + 1] = { ident = rest, ref = pending.ref, name = pending.name }
      else
        line[#line + 1] = { text = rest }
      end
      pending = nil
    elseif kw == "@use" then
      line[#line + 1] = { use = rest, ref = lastref }
    end
  end
  f:close()
  return chunks
end

-- The PDF's tag of each chunk, page and letter ("110a"), from the
-- \newsublabel lines LaTeX wrote into book.aux: the chunks of one page
-- are lettered in the order they appear.  Without the file, the tags are
-- the chunks' numbers.
function M.tags(aux_path, chunks)
  local tag, count = {}, {}
  local f = aux_path and io.open(aux_path, "r")
  if f then
    for l in f:lines() do
      local label, page = l:match("^\\newsublabel{(NW[^}]*)}{{}{([^}]*)}}")
      if label and not tag[label] then
        count[page] = (count[page] or 0) + 1
        tag[label] = page .. string.char(96 + count[page])
      end
    end
    f:close()
  end
  for i, c in ipairs(chunks) do
    c.tag = tag[c.label] or tostring(i)
  end
end

-- Cross-references among chunks: by name, the first definition, the
-- continuations and the users; by label, the chunk.
function M.link(chunks)
  local byname, bylabel, users = {}, {}, {}
  for _, c in ipairs(chunks) do
    bylabel[c.label] = c
    byname[c.name] = byname[c.name] or {}
    table.insert(byname[c.name], c)
    for _, line in ipairs(c.lines) do
      for _, s in ipairs(line) do
        if s.use then
          users[s.use] = users[s.use] or {}
          local u = users[s.use]
          if u[#u] ~= c then u[#u + 1] = c end
        end
      end
    end
  end
  local definers = {}
  for _, c in ipairs(chunks) do
    for _, d in ipairs(c.defines) do
      definers[d] = definers[d] or {}
      table.insert(definers[d], c)
    end
  end
  -- Each chunk's name is also an anchor, on its first part: the name in
  -- lower case, each run of other characters a hyphen ("backprop.c
  -- functions" is #chunk-backprop.c-functions), a number added to the
  -- second of two names that read alike.
  local slug, taken = {}, {}
  for _, c in ipairs(chunks) do
    if byname[c.name][1] == c then
      local s = "chunk-" .. c.name:lower():gsub("[^%w.]+", "-"):gsub("^-+", ""):gsub("-+$", "")
      local t, k = s, 1
      while taken[t] do k = k + 1; t = s .. "-" .. k end
      taken[t] = true
      slug[c.name] = t
    end
  end
  return { byname = byname, bylabel = bylabel, users = users, definers = definers, slug = slug }
end

-- ---------------------------------------------------------------- tangling

-- The text notangle makes of a chunk: its lines, with each use replaced
-- by all the parts of the chunk it names, every line of which is
-- indented by the text before the use.
local function expand(x, lines, depth)
  assert(depth < 50, "chunks use each other in a cycle")
  local out = {}
  for _, line in ipairs(lines) do
    local cur = ""
    for _, s in ipairs(line) do
      if s.use then
        local sub = {}
        for _, p in ipairs(x.byname[s.use] or {}) do
          for _, t in ipairs(expand(x, p.lines, depth + 1)) do sub[#sub + 1] = t end
        end
        if #sub > 0 then
          local pad = cur:gsub("[^\t]", " ")
          cur = cur .. sub[1]
          for i = 2, #sub do
            out[#out + 1] = cur
            cur = (sub[i] == "" and "" or pad) .. sub[i]
          end
        end
      else
        cur = cur .. (s.text or s.ident)
      end
    end
    out[#out + 1] = cur
  end
  return out
end

function M.tangle(x, c)
  return table.concat(expand(x, c.lines, 0), "\n") .. "\n"
end

-- ---------------------------------------------------------------- HTML

local function html(s)
  return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end
M.html = html

-- A chunk's name, with its [[code]] as code.
function M.name_html(name)
  local out, pos = {}, 1
  while true do
    local a, b = name:find("%[%[", pos)
    if not a then break end
    local e = name:find("%]%]", b + 1)
    while e and name:sub(e + 2, e + 2) == "]" do e = e + 1 end
    if not e then break end
    out[#out + 1] = html(name:sub(pos, a - 1))
    out[#out + 1] = "<code>" .. html(name:sub(b + 1, e - 1)) .. "</code>"
    pos = e + 2
  end
  out[#out + 1] = html(name:sub(pos))
  return table.concat(out)
end

local keywords = {}
for w in ([[auto break case continue default do else enum extern for goto if
  inline register restrict return sizeof static struct switch typedef union
  volatile while _Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert
  _Thread_local]]):gmatch("%S+") do keywords[w] = "kw" end
for w in ([[void char short int long float double signed unsigned _Bool bool
  _Complex complex const size_t ptrdiff_t uint8_t uint16_t uint32_t uint64_t
  int8_t int16_t int32_t int64_t uintptr_t FILE va_list]]):gmatch("%S+") do
  keywords[w] = "ty" end

-- Highlight a piece of C.  state carries what continues across pieces
-- and lines: an open block comment, a line comment, a directive.
local function highlight_c(s, state)
  local out, i, n = {}, 1, #s
  local function span(cls, t) out[#out + 1] = '<span class="' .. cls .. '">' .. html(t) .. "</span>" end
  while i <= n do
    if state.comment then
      local e = s:find("*/", i, true)
      local j = e and e + 1 or n
      span("cm", s:sub(i, j)); i = j + 1
      if e then state.comment = false end
    elseif state.linecomment then
      span("cm", s:sub(i)); i = n + 1
    else
      local c2 = s:sub(i, i + 1)
      local c = s:sub(i, i)
      if c2 == "/*" then state.comment = true; span("cm", "/*"); i = i + 2
      elseif c2 == "//" then state.linecomment = true
      elseif c == '"' or c == "'" then
        local j = i + 1
        while j <= n and s:sub(j, j) ~= c do
          if s:sub(j, j) == "\\" then j = j + 1 end
          j = j + 1
        end
        span("st", s:sub(i, j)); i = j + 1
      elseif c == "#" and state.bol then
        local w = s:match("^#%s*%a*", i)
        span("pp", w); i = i + #w
        if w:match("include") then
          local h = s:match("^%s*<[^>]*>", i)
          if h then span("st", h); i = i + #h end
        end
      elseif c:match("[%a_]") then
        local w = s:match("^[%w_]+", i)
        if keywords[w] then span(keywords[w], w) else out[#out + 1] = w end
        i = i + #w
      elseif c:match("%d") or (c == "." and s:sub(i + 1, i + 1):match("%d")) then
        local w = s:match("^[%w.]*", i)
        if w:match("[eE]$") and not w:match("^0[xX]") then
          local e = s:match("^[+-]%d+[%w]*", i + #w)
          if e then w = w .. e end
        end
        span("nu", w); i = i + #w
      else
        out[#out + 1] = html(c); i = i + 1
      end
    end
    if not s:sub(1, i - 1):match("^%s*$") then state.bol = false end
  end
  return table.concat(out)
end

-- A link to a chunk, from a page: the chunk's page and id.
local function href(page_of, from, label)
  local page = page_of(label)
  if page == from or not page then return "#" .. label end
  return page .. "#" .. label
end

local function tag_list(cs, page_of, from)
  local t = {}
  for _, c in ipairs(cs) do
    t[#t + 1] = '<a href="' .. href(page_of, from, c.label) .. '">' .. c.tag .. "</a>"
  end
  return table.concat(t, ", ")
end

local function plural(n, one, many) return n == 1 and one or many end

-- The HTML of chunk c on page `from`.  page_of(label) gives the page of
-- a chunk; opts.copy adds the button that copies the tangled text.
function M.chunk_html(x, c, page_of, from, opts)
  local parts = x.byname[c.name]
  local first = parts[1]
  local is_make = c.name:match("Makefile") ~= nil
  local out = {}
  out[#out + 1] = '<div class="chunk" id="' .. c.label .. '">'
  out[#out + 1] = '<p class="chunk-head">' ..
    (first == c and ('<span class="chunk-anchor" id="' .. x.slug[c.name] .. '"></span>') or "") ..
    '<a class="chunk-tag" href="#' .. c.label .. '">' .. c.tag ..
    '</a> <span class="chunk-name">⟨<a href="' .. href(page_of, from, first.label) .. '">' ..
    M.name_html(c.name) .. "</a> " .. first.tag .. "⟩</span>" ..
    (first == c and "≡" or "+≡")
  if opts.copy then
    out[#out + 1] = ' <button class="copy" type="button" title="Copy the code as notangle writes it">copy</button>'
  end
  out[#out + 1] = "</p>"
  local code = {}
  local state = { comment = false }
  for _, line in ipairs(c.lines) do
    local l = {}
    state.bol, state.linecomment = true, false
    for _, s in ipairs(line) do
      if s.use then
        local target = x.byname[s.use]
        local tg = target and target[1].tag or "?"
        l[#l + 1] = '<span class="use">⟨<a href="' ..
          (target and href(page_of, from, target[1].label) or "#") .. '">' ..
          M.name_html(s.use) .. "</a> " .. tg .. "⟩</span>"
        state.bol = false
      elseif s.ident then
        l[#l + 1] = '<a class="id" href="' .. href(page_of, from, s.ref) .. '">' .. html(s.ident) .. "</a>"
        state.bol = false
      elseif is_make then
        l[#l + 1] = html(s.text)
      else
        l[#l + 1] = highlight_c(s.text, state)
      end
    end
    code[#code + 1] = table.concat(l)
  end
  out[#out + 1] = '<pre class="chunk-code"><code>' .. table.concat(code, "\n") .. "</code></pre>"
  -- The footers, as in the PDF.
  local foot = {}
  if first == c and #parts > 1 then
    local rest = { table.unpack(parts, 2) }
    foot[#foot + 1] = "This definition is continued in " .. plural(#rest, "chunk ", "chunks ") ..
      tag_list(rest, page_of, from) .. "."
  end
  local users = x.users[c.name]
  if users and #users > 0 then
    foot[#foot + 1] = "This code is used in " .. plural(#users, "chunk ", "chunks ") ..
      tag_list(users, page_of, from) .. "."
  elseif first == c then
    foot[#foot + 1] = "Root chunk: notangle writes it to a file."
  end
  for _, d in ipairs(c.defines) do
    local used = {}
    for _, u in ipairs(x.identifier_users[d] or {}) do
      if u ~= c then used[#used + 1] = u end
    end
    foot[#foot + 1] = "Defines <code>" .. html(d) .. "</code>, " ..
      (#used > 0 and ("used in " .. plural(#used, "chunk ", "chunks ") .. tag_list(used, page_of, from))
                  or "not used in another chunk") .. "."
  end
  -- "Uses": the identifiers this chunk uses that another chunk defines,
  -- each with the tag of its definition, as the PDF prints them
  local uses, seen = {}, {}
  for _, u in ipairs(c.uses) do
    local d = x.definers[u] and x.definers[u][1]
    if d and d ~= c and not seen[u] then
      seen[u] = true
      uses[#uses + 1] = "<code>" .. html(u:gsub(" %(.*%)$", "")) .. '</code> <a href="' ..
        href(page_of, from, d.label) .. '">' .. d.tag .. "</a>"
    end
  end
  if #uses > 0 then foot[#foot + 1] = "Uses " .. table.concat(uses, ", ") .. "." end
  if #foot > 0 then
    out[#out + 1] = '<div class="chunk-foot"><p>' .. table.concat(foot, "</p><p>") .. "</p></div>"
  end
  if opts.copy then
    -- A textarea keeps its text as it is, entities decoded; its first
    -- newline is dropped by the HTML parser, hence the extra one.
    out[#out + 1] = '<textarea class="tangled" hidden="" readonly="">\n' .. html(M.tangle(x, c)) .. "</textarea>"
  end
  out[#out + 1] = "</div>"
  return table.concat(out, "\n")
end

-- Which chunks use each identifier.
function M.identifier_users(x, chunks)
  local users = {}
  for _, c in ipairs(chunks) do
    for _, u in ipairs(c.uses) do
      users[u] = users[u] or {}
      local l = users[u]
      if l[#l] ~= c then l[#l + 1] = c end
    end
  end
  x.identifier_users = users
end

return M
