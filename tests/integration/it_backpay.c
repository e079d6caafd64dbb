/*
 * Integration: 网上经办——补缴删除 (/backpay) — spec §7a, issue 11 item 1,
 * over HTTP against the real stack: the deck's example end to end (another
 * unit may enrol the person from September only after the deletion), a
 * partial deletion moving the start, every refusal writing nothing (earlier
 * period, a run not starting at the earliest month, another unit's person,
 * the window, the ID, missing months), the listing, the menu, and the kept
 * counts and totals following each deletion.
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
    make_unit_logged_in(unit_a, sizeof unit_a, "企业", "补缴删除测试甲", &ua, &ca);
    make_unit_logged_in(unit_b, sizeof unit_b, "企业", "补缴删除测试乙", &ub, &cb);
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

/* Everything a deletion may write for one ID: declarations, enrolments and
 * their start months, contributions (equal before and after = nothing written). */
static long written(const char *id)
{
    return sql_long("SELECT (SELECT COUNT(*) FROM declarations WHERE id_no = '%s') * 100000000"
                    " + (SELECT COUNT(*) * 1000000 + COALESCE(SUM(PERIOD_DIFF(DATE_FORMAT(start_month, '%%Y%%m'), 202001)), 0)"
                    "    FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.id_no = '%s')"
                    " + (SELECT COUNT(*) FROM contributions WHERE id_no = '%s')", id, id, id);
}

static long post_form(struct client *c, const char *path, const char *body, struct resp *r)
{
    return http_post_form(c, path, body, r);
}

/* 增员 of id into the client's unit from `start`, wage 6000; 303 or 200. */
static long enrol(struct client *c, const char *id, const char *start, struct resp *r)
{
    char body[256], *name = urlenc("补缴人员");
    long st;
    snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13800000000&wage=6000&start_month=%s",
             id, name, start);
    free(name);
    st = post_form(c, "/enroll", body, r);
    return st;
}

static void enrol_ok(struct client *c, const char *id, const char *start)
{
    struct resp r;
    ck_assert_int_eq(enrol(c, id, start, &r), 303);
    resp_free(&r);
}

static long post_delete(struct client *c, const char *id, const char *from, const char *to,
                        struct resp *r)
{
    char body[256];
    snprintf(body, sizeof body, "id_no=%s&from=%s&to=%s", id, from, to);
    return post_form(c, "/backpay", body, r);
}

static void expect_refused(struct client *c, const char *id, const char *from, const char *to,
                           enum msg_id m)
{
    struct resp r;
    char text[MSG_TEXT_MAX];
    long before = written(id);

    ck_assert_int_eq(post_delete(c, id, from, to, &r), 200);
    ck_assert_msg(has(&r, "msg fail"), "%s %s..%s: no failure", id, from, to);
    if (m == MSG_WINDOW_CLOSED)
        msg_window_closed(NULL, text, sizeof text);
    else
        snprintf(text, sizeof text, "%s", msg_text(m));
    ck_assert_msg(has(&r, text), "%s %s..%s: expected %s", id, from, to, msg_name(m));
    resp_free(&r);
    ck_assert_int_eq(written(id), before);
}

/* A deletion that must succeed: 303 to its declaration, which says so. */
static void expect_deleted(struct client *c, const char *id, const char *from, const char *to)
{
    struct resp p, r;
    char text[MSG_TEXT_MAX];

    ck_assert_int_eq(post_delete(c, id, from, to, &p), 303);
    ck_assert_int_eq(http_follow(c, &p, &r), 200);
    resp_free(&p);
    msg_format(text, sizeof text, MSG_BACKPAY_DELETE_RESULT, from, to);
    ck_assert_msg(has(&r, "msg ok") && has(&r, text), "%s: no %s", id, text);
    ck_assert(has(&r, "补缴删除") && has(&r, "删除的补缴记录"));
    resp_free(&r);
}

