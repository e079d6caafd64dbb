/* csv — RFC 4180 writer and tolerant reader. See csv.h. */
#include "base/csv.h"
#include "base/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char utf8_bom[] = "\xEF\xBB\xBF";
static const struct csv_limits default_limits = { 20001, 64, 1024 };

/* ---------------------------------------------------------------- writer */

int csv_begin(struct buf *out)
{
    return buf_append(out, utf8_bom, 3);
}

/* A cell is the first of its row when nothing but the BOM or a CRLF precedes it.
 * (csv_put writes an empty first cell as "" so this stays decidable.) */
static int at_row_start(const struct buf *out)
{
    return out->len == 0 || out->p[out->len - 1] == '\n' ||
           (out->len == 3 && memcmp(out->p, utf8_bom, 3) == 0);
}

/* -12.50 or +3 is a number, not a formula: it stays unprefixed. */
static int is_plain_number(const char *s)
{
    int digits = 0;

    if (*s == '+' || *s == '-')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        digits++;
    if (*s == '.') {
        int frac = 0;
        for (s++; *s >= '0' && *s <= '9'; s++)
            frac++;
        if (!frac)
            return 0;
    }
    return digits && !*s;
}

/* Quoted when the reader would otherwise split or trim it: , " CR LF, or
 * leading/trailing space, TAB or U+3000. */
static int needs_quotes(const char *s)
{
    size_t n = strlen(s);

    if (strpbrk(s, ",\"\r\n"))
        return 1;
    if (!n)
        return 0;
    return s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
           (n >= 3 && (memcmp(s, "\xE3\x80\x80", 3) == 0 ||
                       memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0));
}

/* Appends s as one RFC 4180 field body: quoted when needed, '"' doubled. */
static int put_field(struct buf *out, const char *prefix, const char *s, const char *suffix,
                     int quote)
{
    const char *q;

    if (!quote)
        return buf_puts(out, prefix) || buf_puts(out, s) || buf_puts(out, suffix) ? -1 : 0;
    if (buf_putc(out, '"') < 0)
        return -1;
    for (q = prefix; *q; q++)
        if ((*q == '"' && buf_putc(out, '"') < 0) || buf_putc(out, *q) < 0)
            return -1;
    for (q = s; *q; q++)
        if ((*q == '"' && buf_putc(out, '"') < 0) || buf_putc(out, *q) < 0)
            return -1;
    for (q = suffix; *q; q++)
        if ((*q == '"' && buf_putc(out, '"') < 0) || buf_putc(out, *q) < 0)
            return -1;
    return buf_putc(out, '"');
}

int csv_put(struct buf *out, const char *cell)
{
    size_t old = out->len;
    int first = at_row_start(out);
    const char *prefix = "";
    int r;

    if (!cell)
        cell = "";
    if (!first && buf_putc(out, ',') < 0)
        return -1;
    if (strchr("=+-@\t\r", cell[0]) && cell[0] && !is_plain_number(cell))
        prefix = "'";
    if (first && !cell[0])
        r = buf_puts(out, "\"\"");
    else
        r = put_field(out, prefix, cell, "", needs_quotes(cell));
    if (r < 0) {
        out->len = old;
        if (out->p)
            out->p[old] = '\0';
    }
    return r;
}

int csv_put_text(struct buf *out, const char *cell)
{
    size_t old = out->len;
    int r;

    if (!cell)
        cell = "";
    if (!at_row_start(out) && buf_putc(out, ',') < 0)
        return -1;
    if (strpbrk(cell, ",\"\r\n")) {
        /* the formula ="a""b" inside an RFC 4180 quoted field */
        struct buf inner = { 0 };
        const char *q;
        r = 0;
        for (q = cell; *q && r == 0; q++)
            r = (*q == '"' && buf_putc(&inner, '"') < 0) || buf_putc(&inner, *q) < 0 ? -1 : 0;
        if (r == 0)
            r = put_field(out, "=\"", inner.p ? inner.p : "", "\"", 1);
        buf_free(&inner);
    } else {
        r = put_field(out, "=\"", cell, "\"", 0);
    }
    if (r < 0) {
        out->len = old;
        if (out->p)
            out->p[old] = '\0';
    }
    return r;
}

int csv_end_row(struct buf *out)
{
    return buf_append(out, "\r\n", 2);
}

