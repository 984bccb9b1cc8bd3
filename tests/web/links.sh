#!/usr/bin/env bash
# Every link of the web edition resolves, offline.  In every page of
# BUILD/html, read with an HTML parser (xmllint): every link without a
# scheme (page.html#id, #id, file) names a file that exists and, with a
# fragment, an element of that page with that id; no id is given twice in
# a page; everything a page loads (<img>, <script>, <link>, <source>, any
# src, data or poster; url() in a style) is a local file that exists,
# never http(s) (links to web sites, in the bibliography, are fine: the
# reader follows them, the page does not load them).  The same for the
# SVG files (href, xlink:href) and the style sheets (url(), @import).
# And index.html links to the PDF and the EPUB, which exist.
# Prints the counts of what it checked.
# Usage: tests/web/links.sh BUILD
# (or  HTML=DIR FORMATS="teacher.pdf" tests/web/links.sh BUILD  for the
# teacher's edition, in DIR, which offers only its PDF)
set -uo pipefail
html=${HTML:-$1/html}
[ -s "$html/index.html" ] || { echo "$html/index.html: no such page"; exit 1; }
cd "$html" || exit 1

# attrs FILE XPATH [--html]: a line FILE<TAB>KIND<TAB>VALUE for each
# attribute XPATH selects, KIND its name with the names of ids (id, name)
# made "id" and, when LOAD is set, those of links to load made "load".
attrs() {
    xmllint ${3:-} --xpath "$2" "$1" 2>/dev/null |
        sed -n "s|^ *\\([-a-zA-Z:]*\\)=\"\\(.*\\)\"\$|$1\t\\1\t\\2|p" |
        awk -F '\t' -v loading="${LOAD:-}" -v OFS='\t' '
            $2 == "id" || $2 == "name" { $2 = "id" }
            loading && $2 ~ /^(href|src|data|poster)$/ { $2 = "load" }
            !loading && $2 ~ /href$/ { $2 = "link" }
            { print }'
}
{
    find . -type f | sed 's|^\./|file\t|'
    for p in *.html; do
        attrs "$p" '//@id | //a/@name | //a/@href | //area/@href' --html
        LOAD=1 attrs "$p" '//link/@href | //@src | //object/@data | //@poster | //@srcset | //@style' --html
        xmllint --html --xpath '//style' "$p" 2>/dev/null | tr '\n' ' ' |
            sed "s|^|$p\tstyle\t|; \$s/\$/\n/" | grep -v "	style	\$"
    done
    for s in $(find . -name '*.svg' | sed 's|^\./||'); do
        attrs "$s" '//@id | //@*[local-name()="href"]' | sed "s/\tlink\t/\tsvgref\t/"
    done
    for c in $(find . -name '*.css' | sed 's|^\./||'); do
        tr '\n' ' ' < "$c" | sed "s|^|$c\tstyle\t|; \$s/\$/\n/"
    done
} | awk -F '\t' -v formats="${FORMATS:-book.pdf book.epub}" '
function decode(s,   out, i, c) {  # %XX and the five entities
    gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
    gsub(/&#39;/, "\047", s); gsub(/&amp;/, "\\&", s)
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "%" && substr(s, i + 1, 2) ~ /^[0-9A-Fa-f][0-9A-Fa-f]$/) {
            out = out sprintf("%c", hex[toupper(substr(s, i + 1, 1))] * 16 + hex[toupper(substr(s, i + 2, 1))])
            i += 2
        } else out = out c
    }
    return out
}
function resolve(from, path,   dir, n, seg, out, i, k) {  # path relative to the file from
    dir = from; sub(/[^\/]*$/, "", dir)
    n = split(dir path, seg, "/"); k = 0
    for (i = 1; i <= n; i++) {
        if (seg[i] == "." || (seg[i] == "" && i < n)) continue
        if (seg[i] == "..") { if (k == 0) return "../" path; k--; continue }
        out[++k] = seg[i]
    }
    path = ""
    for (i = 1; i <= k; i++) path = path (i > 1 ? "/" : "") out[i]
    return path
}
function bad(where, what) { errors++; if (errors <= 40) print where ": " what }
function scheme(u) { return u ~ /^[a-zA-Z][-a-zA-Z0-9+.]*:/ }
# a resource that a page or style loads
function loaded(where, from, u,   f) {
    if (u ~ /^data:/) return
    if (scheme(u) || u ~ /^\/\//) { bad(where, "loads " u " from outside the book"); return }
    f = u; sub(/[?#].*$/, "", f); f = resolve(from, decode(f))
    if (!(f in files)) bad(where, "loads " u ", which does not exist")
    if (f ~ /\.(png|jpe?g|gif|svg|webp)$/) images++; else resources++
}
BEGIN { for (i = 0; i < 16; i++) hex[substr("0123456789ABCDEF", i + 1, 1)] = i }
$1 == "file" { files[$2] = 1; next }
$2 == "id" {
    if (($1, $3) in ids) bad($1, "id \"" $3 "\" given twice")
    ids[$1, $3] = 1; next
}
{ n++; page[n] = $1; kind[n] = $2; value[n] = $3 }
END {
    for (i = 1; i <= n; i++) {
        p = page[i]; u = value[i]
        if (kind[i] == "link" || kind[i] == "svgref") {
            # an image pdftocairo put inside an SVG, as a data: URI, is in the book
            if (kind[i] == "svgref" && u ~ /^data:/) { images++; continue }
            if (scheme(u) || u ~ /^\/\//) {
                if (kind[i] == "svgref") bad(p, "refers to " u " outside the book")
                else if (u ~ /^(https?|mailto):/) external++
                else bad(p, "links to " u)
                continue
            }
            f = u; frag = ""
            if (index(f, "#")) { frag = decode(substr(f, index(f, "#") + 1)); f = substr(f, 1, index(f, "#") - 1) }
            sub(/\?.*$/, "", f)
            f = (f == "") ? p : resolve(p, decode(f))
            links++
            if (p == "index.html") indexlinks[f] = 1
            if (!(f in files)) { bad(p, "links to " u ": no file " f); continue }
            if (frag != "" && f ~ /\.(html|svg)$/) {
                anchors++
                if (!((f, frag) in ids)) bad(p, "links to " u ": " f " has no id \"" frag "\"")
            }
        } else if (kind[i] == "load") loaded(p, p, u)
        else if (kind[i] == "srcset") {
            m = split(u, part, ",")
            for (j = 1; j <= m; j++) { s = part[j]; sub(/^ +/, "", s); sub(/ .*$/, "", s); loaded(p, p, s) }
        } else if (kind[i] == "style") {
            s = u
            while (match(s, /url\( *["\047]?[^"\047) ]*/) || match(s, /@import +["\047][^"\047]*/)) {
                r = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
                sub(/^(url\( *|@import +)["\047]?/, "", r)
                loaded(p, p, r)
            }
        }
    }
    # the contents page offers the other editions
    nf = split(formats, fmts, " ")
    for (i = 1; i <= nf; i++) if (!(fmts[i] in indexlinks)) bad("index.html", "does not link to " fmts[i])
    if (!links || !anchors || !resources) bad("the pages", "no links, anchors or resources found: the check read nothing")
    if (errors > 40) print "... and " errors - 40 " more"
    printf "%d internal links (%d to an anchor), %d images, %d other local resources, %d external links%s\n", \
        links, anchors, images, resources, external, errors ? ": " errors " problems" : ", all resolve"
    exit errors > 0
}'
