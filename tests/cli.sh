# The chapter programs' command lines (sourced by tests/run-all.sh, which
# defines check, pass, fail, $build and $scratch).

# expect_error NAME PROGRAM ARGS...: the program must exit with status 1,
# print exactly one line on stderr besides any progress reports, leave
# every old output as it was and no new file behind.  Each argument that
# names a file $scratch/cli-file* in an existing directory is first
# created as an old output with known contents, so that a program that
# opened (and emptied) its outputs before it failed is caught; and the
# scratch directory is listed before and after, so that any leftover,
# a temporary of any name included, is caught.
expect_error() {
    local name=$1 prog=$2; shift 2
    local out="$scratch/cli-out" err="$scratch/cli-err" a olds=() changed=""
    rm -f "$scratch"/cli-file*
    for a in "$@"; do
        case $a in
        "$scratch"/cli-file*)
            if [ -d "${a%/*}" ]; then printf 'old %s\n' "$a" >"$a"; olds+=("$a"); fi ;;
        esac
    done
    : >"$out"; : >"$err"
    local before; before=$(ls -A "$scratch")
    "$build/bin/$prog" "$@" >"$out" 2>"$err"
    local status=$? lines
    # progress reports (cli_progress) may come before the error message
    grep -v -E '^[^:]+: +[0-9]+% \([0-9]+/[0-9]+\), [a-z -]+ ' "$err" >"$err.msg"
    mv "$err.msg" "$err"
    lines=$(wc -l <"$err")
    for a in "${olds[@]}"; do
        [ "$(cat "$a" 2>/dev/null)" = "old $a" ] || changed+=" $a"
    done
    local after; after=$(ls -A "$scratch")
    if [ $status -ne 1 ]; then
        fail "$name" "exit status $status, expected 1"
    elif [ "$lines" -ne 1 ]; then
        fail "$name" "stderr has $lines lines: $(head -c 300 "$err")"
    elif ! grep -q "^$prog: " "$err"; then
        fail "$name" "message does not start with '$prog: ': $(cat "$err")"
    elif [ -n "$changed" ]; then
        fail "$name" "changed or removed an old output:$changed"
    elif [ "$before" != "$after" ]; then
        fail "$name" "left a file behind: $(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')"
    else
        pass "$name ($(cat "$err"))"
    fi
}

f="$scratch/cli-file.tex"
for p in "${programs[@]}"; do
    check "$p --help exits 0 and prints usage" bash -c '"$1" --help | grep -q "^usage: "' _ "$build/bin/$p"
    expect_error "$p rejects an unknown option" "$p" --tex "$f" --frobnicate
    expect_error "$p rejects a missing value" "$p" --tex
    expect_error "$p rejects a file in a missing directory" "$p" --tex "$scratch/no/such/dir/x.tex"
done
expect_error "rng-demo rejects a seed that is not a number" rng-demo --tex "$f" --seed 12abc
expect_error "rng-demo rejects a negative seed" rng-demo --tex "$f" --seed -1
expect_error "rng-demo rejects zero samples" rng-demo --tex "$f" --samples 0
expect_error "forward rejects a zero-width layer" forward --tex "$f" --sizes 3,0,2
expect_error "forward rejects a network of one layer" forward --tex "$f" --sizes 7
expect_error "forward rejects an empty size list" forward --tex "$f" --sizes ""
expect_error "forward rejects an unknown activation" forward --tex "$f" --activation softmax
expect_error "forward rejects a seed out of range" forward --tex "$f" --seed 99999999999999999999999
expect_error "layout rejects sizes that are not numbers" layout --tex "$f" --sizes 2,x,1
expect_error "check-grad rejects a largest width below 4" check-grad --tex "$f" --largest 3
expect_error "check-grad rejects a seed that is not a number" check-grad --tex "$f" --seed x
expect_error "layout rejects a huge network it cannot allocate" layout --tex "$f" --sizes 1000000,1000000,1000000,1000000
check "forward runs another network and activation" bash -c '
    "$1/bin/forward" --sizes 4,3,2 --activation relu --tex "$2/ok.tex" >/dev/null &&
    grep -q "^\\\\setrun{forward.out2}" "$2/ok.tex" && ! grep -q "forward.out3" "$2/ok.tex"' \
    _ "$build" "$scratch"
