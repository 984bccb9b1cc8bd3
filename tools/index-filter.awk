# A noweave filter, run after `-autodefs c` and before `-index`: keep in
# the identifier index only what is defined at the top level of a file.
#
# noweb's C definition finder takes every declaration that starts a line
# of a chunk for a definition.  In this book the body of a function is
# split into chunks, whose lines start at the chunk's left margin, so it
# would index local variables (i, w, z, ...) and link every later use of
# those names to them.  A chunk is at the top level of a file if it is a
# root or is used, at the start of a line, in a chunk at the top level;
# chunks used indented are parts of a function body, and the definitions
# found in them are dropped.  So are include guards, names every program
# defines (main, usage), names that only look defined (printf in a format
# attribute, size_t in a cast, complex in static double complex f(...),
# uint32_t in static uint32_t f(...)),
# a definition found twice in a chunk, and
# all but the first definition of the library's types.
{ line[NR] = $0 }
/^@begin code / { incode = 1; chunk = ""; prev = "" }
/^@end code /   { incode = 0 }
/^@defn / { chunk = substr($0, 7); defined[chunk] = 1 }
/^@use / && incode {
    child = substr($0, 6)
    indented = (prev ~ /^@text[ \t]+$/)
    if (!indented) edge[chunk, child] = 1
    used[child] = 1
    children[chunk] = children[chunk] SUBSEP child
}
incode { chunkof[NR] = chunk; prev = $0 }
/^@nl/ { prev = "" }
BEGIN { split("printf size_t main usage complex uint8_t uint16_t uint32_t uint64_t", words, " ")
        for (w in words) skip[words[w]] = 1
        split("net rng runfile activation loss_kind nn_err", words, " ")
        for (w in words) types[words[w]] = 1 }
END {
    n = 0
    for (c in defined)
        if (!(c in used)) { top[c] = 1; queue[++n] = c }
    for (q = 1; q <= n; q++) {
        split(substr(children[queue[q]], 2), kids, SUBSEP)
        for (k in kids)
            if (((queue[q], kids[k]) in edge) && !(kids[k] in top)) {
                top[kids[k]] = 1; queue[++n] = kids[k]
            }
    }
    for (r = 1; r <= NR; r++) {
        # the finder marks static definitions as localdefn: treat alike
        isdef = line[r] ~ /^@index (local)?defn /
        if (isdef && (r in chunkof) && !(chunkof[r] in top))
            continue
        if (line[r] ~ /^@begin code /)
            block = line[r]
        if (isdef) {
            id = line[r]
            sub(/^@index (local)?defn /, "", id)
            # names that every program has, or that only look defined
            if (id in skip || id ~ /^[A-Z_]+_H$/)
                continue
            # a %def line repeats what the finder found in the same chunk
            if ((block, id) in seen)
                continue
            seen[block, id] = 1
            # a function returning a library type, static net *f(...),
            # looks like a second definition of the type: keep the first
            if (id in types && (id in typedefined))
                continue
            typedefined[id] = 1
        }
        print line[r]
    }
}
