/* form — parsers for untrusted request input. See form.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE     /* memmem */
#endif
#include "web/form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FORM_MAX_NAME      64     /* bytes of a field name, per form.h */
#define COOKIE_MAX         32     /* cookies kept from one header */
#define COOKIE_MAX_VALUE   4096
#define PART_MAX_HEADERS   8192   /* bytes of one part's header block */
#define FILENAME_MAX_LEN   255
#define CTYPE_MAX_LEN      128
#define BOUNDARY_MAX       70     /* RFC 2046 */

static const struct form_limits default_limits = { 64, 4096, 8u << 20 };

/* ------------------------------------------------------------ field list */

static char *dup_mem(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void field_free(struct form_field *f)
{
    free(f->name);
    free(f->value);
    free(f->filename);
    free(f->content_type);
    memset(f, 0, sizeof *f);
}

/* Takes ownership of every pointer in *fld, also on failure. */
static enum form_err form_push(struct form *fm, struct form_field *fld)
{
    if (fm->n == fm->cap) {
        size_t cap = fm->cap ? fm->cap * 2 : 8;
        struct form_field *p = realloc(fm->f, cap * sizeof *p);
        if (!p) {
            field_free(fld);
            return FORM_ENOMEM;
        }
        fm->f = p;
        fm->cap = cap;
    }
    fm->f[fm->n++] = *fld;
    memset(fld, 0, sizeof *fld);
    return FORM_OK;
}

const struct form_field *form_get(const struct form *f, const char *name)
{
    size_t i;

    if (!f || !name)
        return NULL;
    for (i = 0; i < f->n; i++)
        if (strcmp(f->f[i].name, name) == 0)
            return &f->f[i];
    return NULL;
}

void form_free(struct form *f)
{
    size_t i;

    if (!f)
        return;
    for (i = 0; i < f->n; i++)
        field_free(&f->f[i]);
    free(f->f);
    memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------------ urlencoded */

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/*
 * Decodes s[0..n) ('+' is a space, %XX strict) into dst when dst is not NULL.
 * Returns the decoded length, or (size_t)-1 on bad %-encoding or a NUL byte.
 * Called first without dst to measure, so limits are checked before allocating.
 */
static size_t url_decode(const char *s, size_t n, char *dst)
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi, lo;
            if (n - i < 3 || (hi = hexval((unsigned char)s[i + 1])) < 0 ||
                (lo = hexval((unsigned char)s[i + 2])) < 0)
                return (size_t)-1;
            c = (unsigned char)(hi << 4 | lo);
            i += 2;
        } else if (c == '+') {
            c = ' ';
        }
        if (c == '\0')
            return (size_t)-1;
        if (dst)
            dst[o] = (char)c;
        o++;
    }
    return o;
}

/* Decodes, checks length and UTF-8; *out gets a new NUL-terminated string. */
static enum form_err url_decode_alloc(const char *s, size_t n, size_t max,
                                      char **out, size_t *outlen)
{
    size_t dl = url_decode(s, n, NULL);
    char *p;

    if (dl == (size_t)-1)
        return FORM_EENCODING;
    if (dl > max)
        return FORM_ETOOLONG;
    p = malloc(dl + 1);
    if (!p)
        return FORM_ENOMEM;
    url_decode(s, n, p);
    p[dl] = '\0';
    if (!utf8_valid(p, dl)) {
        free(p);
        return FORM_EENCODING;
    }
    *out = p;
    if (outlen)
        *outlen = dl;
    return FORM_OK;
}

