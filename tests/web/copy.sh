#!/usr/bin/env bash
# Copying a chunk from the web edition gives the C of the book.
# 1. For every root chunk (a file: lib/net.c, ..., Makefile), the hidden
#    <textarea class="tangled"> of its pieces, in the order of the pages
#    (index.html, then each page's rel="next"), entities decoded and
#    joined, is byte for byte what notangle -R makes of the chapters, as
#    tools/tangle.sh runs it: with -t8 for the Makefile, whose recipes
#    keep their tabs.
# 2. Every chunk, in the order of the chapters, is on the pages in the
#    same order, and its visible code (<pre class="chunk-code">, tags
#    stripped, entities decoded) is its source lines with each use shown
#    as <name tag>, tag the first definition's (the head shows the same).
# Usage: tests/web/copy.sh BUILD   (from the top of the source tree)
# The chapters, in the book's order, and the root chunks come from the
# environment (CHAPTERS, ROOTS, as make test passes them) or the Makefile.
set -uo pipefail
html=$1/html
scratch=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$scratch"' EXIT; [ -z "${KEEP:-}" ] || echo "scratch: $scratch"
from_make() { make -s --no-print-directory --eval "print-var: ; @echo \$($1)" print-var; }
chapters=${CHAPTERS:-$(from_make CHAPTERS)}
roots=${ROOTS:-$(from_make ROOTS)}
[ -n "$chapters" ] && [ -n "$roots" ] || { echo "no chapters or no roots"; exit 1; }
noweb_lib=$(sed -n 's/^LIB=//p' "$(command -v noweave)")

# The pages in reading order.
pages=() p=index.html
while [ -n "$p" ]; do
    [ -f "$html/$p" ] || { echo "$p: a rel=next link to a page that does not exist"; exit 1; }
    for q in "${pages[@]}"; do [ "$q" != "$p" ] || { echo "$p: the rel=next links loop"; exit 1; }; done
    pages+=("$p")
    p=$(xmllint --html --xpath 'string((//a[@rel="next"])[1]/@href)' "$html/$p" 2>/dev/null)
    p=${p%%#*}
done
mkdir "$scratch/pieces"

# The chunks of the pages: visible.html has each chunk as a line
# "== NAME TAG" (the head's name and tag) and its code; tags has NAME and
# the chunk's own tag for every chunk; pieces/N gets the tangled text of
# the pieces of root number N.
(cd "$html" && cat "${pages[@]}") | awk -v roots="$roots" -v out="$scratch" '
function decode(s) {
    gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
    gsub(/&#39;/, "\047", s); gsub(/&nbsp;/, "\302\240", s)
    gsub(/&amp;/, "\\&", s)
    return s
}
function text(s) { gsub(/<[^>]*>/, "", s); return decode(s) }
function between(s, a, b,   i, j) {  # the text after open up to close
    i = index(s, a); if (!i) return ""
    s = substr(s, i + length(a)); j = index(s, b)
    return j ? substr(s, 1, j - 1) : ""
}
BEGIN {
    n = split(roots, r, " ")
    for (i = 1; i <= n; i++) root[r[i]] = i
}
# one chunk at a time (gathering the pages whole is quadratic in mawk)
/<div class="chunk" id="/ {
    if (c != "") chunk(c)
    c = substr($0, index($0, "<div class=\"chunk\" id=\"") + 23) "\n"
    next
}
c != "" { c = c $0 "\n" }
END { if (c != "") chunk(c); exit bad }
function chunk(c,    head, own, name, tag, code, t, f) {
        head = text(between(c, "<span class=\"chunk-name\">", "</span>"))
        own = text(between(c, "<a class=\"chunk-tag\"", "</a>")); sub(/^[^>]*>/, "", own)
        name = head; sub(/^⟨/, "", name); sub(/ [0-9]+[a-z]*⟩$/, "", name)
        tag = head; sub(/⟩$/, "", tag); sub(/^.* /, "", tag)
        code = between(c, "<pre class=\"chunk-code\">", "</pre>"); sub(/^\n/, "", code)
        print "== " name " " tag > (out "/visible.html")
        print text(code) > (out "/visible.html")
        print name "\t" own > (out "/tags")
        if (name in root) {
            t = between(c, "<textarea class=\"tangled\"", "</textarea>")
            if (!index(t, ">")) { print "chunk " own " (" name ") has no tangled text"; bad = 1; return }
            t = substr(t, index(t, ">") + 1); sub(/^\n/, "", t)
            f = out "/pieces/" root[name]
            printf "%s", decode(t) >> f; close(f)
        }
}' || exit 1

# The same from the chapters, through noweb's own reader.
"$noweb_lib/markup" -t $chapters | awk -v tags="$scratch/tags" -v out="$scratch/visible.src" '
function plain(s) { gsub(/\[\[/, "", s); gsub(/\]\]/, "", s); return s }
BEGIN { FS = "\t"; while ((getline l < tags) > 0) { split(l, a, "\t"); if (!(a[1] in first)) first[a[1]] = a[2] } }
/^@begin code/ { incode = 1; header = 1; body = ""; nl = 0; next }
!incode { next }
/^@defn / { name = plain(substr($0, 7)); next }
/^@nl$/ { if (header) header = 0; else { body = body "\n"; nl = 1 } next }
header { next }
/^@text / { body = body substr($0, 7); next }
/^@use / { u = plain(substr($0, 6)); body = body "⟨" u " " (u in first ? first[u] : "?") "⟩"; next }
/^@end code/ {
    incode = 0; sub(/\n$/, "", body)
    print "== " name " " (name in first ? first[name] : "?") > out
    print body > out
}' || exit 1

bad=0
if ! diff -u "$scratch/visible.src" "$scratch/visible.html" > "$scratch/visible.diff"; then
    echo "the chunks as shown differ from the chapters (- chapters, + pages):"
    head -n 20 "$scratch/visible.diff"; bad=1
fi
nchunks=$(grep -c '^== ' "$scratch/visible.src")
i=0 same=0
for r in $roots; do
    i=$((i + 1))
    tabs=; [ "$r" = Makefile ] && tabs=-t8
    notangle $tabs -R"$r" $chapters > "$scratch/expected" 2>"$scratch/notangle.err" ||
        { echo "notangle -R$r failed: $(head -n 1 "$scratch/notangle.err")"; bad=1; continue; }
    if [ ! -e "$scratch/pieces/$i" ]; then
        echo "$r: no chunk of the pages has its tangled text"; bad=1
    elif ! cmp -s "$scratch/expected" "$scratch/pieces/$i"; then
        echo "$r: the copied text differs from notangle's (- notangle, + pages):"
        diff -u "$scratch/expected" "$scratch/pieces/$i" | sed -n '3,12p'; bad=1
    else
        same=$((same + 1))
    fi
done
echo "$nchunks chunks shown as in the chapters$([ -s "$scratch/visible.diff" ] && echo ' (NOT all)'); $same of $i root files copy as notangle writes them; ${#pages[@]} pages"
exit $bad
