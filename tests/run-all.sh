#!/usr/bin/env bash
# Every test of the project, in one run; `make test` calls this after it
# has built the book, the programs and the two test runners.
# Usage: tests/run-all.sh BUILD CC PROGRAM... -- ROOT... -- CHAPTER...
# Ends with the line "N passed, N failed"; exits non-zero if any failed.
set -uo pipefail

build=$1 cc=$2; shift 2
programs=(); roots=(); chapters=()
while [ "$1" != "--" ]; do programs+=("$1"); shift; done; shift
while [ "$1" != "--" ]; do roots+=("$1"); shift; done; shift
chapters=("$@")

passed=0 failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

pass() { passed=$((passed + 1)); echo "pass $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ $# -lt 2 ] || echo "  $2"; }
check() {  # check NAME COMMAND...: passes if COMMAND exits 0
    local name=$1; shift
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | tail -n 20)"; fi
}

# 1, 2. The C tests, plain and under AddressSanitizer and UBSan.  Each
# runner prints "N passed, M failed"; its counts join ours.
run_c_tests() {
    local label=$1 runner=$2 out
    # in the scratch directory, where the tests write their files
    out=$(cd "$scratch" && "$runner" 2>&1); local status=$?
    echo "$out" | sed "s/^/[$label] /" | grep -v '^\[[a-z]*\] pass '
    local line; line=$(echo "$out" | tail -n 1)
    if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
        [ $status -eq 0 ] || [ "${BASH_REMATCH[2]}" -ne 0 ] || fail "$label runner exit status $status"
    else
        fail "$label runner did not finish" "$(echo "$out" | tail -n 5)"
    fi
}
echo "== C tests"
run_c_tests c "$PWD/$build/test/run"
echo "== C tests under -fsanitize=address,undefined"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    run_c_tests san "$PWD/$build/test-san/run"

# Every test function is in the runner's table, and the table names each
# once and only functions that exist: a test missing from tests.def would
# never run, and nothing else would say so.
echo "== tests/tests.def lists every test"
tests_def_diff() {
    local defined listed
    defined=$(sed -n 's/^void \(test_[A-Za-z0-9_]*\)(void)$/\1/p' tests/test-*.c | sort)
    listed=$(sed -n 's/^TEST(\(test_[A-Za-z0-9_]*\))$/\1/p' tests/tests.def | sort)
    comm -23 <(echo "$defined") <(echo "$listed" | sort -u) | sed 's/^/not in tests.def: /'
    comm -13 <(echo "$defined") <(echo "$listed" | sort -u) | sed 's/^/not a test function: /'
    echo "$listed" | uniq -d | sed 's/^/listed twice: /'
}
diffs=$(tests_def_diff)
if [ -z "$diffs" ]; then
    pass "tests/tests.def lists each of the $(grep -c '^TEST(' tests/tests.def) test functions once"
else
    fail "tests/tests.def does not match the test functions" "$diffs"
fi

# The labs (labs/NAME.nw, graded by make lab): each lab's grader, built
# by the Makefile's one rule for the book's own chunks (build/lab/book),
# the lab's starting file (build/lab/start/NAME) and each planted bug
# tests/labs/NAME/BUG.nw (build/lab/bug/NAME/BUG), must pass on the book,
# fail on the starting file, and fail on each planted bug with the
# diagnosis its line "% diagnosis: TEXT" gives, word for word.
echo "== labs: the book passes, the starting files and the planted bugs fail"
lab_run() {  # lab_run WHAT BUILD-DIR LAB EXPECTED-STATUS [DIAGNOSIS]
    local what=$1 prog="$build/lab/$2/grade" lab=$3 want=$4 diag=${5-} out status
    if [ ! -x "$prog" ]; then fail "$what" "$prog was not built"; return; fi
    out=$(ASAN_OPTIONS=detect_leaks=0:exitcode=3 \
          UBSAN_OPTIONS=exitcode=3:print_stacktrace=1 timeout 120 "$prog" "$lab" 2>&1)
    status=$?
    if [ "$status" -ne "$want" ]; then
        fail "$what: exit status $status, expected $want" \
             "$(echo "$out" | grep -v '^  ok' | tail -n 12)"
    elif [ -n "$diag" ] && ! grep -qF -- "$diag" <<<"$out"; then
        fail "$what: the report does not say \"$diag\"" \
             "$(echo "$out" | grep -v '^  ok' | tail -n 12)"
    else
        pass "$what${diag:+: \"$diag\"}"
    fi
}
chunk_names() { sed -n 's/^<<\(.*\)>>=[[:space:]]*$/\1/p' "$1" | sort -u; }
for f in labs/*.nw; do
    lab=${f#labs/}; lab=${lab%.nw}
    lab_run "lab $lab passes on the book's chunks" book "$lab" 0
    lab_run "lab $lab fails on its starting file" "start/$lab" "$lab" 1
    nbugs=0
    for bug in tests/labs/"$lab"/*.nw; do
        [ -e "$bug" ] || continue
        nbugs=$((nbugs + 1))
        b=${bug#tests/labs/}; b=${b%.nw}
        diag=$(sed -n 's/^% diagnosis: //p' "$bug" | head -n 1)
        if [ -z "$diag" ]; then
            fail "$bug has no line \"% diagnosis: TEXT\""
        elif [ "$(chunk_names "$bug")" != "$(chunk_names "$f")" ]; then
            fail "$bug does not define the chunks of $f, no more and no fewer"
        else
            lab_run "lab $lab finds the planted bug ${b#*/}" "bug/$b" "$lab" 1 "$diag"
        fi
    done
    [ "$nbugs" -gt 0 ] || fail "lab $lab has no planted bug in tests/labs/$lab/"
