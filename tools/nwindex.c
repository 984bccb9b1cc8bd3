/* nwindex: the book's identifier finder, a noweave filter.

   Usage:  nwindex           < markup > markup      (the filter)
           nwindex --check   < markup               (the index test)

   As a filter it replaces noweb's `-autodefs c` and finduses.  It reads
   the whole markup stream, tokenizes the code of every chunk as C (so
   that comments, string literals, character constants and #include
   lines hold no identifiers), finds which root files each chunk ends up
   in from the chunk graph, finds the definitions at the top level of a
   file, and writes the stream again with "@index defn" and "@index use"
   lines of its own.  Only the .c and .h roots are read as C.

   A name defined in more than one file with internal linkage (a static
   function, a macro, a type of a .c file) is indexed once per file, as
   "name (file.c)"; a use links to the definition in its own file, else
   to the one with external linkage (a header's, the library's), never to
   another program's.  A chunk is at the top level of a file if it is a
   root or is used, at the start of a line, in a chunk at the top level;
   the other chunks are parts of function bodies, and nothing they
   declare is indexed (their locals are not definitions).  Not indexed
   either: C's keywords, main, names that start with an underscore
   (reserved to the implementation: _Static_assert, _POSIX_C_SOURCE),
   include guards, and code quoted in the prose with [[...]].  An
   author's "@ %def name" is kept where the finder found no definition.

   With --check it reads a stream that already carries index lines (the
   one noweave hands to noidx) and checks every use: the name (without
   its " (file)") must be a code token of the chunk, not in a comment or
   string nor a member after . or ->, and its first definition must be in a file of the chunk or in
   a file without main (the library).  Each failure is one line on
   standard error; the exit status is 1 if any. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) { fputs("nwindex: out of memory\n", stderr); exit(2); }
    return p;
}
static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}
#define GROW(a, n, cap) do { if ((n) == (cap)) { (cap) = (cap) ? 2 * (cap) : 64; \
    (a) = xrealloc((a), (cap) * sizeof *(a)); } } while (0)

/* ---------------------------------------------------------------- input */
static char **line; static int nlines, caplines;

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---------------------------------------------------------------- names */
/* Chunk names and identifier names live in one table of strings. */
typedef struct { char *s; } name_t;
static name_t *names; static int nnames, capnames;
static int name_id(const char *s, int add)
{
    for (int i = 0; i < nnames; i++)
        if (strcmp(names[i].s, s) == 0) return i;
    if (!add) return -1;
    GROW(names, nnames, capnames);
    names[nnames].s = xstrdup(s);
    return nnames++;
}

/* ---------------------------------------------------------------- chunks */
typedef struct {
    int name;             /* chunk name */
    int begin, end;       /* lines of @begin code and @end code */
} block_t;
static block_t *blocks; static int nblocks, capblocks;

typedef struct { int parent, child, indented; } edge_t;
static edge_t *edges; static int nedges, capedges;

static int *chunk_defined, *chunk_used, *chunk_top;  /* by name id */
static int nroots; static int *roots;                 /* name ids of roots */
static unsigned char *reach;                          /* [name * nroots + r] */
static int *root_is_c, *root_is_h, *root_has_main;

