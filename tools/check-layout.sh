#!/usr/bin/env bash
# Counts what is wrong with the layout of the book, from the marks that
# chapters/book.tex writes into build/book.lay: the page and height (in
# sp from the foot of the page) of each code line (L), chunk header (H)
# and footer (F), float (G) and chapter start (C); the page and natural
# height of the text and floats of each page of text (P); the height of
# the text area (X).
#   floats-in-chunks    a float between the first and last line of a chunk
#   short-chunks-split  a chunk of at most 20 lines on more than one page
#   long-chunks-split   a longer chunk with fewer than 3 lines on a page
#   footers-alone       a footer (Defines, Uses, Used in) on another page
#                       than the last line of its chunk
#   pages-nearly-empty  a page of text less than a third full, except the
#                       page before a chapter, the front matter (before
#                       the page marked M, or the first chapter) and the
#                       last page
# Prints the five counts and, for each, the pages where it found them
# (PDF pages, counted from 1 as pdftoppm -f counts, not printed page
# numbers); exits 1 if any count is not zero.  Usage: tools/check-layout.sh build/book.lay
set -euo pipefail
lay=${1:?usage: tools/check-layout.sh build/book.lay}
[ -s "$lay" ] || { echo "$lay: no layout marks (is the book built?)" >&2; exit 2; }
awk '
function before(p1, y1, p2, y2) { return p1 < p2 || (p1 == p2 && y1 > y2) }
$1 == "X" { textheight = $2; next }
$1 == "H" { hp[$2] = $3; if ($2 > nchunks) nchunks = $2; next }
$1 == "L" { c = $2; i = $3; n[c] = $4; lp[c, i] = $5; ly[c, i] = $6
            cnt[c, $5]++; if (!((c, "first") in pmin) || $5 < pmin[c, "first"]) pmin[c, "first"] = $5
            if ($5 > pmax[c]) pmax[c] = $5; next }
$1 == "F" { nf++; fc[nf] = $2; fp[nf] = $3; next }
$1 == "G" { ng++; gp[ng] = $2; gy[ng] = $3; next }
$1 == "P" { height[$2] = $3; if ($2 > last) last = $2; next }
$1 == "C" { chap[$2] = 1; if (!firstchap || $2 < firstchap) firstchap = $2; next }
$1 == "M" { mainmatter = $2; next }
{ printf "%s: line %d: unknown mark %s\n", FILENAME, NR, $0 > "/dev/stderr"; bad = 1 }
END {
    if (bad) exit 2
    if (textheight <= 0) { print FILENAME ": no text height" > "/dev/stderr"; exit 2 }
    if (!nchunks || !last) { print FILENAME ": no chunk or no page marks" > "/dev/stderr"; exit 2 }
    for (c = 1; c <= nchunks; c++) {
        if (!(c in n)) continue      # a chunk with no code line
        m = n[c]; p1 = lp[c, 1]; pn = lp[c, m]
        split_ = (hp[c] != p1) || (p1 != pn)
        if (m <= 20) {
            if (split_) { short++; shortpages = shortpages " " hp[c] "-" pn }
        } else if (split_) {
            # every page the chunk is on holds at least 3 of its lines
            badc = (hp[c] != p1)
            for (p = p1; p <= pn; p++) if (cnt[c, p] < 3) badc = 1
            if (badc) { long++; longpages = longpages " " hp[c] "-" pn }
        }
        for (g = 1; g <= ng; g++)
            if (before(lp[c, 1], ly[c, 1], gp[g], gy[g]) &&
                before(gp[g], gy[g], lp[c, m], ly[c, m])) {
                fl++; flpages = flpages " " gp[g]
            }
    }
    for (f = 1; f <= nf; f++) {
        c = fc[f]
        if ((c in n) && fp[f] != lp[c, n[c]]) {
            if (!((c) in footbad)) { foot++; footpages = footpages " " fp[f] }
            footbad[c] = 1
        }
    }
    for (p = 1; p <= last; p++) {
        if (!(p in height)) continue   # a page of floats
        if (p < (mainmatter ? mainmatter : firstchap) || (p + 1) in chap || p == last) continue
        if (height[p] * 3 < textheight) {
            empty++; emptypages = emptypages " " p
        }
    }
    printf "floats-in-chunks %d%s\n", fl, fl ? " (pages" flpages ")" : ""
    printf "short-chunks-split %d%s\n", short, short ? " (pages" shortpages ")" : ""
    printf "long-chunks-split %d%s\n", long, long ? " (pages" longpages ")" : ""
    printf "footers-alone %d%s\n", foot, foot ? " (pages" footpages ")" : ""
    printf "pages-nearly-empty %d%s\n", empty, empty ? " (pages" emptypages ")" : ""
    exit (fl + short + long + foot + empty > 0)
}' "$lay"
