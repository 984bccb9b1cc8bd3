#!/bin/bash
# The book's figures as pictures of their own, PDF and SVG, named by label.
# Usage: tools/web/figures.sh BOOK.tex BOOK.aux FIGSRC WORK OUT
#   BOOK.tex  the book's master file (chapters/book.tex): its preamble
#             gives the document class, the packages a drawing needs and
#             the macros \R and \A, so the labels are set as in the book
#   BOOK.aux  the PDF's aux file: its labels, for a drawing that refers
#             to an equation (linked and coloured in the PDF: hyperref
#             with the book's options colours it alike here)
#   FIGSRC    the drawings, one file LABEL.tex each: a figure's body, all
#             but caption and label, as the web edition's back end
#             (tools/web/nw2pandoc.awk) writes them
#   WORK      a scratch directory (emptied first, removed when all went
#             well; else it keeps the failed drawing's log)
#   OUT       gets LABEL.pdf and LABEL.svg for every drawing, and nothing
#             else: it is replaced whole, and only when every one was made
# Run from the top directory: the drawings \input build/fig/NAME.tex,
# gnuplot's cairolatex output, which names its PDF from there.
#
# Each drawing is typeset by pdflatex in a box, on a page of the box's
# size with a margin of 2pt.  pdftocairo turns the page into SVG with
# the glyphs as outlines: the same fonts as the PDF.  The SVG gets a white
# ground (it must not be transparent: a dark page would show through).
# The drawings are made in parallel, one pdflatex per core.  A drawing
# that fails is named with its first error, and OUT is left as it was.
set -u
usage="usage: figures.sh BOOK.tex BOOK.aux FIGSRC WORK OUT"
[ $# -eq 5 ] || { echo "$usage" >&2; exit 1; }
book=$1 aux=$2 src=$3 work=$4 out=$5
[ -r "$book" ] || { echo "figures.sh: $book: cannot read the book's master file" >&2; exit 1; }
[ -r "$aux" ] || { echo "figures.sh: $aux: cannot read the book's aux file" >&2; exit 1; }
[ -d "$src" ] || { echo "figures.sh: $src: no directory of drawings" >&2; exit 1; }
labels=$(cd "$src" && ls -- *.tex 2>/dev/null | sed 's/\.tex$//')
[ -n "$labels" ] || { echo "figures.sh: $src: no drawing (LABEL.tex) in it" >&2; exit 1; }
case $labels in *[!A-Za-z0-9_.$'\n'-]*)
    echo "figures.sh: $src: a drawing's name may hold only letters, digits, '.', '_' and '-'" >&2
    exit 1 ;;
esac

rm -rf "$work" && mkdir -p "$work" || exit 1