done
for d in tests/labs/*/; do   # planted bugs without a lab would never run
    d=${d%/}
    [ -f "labs/${d##*/}.nw" ] || fail "$d/ has no lab labs/${d##*/}.nw"
done
# make lab itself: its refusals, and readers' files graded end to end
# (make's own exit status is 2 whenever a recipe fails).
make_lab() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory lab "$@" 2>&1; }
make_lab_says() {  # make_lab_says TEXT EXPECTED-STATUS ARGS...
    local text=$1 want=$2 out status; shift 2
    out=$(make_lab "$@"); status=$?
    if [ "$status" -eq "$want" ] && grep -qF -- "$text" <<<"$out"; then
        pass "make lab $*: exit status $status, \"$text\""
    else
        fail "make lab $*: exit status $status, expected $want and \"$text\"" \
             "$(echo "$out" | tail -n 5)"
    fi
}
make_lab_says "there is no lab called 'no-such-lab'; the labs are:" 2 NAME=no-such-lab
make_lab_says "make lab: $scratch/none.nw: no such file" 2 \
    NAME=tanh-derivative FILE="$scratch/none.nw"
make_lab_says ">>, which lab tanh-derivative does not ask for" \
    2 NAME=tanh-derivative FILE=labs/output-error.nw
sed '/^<<the derivative of tanh>>=/,/^@/d' labs/tanh-derivative.nw > "$scratch/short.nw"
make_lab_says "does not define <<the derivative of tanh>>, which lab tanh-derivative asks for" \
    2 NAME=tanh-derivative FILE="$scratch/short.nw"
make_lab_says "PASS: lab tanh-derivative" 0 NAME=tanh-derivative
make_lab_says "FAIL: lab tanh-derivative" 2 NAME=tanh-derivative \
    FILE=tests/labs/tanh-derivative/sigmoid-prime-is-f.nw
sed 's/i = 1; i <= N->n\[m + 1\]/i = 0; i <= N->n[m + 1]/' labs/delta-recurrence.nw > "$scratch/row0.nw"
make_lab_says "make lab: the sanitizers stopped the grader" 2 NAME=delta-recurrence \
    FILE="$scratch/row0.nw"
# a second file for the same lab is graded, not the first one's build
# again: the starting file with the derivative put in is right
sed 's/N->delta\[m\]\[j\] = s;/N->delta[m][j] = nn_act_prime(N->A[m], N->z[m][j]) * s;/' \
    labs/delta-recurrence.nw > "$scratch/right.nw"
make_lab_says "PASS: lab delta-recurrence" 0 NAME=delta-recurrence FILE="$scratch/right.nw"

# 3. The programs' command lines.
echo "== chapter programs"
source tests/cli.sh

# 3b. Every program, built with the sanitizers, on a short run of every
# part of it (the build's runs use the programs without them).
echo "== chapter programs under -fsanitize=address,undefined"
quick_run() {  # quick_run PROGRAM ARGS...
    local p=$1; shift
    check "$p runs clean under the sanitizers" env \
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        bash -c 'cd "$1" && shift && "$@" >/dev/null' _ "$scratch" \
        "$PWD/$build/bin-san/$p" "$@" --tex san-$p.tex
}
quick_run rng-demo --samples 1000 --histogram san-h.dat
quick_run layout --diagram san-d.dat
quick_run forward --inputs 2 --curves san-c.dat
quick_run losses --curves san-l.dat
quick_run views --networks 20
quick_run xor --steps 20 --curve san-x.dat
quick_run check-grad --largest 8 --errors san-e.dat --timing san-t.dat \
    --nodes san-n.tex --gradient san-g.tex --fd san-fd.tex --cs san-cs.tex
quick_run descent --epochs 2 --samples 16 --out san-desc
quick_run zeros --samples 200 --eval 20 --seeds 2 --curve san-z.dat
quick_run quadrants --samples 2000 --test 100 --seeds 1 --regions san-q.dat
quick_run classifier --samples 40 --test 100 --epochs 5 --seeds 2 \
    --grid san-g.dat --points san-p.dat
quick_run clusters --epochs 50 --large 80 --large-epochs 50 \
    --curves san-k.dat --seeds 2 --scale-epochs 20 --small 20 \
    --small-epochs 30 --valid 40 --test 60 --bayes 500 --plane san-kp.dat \
    --scale-curves san-ks.dat --scale-table san-kst.tex \
    --overfit san-ko.dat --stop-table san-kot.tex
quick_run optimisers --seeds 2 --epochs 2 --train 20 --valid 10 --test 10 \
    --table san-ot.tex --rates san-or.dat --curves san-oc.dat \
    --bias san-ob.dat --fits san-of.dat
quick_run optimisers --seeds 1 --epochs 1 --train 3 --valid 2 --test 2 \
    --seed 9223372036854775807
