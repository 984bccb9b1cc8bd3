# A notangle filter: after the first line of every code chunk that is not a
# root (an output file), insert a comment naming the chunk, so that a reader
# of tangled/ can find the passage in the book.  The comment is emitted as a
# text line of the chunk itself, so notangle indents it like the code around
# it.  A chunk used at the left margin (a declaration or a function at the
# top level of the file) is also preceded by an empty line, which separates
# it from what comes before.  Input and output are noweb's pipeline
# representation (nowebfilters(7)).  With -v style=make the comments are
# a Makefile's, starting with #.
{ line[NR] = $0 }
/^@begin code / { incode = 1; prev = "" }
/^@end code /   { incode = 0 }
/^@use / && incode && prev == "" { margin[substr($0, 6)] = 1 }
incode { prev = $0 }
/^@nl/ { prev = "" }
END {
    for (r = 1; r <= NR; r++) {
        $0 = line[r]
        if (/^@begin code /) { incode = 1; name = ""; marked = 0 }
        if (/^@end code /) incode = 0
        if (/^@defn / && incode) {
            name = substr($0, 7)
            root = (name ~ /^[A-Za-z0-9_.-]+$/ && name ~ /(\.[ch]|Makefile)$/)
        }
        print
        if (/^@nl/ && incode && name != "" && !marked) {
            marked = 1
            if (!root) {
                if (name in margin) print "@nl"
                label = name
                gsub(/\[\[|\]\]/, "", label)
                if (style == "make")
                    print "@text # " label
                else
                    print "@text /* " label " */"
                print "@nl"
            }
        }
    }
}