static void read_blocks(void)
{
    int cur = -1, prev_blank_text = 0, line_start = 1;
    for (int i = 0; i < nlines; i++) {
        const char *l = line[i];
        if (starts(l, "@begin code ")) {
            GROW(blocks, nblocks, capblocks);
            blocks[nblocks] = (block_t){ -1, i, -1 };
            cur = nblocks++; line_start = 1; prev_blank_text = 0;
        } else if (cur >= 0 && starts(l, "@end code ")) {
            blocks[cur].end = i; cur = -1;
        } else if (cur >= 0 && starts(l, "@defn ")) {
            blocks[cur].name = name_id(l + 6, 1);
        } else if (cur >= 0 && starts(l, "@nl")) {
            line_start = 1; prev_blank_text = 0;
        } else if (cur >= 0 && starts(l, "@text ")) {
            const char *t = l + 6;
            prev_blank_text = line_start && t[strspn(t, " \t")] == '\0';
            line_start = 0;
        } else if (cur >= 0 && starts(l, "@use ")) {
            GROW(edges, nedges, capedges);
            edges[nedges++] = (edge_t){ blocks[cur].name, name_id(l + 5, 1),
                                        prev_blank_text };
            line_start = 0; prev_blank_text = 0;
        }
    }
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void mark_reach(int name, int r)
{
    if (reach[(size_t)name * nroots + r]) return;
    reach[(size_t)name * nroots + r] = 1;
    for (int e = 0; e < nedges; e++)
        if (edges[e].parent == name) mark_reach(edges[e].child, r);
}

static void chunk_graph(void)
{
    chunk_defined = xrealloc(NULL, nnames * sizeof(int));
    chunk_used = xrealloc(NULL, nnames * sizeof(int));
    chunk_top = xrealloc(NULL, nnames * sizeof(int));
    for (int i = 0; i < nnames; i++) chunk_defined[i] = chunk_used[i] = chunk_top[i] = 0;
    for (int b = 0; b < nblocks; b++)
        if (blocks[b].name >= 0) chunk_defined[blocks[b].name] = 1;
    for (int e = 0; e < nedges; e++) chunk_used[edges[e].child] = 1;
    roots = xrealloc(NULL, nnames * sizeof(int));
    for (int i = 0; i < nnames; i++)
        if (chunk_defined[i] && !chunk_used[i]) roots[nroots++] = i;
    reach = xrealloc(NULL, (size_t)nnames * (nroots ? nroots : 1));
    memset(reach, 0, (size_t)nnames * (nroots ? nroots : 1));
    root_is_c = xrealloc(NULL, (nroots + 1) * sizeof(int));
    root_is_h = xrealloc(NULL, (nroots + 1) * sizeof(int));
    root_has_main = xrealloc(NULL, (nroots + 1) * sizeof(int));
    for (int r = 0; r < nroots; r++) {
        mark_reach(roots[r], r);
        root_is_h[r] = ends_with(names[roots[r]].s, ".h");
        root_is_c[r] = root_is_h[r] || ends_with(names[roots[r]].s, ".c");
        root_has_main[r] = 0;
    }
    /* the top level: roots, and chunks used unindented in the top level */
    for (int r = 0; r < nroots; r++) chunk_top[roots[r]] = 1;
    for (int changed = 1; changed; ) {
        changed = 0;
        for (int e = 0; e < nedges; e++)
            if (chunk_top[edges[e].parent] && !edges[e].indented && !chunk_top[edges[e].child])
                chunk_top[edges[e].child] = changed = 1;
    }
}

static int block_in_c(int b)
{
    for (int r = 0; r < nroots; r++)
        if (root_is_c[r] && reach[(size_t)blocks[b].name * nroots + r]) return 1;
    return 0;
}

/* ---------------------------------------------------------------- tokens */
enum { T_IDENT, T_PUNCT, T_OTHER, T_USE };
typedef struct {
    int kind;
    int line, off, len;   /* where: line index, offset in the @text line */
    char text[64];
    int pp;               /* 0, or the directive: 'd' define, 'i' if-like, 'o' other */
    int ppstart;          /* first token of a directive line (the name after #) */
    int ent;              /* the entity a use links to, or -1 */
} tok_t;
static tok_t *toks; static int ntoks, captoks;

static void add_tok(int kind, int ln, int off, const char *s, int len, int pp)
{
    GROW(toks, ntoks, captoks);
    tok_t *t = &toks[ntoks++];
    t->kind = kind; t->line = ln; t->off = off; t->len = len; t->pp = pp; t->ppstart = 0;
    t->ent = -1;
    int n = len < 63 ? len : 63;
    memcpy(t->text, s, (size_t)n); t->text[n] = '\0';
}

/* Tokenize block b into toks[] (from scratch).  The pieces of text of one
   source line between two chunk uses are joined first: a string literal
   may be split across pieces of the markup. */
static char seg_buf[1 << 16];
static int seg_start[4096], seg_line[4096], nseg, seg_len;
static int comment, bol, pp, skipline, ppname;

static void where(int k, int *ln, int *off)
{
    int j = 0;
    while (j + 1 < nseg && seg_start[j + 1] <= k) j++;
    *ln = seg_line[j]; *off = k - seg_start[j];
}
static void add_at(int kind, int k, int len)
{
    int ln, off;
    where(k, &ln, &off);
    add_tok(kind, ln, off, seg_buf + k, len, pp);
}

static void scan(void)
{
    const char *s = seg_buf;
    int n = seg_len;
    for (int k = 0; k < n; ) {
        char c = s[k];
        if (comment) {
            if (c == '*' && k + 1 < n && s[k + 1] == '/') { comment = 0; k += 2; }
            else k++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') { k++; continue; }
        if (c == '/' && k + 1 < n && s[k + 1] == '*') { comment = 1; k += 2; continue; }
        if (c == '/' && k + 1 < n && s[k + 1] == '/') { k = n; continue; }
        if (bol && c == '#') {
            /* a directive: name it; #include lines hold no identifiers */
            int j = k + 1;
            while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
            int m = j;
            while (m < n && isalpha((unsigned char)s[m])) m++;
            if (m - j == 7 && strncmp(s + j, "include", 7) == 0) skipline = 1;
            else if (m - j == 6 && strncmp(s + j, "define", 6) == 0) pp = 'd';
            else if (m - j == 6 && strncmp(s + j, "ifndef", 6) == 0) pp = 'n';
            else if ((m - j == 5 && strncmp(s + j, "ifdef", 5) == 0)
                     || (m - j == 2 && strncmp(s + j, "if", 2) == 0)
                     || (m - j == 4 && strncmp(s + j, "elif", 4) == 0)) pp = 'i';
            else pp = 'o';
            ppname = 1;
            bol = 0; k = m;
            continue;
        }
        bol = 0;
        if (skipline) { k = n; continue; }
        if (c == '"' || c == '\'') {
            int j = k + 1;
            while (j < n && s[j] != c) j += (s[j] == '\\') ? 2 : 1;
            k = j + 1;
            continue;
        }
        if (isalpha((unsigned char)c) || c == '_') {
            int j = k;
            while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_')) j++;
            /* a prefixed literal: L"...", u8"..." */
            if (j < n && (s[j] == '"' || s[j] == '\'') && j - k <= 2) { k = j; continue; }
            add_at(T_IDENT, k, j - k);
            toks[ntoks - 1].ppstart = ppname; ppname = 0;
            k = j;
            continue;
        }
        if (isdigit((unsigned char)c) || (c == '.' && k + 1 < n && isdigit((unsigned char)s[k + 1]))) {
            int j = k + 1;
            while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '.'
                             || ((s[j] == '+' || s[j] == '-')
                                 && (s[j - 1] == 'e' || s[j - 1] == 'E'
                                     || s[j - 1] == 'p' || s[j - 1] == 'P')))) j++;
            add_at(T_OTHER, k, j - k);
            ppname = 0; k = j;
            continue;
        }
        if (c == '-' && k + 1 < n && s[k + 1] == '>') {
            add_at(T_PUNCT, k, 2); ppname = 0; k += 2; continue;
        }
        add_at(strchr("{}()[];,=*.:", c) ? T_PUNCT : T_OTHER, k, 1);
        ppname = 0; k++;
    }
    nseg = 0; seg_len = 0;
}