quick_run batch-speed --samples 40 --batch 7
quick_run fashion --subset 300 --epochs 1 --batch 7 --curves san-fc.dat \
    --pictures san-f --save san-m.bin
quick_run cartpole-demo --episodes 10 --table san-cr.tex
quick_run ac-check --nets 2 --table san-ac.tex
quick_run balance --episodes 3 --lengths san-bl.dat --film san-bf.dat \
    --episode san-ep.dat --save san-actor.bin
quick_run balance --compare san-cmp.tex --seeds 1 --episodes 3
quick_run balance --compare san-cmp2.tex --seeds 2 --episodes 1 \
    --seed 9223372036854775807

# 3c. Chapter 17's benchmark and fashion's GEMM options.  gemm-bench
# refuses bad input in one line that names the file at fault, and leaves
# no output behind: an old --table stays as it was, and no --roofline or
# --tex appears.  Then a short run under the sanitizers writes all three
# and reads the Python times; fashion trains the same weights, bit for
# bit, on one GEMM thread and on two, and --clear trains on the loops.
echo "== gemm-bench and fashion on the GEMM"
gemm_be32() { local v=$1; printf "\\$(printf %03o $((v >> 24 & 255)))\\$(printf %03o $((v >> 16 & 255)))\\$(printf %03o $((v >> 8 & 255)))\\$(printf %03o $((v & 255)))"; }
gemm_idx_set() {  # gemm_idx_set DIR N ROWS COLS: N grey training images and labels, gzipped
    mkdir -p "$1"
    { gemm_be32 2051; gemm_be32 "$2"; gemm_be32 "$3"; gemm_be32 "$4"
      head -c $(($2 * $3 * $4)) /dev/zero | tr '\0' '\200'; } | gzip -n >"$1/train-images-idx3-ubyte.gz"
    { gemm_be32 2049; gemm_be32 "$2"
      for i in $(seq 1 "$2"); do printf "\\$(printf %03o $((i % 10)))"; done; } |
        gzip -n >"$1/train-labels-idx1-ubyte.gz"
}
gemm_idx_set "$scratch/gemm-40" 40 28 28
gemm_idx_set "$scratch/gemm-wide" 40 1 4096
printf 'numpy one 0.9\n' >"$scratch/gemm-word.dat"
printf 'numpy 1 0.9\nnumpy 2\n' >"$scratch/gemm-cut.dat"
printf 'numpy 1 0.9\ntensorflow 1 0.8\n' >"$scratch/gemm-lib.dat"
printf 'torch 3 0.8\n' >"$scratch/gemm-three.dat"
gemm_refuses() {  # gemm_refuses NAME FILE ARGS...: expect_error, and the message names FILE
    local name=$1 file=$2; shift 2
    expect_error "$name" gemm-bench --size 16 --repeats 1 --table "$scratch/cli-file-gt.tex" \
        --roofline "$scratch/gemm-r.dat" --tex "$scratch/gemm.tex" "$@"
    if grep -qF -- "$file" "$scratch/cli-err"; then pass "$name: the message names $file"
    else fail "$name: the message does not name $file" "$(cat "$scratch/cli-err")"; fi
}
gemm_refuses "gemm-bench refuses a --python file that does not exist" "$scratch/gemm-none.dat" \
    --samples 32 --python "$scratch/gemm-none.dat"
gemm_refuses "gemm-bench refuses a --python line that is not \"library threads seconds\"" \
    "$scratch/gemm-word.dat" --samples 32 --python "$scratch/gemm-word.dat"
gemm_refuses "gemm-bench refuses a --python file whose last line is cut short" \
    "$scratch/gemm-cut.dat" --samples 32 --python "$scratch/gemm-cut.dat"
gemm_refuses "gemm-bench refuses a library other than numpy and torch" "$scratch/gemm-lib.dat" \
    --samples 32 --python "$scratch/gemm-lib.dat"
gemm_refuses "gemm-bench refuses Python times on 3 threads" "$scratch/gemm-three.dat" \
    --samples 32 --python "$scratch/gemm-three.dat"
gemm_refuses "gemm-bench refuses a missing --data directory" "$scratch/nowhere" \
    --samples 32 --data "$scratch/nowhere"
gemm_refuses "gemm-bench refuses --samples more than the set holds" \
    "$scratch/gemm-40/train-images-idx3-ubyte.gz" --data "$scratch/gemm-40" --samples 64
gemm_refuses "gemm-bench refuses images that are not 28 x 28" \
    "$scratch/gemm-wide/train-images-idx3-ubyte.gz" --data "$scratch/gemm-wide" --samples 32
printf 'numpy 1 1.5\nnumpy 2 absent\ntorch 1 2.4\ntorch 2 1.2\n' >"$scratch/gemm-py.dat"
quick_run gemm-bench --samples 64 --size 32 --repeats 1 --python gemm-py.dat \
    --table san-gt.tex --roofline san-gr.dat
