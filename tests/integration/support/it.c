/* it — see it.h. Test code: it may abort the test on any unexpected failure. */
#include <mysql.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "it.h"
#include "base/conf.h"
#include "rules/rules.h"

static size_t on_body(char *p, size_t sz, size_t n, void *ud)
{
    buf_append(ud, p, sz * n);
    return sz * n;
}

void client_init(struct client *c)
{
    memset(c, 0, sizeof *c);
    c->curl = curl_easy_init();
    ck_assert_ptr_nonnull(c->curl);
    curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");   /* in-memory cookie engine */
    curl_easy_setopt(c->curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 60L);
}

void client_free(struct client *c)
{
    if (c->curl)
        curl_easy_cleanup(c->curl);
    c->curl = NULL;
    curl_slist_free_all(c->via_hdr);
    c->via_hdr = NULL;
}

void resp_free(struct resp *r)
{
    buf_free(&r->body);
    buf_free(&r->headers);
}

static void remember_csrf(struct client *c, const struct resp *r)
{
    const char *p = r->body.p ? strstr(r->body.p, "name=\"csrf\" value=\"") : NULL;
    size_t i = 0;
    if (!p)
        return;
    p += strlen("name=\"csrf\" value=\"");
    while (p[i] && p[i] != '"' && i < sizeof c->csrf - 1) {
        c->csrf[i] = p[i];
        i++;
    }
    c->csrf[i] = '\0';
}

static long perform(struct client *c, const char *path, struct resp *r)
{
    struct buf url = {0};   /* any length: the tests send 20 KB URLs too */
    const char *base = getenv("PORTAL_URL");
    CURLcode rc;
    long status = 0;

    memset(r, 0, sizeof *r);
    if (c->via) {
        if (!c->via_hdr) {
            char h[64];
            snprintf(h, sizeof h, "X-Portal-Host: %s", c->via);
            c->via_hdr = curl_slist_append(NULL, h);
        }
        curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, c->via_hdr);
    }
    ck_assert_int_eq(buf_printf(&url, "%s%s", base ? base : "http://127.0.0.1:8081", path), 0);
    curl_easy_setopt(c->curl, CURLOPT_URL, url.p);
    curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_body);
    curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, &r->headers);
    rc = curl_easy_perform(c->curl);
    ck_assert_msg(rc == CURLE_OK, "%.200s: %s", url.p, curl_easy_strerror(rc));
    buf_free(&url);
    curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
    r->status = status;
    if (!r->body.p)
        buf_puts(&r->body, "");
    remember_csrf(c, r);
    return status;
}

long http_get(struct client *c, const char *path, struct resp *r)
{
    curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
    return perform(c, path, r);
}

long http_follow(struct client *c, const struct resp *from, struct resp *r)
{
    char location[512];
    const char *base = getenv("PORTAL_URL");
    size_t bl = base ? strlen(base) : 0;

    memset(r, 0, sizeof *r);
    if (resp_header(from, "Location", location, sizeof location) != 0)
        return 0;
    return http_get(c, bl && strncmp(location, base, bl) == 0 ? location + bl : location, r);
}

long http_post(struct client *c, const char *path, const char *body, int add_csrf, struct resp *r)
{
    struct buf b = {0};
    long st;
    if (add_csrf)
        buf_printf(&b, "csrf=%s%s", c->csrf, body && *body ? "&" : "");
    buf_puts(&b, body ? body : "");
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(c->curl, CURLOPT_POST, 1L);
    curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, (long)b.len);
    curl_easy_setopt(c->curl, CURLOPT_COPYPOSTFIELDS, b.p);
    st = perform(c, path, r);
    buf_free(&b);
    return st;
}

long http_post_raw(struct client *c, const char *path, const char *ctype, const char *body,
                   size_t len, struct resp *r)
{
    struct curl_slist *h = NULL;
    char line[256];
    long st;
    snprintf(line, sizeof line, "Content-Type: %s", ctype);
    h = curl_slist_append(h, line);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c->curl, CURLOPT_POST, 1L);
    curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, (long)len);
    curl_easy_setopt(c->curl, CURLOPT_COPYPOSTFIELDS, body);
    st = perform(c, path, r);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(h);
    return st;
}

