# The chapter programs' command lines (sourced by tests/run-all.sh, which
# defines check, pass, fail, $build and $scratch).

# expect_error NAME PROGRAM ARGS...: the program must exit with status 1,
# print exactly one line on stderr besides any progress reports, leave
# every old output as it was and no new file behind.  Each argument that
# names a file $scratch/cli-file* in an existing directory is first
# created as an old output with known contents, so that a program that
# opened (and emptied) its outputs before it failed is caught; and the
# scratch directory is listed before and after, so that any leftover,
# a temporary of any name included, is caught.  Two variables a caller
# may set: launch, a command that starts the program (mpirun -np 2, for
# chapter 23's), and want, a text the message must contain.
launch=() want=
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
    "${launch[@]}" "$build/bin/$prog" "$@" >"$out" 2>"$err"
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
    elif [ -n "$want" ] && ! grep -qF -- "$want" "$err"; then
        fail "$name" "message does not say \"$want\": $(cat "$err")"
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
# The harness of the appendix (cli_parse and its table of options), through
# first-step and rng-demo, which use it.
check "first-step --help lists every option with its range and default" bash -c '
    h=$("$1/bin/first-step" --help) && echo "$h" &&
    echo "$h" | grep -q -- "--seed .*at least 0 (default 2026)$" &&
    echo "$h" | grep -q -- "--rate .*0 to 100 (default 0.1)$" &&
    echo "$h" | grep -q -- "--large .*(default 784,100,10)$" &&
    echo "$h" | grep -q -- "--tex " && echo "$h" | grep -q -- "--tag .*(default step)"' _ "$build"
check "rng-demo --help lists its output and the range of --samples" bash -c '
    h=$("$1/bin/rng-demo" --help) &&
    echo "$h" | grep -q -- "--samples .*1 to 100000000 (default 100000)$" &&
    echo "$h" | grep -q -- "--histogram  *FILE"' _ "$build"
expect_error "first-step refuses an option given twice" first-step --tex "$f" --seed 1 --seed 2
check "first-step says which option is given twice" bash -c '
    "$1/bin/first-step" --seed 1 --rate 0.1 --seed 2 2>&1 >/dev/null |
    grep -qx "first-step: option --seed is given twice"' _ "$build"
expect_error "first-step refuses --tex given twice" first-step --tex "$f" --tex "$scratch/cli-file2.tex"
check "first-step names an unknown option" bash -c '
    "$1/bin/first-step" --sed 1 2>&1 >/dev/null |
    grep -qx "first-step: unknown option .--sed. (try --help)"' _ "$build"
expect_error "first-step refuses a rate out of range" first-step --tex "$f" --rate 101
check "first-step names the range of a value out of range" bash -c '
    "$1/bin/first-step" --rate 101 2>&1 >/dev/null |
    grep -qx "first-step: --rate: 101 is out of range \[0, 100\]" &&
    "$1/bin/first-step" --large 5 2>&1 >/dev/null |
    grep -qx "first-step: --large: a network needs at least 2 layers"' _ "$build"
check "--tag changes the first word of every key" bash -c '
    t=$("$1/bin/first-step" --tag other --tex - | grep "^\\\\set") && [ -n "$t" ] &&
    ! echo "$t" | grep -v -q "^\\\\setrun{other\\." &&
    echo "$t" | grep -q "^\\\\setrun{other\\.seed}{2026}$"' _ "$build"
expect_error "rng-demo refuses one file for two outputs" rng-demo --samples 10 \
    --histogram "$f" --tex "$f"
check "first-step reproduces the build's run" bash -c '
    "$1/bin/first-step" --seed 2026 --rate 0.1 --tex "$2/fs.tex" >/dev/null &&
    cmp "$2/fs.tex" "$1/data/first-step.tex" &&
    "$1/bin/rng-demo" --seed 42 --samples 100000 --histogram "$2/nh.dat" \
        --tex "$2/rng.tex" >/dev/null && cmp "$2/nh.dat" "$1/data/normal-hist.dat" &&
    cmp "$2/rng.tex" "$1/data/rng-demo.tex"' _ "$build" "$scratch"
