# A notangle filter for the labs: a reader's version of a chunk replaces
# the book's.  Usage, with the lab file last:
#   notangle -filter "awk -v lab=answer.nw -f tools/replace-chunk.awk" \
#            -RROOT chapters/*.nw answer.nw
# Every code chunk that the file named by lab defines is put out of the
# way in the other files, every definition of it (a chunk continued in
# several pieces loses all of them), so that the lab's definition is the
# only one.  The book's definitions are renamed, not deleted: notangle
# leaves them out like any chunk no one uses, and still counts their
# lines, so the #line directives of the rest of each chapter stay right
# (and a lab's build compiles only the files its chunks are in).  A name
# the lab defines but the book does not is a misspelling, which would
# leave the book's code in place and the lab testing nothing: it is an
# error.  Input and output are noweb's pipeline representation
# (nowebfilters(7)), in which a code chunk starts at "@begin code" and
# names itself in its "@defn" line.
{ line[NR] = $0 }
/^@file /       { file = substr($0, 7) }
/^@begin code / { start = NR }
/^@defn /       {
    name = substr($0, 7)
    defn[start] = name
    defline[start] = NR
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
    for (r in defn)
        if ((defn[r] in mine) && infile[r] != lab)
            line[defline[r]] = "@defn " defn[r] " (the book's, replaced by " \
                               lab ")"
    for (r = 1; r <= NR; r++)
        print line[r]
}