enum form_err form_parse_urlencoded(const char *s, size_t len,
                                    const struct form_limits *lim, struct form *out)
{
    struct form fm = { 0 };
    enum form_err err = FORM_OK;
    const char *p = s, *end = s + len;

    if (!lim)
        lim = &default_limits;
    memset(out, 0, sizeof *out);
    if (!s)
        return FORM_OK;

    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *pend = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(pend - p));
        const char *nend = eq ? eq : pend;
        struct form_field fld = { 0 };

        /* "a=1&&b=2" and "a=1&" carry empty pairs; "=x" has no name: skipped */
        if (nend == p)
            goto next;
        if (fm.n >= lim->max_fields) {
            err = FORM_ETOOMANY;
            break;
        }
        err = url_decode_alloc(p, (size_t)(nend - p), FORM_MAX_NAME, &fld.name, NULL);
        if (err == FORM_OK) {
            if (eq)
                err = url_decode_alloc(eq + 1, (size_t)(pend - eq - 1), lim->max_value,
                                       &fld.value, &fld.len);
            else if (!(fld.value = dup_mem("", 0)))
                err = FORM_ENOMEM;
        }
        if (err != FORM_OK) {
            field_free(&fld);
            break;
        }
        if ((err = form_push(&fm, &fld)) != FORM_OK)
            break;
    next:
        p = amp ? amp + 1 : end;
    }

    if (err != FORM_OK) {
        form_free(&fm);
        return err;
    }
    *out = fm;
    return FORM_OK;
}

/* --------------------------------------------------------------- cookies */

/* RFC 6265 token characters for a cookie name. */
static int is_token_char(unsigned char c)
{
    if (c <= 0x20 || c >= 0x7F)
        return 0;
    return !strchr("()<>@,;:\\\"/[]?={}", c);
}

enum form_err form_parse_cookies(const char *header, struct form *out)
{
    struct form fm = { 0 };
    const char *p = header;

    memset(out, 0, sizeof *out);
    if (!header)
        return FORM_OK;

    while (*p && fm.n < COOKIE_MAX) {
        const char *semi = strchr(p, ';');
        const char *pend = semi ? semi : p + strlen(p);
        const char *ns = p, *ne, *vs, *ve, *q;
        struct form_field fld = { 0 };
        int ok = 1;

        while (ns < pend && (*ns == ' ' || *ns == '\t'))
            ns++;
        ne = memchr(ns, '=', (size_t)(pend - ns));
        if (!ne || ne == ns)
            ok = 0;
        if (ok) {
            vs = ne + 1;
            ve = pend;
            while (ne > ns && (ne[-1] == ' ' || ne[-1] == '\t'))
                ne--;
            while (vs < ve && (*vs == ' ' || *vs == '\t'))
                vs++;
            while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            if (ne - ns > FORM_MAX_NAME || ve - vs > COOKIE_MAX_VALUE)
                ok = 0;
            for (q = ns; ok && q < ne; q++)
                if (!is_token_char((unsigned char)*q))
                    ok = 0;
            for (q = vs; ok && q < ve; q++)
                if ((unsigned char)*q < 0x20 || *q == 0x7F)
                    ok = 0;
            if (ok && !utf8_valid(vs, (size_t)(ve - vs)))
                ok = 0;
        }
        if (ok) {
            fld.name = dup_mem(ns, (size_t)(ne - ns));
            fld.value = dup_mem(vs, (size_t)(ve - vs));
            fld.len = (size_t)(ve - vs);
            if (!fld.name || !fld.value || form_push(&fm, &fld) != FORM_OK) {
                field_free(&fld);
                form_free(&fm);
                return FORM_ENOMEM;
            }
        }
        p = semi ? semi + 1 : pend;
    }
    *out = fm;
    return FORM_OK;
}

/* ------------------------------------------------------------- multipart */

static int ci_prefix(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && strncasecmp(s, prefix, k) == 0;
}

static int is_bchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c && strchr("'()+_,-./:=? ", c));
}

/*
 * Reads the next parameter "; name=value" or "; name="quoted"" from *pp (up to end).
 * A backslash in a quoted string escapes only '"' and '\\', because old browsers
 * send Windows paths ("C:\dir\f.csv") unescaped. The value is written into val
 * (capacity valcap, NUL-terminated); returns 1 on a parameter, 0 at the end,
 * -1 on a syntax error or a value too long for val.
 */