check "first-step: the loss falls, and backpropagation agrees with finite differences" bash -c '
    out=$("$1/bin/first-step") && echo "$out" &&
    echo "$out" | awk "/^loss/ { gsub(/,/, \"\"); before = \$2; after = \$6 }
        /^largest relative/ { d = \$NF }
        END { exit !(after < before && d < 1e-6) }"' _ "$build"
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
check "forward's hand example: every printed sum is the sum of its printed terms" bash -c '
    "$1/bin/forward" --seed 2026 | awk "
        /^z\\^/ { n++; split(\$0, part, \" = \"); rhs = part[3]; sub(/,.*/, \"\", rhs)
                  k = split(part[2], term, \" [+] \"); s = 0
                  for (t = 1; t <= k; t++) { gsub(/[()]/, \"\", term[t]); split(term[t], f, \"*\"); s += f[1] * f[2] }
                  if (s - rhs > 1e-9 || rhs - s > 1e-9) bad++ }
        END { exit !(n == 3 && bad == 0) }"' _ "$build"
expect_error "backward rejects a target out of range" backward --tex "$f" --target 1000
expect_error "backward rejects a seed that is not a number" backward --tex "$f" --seed x
check "backward runs backwards the network that forward's hand example runs forwards" bash -c '
    for seed in 2026 7; do
        "$1/bin/forward" --seed $seed --tex "$2/fw.tex" >/dev/null &&
        "$1/bin/backward" --seed $seed --tex "$2/bw.tex" >/dev/null || exit 1
        for m in w1 w2 l1; do
            a=$(sed -n "s/^.setrun{forward.ex.$m}//p" "$2/fw.tex")
            b=$(sed -n "s/^.setrun{backward.$m}//p" "$2/bw.tex")
            [ -n "$a" ] && [ "$a" = "$b" ] || { echo "seed $seed, $m: $a against $b"; exit 1; }
        done
    done' _ "$build" "$scratch"
check "backward's gradients scale with the output error (target 2)" bash -c '
    "$1/bin/backward" --target 2 --tex "$2/bw2.tex" >/dev/null &&
    grep -q "^.setrun{backward.d3}{-0.66605}" "$2/bw2.tex" &&
    grep -q "^.setclaim{backward.hand}{1}" "$2/bw2.tex"' _ "$build" "$scratch"
check "check-grad's table of nodes gives the output node no slope and no sum" bash -c '
    grep -q "^4 & 1 & [^&]* & [^&]* & & --- & --- & " "$1/data/check-nodes.tex"' _ "$build"
check "check-grad writes the tables of the build's run again" bash -c '
    "$1/bin/check-grad" --seed 2026 --largest 4 --nodes "$2/n.tex" \
        --gradient "$2/g.tex" --fd "$2/fd.tex" --cs "$2/cs.tex" >/dev/null &&
    for t in n:nodes g:gradient fd:fd cs:cs; do
        cmp "$2/${t%%:*}.tex" "$1/data/check-${t#*:}.tex" || exit 1
    done' _ "$build" "$scratch"
check "views fails on a NaN gradient against an exact zero (tests/views-labs)" bash -c '
    cd "$2" && lab=nan-against-zero.nw && cp "$3/tests/views-labs/$lab" . &&
    notangle -L -filter "awk -v lab=$lab -f $3/tools/replace-chunk.awk" -Rprograms/views.c \
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
expect_error "clusters rejects a single training sample to overfit" clusters --tex "$f" --small 1
expect_error "clusters rejects zero seeds" clusters --tex "$f" --seeds 0
expect_error "clusters rejects an empty test set" clusters --tex "$f" --test 0
expect_error "optimisers rejects zero seeds" optimisers --tex "$f" --seeds 0
expect_error "optimisers rejects zero epochs" optimisers --tex "$f" --epochs 0
expect_error "optimisers rejects an empty validation set" optimisers --tex "$f" --valid 0
expect_error "optimisers rejects a batch that is not a number" optimisers --tex "$f" --batch ten
check "classifier and clusters reproduce the build's runs" bash -c '
    "$1/bin/classifier" --seed 2026 --grid "$2/g.dat" --points "$2/p.dat" --tex "$2/c.tex" >/dev/null 2>&1 &&
    cmp "$2/g.dat" "$1/data/boundary-grid.dat" && cmp "$2/c.tex" "$1/data/classifier.tex" &&
    "$1/bin/clusters" --seed 2026 --curves "$2/k.dat" --table "$2/k-table.tex" --tex "$2/k.tex" \
        --plane "$2/kp.dat" --scale-curves "$2/ks.dat" --scale-table "$2/kst.tex" \
        --overfit "$2/ko.dat" --stop-table "$2/kot.tex" >/dev/null 2>&1 &&
    cmp "$2/k.dat" "$1/data/clusters-curves.dat" && cmp "$2/k.tex" "$1/data/clusters.tex" &&
    cmp "$2/k-table.tex" "$1/data/clusters-table.tex" &&
    cmp "$2/kp.dat" "$1/data/clusters-plane.dat" && cmp "$2/ks.dat" "$1/data/clusters-scaling.dat" &&
    cmp "$2/kst.tex" "$1/data/clusters-scaling-table.tex" &&
    cmp "$2/ko.dat" "$1/data/clusters-overfit.dat" && cmp "$2/kot.tex" "$1/data/clusters-stop-table.tex"' \
    _ "$build" "$scratch"
# A failure after an output file was created removes its temporary too.
expect_error "descent leaves no temporary when a later file fails" descent \
    --epochs 1 --samples 8 --tex "$f" --out "$scratch/no/such/dir/prefix"
check "descent refuses an unwritable --out before it trains" bash -c '
    timeout 20 "$1/bin/descent" --epochs 100000 --out "$2/no/such/dir/p" \
        >/dev/null 2>&1; [ $? -eq 1 ]' _ "$build" "$scratch"
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
expect_error "quadrants rejects zero test points" quadrants --tex "$f" --test 0
expect_error "quadrants rejects zero validation points" quadrants --tex "$f" --valid 0
expect_error "quadrants rejects longer runs that are not whole blocks" quadrants --tex "$f" --longer 15000
check "zeros and quadrants reproduce the build's runs" bash -c '
    "$1/bin/zeros" --seed 2026 --curve "$2/z.dat" --tex "$2/z.tex" >/dev/null &&
    cmp "$2/z.dat" "$1/data/zeros-loss.dat" && cmp "$2/z.tex" "$1/data/zeros.tex" &&
    "$1/bin/quadrants" --seed 2026 --regions "$2/q.dat" --tex "$2/q.tex" >/dev/null 2>&1 &&
    cmp "$2/q.dat" "$1/data/quadrants-regions.dat" && cmp "$2/q.tex" "$1/data/quadrants.tex"' \
    _ "$build" "$scratch"
check "quadrants runs a deeper network without a table" bash -c '
    "$1/bin/quadrants" --sizes 2,6,6,2 --samples 2000 --seeds 0 --longer 0 --tex "$2/q2.tex" >/dev/null &&
    grep -q "^\\\\setrun{quadrants.after}" "$2/q2.tex" && ! grep -q "quadrants.cell" "$2/q2.tex"' \
    _ "$build" "$scratch"

# Chapter 19 on the real data set (installed by make as a Debian package).
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
check "fashion --hidden 0, the linear softmax, learns (>= 70% after one epoch on 5000 images)" bash -c '
    out=$("$1/bin/fashion" --hidden 0 --subset 5000 --epochs 1 --seed 3 2>/dev/null) || exit 1
    acc=$(echo "$out" | sed -n "s/^test accuracy \([0-9.]*\)%.*/\1/p")
    echo "$out"; awk -v a="$acc" "BEGIN { exit !(a >= 70) }"' _ "$build"
check "fashion keeps the weights of the epoch of best validation accuracy, and saves them" bash -c '
    cd "$2" && "$1/bin/fashion" --subset 1000 --epochs 4 --rate 0.05 --seed 5 --curves k.dat \
        --save k.bin 2>/dev/null >k.out && cat k.out k.dat &&
    kept=$(sed -n "s/.*after epoch \([0-9]*\);.*/\1/p" k.out) &&
    best=$(awk "!/^#/ && \$5 > b { b = \$5; e = \$1 } END { print e }" k.dat) &&
    [ -n "$kept" ] && [ "$kept" = "$best" ] &&
    "$1/bin/fashion" --load k.bin 2>/dev/null >l.out &&
    a=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\).*/\1/p" k.out) &&
    b=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\).*/\1/p" l.out) &&
    [ -n "$a" ] && [ "$a" = "$b" ]' _ "$PWD/$build" "$scratch"
check "fashion saves a model that loads to the same test accuracy" bash -c '
    cd "$2" && "$1/bin/fashion" --subset 2000 --epochs 1 --save m.bin 2>/dev/null >a.out &&
    "$1/bin/fashion" --load m.bin 2>/dev/null >b.out &&
    a=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\).*/\1/p" a.out) &&
    b=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\).*/\1/p" b.out) &&
    [ -n "$a" ] && [ "$a" = "$b" ]' _ "$PWD/$build" "$scratch"

