/*
 * web — the FastCGI runtime every page program is built on.
 *
 * A page program declares its routes and its input fields in tables and calls
 * web_main(). The runtime owns everything that is the same for every page and
 * checks it once, before any handler runs (STYLE.md §1):
 *   method and path (405 / 404), declared inputs (400 on unknown or malformed
 *   parameters), the database (503 page when it is down), the session (redirect
 *   to /login), CSRF on every POST (403), security headers, rendering into a
 *   buffer, error pages, and freeing every request's memory.
 *
 * Process model: `prog --conf FILE --socket PATH [--workers N]` is a pre-fork
 * master; it opens the socket, forks N workers and replaces any that die.
 * Each worker holds one store connection for its whole life.
 */
#ifndef PORTAL_WEB_H
#define PORTAL_WEB_H

#include <time.h>
#include <fcgiapp.h>
#include <ClearSilver.h>
#include "base/buf.h"
#include "base/conf.h"
#include "web/form.h"
#include "web/field.h"
#include "store/store.h"
#include "rules/rules.h"

struct req;
typedef int (*handler_fn)(struct req *r);

/* flags of a route */
#define ROUTE_PUBLIC   0x1u  /* no session needed (login) */
#define ROUTE_PREFIX   0x2u  /* path matches as a prefix */
/* Roles (spec §7b), checked by the runtime from these flags, never in
 * handlers. Secure by default: a route that says nothing is a business
 * route — every account may GET it, a 查询 account may not POST to it
 * (403 【当前账号无权办理此业务】, nothing changes). */
#define ROUTE_ANY_ROLE 0x4u  /* a 查询 account may POST too (logout, password, exports) */
#define ROUTE_ADMIN    0x8u  /* the 管理员 only, GET and POST (/accounts) */
#define ROUTE_FIRST    0x10u /* reachable before the initial password is changed */

struct route {
    const char *method;   /* "GET" or "POST" (GET also answers HEAD) */
    const char *path;
    handler_fn  handler;
    unsigned    flags;
};

#define PAGE_ANY_INPUT 0x1u  /* accept undeclared fields (the 尚未开放 placeholder only) */
/* What the session's statement reads besides the session, account and unit
 * (store_session_get_unit), for the page's own use: without these flags r->counts
 * and r->contact stay empty. */
#define PAGE_COUNTS    0x2u  /* r->counts: the unit's counts and 本期待办 (the home page) */
#define PAGE_CONTACT   0x4u  /* r->contact, r->contact_version: the unit's editable data */

struct page_def {
    const char *name;                  /* for logs */
    unsigned flags;
    const struct route *routes;        /* terminated by a zeroed entry */
    const struct field_spec *fields;   /* indexed by the page's keys (web/field.h); may be NULL */
    size_t nfields;                    /* K__MAX of the page's key enum */
};

/* The request, as handlers see it. Everything is lent and lives until the
 * handler returns. */
struct req {
    FCGX_Request *fcgi;
    const struct portal_conf *cfg;   /* process configuration (read once, typed) */
    struct store *db;
    HDF *hdf;                  /* this request's template data */
    const char *method, *path, *addr;
    const struct page_def *page;
    const struct route *route;
    struct field field[FIELDS_MAX];  /* the declared inputs by key: r->field[K_END_DATE] */
    struct form query, form, cookies;
    int has_session;
    struct session sess;       /* valid when has_session */
    struct unit unit;          /* the session's unit: the only unit a handler may touch */
    struct unit_counts counts; /* its persons active now, read with the session (PAGE_COUNTS) */
    struct unit_contact contact; /* its editable data, read with the session (PAGE_CONTACT) */
    int contact_version;         /* and the version they were read at */
    struct portal_dt now;      /* business now (spec §3, PORTAL_TODAY) */
    struct policy policy;
    time_t real_now;           /* real clock: sessions, throttling */
    /* response state, managed by the web_* functions below */
    int responded;
    const char *failed_at;     /* what failed, for the log of a 5xx (web_fail) */
    struct buf extra_headers;
    int streaming;             /* between web_stream_begin and web_stream_end */
    struct buf stream;         /* a stream's bytes not yet sent (headers first) */
};