static void tokenize(int b)
{
    ntoks = 0; nseg = 0; seg_len = 0;
    comment = 0; bol = 1; pp = 0; skipline = 0; ppname = 0;
    for (int i = blocks[b].begin; i <= blocks[b].end; i++) {
        const char *l = line[i];
        if (starts(l, "@nl")) {
            scan();
            bol = 1;
            /* a directive goes on over a line ending in a backslash */
            if (!(pp && ntoks > 0 && toks[ntoks - 1].kind == T_OTHER
                  && strcmp(toks[ntoks - 1].text, "\\") == 0)) { pp = 0; skipline = 0; }
            continue;
        }
        if (starts(l, "@use ")) { scan(); add_tok(T_USE, i, 0, "", 0, pp); bol = 0; continue; }
        if (!starts(l, "@text ")) continue;
        int n = (int)strlen(l + 6);
        if (nseg == 4096 || seg_len + n >= (int)sizeof seg_buf) scan();
        seg_start[nseg] = seg_len; seg_line[nseg++] = i;
        memcpy(seg_buf + seg_len, l + 6, (size_t)n);
        seg_len += n;
    }
    scan();
}

static int is(int i, const char *s)
{
    return i >= 0 && i < ntoks && toks[i].kind != T_USE && strcmp(toks[i].text, s) == 0;
}