# Small data sets made here: be32 V prints V as four big-endian bytes;
# idx_set DIR PREFIX ROWS COLS writes 4 white images and labels 0 to 3.
be32() { printf "\\x$(printf %02x $(($1 >> 24 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 & 255)))"; }
idx_set() {
    { printf '\x00\x00\x08\x03'; be32 4; be32 "$3"; be32 "$4"
      head -c $((4 * $3 * $4)) /dev/zero | tr '\0' '\377'; } >"$1/$2-images-idx3-ubyte"
    { printf '\x00\x00\x08\x01'; be32 4; printf '\x00\x01\x02\x03'; } >"$1/$2-labels-idx1-ubyte"
}
mkdir -p "$scratch/shapes" "$scratch/tiny" "$scratch/fifo-data"
idx_set "$scratch/shapes" train 1 4
idx_set "$scratch/shapes" t10k 2 2
expect_error "fashion rejects training and test images of different shapes" fashion --tex "$f" --data "$scratch/shapes" --epochs 1 --hidden 2 --batch 2
idx_set "$scratch/tiny" train 2 2
idx_set "$scratch/tiny" t10k 2 2
# A model of 4 inputs, 1 ReLU node and 10 outputs, every weight 1e308: a
# valid CRC (gzip's trailer holds the same CRC-32), finite weights, and
# outputs that overflow.
{ printf 'BPNNMDL\x00\x01\x00\x00\x00\x03\x00\x00\x00\x04\x00\x00\x00\x01\x00\x00\x00\x0a\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00'
  for q in $(seq 25); do printf '\xa0\xc8\xeb\x85\xf3\xcc\xe1\x7f'; done; } >"$scratch/huge.bin"
