/*
 * Integration: issue 13's hardening items over HTTP against the real stack —
 * the return to the page after an expired session (item 3, spec §11
 * /login?next=, open redirects refused), a 400 keeping the logged-in frame
 * (item 7), the typed name against the registered one and text without
 * control characters or bidi overrides (item 15, spec §10's input hygiene),
 * nginx's own error pages in Chinese with the security headers (item 16),
 * per (address, unit) login delays instead of an address lock (item 19), and
 * the 413 of a form that holds no file (item 20).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "support/it.h"
#include "rules/rules.h"

#define N_(a) ((int)(sizeof(a) / sizeof((a)[0])))

static char unit_a[40], unit_b[40];

/* prefix, then 'a' up to n bytes in all (malloc'd, the caller frees). */
static char *filled(const char *prefix, size_t n)
{
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, 'a', n);
    memcpy(s, prefix, strlen(prefix));
    s[n] = '\0';
    return s;
}

static void setup_units(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "加固测试甲公司");
    make_unit(unit_b, sizeof unit_b, "企业", "加固测试乙公司");
    set_today("2022-08-15 10:00");   /* period C = 2022-09, window open */
}

static void forget_failures(void)
{
    sql("DELETE FROM login_failures WHERE unit_no IN ('%s', '%s')", unit_a, unit_b);
}

/* POST /login (after a GET of login_path for the token); next_raw is already
 * urlencoded, or NULL. Returns the status; Location into loc. */
static long login_to(struct client *c, const char *login_path, const char *unit,
                     const char *password, const char *next_raw, char *loc, size_t n)
{
    struct resp r;
    char *body;
    long st;

    ck_assert_int_eq(http_get(c, login_path, &r), 200);
    resp_free(&r);
    if (asprintf(&body, "unit_no=%s&password=%s%s%s", unit, password, next_raw ? "&next=" : "",
                 next_raw ? next_raw : "") < 0)
        ck_abort();
    st = http_post(c, "/login", body, 1, &r);
    loc[0] = '\0';
    resp_header(&r, "Location", loc, n);
    resp_free(&r);
    free(body);
    return st;
}

/* ---- item 3: back to the page after a new login --------------------------- */