check "views fails on a NaN gradient against an exact zero (tests/views-labs)" bash -c '
    cd "$2" && lab=nan-against-zero.nw && cp "$3/tests/views-labs/$lab" . &&
    notangle -L -filter "awk -v lab=$lab -f $3/tools/replace-chunk.awk" -Rviews.c \
        "$3"/chapters/*.nw $lab >lab-views.c &&
    "$4" -std=c11 -O2 -I"$1/src" -o lab-views lab-views.c "$1/libbackprop.a" -lm -lz &&
    { ./lab-views --networks 8 >lab-views.out 2>lab-views.err; [ $? -eq 1 ]; } &&
    grep -q "not a number" lab-views.err' _ "$PWD/$build" "$scratch" "$PWD" "${cc:-cc}"
expect_error "views rejects zero networks" views --tex "$f" --networks 0
expect_error "views rejects a width beyond its arrays" views --tex "$f" --max-width 101
expect_error "classifier rejects a zero rate" classifier --tex "$f" --rate 0
expect_error "classifier rejects a negative rate" classifier --tex "$f" --rate -0.1
expect_error "classifier rejects zero samples" classifier --tex "$f" --samples 0
expect_error "classifier rejects zero epochs" classifier --tex "$f" --epochs 0
expect_error "classifier rejects a rate that is not a number" classifier --tex "$f" --rate 0.1x
expect_error "classifier rejects three inputs" classifier --tex "$f" --sizes 3,2,1
expect_error "classifier rejects an unknown activation" classifier --tex "$f" --hidden swish
expect_error "clusters rejects a zero rate" clusters --tex "$f" --rate 0
expect_error "clusters rejects a negative large rate" clusters --tex "$f" --large-rate -1
expect_error "clusters rejects zero samples" clusters --tex "$f" --samples 0
expect_error "clusters rejects zero epochs" clusters --tex "$f" --large-epochs 0
expect_error "clusters rejects epochs that are not a number" clusters --tex "$f" --epochs ten
expect_error "clusters rejects four layers" clusters --tex "$f" --sizes 4,6,3,1
expect_error "clusters rejects more clusters than vertices" clusters --tex "$f" --clusters 3
check "classifier and clusters reproduce the build's runs" bash -c '
    "$1/bin/classifier" --seed 2026 --grid "$2/g.dat" --points "$2/p.dat" --tex "$2/c.tex" >/dev/null 2>&1 &&
    cmp "$2/g.dat" "$1/data/boundary-grid.dat" && cmp "$2/c.tex" "$1/data/classifier.tex" &&
    "$1/bin/clusters" --seed 2026 --curves "$2/k.dat" --tex "$2/k.tex" >/dev/null 2>&1 &&
    cmp "$2/k.dat" "$1/data/clusters-curves.dat" && cmp "$2/k.tex" "$1/data/clusters.tex"' \
    _ "$build" "$scratch"
# A failure after an output file was created removes its temporary too.
expect_error "descent leaves no .part file when a later file fails" descent \
    --epochs 1 --samples 8 --tex "$f" --out "$scratch/no/such/dir/prefix"
expect_error "zeros rejects a zero rate" zeros --tex "$f" --rate 0
expect_error "zeros rejects a negative rate" zeros --tex "$f" --rate -0.01
expect_error "zeros rejects zero samples" zeros --tex "$f" --samples 0
expect_error "zeros rejects a rate that is not a number" zeros --tex "$f" --rate 1e-2x
expect_error "zeros rejects samples that are not whole blocks" zeros --tex "$f" --samples 1005
expect_error "zeros rejects a network of one layer" zeros --tex "$f" --sizes 2
expect_error "zeros rejects zero seeds" zeros --tex "$f" --seeds 0
expect_error "quadrants rejects a zero rate" quadrants --tex "$f" --rate 0
expect_error "quadrants rejects a negative rate" quadrants --tex "$f" --rate -0.05
expect_error "quadrants rejects zero samples" quadrants --tex "$f" --samples 0
expect_error "quadrants rejects samples that are not a number" quadrants --tex "$f" --samples 1e5
expect_error "quadrants rejects three inputs" quadrants --tex "$f" --sizes 3,3,2
expect_error "quadrants rejects three outputs" quadrants --tex "$f" --sizes 2,3,3
expect_error "quadrants rejects zero held-out points" quadrants --tex "$f" --test 0
check "zeros and quadrants reproduce the build's runs" bash -c '
    "$1/bin/zeros" --seed 2026 --curve "$2/z.dat" --tex "$2/z.tex" >/dev/null &&
    cmp "$2/z.dat" "$1/data/zeros-loss.dat" && cmp "$2/z.tex" "$1/data/zeros.tex" &&
    "$1/bin/quadrants" --seed 2026 --regions "$2/q.dat" --tex "$2/q.tex" >/dev/null 2>&1 &&
    cmp "$2/q.dat" "$1/data/quadrants-regions.dat" && cmp "$2/q.tex" "$1/data/quadrants.tex"' \
    _ "$build" "$scratch"
check "quadrants runs a deeper network without a table" bash -c '
    "$1/bin/quadrants" --sizes 2,6,6,2 --samples 2000 --seeds 0 --tex "$2/q2.tex" >/dev/null &&
    grep -q "^\\\\setrun{quadrants.after}" "$2/q2.tex" && ! grep -q "quadrants.cell" "$2/q2.tex"' \
    _ "$build" "$scratch"

# Chapter 17 on the real data set (installed by make as a Debian package).
fashion_dir=/usr/share/datasets/fashion-mnist
expect_error "fashion rejects a missing data directory" fashion --tex "$f" --data "$scratch/nowhere"
check "fashion says a data directory's name is too long" bash -c '
    "$1/bin/fashion" --data "$(printf "d%.0s" $(seq 4100))" 2>&1 >/dev/null |
    grep -q "name is too long"' _ "$build"
expect_error "fashion rejects a zero learning rate" fashion --tex "$f" --rate 0
expect_error "fashion rejects zero epochs" fashion --tex "$f" --epochs 0
expect_error "fashion rejects a model file that is not a model" fashion --load /etc/hostname
check "fashion learns on 5000 images in one epoch (>= 70% on the test set)" bash -c '
    out=$("$1/bin/fashion" --subset 5000 --epochs 1 --seed 3 2>/dev/null) || exit 1
    acc=$(echo "$out" | sed -n "s/^test accuracy \([0-9.]*\)%.*/\1/p")
    echo "$out"; awk -v a="$acc" "BEGIN { exit !(a >= 70) }"' _ "$build"