int csv_begin_with_header(struct buf *out, const char *const *cells, size_t n)
{
    if (csv_begin(out) != 0)
        return -1;
    for (size_t c = 0; c < n; c++)
        if (csv_put(out, cells[c]) != 0)
            return -1;
    return csv_end_row(out);
}

/* ---------------------------------------------------------------- reader */

static size_t line_at(const char *data, size_t off)
{
    size_t line = 1, i;

    for (i = 0; i < off; i++)
        if (data[i] == '\n')
            line++;
    return line;
}

/* Converts GB18030 to UTF-8 into a new buffer with 2 spare bytes at the end. */
static enum csv_err from_gb18030(const char *in, size_t n, char **text, size_t *tlen,
                                 size_t *err_line)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    size_t cap = n + n / 2 + 16, used = 0;
    char *outbuf = NULL, *src = (char *)in;
    size_t left = n;
    enum csv_err err = CSV_OK;

    if (cd == (iconv_t)-1)
        return CSV_ENOMEM;
    if (!(outbuf = malloc(cap))) {
        err = CSV_ENOMEM;
        goto out;
    }
    while (left > 0) {
        char *dst = outbuf + used;
        size_t room = cap - used - 2;
        if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1) {
            used = (size_t)(dst - outbuf);
            break;
        }
        used = (size_t)(dst - outbuf);
        if (errno == E2BIG) {
            char *p = realloc(outbuf, cap * 2);
            if (!p) {
                err = CSV_ENOMEM;
                goto out;
            }
            outbuf = p;
            cap *= 2;
            continue;
        }
        err = CSV_EENCODING;   /* EILSEQ or EINVAL (truncated sequence) */
        if (err_line)
            *err_line = line_at(in, (size_t)(src - in));
        goto out;
    }
    /* a GB18030 BOM (84 31 95 33) decodes to U+FEFF */
    if (used >= 3 && memcmp(outbuf, utf8_bom, 3) == 0) {
        memmove(outbuf, outbuf + 3, used - 3);
        used -= 3;
    }
    *text = outbuf;
    *tlen = used;
    outbuf = NULL;
out:
    free(outbuf);
    iconv_close(cd);
    return err;
}

struct vec { void *p; size_t n, cap, elem; };

static int vec_reserve1(struct vec *v)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        void *p;
        if (cap > SIZE_MAX / v->elem)
            return -1;
        if (!(p = realloc(v->p, cap * v->elem)))
            return -1;
        v->p = p;
        v->cap = cap;
    }
    return 0;
}

static int is_space_at(const unsigned char *t, size_t r, size_t n, size_t *w)
{
    if (t[r] == ' ' || t[r] == '\t') {
        *w = 1;
        return 1;
    }
    if (t[r] == 0xE3 && n - r >= 3 && t[r + 1] == 0x80 && t[r + 2] == 0x80) {  /* U+3000 */
        *w = 3;
        return 1;
    }
    return 0;
}

/* ="…" (Excel's text protection) to its content, in place; returns the new length. */
static size_t unwrap_excel_text(char *c, size_t len)
{
    size_t i, o = 0, s, e, width;

    if (len < 3 || c[0] != '=' || c[1] != '"' || c[len - 1] != '"')
        return len;
    for (i = 2; i < len - 1; i++) {          /* a lone quote means a real formula */
        if (c[i] == '"') {
            if (i + 1 < len - 1 && c[i + 1] == '"')
                i++;
            else
                return len;
        }
    }
    for (i = 2; i < len - 1; i++) {
        c[o++] = c[i];
        if (c[i] == '"')
            i++;
    }
    /* trim the inner text as well: ="  320…  " */
    s = 0;
    while (s < o && is_space_at((unsigned char *)c, s, o, &width))
        s += width;
    e = o;
    for (;;) {
        if (e > s && (c[e - 1] == ' ' || c[e - 1] == '\t'))
            e--;
        else if (e - s >= 3 && (unsigned char)c[e - 3] == 0xE3 &&
                 (unsigned char)c[e - 2] == 0x80 && (unsigned char)c[e - 1] == 0x80)
            e -= 3;
        else
            break;
    }
    memmove(c, c + s, e - s);
    return e - s;
}

/* The text to parse: a copy of data without its BOM, in UTF-8, with 2 spare
 * NUL bytes at the end (*n excludes them). */