gzip -n -c "$scratch/huge.bin" | tail -c 8 | head -c 4 >>"$scratch/huge.bin"
expect_error "fashion refuses a model whose outputs overflow, printing no NaN" fashion --tex "$f" --data "$scratch/tiny" --load "$scratch/huge.bin"
rm -f "$scratch/fifo" && mkfifo "$scratch/fifo"
check "fashion refuses a FIFO as a model at once" bash -c '
    msg=$(timeout 10 "$1/bin/fashion" --data "$2/tiny" --load "$2/fifo" 2>&1 >/dev/null)
    status=$?; echo "status $status: $msg"
    [ $status -eq 1 ] && [[ $msg == *"not a regular file (a FIFO)"* ]]' _ "$build" "$scratch"
idx_set "$scratch/fifo-data" t10k 2 2
cp "$scratch/fifo-data/t10k-labels-idx1-ubyte" "$scratch/fifo-data/train-labels-idx1-ubyte"
mkfifo "$scratch/fifo-data/train-images-idx3-ubyte"
check "fashion refuses a FIFO as data at once" bash -c '
    msg=$(timeout 10 "$1/bin/fashion" --data "$2/fifo-data" 2>&1 >/dev/null)
    status=$?; echo "status $status: $msg"
    [ $status -eq 1 ] && [[ $msg == *"not a regular file (a FIFO)"* ]]' _ "$build" "$scratch"
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
            --validation 10 --pictures "p-$3" >/dev/null 2>&1 &&
        for k in samples weights errors confusion; do [ -s "p-$3-$k.dat" ] || exit 1; done &&
        awk "NF == 3 && \$2 <= 0 && \$3 != 0 && (\$3 - 128 / 255) ^ 2 > 1e-16 { bad = 1 } END { exit bad }" \
            "p-$3-samples.dat" "p-$3-errors.dat"' _ "$PWD/$build" "$scratch" "$shape"
done
# The weights of 2 hidden nodes on 3 x 5 images: cells 7 pixels wide and
# 5 high; every pixel outside the two images is NaN, drawn white, since
# 0 is a weight and has a colour.
check "fashion --pictures leaves the gaps between weight images blank (NaN)" bash -c '
    cd "$2" && awk "NF == 3 && ((\$1 % 7 < 5 && -\$2 % 5 < 3 && \$1 < 14) != (\$3 != \"nan\")) { bad++ }
        NF == 3 { n++ } END { print n, bad; exit bad > 0 || n != 8 * 7 * 5 }" p-3x5-weights.dat' _ "$PWD/$build" "$scratch"
write_idx_set "$scratch/idx-1x4097" 1 4097
expect_error "fashion --pictures refuses images too large to draw" fashion --data "$scratch/idx-1x4097" --epochs 1 --hidden 2 --pictures "$scratch/cli-file-p"
# The validation set, the result lines and their summary (chapter 19).
expect_error "fashion refuses a validation set that leaves no image to train on" fashion --tex "$f" --data "$scratch/idx-3x5" --validation 20 --epochs 1 --hidden 2
expect_error "fashion refuses --table without --summarize" fashion --data "$scratch/idx-3x5" --validation 10 --epochs 1 --hidden 2 --table "$scratch/cli-file-t"
expect_error "fashion refuses --save with --summarize" fashion --summarize "$scratch/none" --save "$scratch/cli-file-m"
expect_error "fashion refuses --result for a loaded model" fashion --data "$scratch/tiny" --load "$scratch/huge.bin" --result "$scratch/cli-file-r"
expect_error "fashion refuses --result without a validation set" fashion --data "$scratch/idx-3x5" --validation 0 --epochs 1 --hidden 2 --result "$scratch/cli-file-r"
# 20 identical test images, two of each class: whatever the network, it
# predicts one class for all and is right on 2 of 20; Wilson's 95 %
# interval for 0.1 at n = 20 is [0.0279, 0.3010] (the normal
# approximation would give [-0.031, 0.231]).
check "fashion quotes Wilson's interval for its test accuracy" bash -c '
    cd "$2" && "$1/bin/fashion" --data idx-3x5 --validation 10 --epochs 2 --hidden 2 \
        --batch 4 --tex w.tex >/dev/null 2>&1 && cat w.tex &&
    grep -q "^\\\\setrun{fashion.acc}{10.0}$" w.tex &&
    grep -q "^\\\\setrun{fashion.acclo}{2.8}$" w.tex &&
    grep -q "^\\\\setrun{fashion.acchi}{30.1}$" w.tex' _ "$PWD/$build" "$scratch"