check "gemm-bench's short run writes its 14 rows, roofline and claims, with the Python times" bash -c '
    cd "$1" && [ -s san-gr.dat ] &&
    [ "$(grep -c "^[^&]* & \(float\|double\) & [12] & " san-gt.tex)" = 14 ] &&
    grep -q "^NumPy & float & 1 & .* & 1\.50 & " san-gt.tex &&
    grep -q "^NumPy & float & 2 & \\\\multicolumn{4}{l}{not installed}" san-gt.tex &&
    grep -q "^PyTorch & float & 2 & .* & 1\.20 & " san-gt.tex &&
    grep -q "^\\\\setclaim{gemm.double}{1}" san-gemm-bench.tex &&
    grep -q "^\\\\setclaim{gemm.float}{1}" san-gemm-bench.tex' _ "$scratch"
expect_error "fashion rejects --threads 65" fashion --tex "$f" --threads 65
check "fashion trains the same weights on one GEMM thread and on two" bash -c '
    cd "$2" && for t in 1 2; do
        "$1/bin/fashion" --subset 320 --epochs 1 --validation 0 --threads $t \
            --save th$t.bin 2>/dev/null >th$t.out || exit 1
    done &&
    a=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\);.*/\1/p" th1.out) &&
    b=$(sed -n "s/^\(test accuracy [0-9.]*%, test loss [0-9.]*\);.*/\1/p" th2.out) &&
    echo "$a; $b" && [ -n "$a" ] && [ "$a" = "$b" ] && cmp th1.bin th2.bin' _ "$PWD/$build" "$scratch"
check "fashion --clear trains on chapter 16's loops: other weights than the GEMM's" bash -c '
    cd "$2" && "$1/bin/fashion" --subset 320 --epochs 1 --validation 0 --clear \
        --save cl.bin 2>/dev/null >cl.out &&
    grep -q "^test accuracy [0-9.]*%, test loss [0-9.]*;" cl.out &&
    [ -s th1.bin ] && ! cmp -s cl.bin th1.bin' _ "$PWD/$build" "$scratch"
quick_run fashion --clear --subset 300 --epochs 1 --batch 7 --validation 0
quick_run fashion --threads 1 --subset 300 --epochs 1 --batch 7 --validation 0

# 3d. Chapter 23: data-parallel training with MPI.  The same weights, to
# the last bit, on 1, 2 and 4 ranks (4 oversubscribed); a wrong option,
# a rank count the tree cannot add up, and a shard that only rank 1
# finds broken each stop every rank with one line, status 1 and no
# output; the program built with the sanitizers runs clean on 2 ranks.
echo "== mpi-fashion on several ranks"
mpirun_q=(mpirun -q --oversubscribe)
[ "$(id -u)" -ne 0 ] || mpirun_q+=(--allow-run-as-root)
mpi_small=(--subset 2048 --epochs 1 --hidden 16 --batch 32)
for np in 1 2 4; do
    "${mpirun_q[@]}" -np $np "$build/bin/mpi-fashion" "${mpi_small[@]}" \
        --save "$scratch/mpi-$np.model" --result "$scratch/mpi-r$np.dat" \
        >/dev/null 2>&1 || echo "mpirun -np $np failed"
done
check "mpi-fashion: 2 ranks train the weights of 1, bit for bit" \
    cmp "$scratch/mpi-1.model" "$scratch/mpi-2.model"
check "mpi-fashion: 4 ranks (oversubscribed) train the weights of 1, bit for bit" \
    cmp "$scratch/mpi-1.model" "$scratch/mpi-4.model"
mpi_error() {  # mpi_error NAME NP TEXT ARGS...: expect_error on NP ranks, saying TEXT
    local name=$1 np=$2
    launch=("${mpirun_q[@]}" -np "$np") want=$3
    shift 3
    expect_error "$name" mpi-fashion "$@" --save "$scratch/cli-file.model" \
        --result "$scratch/cli-file.dat"
    launch=() want=
}
mpi_error "mpi-fashion on 2 ranks: a wrong option, said once" 2 \
    "mpi-fashion: unknown option '--frobnicate'" --frobnicate
mpi_error "mpi-fashion on 3 ranks: refused, said once" 3 \
    "mpi-fashion: 3 ranks: not a power of two that divides --slices" "${mpi_small[@]}"
mkdir -p "$scratch/mpi-cut"
cp /usr/share/datasets/fashion-mnist/t10k-* /usr/share/datasets/fashion-mnist/train-labels* "$scratch/mpi-cut"
head -c 700000 /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz \
    >"$scratch/mpi-cut/train-images-idx3-ubyte.gz"
mpi_error "mpi-fashion: a shard only rank 1 finds cut short stops both ranks, said once" 2 \
    "mpi-fashion: rank 1: $scratch/mpi-cut/train-images-idx3-ubyte.gz: truncated" \
    --data "$scratch/mpi-cut" "${mpi_small[@]}"
check "mpi-fashion: rank 0 trains on the cut file's intact shard alone" \
    "${mpirun_q[@]}" -np 1 "$build/bin/mpi-fashion" --data "$scratch/mpi-cut" \
    --subset 1024 --epochs 1 --hidden 16 --batch 32
check "mpi-fashion runs clean under the sanitizers on 2 ranks" env \
    ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
    "${mpirun_q[@]}" -np 2 "$build/bin-san/mpi-fashion" --subset 256 \
    --epochs 1 --hidden 8 --batch 16 --result "$scratch/san-mpi.dat"