static int next_param(const char **pp, const char *end, const char **name, size_t *namelen,
                      char *val, size_t valcap, size_t *vallen)
{
    const char *p = *pp;
    size_t o = 0;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end)
        return 0;
    if (*p != ';')
        return -1;
    p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end)           /* a trailing ';' */
        return 0;
    *name = p;
    while (p < end && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
        p++;
    *namelen = (size_t)(p - *name);
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (*namelen == 0 || p == end || *p != '=')
        return -1;
    p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p < end && *p == '"') {
        p++;
        for (;;) {
            if (p == end)
                return -1;
            if (*p == '"')
                break;
            if (*p == '\\' && end - p > 1 && (p[1] == '"' || p[1] == '\\'))
                p++;
            if (o + 1 >= valcap)
                return -1;
            val[o++] = *p++;
        }
        p++;
    } else {
        while (p < end && *p != ';' && *p != ' ' && *p != '\t') {
            if (o + 1 >= valcap)
                return -1;
            val[o++] = *p++;
        }
    }
    val[o] = '\0';
    *vallen = o;
    *pp = p;
    return 1;
}

/* Extracts the boundary from the request's Content-Type into bnd (>= 71 bytes). */
static int parse_boundary(const char *ct, char *bnd, size_t *blen)
{
    static const char mt[] = "multipart/form-data";
    const char *end, *p, *name;
    size_t namelen, vlen, i;
    char val[256];
    int r, found = 0;

    if (!ct)
        return -1;
    end = ct + strlen(ct);
    p = ct;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (!ci_prefix(p, (size_t)(end - p), mt))
        return -1;
    p += sizeof mt - 1;
    while ((r = next_param(&p, end, &name, &namelen, val, sizeof val, &vlen)) == 1) {
        if (namelen == 8 && strncasecmp(name, "boundary", 8) == 0) {
            if (found || vlen == 0 || vlen > BOUNDARY_MAX || val[vlen - 1] == ' ')
                return -1;
            for (i = 0; i < vlen; i++)
                if (!is_bchar((unsigned char)val[i]))
                    return -1;
            memcpy(bnd, val, vlen + 1);
            *blen = vlen;
            found = 1;
        }
    }
    return r == 0 && found ? 0 : -1;
}