static enum csv_err load_text(const char *data, size_t len, char **text, size_t *n, int *gb,
                              size_t *err_line)
{
    const char *nul;
    enum csv_err err;

    if (len >= 3 && memcmp(data, utf8_bom, 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (len && (nul = memchr(data, '\0', len)) != NULL) {
        *err_line = line_at(data, (size_t)(nul - data));
        return CSV_EENCODING;
    }
    if (utf8_valid(data, len)) {
        if (!(*text = malloc(len + 2)))
            return CSV_ENOMEM;
        if (len)
            memcpy(*text, data, len);
        *n = len;
    } else {
        if ((err = from_gb18030(data, len, text, n, err_line)) != CSV_OK)
            return err;
        *gb = 1;
    }
    (*text)[*n] = '\0';
    (*text)[*n + 1] = '\0';
    return CSV_OK;
}

/*
 * The parser's state. One pass, in place: the write index w never passes the
 * read index r, because quotes and delimiters that are dropped make room for
 * each cell's NUL.
 */
struct parser {
    char *text;
    unsigned char *t;          /* text, as bytes */
    char *empty;               /* shared by the empty cells kept between non-empty ones */
    size_t n, r, w;            /* length, read and write index */
    size_t line, row_line;     /* current line; line of the current row's start */
    size_t row_first, pending; /* the row's first cell in cells; empty cells not yet kept */
    struct vec cells, rows;
    const struct csv_limits *lim;
    size_t *err_line;
};

/* The rest of a quoted cell (after its opening quote) up to its closing quote. */
static enum csv_err read_quoted(struct parser *p)
{
    unsigned char *t = p->t;
    size_t qline = p->line;

    for (;;) {
        if (p->r >= p->n) {
            *p->err_line = qline;
            return CSV_EQUOTE;
        }
        if (t[p->r] == '"') {
            if (p->r + 1 < p->n && t[p->r + 1] == '"') {
                t[p->w++] = '"';
                p->r += 2;
            } else {
                p->r++;
                return CSV_OK;
            }
        } else {
            if (t[p->r] == '\n' || (t[p->r] == '\r' && (p->r + 1 >= p->n || t[p->r + 1] != '\n')))
                p->line++;
            t[p->w++] = t[p->r++];
        }
    }
}

/* One cell: trimmed, unquoted, unwrapped and NUL-terminated at text + *cstart.
 * *delim is the byte that ended it (',', '\r', '\n') or -1 at the end. */
static enum csv_err read_cell(struct parser *p, size_t *cstart, size_t *clen, int *delim)
{
    unsigned char *t = p->t;
    size_t wend, width, k;
    enum csv_err err;

    while (p->r < p->n && is_space_at(t, p->r, p->n, &width))
        p->r += width;
    *cstart = wend = p->w;
    if (p->r < p->n && t[p->r] == '"') {
        p->r++;
        if ((err = read_quoted(p)) != CSV_OK)
            return err;
        wend = p->w;
    }
    /* unquoted text, or lenient text after a closing quote ("ab"c is abc) */
    while (p->r < p->n && t[p->r] != ',' && t[p->r] != '\n' && t[p->r] != '\r') {
        if (is_space_at(t, p->r, p->n, &width)) {
            for (k = 0; k < width; k++)
                t[p->w++] = t[p->r++];
            continue;
        }
        t[p->w++] = t[p->r++];
        wend = p->w;
    }
    *delim = p->r < p->n ? t[p->r] : -1;
    *clen = unwrap_excel_text(p->text + *cstart, wend - *cstart);
    p->text[*cstart + *clen] = '\0';
    p->w = wend + 1;
    if (*clen > p->lim->max_cell) {   /* measured unwrapped: ="…" does not count */
        *p->err_line = p->row_line;
        return CSV_ECELL;
    }
    return CSV_OK;
}

/* Keeps a non-empty cell, after the empty ones before it; an empty one waits. */
static enum csv_err keep_cell(struct parser *p, size_t cstart, size_t clen)
{
    if (clen == 0) {
        p->pending++;
        return CSV_OK;
    }
    if (p->cells.n - p->row_first + p->pending + 1 > p->lim->max_cols) {
        *p->err_line = p->row_line;
        return CSV_ETOOMANYCOLS;
    }
    for (; p->pending > 0; p->pending--) {
        if (vec_reserve1(&p->cells) < 0)
            return CSV_ENOMEM;
        ((char **)p->cells.p)[p->cells.n++] = p->empty;
    }
    if (vec_reserve1(&p->cells) < 0)
        return CSV_ENOMEM;
    ((char **)p->cells.p)[p->cells.n++] = p->text + cstart;
    return CSV_OK;
}

/* Past the line end delim; keeps the row unless it held only blanks and commas. */
static enum csv_err end_row(struct parser *p, int delim)
{
    if (delim == '\r') {
        p->r++;
        if (p->r < p->n && p->t[p->r] == '\n')
            p->r++;
        p->line++;
    } else if (delim == '\n') {
        p->r++;
        p->line++;
    }
    if (p->cells.n > p->row_first) {
        struct csv_row *row;
        if (p->rows.n + 1 > p->lim->max_rows) {
            *p->err_line = p->row_line;
            return CSV_ETOOMANYROWS;
        }
        if (vec_reserve1(&p->rows) < 0)
            return CSV_ENOMEM;
        row = (struct csv_row *)p->rows.p + p->rows.n++;
        row->cell = NULL;
        row->n = p->cells.n - p->row_first;
        row->line = p->row_line;
        row->numeric = 0;
    }
    p->pending = 0;
    p->row_first = p->cells.n;
    p->row_line = p->line;
    return CSV_OK;
}

enum csv_err csv_parse(const char *data, size_t len, const struct csv_limits *lim,
                       struct csv_doc *out, size_t *err_line)
{
    struct parser p;
    enum csv_err err;
    size_t i, k, dummy;
    int gb = 0;

    memset(&p, 0, sizeof p);
    p.cells.elem = sizeof(char *);
    p.rows.elem = sizeof(struct csv_row);
    p.lim = lim ? lim : &default_limits;
    p.err_line = err_line ? err_line : &dummy;
    *p.err_line = 0;
    memset(out, 0, sizeof *out);
    if ((err = load_text(data, data ? len : 0, &p.text, &p.n, &gb, p.err_line)) != CSV_OK)
        return err;
    p.empty = p.text + p.n + 1;
    p.t = (unsigned char *)p.text;
    p.line = p.row_line = 1;

    for (;;) {
        size_t cstart, clen;
        int delim;

        if ((err = read_cell(&p, &cstart, &clen, &delim)) != CSV_OK ||
            (err = keep_cell(&p, cstart, clen)) != CSV_OK)
            goto fail;
        if (delim == ',') {
            p.r++;
            continue;
        }
        if ((err = end_row(&p, delim)) != CSV_OK)
            goto fail;
        if (delim < 0)
            break;
    }

    /* cells of kept rows are contiguous, so each row's start is a running sum */
    for (i = 0, k = 0; i < p.rows.n; i++) {
        struct csv_row *row = (struct csv_row *)p.rows.p + i;
        row->cell = (char **)p.cells.p + k;
        k += row->n;
    }
    out->row = p.rows.p;
    out->nrows = p.rows.n;
    out->was_gb18030 = gb;
    out->text_ = p.text;
    out->cells_ = p.cells.p;
    return CSV_OK;

fail:
    free(p.cells.p);
    free(p.rows.p);
    free(p.text);
    return err;
}

void csv_doc_free(struct csv_doc *d)
{
    if (!d)
        return;
    free(d->row);
    free(d->cells_);
    free(d->text_);
    memset(d, 0, sizeof *d);
}

/* ---------------------------------------------------------- stream reader */

/* Where the scanner is in the row, by the rules of read_cell/read_quoted. */
enum { ST_START, ST_SP1, ST_SP2, ST_UNQUOTED, ST_QUOTED, ST_QUOTE, ST_CR };

void csv_stream_begin(struct csv_stream *s, const struct csv_limits *lim,
                      int (*fn)(const struct csv_row *row, void *arg), void *arg)
{
    memset(s, 0, sizeof *s);
    s->lim = lim ? *lim : default_limits;
    s->fn = fn;
    s->arg = arg;
    s->line_ = 1;
    s->state_ = ST_START;
}

void csv_stream_end(struct csv_stream *s)
{
    buf_free(&s->row_);
    memset(s, 0, sizeof *s);
}

static int stream_fail(struct csv_stream *s, enum csv_err err, size_t line)
{
    s->err = err;
    s->err_line = line;
    return -1;
}

/* The carried row is complete: read it, hand it on, start the next. */
static int stream_row(struct csv_stream *s)
{
    struct csv_limits one = {2, s->lim.max_cols, s->lim.max_cell};
    struct csv_doc doc;
    enum csv_err err;
    size_t eline, ends = 0;
    int rc = 0;

    s->state_ = ST_START;
    if (s->row_.len == 0)
        return 0;
    if ((err = csv_parse(s->row_.p, s->row_.len, &one, &doc, &eline)) != CSV_OK)
        return stream_fail(s, err, eline ? s->line_ + eline - 1 : 0);
    if (doc.nrows == 1) {
        struct csv_row row = doc.row[0];
        row.line += s->line_ - 1;
        if (++s->rows_ > s->lim.max_rows)
            rc = stream_fail(s, CSV_ETOOMANYROWS, row.line);
        else
            rc = s->fn(&row, s->arg);
    }
    csv_doc_free(&doc);
    for (size_t i = 0; i < s->row_.len; i++)
        if (s->row_.p[i] == '\n' || (s->row_.p[i] == '\r' &&
                                     (i + 1 == s->row_.len || s->row_.p[i + 1] != '\n')))
            ends++;
    s->line_ += ends;
    buf_reset(&s->row_);
    return rc;
}

/* data[0..n) onto the carried row, within the limit on a row's text */
static int stream_take(struct csv_stream *s, const char *data, size_t n)
{
    size_t cap = s->lim.max_cols * (2 * s->lim.max_cell + 8);

    if (s->row_.len + n > cap)
        return stream_fail(s, CSV_ECELL, s->line_);
    if (n && buf_append(&s->row_, data, n) != 0)
        return stream_fail(s, CSV_ENOMEM, 0);
    return 0;
}

int csv_stream_feed(struct csv_stream *s, const char *data, size_t len)
{
    const unsigned char *t = (const unsigned char *)data;
    size_t from = 0, i = 0;
    int rc;

    while (i < len) {
        unsigned char b = t[i];

        if (s->bom_ < 3) {                 /* the BOM is no cell's text */
            if (b == (unsigned char)utf8_bom[s->bom_]) {   /* every byte from the first passes here */
                s->bom_++;
                i++;
                continue;
            }
            s->bom_ = 3;
        }
        switch (s->state_) {
        case ST_CR:                        /* a row ended at \r, with its \n or not */
            if (b == '\n')
                i++;
            if ((rc = stream_take(s, data + from, i - from)) != 0 || (rc = stream_row(s)) != 0)
                return rc;
            from = i;
            continue;
        case ST_SP1:                       /* E3 80 80 is U+3000, a space */
        case ST_SP2:
            if (b == 0x80) {
                s->state_ = s->state_ == ST_SP1 ? ST_SP2 : ST_START;
                i++;
                continue;
            }
            s->state_ = ST_UNQUOTED;
            continue;
        case ST_QUOTED:
            if (b == '"')
                s->state_ = ST_QUOTE;
            i++;
            continue;
        case ST_QUOTE:                     /* "" stays quoted; else the quote closed */
            if (b == '"') {
                s->state_ = ST_QUOTED;
                i++;
                continue;
            }
            s->state_ = ST_UNQUOTED;
            continue;
        case ST_START:
            if (b == ' ' || b == '\t') {
                i++;
                continue;
            }
            if (b == 0xE3) {
                s->state_ = ST_SP1;
                i++;
                continue;
            }
            if (b == '"') {
                s->state_ = ST_QUOTED;
                i++;
                continue;
            }
            /* fall through */
        default:                           /* ST_UNQUOTED */
            i++;
            if (b == ',')
                s->state_ = ST_START;
            else if (b == '\r')
                s->state_ = ST_CR;
            else if (b == '\n') {
                if ((rc = stream_take(s, data + from, i - from)) != 0 || (rc = stream_row(s)) != 0)
                    return rc;
                from = i;
            } else
                s->state_ = ST_UNQUOTED;
        }
    }
    return stream_take(s, data + from, len - from);
}

int csv_stream_finish(struct csv_stream *s)
{
    return stream_row(s);
}
