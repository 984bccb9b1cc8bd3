# A notangle filter: after the first line of every code chunk that is not a
# root (an output file), insert a comment naming the chunk, so that a reader
# of tangled/ can find the passage in the book.  The comment is emitted as a
# text line of the chunk itself, so notangle indents it like the code around
# it.  Input and output are noweb's pipeline representation (nowebfilters(7)).
/^@begin code / { incode = 1; name = ""; marked = 0 }
/^@defn / && incode {
    name = substr($0, 7)
    root = (name ~ /^[A-Za-z0-9_.-]+$/ && name ~ /(\.[ch]|Makefile)$/)
}
{ print }
/^@nl/ && incode && name != "" && !marked {
    marked = 1
    if (!root) {
        gsub(/\[\[|\]\]/, "", name)
        print "@text /* " name " */"
        print "@nl"
    }
}
/^@end code / { incode = 0 }