check "fashion saves a model that loads to the same test accuracy" bash -c '
    cd "$2" && "$1/bin/fashion" --subset 2000 --epochs 1 --save m.bin 2>/dev/null >a.out &&
    "$1/bin/fashion" --load m.bin 2>/dev/null >b.out &&
    a=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\).*/\1/p" a.out) &&
    b=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\).*/\1/p" b.out) &&
    [ -n "$a" ] && [ "$a" = "$b" ]' _ "$PWD/$build" "$scratch"

# write_idx_set DIR ROWS COLS: train and t10k sets of 20 grey images of
# ROWS x COLS pixels (every pixel 128) and labels 0..9 in turn, as IDX.
be32() { local v=$1; printf "\\$(printf %03o $(((v >> 24) & 255)))\\$(printf %03o $(((v >> 16) & 255)))\\$(printf %03o $(((v >> 8) & 255)))\\$(printf %03o $((v & 255)))"; }
write_idx_set() {
    local dir=$1 rows=$2 cols=$3 set i
    mkdir -p "$dir"
    for set in train t10k; do
        { be32 2051; be32 20; be32 "$rows"; be32 "$cols"
          head -c $((20 * rows * cols)) /dev/zero | tr '\0' '\200'; } >"$dir/$set-images-idx3-ubyte"
        { be32 2049; be32 20
          for i in $(seq 0 19); do printf "\\$(printf %03o $((i % 10)))"; done; } >"$dir/$set-labels-idx1-ubyte"
    done
}
# The gallery of fashion --pictures for images of odd shapes, under the
# sanitizers: every value drawn is a pixel (128/255) or the blank 0.
for shape in 1x4096 32x128 1x600 3x5; do
    write_idx_set "$scratch/idx-$shape" "${shape%x*}" "${shape#*x}"
    check "fashion --pictures draws $shape images" bash -c '
        cd "$2" && "$1/bin-san/fashion" --data "idx-$3" --epochs 1 --hidden 2 --batch 8 \
            --pictures "p-$3" >/dev/null 2>&1 &&
        for k in samples weights errors confusion; do [ -s "p-$3-$k.dat" ] || exit 1; done &&
        awk "NF == 3 && \$2 <= 0 && \$3 != 0 && \$3 != 0.502 { bad = 1 } END { exit bad }" \
            "p-$3-samples.dat" "p-$3-errors.dat"' _ "$PWD/$build" "$scratch" "$shape"
