# A notangle filter for the labs: a reader's version of a chunk replaces
# the book's.  Usage, with the lab file last:
#   notangle -filter "awk -v lab=tests/labs/NAME.nw -f tools/replace-chunk.awk" \
#            -RROOT chapters/*.nw tests/labs/NAME.nw
# Every code chunk that the file named by lab defines is dropped from the
# other files, every definition of it (a chunk continued in several pieces
# loses all of them), so that the lab's definition is the only one.  A
# name the lab defines but the book does not is a misspelling, which would
# leave the book's code in place and the lab testing nothing: it is an
# error.  Input and output are noweb's pipeline representation
# (nowebfilters(7)), in which a code chunk runs from "@begin code" to
# "@end code" and names itself in its "@defn" line.
{ line[NR] = $0 }
/^@file /       { file = substr($0, 7) }
/^@begin code / { start = NR }
/^@end code /   { stop[start] = NR }
/^@defn /       {
    name = substr($0, 7)
    defn[start] = name
    if (file == lab) mine[name] = 1; else book[name] = 1
    infile[start] = file
}
END {
    for (name in mine)
        if (!(name in book)) {
            printf "replace-chunk: %s defines <<%s>>, which no chapter " \
                   "defines\n", lab, name > "/dev/stderr"
            bad = 1
        }
    if (bad) exit 1
    for (r = 1; r <= NR; r++) {
        if ((r in defn) && (defn[r] in mine) && infile[r] != lab) {
            r = stop[r]      # skip the whole chunk, through @end code
            continue
        }
        print line[r]
    }
}