static long months_of(const char *id, long unit)
{
    return sql_long("SELECT COUNT(DISTINCT month) FROM contributions WHERE id_no = '%s'"
                    " AND unit_id = %ld", id, unit);
}

/* ---- the deck's example ------------------------------------------------------------ */

START_TEST(deck_example_deleted_september_frees_the_person_for_another_unit)
{
    char id[19];
    struct resp r;

    make_id(id, 1990, 3, 8, 1);
    set_today("2022-09-20");
    enrol_ok(&ca, id, "2022-09");                 /* C = 2022-10: September back-paid */
    ck_assert_int_eq(months_of(id, ua), 1);
    set_today("2022-09-21");
    {
        char body[256], *reason = urlenc("离职");
        snprintf(body, sizeof body, "id_no=%s&end_date=2022-09-30&reason=%s", id, reason);
        free(reason);
        ck_assert_int_eq(post_form(&ca, "/stop", body, &r), 303);
        resp_free(&r);
    }
    /* before the deletion another unit cannot enrol the person from September */
    ck_assert_int_eq(enrol(&cb, id, "2022-09", &r), 200);
    ck_assert(has(&r, msg_text(MSG_ENROLL_INSURED_ELSEWHERE)));
    resp_free(&r);

    set_today("2022-09-22");
    expect_deleted(&ca, id, "2022-09", "2022-09");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s'", id), 0);
    ck_assert_int_eq(mismatches(), 0);

    /* now unit B enrols from September and back-pays September */
    enrol_ok(&cb, id, "2022-09");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND unit_id = %ld AND month = '2022-09-01' AND payment_type = '补缴'",
                              id, ub), 6);
    ck_assert_int_eq(mismatches(), 0);
}
END_TEST

/* ---- a partial deletion and the listing ------------------------------------------- */

START_TEST(partial_run_moves_the_start_and_the_figures_follow)
{
    char id[19], other[19], start[16];
    struct resp r;

    make_id(id, 1991, 4, 9, 0);
    make_id(other, 1992, 5, 10, 1);
    set_today("2022-09-20");
    enrol_ok(&ca, id, "2022-07");                 /* 2022-07, 08, 09 back-paid */
    ck_assert_int_eq(months_of(id, ua), 3);

    ck_assert_int_eq(http_get(&ca, "/backpay", &r), 200);
    ck_assert(has(&r, id) && has(&r, "2022-07") && has(&r, "2022-09") && has(&r, "补缴删除"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&cb, "/backpay", &r), 200);       /* another unit's list */
    ck_assert(!has(&r, id));
    resp_free(&r);

    expect_refused(&ca, id, "2022-08", "2022-09", MSG_BACKPAY_DELETE_NOT_FIRST);
    expect_refused(&ca, id, "2022-09", "2022-07", MSG_BACKPAY_DELETE_NONE);
    expect_refused(&ca, id, "2022-01", "2022-02", MSG_BACKPAY_DELETE_NONE);
    expect_refused(&cb, id, "2022-07", "2022-07", MSG_PERSON_NOT_OF_UNIT);   /* another unit's person */
    expect_refused(&ca, other, "2022-07", "2022-07", MSG_PERSON_NOT_OF_UNIT); /* nobody's */
    {
        char bad[19];
        memcpy(bad, other, sizeof bad);
        bad[17] = other[17] == '0' ? '1' : '0';   /* the wrong check character */
        expect_refused(&ca, bad, "2022-07", "2022-07", MSG_ID_INVALID);
    }

    ck_assert_int_eq(http_get(&ca, "/query/payments?month=2022-07&type=310", &r), 200);
    ck_assert(!has(&r, msg_text(MSG_PAYMENTS_NONE)));
    resp_free(&r);
    expect_deleted(&ca, id, "2022-07", "2022-08");
    ck_assert_int_eq(months_of(id, ua), 1);
    sql_str(start, sizeof start, "SELECT DISTINCT DATE_FORMAT(start_month, '%%Y-%%m') FROM enrolments e"
            " JOIN persons p ON p.id = e.person_id WHERE p.id_no = '%s'", id);
    ck_assert_str_eq(start, "2022-09");
    ck_assert_int_eq(mismatches(), 0);
    /* 单位缴费明细查询 follows: July has nothing left */
    ck_assert_int_eq(http_get(&ca, "/query/payments?month=2022-07&type=310", &r), 200);
    ck_assert(has(&r, msg_text(MSG_PAYMENTS_NONE)));
    resp_free(&r);

    /* the rest (active enrolment): start moves to C, the enrolment stays */
    expect_deleted(&ca, id, "2022-09", "2022-09");
    ck_assert_int_eq(months_of(id, ua), 0);
    sql_str(start, sizeof start, "SELECT DISTINCT DATE_FORMAT(start_month, '%%Y-%%m') FROM enrolments e"
            " JOIN persons p ON p.id = e.person_id WHERE p.id_no = '%s'", id);
    ck_assert_str_eq(start, "2022-10");
    ck_assert_int_eq(mismatches(), 0);
    expect_refused(&ca, id, "2022-09", "2022-09", MSG_BACKPAY_DELETE_NONE);  /* nothing left */
}
END_TEST