done
write_idx_set "$scratch/idx-1x4097" 1 4097
expect_error "fashion --pictures refuses images too large to draw" fashion --data "$scratch/idx-1x4097" --epochs 1 --hidden 2 --pictures "$scratch/cli-file-p"

# Chapters 18 to 20: the cart-pole, the two networks, the agent.
expect_error "cartpole-demo rejects zero episodes" cartpole-demo --tex "$f" --episodes 0
expect_error "cartpole-demo rejects an unknown option" cartpole-demo --tex "$f" --steps 5
expect_error "ac-check rejects zero networks" ac-check --tex "$f" --nets 0
expect_error "balance rejects a discount of 1" balance --tex "$f" --discount 1
expect_error "balance rejects a zero actor rate" balance --tex "$f" --actor-rate 0
expect_error "balance rejects zero hidden nodes" balance --tex "$f" --hidden 0
expect_error "balance rejects an unknown activation" balance --tex "$f" --activation sine
expect_error "balance rejects a tag that is not a name" balance --tex "$f" --tag 'a1'
expect_error "balance rejects a tag too long for a macro name" balance --tex "$f" --tag "$(printf 'a%.0s' $(seq 41))"
expect_error "balance rejects zero episodes" balance --tex "$f" --episodes 0
expect_error "balance rejects a GIF it cannot write" balance --tex "$f" \
    --lengths "$scratch/cli-file.dat" --episodes 2 --render "$scratch/nowhere/e.gif"
expect_error "balance rejects a model it cannot write" balance --tex "$f" \
    --episodes 2 --save "$scratch/nowhere/actor.bin"
for opt in --lengths --film --render --save; do
    expect_error "balance --compare refuses $opt, an output of one run" balance \
        --compare "$scratch/cli-file-c.tex" --episodes 2 --seeds 1 $opt "$scratch/cli-file-$opt"
done
check "balance says never solved when it was not" bash -c '
    out=$("$1/bin/balance" --seed 1 --episodes 3 2>/dev/null) && echo "$out" &&
    echo "$out" | grep -q "; never solved; 3 episodes" &&
    ! echo "$out" | grep -q "solved at"' _ "$build"
check "balance --compare averages an unsolved run over the episodes it had" bash -c '
    out=$("$1/bin/balance" --compare "$2/c.tex" --episodes 2 --seeds 1 2>/dev/null) &&
    echo "$out" && [ -n "$out" ] &&
    echo "$out" | awk "/unsolved end at/ { v = \$0; sub(/.*unsolved end at /, \"\", v);
        if (v + 0 < 5) bad = 1; n++ } END { exit bad || n == 0 }"' _ "$build" "$scratch"
check "balance reproduces the build's run of seed 1" bash -c '
    "$1/bin/balance" --seed 1 --episodes 1000 --lengths "$2/bl.dat" \
        --film "$2/bf.dat" >/dev/null 2>&1 &&
    cmp "$2/bl.dat" "$1/data/balance-lengths-A.dat" &&
    cmp "$2/bf.dat" "$1/data/balance-film-A.dat"' _ "$build" "$scratch"
check "balance solves the cart-pole within 400 episodes (seed 7)" bash -c '
    out=$("$1/bin/balance" --seed 7 --episodes 400 --until-solved 2>/dev/null) &&
    echo "$out" && echo "$out" | grep -q "solved at episode [1-9]"' _ "$build"
check "balance --render writes an animated GIF, --save a model" bash -c '
    cd "$2" && "$1/bin/balance" --seed 2 --episodes 200 --render ep.gif \
        --render-steps 50 --save actor.bin >/dev/null 2>&1 &&
    [ "$(head -c 6 ep.gif)" = GIF89a ] && [ "$(tail -c 1 ep.gif | od -An -tx1)" = " 3b" ] &&
    [ "$(head -c 7 actor.bin)" = BPNNMDL ]' _ "$PWD/$build" "$scratch"