/* Runs the program; returns the process exit status. */
int web_main(int argc, char **argv, const struct page_def *def);

/* ---- responses: each returns 0, or -1 if the response could not be built ---- */
/* Renders templates/<tpl> with r->hdf and sends it with the given status. */
int web_render(struct req *r, int status, const char *tpl);
/* Chinese error page for status (400/403/404/405/413/500/503), text from the
 * message table; `text` overrides the default text when not NULL. */
int web_error(struct req *r, int status, const char *text);
/* The 500 page after a failure, logged with its context (ClearSilver's
 * nerr_pass traceback is the model): "<page>[pid]: 500 <METHOD> <path>: <what>;
 * store: <the store's error of this request>". Every 5xx the runtime sends is
 * logged so; `what` says what was being done ("the handler failed"). */
int web_fail(struct req *r, const char *what);
/* nginx's own error pages (400, 403, 404, 413, 414, 500, 502, 504), rendered
 * at build time from templates/error.cs and layout.cs (cgi/error-pages/main.c): no session, links to
 * /. 0, or -1 for another status or a template error (traceback on stderr). */
int web_static_error_page(const char *templates_dir, int status, struct buf *out);
/* 303 See Other to a local path (web_local_path, at most WEB_REDIRECT_MAX
 * bytes); anything else is a 500 (web_fail). */
#define WEB_REDIRECT_MAX 8192
int web_redirect(struct req *r, const char *location);
/* 1 when s is a path of this origin a Location may name: 1..max bytes,
 * starting with one '/' (not "//" nor "/\"), printable ASCII only (no
 * control characters, spaces, '\' or raw UTF-8; a scheme cannot come
 * first). Else 0. The login's next= (spec §11) is such a path of at most
 * WEB_NEXT_MAX bytes; anything else sends the clerk to /. */
#define WEB_NEXT_MAX 1024
int web_local_path(const char *s, size_t max);
/* 303 to /declarations/ID: where every successful business POST leads, so
 * that a reload never submits twice (spec §11). */
int web_redirect_declaration(struct req *r, int64_t decl_id);
/* Sends a body as is (CSV, JSON). filename, when set, becomes an attachment. */
int web_send(struct req *r, int status, const char *content_type,
             const char *body, size_t len, const char *filename);
/* A response streamed as it is made (a CSV export of any size): memory
 * stays flat, the body is never held whole.
 *   web_stream_begin  the status, content type and, when set, the attachment
 *                     name; no Content-Length (nginx chunks the body). The
 *                     headers are held, not sent.
 *   web_stream_write  appends bytes; what is held goes out in pieces of
 *                     about 16 KB. Until the first piece is sent nothing has
 *                     been answered: a handler failing then still gets the
 *                     clean 500 page (the held bytes are dropped).
 *   web_stream_end    sends the rest (at least the headers).
 * Each returns 0, or -1 (out of memory, the client gone, a call out of
 * order). After a failure once bytes are out, the runtime logs the 500 and
 * the client gets a cut-off body. HEAD gets the headers only. */
int web_stream_begin(struct req *r, int status, const char *content_type,
                     const char *filename);
int web_stream_write(struct req *r, const void *data, size_t len);
int web_stream_end(struct req *r);
/* Adds a response header line ("Name: value"); value must be validated. */
int web_header(struct req *r, const char *name, const char *value);

/* Sets Msg.Kind/Msg.Text on the page. */
void web_msg(struct req *r, const char *kind, const char *text);

/* ---- field messages: the one HDF convention, Err.<field name> ---- */
/* Sets Err.<name of key> to the text of id: a format taking one string gets
 * the key's declared label, a plain text is used as it is. Returns 1, so
 * callers can count. */