printf '# hidden seed epochs chosen train val test images images loss\n128 1 4 3 0.9 0.88 0.87 10000 10000 0.35\n' >"$scratch/res-a.dat"
printf '128 2 4 4 0.92 0.89 0.88 10000 10000 0.33\n0 1 9 9 0.85 0.84 0.83 10000 10000 0.45\n' >"$scratch/res-b.dat"
check "fashion --summarize groups result lines by width: mean, smallest, largest" bash -c '
    cd "$2" && "$1/bin/fashion" --summarize res-a.dat,res-b.dat --table t.tex \
        --tex s.tex >/dev/null && cat t.tex s.tex &&
    grep -q "^\\\\setrun{fashion.h128.testmean}{87.5}$" s.tex &&
    grep -q "^\\\\setrun{fashion.h128.valmin}{88.0}$" s.tex &&
    grep -q "^\\\\setrun{fashion.h128.trainmax}{92.0}$" s.tex &&
    grep -q "^\\\\setrun{fashion.h0.testmean}{83.0}$" s.tex &&
    grep -q "^\\\\setrun{fashion.gain}{4.5}$" s.tex &&
    grep -q "^\\\\setclaim{fashion.wide-beats-narrow}{1}" s.tex &&
    grep -qxF "128 ReLU nodes & 2 & 3--4 & 91.0 & 88.5 & 88.0--89.0 & 87.5 & 87.0--88.0 \\\\" t.tex &&
    grep -q "^\\\\setclaim{fashion.last-kept}{0}" s.tex &&
    grep -qxF "linear softmax & 1 & 9 (all seeds) & 85.0 & 84.0 & 84.0--84.0 & 83.0 & 83.0--83.0 \\\\" t.tex' \
    _ "$PWD/$build" "$scratch"
# The gain the text quotes is the difference of the means as the table
# prints them: 88.1 - 84.4 = 3.7, though the means differ by 3.79.
printf '128 1 10 10 0.9 0.89 0.88146 10000 10000 0.3\n0 1 10 10 0.9 0.86 0.84354 10000 10000 0.4\n' >"$scratch/res-round.dat"
check "fashion --summarize quotes the gain as the table's rounded means give it" bash -c '
    cd "$2" && "$1/bin/fashion" --summarize res-round.dat --tex g.tex >/dev/null &&
    grep "gain\|gap\|last-kept" g.tex &&
    grep -q "^\\\\setrun{fashion.gain}{3.7}$" g.tex &&
    grep -q "^\\\\setrun{fashion.h0.gap}{1.6}$" g.tex &&
    grep -q "^\\\\setclaim{fashion.last-kept}{1}" g.tex' _ "$PWD/$build" "$scratch"
printf '128 1 3 0.9 0.88\n' >"$scratch/res-short.dat"
check "fashion --summarize names the file and the line of a short result line" bash -c '
    msg=$("$1/bin/fashion" --summarize "$2/res-a.dat,$2/res-short.dat" 2>&1 >/dev/null)
    status=$?; echo "status $status: $msg"
    [ $status -eq 1 ] && [[ $msg == *"res-short.dat: line 1: not a line of 10 numbers"* ]]' \
    _ "$build" "$scratch"
printf '128 1 3 3 0.9 1.5 0.87 10000 10000 0.35\n' >"$scratch/res-share.dat"
printf '128 1 3 4 0.9 0.88 0.87 10000 10000 0.35\n' >"$scratch/res-epoch.dat"
expect_error "fashion --summarize refuses a chosen epoch after the last" fashion --summarize "$scratch/res-epoch.dat" --tex "$f"
expect_error "fashion --summarize refuses an accuracy above 1" fashion --summarize "$scratch/res-share.dat" --tex "$f"
expect_error "fashion --summarize refuses an empty list" fashion --summarize , --tex "$f"