long http_post_file(struct client *c, const char *path, const char *const *fields,
                    const char *file_field, const char *filename, const char *data, size_t len,
                    struct resp *r)
{
    curl_mime *mime = curl_mime_init(c->curl);
    curl_mimepart *part;
    long st;
    part = curl_mime_addpart(mime);
    curl_mime_name(part, "csrf");
    curl_mime_data(part, c->csrf, CURL_ZERO_TERMINATED);
    for (; fields && fields[0]; fields += 2) {
        part = curl_mime_addpart(mime);
        curl_mime_name(part, fields[0]);
        curl_mime_data(part, fields[1], CURL_ZERO_TERMINATED);
    }
    part = curl_mime_addpart(mime);
    curl_mime_name(part, file_field);
    curl_mime_filename(part, filename);
    curl_mime_type(part, "text/csv");
    curl_mime_data(part, data, len);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, mime);
    st = perform(c, path, r);
    curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, NULL);
    curl_mime_free(mime);
    return st;
}

char *urlenc(const char *s)
{
    CURL *e = curl_easy_init();
    char *t = curl_easy_escape(e, s, 0);
    char *out = strdup(t);
    curl_free(t);
    curl_easy_cleanup(e);
    return out;
}

int login(struct client *c, const char *unit_no, const char *password)
{
    struct resp r;
    char *u = urlenc(unit_no), *p = urlenc(password);
    struct buf body = {0};
    int ok;
    http_get(c, "/login", &r);
    resp_free(&r);
    buf_printf(&body, "unit_no=%s&password=%s", u, p);
    http_post(c, "/login", body.p, 1, &r);
    ok = r.status == 303;
    resp_free(&r);
    buf_free(&body);
    free(u);
    free(p);
    return ok;
}

int resp_header(const struct resp *r, const char *name, char *out, size_t n)
{
    const char *p = r->headers.p;
    size_t nl = strlen(name);
    while (p && *p) {
        const char *e = strstr(p, "\r\n");
        if (!e)
            break;
        if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *v = p + nl + 1;
            while (*v == ' ')
                v++;
            snprintf(out, n, "%.*s", (int)(e - v), v);
            return 0;
        }
        p = e + 2;
    }
    return -1;
}

int has(const struct resp *r, const char *s)
{
    return r->body.p && strstr(r->body.p, s) != NULL;
}

/* The length of the page up to its countdown's digits (or the whole page), and where
 * the rest after them starts. */
static size_t before_countdown(const char *p, const char **rest)
{
    static const char attr[] = "data-ends-in=\"";
    const char *a = strstr(p, attr);
    if (!a) {
        *rest = p + strlen(p);
        return strlen(p);
    }
    *rest = a + sizeof attr - 1;
    while (**rest == '-' || (**rest >= '0' && **rest <= '9'))
        (*rest)++;
    return (size_t)(a - p);
}

int same_page(const struct resp *a, const char *b)
{
    const char *ra, *rb;
    size_t na, nb;
    if (!a->body.p || !b)
        return 0;
    na = before_countdown(a->body.p, &ra);
    nb = before_countdown(b, &rb);
    return na == nb && memcmp(a->body.p, b, na) == 0 && strcmp(ra, rb) == 0;
}

int admin(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    const char *bin = getenv("PORTAL_ADMIN"), *conf = getenv("PORTAL_CONF");
    va_list ap;
    int st;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "%s --conf '%s' %s >/dev/null 2>&1", bin ? bin : "build/portal-admin",
             conf ? conf : "var/test/portal.hdf", args);
    st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

struct store *it_store_open(void)
{
    struct portal_conf conf;
    struct store *s = NULL;

    ck_assert_int_eq(conf_load(&conf, getenv("PORTAL_CONF")), 0);
    ck_assert_int_eq(store_open(&s, &conf.db), 0);   /* the store copies the settings */
    conf_free(&conf);
    return s;
}