check "mpi-fashion --summarize compares the models and writes its table and figure" \
    bash -c 'cd "$1" && "$2" --summarize mpi-r1.dat,mpi-r2.dat --models mpi-1.model,mpi-2.model \
        --table mpi-t.tex --figure mpi-f.dat --tex mpi-s.tex >/dev/null 2>&1 || exit 1
        grep -q "setclaim{mpi.equal}{1}" mpi-s.tex && [ "$(wc -l <mpi-t.tex)" -eq 2 ]' \
    _ "$scratch" "$PWD/$build/bin/mpi-fashion"

# 4. tangled/ is what the chapters tangle to, byte for byte.
echo "== tangled/ against chapters/"
check "chapters tangle to the committed tangled/" bash -c '
    tools/tangle.sh "$1/dev" "$1/tangled" "${@:2}" >/dev/null || exit 1
    for f in $(cd "$1/tangled" && find . -type f); do
        cmp "$1/tangled/$f" "tangled/$f" || exit 1
    done
    for f in $(cd tangled && find . -name "*.[ch]" -o -name Makefile); do
        [ -e "$1/tangled/$f" ] || { echo "tangled/$f: no chapter makes it"; exit 1; }
    done' _ "$scratch" "${roots[@]}" -- "${chapters[@]}"
check "tangled/ has no #line directives" bash -c '! grep -rl "^#line" tangled'
check "tangled/ has the library, the book's support and the programs; the library has no exit, no TeX, no harness" bash -c '
    [ "$(cd tangled && echo */)" = "book/ lib/ mpi/ programs/" ] &&
    ! grep -l "exit *(\|setrun\|setclaim\|cli\.h\|harness\.h" tangled/lib/*.[ch]'
check "a misspelt root chunk is an error" bash -c '
    sed "s|^<<lib/rng.c>>=|<<lib/rgn.c>>=|" chapters/01-reading.nw > "$1/ch.nw" &&
    ! tools/tangle.sh "$1/x" "$1/y" "${@:2}" -- "$1/ch.nw" "${chapters[@]:1}" 2>/dev/null' \
    _ "$scratch" "${roots[@]}"

# 5. tangled/ builds with a C compiler and make alone, warnings as errors.
echo "== tangled/ on its own"
check "tangled/ builds with -std=c11 -Wall -Wextra -Wpedantic -Werror" bash -c '
    mkdir "$1/alone" && cp -r tangled/lib tangled/book tangled/mpi tangled/Makefile "$1/alone" &&
    mkdir "$1/alone/programs" && cp tangled/programs/*.c "$1/alone/programs" &&
    make -s -C "$1/alone" CC="$2" CFLAGS="-std=c11 -Wall -Wextra -Wpedantic -Werror" &&
    for p in "${@:3}"; do "$1/alone/programs/$p" --help >/dev/null || exit 1; done' \
    _ "$scratch" "$cc" "${programs[@]}"
check "the README's program of one's own links against tangled/libnn.a alone, and its step lowers the loss" bash -c '
    awk "/^\/\* mine.c \*\/\$/ {on = 1} on && /^\`\`\`\$/ {exit} on" README.md > "$1/mine.c" &&
    [ -s "$1/mine.c" ] && make -s -C "$1/alone" lib &&
    "$2" -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$1/alone/lib" -o "$1/mine" "$1/mine.c" \
         "$1/alone/libnn.a" -lm -lz &&
    "$1/mine" | awk "/^loss [0-9.]+ before the step, [0-9.]+ after\$/ { ok = \$6 + 0 < \$2 + 0 } END { exit !ok }"' \
    _ "$scratch" "$cc"

# 6. Same seed, same bytes.
echo "== reproducibility"
check "forward writes the same bytes twice" bash -c '
    "$1/bin/forward" --seed 7 --tex "$2/a.tex" --curves "$2/a.dat" >"$2/a.out" &&
    "$1/bin/forward" --seed 7 --tex "$2/b.tex" --curves "$2/b.dat" >"$2/b.out" &&
    cmp "$2/a.tex" "$2/b.tex" && cmp "$2/a.dat" "$2/b.dat" && cmp "$2/a.out" "$2/b.out"' \
    _ "$build" "$scratch"
check "the build's runs reproduce their data" bash -c '
    "$1/bin/rng-demo" --seed 42 --samples 100000 --histogram "$2/h.dat" --tex "$2/r.tex" >/dev/null &&
    cmp "$2/h.dat" "$1/data/normal-hist.dat" && cmp "$2/r.tex" "$1/data/rng-demo.tex"' \
    _ "$build" "$scratch"

# 6b. The claims: the build's check passes on the build's runs, and bites
# when a run contradicts a claim, when a chapter states a claim no run
# checked, when a run checks a claim no chapter states, and on a
# malformed record; each failure names the claim.
echo "== claims checked by the runs"
check "every claim of the book holds in the build's runs" \
    bash -c 'tools/check-claims.sh "$1"/data/*.tex -- "${@:2}" >/dev/null' \
    _ "$build" "${chapters[@]}"
check "a claim the numbers contradict stops the build, naming it" bash -c '
    line=$(grep -m1 "^\\\\setclaim{[^}]*}{1}" "$1/tex/runs.tex") || exit 1
    key=$(echo "$line" | sed "s/^\\\\setclaim{\\([^}]*\\)}.*/\\1/")
    text=$(echo "$line" | sed "s/^\\\\setclaim{[^}]*}{1}{\\([^}]*\\)}.*/\\1/")
    file=$(grep -l "\\\\claim{$key}" "${@:3}")
    sed "s/^\\\\setclaim{$key}{1}/\\\\setclaim{$key}{0}/" "$1/tex/runs.tex" > "$2/runs.tex"
    if out=$(tools/check-claims.sh "$2/runs.tex" -- "${@:3}" 2>&1); then
        echo "passed: $out"; exit 1; fi
    echo "$out" | grep -F -q "claim '"'"'$text'"'"' ($key, $file) does not hold in this run of runs:" ||
    { echo "$out"; exit 1; }' \
    _ "$build" "$scratch" "${chapters[@]}"
