/*
 * Integration: 撤销本期增员 / 撤销本期减员 (/declarations/ID/undo) and the
 * guided reverse operation (spec §7a, issue 11 items 4 and 5), over HTTP
 * against the real stack: the confirmation page, the withdrawal of an 增员
 * (enrolment, wage and 补缴 removed, the base record kept, the counts
 * following) and of a 减员 (end dates restored), every refusal writing
 * nothing (already withdrawn, an earlier period, a settled month, enrolled
 * again since, another type, another unit's declaration, the window), the
 * 反向操作 links in 已审核数据查询 and on /declarations/ID, pre-filled, and
 * a withdrawn declaration saying so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"

static char unit_a[40], unit_b[40];
static long ua, ub;
static struct client ca, cb;

static void setup(void)
{
    set_today("2022-09-20");
    make_unit_logged_in(unit_a, sizeof unit_a, "企业", "撤销测试甲", &ua, &ca);
    make_unit_logged_in(unit_b, sizeof unit_b, "企业", "撤销测试乙", &ub, &cb);
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    set_today("");
}

/* Kept counts and totals of the two units that differ from a recount. */
static long mismatches(void)
{
    return counts_mismatches(ua, ub);
}

static long written(const char *id)
{
    return sql_long("SELECT (SELECT COUNT(*) FROM declarations WHERE id_no = '%s') * 100000000"
                    " + (SELECT COUNT(*) * 100000 + COALESCE(SUM(e.end_date IS NULL), 0) * 1000"
                    "    FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.id_no = '%s')"
                    " + (SELECT COUNT(*) FROM contributions WHERE id_no = '%s')", id, id, id);
}

static long post_form(struct client *c, const char *path, const char *body, struct resp *r)
{
    return http_post_form(c, path, body, r);
}

/* 增员 of id from start; the declaration's id. */
static long enrol(struct client *c, const char *id, const char *start)
{
    char body[256], loc[256], *name = urlenc("撤销人员");
    struct resp r;
    snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13800000000&wage=6000&start_month=%s",
             id, name, start);
    free(name);
    ck_assert_int_eq(post_form(c, "/enroll", body, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    resp_free(&r);
    return strtol(strrchr(loc, '/') + 1, NULL, 10);
}

static long stop(struct client *c, const char *id, const char *end)
{
    char body[256], loc[256], *reason = urlenc("离职");
    struct resp r;
    snprintf(body, sizeof body, "id_no=%s&end_date=%s&reason=%s", id, end, reason);
    free(reason);
    ck_assert_int_eq(post_form(c, "/stop", body, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    resp_free(&r);
    return strtol(strrchr(loc, '/') + 1, NULL, 10);
}

static long post_undo(struct client *c, long decl, struct resp *r)
{
    char path[64];
    struct resp g;
    snprintf(path, sizeof path, "/declarations/%ld/undo", decl);
    if (http_get(c, path, &g) != 200) {     /* the confirmation page (and a csrf token) */
        long st = g.status;
        resp_free(&g);
        (void)st;
        ck_assert_int_eq(http_get(c, "/", &g), 200);
    }
    resp_free(&g);
    return http_post(c, path, "", 1, r);
}

static void expect_refused(struct client *c, long decl, const char *id, enum msg_id m)
{
    struct resp r;
    char text[MSG_TEXT_MAX];
    long before = written(id);

    ck_assert_int_eq(post_undo(c, decl, &r), 200);
    if (m == MSG_WINDOW_CLOSED)
        msg_window_closed(NULL, text, sizeof text);
    else
        snprintf(text, sizeof text, "%s", msg_text(m));
    ck_assert_msg(has(&r, "msg fail") && has(&r, text), "%ld: expected %s", decl, msg_name(m));
    resp_free(&r);
    ck_assert_int_eq(written(id), before);
}

static void expect_withdrawn(struct client *c, long decl, enum msg_id result)
{
    struct resp p, r;
    char text[MSG_TEXT_MAX], ids[24];

    ck_assert_int_eq(post_undo(c, decl, &p), 303);
    ck_assert_int_eq(http_follow(c, &p, &r), 200);
    resp_free(&p);
    snprintf(ids, sizeof ids, "%ld", decl);
    msg_format(text, sizeof text, result, ids);
    ck_assert_msg(has(&r, "msg ok") && has(&r, text), "%ld: no %s", decl, text);
    resp_free(&r);
}

START_TEST(undo_enrol_of_this_period)
{
    char id[19], path[64], link[96];
    struct resp r;
    long d;

    make_id(id, 1990, 11, 16, 1);
    d = enrol(&ca, id, "2022-08");                /* C = 2022-10: 08, 09 back-paid */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'", id), 12);

    /* the reverse operation is offered, in the list and on the page */
    snprintf(path, sizeof path, "/declarations/%ld", d);
    snprintf(link, sizeof link, "href=\"/declarations/%ld/undo\"", d);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    ck_assert(has(&r, "反向操作") && has(&r, link) && has(&r, "撤销本期增员"));
    resp_free(&r);
    snprintf(link, sizeof link, "href=\"/declarations/%ld#reverse\"", d);
    ck_assert_int_eq(http_get(&ca, "/declarations/approved", &r), 200);
    ck_assert(has(&r, link));
    resp_free(&r);
    /* the confirmation page changes nothing; another unit gets 404 */
    snprintf(path, sizeof path, "/declarations/%ld/undo", d);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    ck_assert(has(&r, "确认撤销") && has(&r, id));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'", id), 12);
    ck_assert_int_eq(http_get(&cb, path, &r), 404);
    resp_free(&r);
    ck_assert_int_eq(post_undo(&cb, d, &r), 404);
    resp_free(&r);

    /* 职工补缴核定 (d + 1) is no 增员 */
    expect_refused(&ca, d + 1, id, MSG_UNDO_NOT_REVERSIBLE);
    /* a settled month (a state made by SQL: the window never sees one) refuses */
    sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
        " base_fen, created_at) SELECT id_no, '2022-10-01', '310', id, %ld, '正常应缴', 600000,"
        " '2022-09-20 10:00:00' FROM persons WHERE id_no = '%s'", ua, id);
    expect_refused(&ca, d, id, MSG_UNDO_SETTLED);
    sql("DELETE FROM contributions WHERE id_no = '%s' AND payment_type = '正常应缴'", id);
    set_today("2022-10-08");
    expect_refused(&ca, d, id, MSG_WINDOW_CLOSED);
    set_today("2022-09-20");

    expect_withdrawn(&ca, d, MSG_UNDO_ENROL_RESULT);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s'", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM wages w JOIN persons p ON p.id = w.person_id"
                              " WHERE p.id_no = '%s'", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", id), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE type = '撤销增员'"
                              " AND reverses_id = %ld", d), 1);
    ck_assert_int_eq(mismatches(), 0);
    /* the withdrawn 增员 says so, offers no undo; a second undo is refused */
    snprintf(path, sizeof path, "/declarations/%ld", d);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    ck_assert(has(&r, msg_text(MSG_UNDO_WITHDRAWN)) && !has(&r, "/undo\""));
    resp_free(&r);
    ck_assert_int_eq(http_get(&ca, "/declarations/approved", &r), 200);
    ck_assert(has(&r, "已撤销"));
    resp_free(&r);
    expect_refused(&ca, d, id, MSG_UNDO_DONE);
    /* the person may be enrolled again */
    enrol(&ca, id, "2022-09");
    ck_assert_int_eq(mismatches(), 0);
}
END_TEST

