# The web edition's back end: the book's master file with its chapters,
# as LaTeX that pandoc's LaTeX reader understands.
#
#   awk -v markup=build/web/book.mk -v runs=build/tex/runs.tex \
#       -v figdir=build/web/figsrc \
#       -f tools/web/nw2pandoc.awk chapters/book.tex > build/web/book.tex
#
# book.mk is noweb's markup stream of all chapters, through the book's
# identifier finder and noidx: the same stream the PDF's weave reads.
# Prose passes through as it is, except where pandoc would lose something
# the PDF has:
#   - each code chunk becomes the marker \hypertarget{nwchunk-K}{}, K its
#     place among the book's chunks; tools/web/book.lua reads the chunk
#     itself from the same markup stream and writes its HTML;
#   - [[code]] in prose, and \texttt{...} of plain text, become \verb;
#   - \run{key} becomes the number a run wrote, \claim{key}{...} an
#     anchor around its sentence, \pageref{x} a \ref{nwpage:x};
#   - a table's rows that a run wrote (\tablerows, \input of build/data,
#     a chapter's own \let\XXrows\@@input) are read in place, since
#     pandoc reads \input only between blocks; below a header of several
#     rows the anchor nw-body tells the filter where the header ends, and
#     below a \midrule in the body the anchor nw-rule where to draw it;
#   - the rows of the algorithm's tabbing become environments nwrowN,
#     N their indent;
#   - a figure's drawing (what it holds besides its caption and label)
#     goes to a file of its own, figdir/LABEL.tex, which
#     tools/web/figures.sh typesets and turns into fig/LABEL.svg, the
#     image of the figure here;
#   - numbered display math is marked \nwnumberone (one number) or
#     \nwnumberrows (a number a row), for the filter to number it as
#     LaTeX would;
#   - \appendix, \nowebchunks, \nowebindex and \bibitem become anchors
#     the filter recognizes.
# From the preamble only the title, author and date, the book's own math
# macros and its theorem styles are kept.