check "a claim no run checked stops the build, naming it" bash -c '
    printf "%s\n" "text \\claim{nobody.checks}{a sentence}" > "$2/extra.nw"
    ! out=$(tools/check-claims.sh "$1/tex/runs.tex" -- "${@:3}" "$2/extra.nw" 2>&1) &&
    echo "$out" | grep -F -q "claim nobody.checks ($2/extra.nw) is stated but no run checked it"' \
    _ "$build" "$scratch" "${chapters[@]}"
check "a claim no chapter states stops the build, naming it" bash -c '
    { cat "$1/tex/runs.tex"; printf "%s\n" "\\setclaim{orphan.key}{1}{an orphan}{}"; } > "$2/runs.tex"
    ! out=$(tools/check-claims.sh "$2/runs.tex" -- "${@:3}" 2>&1) &&
    echo "$out" | grep -F -q "claim '"'"'an orphan'"'"' (orphan.key, checked by runs) is checked by a run but no chapter states it"' \
    _ "$build" "$scratch" "${chapters[@]}"
check "a malformed claim record stops the build" bash -c '
    { cat "$1/tex/runs.tex"; printf "%s\n" "\\setclaim{bad.key}{2}{x}{}"; } > "$2/runs.tex"
    ! out=$(tools/check-claims.sh "$2/runs.tex" -- "${@:3}" 2>&1) &&
    echo "$out" | grep -q "malformed claim record"' \
    _ "$build" "$scratch" "${chapters[@]}"

# 6c. The identifier index.  tools/nwindex finds definitions and uses in
# code proper; on tests/index/sample.nw each line below must come out as
# it is (a chunk's name, then its index lines), and no use may come from
# a string, a comment, an #include line or a member.  Then the check of
# the book itself: every use that noidx receives is a code token of its
# chunk and links to a definition in its own program or the library; and
# the check bites on a stream with a use in a string literal and a link
# into another program.
echo "== the identifier index"
noweb_lib=$(sed -n 's/^LIB=//p' "$(command -v noweave)")
# the @defn and @index lines of tools/nwindex on the sample
sample=$("$noweb_lib/markup" tests/index/sample.nw | "$build/tools/nwindex" |
         grep '^@defn \|^@index ')
check "the index finder defines only what the code defines at file scope" bash -c '
    out=$1
    got_body=$(echo "$out" | sed -n "/^@defn the body/,/^@defn a.c\$/p" | sed "\$d" | paste -sd "|")
    defs=$(echo "$out" | grep "^@index defn" | paste -sd "|")
    [ "$defs" = "@index defn layer|@index defn PIC_W|@index defn PIC_H|@index defn relu|@index defn act|@index defn write_curves (a.c)|@index defn write_curves (b.c)" ] ||
        { echo "definitions: $defs"; exit 1; }
    [ "$got_body" = "@defn the body of [[act]]|@index use PIC_W" ] ||
        { echo "the body chunk: $got_body"; exit 1; }' _ "$sample"
check "the index finder sees no use in a string, comment, #include or member" bash -c '
    out=$1
    a=$(echo "$out" | sed -n "/^@defn a.c\$/,/^@defn a.c main/p" | grep "^@index use" | paste -sd "|")
    main=$(echo "$out" | sed -n "/^@defn a.c main/,/^@defn b.c/p" | grep "^@index use" | paste -sd "|")
    [ "$a" = "@index use act" ] || { echo "a.c uses: $a"; exit 1; }
    [ "$main" = "@index use layer|@index use write_curves (a.c)|@index use relu|@index use PIC_H" ] ||
        { echo "a.c main uses: $main"; exit 1; }
    c=$(echo "$out" | sed -n "/^@defn lib.c/,/^@defn the body/p" | grep -c "^@index use")
    [ "$c" = 0 ] || { echo "lib.c has $c uses, in its #include, _Static_assert or string"; exit 1; }' _ "$sample"
check "a static name of two programs has an entry each, and a use links to its own" bash -c '
    out=$1
    b=$(echo "$out" | sed -n "/^@defn b.c/,\$p" | paste -sd "|")
    [ "$b" = "@defn b.c|@index use write_curves (b.c)|@index use act|@index defn write_curves (b.c)" ] ||
        { echo "b.c: $b"; exit 1; }' _ "$sample"
check "every use in the book index is a code token of its chunk, in its program or the library" \
    bash -c 'set -o pipefail; "$1/markup" "${@:3}" | "$2" | "$2" --check' \
    _ "$noweb_lib" "$build/tools/nwindex" "${chapters[@]}"