/* Strips directories ("C:\x\a.csv", "../a.csv") from a client file name. */
static const char *basename_of(const char *s)
{
    const char *p, *b = s;

    for (p = s; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    if (strcmp(b, ".") == 0 || strcmp(b, "..") == 0)
        b = p;
    return b;
}

struct part_hdr {
    char name[FORM_MAX_NAME + 2];
    size_t namelen;
    int has_name;
    char filename[1024];
    int has_filename;
    char ctype[CTYPE_MAX_LEN + 1];
    int has_ctype;
};

static enum form_err parse_disposition(const char *p, const char *end, struct part_hdr *h)
{
    const char *name;
    size_t namelen, vlen;
    char val[1024];
    int r;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (!ci_prefix(p, (size_t)(end - p), "form-data"))
        return FORM_EMULTIPART;
    p += 9;
    while ((r = next_param(&p, end, &name, &namelen, val, sizeof val, &vlen)) == 1) {
        if (namelen == 4 && strncasecmp(name, "name", 4) == 0) {
            if (vlen > FORM_MAX_NAME)
                return FORM_ETOOLONG;
            memcpy(h->name, val, vlen + 1);
            h->namelen = vlen;
            h->has_name = 1;
        } else if (namelen == 8 && strncasecmp(name, "filename", 8) == 0) {
            memcpy(h->filename, val, vlen + 1);
            h->has_filename = 1;
        }
    }
    if (r < 0)
        return FORM_EMULTIPART;
    if (!h->has_name || h->namelen == 0)
        return FORM_EMULTIPART;
    if (!utf8_valid(h->name, h->namelen))
        return FORM_EENCODING;
    return FORM_OK;
}

/* Parses the header block [p, end) of one part (lines separated by eol). */
static enum form_err parse_part_headers(const char *p, const char *end, const char *eol,
                                        size_t eollen, struct part_hdr *h)
{
    int has_disp = 0;
    enum form_err err;

    while (p < end) {
        const char *le = memmem(p, (size_t)(end - p), eol, eollen);
        const char *colon, *v, *ve;
        if (!le)
            le = end;
        if (*p == ' ' || *p == '\t')   /* obsolete folded continuation: ignored */
            goto next;
        colon = memchr(p, ':', (size_t)(le - p));
        if (!colon || colon == p)
            return FORM_EMULTIPART;
        v = colon + 1;
        ve = le;
        while (v < ve && (*v == ' ' || *v == '\t'))
            v++;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\r'))
            ve--;
        if (colon - p == 19 && strncasecmp(p, "Content-Disposition", 19) == 0) {
            if (has_disp)
                return FORM_EMULTIPART;
            has_disp = 1;
            if ((err = parse_disposition(v, ve, h)) != FORM_OK)
                return err;
        } else if (colon - p == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
            const char *q;
            if (ve - v > CTYPE_MAX_LEN)
                return FORM_EMULTIPART;
            for (q = v; q < ve; q++)
                if ((unsigned char)*q < 0x20 || (unsigned char)*q >= 0x7F)
                    return FORM_EMULTIPART;
            memcpy(h->ctype, v, (size_t)(ve - v));
            h->ctype[ve - v] = '\0';
            h->has_ctype = 1;
        }
    next:
        p = le + eollen;
    }
    return has_disp ? FORM_OK : FORM_EMULTIPART;
}

static enum form_err make_part(const struct part_hdr *h, const char *data, size_t n,
                               const struct form_limits *lim, struct form *fm)
{
    struct form_field fld = { 0 };
    const char *ct;

    if (fm->n >= lim->max_fields)
        return FORM_ETOOMANY;
    if (h->has_filename) {
        const char *base = basename_of(h->filename);
        const char *q;
        size_t bl = strlen(base);
        if (n > lim->max_file)
            return FORM_ETOOLONG;
        if (bl > FILENAME_MAX_LEN)
            return FORM_ETOOLONG;
        if (!utf8_valid(base, bl))
            return FORM_EENCODING;
        for (q = base; *q; q++)
            if ((unsigned char)*q < 0x20 || *q == 0x7F)
                return FORM_EENCODING;
        if (!(fld.filename = dup_mem(base, bl)))
            goto nomem;
        ct = h->has_ctype ? h->ctype : "application/octet-stream";
    } else {
        if (n > lim->max_value)
            return FORM_ETOOLONG;
        if (!utf8_valid(data, n))
            return FORM_EENCODING;
        ct = h->has_ctype ? h->ctype : "text/plain";
    }
    if (!(fld.name = dup_mem(h->name, h->namelen)) || !(fld.value = dup_mem(data, n)) ||
        !(fld.content_type = dup_mem(ct, strlen(ct))))
        goto nomem;
    fld.len = n;
    return form_push(fm, &fld);
nomem:
    field_free(&fld);
    return FORM_ENOMEM;
}

/* The delimiter and line end of one multipart body. */
struct mp_delim {
    char delim[BOUNDARY_MAX + 5];   /* eol "--" boundary */
    size_t dlen;
    char eol[3];
    size_t eollen;
};

/*
 * Finds the first delimiter line, at the very start or after a line end of the
 * preamble ("--boundary text" lines in the preamble are not delimiters), and
 * takes the line end from it. Returns 0 with *start at the first part, 1 for a
 * body that is only a close delimiter (no parts), -1 when malformed.
 */
static int first_part(const char *body, size_t len, const char *bnd, size_t blen,
                      struct mp_delim *d, const char **start)
{
    const char *p = NULL, *end = body + len, *from = body;

    /* delim = "\r\n--" boundary; the first delimiter may sit at the very start */
    memcpy(d->delim, "\r\n--", 4);
    memcpy(d->delim + 4, bnd, blen);
    d->dlen = blen + 4;
    if (len >= d->dlen - 2 && memcmp(body, d->delim + 2, d->dlen - 2) == 0)
        p = body + d->dlen - 2;
    for (;;) {
        const char *q;
        if (p) {
            if (end - p >= 2 && p[0] == '-' && p[1] == '-')
                return 1;                /* only a close delimiter: no parts */
            while (p < end && (*p == ' ' || *p == '\t'))
                p++;
            if (p < end && (*p == '\n' || (*p == '\r' && end - p >= 2 && p[1] == '\n')))
                break;
            p = NULL;
        }
        q = memmem(from, (size_t)(end - from), d->delim + 1, d->dlen - 1);   /* "\n--boundary" */
        if (!q)
            return -1;
        from = q + 1;
        p = q + d->dlen - 1;
    }
    d->eollen = *p == '\r' ? 2 : 1;
    memcpy(d->eol, *p == '\r' ? "\r\n" : "\n", d->eollen + 1);
    p += d->eollen;
    if (d->eollen == 1) {       /* delimiter "\n--boundary" */
        memmove(d->delim, d->delim + 1, d->dlen - 1);
        d->dlen--;
    }
    *start = p;
    return 0;
}

/* The parts from p on, each into fm, up to the close delimiter. */
static enum form_err read_parts(const char *p, const char *end, const struct mp_delim *d,
                                const struct form_limits *lim, struct part_hdr *h,
                                struct form *fm)
{
    size_t eollen = d->eollen, blanklen = 2 * eollen;
    char blank[5];
    enum form_err err;

    memcpy(blank, d->eol, eollen);
    memcpy(blank + eollen, d->eol, eollen);
    blank[blanklen] = '\0';
    for (;;) {
        const char *hend, *dend;

        memset(h, 0, sizeof *h);
        /* headers end at the blank line; a part with no headers at all is malformed */
        if ((size_t)(end - p) >= eollen && memcmp(p, d->eol, eollen) == 0)
            return FORM_EMULTIPART;
        hend = memmem(p, (size_t)(end - p) < PART_MAX_HEADERS ? (size_t)(end - p)
                                                               : PART_MAX_HEADERS,
                      blank, blanklen);
        if (!hend)
            return FORM_EMULTIPART;
        if ((err = parse_part_headers(p, hend + eollen, d->eol, eollen, h)) != FORM_OK)
            return err;
        p = hend + blanklen;

        dend = memmem(p, (size_t)(end - p), d->delim, d->dlen);
        if (!dend)              /* truncated: no closing delimiter */
            return FORM_EMULTIPART;
        if ((err = make_part(h, p, (size_t)(dend - p), lim, fm)) != FORM_OK)
            return err;
        p = dend + d->dlen;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return FORM_OK;     /* close delimiter: the rest is epilogue */
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if ((size_t)(end - p) < eollen || memcmp(p, d->eol, eollen) != 0)
            return FORM_EMULTIPART;   /* "--boundaryXYZ": boundary text inside a part */
        p += eollen;
    }
}

/*
 * Body layout (RFC 2046 §5.1.1, RFC 7578):
 *   preamble CRLF? "--" boundary LWSP CRLF headers CRLF CRLF data
 *   CRLF "--" boundary LWSP CRLF headers ... CRLF "--" boundary "--" epilogue
 * The line end (CRLF, or bare LF from lax clients) is taken from the first
 * delimiter line and then required throughout, so file bytes stay exact.
 */
enum form_err form_parse_multipart(const char *body, size_t len, const char *content_type,
                                   const struct form_limits *lim, struct form *out)
{
    struct form fm = { 0 };
    enum form_err err;
    struct mp_delim d;
    char bnd[BOUNDARY_MAX + 1];
    size_t blen = 0;
    const char *p = NULL;
    struct part_hdr *h;
    int rc;

    if (!lim)
        lim = &default_limits;
    memset(out, 0, sizeof *out);
    if (!body || parse_boundary(content_type, bnd, &blen) < 0)
        return FORM_EMULTIPART;
    if ((rc = first_part(body, len, bnd, blen, &d, &p)) != 0)
        return rc > 0 ? FORM_OK : FORM_EMULTIPART;
    if (!(h = malloc(sizeof *h)))
        return FORM_ENOMEM;
    err = read_parts(p, body + len, &d, lim, h, &fm);
    free(h);
    if (err != FORM_OK) {
        form_free(&fm);
        return err;
    }
    *out = fm;
    return FORM_OK;
}