static const char *const keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do",
    "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline",
    "int", "long", "register", "restrict", "return", "short", "signed",
    "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned",
    "void", "volatile", "while", "defined", "main", NULL
};
static int indexable(const char *s)
{
    if (s[0] == '_') return 0;     /* reserved for the implementation */
    for (int i = 0; keywords[i]; i++)
        if (strcmp(s, keywords[i]) == 0) return 0;
    return 1;
}

/* ---------------------------------------------------------------- definitions */
enum { D_FUNC, D_VAR, D_TYPE, D_MACRO, D_DECLARED };
typedef struct {
    int id;        /* identifier name */
    int block;
    int kind;
    int internal;  /* internal linkage: indexed per file */
    int entity;
    int tok;       /* the defining token in the block's tokens, or -1 */
} def_t;
static def_t *defs; static int ndefs, capdefs;

static int *guards; static int nguards, capguards;   /* include guards */
static int is_guard(int id)
{
    for (int i = 0; i < nguards; i++) if (guards[i] == id) return 1;
    return 0;
}

static void add_def(int b, int t, int kind, int is_static)
{
    if (!indexable(toks[t].text)) return;
    int id = name_id(toks[t].text, 1);
    for (int d = 0; d < ndefs; d++)
        if (defs[d].id == id && defs[d].block == b) return;
    int header = 0;
    for (int r = 0; r < nroots; r++)
        if (root_is_h[r] && reach[(size_t)blocks[b].name * nroots + r]) header = 1;
    GROW(defs, ndefs, capdefs);
    defs[ndefs++] = (def_t){ id, b, kind,
        !header && (is_static || kind == D_TYPE || kind == D_MACRO), -1, t };
}

/* The matching bracket of toks[i], searching forward (dir 1) or back. */
static int match(int i, int dir)
{
    const char *open = toks[i].text, *close = dir > 0 ? (open[0] == '(' ? ")" : open[0] == '[' ? "]" : "}")
                                                     : (open[0] == ')' ? "(" : open[0] == ']' ? "[" : "{");
    int depth = 0;
    for (int j = i; j >= 0 && j < ntoks; j += dir) {
        if (toks[j].kind == T_USE || toks[j].pp) continue;
        if (strcmp(toks[j].text, open) == 0) depth++;
        else if (strcmp(toks[j].text, close) == 0 && --depth == 0) return j;
    }
    return -1;
}

/* One declaration at file scope, tokens [s, e) ending before ';' or a body. */
static void declaration(int b, int s, int e)
{
    int is_typedef = 0, is_static = 0, is_extern = 0;
    for (int i = s; i < e; i++) {
        if (is(i, "typedef")) is_typedef = 1;
        if (is(i, "static")) is_static = 1;
        if (is(i, "extern")) is_extern = 1;
    }
    if (is_extern) return;
    int paren = 0, brace = 0, init = 0;
    for (int i = s; i < e; i++) {
        if (toks[i].kind == T_USE || toks[i].pp) continue;
        const char *x = toks[i].text;
        if (strcmp(x, "{") == 0) { brace++; continue; }
        if (strcmp(x, "}") == 0) { brace--; continue; }
        if (brace) continue;
        if (strcmp(x, "(") == 0) { paren++; continue; }
        if (strcmp(x, ")") == 0) { paren--; continue; }
        if (paren == 0 && strcmp(x, "=") == 0) { init = 1; continue; }
        if (paren == 0 && strcmp(x, ",") == 0) { init = 0; continue; }
        if (init || toks[i].kind != T_IDENT) continue;
        int next = i + 1;
        while (next < e && toks[next].kind == T_USE) next++;
        const char *nx = next < e ? toks[next].text : ";";
        if (is_typedef) {
            if ((paren == 0 && (strcmp(nx, ",") == 0 || strcmp(nx, ";") == 0
                                || strcmp(nx, "[") == 0 || next == e))
                || (paren == 1 && is(i - 1, "*") && is(i - 2, "(") && strcmp(nx, ")") == 0))
                add_def(b, i, D_TYPE, 1);
        } else if (paren == 0) {
            if (strcmp(nx, "(") == 0) return;          /* a prototype */
            if (strcmp(nx, ",") == 0 || strcmp(nx, "=") == 0 || strcmp(nx, "[") == 0
                || next == e)
                if (i > s && (toks[i - 1].kind == T_IDENT || is(i - 1, "*") || is(i - 1, "}")))
                    add_def(b, i, D_VAR, is_static);
        }
    }
}