START_TEST(earlier_enrol_offers_stop_or_backpay_delete)
{
    char id[19], path[64], link[128];
    struct resp r;
    long d;

    make_id(id, 1991, 12, 17, 0);
    set_today("2022-08-20");                      /* C = 2022-09 */
    d = enrol(&ca, id, "2022-08");
    set_today("2022-09-20");                      /* C = 2022-10 */
    expect_refused(&ca, d, id, MSG_UNDO_NOT_THIS_PERIOD);
    snprintf(path, sizeof path, "/declarations/%ld", d);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    snprintf(link, sizeof link, "href=\"/stop?id_no=%s\"", id);
    ck_assert_msg(has(&r, link), "no %s", link);
    snprintf(link, sizeof link, "href=\"/backpay?id_no=%s\"", id);
    ck_assert_msg(has(&r, link), "no %s", link);
    ck_assert(!has(&r, "/undo\""));
    resp_free(&r);
    /* the pre-filled page: nothing happens without the clerk's submit */
    snprintf(path, sizeof path, "/stop?id_no=%s", id);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    snprintf(link, sizeof link, "value=\"%s\"", id);
    ck_assert(has(&r, link));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date IS NULL", id), 6);
}
END_TEST

START_TEST(undo_stop_of_this_period)
{
    char id[19], row[256], path[64], link[96];
    struct resp r;
    long d, d2;

    make_id(id, 1989, 1, 18, 1);
    snprintf(row, sizeof row, "%s,撤销人员,%s,在职,2022-06,8000.00,13800000000\n", id, unit_a);
    ck_assert_int_eq(import_persons(row, NULL), 0);
    admin("recount");
    d = stop(&ca, id, "2022-09-30");
    snprintf(path, sizeof path, "/declarations/%ld", d);
    snprintf(link, sizeof link, "href=\"/declarations/%ld/undo\"", d);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    ck_assert(has(&r, link) && has(&r, "撤销本期减员"));
    resp_free(&r);
    expect_withdrawn(&ca, d, MSG_UNDO_STOP_RESULT);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date IS NULL AND e.status = '参保缴费'"
                              " AND e.stop_reason IS NULL", id), 6);
    ck_assert_int_eq(mismatches(), 0);
    expect_refused(&ca, d, id, MSG_UNDO_DONE);

    /* stopped again, then enrolled by another unit: the 减员 stays */
    d2 = stop(&ca, id, "2022-09-30");
    enrol(&cb, id, "2022-10");
    expect_refused(&ca, d2, id, MSG_UNDO_ENROLLED_SINCE);
    ck_assert_int_eq(mismatches(), 0);
}
END_TEST

