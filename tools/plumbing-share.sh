#!/bin/sh
# The share of a chapter's code lines that is plumbing: option parsing and
# usage text, output files, the numbers handed to the book (\setrun,
# \setclaim) and figure data.  A chunk counts whole when its name says it
# holds options, usage or the command line, or output files; in other
# chunks a statement counts whole when its first line starts with one of
# those calls (cli_*, quote*, fig_*, run_macro, fprintf to a file, a row
# of an option table, a line of a usage string).  A line that only uses
# another chunk counts as code; blank lines and lone comments not at all.
# PLUMBING_SHOW=1 prints the lines it counts.
# Usage: tools/plumbing-share.sh chapters/NN-*.nw ...
# Prints: chapter, plumbing lines, code lines, percent.
for f in "$@"; do
awk -v name="$(basename "$f" .nw)" -v show="${PLUMBING_SHOW:-0}" '
function starts_plumbing(s) {
    return s ~ /^[ \t]*(quote[a-z_]*|fig_[a-z]+|cli_(parse|open|done|start|next|is|long|double|string|sizes|unknown|create|create_binary|commit|finish)|run_macro|run_claim|[a-z_]*_macro|write_[a-z_]*macros|key_of|runfile_[a-z]+)[ \t]*\(/ \
        || s ~ /^[ \t]*(else )?if \(cli_is\(/ || s ~ /^[ \t]*else[ \t]*$/ && prev_cli \
        || s ~ /^[ \t]*\{ "--[a-z]/ || s ~ /^[ \t]*(static )?const (cli_option|char usage)/ \
        || s ~ /^[ \t]*runfile [a-z_]/ || s ~ /^[ \t]*(fputs|fputc|fprintf)\([^s]/ && s !~ /stderr|stdout/ || s ~ /^[ \t]*"[^"]*\\n"[ \t]*;?$/ && in_usage \
        || s ~ /^[ \t]*(if \([a-z_.>-]*(tex|curve|curves|out|table)[a-z_]* != NULL\))/
}
/^<<.*>>=[ \t]*$/ {
    code = 1; cont = 0
    chunkname = tolower($0)
    whole = chunkname ~ /option|usage|command line|output file|parse the/ && chunkname !~ /\.[ch]>>=/
    next
}
/^@([ \t]|$)/ { code = 0; next }
!code { next }
/^[ \t]*$/ { next }
/^[ \t]*<<[^>]*>>[ \t]*$/ { total++; next }
/^[ \t]*\/\*.*\*\/[ \t]*$/ { next }
{
    total++
    line = $0
    if (line ~ /usage\[\] =/) in_usage = 1
    if (!cont) plumbing_stmt = starts_plumbing(line)
    if (whole || plumbing_stmt || in_usage) { plumb++; if (show) print "  " line }
    prev_cli = line ~ /cli_is/
    t = line; sub(/[ \t]*\/\*.*$/, "", t)
    cont = !(t ~ /[;{}][ \t]*$/ || t ~ /^[ \t]*#/)
    if (in_usage && t ~ /;[ \t]*$/) in_usage = 0
}
END { if (total) printf "%-16s %5d %5d %5.1f%%\n", name, plumb, total, 100 * plumb / total }
' "$f"
done