/* The definitions of block b (tokenized), a chunk at the top level. */
static void find_defs(int b)
{
    int depth = 0, ds = 0;
    for (int i = 0; i < ntoks; i++) {
        tok_t *t = &toks[i];
        if (t->pp) {
            if (t->pp == 'd' && t->ppstart && t->kind == T_IDENT) {
                int id = name_id(t->text, 1);
                if (!is_guard(id)) add_def(b, i, D_MACRO, 0);
            }
            if (i == ds) ds = i + 1;
            continue;
        }
        if (t->kind == T_USE) continue;
        if (depth == 0 && strcmp(t->text, ";") == 0) { declaration(b, ds, i); ds = i + 1; continue; }
        if (strcmp(t->text, "{") == 0) {
            if (depth == 0) {
                int p = i - 1;
                while (p >= 0 && (toks[p].kind == T_USE || toks[p].pp)) p--;
                if (is(p, ")")) {
                    /* a function definition: the name before its parameters */
                    int q = match(p, -1), is_static = 0;
                    for (int j = ds; j < i; j++) if (is(j, "static")) is_static = 1;
                    if (q > 0 && toks[q - 1].kind == T_IDENT && !is(ds, "typedef"))
                        add_def(b, q - 1, D_FUNC, is_static);
                    int end = match(i, 1);
                    if (end < 0) return;
                    i = end; ds = end + 1;
                    continue;
                }
                int k = p;
                if (k >= 0 && toks[k].kind == T_IDENT && !is(k, "struct") && !is(k, "union")
                    && !is(k, "enum")) k--;
                if (is(k, "struct") || is(k, "union") || is(k, "enum")) {
                    if (k != p) add_def(b, p, D_TYPE, 0);
                    if (is(k, "enum")) {
                        int end = match(i, 1), pd = 0;
                        for (int j = i + 1; j < (end < 0 ? ntoks : end); j++) {
                            if (is(j, "(")) pd++;
                            if (is(j, ")")) pd--;
                            if (pd == 0 && toks[j].kind == T_IDENT && (is(j - 1, "{") || is(j - 1, ",")))
                                add_def(b, j, D_TYPE, 0);
                        }
                    }
                }
            }
            depth++;
            continue;
        }
        if (strcmp(t->text, "}") == 0) { if (depth > 0) depth--; continue; }
    }
    /* a chunk that ends inside a declaration: a function whose body is another chunk */
    int p = ntoks - 1;
    while (p >= ds && (toks[p].kind == T_USE || toks[p].pp)) p--;
    if (depth == 0 && p > ds && is(p, ")")) {
        int q = match(p, -1), is_static = 0;
        for (int j = ds; j < p; j++) if (is(j, "static")) is_static = 1;
        if (q > 0 && toks[q - 1].kind == T_IDENT && !is(ds, "typedef") && q - 1 > ds)
            add_def(b, q - 1, D_FUNC, is_static);
    }
}

