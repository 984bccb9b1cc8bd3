#!/bin/sh
# Check the claims of the book against the runs, and write the rows of the
# table of guarded claims (appendix of the book) on standard output.
# Usage: tools/check-claims.sh RUNS.tex CHAPTER.nw...
# RUNS.tex holds the runs' lines \setclaim{key}{holds}{claim}{evidence};
# a chapter states a claim as \claim{key}{sentence}.  Fails, naming the
# claim, its key and its chapter, when a claim does not hold, when a
# chapter states a claim no run checked, when a run checks a claim no
# chapter states, or when a record is malformed.
runs=${1:?usage: check-claims.sh RUNS.tex CHAPTER.nw...}
shift
[ -r "$runs" ] || { echo "$runs: cannot read the runs' macros" >&2; exit 1; }
# Where each claim stands: "key file" for every \claim{key} in the chapters.
stated=$(grep -o '\\claim{[^{}]*}' "$@" /dev/null | sed 's/^\([^:]*\):\\claim{\(.*\)}$/\2 \1/')
awk -v runs="$runs" -v stated="$stated" '
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
        printf "%s:%d: malformed claim record: %s\n", runs, FNR, line > "/dev/stderr"
        bad = 1; next
    }
    sub(/^\\setclaim\{/, "", line); sub(/\}$/, "", line)
    split(line, f, /\}\{/)
    key = f[1]; holds = f[2]; claim = f[3]; evidence = f[4]
    if (key in seen) {
        printf "claim %s is recorded twice in %s\n", key, runs > "/dev/stderr"
        bad = 1; next
    }
    seen[key] = 1
    if (!(key in where)) {
        printf "claim \047%s\047 (%s) is checked by a run but no chapter states it\n", claim, key > "/dev/stderr"
        bad = 1; next
    }
    if (holds != 1) {
        printf "claim \047%s\047 (%s, %s) does not hold in this run: %s\n", claim, key, where[key], evidence > "/dev/stderr"
        bad = 1; next
    }
    order[++count] = key; text[key] = claim; why[key] = evidence
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
        printf "\\ref{claim:%s} & \\pageref{claim:%s} & %s & %s \\\\\n", key, key, text[key], why[key]
    }
    printf "%% %d guarded claims\n", count
}' "$runs"