# The preamble: the book's own lines, not a copy of them.  Each piece must
# be there once; a changed preamble stops here rather than giving labels
# in other fonts.
pieces='^\\documentclass
^\\usepackage\[T1\]\{fontenc\}
^\\usepackage\[utf8\]\{inputenc\}
^\\usepackage\{lmodern\}
^\\usepackage\{amsmath,amssymb[,}]
^\\usepackage\{graphicx\}
^\\usepackage\{xcolor\}
^\\newcommand\\R\{
^\\newcommand\\A\{'
while IFS= read -r re; do
    n=$(grep -cE -- "$re" "$book")
    [ "$n" -eq 1 ] || {
        echo "figures.sh: $book: expected one line matching $re, found $n" >&2; exit 1; }
    grep -E -- "$re" "$book"
done <<< "$pieces" > "$work/preamble.tex" || exit 1
# hyperref, with the book's options (its \usepackage spans lines).
sed -n '/^\\usepackage\[colorlinks/,/{hyperref}/p' "$book" > "$work/hyperref.tex"
grep -q '{hyperref}' "$work/hyperref.tex" || {
    echo "figures.sh: $book: no \\usepackage[colorlinks,...]{hyperref}" >&2; exit 1; }
{ echo '\PassOptionsToPackage{bookmarks=false}{hyperref}'; cat "$work/hyperref.tex"; } >> "$work/preamble.tex"
grep '^\\newlabel{' "$aux" > "$work/labels.tex"
echo "\\makeatletter \\input{$work/labels.tex} \\makeatother" >> "$work/preamble.tex"
cat >> "$work/preamble.tex" <<'EOF'
\pagestyle{empty}
\hoffset=-1in \voffset=-1in
\newdimen\figmargin \figmargin=2pt
% \figpage{FILE}: FILE's drawing in a box with a margin, on a white ground,
% shipped out on a page of its size.  Inside the box, a line's end is no
% space: a drawing has no prose, and the spaces between its lines would
% widen the box.
\newcommand\figpage[1]{%
  \setbox0=\hbox{\endlinechar=-1 \input{#1}}%
  \ifdim\wd0=0pt \errmessage{#1: the drawing is empty}\fi
  % the page: the drawing with the margin all round
  \setbox2=\hbox{\kern\figmargin\box0\kern\figmargin}%
  \ht2=\dimexpr\ht2+\figmargin\relax \dp2=\dimexpr\dp2+\figmargin\relax
  \pdfpagewidth=\wd2 \pdfpageheight=\dimexpr\ht2+\dp2\relax
  \shipout\vbox{\box2}}
EOF

# One drawing: WORK/LABEL/LABEL.pdf and .svg, or a line naming it and
# its first error.
one() {
    label=$1 d=$work/$1
    mkdir -p "$d" || return 1
    printf '%s\n' "\\input{$work/preamble.tex}" '\begin{document}' \
        "\\figpage{$src/$label.tex}" '\end{document}' > "$d/$label.tex"
    if ! pdflatex -interaction=batchmode -halt-on-error -output-directory="$d" \
            "$d/$label.tex" > /dev/null 2>&1; then
        err=$(grep -m1 -A1 '^!' "$d/$label.log" 2>/dev/null | tr '\n' ' ')
        echo "figures.sh: $label: pdflatex failed: ${err:-no log} (log: $d/$label.log)" >&2
        return 1
    fi
    if grep -q 'Warning' "$d/$label.log"; then
        echo "figures.sh: $label: $(grep -m1 'Warning' "$d/$label.log") (log: $d/$label.log)" >&2
        return 1
    fi
    if ! pdftocairo -svg "$d/$label.pdf" "$d/page.svg" 2> "$d/pdftocairo.err" ||
       [ -s "$d/pdftocairo.err" ] || ! [ -s "$d/page.svg" ]; then
        echo "figures.sh: $label: pdftocairo failed: $(head -1 "$d/pdftocairo.err")" >&2
        return 1
    fi
    # A white ground, the first thing drawn: the page of a PDF is white,
    # the SVG's is transparent, and a dark page would show through.  A
    # raster image (a heat map, a confusion matrix, a picture of 28 by 28
    # pixels) is drawn with square pixels, as in the PDF (/Interpolate
    # false): a browser would otherwise blur it.
    sed -e '0,/^<svg [^>]*>$/s//&\n<rect width="100%" height="100%" fill="#ffffff"\/>/' \
        -e 's/<image /<image style="image-rendering:pixelated" /g' \
        "$d/page.svg" > "$d/$label.svg"
    if [ "$(grep -c '^<rect width="100%" height="100%" fill="#ffffff"/>$' "$d/$label.svg")" != 1 ]; then
        echo "figures.sh: $label: no <svg> line in pdftocairo's output for the white ground" >&2
        return 1
    fi
}
export -f one
export work src

jobs=$(nproc 2>/dev/null || echo 2)
if ! printf '%s\n' $labels | xargs -P "$jobs" -I{} bash -c 'one "$1"' _ {}; then
    echo "figures.sh: the figures were not made; $out is unchanged" >&2
    exit 1
fi

# Every drawing is made: OUT becomes the new set, whole.
rm -rf "$out.new" && mkdir -p "$out.new" || exit 1
for l in $labels; do
    cp "$work/$l/$l.pdf" "$work/$l/$l.svg" "$out.new/" || exit 1
done
rm -rf "$out" && mv "$out.new" "$out" && rm -rf "$work"