/* include guards: #ifndef X followed by #define X with nothing after it */
static void find_guards(void)
{
    for (int i = 0; i + 1 < ntoks; i++)
        if (toks[i].pp == 'n' && toks[i].ppstart && toks[i].kind == T_IDENT)
            for (int j = i + 1; j < ntoks; j++) {
                if (toks[j].pp == 'd' && toks[j].ppstart) {
                    if (strcmp(toks[j].text, toks[i].text) == 0
                        && (j + 1 == ntoks || toks[j + 1].line != toks[j].line
                            || !toks[j + 1].pp))
                    { GROW(guards, nguards, capguards);
                      guards[nguards++] = name_id(toks[i].text, 1); }
                    break;
                }
                if (toks[j].pp == 0) break;
            }
}

/* ---------------------------------------------------------------- entities */
typedef struct { int id; int root; int internal; char *display; int first_block; } ent_t;
static ent_t *ents; static int nents, capents;

static int entity(int id, int root)   /* root -1: external */
{
    for (int e = 0; e < nents; e++)
        if (ents[e].id == id && ents[e].root == root) return e;
    return -1;
}
static int new_entity(int id, int root, int block)
{
    int e = entity(id, root);
    if (e >= 0) return e;
    GROW(ents, nents, capents);
    ents[nents] = (ent_t){ id, root, root >= 0, NULL, block };
    return nents++;
}

static void make_entities(void)
{
    /* a %def (D_DECLARED) in a header is external; in a .c file it is
       internal when the name is defined elsewhere, but never externally */
    for (int d = 0; d < ndefs; d++)
        if (defs[d].kind == D_DECLARED) defs[d].internal = -1;
    for (int d = 0; d < ndefs; d++)
        if (defs[d].kind == D_DECLARED)
            for (int r = 0; r < nroots; r++)
                if (root_is_h[r] && reach[(size_t)blocks[defs[d].block].name * nroots + r])
                    defs[d].internal = 0;
    for (int d = 0; d < ndefs; d++)
        if (defs[d].internal == -1) {
            int others = 0, external = 0;
            for (int k = 0; k < ndefs; k++)
                if (k != d && defs[k].id == defs[d].id && defs[k].block != defs[d].block) {
                    others = 1;
                    if (defs[k].internal == 0) external = 1;
                }
            defs[d].internal = others && !external;
        }
    for (int d = 0; d < ndefs; d++)
        if (!defs[d].internal) defs[d].entity = new_entity(defs[d].id, -1, defs[d].block);
    for (int d = 0; d < ndefs; d++) {
        if (!defs[d].internal) continue;
        /* a type completed in a .c file is the header's type */
        if (defs[d].kind == D_TYPE && entity(defs[d].id, -1) >= 0) {
            defs[d].entity = entity(defs[d].id, -1);
            continue;
        }
        for (int r = 0; r < nroots; r++)
            if (root_is_c[r] && reach[(size_t)blocks[defs[d].block].name * nroots + r])
                defs[d].entity = new_entity(defs[d].id, r, defs[d].block);
    }
    for (int e = 0; e < nents; e++) {
        int count = 0;
        for (int k = 0; k < nents; k++) if (ents[k].id == ents[e].id) count++;
        const char *n = names[ents[e].id].s;
        if (count > 1 && ents[e].root >= 0) {
            const char *r = names[roots[ents[e].root]].s;
            char *s = xrealloc(NULL, strlen(n) + strlen(r) + 4);
            sprintf(s, "%s (%s)", n, r);
            ents[e].display = s;
        } else ents[e].display = xstrdup(n);
    }
}

/* The entity a use of id in block b links to, or -1. */
static int resolve(int id, int b)
{
    int found = -2;
    for (int r = 0; r < nroots; r++) {
        if (!root_is_c[r] || !reach[(size_t)blocks[b].name * nroots + r]) continue;
        int e = entity(id, r);
        if (e < 0) e = entity(id, -1);
        if (e < 0) return -1;
        if (found != -2 && found != e) return -1;
        found = e;
    }
    return found < 0 ? -1 : found;
}

/* Is toks[i] an identifier in code proper that may be a use? */
static int use_position(int i, int *in_struct_body)
{
    if (toks[i].kind != T_IDENT) return 0;
    if (is(i - 1, ".") || is(i - 1, "->")) return 0;          /* a member */
    if (toks[i].pp == 'd' && toks[i].ppstart) return 0;        /* the macro's name */
    if (in_struct_body[i]) {                                   /* a member declared */
        int n = i + 1;
        if (is(n, ";") || is(n, ",") || is(n, "[") || is(n, ":")) return 0;
    }
    return indexable(toks[i].text);
}

