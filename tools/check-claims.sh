#!/bin/sh
# Check the claims of the book against the runs, and write the rows of the
# table of guarded claims (appendix of the book) on standard output.
# Usage: tools/check-claims.sh RUNFILE... -- CHAPTER.nw...
# A run's file of macros holds its lines \setclaim{key}{holds}{claim}{evidence};
# the program that checked a claim is named after the file (descent.tex:
# descent; balance-A.tex, balance-compare-runs.tex: balance).  A chapter
# states a claim as \claim{key}{sentence}.  Fails, naming the claim, its
# key and its chapter, when a claim does not hold, when a chapter states a
# claim no run checked, when a run checks a claim no chapter states, or
# when a record is malformed.
usage="usage: check-claims.sh RUNFILE... -- CHAPTER.nw..."
runs=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    [ -r "$1" ] || { echo "$1: cannot read the run's macros" >&2; exit 1; }
    case $1 in *[[:space:]]*) echo "$1: a run's file name may not hold a space" >&2; exit 1 ;; esac
    runs="$runs $1"; shift
done
[ $# -gt 0 ] && [ -n "$runs" ] || { echo "$usage" >&2; exit 1; }
shift
# Where each claim stands: "key file" for every \claim{key} in the chapters.
stated=$(grep -o '\\claim{[^{}]*}' "$@" /dev/null | sed 's/^\([^:]*\):\\claim{\(.*\)}$/\2 \1/')
awk -v stated="$stated" '
BEGIN {
    n = split(stated, lines, "\n")
    for (i = 1; i <= n; i++) {
        if (lines[i] == "") continue
        split(lines[i], kf, " ")
        if (kf[1] in where && where[kf[1]] != kf[2]) where[kf[1]] = where[kf[1]] " and " kf[2]
        else where[kf[1]] = kf[2]
    }
    bad = 0
}
/\\setclaim/ {
    line = $0
    if (line !~ /^\\setclaim\{[^{}]+\}\{[01]\}\{[^{}]+\}\{[^{}]*\}$/) {
        printf "%s:%d: malformed claim record: %s\n", FILENAME, FNR, line > "/dev/stderr"
        bad = 1; next
    }
    prog = FILENAME
    sub(/.*\//, "", prog); sub(/\.tex$/, "", prog); sub(/-runs$/, "", prog)
    sub(/-[A-Z]$/, "", prog); sub(/-compare$/, "", prog)
    sub(/^\\setclaim\{/, "", line); sub(/\}$/, "", line)
    split(line, f, /\}\{/)
    key = f[1]; holds = f[2]; claim = f[3]; evidence = f[4]
    if (key in seen) {
        printf "claim %s is recorded twice (%s)\n", key, FILENAME > "/dev/stderr"
        bad = 1; next
    }
    seen[key] = 1
    if (!(key in where)) {
        printf "claim \047%s\047 (%s, checked by %s) is checked by a run but no chapter states it\n", claim, key, prog > "/dev/stderr"
        bad = 1; next
    }
    if (holds != 1) {
        printf "claim \047%s\047 (%s, %s) does not hold in this run of %s: %s\n", claim, key, where[key], prog, evidence > "/dev/stderr"
        bad = 1; next
    }
    order[++count] = key; text[key] = claim; why[key] = evidence; by[key] = prog
}
END {
    for (key in where)
        if (!(key in seen)) {
            printf "claim %s (%s) is stated but no run checked it\n", key, where[key] > "/dev/stderr"
            bad = 1
        }
    if (bad) exit 1
    for (i = 1; i <= count; i++) {
        key = order[i]
        printf "\\ref{claim:%s} & \\pageref{claim:%s} & %s & \\texttt{%s}: %s \\\\\n", key, key, text[key], by[key], why[key]
    }
    printf "%% %d guarded claims\n", count
}' $runs
