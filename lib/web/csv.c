/* csv — RFC 4180 writer and tolerant reader. See csv.h. */
#include "web/csv.h"
#include "web/form.h"   /* utf8_valid */

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

enum csv_err csv_parse(const char *data, size_t len, const struct csv_limits *lim,
                       struct csv_doc *out, size_t *err_line)
{
    struct vec cells = { NULL, 0, 0, sizeof(char *) };
    struct vec rows = { NULL, 0, 0, sizeof(struct csv_row) };
    enum csv_err err = CSV_OK;
    char *text = NULL, *empty;
    unsigned char *t;
    size_t n = 0, r = 0, w = 0, line = 1, row_line = 1, row_first = 0, pending = 0;
    size_t i, k, width, dummy;
    int gb = 0;
    const char *nul;

    if (!lim)
        lim = &default_limits;
    if (!err_line)
        err_line = &dummy;
    *err_line = 0;
    memset(out, 0, sizeof *out);
    if (!data)
        len = 0;

    if (len >= 3 && memcmp(data, utf8_bom, 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (len && (nul = memchr(data, '\0', len)) != NULL) {
        *err_line = line_at(data, (size_t)(nul - data));
        return CSV_EENCODING;
    }
    if (utf8_valid(data, len)) {
        if (!(text = malloc(len + 2)))
            return CSV_ENOMEM;
        if (len)
            memcpy(text, data, len);
        n = len;
    } else {
        if ((err = from_gb18030(data, len, &text, &n, err_line)) != CSV_OK)
            return err;
        gb = 1;
    }
    text[n] = '\0';
    text[n + 1] = '\0';
    empty = text + n + 1;     /* shared by the empty cells kept between non-empty ones */
    t = (unsigned char *)text;

    /*
     * One pass, in place: the write index w never passes the read index r, because
     * quotes and delimiters that are dropped make room for each cell's NUL.
     */
    for (;;) {
        size_t cstart, wend, clen;
        int delim;

        while (r < n && is_space_at(t, r, n, &width))
            r += width;
        cstart = wend = w;
        if (r < n && t[r] == '"') {
            size_t qline = line;
            r++;
            for (;;) {
                if (r >= n) {
                    *err_line = qline;
                    err = CSV_EQUOTE;
                    goto fail;
                }
                if (t[r] == '"') {
                    if (r + 1 < n && t[r + 1] == '"') {
                        t[w++] = '"';
                        r += 2;
                    } else {
                        r++;
                        break;
                    }
                } else {
                    if (t[r] == '\n' || (t[r] == '\r' && (r + 1 >= n || t[r + 1] != '\n')))
                        line++;
                    t[w++] = t[r++];
                }
            }
            wend = w;
        }
        /* unquoted text, or lenient text after a closing quote ("ab"c is abc) */
        while (r < n && t[r] != ',' && t[r] != '\n' && t[r] != '\r') {
            if (is_space_at(t, r, n, &width)) {
                for (k = 0; k < width; k++)
                    t[w++] = t[r++];
                continue;
            }
            t[w++] = t[r++];
            wend = w;
        }
        delim = r < n ? t[r] : -1;
        clen = unwrap_excel_text(text + cstart, wend - cstart);
        text[cstart + clen] = '\0';
        w = wend + 1;
        if (clen > lim->max_cell) {   /* measured unwrapped: ="…" does not count */
            *err_line = row_line;
            err = CSV_ECELL;
            goto fail;
        }

        if (clen == 0) {
            pending++;
        } else {
            if (cells.n - row_first + pending + 1 > lim->max_cols) {
                *err_line = row_line;
                err = CSV_ETOOMANYCOLS;
                goto fail;
            }
            for (; pending > 0; pending--) {
                if (vec_reserve1(&cells) < 0)
                    goto nomem;
                ((char **)cells.p)[cells.n++] = empty;
            }
            if (vec_reserve1(&cells) < 0)
                goto nomem;
            ((char **)cells.p)[cells.n++] = text + cstart;
        }

        if (delim == ',') {
            r++;
            continue;
        }
        if (delim == '\r') {
            r++;
            if (r < n && t[r] == '\n')
                r++;
            line++;
        } else if (delim == '\n') {
            r++;
            line++;
        }
        if (cells.n > row_first) {       /* rows of only blanks and commas are skipped */
            struct csv_row *row;
            if (rows.n + 1 > lim->max_rows) {
                *err_line = row_line;
                err = CSV_ETOOMANYROWS;
                goto fail;
            }
            if (vec_reserve1(&rows) < 0)
                goto nomem;
            row = (struct csv_row *)rows.p + rows.n++;
            row->cell = NULL;
            row->n = cells.n - row_first;
            row->line = row_line;
        }
        pending = 0;
        row_first = cells.n;
        row_line = line;
        if (delim < 0)
            break;
    }

    /* cells of kept rows are contiguous, so each row's start is a running sum */
    for (i = 0, k = 0; i < rows.n; i++) {
        struct csv_row *row = (struct csv_row *)rows.p + i;
        row->cell = (char **)cells.p + k;
        k += row->n;
    }
    out->row = rows.p;
    out->nrows = rows.n;
    out->was_gb18030 = gb;
    out->text_ = text;
    out->cells_ = cells.p;
    return CSV_OK;

nomem:
    err = CSV_ENOMEM;
fail:
    free(cells.p);
    free(rows.p);
    free(text);
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
