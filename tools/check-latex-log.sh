#!/bin/sh
# Fail, listing them, if a LaTeX log has warnings: undefined references or
# citations, overfull or underfull boxes, package or font warnings.
log=${1:?usage: check-latex-log.sh FILE.log}
[ -r "$log" ] || { echo "$log: no such log; build the book first" >&2; exit 1; }
if grep -n -E 'Warning|Overfull|Underfull|undefined|Missing character|has been referenced but does not exist' "$log" |
   grep -v -E 'infwarerr|^[0-9]+:Package: ' ; then
    echo "$log: LaTeX warnings (listed above)" >&2
    exit 1
fi
exit 0