static MYSQL *db(void)
{
    static MYSQL *m;
    struct portal_conf conf;
    const struct store_config *cfg = &conf.db;
    if (m)
        return m;
    ck_assert_int_eq(conf_load(&conf, getenv("PORTAL_CONF")), 0);
    m = mysql_init(NULL);
    mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    ck_assert_msg(mysql_real_connect(m, *cfg->socket ? NULL : cfg->host, cfg->user, cfg->password,
                                     cfg->database, cfg->port, *cfg->socket ? cfg->socket : NULL, 0),
                  "db: %s", mysql_error(m));
    mysql_query(m, "SET time_zone='+08:00'");
    conf_free(&conf);
    return m;
}

void sql(const char *fmt, ...)
{
    char q[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    ck_assert_msg(mysql_query(db(), q) == 0, "%s: %s", q, mysql_error(db()));
}

long sql_long(const char *fmt, ...)
{
    char q[8192];
    va_list ap;
    MYSQL_RES *res;
    MYSQL_ROW row;
    long v = -1;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    ck_assert_msg(mysql_query(db(), q) == 0, "%s: %s", q, mysql_error(db()));
    res = mysql_store_result(db());
    if (res && (row = mysql_fetch_row(res)) && row[0])
        v = atol(row[0]);
    mysql_free_result(res);
    return v;
}

void sql_str(char *out, size_t n, const char *fmt, ...)
{
    char q[8192];
    va_list ap;
    MYSQL_RES *res;
    MYSQL_ROW row;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    ck_assert_msg(mysql_query(db(), q) == 0, "%s: %s", q, mysql_error(db()));
    res = mysql_store_result(db());
    out[0] = '\0';
    if (res && (row = mysql_fetch_row(res)) && row[0])
        snprintf(out, n, "%s", row[0]);
    mysql_free_result(res);
}

void set_today(const char *when)
{
    const char *path = getenv("PORTAL_TODAY_FILE");
    FILE *f;
    ck_assert_ptr_nonnull(path);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "%s\n", when);
    fclose(f);
}

void make_unit(char *unit_no, size_t n, const char *type, const char *name)
{
    static unsigned seq;
    snprintf(unit_no, n, "T%05d%04u%05u", (int)getpid() % 100000, seq++, (unsigned)(time(NULL) % 100000));
    ck_assert_int_eq(admin("unit-add --unit-no '%s' --name '%s' --type '%s' --credit-code '91320500MA1TEST%03u' --password '%s'",
                           unit_no, name, type, seq % 1000, PW), 0);
}

void make_unit_logged_in(char *unit_no, size_t n, const char *type, const char *name, long *id,
                         struct client *c)
{
    make_unit(unit_no, n, type, name);
    *id = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_no);
    client_init(c);
    if (!login(c, unit_no, PW)) {
        fprintf(stderr, "login as %s (%s) failed\n", unit_no, name);
        exit(1);
    }
}

long http_post_form(struct client *c, const char *path, const char *body, struct resp *r)
{
    struct resp g;
    ck_assert_int_eq(http_get(c, path, &g), 200);     /* a fresh csrf token */
    resp_free(&g);
    return http_post(c, path, body, 1, r);
}

/* Kept totals of the two units that differ from a recount of the contributions
 * (a totals row with persons left and no contribution under it included). */
long totals_mismatches(long ua, long ub)
{
    return sql_long(
        "SELECT (SELECT COUNT(*) FROM (SELECT unit_id, month, type_code, payment_type, COUNT(*) n,"
        "  SUM(base_fen) b, SUM(unit_fen) u, SUM(person_fen) p, SUM(account_fen) a"
        "  FROM contributions GROUP BY unit_id, month, type_code, payment_type) x"
        "  LEFT JOIN (SELECT unit_id, month, type_code, payment_type, SUM(persons) persons,"
        "  SUM(base_fen) base_fen, SUM(unit_fen) unit_fen, SUM(person_fen) person_fen,"
        "  SUM(account_fen) account_fen FROM unit_month_totals"
        "  GROUP BY unit_id, month, type_code, payment_type) t USING (unit_id, month, type_code, payment_type)"
        "  WHERE x.unit_id IN (%ld, %ld) AND NOT (x.n <=> t.persons AND x.b <=> t.base_fen"
        "  AND x.u <=> t.unit_fen AND x.p <=> t.person_fen AND x.a <=> t.account_fen))"
        " + (SELECT COUNT(*) FROM (SELECT unit_id, month, type_code, payment_type, SUM(persons) persons,"
        "  SUM(base_fen) base_fen, SUM(unit_fen) unit_fen, SUM(person_fen) person_fen,"
        "  SUM(account_fen) account_fen FROM unit_month_totals"
        "  GROUP BY unit_id, month, type_code, payment_type) t WHERE t.unit_id IN (%ld, %ld)"
        "  AND t.persons <> 0 AND NOT EXISTS (SELECT 1 FROM contributions c"
        "  WHERE c.unit_id = t.unit_id AND c.month = t.month AND c.type_code = t.type_code"
        "  AND c.payment_type = t.payment_type))",
        ua, ub, ua, ub);
}