# Chapters 20 to 22: the cart-pole, the two networks, the agent.
expect_error "cartpole-demo rejects zero episodes" cartpole-demo --tex "$f" --episodes 0
expect_error "cartpole-demo rejects an unknown option" cartpole-demo --tex "$f" --steps 5
expect_error "ac-check rejects zero networks" ac-check --tex "$f" --nets 0
expect_error "balance rejects a discount of 1" balance --tex "$f" --discount 1
expect_error "balance rejects a zero actor rate" balance --tex "$f" --actor-rate 0
expect_error "balance rejects zero hidden nodes" balance --tex "$f" --hidden 0
expect_error "balance rejects an unknown activation" balance --tex "$f" --activation sine
expect_error "balance rejects zero episodes" balance --tex "$f" --episodes 0
expect_error "balance rejects an episode file it cannot write" balance --tex "$f" \
    --lengths "$scratch/cli-file.dat" --episodes 2 --episode "$scratch/nowhere/e.dat"
expect_error "balance rejects a model it cannot write" balance --tex "$f" \
    --episodes 2 --save "$scratch/nowhere/actor.bin"
check "balance refuses an unwritable episode file or model before it trains" bash -c '
    for opt in --episode --save; do
        timeout 10 "$1/bin/balance" --episodes 10000000 $opt "$2/nowhere/x" \
            >/dev/null 2>"$2/early.err"
        [ $? -eq 1 ] && grep -q "nowhere" "$2/early.err" || exit 1
    done' _ "$build" "$scratch"
for opt in --lengths --film --episode --policy --save; do
    expect_error "balance --compare refuses $opt, an output of one run" balance \
        --compare "$scratch/cli-file-c.tex" --episodes 2 --seeds 1 $opt "$scratch/cli-file-$opt"
done
expect_error "balance --compare refuses --until-solved, an option of one run" balance \
    --compare "$scratch/cli-file-c.tex" --episodes 2 --seeds 1 --until-solved
expect_error "balance refuses --seeds without --compare" balance --tex "$f" \
    --episodes 2 --seeds 3
check "balance takes a file named like --seeds for an output of one run" bash -c '
    cd "$2" && "$1/bin/balance" --episodes 2 --lengths --seeds >/dev/null 2>&1 &&
    [ -s ./--seeds ] && rm ./--seeds' _ "$PWD/$build" "$scratch"
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
check "balance --policy maps pi(right) on 41 lines of 49 angles, and --lengths gives the running mean" bash -c '
    cd "$2" && "$1/bin/balance" --seed 3 --episodes 150 --policy pol.dat \
        --lengths len.dat >/dev/null 2>&1 &&
    awk "/^#/ { next } NF == 0 { if (n) { blocks++; if (n != 49) bad = 1 }; n = 0; next }
         { n++; if (NF != 3 || \$3 < 0 || \$3 > 1 || \$1 < -12.0001 || \$1 > 12.0001) bad = 1 }
         END { exit bad || blocks != 41 }" pol.dat &&
    awk "{ s += \$2; if (NR > 100) s -= l[NR - 100]; l[NR] = \$2;
           m = s / (NR < 100 ? NR : 100); if ((\$3 - m) ^ 2 > 1e-12) exit 1 }" len.dat
    ' _ "$PWD/$build" "$scratch"
check "cartpole-demo --diagram draws the cart-pole from the constants: 9 blocks, a 1 m pole" bash -c '
    "$1/bin/cartpole-demo" --episodes 1 --diagram "$2/dia.dat" >/dev/null &&
    awk "/^#/ { next } NF == 0 { if (p) b++; p = 0; next } { p = 1 }
         b == 2 { d = sqrt((\$3 - \$1) ^ 2 + (\$4 - \$2) ^ 2) }
         END { exit !(b == 8 && (d - 1) ^ 2 < 1e-12) }" "$2/dia.dat"
    ' _ "$PWD/$build" "$scratch"
check "balance solves the cart-pole within 400 episodes (seed 7)" bash -c '
    out=$("$1/bin/balance" --seed 7 --episodes 400 --until-solved 2>/dev/null) &&
    echo "$out" && echo "$out" | grep -q "solved at episode [1-9]"' _ "$build"