int web_field_error(struct req *r, int key, enum msg_id id);
/* Sets MSG_TEXT_FORBIDDEN on every labelled F_TEXT field the typed-input
 * layer found FIELD_BAD (a control character or bidi override: spec §10's
 * input hygiene); returns how many. A field without a label is no field the
 * clerk types (format=, next=): its value is refused as the page says. A page calls it after its own field messages,
 * so this one wins on such a field. */
int web_text_field_errors(struct req *r);
/* A field the form needs: absent -> MSG_FIELD_REQUIRED, malformed ->
 * MSG_FIELD_INVALID (as web_field_error). Returns 1 when it set one, else 0. */
int web_field_required(struct req *r, int key);
/* The first field message set, in the order of the page's keys, or NULL. Lent
 * from the HDF. */
const char *web_field_first_error(const struct req *r);

/* ---- HDF helpers shared by pages (page.c) ---- */
/* "YYYY-MM-DD HH:MM" / "1234.50" under name. */
void web_set_dt(struct req *r, const char *name, const struct portal_dt *t);
void web_set_fen(struct req *r, const char *name, long long fen);
/* The declaration period at the business now, into *st and onto the page:
 * Period.Month/Label, Window.Open/OpensAt/ClosesAt (period C's window) and,
 * while closed, Window.Notice (when the next window opens: a notice, not the
 * refusal a POST gets), Window.NextOpensAt,
 * Settle.Active/Month/Until. templates/layout.cs's period_card() shows it. */
void web_period(struct req *r, struct decl_state *st);
/* The print header of reports and of the print views of screen pages
 * (layout.cs print_header()): Report.{UnitName, UnitNo, Title, MadeOn (the
 * business date), Operator (store_unit_operator)} and Report.Period when
 * period is set. 0, or -1 when the 经办人 could not be read. */
int web_print_header(struct req *r, const char *title, const char *period);
/* Months.N.{Value,Label,Selected}: newest, newest-1, … oldest (the month
 * selects of the enrolment, 补缴 and 零星基数调整 forms). */
void web_month_choices(struct req *r, int newest, int oldest, int selected);
/* One batch job under prefix ("Jobs.3", "Job"): Id, Kind, Created, Total,
 * Processed, Failed, Ok, HasError, Error, Done, DoneAt, Expired, Percent, IsExport. */
struct job;
void web_set_job(struct req *r, const char *prefix, const struct job *j);
/* Paging of a table of `total` rows, `size` a page: the page asked for
 * (a field of kind F_INT; absent, malformed or < 1 is the first, beyond the
 * last is the last) onto the page as Paging.{Total, Page, Pages, Prev, Next};
 * returns the offset of its first row. */
long web_paging(struct req *r, long total, long size, const struct field *page);
/* Appends "&name=value" (no "&" at the start of b), value URL-encoded, when
 * value is set: the filters of a table page for its paging and CSV links. */
void web_url_arg(struct buf *b, const char *name, const char *value);
/* Progress in whole percent (a finished job is 100 even with no rows). */
int web_job_percent(const struct job *j);

/* ---- passwords (password.c): yescrypt, one salt each ---- */
/* 1 when password matches hash. hash NULL (an unknown unit or account) costs
 * the same time as a real hash and never matches. */
int web_password_matches(const char *password, const char *hash);
/* A fresh yescrypt hash of password into out[0..n): 0, or -1. */
int web_password_hash(const char *password, char *out, size_t n);
/* An initial password (rules/account.h) from the system's random source
 * that passes the password rule for this 单位编号 and 账号: 0, or -1. */
int web_initial_password(const char *unit_no, const char *login, char out[13]);

/* ---- sessions (used by login/logout) ---- */
/* Creates a fresh session for the account (rotating any old one) and sets the cookie. */
struct account;
int web_session_start(struct req *r, const struct account *a);
/* Ends the current session (if any) and clears the cookie. */
int web_session_end(struct req *r);

#endif