START_TEST(expired_session_on_stop_returns_to_stop_after_login)
{
    struct client c;
    struct resp r;
    char loc[512];

    forget_failures();
    client_init(&c);
    ck_assert(login(&c, unit_a, PW));
    ck_assert_int_eq(http_get(&c, "/stop", &r), 200);
    resp_free(&r);
    sql("UPDATE sessions SET last_seen = last_seen - 31*60 WHERE unit_id = "
        "(SELECT id FROM units WHERE unit_no='%s')", unit_a);
    /* the POST of a form left open for 31 minutes */
    ck_assert_int_eq(http_post(&c, "/stop", "id_no=x&end_date=2022-08-31&reason=%E7%A6%BB%E8%81%8C",
                               1, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    ck_assert_str_eq(loc, "/login?expired=1&next=%2Fstop");
    resp_free(&r);
    /* the login form shows the expiry and keeps next in a hidden field */
    ck_assert_int_eq(http_get(&c, loc, &r), 200);
    ck_assert(has(&r, msg_text(MSG_SESSION_EXPIRED)));
    ck_assert(has(&r, "<input type=\"hidden\" name=\"next\" value=\"/stop\">"));
    resp_free(&r);
    ck_assert_int_eq(login_to(&c, loc, unit_a, PW, "%2Fstop", loc, sizeof loc), 303);
    ck_assert_str_eq(loc, "/stop");
    ck_assert_int_eq(http_get(&c, "/stop", &r), 200);
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(get_without_session_returns_to_the_page_and_its_query)
{
    struct client c;
    struct resp r;
    char loc[512];

    forget_failures();
    client_init(&c);
    ck_assert_int_eq(http_get(&c, "/declarations/approved?period=2022-09&page=2", &r), 303);
    resp_header(&r, "Location", loc, sizeof loc);
    ck_assert_str_eq(loc, "/login?next=%2Fdeclarations%2Fapproved%3Fperiod%3D2022-09%26page%3D2");
    resp_free(&r);
    ck_assert_int_eq(login_to(&c, loc, unit_a, PW,
                              "%2Fdeclarations%2Fapproved%3Fperiod%3D2022-09%26page%3D2", loc,
                              sizeof loc), 303);
    ck_assert_str_eq(loc, "/declarations/approved?period=2022-09&page=2");
    /* already logged in: /login?next= goes there at once */
    ck_assert_int_eq(http_get(&c, "/login?next=%2Fenroll", &r), 303);
    resp_header(&r, "Location", loc, sizeof loc);
    ck_assert_str_eq(loc, "/enroll");
    resp_free(&r);
    /* the home page needs no next; a POST-only page (logout) gets none */
    client_free(&c);
    client_init(&c);
    ck_assert_int_eq(http_get(&c, "/", &r), 303);
    resp_header(&r, "Location", loc, sizeof loc);
    ck_assert_str_eq(loc, "/login");
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/login", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/logout", "", 1, &r), 303);
    resp_header(&r, "Location", loc, sizeof loc);
    ck_assert_str_eq(loc, "/login");
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* next= values (as the browser would send them, urlencoded) that must not
 * lead anywhere but /. */
static const char *const open_redirects[] = {
    "%2F%2Fevil.example",                    /* //evil.example */
    "%2F%5Cevil.example",                    /* /\evil.example */
    "http%3A%2F%2Fevil.example%2F",          /* http://evil.example/ */
    "https:evil.example",
    "%252F%252Fevil.example",                /* %2F%2Fevil.example, encoded twice */
    "%2F%0D%0ALocation%3A%20http%3A%2F%2Fevil.example",   /* CR/LF */
    "%2F%0A%2Fevil.example",
    "%2F%09%2Fevil.example",                 /* a tab, which browsers drop */
    "%2Fstop%5C..",
    "javascript%3Aalert(1)",
    "stop",
};

START_TEST(login_next_refuses_open_redirects)
{
    struct client c;
    struct resp r;
    char loc[512], path[256];

    forget_failures();
    client_init(&c);
    ck_assert_int_eq(login_to(&c, "/login", unit_b, PW, open_redirects[_i], loc, sizeof loc), 303);
    ck_assert_msg(strcmp(loc, "/") == 0, "next=%s -> %s", open_redirects[_i], loc);
    client_free(&c);
    /* nor does the form keep it */
    client_init(&c);
    snprintf(path, sizeof path, "/login?next=%s", open_redirects[_i]);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert_msg(!has(&r, "name=\"next\""), "form kept next=%s", open_redirects[_i]);
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(login_next_is_bounded_in_length)
{
    struct client c;
    char loc[512];
    char *next = filled("%2F", 1100);

    forget_failures();
    client_init(&c);
    ck_assert_int_eq(login_to(&c, "/login", unit_b, PW, next, loc, sizeof loc), 303);
    ck_assert_str_eq(loc, "/");
    free(next);
    client_free(&c);
}
END_TEST

/* ---- item 7: a 400 keeps the logged-in frame ------------------------------- */

START_TEST(bad_request_while_logged_in_keeps_frame_and_menu)
{
    struct client c;
    struct resp r;
    static const char *const paths[] = {"/enroll?bogus=1", "/stop?id_no=1&x=2",
                                        "/declarations/approved?period=%ZZ"};

    forget_failures();
    client_init(&c);
    ck_assert(login(&c, unit_a, PW));
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        ck_assert_int_eq(http_get(&c, paths[i], &r), 400);
        ck_assert(has(&r, msg_text(MSG_BAD_REQUEST)));
        ck_assert_msg(has(&r, "side-menu"), "%s: no menu", paths[i]);
        ck_assert(has(&r, unit_a));
        ck_assert(!has(&r, "返回登录页"));
        ck_assert(has(&r, "name=\"csrf\""));   /* the header's logout form works */
        resp_free(&r);
    }
    /* a 404 inside a program too */
    ck_assert_int_eq(http_get(&c, "/jobs/x/y/z", &r), 404);
    ck_assert(has(&r, "side-menu"));
    resp_free(&r);
    /* the order of the refusals is unchanged: without a session still 400 */
    client_free(&c);
    client_init(&c);
    ck_assert_int_eq(http_get(&c, paths[0], &r), 400);
    ck_assert(has(&r, "返回登录页"));
    ck_assert(!has(&r, "side-menu"));
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* ---- item 15: the typed name is the registered name --------------------- */

/* A valid, run-unique ID of a man born in 1985 (region 3207xx). */
static void person_id(char out[19], int k)
{
    snprintf(out, 19, "3207%02u1985%02u%02u%03u", (unsigned)(getpid() % 100),
             (unsigned)((time(NULL) / 60) % 12 + 1), (unsigned)(k % 28 + 1),
             (unsigned)((getpid() / 100) % 500 * 2 + 1));
    out[17] = id_check_char(out);
    out[18] = '\0';
}

/* A base record without enrolment, named 王小明. */
static void registered(const char *id)
{
    char row[256];
    snprintf(row, sizeof row, "%s,王小明,,未参保,,,13900000000\n", id);
    ck_assert_int_eq(import_persons(row, NULL), 0);
}

/* What an enrolment writes for an ID besides its base record. */
static long written_for(const char *id)
{
    return sql_long("SELECT (SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                    " WHERE p.id_no='%s') + (SELECT COUNT(*) FROM contributions WHERE id_no='%s')"
                    " + (SELECT COUNT(*) FROM declarations WHERE id_no='%s')"
                    " + (SELECT COUNT(*) FROM persons WHERE id_no='%s' AND name <> '王小明')",
                    id, id, id, id);
}

static long post_enroll(struct client *c, const char *id, const char *name, const char *phone,
                        struct resp *r)
{
    struct resp g;
    char *en = urlenc(name), *ep = urlenc(phone), *body;
    long st;

    ck_assert_int_eq(http_get(c, "/enroll", &g), 200);
    resp_free(&g);
    if (asprintf(&body, "id_no=%s&name=%s&phone=%s&wage=5000&start_month=2022-09", id, en, ep) < 0)
        ck_abort();
    st = http_post(c, "/enroll", body, 1, r);
    free(body);
    free(en);
    free(ep);
    return st;
}

/* The three spoofs of item 15, and the message each gets: markup and a
 * formula are text (the name rule refuses them), a bidi override is no text
 * a name may hold (the field refuses it). */
static const struct { const char *name; enum msg_id want; } spoofs[] = {
    {"<b>王小明</b><script>alert(1)</script>", MSG_NAME_MISMATCH},
    {"=HYPERLINK(\"http://evil.example\",\"王小明\")", MSG_NAME_MISMATCH},
    {"\xe2\x80\xae明小王", MSG_TEXT_FORBIDDEN},
};

static void expect_refusal(const struct resp *r, enum msg_id want)
{
    char text[MSG_TEXT_MAX];
    if (want == MSG_TEXT_FORBIDDEN)
        msg_format(text, sizeof text, MSG_TEXT_FORBIDDEN, "姓名");
    else
        snprintf(text, sizeof text, "%s", msg_text(want));
    ck_assert(has(r, "msg fail"));
    ck_assert_msg(has(r, text), "want %s", msg_name(want));
}

START_TEST(issue13_item15_spoofed_name_for_existing_person_refused_on_enroll)
{
    struct client c;
    struct resp r;
    char id[19];

    forget_failures();
    set_today("2022-08-15 10:00");
    person_id(id, _i);
    registered(id);
    client_init(&c);
    ck_assert(login(&c, unit_a, PW));
    ck_assert_int_eq(post_enroll(&c, id, spoofs[_i].name, "13800000000", &r), 200);
    expect_refusal(&r, spoofs[_i].want);
    resp_free(&r);
    ck_assert_int_eq(written_for(id), 0);
    client_free(&c);
}
END_TEST

START_TEST(issue13_item15_registered_name_is_accepted_and_checked_after_the_rules)
{
    struct client c;
    struct resp r;
    char id[19];

    forget_failures();
    set_today("2022-08-15 10:00");
    person_id(id, 20);
    registered(id);
    client_init(&c);
    ck_assert(login(&c, unit_a, PW));
    struct resp done;
    ck_assert_int_eq(post_enroll(&c, id, "王小明", "13800000000", &r), 303);   /* spec §11 */
    ck_assert_int_eq(http_follow(&c, &r, &done), 200);
    ck_assert(has(&done, "msg ok"));
    resp_free(&done);
    resp_free(&r);
    /* insured here now: the deck's message comes before the name rule */
    ck_assert_int_eq(post_enroll(&c, id, "王晓明", "13800000000", &r), 200);
    ck_assert(has(&r, msg_text(MSG_ENROLL_INSURED_HERE)));
    ck_assert(!has(&r, msg_text(MSG_NAME_MISMATCH)));
    resp_free(&r);
    client_free(&c);
}
END_TEST

static void wait_done(long job)
{
    for (int i = 0; i < 600; i++) {
        if (sql_long("SELECT COALESCE(MAX(done), -1) FROM jobs WHERE id = %ld", job) == 1)
            return;
        usleep(50000);
    }
    ck_abort_msg("job %ld not done after 30 s", job);
}

static void csv_cell(struct buf *b, const char *s)
{
    buf_puts(b, "\"");
    for (; *s; s++)
        buf_puts(b, *s == '"' ? "\"\"" : (char[]){*s, 0});
    buf_puts(b, "\"");
}

START_TEST(issue13_item15_spoofed_names_for_existing_persons_refused_in_batch_rows)
{
    struct client c;
    struct resp r;
    struct buf csv = {0};
    const char *fields[] = {"start_month", "2022-09", NULL};
    char ids[4][19], loc[256], text[MSG_TEXT_MAX];
    long job = 0;
    int n = N_(spoofs);

    forget_failures();
    set_today("2022-08-15 10:00");
    buf_puts(&csv, "证件号码,姓名,月申报工资,联系电话\n");
    for (int i = 0; i <= n; i++) {
        person_id(ids[i], 10 + i);
        registered(ids[i]);
        buf_printf(&csv, "%s,", ids[i]);
        csv_cell(&csv, i < n ? spoofs[i].name : "王小明");
        buf_puts(&csv, ",5000,13800000000\n");
    }
    client_init(&c);
    ck_assert(login(&c, unit_b, PW));
    ck_assert_int_eq(http_get(&c, "/enroll/batch", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post_file(&c, "/enroll/batch", fields, "file", "names.csv", csv.p,
                                    csv.len, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    ck_assert_int_eq(sscanf(loc, "/jobs/%ld", &job), 1);
    resp_free(&r);
    wait_done(job);
    for (int i = 0; i < n; i++) {
        if (spoofs[i].want == MSG_TEXT_FORBIDDEN)
            msg_format(text, sizeof text, MSG_TEXT_FORBIDDEN, "姓名");
        else
            snprintf(text, sizeof text, "%s", msg_text(spoofs[i].want));
        ck_assert_msg(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND line_no = %d"
                               " AND status = 'failed' AND message = '%s'", job, i + 2, text) == 1,
                      "row %d: want %s", i + 2, msg_name(spoofs[i].want));
        ck_assert_int_eq(written_for(ids[i]), 0);
    }
    /* the registered name goes through */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no = '%s'", ids[n]), 1);
    buf_free(&csv);
    client_free(&c);
}
END_TEST

START_TEST(text_fields_refuse_control_characters_with_a_field_message)
{
    struct client c;
    struct resp r;
    char text[MSG_TEXT_MAX], id[19];

    forget_failures();
    set_today("2022-08-15 10:00");
    client_init(&c);
    ck_assert(login(&c, unit_a, PW));
    /* /stop: a bidi isolate in the ID */
    ck_assert_int_eq(http_get(&c, "/stop", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/stop", "id_no=%E2%81%A6320500&end_date=2022-08-31"
                               "&reason=%E7%A6%BB%E8%81%8C", 1, &r), 200);
    msg_format(text, sizeof text, MSG_TEXT_FORBIDDEN, "证件号码");
    ck_assert(has(&r, text));
    ck_assert(has(&r, "field-error"));
    resp_free(&r);
    /* /enroll: a tab inside the phone, a C1 control in a new person's name */
    make_id(id, 1990, 3, 3, 1);
    ck_assert_int_eq(post_enroll(&c, id, "李\xc2\x85四", "138\t00000000", &r), 200);
    msg_format(text, sizeof text, MSG_TEXT_FORBIDDEN, "联系电话");
    ck_assert(has(&r, text));
    msg_format(text, sizeof text, MSG_TEXT_FORBIDDEN, "姓名");
    ck_assert(has(&r, text));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", id), 0);
    /* the declarations filter */
    ck_assert_int_eq(http_get(&c, "/declarations/approved?type=%E2%80%AB", &r), 200);
    msg_format(text, sizeof text, MSG_TEXT_FORBIDDEN, "业务类型");
    ck_assert(has(&r, text));
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* ---- item 16: nginx's own error pages ------------------------------------- */

static void assert_security_headers(const struct resp *r, const char *what)
{
    char h[512];
    const char *p = r->headers.p;
    int csp = 0;

    ck_assert_msg(resp_header(r, "Content-Security-Policy", h, sizeof h) == 0, "%s: no CSP", what);
    ck_assert_msg(strstr(h, "frame-ancestors 'none'") && strstr(h, "default-src 'self'"),
                  "%s: CSP %s", what, h);
    ck_assert_msg(resp_header(r, "X-Content-Type-Options", h, sizeof h) == 0 &&
                  strcmp(h, "nosniff") == 0, "%s: no nosniff", what);
    ck_assert_msg(resp_header(r, "X-Frame-Options", h, sizeof h) == 0, "%s: no XFO", what);
    ck_assert_msg(resp_header(r, "Referrer-Policy", h, sizeof h) == 0 &&
                  strcmp(h, "same-origin") == 0, "%s: no Referrer-Policy", what);
    while ((p = strcasestr(p, "\nContent-Security-Policy:")) != NULL) {
        csp++;
        p++;
    }
    ck_assert_msg(csp == 1, "%s: %d CSP headers", what, csp);
}

static const struct {
    const char *path;
    long status;
    enum msg_id title;
} nginx_refusals[] = {
    {"/%00", 400, MSG_TITLE_400},
    {"/enroll%00.php", 400, MSG_TITLE_400},
    {NULL, 414, MSG_TITLE_414},                /* a 20 KB query */
    {"/static/no-such-file.css", 404, MSG_TITLE_404},
    {"/static/css/", 403, MSG_TITLE_403},
};

START_TEST(nginx_error_pages_are_chinese_with_security_headers)
{
    struct client c;
    struct resp r;
    const char *path = nginx_refusals[_i].path;
    char *long_path = NULL;

    if (!path)
        path = long_path = filled("/enroll?q=", 20 * 1024);
    client_init(&c);
    ck_assert_int_eq(http_get(&c, path, &r), nginx_refusals[_i].status);
    ck_assert_msg(has(&r, msg_text(nginx_refusals[_i].title)), "%ld: not the Chinese page",
                  nginx_refusals[_i].status);
    ck_assert(has(&r, "<html lang=\"zh-CN\">"));
    ck_assert(!has(&r, "<center>nginx</center>"));
    assert_security_headers(&r, nginx_refusals[_i].title == MSG_TITLE_414 ? "414" : path);
    resp_free(&r);
    client_free(&c);
    free(long_path);
}
END_TEST

START_TEST(favicon_and_pages_carry_each_security_header_once)
{
    struct client c;
    struct resp r;

    client_init(&c);
    ck_assert_int_eq(http_get(&c, "/favicon.ico", &r), 200);
    assert_security_headers(&r, "/favicon.ico");
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/login", &r), 200);
    assert_security_headers(&r, "/login");
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/static/css/portal.css", &r), 200);
    assert_security_headers(&r, "/static/css/portal.css");
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* ---- item 19: per (address, unit) delays, no address lock ---------------- */

START_TEST(failures_delay_that_unit_from_that_address_only)
{
    struct client c, other;
    struct resp r;
    char loc[256], bad[128], good[128];

    forget_failures();
    snprintf(bad, sizeof bad, "unit_no=%s&password=nope", unit_a);
    snprintf(good, sizeof good, "unit_no=%s&password=%s", unit_a, PW);
    client_init(&c);
    ck_assert_int_eq(http_get(&c, "/login", &r), 200);
    resp_free(&r);
    /* three failures, each after the previous delay (2, 4 s) has passed */
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(http_post(&c, "/login", bad, 1, &r), 200);
        ck_assert(has(&r, msg_text(MSG_LOGIN_FAILED)));
        resp_free(&r);
        if (i < 2)
            sql("UPDATE login_failures SET at = at - 20 WHERE unit_no = '%s'", unit_a);
    }
    /* now 8 s: even the right password waits, and is told until when */
    ck_assert_int_eq(http_post(&c, "/login", good, 1, &r), 200);
    ck_assert(has(&r, "本机登录该单位失败次数较多,请于"));
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/login", bad, 1, &r), 200);
    ck_assert(has(&r, "本机登录该单位失败次数较多,请于"));
    resp_free(&r);
    /* attempts inside the delay are not counted */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM login_failures WHERE unit_no = '%s'", unit_a),
                     3);
    /* another unit behind the same address is not affected */
    client_init(&other);
    ck_assert_int_eq(login_to(&other, "/login", unit_b, PW, NULL, loc, sizeof loc), 303);
    client_free(&other);
    /* after the delay the right password gets in */
    sql("UPDATE login_failures SET at = at - 9 WHERE unit_no = '%s'", unit_a);
    ck_assert_int_eq(http_post(&c, "/login", good, 1, &r), 303);
    resp_free(&r);
    client_free(&c);
    forget_failures();
}
END_TEST

/* ---- item 20: a form too large is no file too large -------------------------- */

START_TEST(oversized_form_without_file_is_not_called_a_file)
{
    struct client c;
    struct resp r;
    char *big = filled("id_no=", 100 * 1024);

    forget_failures();
    client_init(&c);
    ck_assert(login(&c, unit_a, PW));
    ck_assert_int_eq(http_get(&c, "/stop", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/stop", big, 1, &r), 413);
    ck_assert(has(&r, msg_text(MSG_TITLE_413_FORM)));
    ck_assert(has(&r, msg_text(MSG_FORM_TOO_LARGE)));
    ck_assert(!has(&r, "文件过大"));
    ck_assert(has(&r, "side-menu"));   /* item 7: the frame stays */
    resp_free(&r);
    free(big);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hardening");
    TCase *t = tcase_create("issue13");

    tcase_add_unchecked_fixture(t, setup_units, NULL);
    tcase_set_timeout(t, 180);
    tcase_add_test(t, expired_session_on_stop_returns_to_stop_after_login);
    tcase_add_test(t, get_without_session_returns_to_the_page_and_its_query);
    tcase_add_loop_test(t, login_next_refuses_open_redirects, 0, N_(open_redirects));
    tcase_add_test(t, login_next_is_bounded_in_length);
    tcase_add_test(t, bad_request_while_logged_in_keeps_frame_and_menu);
    tcase_add_loop_test(t, issue13_item15_spoofed_name_for_existing_person_refused_on_enroll, 0,
                        N_(spoofs));
    tcase_add_test(t, issue13_item15_registered_name_is_accepted_and_checked_after_the_rules);
    tcase_add_test(t, issue13_item15_spoofed_names_for_existing_persons_refused_in_batch_rows);
    tcase_add_test(t, text_fields_refuse_control_characters_with_a_field_message);
    tcase_add_loop_test(t, nginx_error_pages_are_chinese_with_security_headers, 0,
                        N_(nginx_refusals));
    tcase_add_test(t, favicon_and_pages_carry_each_security_header_once);
    tcase_add_test(t, failures_delay_that_unit_from_that_address_only);
    tcase_add_test(t, oversized_form_without_file_is_not_called_a_file);
    suite_add_tcase(s, t);
    return it_run(s);
}
