#!/usr/bin/env bash
# The exercises and their solutions, matched one to one.
#   tests/teacher/solutions.sh BUILD CHAPTER.nw...
# From the sources: each chapter's exercises (\exercise{Kind}{d} in its
# Exercises) and the solutions of teacher/NAME.nw (\begin{solution}{n}):
#   - every exercise n of a chapter has exactly one solution n, in order,
#     and there is no solution of an exercise that does not exist;
#   - every difficulty is 1, 2 or 3; an exercise has a \hint exactly when
#     its difficulty is 3, and the 3s are the hardest third of the book
#     (between 30 and 40 per cent of the exercises);
#   - the solution of a Code exercise has a program (a root chunk
#     <<solutions/PROG.c>>), that of an Experiment quotes a run (\run);
#   - no chunk of teacher/ has the name of one of the book's chunks (in
#     the teacher's weave it would continue the book's chunk).
# From the teacher's edition (BUILD/teacher.aux): a label exercise:C.n for
# each exercise and solution:C.n for each solution, the same set.
# Prints a summary line; exits 1 naming every mismatch.
set -u
build=$1; shift
status=0
mkdir -p "$build/teacher" && : > "$build/teacher/exercises.txt"
fail() { echo "solutions: $*" >&2; status=1; }

for c in "$@"; do
    base=${c##*/}
    t=teacher/$base
    n=$(grep -c '^\\exercise{' "$c")
    if [ "$n" -eq 0 ]; then
        [ -e "$t" ] && fail "$t answers $c, which has no exercises"
        continue
    fi
    [ -e "$t" ] || { fail "$c has $n exercises and no teacher/$base"; continue; }
    awk -v c="$c" -v t="$t" '
    function bad(m) { print "solutions: " m > "/dev/stderr"; err = 1 }
    FILENAME == c && /^\\section\*\{Exercises\}/ { inex = 1 }
    FILENAME == c && inex && /^\\exercise\{/ {
        n++
        kind[n] = $0; sub(/^\\exercise\{/, "", kind[n]); sub(/\}.*/, "", kind[n])
        d[n] = $0; sub(/^\\exercise\{[^}]*\}\{/, "", d[n]); sub(/\}.*/, "", d[n])
    }
    FILENAME == c && inex && /\\hint\{/ { hint[n]++ }
    FILENAME == t && /^\\begin\{solution\}\{/ {
        s = $0; sub(/^\\begin\{solution\}\{/, "", s); sub(/\}.*/, "", s)
        ns++; num[ns] = s; cur = s; seen[s]++
    }
    FILENAME == t && /^\\end\{solution\}/ { cur = "" }
    FILENAME == t && cur != "" && /^<<solutions\/[^>]*\.c>>=$/ { prog[cur] = 1 }
    FILENAME == t && cur != "" && /\\run\{/ { run[cur] = 1 }
    END {
        for (i = 1; i <= n; i++) {
            if (d[i] !~ /^[123]$/) bad(c ": exercise " i " has difficulty \"" d[i] "\", not 1, 2 or 3")
            if ((d[i] == 3) != (hint[i] > 0))
                bad(c ": exercise " i " has difficulty " d[i] " and " (hint[i] ? "a hint" : "no hint") \
                    " (a hint goes with 3, and only with 3)")
            if (seen[i] != 1) bad(t ": exercise " i " has " (seen[i] + 0) " solutions, not one")
            if (tolower(kind[i]) ~ /code/ && !prog[i])
                bad(t ": exercise " i " (" kind[i] ") has no program <<solutions/PROG.c>> in its solution")
            if (kind[i] == "Experiment" && !run[i])
                bad(t ": exercise " i " (" kind[i] ") quotes no run (\\run{...}) in its solution")
            printf "%s %s %s\n", c, kind[i], d[i] > "/dev/stdout"
        }
        for (s in seen) if (!(s ~ /^[0-9]+$/ && s + 0 >= 1 && s + 0 <= n)) bad(t ": a solution of exercise " s ", which " c " does not have")
        for (i = 2; i <= ns; i++) if (num[i] + 0 <= num[i - 1] + 0) bad(t ": solution " num[i] " comes after " num[i - 1])
        exit err
    }' "$c" "$t" >> "$build/teacher/exercises.txt" || status=1
done < /dev/null

# A chunk name of teacher/ that the chapters also define.
book=$(sed -n 's/^<<\(.*\)>>=$/\1/p' "$@" | sort -u)
for t in teacher/*.nw; do
    while read -r name; do
        [ -n "$name" ] && fail "$t defines <<$name>>, a chunk of the book"
    done < <(sed -n 's/^<<\(.*\)>>=$/\1/p' "$t" | sort -u | comm -12 - <(echo "$book"))
done

total=$(wc -l < "$build/teacher/exercises.txt")
hard=$(awk '$NF == 3' "$build/teacher/exercises.txt" | wc -l)
if [ "$total" -gt 0 ] && { [ $((100 * hard)) -lt $((30 * total)) ] || [ $((100 * hard)) -gt $((40 * total)) ]; }; then
    fail "$hard of $total exercises have difficulty 3: the hardest third is 30 to 40 per cent"
fi

# The built teacher's edition: labels exercise:C.n and solution:C.n.
aux=$build/teacher.aux
if [ ! -r "$aux" ]; then
    fail "$aux: no teacher's edition (make teacher)"
else
    ex=$(sed -n 's/^\\newlabel{exercise:\([^}]*\)}.*/\1/p' "$aux" | sort)
    so=$(sed -n 's/^\\newlabel{solution:\([^}]*\)}.*/\1/p' "$aux" | sort)
    [ -n "$ex" ] || fail "$aux has no exercise labels"
    while read -r line; do
        [ -n "$line" ] && fail "$line"
    done < <(diff <(echo "$ex") <(echo "$so") |
             sed -n "s/^< /an exercise without a solution in the teacher's edition: /p
                     s/^> /a solution without an exercise in the teacher's edition: /p")
    [ "$(echo "$ex" | uniq -d)" = "" ] || fail "$aux: an exercise label twice"
fi
echo "$total exercises, $(echo "$so" | grep -c .) solutions in the teacher's edition, $hard of difficulty 3"
exit $status
