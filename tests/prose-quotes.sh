#!/usr/bin/env bash
# Quotes in [[code]] of the prose print straight, and << -- as typed: a
# paragraph is woven and typeset with the preamble of chapters/book.tex
# (which reads build/tex/runs.tex: run after the book is built), and its
# text read back from the PDF.  Usage: tests/prose-quotes.sh SCRATCH-DIR
set -euo pipefail
dir=${1:?usage: tests/prose-quotes.sh SCRATCH-DIR}
want="c == 'x' && s != \`y' -- a << b"
printf '@ Prose [[%s]] end.\n' "$want" > "$dir/q.nw"
noweave -n "$dir/q.nw" > "$dir/q.tex"
{ sed -n '1,/^\\begin{document}/p' chapters/book.tex
  printf '\\input{%s}\n\\end{document}\n' "$dir/q.tex"
} > "$dir/quotes.tex"
pdflatex -interaction=nonstopmode -halt-on-error -output-directory "$dir" \
    "$dir/quotes.tex" > "$dir/quotes.stdout" 2>&1 || { tail -n 20 "$dir/quotes.stdout"; exit 1; }
text=$(pdftotext "$dir/quotes.pdf" -)
if ! grep -qF -- "$want" <<< "$text"; then
    echo "wanted: $want"
    echo "printed: $text"
    exit 1
fi