static int *struct_body_marks(void)
{
    int *mark = xrealloc(NULL, (ntoks + 1) * sizeof(int));
    int stack[256], sp = 0;
    for (int i = 0; i < ntoks; i++) {
        mark[i] = sp > 0 && stack[sp - 1];
        if (toks[i].pp || toks[i].kind == T_USE) continue;
        if (is(i, "{")) {
            int p = i - 1;
            if (p >= 0 && toks[p].kind == T_IDENT && !is(p, "struct") && !is(p, "union")) p--;
            int s = is(p, "struct") || is(p, "union");
            if (sp < 256) stack[sp++] = s;
        } else if (is(i, "}") && sp > 0) sp--;
    }
    return mark;
}

/* ---------------------------------------------------------------- the filter */
static void filter(void)
{
    read_blocks();
    chunk_graph();
    /* the include guards, then which roots have main */
    for (int b = 0; b < nblocks; b++) {
        if (!block_in_c(b)) continue;
        tokenize(b);
        find_guards();
        for (int i = 0; i + 1 < ntoks; i++)
            if (is(i, "main") && is(i + 1, "("))
                for (int r = 0; r < nroots; r++)
                    if (reach[(size_t)blocks[b].name * nroots + r]) root_has_main[r] = 1;
    }
    for (int b = 0; b < nblocks; b++) {
        if (!block_in_c(b) || blocks[b].name < 0 || !chunk_top[blocks[b].name]) continue;
        tokenize(b);
        find_defs(b);
    }
    /* the author's %def lines, where the finder found nothing */
    for (int b = 0; b < nblocks; b++)
        for (int i = blocks[b].begin; i <= blocks[b].end; i++)
            if (starts(line[i], "@index defn ") && block_in_c(b)
                && indexable(line[i] + 12)) {
                int id = name_id(line[i] + 12, 1), have = 0;
                for (int d = 0; d < ndefs; d++)
                    if (defs[d].id == id && defs[d].block == b) have = 1;
                if (!have) {
                    GROW(defs, ndefs, capdefs);
                    defs[ndefs++] = (def_t){ id, b, D_DECLARED, 0, -1, -1 };
                }
            }
    make_entities();

    int b = 0;
    for (int i = 0; i < nlines; i++) {
        const char *l = line[i];
        if (starts(l, "@index ")) continue;   /* ours replace them */
        while (b < nblocks && blocks[b].end < i) b++;
        int inblock = b < nblocks && blocks[b].begin <= i && i <= blocks[b].end;
        if (inblock && i == blocks[b].begin) {
            tokenize(b);
            int *sb = struct_body_marks();
            /* mark each use: a token whose entity resolves */
            for (int t = 0; t < ntoks; t++) {
                int e = -1;
                int defining = 0;   /* a name where it is defined is no use */
                for (int d = 0; d < ndefs; d++)
                    if (defs[d].block == b && defs[d].tok == t) defining = 1;
                if (!defining && block_in_c(b) && use_position(t, sb)) {
                    int id = name_id(toks[t].text, 0);
                    if (id >= 0 && !is_guard(id)) e = resolve(id, b);
                }
                toks[t].ent = e;
            }
            free(sb);
        }
        if (inblock && starts(l, "@text ")) {
            const char *s = l + 6;
            int pos = 0;
            for (int t = 0; t < ntoks; t++) {
                if (toks[t].line != i || toks[t].ent < 0) continue;
                int len = toks[t].len, e = toks[t].ent;
                if (toks[t].off > pos) printf("@text %.*s\n", toks[t].off - pos, s + pos);
                printf("@index use %s\n@text %.*s\n", ents[e].display, len, s + toks[t].off);
                pos = toks[t].off + len;
            }
            if (s[pos] || pos == 0) printf("@text %s\n", s + pos);
            continue;
        }
        if (inblock && i == blocks[b].end)
            for (int d = 0; d < ndefs; d++) {
                if (defs[d].block != b || defs[d].entity < 0) continue;
                int dup = 0;   /* one line an entity a chunk */
                for (int k = 0; k < d; k++)
                    if (defs[k].block == b && defs[k].entity == defs[d].entity) dup = 1;
                if (!dup) printf("@index defn %s\n", ents[defs[d].entity].display);
            }
        puts(l);
    }
}

