# A filter after totex: put the entries of the chunk index and of the
# identifier index in alphabetical order.  noidx sorts on the names as
# written, so a chunk name that starts with quoted code ([[views]] usage
# and options) comes before every other; here each run of entries is
# sorted on its name with the markup removed, ignoring case.
function key(s,    end) {
    # the name alone: {{name}{label}...} for a chunk,
    # {{\nwixident{name}}{label}} for an identifier
    chunk = s ~ /^\\nwixlogsorted\{c\}/
    sub(/^\\nwixlogsorted\{[ci]\}\{\{/, "", s)
    sub(/^\\nwixident\{/, "", s)
    end = chunk ? index(s, "}{NW") : index(s, "}}{")
    if (end > 0) s = substr(s, 1, end - 1)
    gsub(/\\code\{\}|\\edoc\{\}|\\nwixident\{/, "", s)
    gsub(/\{\\_\}/, "_", s)
    gsub(/\\ /, " ", s)
    gsub(/\\[a-zA-Z]+/, "", s)
    gsub(/[{}\\]/, "", s)
    return tolower(s)
}
function flush() {
    if (n == 0) return
    cmd = "LC_ALL=C sort -t '\t' -k1,1 -s | cut -f2-"
    for (i = 1; i <= n; i++) print key(run[i]) "\t" run[i] | cmd
    close(cmd)
    n = 0
}
/^\\nwixlogsorted\{[ci]\}/ {
    kind = substr($0, 15, 1)
    if (n > 0 && kind != runkind) flush()
    runkind = kind
    run[++n] = $0
    next
}
{ flush(); print }
END { flush() }