function esc(s) {
    gsub(/\\/, "\001", s)
    gsub(/[{}_&#%$]/, "\\\\&", s)
    gsub(/\^/, "\\^{}", s)
    gsub(/~/, "\\~{}", s)
    gsub(/\001/, "\\textbackslash{}", s)
    return s
}

# Code in prose as pandoc's \verb, which keeps every character: in
# \texttt pandoc's reader would make -- a dash and ' a curly quote.  The
# text is kept aside until the line has been through prose(), which
# would otherwise read a \run{...} or \\ of the code as LaTeX.
function verb(code,    d, i) {
    d = "|!+@=;:/^\"*"
    for (i = 1; i <= length(d); i++)
        if (index(code, substr(d, i, 1)) == 0) break
    if (i > length(d)) fail("no delimiter for \\verb of: " code)
    verbs[++nverbs] = "\\verb" substr(d, i, 1) code substr(d, i, 1)
    return "\002" nverbs "\003"
}

function unverb(s,    p, q, n) {
    while ((p = index(s, "\002")) > 0) {
        q = index(s, "\003")
        n = substr(s, p + 1, q - p - 1) + 0
        s = substr(s, 1, p - 1) verbs[n] substr(s, q + 1)
    }
    return s
}

# An author's \texttt{...} of plain text and escaped specials, outside
# math, becomes \verb too; one holding other commands is left as it is.
function texttt(s,    out, p, i, c, depth, arg, code, rest) {
    out = ""
    while ((p = index(s, "\\texttt{")) > 0) {
        depth = 0
        for (i = p + 7; i <= length(s); i++) {
            c = substr(s, i, 1)
            if (c == "\\") { i++; continue }
            if (c == "{") depth++
            else if (c == "}" && --depth == 0) break
        }
        if (i > length(s)) break
        arg = substr(s, p + 8, i - p - 8)
        code = arg
        gsub(/\\textbackslash\{\}|\\char`\\\\/, "\001", code)
        rest = code
        gsub(/\\[_#%$&{}]/, "", rest)
        if (rest ~ /[\\{}~]/ || substr(s, 1, p - 1) ~ /\\(text|mbox)\{[ \t]*$/) {
            out = out substr(s, 1, i); s = substr(s, i + 1); continue
        }
        code = unescape(code)
        gsub(/\001/, "\\", code)
        out = out substr(s, 1, p - 1) verb(code)
        s = substr(s, i + 1)
    }
    return out s
}

function unescape(s,    out) {
    out = ""
    while (match(s, /\\[_#%$&{}]/)) {
        out = out substr(s, 1, RSTART - 1) substr(s, RSTART + 1, 1)
        s = substr(s, RSTART + RLENGTH)
    }
    return out s
}

# The value a run wrote for each key: lines \setrun{key}{value}.
function read_runs(file,    line, key, val, n, more) {
    while ((getline line < file) > 0) {
        if (line !~ /^\\setrun\{/) continue
        # a value may run over several lines (the rows of a table): read
        # on until its braces balance
        while (gsub(/\{/, "{", line) > gsub(/\}/, "}", line) && (getline more < file) > 0)
            line = line "\n" more
        line = substr(line, 9)
        n = index(line, "}")
        key = substr(line, 1, n - 1)
        val = substr(line, n + 2)
        sub(/\}[ \t]*%?[ \t]*$/, "", val)
        run[key] = val
    }
    close(file)
}

function fail(msg) {
    printf "nw2pandoc: %s\n", msg > "/dev/stderr"
    failed = 1
    exit 1
}

# Replace \run{key} with its value, everywhere in the line.
function runs_in(s,    out, p, rest, n, key) {
    out = ""
    while ((p = index(s, "\\run{")) > 0) {
        out = out substr(s, 1, p - 1)
        rest = substr(s, p + 5)
        n = index(rest, "}")
        key = substr(rest, 1, n - 1)
        if (!(key in run)) fail("no run defined the number '" key "'")
        out = out run[key]
        s = substr(rest, n + 1)
    }
    return out s
}

# The text of a file a run wrote, each line made ready for pandoc.
function inline_file(file,    line, out) {
    out = ""
    if ((getline line < file) <= 0) fail("cannot read " file)
    do out = out prose(line) "\n"; while ((getline line < file) > 0)
    close(file)
    return out
}

# A one-argument macro a chapter defines on one line inside a table,
# \newcommand\row[1]{...}, confuses pandoc's reader of tables: the
# definition is kept here and each use expanded.
function macros(s,    name, body, p, arg, out) {
    if (match(s, /^[ \t]*\\newcommand\\[A-Za-z]+\[1\]\{.*\}[ \t]*$/)) {
        name = s; sub(/^[ \t]*\\newcommand\\/, "", name); sub(/\[1\].*/, "", name)
        body = s; sub(/^[^{]*\{/, "", body); sub(/\}[ \t]*$/, "", body)
        macro[name] = body
        return ""
    }
    for (name in macro) {
        while (match(s, "\\\\" name "\\{[^{}]*\\}")) {
            arg = substr(s, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
            out = macro[name]
            gsub(/#1/, arg, out)
            s = substr(s, 1, RSTART - 1) out substr(s, RSTART + RLENGTH)
        }
    }
    return s
}

# An \item[label] of a numbered or bulleted list: pandoc keeps the label
# only in a description list, so it becomes an anchor nwitem-K around
# the label, which book.lua puts in place of the item's number.
function item_labels(s,    tok, out, depth, i, c, lab) {
    out = ""
    while (match(s, /\\(begin|end)\{(itemize|enumerate|description)\}|\\item\[/)) {
        tok = substr(s, RSTART, RLENGTH)
        out = out substr(s, 1, RSTART - 1)
        s = substr(s, RSTART + RLENGTH)
        if (tok ~ /^\\begin/) { lists[++nlists] = tok; out = out tok; continue }
        if (tok ~ /^\\end/) { if (nlists > 0) nlists--; out = out tok; continue }
        if (nlists == 0 || lists[nlists] ~ /description/) { out = out tok; continue }
        depth = 0
        for (i = 1; i <= length(s); i++) {
            c = substr(s, i, 1)
            if (c == "{") depth++
            else if (c == "}") depth--
            else if (c == "]" && depth == 0) break
        }
        lab = substr(s, 1, i - 1)
        s = substr(s, i + 1)
        out = out "\\item \\hypertarget{nwitem-" ++nitems "}{" lab "}"
    }
    return out s
}

# An exercise, \exercise{Kind}{d}, as the PDF shows it: an item with its
# kind and d stars; a \hint{...} as a paragraph of the item.
function exercises(s,    k, d, stars) {
    if (s ~ /^\\chapter\{/) { chapnum++; exnum = 0 }
    while (match(s, /\\exercise\{[^{}]*\}\{[0-9]\}/)) {
        k = substr(s, RSTART + 10, RLENGTH - 14)
        d = substr(s, RSTART + RLENGTH - 2, 1) + 0
        stars = ""
        while (d-- > 0) stars = stars "\\star"
        # the label the PDF gives it, exercise:C.n, n its number in chapter C
        s = substr(s, 1, RSTART - 1) "\\item \\label{exercise:" chapnum "." ++exnum "}" \
            "\\emph{(" k ",} $" stars "$\\emph{.)}" substr(s, RSTART + RLENGTH)
    }
    while (match(s, /\\hint\{/))
        s = substr(s, 1, RSTART - 1) "\\par \\emph{Hint:} {" substr(s, RSTART + RLENGTH)
    # the running head of the PDF's pages of exercises and solutions
    if (s ~ /^\\markright\{.*\}[ \t]*$/) s = ""
    # the teacher's edition: a solution is headed, run in, by the number
    # of its exercise, its chapter's number counted above
    if (match(s, /^\\begin\{solution\}\{[0-9]+\}/))
        s = "\\paragraph{Exercise " chapnum "." substr(s, 18, RLENGTH - 18) ".}" substr(s, RLENGTH + 1)
    if (s ~ /^\\end\{solution\}[ \t]*$/) s = ""
    return s
}

# One line of prose, made ready for pandoc.
function prose(s,    m, file, name, start, len) {
    s = exercises(s)
    # \protect keeps \run and \claim whole in a moving argument; here
    # it would be left in front of the number, where pandoc's math fails
    while (match(s, /\\protect[ \t]*\\(run|claim)\{/)) {
        m = substr(s, RSTART, RLENGTH); sub(/^\\protect[ \t]*/, "", m)
        s = substr(s, 1, RSTART - 1) m substr(s, RSTART + RLENGTH)
    }
    s = macros(runs_in(s))
    # a chapter's own name for TeX's \input of a table's rows:
    # \makeatletter\let\descentrows\@@input\makeatother, then
    # \descentrows build/data/FILE.tex
    if (match(s, /\\let\\[A-Za-z]+\\@@input/)) {
        name = substr(s, RSTART + 5, RLENGTH - 13)
        rowsinput[name] = 1
        sub(/\\makeatletter\\let\\[A-Za-z]+\\@@input\\makeatother/, "", s)
    }
    for (name in rowsinput)
        while (match(s, "\\\\" name "[ \t]+build/(data|tex)/[^ \t}]*")) {
            start = RSTART; len = RLENGTH
            file = substr(s, start, len); sub(/^[^ \t]*[ \t]+/, "", file)
            s = substr(s, 1, start - 1) inline_file(file) substr(s, start + len)
        }
    # \woven is the folder of the edition's weave, runs and claims
    while (match(s, /\\woven\//))
        s = substr(s, 1, RSTART - 1) woven "/" substr(s, RSTART + RLENGTH)
    while (match(s, /\\(tablerows|input)\{build\/(data|tex)\/[^}]*\}/)) {
        start = RSTART; len = RLENGTH   # inline_file matches too
        file = substr(s, start, len)
        sub(/^[^{]*\{/, "", file); sub(/\}$/, "", file)
        s = substr(s, 1, start - 1) inline_file(file) substr(s, start + len)
    }
    while (match(s, /\\claim\{[^}]*\}\{/)) {
        m = substr(s, RSTART + 7, RLENGTH - 9)
        # {} before it: at the start of a paragraph pandoc would make the
        # anchor a block of its own and split the paragraph after it
        s = substr(s, 1, RSTART - 1) "{}\\hypertarget{claim:" m "}{" substr(s, RSTART + RLENGTH)
    }
    # a page of the PDF: book.lua links it to the place, with the PDF's page
    gsub(/\\pageref\{/, "\\ref{nwpage:", s)
    # pandoc reads [ after \enspace as its optional argument and drops it
    gsub(/\\enspace[ \t]*\[/, "\\enspace{}[", s)
    # and >{...} before a column eats the first character of its cells
    gsub(/>\{\\raggedright\\arraybackslash\}/, "", s)
    # pandoc loses a table whose row ends with extra space, \\[-0.6ex]
    # (by match and substr: awks differ on a backslash in gsub's replacement)
    while (match(s, /\\\\\[-?[0-9.]+(ex|em|pt|mm|cm)\]/))
        s = substr(s, 1, RSTART + 1) substr(s, RSTART + RLENGTH)
    # nor the trimming of a rule, \cmidrule(lr){2-3}
    gsub(/\\cmidrule\([lr]*\)/, "\\cmidrule", s)
    # nor can it read a column of \multicolumn with @{} in it
    while (match(s, /\\multicolumn\{[0-9]+\}\{@\{\}/))
        s = substr(s, 1, RSTART + RLENGTH - 4) substr(s, RSTART + RLENGTH)
    # pandoc drops a float it does not know with its caption: the
    # caption of the algorithm becomes a paragraph of it
    if (s ~ /\\begin\{algorithm\}/) inalg = 1
    if (s ~ /\\end\{algorithm\}/) inalg = 0
    if (inalg) sub(/\\caption\{/, "\\par\\emph{", s)
    gsub(/\\begin\{(equation|multline)\}/, "&\\nwnumberone ", s)
    gsub(/\\begin\{(align|gather)\}/, "&\\nwnumberrows ", s)
    gsub(/\\begin\{alignat\}\{[0-9]+\}/, "&\\nwnumberrows ", s)
    s = inner_rules(header_rows(s))
    if (s ~ /^[ \t]*\\appendix[ \t]*$/) s = "\\hypertarget{nw-appendix}{}"
    gsub(/\\nowebchunks/, "\n\\hypertarget{nw-chunk-index}{}\n", s)
    gsub(/\\nowebindex/, "\n\\hypertarget{nw-identifier-index}{}\n", s)
    gsub(/\\begin\{thebibliography\}\{[^}]*\}/, "\\begin{enumerate}", s)
    gsub(/\\end\{thebibliography\}/, "\\end{enumerate}", s)
    while (match(s, /\\bibitem\{[^}]*\}/)) {
        m = substr(s, RSTART + 9, RLENGTH - 10)
        s = substr(s, 1, RSTART - 1) "\\item \\hypertarget{bib:" m "}{}" substr(s, RSTART + RLENGTH)
    }
    return unverb(tabbing(texttt(item_labels(s))))
}

# pandoc reads one row of a table's header: when more rows stand above
# \midrule, the first cell of the row below it gets the anchor
# nw-body, and book.lua moves the rows above that row into the header.
function header_rows(s,    copy) {
    if (s ~ /\\begin\{tabular\}/) { tabrows = 0; tabstate = 1 }
    if (tabstate == 1) {
        if (s ~ /\\midrule/) tabstate = (tabrows > 1) ? 2 : 0
        else { copy = s; tabrows += gsub(/\\\\/, "", copy) }
        return s
    }
    if (tabstate == 2 && s ~ /[^ \t]/ && s !~ /^[ \t]*\\(midrule|cmidrule|addlinespace|bottomrule|hline|end)/) {
        tabstate = 0
        # inside a \multicolumn that starts the row: pandoc reads no
        # \multicolumn with anything before it
        if (match(s, /^[ \t\n]*\\multicolumn\{[0-9]+\}\{[^}]*\}\{/))
            s = substr(s, 1, RLENGTH) "\\hypertarget{nw-body}{}" substr(s, RLENGTH + 1)
        else
            sub(/^[ \t\n]*/, "&\\hypertarget{nw-body}{}", s)
    }
    if (s ~ /\\end\{tabular\}/) tabstate = 0
    return s
}

# pandoc keeps no \midrule below the header's: the first cell of the row
# after each such rule gets the anchor nw-rule, and book.lua draws the
# rule above that row.  A table's rows that a run wrote come in one
# string with their rules, so each \midrule of s is looked at in turn.
function inner_rules(s,    out, rest, part, more, after) {
    if (s ~ /\\begin\{tabular\}/) { intabular = 1; rules = 0; rulenext = 0 }
    if (!intabular) return s
    out = ""; rest = s
    do {
        more = match(rest, /\\midrule/)
        part = more ? substr(rest, 1, RSTART - 1) : rest
        after = more ? substr(rest, RSTART + RLENGTH) : ""
        if (rulenext) part = rule_above(part)   # its match moves RSTART
        out = out part
        if (more) {
            out = out "\\midrule"
            rulenext = (++rules > 1)
            rest = after
        }
    } while (more)
    if (s ~ /\\end\{tabular\}/) intabular = rulenext = 0
    return out
}

# The anchor nw-rule at the start of the first row in s, if one starts
# there; a \multicolumn gets it inside (see header_rows).
function rule_above(s,    lead) {
    match(s, /^([ \t\n]|\\cmidrule(\([lr]*\))?\{[0-9-]*\}|\\addlinespace(\[[^]]*\])?)*/)
    lead = RLENGTH
    if (lead == length(s)) return s     # the row is still to come
    rulenext = 0
    if (substr(s, lead + 1) ~ /^\\(bottomrule|hline|end)/) return s
    if (match(substr(s, lead + 1), /^\\multicolumn\{[0-9]+\}\{[^}]*\}\{/))
        lead += RLENGTH
    return substr(s, 1, lead) "\\hypertarget{nw-rule}{}" substr(s, lead + 1)
}

# The algorithm of chapter 22 is a tabbing: each row becomes an
# environment nwrowN, N the number of its \> (its indent), which pandoc
# reads as a Div of class nwrowN; book.lua indents it.
function tabbing(s,    n, pre) {
    if (s ~ /\\begin\{tabbing\}/) { intab = 1; return "" }
    if (s ~ /\\end\{tabbing\}/) {
        intab = 0
        if (!rowopen) return ""
        rowopen = 0; return "\\end{nwrow" rowindent "}"
    }
    if (!intab) return s
    if (s ~ /\\kill/) return ""
    pre = ""
    if (!rowopen) {
        n = 0
        while (sub(/\\>/, "", s)) n++
        rowopen = 1; rowindent = n
        pre = "\\begin{nwrow" n "}"
    }
    if (sub(/\\\\[ \t]*$/, "", s)) {
        rowopen = 0
        return pre s "\\end{nwrow" rowindent "}"
    }
    return pre s
}

# Write a line of prose; a figure is gathered whole, and its drawing
# replaced by the image the web edition makes of it.
function emit(s,    cap, lab, name, body, p, depth, i, c, after) {
    if (!infig && s !~ /\\begin\{figure\}/) { print s; return }
    infig = 1
    after = ""
    if (match(s, /\\end\{figure\}/)) {
        # prose may follow \end{figure} on its line: it is not the figure's
        after = substr(s, RSTART + RLENGTH)
        s = substr(s, 1, RSTART + RLENGTH - 1)
    }
    fig = fig s "\n"
    if (s !~ /\\end\{figure\}/) return
    infig = 0
    body = fig; fig = ""
    cap = ""
    if ((p = index(body, "\\caption{")) > 0) {
        depth = 0
        for (i = p + 8; i <= length(body); i++) {
            c = substr(body, i, 1)
            if (c == "{") depth++
            else if (c == "}" && --depth == 0) break
        }
        cap = substr(body, p, i - p + 1)
        body = substr(body, 1, p - 1) substr(body, i + 1)
    }
    lab = ""
    if (match(body, /\\label\{[^}]*\}/)) {
        lab = substr(body, RSTART, RLENGTH)
        body = substr(body, 1, RSTART - 1) substr(body, RSTART + RLENGTH)
    } else if (match(cap, /\\label\{[^}]*\}/))
        lab = substr(cap, RSTART, RLENGTH)
    if (lab != "") { name = substr(lab, 8, length(lab) - 8); gsub(/:/, "-", name) }
    else name = "figure-" ++figures
    sub(/\\begin\{figure\}(\[[^]]*\])?/, "", body)
    sub(/\\end\{figure\}/, "", body)
    gsub(/\\centering/, "", body)
    printf "%s", body > (figdir "/" name ".tex")
    close(figdir "/" name ".tex")
    printf "\\begin{figure}\n\\centering\n\\includegraphics{fig/%s.svg}\n%s%s\n\\end{figure}\n", name, cap, lab
    if (after ~ /[^ \t]/) print after
}

# The chapters: noweb's markup stream.  A line of prose is gathered from
# its @text and @quote pieces and written at its @nl.
function chapters(file, verbatim,    line, kw, rest, chunk, quoting, quoted, buf, code) {
    chunk = 0
    buf = ""
    while ((getline line < file) > 0) {
        kw = line; sub(/ .*/, "", kw)
        rest = substr(line, length(kw) + 2)
        if (kw == "@begin" && rest ~ /^code/) {
            incode = 1
            code = ""
            if (!verbatim) printf "\n\\hypertarget{nwchunk-%d}{}\n\n", ++chunk
        } else if (kw == "@end" && rest ~ /^code/) {
            incode = 0
            if (verbatim) printf "\\begin{verbatim}\n%s\\end{verbatim}\n\n", code
        } else if (incode && verbatim) {
            # a lab's chunk, shown as its text: it is no chunk of the book
            if (kw == "@defn") code = "<<" rest ">>=\n"
            else if (kw == "@text") code = code rest
            else if (kw == "@use") code = code "<<" rest ">>"
            else if (kw == "@nl") code = code "\n"
        } else if (incode) {
            continue
        } else if (kw == "@quote") {
            quoting = 1; quoted = ""
        } else if (kw == "@endquote") {
            # in math (\text{[[GRID]]}) as \texttt, which texmath reads
            if (buf ~ /\\(text|mbox)\{[ \t]*$/) buf = buf "\\texttt{" esc(quoted) "}"
            else buf = buf verb(quoted)
            quoting = 0
        } else if (kw == "@text") {
            if (quoting) quoted = quoted rest
            else buf = buf rest
        } else if (kw == "@nl" && quoting) {
            quoted = quoted " "   # [[unsigned char]] across a line
        } else if (kw == "@nl" && buf ~ /^[ \t]*\\chaptermark\{.*\}[ \t]*$/) {
            buf = ""   # the running head of the PDF; between \chapter and \label it hides the label from pandoc
        } else if (kw == "@nl") {
            emit(prose(buf)); buf = ""
        } else if (kw == "@end" && rest ~ /^docs/) {
            if (buf != "") emit(prose(buf))
            buf = ""
        }
    }
    close(file)
}

BEGIN {
    if (markup == "" || runs == "" || figdir == "")
        fail("usage: awk -v markup=FILE -v runs=FILE -v figdir=DIR -f nw2pandoc.awk book.tex")
    read_runs(runs)
    if (woven == "") woven = "build/tex"
}

# The preamble: the title, the book's math macros, its theorems.
!body && /^\\title\{/ { title = 1 }
!body && title {
    t = t " " $0
    if ($0 ~ /\}[ \t]*$/ && t ~ /\\\\/) {
        gsub(/\\(Huge|Large)[ \t]*/, "", t)
        sub(/^ *\\title\{ */, "", t); sub(/\} *$/, "", t)
        split(t, parts, /\\\\(\[[^]]*\])?/)
        gsub(/^ +| +$/, "", parts[1]); gsub(/^ +| +$/, "", parts[2]); gsub(/  +/, " ", parts[2])
        printf "\\title{%s}\n\\subtitle{%s}\n", parts[1], parts[2]
        title = 0
    }
    next
}
!body && /^\\(newcommand\\[A-Z]\{|newtheorem|theoremstyle)/ { print; next }
!body && /^\\author\{.*\}[ \t]*$/ { print; next }
# the date of the build, as LaTeX's \today writes it
!body && /^\\date\{.*\}[ \t]*$/ {
    gsub(/\\today/, strftime("%B %-d, %Y"))
    if (edition != "") $0 = "\\date{" edition ",\\\\ " substr($0, 7)
    print; next
}
!body && /^\\begin\{document\}/ { body = 1; print; next }
!body { next }

/^[ \t]*\\(frontmatter|mainmatter|backmatter|maketitle|tableofcontents|clearpage|phantomsection)[ \t]*$/ { next }
/^[ \t]*\\small\\rightskip/ { next }
# the two columns of the indexes are the style sheet's (pandoc would print
# the {2} of \begin{multicols}{2} and hide the index's anchor in it)
/^[ \t]*\\(begin|end)\{multicols\}/ { next }
/^[ \t]*\\(addcontentsline|markboth|chaptermark)\{/ { next }
/^[ \t]*\\input\{\\woven\/chapters\.tex\}/ { chapters(markup, 0); next }
# The teacher's edition's appendix of lab handouts (teacher/teacher.tex):
# with -v labs=MARKUP -v labintro=FILE, its first page and the labs'
# markup, their chunks as text; none in the book.
/^[ \t]*\\providecommand\\teacherappendices\{\}[ \t]*$/ { next }
/^[ \t]*\\teacherappendices[ \t]*$/ {
    if (labs != "") {
        while ((getline line < labintro) > 0) if (line !~ /^%/) emit(prose(line))
        close(labintro)
        chapters(labs, 1)
    }
    next
}
{ emit(prose($0)) }

END { if (failed) exit 1 }
