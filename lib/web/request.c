/* request — reading a request's inputs and typing them by the page's declared
 * fields (STYLE.md §2, web/field.h). Handlers only ever see r->field[KEY]. */
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

/* Checks the forms read so far against the page's declared fields and types
 * them into r->field. */
static int check_fields(struct req *r, const struct page_def *def, struct form *body)
{
    return fields_read(def->fields, def->nfields, (def->flags & PAGE_ANY_INPUT) != 0, &r->query,
                       body, r->field);
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

void req_read_cookies(struct req *r)
{
    const char *cookie = FCGX_GetParam("HTTP_COOKIE", r->fcgi->envp);

    if (cookie && form_parse_cookies(cookie, &r->cookies) != FORM_OK)
        form_free(&r->cookies);   /* a broken Cookie header is as good as none */
}

int req_read_input(struct req *r, const struct page_def *def)
{
    struct form_limits lim;
    const char *qs = FCGX_GetParam("QUERY_STRING", r->fcgi->envp);
    const char *ctype = FCGX_GetParam("CONTENT_TYPE", r->fcgi->envp);
    const char *clen = FCGX_GetParam("CONTENT_LENGTH", r->fcgi->envp);
    size_t max_body, len = 0;
    char *body = NULL, *end = NULL;
    int rc = 0, multipart;

    lim.max_fields = (size_t)r->cfg->form.max_fields;
    lim.max_value = (size_t)r->cfg->form.max_value_bytes;
    lim.max_file = (size_t)r->cfg->upload.max_bytes;

    if (qs && *qs) {
        if (form_parse_urlencoded(qs, strlen(qs), &lim, &r->query) != FORM_OK)
            return 400;
        if (check_fields(r, def, NULL) != 0)
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
        rc = check_fields(r, def, &r->form);
    return rc;
}

void req_release(struct req *r)
{
    form_free(&r->query);
    form_free(&r->form);
    form_free(&r->cookies);
    buf_free(&r->extra_headers);
    buf_free(&r->stream);
    hdf_destroy(&r->hdf);
}
