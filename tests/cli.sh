# The chapter programs' command lines (sourced by tests/run-all.sh, which
# defines check, pass, fail, $build and $scratch).

# expect_error NAME PROGRAM ARGS...: the program must exit with status 1,
# print exactly one line on stderr, and leave no file behind.
expect_error() {
    local name=$1 prog=$2; shift 2
    local out="$scratch/cli-out" err="$scratch/cli-err"
    rm -f "$scratch"/cli-file*
    "$build/bin/$prog" "$@" >"$out" 2>"$err"
    local status=$? lines
    lines=$(wc -l <"$err")
    if [ $status -ne 1 ]; then
        fail "$name" "exit status $status, expected 1"
    elif [ "$lines" -ne 1 ]; then
        fail "$name" "stderr has $lines lines: $(head -c 300 "$err")"
    elif ! grep -q "^$prog: " "$err"; then
        fail "$name" "message does not start with '$prog: ': $(cat "$err")"
    elif compgen -G "$scratch/cli-file*" >/dev/null; then
        fail "$name" "left a file behind: $(ls "$scratch"/cli-file*)"
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
expect_error "views rejects zero networks" views --tex "$f" --networks 0
expect_error "views rejects a width beyond its arrays" views --tex "$f" --max-width 101
