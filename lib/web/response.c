/* response — every byte a page program sends goes through here: a fixed set
 * of security headers, the body rendered into a buffer first (a template error
 * never leaves half a page on the wire), Chinese error pages. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "web/internal.h"
#include "base/log.h"
#include "rules/messages.h"

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 503: return "Service Unavailable";
    default:  return status >= 500 ? "Internal Server Error" : "OK";
    }
}

/* The status line and the headers every response carries, then extra;
 * Content-Length when len >= 0 (a stream has none: nginx chunks it). */
static int put_headers(struct req *r, struct buf *h, int status, const char *ctype,
                       long long len, const char *extra)
{
    if (buf_printf(h, "Status: %d %s\r\n", status, reason(status)) != 0)
        return -1;
    if (ctype && buf_printf(h, "Content-Type: %s\r\n", ctype) != 0)
        return -1;
    if (buf_puts(h, "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
                    "object-src 'none'; base-uri 'none'; form-action 'self'; "
                    "frame-ancestors 'none'\r\n"
                    "X-Content-Type-Options: nosniff\r\n"
                    "X-Frame-Options: DENY\r\n"
                    "Referrer-Policy: same-origin\r\n"
                    "Cache-Control: no-store\r\n") != 0)
        return -1;
    if (r->extra_headers.len && buf_append(h, r->extra_headers.p, r->extra_headers.len) != 0)
        return -1;
    if (extra && buf_puts(h, extra) != 0)
        return -1;
    if (len >= 0 && buf_printf(h, "Content-Length: %lld\r\n", len) != 0)
        return -1;
    return buf_puts(h, "\r\n");
}

static int is_head(const struct req *r)
{
    return strcmp(r->method ? r->method : "GET", "HEAD") == 0;
}

/* The buffers of a page's response, kept by the worker from one request to the
 * next (cleared, not freed: no malloc/realloc growth for every page); one that grew
 * past KEEP_MAX for an unusually large page is given back afterwards. */
#define KEEP_MAX (256 * 1024)
static struct buf head_buf, body_buf;

static void buf_reuse(struct buf *b)
{
    if (b->cap > KEEP_MAX)
        buf_free(b);
    b->len = 0;
}

static int send_all(struct req *r, int status, const char *ctype, const char *body,
                    size_t len, const char *extra)
{
    struct buf *h = &head_buf;
    int rc = -1;

    if (r->responded)
        return 0;
    h->len = 0;
    if (put_headers(r, h, status, ctype, (long long)len, extra) != 0)
        goto out;
    FCGX_PutStr(h->p, (int)h->len, r->fcgi->out);
    if (len && !is_head(r))
        FCGX_PutStr(body, (int)len, r->fcgi->out);
    r->responded = 1;
    rc = 0;
out:
    buf_reuse(h);
    return rc;
}

int web_header(struct req *r, const char *name, const char *value)
{
    /* header injection guard: values are ours, but never let CR/LF through */
    if (strpbrk(value, "\r\n") || strpbrk(name, "\r\n:"))
        return -1;
    return buf_printf(&r->extra_headers, "%s: %s\r\n", name, value);
}

void web_msg(struct req *r, const char *kind, const char *text)
{
    hdf_set_value(r->hdf, "Msg.Kind", kind);
    hdf_set_value(r->hdf, "Msg.Text", text);
}

static NEOERR *collect(void *ctx, char *s)
{
    return buf_puts(ctx, s) == 0 ? STATUS_OK : nerr_raise(NERR_NOMEM, "render buffer");
}

static void log_neoerr(struct req *r, const char *tpl, NEOERR *err)
{
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s[%d]: render %s for %s", r->page ? r->page->name : "?",
             (int)getpid(), tpl, r->path);
    neoerr_log(prefix, err);
}

/* Renders tpl with hdf into out; a NEOERR with its traceback on failure. */
static NEOERR *render_hdf(HDF *hdf, const char *tpl, struct buf *out)
{
    CSPARSE *cs = NULL;
    NEOERR *err = cs_init(&cs, hdf);

    if (err == STATUS_OK)
        err = tpl_register(cs);
    if (err == STATUS_OK)
        err = cs_parse_file(cs, tpl);
    if (err == STATUS_OK)
        err = cs_render(cs, out, collect);
    cs_destroy(&cs);
    return nerr_pass(err);
}

static int render_to(struct req *r, const char *tpl, struct buf *out)
{
    NEOERR *err = tpl_render(r->cfg->templates, tpl, r->hdf, out, collect);

    if (err != STATUS_OK) {
        log_neoerr(r, tpl, err);
        return -1;
    }
    return 0;
}

