# Marks every code line of noweave's output for the layout of chunks
# (chapters/book.tex defines the marks): \nwH{c}{n} at the end of the
# header of chunk c, which has n code lines, and \nwL{i} before its code
# line i.  A chunk's code lines are the lines after its header up to the
# line with \nwendcode{}, which holds its footers; a line \eatline is not
# printed.  The header of the next chunk may follow \nwendcode{} on the
# same line.  Usage: noweave ... | awk -f tools/mark-lines.awk
# (-v first=N numbers the chunks from N + 1: a second weave in the same
# document, such as a lab handout, must not reuse the first one's numbers)
BEGIN { chunk = first + 0; incode = 0 }
function start(line) {  # line holds a header: print it marked, later
    chunk++; incode = 1; n = 0; header = line
}
function flush(i) {
    print header "\\nwH{" chunk "}{" n "}"
    for (i = 1; i <= n; i++) print "\\nwL{" i "}" code[i]
}
{
    line = $0
    if (incode) {
        if (index(line, "\\nwendcode{}")) {
            flush(); incode = 0
            p = index(line, "\\nwbegincode{")
            if (p) { printf "%s", substr(line, 1, p - 1); start(substr(line, p)) }
            else print line
        } else if (line ~ /^\\eatline/) {
            code[n] = code[n] "\n" line
        } else {
            code[++n] = line
        }
        next
    }
    p = index(line, "\\nwbegincode{")
    if (p) { printf "%s", substr(line, 1, p - 1); start(substr(line, p)); next }
    print
}
END { if (incode) { print "mark-lines.awk: a chunk has no end" > "/dev/stderr"; exit 1 } }