long counts_mismatches(long ua, long ub)
{
    return sql_long(
        "SELECT (SELECT COUNT(*) FROM (SELECT unit_id, type_code,"
        "  SUM(end_date IS NULL OR end_date >= start_month) e, COUNT(DISTINCT person_id) p,"
        "  SUM(kind = '在职' AND end_date IS NULL) w, SUM(kind = '退休' AND end_date IS NULL) r"
        "  FROM enrolments GROUP BY unit_id, type_code) a"
        "  LEFT JOIN (SELECT unit_id, type_code, SUM(enrolments) enrolments, SUM(persons) persons,"
        "  SUM(employees) employees, SUM(retirees) retirees FROM unit_type_counts"
        "  GROUP BY unit_id, type_code) c USING (unit_id, type_code)"
        "  WHERE a.unit_id IN (%ld, %ld) AND NOT (a.e <=> c.enrolments AND a.p <=> c.persons"
        "  AND a.w <=> c.employees AND a.r <=> c.retirees))"
        " + (SELECT COUNT(*) FROM (SELECT unit_id, type_code, SUM(enrolments) enrolments, SUM(persons) persons,"
        "  SUM(employees) employees, SUM(retirees) retirees FROM unit_type_counts"
        "  GROUP BY unit_id, type_code) c WHERE c.unit_id IN (%ld, %ld) AND c.persons > 0"
        "  AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.unit_id = c.unit_id"
        "  AND e.type_code = c.type_code))",
        ua, ub, ua, ub) + totals_mismatches(ua, ub);
}

void make_id(char out[19], int y, int m, int d, int male)
{
    /* sequence digits 15-17: pid and a counter make IDs unique per run; the
     * 17th digit's parity is the gender */
    static unsigned seq;
    unsigned n = ((unsigned)getpid() * 7u + seq++ * 13u + (unsigned)time(NULL)) % 500u;
    unsigned tail = n * 2u + (male ? 1u : 0u);
    snprintf(out, 19, "3205%02u%04d%02d%02d%03u", (unsigned)getpid() % 100u, y, m, d, tail % 1000u);
    out[17] = id_check_char(out);
    out[18] = '\0';
}

int run(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    int st;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int import_persons(const char *rows, const char *extra_header)
{
    char path[] = "/tmp/it-import-XXXXXX";
    int fd = mkstemp(path), st;
    FILE *f;
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    fprintf(f, "证件号码,姓名,单位编号,状态,参保开始年月,月申报工资,联系电话%s%s\n",
            extra_header ? "," : "", extra_header ? extra_header : "");
    fputs(rows, f);
    fclose(f);
    st = admin("import-persons '%s'", path);
    unlink(path);
    return st;
}

int it_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}

void expect_get(struct client *c, const char *path, long status, const char *const *in,
                const char *const *out)
{
    struct resp r;
    ck_assert_int_eq(http_get(c, path, &r), status);
    for (; in && *in; in++)
        ck_assert_msg(has(&r, *in), "%s: %s missing", path, *in);
    for (; out && *out; out++)
        ck_assert_msg(!has(&r, *out), "%s: %s present", path, *out);
    resp_free(&r);
}

void get_csv(struct client *c, const char *path, struct resp *r)
{
    char ct[128];

    ck_assert_int_eq(http_get(c, path, r), 200);
    ck_assert_int_eq(resp_header(r, "Content-Type", ct, sizeof ct), 0);
    ck_assert_ptr_nonnull(strstr(ct, "text/csv"));
    ck_assert(r->body.len > 3 && memcmp(r->body.p, "\xEF\xBB\xBF", 3) == 0);
}