/* ---------------------------------------------------------------- the check */
static int check(void)
{
    read_blocks();
    chunk_graph();
    for (int b = 0; b < nblocks; b++) {
        if (!block_in_c(b)) continue;
        tokenize(b);
        for (int i = 0; i + 1 < ntoks; i++)
            if (is(i, "main") && is(i + 1, "("))
                for (int r = 0; r < nroots; r++)
                    if (reach[(size_t)blocks[b].name * nroots + r]) root_has_main[r] = 1;
    }
    /* the first definition of each identifier, as noidx links it */
    int *first = NULL; int nfirst = 0, capfirst = 0;
    char **fname = NULL;
    for (int b = 0; b < nblocks; b++)
        for (int i = blocks[b].begin; i <= blocks[b].end; i++)
            if (starts(line[i], "@index defn ") || starts(line[i], "@index localdefn ")) {
                const char *id = strchr(line[i] + 7, ' ') + 1;
                int seen = 0;
                for (int k = 0; k < nfirst; k++) if (strcmp(fname[k], id) == 0) seen = 1;
                if (seen) continue;
                GROW(first, nfirst, capfirst);
                fname = xrealloc(fname, capfirst * sizeof *fname);
                first[nfirst] = b; fname[nfirst++] = xstrdup(id);
            }
    int bad = 0;
    for (int b = 0; b < nblocks; b++) {
        tokenize(b);
        for (int i = blocks[b].begin; i <= blocks[b].end; i++) {
            if (!starts(line[i], "@index use ")) continue;
            const char *id = line[i] + 11;
            char base[256];
            snprintf(base, sizeof base, "%s", id);
            char *sp = strstr(base, " (");
            if (sp) *sp = '\0';
            int found = 0;
            for (int t = 0; t < ntoks; t++) {
                if (toks[t].kind != T_IDENT || strcmp(toks[t].text, base) != 0) continue;
                if (is(t - 1, ".") || is(t - 1, "->")) continue;   /* a member */
                found = 1;
                break;
            }
            const char *chunk = names[blocks[b].name].s;
            if (!found) {
                fprintf(stderr, "use of %s in <<%s>>: no such token in its code "
                        "(in a string, comment or #include?)\n", id, chunk);
                bad = 1;
                continue;
            }
            int d = -1;
            for (int k = 0; k < nfirst; k++) if (strcmp(fname[k], id) == 0) d = first[k];
            if (d < 0) continue;   /* noidx links nothing */
            int ok = 0, any = 0;
            for (int r = 0; r < nroots; r++) {
                if (!root_is_c[r]) continue;
                int in_d = reach[(size_t)blocks[d].name * nroots + r];
                int in_b = reach[(size_t)blocks[b].name * nroots + r];
                if (in_b) any = 1;
                if (in_d && (in_b || !root_has_main[r])) ok = 1;
            }
            if (any && !ok) {
                fprintf(stderr, "use of %s in <<%s>> links to <<%s>>, in another program\n",
                        id, chunk, names[blocks[d].name].s);
                bad = 1;
            }
        }
    }
    for (int k = 0; k < nfirst; k++) free(fname[k]);
    free(fname);
    free(first);
    return bad;
}

int main(int argc, char **argv)
{
    char *buf = NULL; size_t cap = 0; ssize_t n;
    while ((n = getline(&buf, &cap, stdin)) >= 0) {
        if (n > 0 && buf[n - 1] == '\n') buf[--n] = '\0';
        GROW(line, nlines, caplines);
        line[nlines++] = xstrdup(buf);
    }
    free(buf);
    if (argc == 2 && strcmp(argv[1], "--check") == 0) return check();
    if (argc != 1) {
        fputs("usage: nwindex [--check] < markup\n", stderr);
        return 2;
    }
    filter();
    return fflush(stdout) == 0 ? 0 : 1;
}