int web_render(struct req *r, int status, const char *tpl)
{
    struct buf *body = &body_buf;
    int rc;

    body->len = 0;
    if (render_to(r, tpl, body) != 0) {
        buf_reuse(body);
        return web_fail(r, "rendering the page (traceback above)");
    }
    rc = send_all(r, status, "text/html; charset=utf-8", body->p, body->len, NULL);
    buf_reuse(body);
    return rc;
}

static enum msg_id title_of(int status)
{
    switch (status) {
    case 400: return MSG_TITLE_400;
    case 403: return MSG_TITLE_403;
    case 404: return MSG_TITLE_404;
    case 405: return MSG_TITLE_405;
    case 413: return MSG_TITLE_413;
    case 503: return MSG_TITLE_503;
    default:  return MSG_TITLE_500;
    }
}

static enum msg_id text_of(int status)
{
    switch (status) {
    case 400: return MSG_BAD_REQUEST;
    case 403: return MSG_FORBIDDEN;
    case 404: return MSG_NOT_FOUND;
    case 405: return MSG_METHOD;
    case 413: return MSG_TOO_LARGE;
    case 503: return MSG_DB_DOWN;
    default:  return MSG_INTERNAL;
    }
}

void web_fallback(struct req *r, int status)
{
    struct buf b = {0};
    buf_puts(&b, "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
    buf_html(&b, msg_text(title_of(status)));
    buf_puts(&b, "</title></head><body><h1>");
    buf_html(&b, msg_text(title_of(status)));
    buf_puts(&b, "</h1><p class=\"msg fail\">");
    buf_html(&b, msg_text(text_of(status)));
    buf_puts(&b, "</p><p><a href=\"/\">返回首页</a></p></body></html>");
    send_all(r, status, "text/html; charset=utf-8", b.p, b.len, NULL);
    buf_free(&b);
}

/* What error.cs reads. */
static NEOERR *error_hdf(HDF *hdf, int status, const char *title, const char *text, int public)
{
    NEOERR *err = hdf_set_int_value(hdf, "Error.Status", status);

    if (err == STATUS_OK)
        err = hdf_set_value(hdf, "Error.Title", title);
    if (err == STATUS_OK)
        err = hdf_set_value(hdf, "Error.Text", text);
    if (err == STATUS_OK)
        err = hdf_set_value(hdf, "Page.Title", title);
    if (err == STATUS_OK && public)
        err = hdf_set_value(hdf, "Page.Public", "1");
    return nerr_pass(err);
}

/* One line for every 5xx, with the request's context and the store's error. */
static void log_failure(const struct req *r, int status)
{
    const char *store = r->db ? store_error(r->db) : "";

    log_msg(LOG_ERROR, "%d %s %s: %s%s%s", status, r->method ? r->method : "?", r->path ? r->path : "?",
            r->failed_at ? r->failed_at : "an error page was requested",
            store && *store ? "; store: " : "", store ? store : "");
}

int web_fail(struct req *r, const char *what)
{
    r->failed_at = what;
    /* a statement found the server gone and could not reconnect: it is down */
    if (r->db && !store_connected(r->db)) {
        r->failed_at = "connecting to the database";
        return web_error(r, 503, NULL);
    }
    return web_error(r, 500, NULL);
}

/* A 413 for a form without a file is no "file too large" (issue 13 item 20). */
static int is_upload(const struct req *r)
{
    const char *ctype = r->fcgi ? FCGX_GetParam("CONTENT_TYPE", r->fcgi->envp) : NULL;
    return ctype && strncasecmp(ctype, "multipart/form-data", 19) == 0;
}

int web_error(struct req *r, int status, const char *text)
{
    struct buf body = {0};
    int form_413 = status == 413 && !is_upload(r), rc;

    if (status >= 500)
        log_failure(r, status);
    if (r->responded)
        return 0;
    if (!r->hdf) {
        web_fallback(r, status);
        return 0;
    }
    error_hdf(r->hdf, status, msg_text(form_413 ? MSG_TITLE_413_FORM : title_of(status)),
              text ? text : msg_text(form_413 ? MSG_FORM_TOO_LARGE : text_of(status)),
              !r->has_session);
    if (render_to(r, "error.cs", &body) != 0) {
        buf_free(&body);
        web_fallback(r, status);
        return 0;
    }
    rc = send_all(r, status, "text/html; charset=utf-8", body.p, body.len, NULL);
    buf_free(&body);
    return rc;
}

int web_local_path(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;

    /* "//host" and "/\host" are other origins to a browser, which also
     * drops tabs and line breaks and reads '\' as '/' */
    if (n == 0 || n > max || s[0] != '/' || s[1] == '/' || s[1] == '\\')
        return 0;
    for (; *s; s++)
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f || *s == '\\')
            return 0;
    return 1;
}

