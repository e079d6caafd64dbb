/* request — reading and checking a request's inputs against the page's
 * declared fields (STYLE.md §2). Handlers only ever see declared fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/internal.h"

int req_hdf_init(struct req *r)
{
    char today[32];
    const char *tpl = r->cfg->templates;

    if (hdf_init(&r->hdf) != STATUS_OK)
        return -1;
    snprintf(today, sizeof today, "%04d-%02d-%02d %02d:%02d", r->now.y, r->now.m, r->now.d,
             r->now.hh, r->now.mm);
    if (hdf_set_value(r->hdf, "Config.VarEscapeMode", "html") != STATUS_OK ||
        hdf_set_value(r->hdf, "hdf.loadpaths.0", tpl) != STATUS_OK ||
        hdf_set_value(r->hdf, "Today", today) != STATUS_OK)
        return -1;
    return 0;
}

static const struct field_spec *declared(const struct page_def *def, const char *name)
{
    const struct field_spec *f;
    for (f = def->fields; f && f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* Every field must be declared, of the right shape and within its limit.
 * `csrf` is the runtime's own field. */
static int check_fields(const struct form *form, const struct page_def *def, int body)
{
    size_t i;
    for (i = 0; i < form->n; i++) {
        const struct form_field *ff = &form->f[i];
        const struct field_spec *spec;
        if (body && strcmp(ff->name, "csrf") == 0)
            continue;
        spec = declared(def, ff->name);
        if (!spec && (def->flags & PAGE_ANY_INPUT))
            continue;
        if (!spec)
            return 400;
        if ((spec->kind == F_FILE) != (ff->filename != NULL))
            return 400;
        if (spec->kind == F_TEXT && spec->max && ff->len > spec->max)
            return 400;
        if (spec->kind != F_TEXT && spec->kind != F_FILE && ff->len > 32)
            return 400;
    }
    return 0;
}

static int read_body(struct req *r, size_t len, char **out)
{
    char *body = malloc(len + 1);
    size_t got = 0;

    *out = NULL;
    if (!body)
        return -1;
    while (got < len) {
        int chunk = len - got > (1 << 20) ? (1 << 20) : (int)(len - got);
        int n = FCGX_GetStr(body + got, chunk, r->fcgi->in);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    if (got != len) {
        free(body);
        return -1;
    }
    body[len] = '\0';
    *out = body;
    return 0;
}

int req_read_input(struct req *r, const struct page_def *def)
{
    struct form_limits lim;
    const char *qs = FCGX_GetParam("QUERY_STRING", r->fcgi->envp);
    const char *ctype = FCGX_GetParam("CONTENT_TYPE", r->fcgi->envp);
    const char *clen = FCGX_GetParam("CONTENT_LENGTH", r->fcgi->envp);
    const char *cookie = FCGX_GetParam("HTTP_COOKIE", r->fcgi->envp);
    size_t max_body, len = 0;
    char *body = NULL, *end = NULL;
    int rc = 0, multipart;

    lim.max_fields = (size_t)r->cfg->form.max_fields;
    lim.max_value = (size_t)r->cfg->form.max_value_bytes;
    lim.max_file = (size_t)r->cfg->upload.max_bytes;

    if (cookie && form_parse_cookies(cookie, &r->cookies) != FORM_OK)
        form_free(&r->cookies);   /* a broken Cookie header is as good as none */

    if (qs && *qs) {
        if (form_parse_urlencoded(qs, strlen(qs), &lim, &r->query) != FORM_OK)
            return 400;
        if (check_fields(&r->query, def, 0) != 0)
            return 400;
    }
    if (strcmp(r->method, "POST") != 0)
        return 0;

    multipart = ctype && strncasecmp(ctype, "multipart/form-data", 19) == 0;
    max_body = multipart ? lim.max_file + 65536
                         : (size_t)r->cfg->form.max_body_bytes;
    if (clen && *clen) {
        unsigned long long v = strtoull(clen, &end, 10);
        if (*end || clen[0] == '-')
            return 400;
        if (v > max_body)
            return 413;
        len = (size_t)v;
    }
    if (len == 0)
        return 0;
    if (read_body(r, len, &body) != 0)
        return 400;
    if (multipart) {
        enum form_err e = form_parse_multipart(body, len, ctype, &lim, &r->form);
        rc = e == FORM_OK ? 0 : e == FORM_ETOOLONG ? 413 : 400;
    } else if (ctype && strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0) {
        rc = form_parse_urlencoded(body, len, &lim, &r->form) == FORM_OK ? 0 : 400;
    } else {
        rc = 400;
    }
    free(body);
    if (rc == 0)
        rc = check_fields(&r->form, def, 1);
    return rc;
}

void req_release(struct req *r)
{
    form_free(&r->query);
    form_free(&r->form);
    form_free(&r->cookies);
    buf_free(&r->extra_headers);
    hdf_destroy(&r->hdf);
}

/* ---- typed getters ---- */

static const struct form_field *lookup(const struct req *r, const char *name)
{
    const struct form_field *f = form_get(&r->query, name);
    return f ? f : form_get(&r->form, name);
}

const char *req_param(const struct req *r, const char *name)
{
    const struct form_field *f = lookup(r, name);
    char *s, *e;
    if (!f || f->filename)
        return NULL;
    /* trim ASCII spaces in place: the form owns the value and nobody else sees it */
    s = f->value;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    return *s ? s : NULL;
}

int req_month(const struct req *r, const char *name, int *ym)
{
    const char *v = req_param(r, name);
    if (!v)
        return 1;
    return parse_month(v, ym) == 0 ? 0 : -1;
}

int req_date(const struct req *r, const char *name, struct ymd *d)
{
    const char *v = req_param(r, name);
    if (!v)
        return 1;
    return parse_date(v, d) == 0 ? 0 : -1;
}

int req_money(const struct req *r, const char *name, long long *fen)
{
    const char *v = req_param(r, name);
    if (!v)
        return 1;
    return parse_money_fen(v, fen) == 0 ? 0 : -1;
}

int req_flag(const struct req *r, const char *name)
{
    const char *v = req_param(r, name);
    return v && strcmp(v, "1") == 0;
}

const struct form_field *req_file(const struct req *r, const char *name)
{
    const struct form_field *f = form_get(&r->form, name);
    return f && f->filename ? f : NULL;
}
