/*
 * it — the integration tests' client: real HTTP to the real nginx + FastCGI
 * stack (libcurl), a cookie jar per client, CSRF tokens read from the pages,
 * and fixture helpers (portal-admin, direct SQL for setting up states that
 * the portal itself cannot create, such as an old session).
 *
 * Environment (set by tests/run-all): PORTAL_URL, PORTAL_CONF,
 * PORTAL_TODAY_FILE, PORTAL_ADMIN.
 */
#ifndef PORTAL_IT_H
#define PORTAL_IT_H
#include <curl/curl.h>
#include <check.h>
#include "base/buf.h"

struct store;

struct resp {
    long status;
    struct buf body;
    struct buf headers;
};

struct client {
    CURL *curl;
    char csrf[80];        /* the last csrf token seen on a page */
    const char *addr;     /* X-Forwarded-For is NOT trusted; kept for documentation */
    /* conf/cluster only: "1" or "2" sends every http_get/http_post/http_follow
     * (header X-Portal-Host) to that portal host; NULL: nginx balances */
    const char *via;
    struct curl_slist *via_hdr;
};

void client_init(struct client *c);
void client_free(struct client *c);
void resp_free(struct resp *r);

/* path is relative to PORTAL_URL ("/login"); the response is filled, and the
 * csrf token of the page, if any, remembered. Returns the status. */
long http_get(struct client *c, const char *path, struct resp *r);
/* body is urlencoded; when add_csrf, "csrf=<token>&" is put in front. */
long http_post(struct client *c, const char *path, const char *body, int add_csrf, struct resp *r);
/* multipart: fields as name/value pairs terminated by NULL, plus one file. */
long http_post_file(struct client *c, const char *path, const char *const *fields,
                    const char *file_field, const char *filename, const char *data, size_t len,
                    struct resp *r);
/* raw request with an explicit content type (for malformed bodies) */
long http_post_raw(struct client *c, const char *path, const char *ctype, const char *body,
                   size_t len, struct resp *r);

/* GETs the Location of `from` (a 303: a local path) into r; the status, or 0
 * (r empty) when `from` has no Location. */
long http_follow(struct client *c, const struct resp *from, struct resp *r);
/* Logs in; returns 1 when the login succeeded (303 to /). */
int  login(struct client *c, const char *unit_no, const char *password);
/* Value of a response header (first), copied into out; 0 if found. */
int  resp_header(const struct resp *r, const char *name, char *out, size_t n);
/* 1 when the body contains s. */
int  has(const struct resp *r, const char *s);
/* 1 when two pages are the same but for the footer's countdown (data-ends-in, the
 * seconds left of the session, changes every second); 0 otherwise. */
int  same_page(const struct resp *a, const char *b);
/* Percent-encodes s into a static-free malloc'd string (caller frees). */
char *urlenc(const char *s);

/* GETs path; asserts the status, that each of `in` (NULL-terminated, or NULL)
 * is in the body and each of `out` is not. */
void expect_get(struct client *c, const char *path, long status, const char *const *in,
                const char *const *out);
/* GETs a CSV download into r (the caller frees it): asserts 200, text/csv and the BOM. */
void get_csv(struct client *c, const char *path, struct resp *r);

/* Fixtures. */
int  admin(const char *fmt, ...) __attribute__((format(printf, 1, 2)));  /* exit status */
void sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));    /* aborts the test on error */
long sql_long(const char *fmt, ...) __attribute__((format(printf, 1, 2)));/* first column of first row */
/* first column of first row as text ("" for none or NULL) */
void sql_str(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void set_today(const char *when);     /* "" = the real clock */
/* A unique unit number for this test run, with an account (password "Test@1234"). */
void make_unit(char *unit_no, size_t n, const char *type, const char *name);

/* make_unit, then its id in *id and the client c logged in as it (exits the
 * test binary when the login fails). */
void make_unit_logged_in(char *unit_no, size_t n, const char *type, const char *name, long *id,
                         struct client *c);
/* GETs path (a fresh csrf token), then POSTs the form body to it with that token. */
long http_post_form(struct client *c, const char *path, const char *body, struct resp *r);
/* Kept counts and totals (unit_type_counts, unit_month_totals) of units ua and ub
 * that differ from a recount of their enrolments and contributions (kept rows of
 * zero persons are no rows): 0 when they all agree. */
long counts_mismatches(long ua, long ub);
long totals_mismatches(long ua, long ub);   /* the totals part of it */

/* A valid, run-unique 18-digit 证件号码 for someone born y-m-d (male or not). */
void make_id(char out[19], int y, int m, int d, int male);
/* Loads persons with `portal-admin import-persons` from CSV text (header added
 * here: 证件号码,姓名,单位编号,状态,参保开始年月,月申报工资,联系电话[,…]);
 * `extra_header` appends the optional columns' names (or NULL). Returns the exit status. */
int import_persons(const char *rows, const char *extra_header);
/* A store connection to the test stack's database (PORTAL_CONF), for tests of
 * lib/store itself; aborts the test when it cannot connect. The caller
 * closes it with store_close(). */
struct store *it_store_open(void);
/* Runs a shell command; returns its exit status. */
int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs the suite without forking (fixtures and the curl state stay in this
 * process), prints Check's summary, frees the runner; main's exit status. */
int it_run(Suite *s);

#define PW "Test@1234"
#endif