/* ---- earlier periods, the window, missing fields ---------------------------------- */

START_TEST(earlier_period_window_and_fields_are_refused)
{
    char id[19];
    struct resp r;

    make_id(id, 1989, 6, 11, 1);
    set_today("2022-08-20");                      /* C = 2022-09: 07, 08 back-paid */
    enrol_ok(&ca, id, "2022-07");
    set_today("2022-09-20");                      /* C = 2022-10: those were collected */
    expect_refused(&ca, id, "2022-07", "2022-07", MSG_BACKPAY_DELETE_EARLIER);
    ck_assert_int_eq(http_get(&ca, "/backpay", &r), 200);
    ck_assert(!has(&r, id));
    resp_free(&r);

    set_today("2022-10-08");                      /* the settlement period */
    expect_refused(&ca, id, "2022-07", "2022-07", MSG_WINDOW_CLOSED);
    set_today("2022-09-20");

    ck_assert_int_eq(post_form(&ca, "/backpay", "id_no=&from=2022-13&to=", &r), 200);
    ck_assert(has(&r, "请填写证件号码。") && has(&r, "删除起始月份格式不正确。")
              && has(&r, "请填写删除终止月份。"));
    resp_free(&r);
    /* the menu offers the page under 网上经办 */
    ck_assert_int_eq(http_get(&ca, "/", &r), 200);
    ck_assert(has(&r, "href=\"/backpay\"") && has(&r, "href=\"/backpay/add\""));
    resp_free(&r);
}
END_TEST

/* ---- 单独补缴 ------------------------------------------------------------------------ */

static long post_add(struct client *c, const char *id, const char *start, const char *wage,
                     struct resp *r)
{
    char body[256];
    snprintf(body, sizeof body, "id_no=%s&start_month=%s&wage=%s", id, start, wage);
    return post_form(c, "/backpay/add", body, r);
}

static void expect_add_refused(struct client *c, const char *id, const char *start, enum msg_id m)
{
    struct resp r;
    long before = written(id);

    ck_assert_int_eq(post_add(c, id, start, "6000", &r), 200);
    ck_assert_msg(has(&r, "msg fail") && has(&r, msg_text(m)), "%s %s: expected %s", id, start,
                  msg_name(m));
    resp_free(&r);
    ck_assert_int_eq(written(id), before);
}

static void start_is(const char *id, long unit, const char *want)
{
    char start[16];
    sql_str(start, sizeof start, "SELECT GROUP_CONCAT(DISTINCT DATE_FORMAT(start_month, '%%Y-%%m'))"
            " FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.id_no = '%s'"
            " AND e.unit_id = %ld", id, unit);
    ck_assert_str_eq(start, want);
}