check "the index check bites on a use in a string and a link into another program" bash -c '
    set -o pipefail
    "$3/markup" tests/index/sample.nw | "$1" |
    awk "/^@text +fprintf/ { print \"@index use relu\" }
         /^@index use write_curves \\(b.c\\)/ { print \"@index use write_curves (a.c)\"; next }
         { print }" > "$2/planted.mk" || exit 1
    if "$1" --check < "$2/planted.mk" 2> "$2/planted.err"; then echo "the check passed"; exit 1; fi
    grep -q "use of relu in <<a.c>>: no such token" "$2/planted.err" &&
    grep -q "use of write_curves (a.c) in <<b.c>> links to <<a.c>>, in another program" "$2/planted.err" ||
    { cat "$2/planted.err"; exit 1; }' _ "$build/tools/nwindex" "$scratch" "$noweb_lib"

check "the index of chunks and the index of identifiers are in alphabetical order" bash -c '
    for kind in c i; do
        grep "^\\\\nwixlogsorted{$kind}" "$1/tex/chapters.tex" |
        sed -e "s/^\\\\nwixlogsorted{[ci]}{{//" \
            -e "s/^\\\\nwixident{\\(.*\\)}}{[^{}]*}}%\$/\\1/" -e "s/}{NW.*\$//" \
            -e "s/{\\\\_}/_/g; s/\\\\code{}//g; s/\\\\edoc{}//g; s/\\\\ / /g" |
        tr A-Z a-z > "$2/names-$kind"
        [ -s "$2/names-$kind" ] || { echo "no entries of kind $kind"; exit 1; }
        LC_ALL=C sort -c "$2/names-$kind" || exit 1
    done' _ "$build" "$scratch"

check "the book says neither 'Root chunk (not used in this document)' nor 'NAME, never used.'" bash -c '
    pdftotext "$1/book.pdf" "$2/book.txt" || exit 1
    ! grep -n "Root chunk (not used\|, never used\." "$2/book.txt" | head -n 3 | grep .' _ "$build" "$scratch"

# 7. The book: built, with no LaTeX warning, and a second make does nothing.
echo "== the book"
check "book.pdf exists and has pages" bash -c 'pdfinfo "$1/book.pdf" | grep -q "^Pages: *[1-9]"' _ "$build"
check "the LaTeX log has no warnings" tools/check-latex-log.sh "$build/book.log"
check "the PDF names its title, author, subject and keywords" bash -c '
    info=$(pdfinfo "$1/book.pdf") &&
    for f in Title Author Subject Keywords; do
        echo "$info" | grep -q "^$f: *[^ ]" || { echo "pdfinfo: $f is empty"; exit 1; }
    done' _ "$build"
# Code copied from the PDF is the C of tangled/: no << printed as a
# guillemet, no -- as a dash, no curly quote (the list of chunks is in
# the script).
check "code copied from the PDF is the C of tangled/" perl tests/pdf-code.pl "$build/book.pdf" tangled
# Quotes in [[code]] of the prose are straight too: a page of prose
# woven and typeset with the book's preamble.
check "quotes in code of the prose print straight" tests/prose-quotes.sh "$scratch"
# The layout: no float inside a chunk, no short chunk split, no long one
# split near an end, no footer away from its chunk, no page nearly empty;
# and the check counts each of these on a layout that has one of each.
check "no float in a chunk, no chunk or footer split, no page nearly empty" \
    tools/check-layout.sh "$build/book.lay"
check "the layout check counts each fault of a bad layout" bash -c '
    { echo "X 1000"; echo "C 1 0"
      # a chunk of 5 lines split over pages 2 and 3, a float between them
      echo "H 1 2 100"; echo "L 1 1 5 2 90"; echo "L 1 2 5 2 80"; echo "G 3 950"
      for i in 3 4 5; do echo "L 1 $i 5 3 $((900 - i))"; done; echo "F 1 3 800"
      # a chunk of 25 lines with its last 2 on page 5
      echo "H 2 4 990"; for i in $(seq 1 25); do echo "L 2 $i 25 $((i < 24 ? 4 : 5)) $((980 - i))"; done
      # a chunk whose footer is on the next page
      echo "H 3 6 500"; for i in 1 2 3; do echo "L 3 $i 3 6 $((500 - i))"; done; echo "F 3 7 990"
      for p in 2 3 4 5 6 8; do echo "P $p 900"; done; echo "P 7 100"
    } > "$1/bad.lay"
    ! out=$(tools/check-layout.sh "$1/bad.lay") || exit 1
    for k in floats-in-chunks short-chunks-split long-chunks-split footers-alone pages-nearly-empty; do
        echo "$out" | grep -q "^$k 1 " || { echo "$out"; exit 1; }
    done' _ "$scratch"
check "a second make rebuilds nothing" bash -c '
    touch "$1/before-make" && make -s all >/dev/null &&
    changed=$(find "$2" tangled -type f -newer "$1/before-make") &&
    [ -z "$changed" ] || { echo "rebuilt: $changed"; exit 1; }' _ "$scratch" "$build"

# 8. The web edition: every tests/web/*.sh, run with the build directory
# (and the chapters and roots in the environment), is one test; its last
# line says what it checked, and the time it took is shown.
echo "== the web edition"
for t in tests/web/*.sh; do
    t0=$SECONDS
    if out=$(CHAPTERS="${chapters[*]}" ROOTS="${roots[*]}" "$t" "$build" 2>&1); then
        pass "${t#tests/} ($((SECONDS - t0)) s): $(echo "$out" | tail -n 1)"
    else
        fail "${t#tests/} ($((SECONDS - t0)) s)" "$(echo "$out" | tail -n 20)"
    fi
done

# 9. The teacher's edition: one solution per exercise, matched by number;
# the marks and hints; a clean log and layout; none of it in the student
# book; and every solution program, built with the sanitizers, runs to
# success with its defaults (two at a time: each is a run of seconds).
echo "== the teacher's edition"
check "every exercise has one solution, by number; difficulties and hints" \
    bash -c 'out=$(tests/teacher/solutions.sh "$@") || { echo "$out"; exit 1; }; echo "$out"' _ "$build" "${chapters[@]}"
check "the teacher's edition's LaTeX log has no warnings" tools/check-latex-log.sh "$build/teacher.log"
check "the teacher's edition: no float in a chunk, no chunk or footer split" \
    tools/check-layout.sh "$build/teacher.lay"
check "the student book holds no solution and no teacher's page" bash -c '
    ! grep -q "newlabel{solution:\|newlabel{app:labs}\|newlabel{ch:guide}" "$1/book.aux" &&
    pdftotext "$1/book.pdf" - | grep -c "^Exercise [0-9]*\.[0-9]*\. \|solution on page" | grep -qx 0' _ "$build"
# A run's number that brings its own $...$, quoted inside $...$, makes
# $$...$$: a display in the middle of a sentence, which LaTeX sets without
# a word.  The text the web edition reads has the runs' numbers in place.
check "no run's number is set inside math that it closes (\$\$)" bash -c '
    ! grep -nP "(?<!\{\})\\$\\$" "$1/web/book.tex" "$1/teacher/web/book.tex" | head -n 5 | grep .' _ "$build"
# The teacher's edition on the web, as tests/web/ checks the book's.
check "the teacher's web edition: every link resolves, offline" \
    env HTML="$build/teacher-html" FORMATS=teacher.pdf tests/web/links.sh "$build"
check "the teacher's web edition: no LaTeX left in its pages" \
    env HTML="$build/teacher-html" tests/web/raw-latex.sh "$build"
check "every figure of the book is a PDF and an SVG of its own in build/figures, for slides" bash -c '
    labels=$(sed -n "s/^\\\\newlabel{fig:\([^}]*\)}.*/\1/p" "$1/book.aux" | sort -u)
    [ -n "$labels" ] || { echo "no figure labels in $1/book.aux"; exit 1; }
    n=0
    for l in $labels; do
        f=$1/figures/fig-$l
        pdfinfo "$f.pdf" 2>/dev/null | grep -q "^Pages: *1$" || { echo "$f.pdf: missing or not a one-page PDF"; exit 1; }
        xmllint --noout "$f.svg" 2>/dev/null && grep -q "<svg" "$f.svg" || { echo "$f.svg: missing or not SVG"; exit 1; }
        n=$((n + 1))
    done
    echo "$n figures"' _ "$build"
# Each solution program runs under the sanitizers with its defaults, but
# for the longest, which run shorter: the build has run them in full, and
# what the sanitizers look for (a bad access to memory, undefined
# behaviour) a shorter run of the same code meets as well.
sol_run() {  # sol_run BIN DIR: the program under the sanitizers
    local name=${1##*/} out status t0=$SECONDS short=()
    case $name in
    ex11-shift) short=(--samples 10000) ;;
    ex13-flip) short=(--epochs 400) ;;
    ex13-rates) short=(--epochs 300) ;;
    ex13-sep) short=(--epochs 300 --early 50) ;;
    ex13-stop) short=(--small-epochs 200) ;;
    ex17-classes) short=(--subset 1000 --epochs 2) ;;
    ex17-halve) short=(--subset 500 --epochs 4 --every 2) ;;
    ex17-overfit) short=(--epochs 6) ;;
    ex17-search) short=(--subset 100 --validation 200) ;;
    ex20-nstep | ex20-timed) short=(--seeds 1 --episodes 100) ;;
    esac
    out=$(cd "$2" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
          timeout 300 "$1" "${short[@]}" --tex "$2/$name.tex" 2>&1 >/dev/null); status=$?
    echo "$status $((SECONDS - t0)) $name"; [ -z "$out" ] || echo "$out" | tail -n 5 | sed "s/^/    /"
}
export -f sol_run
mkdir -p "$scratch/solutions"
sol_bins=$(find "$build/solutions/bin-san" -type f -perm -u+x 2>/dev/null | sort)
[ -n "$sol_bins" ] || fail "no solution program was built with the sanitizers"
while IFS= read -r line; do
    case $line in
    "    "*) echo "$line" ;;
    *) read -r st secs name <<< "$line"
       if [ "$st" = 0 ]; then pass "solution program $name, with the sanitizers ($secs s)"
       else fail "solution program $name exits $st under the sanitizers ($secs s)"; fi ;;
    esac
done < <(printf '%s\n' $sol_bins | sed "s|^|$PWD/|" |
         xargs -P "$(nproc)" -I{} bash -c 'sol_run "$1" "$2"' _ {} "$scratch/solutions")

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