int web_redirect(struct req *r, const char *location)
{
    struct buf h = {0};
    int rc = -1;
    /* only local paths: no open redirects, no header injection */
    if (!web_local_path(location, WEB_REDIRECT_MAX))
        return web_fail(r, "a redirect to a location that is not a local path");
    if (buf_printf(&h, "Location: %s\r\n", location) == 0)
        rc = send_all(r, 303, "text/html; charset=utf-8", "", 0, h.p);
    buf_free(&h);
    return rc;
}

/* Content-Disposition for an attachment named filename (ours, ASCII; the
 * UTF-8 form is for Chinese names), into h. */
static int attachment(struct buf *h, const char *filename)
{
    if (buf_printf(h, "Content-Disposition: attachment; filename=\"export.csv\"; "
                      "filename*=UTF-8''") != 0 ||
        buf_url(h, filename) != 0 || buf_puts(h, "\r\n") != 0)
        return -1;
    return 0;
}

int web_send(struct req *r, int status, const char *ctype, const char *body, size_t len,
             const char *filename)
{
    struct buf h = {0};
    int rc = -1;

    if (filename && strpbrk(filename, "\r\n\"\\"))
        return web_fail(r, "an attachment name with quotes or line breaks");
    if (filename && attachment(&h, filename) != 0)
        goto out;
    rc = send_all(r, status, ctype, body, len, h.p);
out:
    buf_free(&h);
    return rc;
}

/* ---- streamed responses ----------------------------------------------------- */

#define STREAM_FLUSH_BYTES 16384

int web_stream_begin(struct req *r, int status, const char *ctype, const char *filename)
{
    struct buf h = {0};
    int rc = -1;

    if (r->responded || r->streaming)
        return -1;
    if (filename && strpbrk(filename, "\r\n\"\\"))
        return web_fail(r, "an attachment name with quotes or line breaks"), -1;
    if (filename && attachment(&h, filename) != 0)
        goto out;
    buf_reset(&r->stream);
    if (put_headers(r, &r->stream, status, ctype, -1, h.p) != 0)
        goto out;
    r->streaming = 1;
    rc = 0;
out:
    buf_free(&h);
    return rc;
}

/* Sends what is held; the first send makes the response answered. */
static int stream_flush(struct req *r)
{
    if (!r->streaming)
        return -1;
    if (!r->stream.len)
        return 0;
    if (!r->responded && is_head(r)) {   /* HEAD: the headers only, the body never */
        char *end = strstr(r->stream.p, "\r\n\r\n");
        if (end)
            r->stream.len = (size_t)(end + 4 - r->stream.p);
    }
    if (!(r->responded && is_head(r)) &&
        FCGX_PutStr(r->stream.p, (int)r->stream.len, r->fcgi->out) != (int)r->stream.len)
        return -1;
    r->responded = 1;
    buf_reset(&r->stream);
    return 0;
}

int web_stream_write(struct req *r, const void *data, size_t len)
{
    if (!r->streaming || buf_append(&r->stream, data, len) != 0)
        return -1;
    return r->stream.len >= STREAM_FLUSH_BYTES ? stream_flush(r) : 0;
}

int web_stream_end(struct req *r)
{
    int rc = stream_flush(r);

    r->streaming = 0;
    buf_free(&r->stream);
    return rc;
}

int web_static_error_page(const char *templates, int status, struct buf *out)
{
    HDF *hdf = NULL;
    NEOERR *err;
    enum msg_id title, text;

    switch (status) {
    case 400: case 403: case 404: case 500:
        title = title_of(status); text = text_of(status); break;
    case 413: title = MSG_TITLE_UPLOAD_413; text = MSG_UPLOAD_TOO_LARGE; break;
    case 414: title = MSG_TITLE_414; text = MSG_URI_TOO_LONG; break;
    case 502: title = MSG_TITLE_502; text = MSG_BAD_GATEWAY; break;
    case 504: title = MSG_TITLE_504; text = MSG_GATEWAY_TIMEOUT; break;
    default: return -1;
    }
    err = hdf_init(&hdf);
    if (err == STATUS_OK)
        err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
    if (err == STATUS_OK)
        err = hdf_set_value(hdf, "hdf.loadpaths.0", templates);
    if (err == STATUS_OK)
        err = hdf_set_value(hdf, "Error.Static", "1");
    if (err == STATUS_OK)
        err = error_hdf(hdf, status, msg_text(title), msg_text(text), 1);
    if (err == STATUS_OK)
        err = render_hdf(hdf, "error.cs", out);
    hdf_destroy(&hdf);
    if (err != STATUS_OK) {
        char prefix[32];
        snprintf(prefix, sizeof prefix, "error page %d", status);
        neoerr_log(prefix, err);
        return -1;
    }
    return 0;
}
