#!/bin/sh
# One cart-pole episode as an animated GIF for the web edition, by
# figures/cartpole-anim.gp (the script of `make animation`).
# Usage: tools/web/animation.sh EPISODES BLOCK OUT.gif
#   EPISODES  balance --episode's file; BLOCK 0 is the episode before
#             training, 1 the one after
# Frames are stored as changes from the frame before (gnuplot's optimize),
# a third of the size; should libgd warn, the GIF is made again with
# plain frames.  OUT appears only when it holds more than one frame.
usage="usage: animation.sh EPISODES BLOCK OUT.gif"
[ $# -eq 3 ] || { echo "$usage" >&2; exit 1; }
data=$1 block=$2 out=$3
script=figures/cartpole-anim.gp
[ -r "$data" ] || { echo "animation.sh: $data: cannot read the episodes" >&2; exit 1; }
case $block in 0|1) ;; *) echo "animation.sh: block $block: must be 0 or 1" >&2; exit 1 ;; esac
case $data$out in *"'"*) echo "animation.sh: a file name may not hold a quote" >&2; exit 1 ;; esac
log=$out.log
trap 'rm -f "$out.new" "$log"' EXIT

# gnuplot's one line on a good run: "N frames in animation sequence".
draw() {
    rm -f "$out.new"
    gnuplot -e "f = '$data'; block = $block; optimize = $1; out = '$out.new'" \
        "$script" 2> "$log" || { cat "$log" >&2; echo "animation.sh: $out: gnuplot failed" >&2; exit 1; }
}
draw 1
if grep -qv '^[0-9]* frames in animation sequence$' "$log"; then
    sed 's/^/animation.sh: gnuplot: /' "$log" >&2
    echo "animation.sh: $out: made again with plain frames" >&2
    draw 0
    if grep -qv '^[0-9]* frames in animation sequence$' "$log"; then
        cat "$log" >&2; echo "animation.sh: $out: gnuplot warned" >&2; exit 1
    fi
fi
frames=$(sed -n 's/^\([0-9]*\) frames in animation sequence$/\1/p' "$log")
[ "${frames:-0}" -gt 1 ] && [ -s "$out.new" ] || {
    echo "animation.sh: $out: not an animation (${frames:-no} frames)" >&2; exit 1; }
mv "$out.new" "$out" || exit 1
echo "$out: $frames frames, $(($(wc -c < "$out") / 1024)) KB"