START_TEST(backpay_add_assesses_earlier_months_and_moves_the_start)
{
    char id[19], q[19], row[256], text[MSG_TEXT_MAX];
    struct resp p, r;

    make_id(id, 1993, 7, 12, 1);
    make_id(q, 1994, 8, 13, 0);
    set_today("2022-09-20");                      /* C = 2022-10 */
    enrol_ok(&ca, id, "2022-09");
    ck_assert_int_eq(post_add(&ca, id, "2022-06", "6000", &p), 303);
    ck_assert_int_eq(http_follow(&ca, &p, &r), 200);
    resp_free(&p);
    msg_format(text, sizeof text, MSG_BACKPAY_ADD_RESULT, "2022-06", "2022-08");
    ck_assert_msg(has(&r, "msg ok") && has(&r, text) && has(&r, "职工补缴核定"), "no %s", text);
    resp_free(&r);
    ck_assert_int_eq(months_of(id, ua), 4);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND payment_type = '补缴' AND wage_fen = 600000", id), 24);
    start_is(id, ua, "2022-06");
    ck_assert_int_eq(mismatches(), 0);

    expect_add_refused(&ca, id, "2022-06", MSG_BACKPAY_ADD_NONE);   /* nothing before the start left */
    expect_add_refused(&ca, id, "2022-03", MSG_ENROLL_TOO_EARLY);
    expect_add_refused(&cb, id, "2022-05", MSG_STOP_NOT_INSURED);  /* another unit's person */
    ck_assert_int_eq(post_add(&ca, id, "2022-05", "abc", &r), 200);
    ck_assert(has(&r, msg_text(MSG_WAGE_INVALID)));
    resp_free(&r);

    /* another unit's enrolment insured in July refuses the whole request */
    snprintf(row, sizeof row, "%s,补缴人员,%s,在职,2022-01,6000.00,13800000000\n", q, unit_b);
    ck_assert_int_eq(import_persons(row, NULL), 0);
    sql("UPDATE enrolments e JOIN persons p ON p.id = e.person_id SET e.end_date = '2022-07-31',"
        " e.status = '暂停缴费' WHERE p.id_no = '%s'", q);
    admin("recount");
    enrol_ok(&ca, q, "2022-09");
    expect_add_refused(&ca, q, "2022-07", MSG_ENROLL_INSURED_ELSEWHERE);
    ck_assert_int_eq(post_add(&ca, q, "2022-08", "30000", &p), 303);
    resp_free(&p);
    start_is(q, ua, "2022-08");
    /* 30000 clamped to 2022's upper limit 21821 in August */
    ck_assert_int_eq(sql_long("SELECT base_fen FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-08-01' AND type_code = '310'", q), 2182100);
    ck_assert_int_eq(mismatches(), 0);
}
END_TEST

/* spec §7b: every declaration names the account that acted — here the unit's 管理员,
   whose session made them all (none without an account) */
START_TEST(every_declaration_records_the_acting_account)
{
    long admin = sql_long("SELECT a.id FROM accounts a JOIN units u ON u.id = a.unit_id"
                          " WHERE u.unit_no = '%s' AND a.login = ''", unit_a);
    const char *q = "SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                    " WHERE u.unit_no = '%s' AND d.type IN ('补缴删除', '职工补缴核定')%s";
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
    Suite *s = suite_create("backpay");
    TCase *t = tcase_create("backpay");

    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, deck_example_deleted_september_frees_the_person_for_another_unit);
    tcase_add_test(t, partial_run_moves_the_start_and_the_figures_follow);
    tcase_add_test(t, earlier_period_window_and_fields_are_refused);
    tcase_add_test(t, backpay_add_assesses_earlier_months_and_moves_the_start);
    tcase_add_test(t, every_declaration_records_the_acting_account);
    suite_add_tcase(s, t);
    return it_run(s);
}