check "balance --episode writes every state of the two filmed episodes, --save a model" bash -c '
    cd "$2" && "$1/bin/balance" --seed 2 --episodes 200 --episode ep.dat \
        --film film.dat --save actor.bin >/dev/null 2>&1 &&
    [ "$(head -c 7 actor.bin)" = BPNNMDL ] &&
    awk "BEGIN { b = 0; fb = 0 }
         FNR == 1 { file++ }
         file == 1 && NF == 0 { if (prev != \"\") b++; prev = \"\"; next }
         file == 1 { if (\$1 != n[b] + 0) exit 1; n[b]++; s[b, \$2] = \$3 \" \" \$4; prev = \$0; next }
         file == 2 && NF == 0 { if (prev != \"\") fb++; prev = \"\"; next }
         file == 2 { prev = \$0; k++; if (s[fb, \$2] != \$3 \" \" \$4) exit 1 }
         END { exit !(b == 2 && fb == 2 && k == 16 && n[0] > 1 && n[1] > 1) }" ep.dat film.dat
    ' _ "$PWD/$build" "$scratch"
check "figures/cartpole-anim.gp makes an animated GIF of an episode, a frame every stride steps and the last" bash -c '
    cd "$2" && for b in 0 1; do
        n=$(awk -v b=$b "NF == 0 { if (p != \"\") k++; p = \"\"; next } k == b { m++ } { p = \$0 } END { print m }" ep.dat)
        gnuplot -e "f = \"ep.dat\"; block = $b; stride = 7; out = \"ep-$b.gif\"" \
            "$1/figures/cartpole-anim.gp" 2>gp.err || exit 1
        [ "$(head -c 6 ep-$b.gif)" = GIF89a ] &&
        [ "$(tail -c 1 ep-$b.gif | od -An -tx1)" = " 3b" ] &&
        grep -qx "$(( (n + 5) / 7 + 1 )) frames in animation sequence" gp.err &&
        [ $(( (n + 5) / 7 + 1 )) -gt 1 ] &&
        [ "$(grep -cv "frames in animation sequence" gp.err)" -eq 0 ] || { cat gp.err; exit 1; }
    done' _ "$PWD" "$scratch"

# Outputs are all or nothing (the appendix): a fresh temporary beside each
# target, renamed into place only when the whole run has succeeded.
od="$scratch/outputs"
rm -rf "$od" && mkdir -p "$od"
check "a symlink planted at an output's old temporary name is not followed" bash -c '
    cd "$2" && printf precious >victim && ln -s "$PWD/victim" out.tex.part &&
    "$1/bin/xor" --steps 10 --tex out.tex >/dev/null 2>&1 &&
    [ "$(cat victim)" = precious ] && [ -L out.tex.part ] &&
    [ -f out.tex ] && [ ! -L out.tex ] && ! compgen -G "part-*" >/dev/null' \
    _ "$PWD/$build" "$od"
check "a symlink given as an output is refused, left as it was, and so is its file" bash -c '
    cd "$2" && ln -s "$PWD/victim" link.tex &&
    ! "$1/bin/xor" --steps 10 --tex link.tex >/dev/null 2>err &&
    grep -q "link.tex: is a symbolic link" err && [ -L link.tex ] &&
    [ "$(cat victim)" = precious ]' _ "$PWD/$build" "$od"
expect_error "xor refuses a directory as an output" xor --steps 10 --tex "$scratch"
# (a FIFO, not /dev/null: a program that wrongly accepted a device would
# replace it by a regular file when run as root)
mkfifo "$od/fifo"
expect_error "rng-demo refuses a FIFO as an output" rng-demo --tex "$od/fifo"
check "the FIFO given as an output is still a FIFO" test -p "$od/fifo"
expect_error "rng-demo refuses an empty output name" rng-demo --tex ""
check "rng-demo says an empty output name is empty" bash -c '
    "$1/bin/rng-demo" --tex "" 2>&1 >/dev/null | grep -q "name is empty"' _ "$PWD/$build"
check "a failed run leaves the older outputs byte for byte (balance --episode, then a bad --save)" bash -c '
    cd "$2" && printf "old episode" >a.dat &&
    ! "$1/bin/balance" --episodes 2 --episode a.dat --save "$2/no/such/dir/m.bin" >/dev/null 2>&1 &&
    [ "$(cat a.dat)" = "old episode" ] && ! compgen -G "part-*" >/dev/null' _ "$PWD/$build" "$od"
if [ -r "$fashion_dir/t10k-labels-idx1-ubyte.gz" ] || [ -r "$fashion_dir/t10k-labels-idx1-ubyte" ]; then
    check "a failed run leaves an older model byte for byte (fashion --save, then a bad --curves)" bash -c '
        cd "$2" && printf "old model" >m.bin &&
        ! "$1/bin/fashion" --subset 500 --epochs 1 --hidden 2 --save m.bin \
            --curves "$2/no/such/dir/c.dat" >/dev/null 2>&1 &&
        [ "$(cat m.bin)" = "old model" ] && ! compgen -G "part-*" >/dev/null' _ "$PWD/$build" "$od"
fi
# A background job of a shell without job control ignores SIGINT; set -m
# gives it the default action, as at a terminal.
check "SIGINT and SIGTERM during a run leave the old file and no temporary" bash -c '
    set -m
    cd "$2" && mkdir kill && cd kill || exit 1
    for sig in INT TERM; do
        printf old >l.dat
        "$1/bin/balance" --episodes 10000000 --lengths l.dat >/dev/null 2>&1 &
        pid=$!
        for i in $(seq 100); do compgen -G "part-*" >/dev/null && break; sleep 0.1; done
        sleep 1
        kill -$sig $pid; sleep 0.5
        if kill -0 $pid 2>/dev/null; then kill -KILL $pid; echo "$sig did not stop it"; exit 1; fi
        wait $pid; status=$?
        [ $status -gt 128 ] || { echo "status $status"; exit 1; }
        [ "$(cat l.dat)" = old ] || { echo "l.dat changed"; exit 1; }
        [ "$(ls -A)" = l.dat ] || { echo "left: $(ls -A)"; exit 1; }
    done' _ "$PWD/$build" "$od"
check "a full disk keeps the old file and gives the reason (skipped where tmpfs cannot be mounted)" bash -c '
    d="$2/full" && mkdir "$d" || exit 1
    mount -t tmpfs -o size=64k tmpfs "$d" 2>/dev/null || exit 0
    trap "umount \"$d\"" EXIT
    printf old >"$d/out.dat" && dd if=/dev/zero of="$d/filler" bs=4k 2>/dev/null
    ! "$1/bin/rng-demo" --histogram "$d/out.dat" >/dev/null 2>"$2/full-err" &&
    grep -q "out.dat: cannot write: No space left on device" "$2/full-err" &&
    [ "$(cat "$d/out.dat")" = old ] && [ "$(ls -A "$d")" = "filler
out.dat" ]' _ "$PWD/$build" "$od"
expect_error "balance refuses one file for two outputs" balance --episodes 2 \
    --lengths "$f" --film "$f"
check "balance names both options given one file" bash -c '
    "$1/bin/balance" --episodes 2 --lengths "$2/s" --film "$2/./s" 2>&1 >/dev/null |
    grep -q -- "--lengths $2/s and --film $2/./s name the same file"' _ "$PWD/$build" "$od"
expect_error "check-grad refuses one file for three outputs" check-grad \
    --errors "$f" --timing "$f" --tex "$f"
check "balance refuses a model and its macros in one file, keeping the file" bash -c '
    cd "$2" && printf keep >x && ! "$1/bin/balance" --episodes 2 --save x --tex x \
    >/dev/null 2>&1 && [ "$(cat x)" = keep ]' _ "$PWD/$build" "$od"
check "- as a text output writes to standard output" bash -c '
    cd "$2" && "$1/bin/rng-demo" --samples 100 --tex - >out 2>/dev/null &&
    grep -q "^\\\\setrun{rng.seed}{" out && [ ! -e ./- ]' _ "$PWD/$build" "$od"
expect_error "balance refuses - for its binary model" balance --episodes 2 --save -
expect_error "balance says the range of --discount exactly" balance --discount 1
check "balance prints the bound of --discount that it checks" bash -c '
    "$1/bin/balance" --discount 1 2>&1 | grep -q "out of range \[0, 0.9999999\]"' _ "$PWD/$build"
check "an output name of 255 bytes can be written" bash -c '
    n=$(printf "x%.0s" $(seq 255)) && cd "$2" &&
    "$1/bin/rng-demo" --samples 100 --tex "$n" >/dev/null 2>&1 && [ -s "$n" ]' \
    _ "$PWD/$build" "$od"
check "a 4000-byte path keeps the reason in the message" bash -c '
    p="$2"; while [ ${#p} -lt 3840 ]; do p="$p/$(printf "d%.0s" $(seq 150))"; done
    "$1/bin/rng-demo" --tex "$p/x.tex" 2>&1 >/dev/null |
    grep -q "\.\.\..*: No such file or directory$"' _ "$PWD/$build" "$od"
check "a rename that fails at the end names the outputs already in place" bash -c '
    cd "$2" && mkdir late && cd late || exit 1
    "$1/bin/balance" --episodes 500 --lengths a.dat --film b.dat >/dev/null 2>err &
    pid=$!
    for i in $(seq 200); do [ "$(ls | grep -c "^part-")" -ge 2 ] && break; sleep 0.05; done
    mkdir b.dat; wait $pid; status=$?
    [ $status -eq 1 ] &&
    grep -q "b.dat: cannot rename into place: Is a directory; already in place: a.dat" err' \
    _ "$PWD/$build" "$od"
