/* Runtime internals shared by the files of lib/web; pages never include this. */
#ifndef PORTAL_WEB_INTERNAL_H
#define PORTAL_WEB_INTERNAL_H
#include "web/web.h"

/* request.c */
int  req_hdf_init(struct req *r);                 /* 0, or -1 out of memory */
/* Parses the Cookie header (a broken one is as good as none). */
void req_read_cookies(struct req *r);
/* Reads query and body and checks them against the page's declared fields.
 * Returns 0, or the HTTP status of the refusal (400, 413). */
int  req_read_input(struct req *r, const struct page_def *def);
void req_release(struct req *r);

/* session.c */
/* Returns 0 (session or none), 1 when a session cookie was present but the
 * session expired, -1 on database error. */
int  session_load(struct req *r);
/* Puts the CSRF token for forms on the page: the session's, or before login a
 * random one in a cookie (double submit). */
int  session_prepare_csrf(struct req *r);
int  csrf_ok(const struct req *r);
int  random_hex(char *out, size_t nbytes);        /* out gets 2*nbytes hex + NUL */

/* template.c: templates parsed once per worker, rendered against each
 * request's HDF (issue 15 item 1); a changed file is read at restart. */
/* ClearSilver's string functions and menu_html (template.c) on a parser:
 * every parser of a template that includes layout.cs needs them. */
NEOERR *tpl_register(CSPARSE *cs);
/* Renders tpl (a name under dir) with hdf, output to cb(ctx, …). A failed
 * parse is not cached. Returns ClearSilver's error with its traceback.
 * With Session.UnitNo set, Page.Menu is set first (the worker's kept menu). */
NEOERR *tpl_render(const char *dir, const char *tpl, HDF *hdf, void *ctx, CSOUTFUNC cb);
/* Frees every cached tree (a worker leaving). */
void tpl_cache_free(void);

/* response.c */
/* Last resort when even the error template fails: a fixed, escaped page. */
void web_fallback(struct req *r, int status);
#endif