START_TEST(reverse_of_changes_is_prefilled)
{
    char id[19], row[256], path[512], body[512], loc[256];
    struct resp r;
    long d, v;
    const char *href, *end;

    make_id(id, 1992, 2, 19, 0);
    snprintf(row, sizeof row, "%s,反向人员,%s,在职,2022-06,8000.00,13811112222\n", id, unit_a);
    ck_assert_int_eq(import_persons(row, NULL), 0);
    admin("recount");
    /* 参保人员信息维护: the phone changed; its reverse gives the old phone */
    v = sql_long("SELECT info_version FROM persons WHERE id_no = '%s'", id);
    {
        char *name = urlenc("反向人员");
        snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13933334444&address=&version=%ld",
                 id, name, v);
        free(name);
    }
    snprintf(path, sizeof path, "/person?id_no=%s", id);
    ck_assert_int_eq(post_form(&ca, path, body, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    resp_free(&r);
    d = strtol(strrchr(loc, '/') + 1, NULL, 10);
    snprintf(path, sizeof path, "/declarations/%ld", d);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    href = strstr(r.body.p, "href=\"/person?");
    ck_assert_msg(href != NULL, "no reverse link to /person");
    href += 6;
    end = strchr(href, '"');
    snprintf(path, sizeof path, "%.*s", (int)(end - href), href);
    resp_free(&r);
    ck_assert_msg(strstr(path, "phone=13811112222") != NULL, "link %s", path);
    /* &amp; in the page is & in the URL */
    {
        char clean[512], *o = clean;
        for (const char *p = path; *p; ) {
            if (strncmp(p, "&amp;", 5) == 0) { *o++ = '&'; p += 5; } else *o++ = *p++;
        }
        *o = '\0';
        ck_assert_int_eq(http_get(&ca, clean, &r), 200);
    }
    ck_assert(has(&r, "value=\"13811112222\""));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s' AND phone = '13933334444'",
                              id), 1);

    /* 零星基数调整: its reverse is the same page with the old wage */
    snprintf(body, sizeof body, "id_no=%s&from_month=2022-10&wage=9000", id);
    ck_assert_int_eq(post_form(&ca, "/wages/adjust", body, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    resp_free(&r);
    snprintf(path, sizeof path, "%s", loc);
    ck_assert_int_eq(http_get(&ca, strstr(path, "/declarations/"), &r), 200);
    snprintf(body, sizeof body, "href=\"/wages/adjust?id_no=%s&amp;from_month=2022-10&amp;wage=8000.00\"", id);
    ck_assert_msg(has(&r, body), "no %s", body);
    resp_free(&r);
    snprintf(path, sizeof path, "/wages/adjust?id_no=%s&from_month=2022-10&wage=8000.00", id);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    ck_assert(has(&r, "value=\"8000.00\"") && has(&r, "value=\"2022-10\" selected"));
    resp_free(&r);
}
END_TEST

/* spec §7b: every declaration names the account that acted — here the unit's 管理员,
   whose session made them all (none without an account) */
START_TEST(every_declaration_records_the_acting_account)
{
    long admin = sql_long("SELECT a.id FROM accounts a JOIN units u ON u.id = a.unit_id"
                          " WHERE u.unit_no = '%s' AND a.login = ''", unit_a);
    const char *q = "SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                    " WHERE u.unit_no = '%s' AND d.type IN ('撤销增员', '撤销减员')%s";
    char sql[400];
    ck_assert(admin > 0);
    snprintf(sql, sizeof sql, q, unit_a, "");
    ck_assert(sql_long("%s", sql) > 0);
    snprintf(sql, sizeof sql, q, unit_a, " AND (d.account_id IS NULL OR d.account_id <> %ld)");
    ck_assert_int_eq(sql_long(sql, admin), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("undo");
    TCase *t = tcase_create("undo");

    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, undo_enrol_of_this_period);
    tcase_add_test(t, earlier_enrol_offers_stop_or_backpay_delete);
    tcase_add_test(t, undo_stop_of_this_period);
    tcase_add_test(t, reverse_of_changes_is_prefilled);
    tcase_add_test(t, every_declaration_records_the_acting_account);
    suite_add_tcase(s, t);
    return it_run(s);
}
