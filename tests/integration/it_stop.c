/*
 * Integration: 网上经办——参保人员减员申报 (/stop) — spec §6, issue 4 items 1
 * and 5, over HTTP against the real stack: every message in the spec's order,
 * the end-date choices across month and year boundaries, nothing written on
 * any failure, the deck's example, a 公务员 with seven types, the
 * declaration row, and re-enrolment after a stop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"

static char unit_a[40], unit_b[40], unit_g[40];
static long unit_a_id, unit_g_id;
static struct client ca, cb, cg;   /* logged in as unit_a, unit_b, unit_g */

static long unit_id(const char *no)
{
    return sql_long("SELECT id FROM units WHERE unit_no = '%s'", no);
}

static void setup(void)
{
    set_today("2022-09-20");
    make_unit(unit_a, sizeof unit_a, "企业", "减员测试公司甲");
    make_unit(unit_b, sizeof unit_b, "企业", "减员测试公司乙");
    make_unit(unit_g, sizeof unit_g, "机关", "减员测试机关");
    unit_a_id = unit_id(unit_a);
    unit_g_id = unit_id(unit_g);
    client_init(&ca);
    client_init(&cb);
    client_init(&cg);
    if (!login(&ca, unit_a, PW) || !login(&cb, unit_b, PW) || !login(&cg, unit_g, PW)) {
        fprintf(stderr, "it_stop: login failed\n");
        exit(1);
    }
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    client_free(&cg);
    set_today("");
}

/* One legacy person: 状态 and 参保开始年月 as given, wage 8000. */
static void person(const char *id, const char *name, const char *unit, const char *status,
                   const char *start)
{
    char row[512];
    snprintf(row, sizeof row, "%s,%s,%s,%s,%s,8000.00,13800000000\n", id, name, unit, status, start);
    ck_assert_int_eq(import_persons(row, NULL), 0);
}

/* An insured employee of `unit` since 2022-06, with a fresh ID. */
static void employee(char id[19], const char *unit)
{
    make_id(id, 1990, 5, 17, 1);
    person(id, "减员员工", unit, "在职", "2022-06");
}

/* POSTs a stop; reason NULL = none sent. Returns the status. */
static long post_stop(struct client *c, const char *id, const char *end, const char *reason,
                      struct resp *r)
{
    struct buf b = {0};
    struct resp g;
    char *e;
    long st;

    http_get(c, "/stop", &g);    /* the form (and a fresh csrf token) */
    resp_free(&g);
    if (id) {
        e = urlenc(id);
        buf_printf(&b, "id_no=%s", e);
        free(e);
    }
    if (end)
        buf_printf(&b, "%send_date=%s", b.len ? "&" : "", end);
    if (reason) {
        e = urlenc(reason);
        buf_printf(&b, "%sreason=%s", b.len ? "&" : "", e);
        free(e);
    }
    st = http_post(c, "/stop", b.p ? b.p : "", 1, r);
    buf_free(&b);
    return st;
}

/* What a stop may write, for one ID and unit: declarations, ended enrolments,
 * contributions (a fingerprint: equal before and after = nothing written). */
static long written(const char *id)
{
    return sql_long("SELECT (SELECT COUNT(*) FROM declarations WHERE id_no = '%s') * 1000000"
                    " + (SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                    "    WHERE p.id_no = '%s' AND (e.end_date IS NOT NULL OR e.status <> '参保缴费'"
                    "    OR e.stop_reason IS NOT NULL)) * 1000"
                    " + (SELECT COUNT(*) FROM contributions WHERE id_no = '%s')", id, id, id);
}

/* Posts a stop that must fail with message `m` and write nothing. */
static void expect_refused(struct client *c, const char *id, const char *end, const char *reason,
                           enum msg_id m)
{
    struct resp r;
    long before = written(id);
    ck_assert_int_eq(post_stop(c, id, end, reason, &r), 200);
    ck_assert_msg(has(&r, "msg fail"), "%s %s: no failure message", id, end);
    if (m == MSG_WINDOW_CLOSED) {
        char text[MSG_TEXT_MAX];
        msg_window_closed(NULL, text, sizeof text);
        ck_assert_msg(has(&r, text), "%s: expected %s", id, msg_name(m));
    } else {
        const char *got = r.body.p ? strstr(r.body.p, "class=\"msg") : NULL;
        ck_assert_msg(has(&r, msg_text(m)), "%s %s: expected %s, got %.200s", id, end,
                      msg_name(m), got ? got : "(none)");
    }
    /* issue 17: the title says so, and the field a refusal is about is marked and focused */
    ck_assert(has(&r, "<title>处理失败 - "));
    if (m == MSG_ID_INVALID || m == MSG_STOP_NO_BASE || m == MSG_STOP_RETIREE ||
        m == MSG_STOP_NOT_INSURED)
        ck_assert_msg(has(&r, "aria-invalid=\"true\" aria-describedby=\"err-id_no\" autofocus")
                      && has(&r, "id=\"err-id_no\""), "%s: 证件号码 not marked", msg_name(m));
    if (m == MSG_STOP_END_DATE)
        ck_assert_msg(has(&r, "aria-describedby=\"err-end_date\" autofocus"),
                      "%s: 减员时间 not marked", msg_name(m));
    resp_free(&r);
    ck_assert_int_eq(written(id), before);
}

/* A stop that must succeed: a 303 to /declarations/ID, whose page shows the
 * result message (with its date and reason) as msg ok. */
static void expect_ok(struct client *c, const char *id, const char *end, const char *reason)
{
    struct resp p, r;
    char text[MSG_TEXT_MAX];
    ck_assert_int_eq(post_stop(c, id, end, reason, &p), 303);
    ck_assert_int_eq(http_follow(c, &p, &r), 200);
    resp_free(&p);
    ck_assert_msg(has(&r, "msg ok"), "%s %s: not stopped", id, end);
    msg_format(text, sizeof text, MSG_STOP_RESULT, end, reason);
    ck_assert_msg(has(&r, text), "%s %s: no %s", id, end, text);
    resp_free(&r);
}

/* ---- the form ------------------------------------------------------------------ */

START_TEST(form_offers_exactly_the_two_valid_end_dates)
{
    static const struct { const char *today, *prev, *cur, *not1, *not2; } cases[] = {
        {"2022-12-20", "2022-12-31", "2023-01-31", "2022-11-30", "2023-02-28"},  /* C = 2023-01 */
        {"2023-01-05", "2022-12-31", "2023-01-31", "2022-11-30", "2023-02-28"},  /* C = 2023-01 */
        {"2022-09-20", "2022-09-30", "2022-10-31", "2022-08-31", "2022-11-30"},  /* C = 2022-10 */
        {"2024-02-15", "2024-02-29", "2024-03-31", "2024-01-31", "2024-04-30"},  /* leap year */
    };
    struct resp r;
    char v[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_today(cases[i].today);
        ck_assert_int_eq(http_get(&ca, "/stop", &r), 200);
        snprintf(v, sizeof v, "value=\"%s\"", cases[i].prev);
        ck_assert_msg(has(&r, v), "%s: %s missing", cases[i].today, cases[i].prev);
        snprintf(v, sizeof v, "value=\"%s\"", cases[i].cur);
        ck_assert_msg(has(&r, v), "%s: %s missing", cases[i].today, cases[i].cur);
        snprintf(v, sizeof v, "value=\"%s\"", cases[i].not1);
        ck_assert(!has(&r, v));
        snprintf(v, sizeof v, "value=\"%s\"", cases[i].not2);
        ck_assert(!has(&r, v));
        ck_assert(has(&r, "type=\"radio\" name=\"end_date\""));
        ck_assert(has(&r, "value=\"离职\"") && has(&r, "value=\"调出\"") &&
                  has(&r, "value=\"死亡\"") && has(&r, "value=\"其他\""));
        snprintf(v, sizeof v, "%s 09:00:00", cases[i].today);   /* 变更时间 = now */
        ck_assert_msg(has(&r, v), "%s: 变更时间 missing", cases[i].today);
        ck_assert(has(&r, "name=\"csrf\""));
        resp_free(&r);
    }
    set_today("2022-09-20");
}
END_TEST

START_TEST(form_says_when_the_window_is_closed)
{
    struct resp r;
    char text[MSG_TEXT_MAX];
    set_today("2022-10-08");
    ck_assert_int_eq(http_get(&ca, "/stop", &r), 200);
    /* issue 13 item 5: the next opening date, no 处理失败 before a submit, the
     * submit disabled */
    msg_format(text, sizeof text, MSG_WINDOW_NEXT, "2022-10-11 00:00");
    ck_assert_msg(has(&r, text), "no notice with the next opening date");
    msg_window_closed(NULL, text, sizeof text);
    ck_assert(!has(&r, text));
    ck_assert(has(&r, "btn-primary\" disabled>"));
    resp_free(&r);
    set_today("2022-09-20");
}
END_TEST

/* ---- the rules, in the spec's order ----------------------------------------- */

START_TEST(outside_the_window_is_refused_first)
{
    char id[19];
    employee(id, unit_a);
    /* day 6 from 17:00 and days 7-10: even a bad end date gets the window message */
    set_today("2022-10-06 17:00");
    expect_refused(&ca, id, "2022-09-30", "离职", MSG_WINDOW_CLOSED);
    set_today("2022-10-08");
    expect_refused(&ca, id, "2000-01-01", "离职", MSG_WINDOW_CLOSED);
    set_today("2022-10-10 23:59");
    expect_refused(&ca, "123", "2022-10-31", "离职", MSG_WINDOW_CLOSED);
    /* 16:59 on the 6th is still open: C = 2022-10 */
    set_today("2022-10-06 16:59");
    expect_ok(&ca, id, "2022-10-31", "离职");
    set_today("2022-09-20");
}
END_TEST

START_TEST(bad_id_is_refused)
{
    char id[19], bad[19];
    employee(id, unit_a);
    memcpy(bad, id, 19);
    bad[17] = bad[17] == '0' ? '1' : '0';       /* wrong check character */
    expect_refused(&ca, bad, "2022-09-30", "离职", MSG_ID_INVALID);
    expect_refused(&ca, "32050119900101", "2022-09-30", "离职", MSG_ID_INVALID);
    expect_refused(&ca, "abcdefghijklmnopqr", "2022-09-30", "离职", MSG_ID_INVALID);
    /* the ID comes before the end date */
    expect_refused(&ca, bad, "2022-08-31", "离职", MSG_ID_INVALID);
}
END_TEST

START_TEST(end_date_must_be_last_day_of_previous_or_current_month)
{
    char id[19];
    employee(id, unit_a);
    set_today("2022-12-20");                    /* C = 2023-01 */
    expect_refused(&ca, id, "2022-11-30", "离职", MSG_STOP_END_DATE);
    expect_refused(&ca, id, "2022-12-30", "离职", MSG_STOP_END_DATE);
    expect_refused(&ca, id, "2023-01-30", "离职", MSG_STOP_END_DATE);
    expect_refused(&ca, id, "2023-02-28", "离职", MSG_STOP_END_DATE);
    expect_refused(&ca, id, "2023-13-01", "离职", MSG_STOP_END_DATE);   /* not a date */
    expect_refused(&ca, id, "yesterday", "离职", MSG_STOP_END_DATE);
    /* the end date comes before the base record */
    {
        char unknown[19];
        make_id(unknown, 1987, 7, 7, 0);
        expect_refused(&ca, unknown, "2022-11-30", "离职", MSG_STOP_END_DATE);
    }
    set_today("2023-01-05");                    /* still C = 2023-01 */
    expect_refused(&ca, id, "2022-11-30", "离职", MSG_STOP_END_DATE);
    expect_refused(&ca, id, "2023-02-28", "离职", MSG_STOP_END_DATE);
    set_today("2022-09-20");
}
END_TEST

START_TEST(end_date_edges_across_the_year)
{
    char a[19], b[19], c[19];
    employee(a, unit_a);
    employee(b, unit_a);
    employee(c, unit_a);
    set_today("2022-12-20");                    /* C = 2023-01: 2022-12-31 or 2023-01-31 */
    expect_ok(&ca, a, "2022-12-31", "离职");
    expect_ok(&ca, b, "2023-01-31", "调出");
    set_today("2023-01-05");                    /* C = 2023-01 still */
    expect_ok(&ca, c, "2022-12-31", "其他");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date = '2022-12-31'"
                              " AND e.status = '暂停缴费' AND e.stop_reason = '离职'", a), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date = '2023-01-31'"
                              " AND e.stop_reason = '调出'", b), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no = '%s'"
                              " AND period = '2023-01-01'", c), 1);
    set_today("2022-09-20");
}
END_TEST

START_TEST(no_base_record_is_refused)
{
    char id[19];
    make_id(id, 1988, 3, 3, 0);                 /* valid, never imported */
    expect_refused(&ca, id, "2022-09-30", "离职", MSG_STOP_NO_BASE);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", id), 0);
}
END_TEST

START_TEST(several_base_records_are_refused)
{
    char id[19];
    employee(id, unit_a);
    person(id, "重复人员", unit_a, "在职", "2022-06");      /* the same ID again */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", id), 2);
    expect_refused(&ca, id, "2022-09-30", "离职", MSG_DUPLICATE_BASE);
}
END_TEST

START_TEST(retiree_is_refused)
{
    char id[19];
    make_id(id, 1955, 4, 4, 1);
    person(id, "退休人员", unit_a, "退休", "2015-05");
    expect_refused(&ca, id, "2022-09-30", "离职", MSG_STOP_RETIREE);
    expect_refused(&ca, id, "2022-10-31", "死亡", MSG_STOP_RETIREE);
}
END_TEST

START_TEST(not_normally_insured_here_is_refused)
{
    char other[19], none[19], later[19];
    /* insured in another unit */
    employee(other, unit_b);
    expect_refused(&ca, other, "2022-09-30", "离职", MSG_STOP_NOT_INSURED);
    /* a base record without any enrolment */
    make_id(none, 1991, 1, 1, 0);
    person(none, "未参保人员", "", "未参保", "");
    expect_refused(&ca, none, "2022-09-30", "离职", MSG_STOP_NOT_INSURED);
    /* enrolled only from month C: not insured on the last day of C-1 */
    make_id(later, 1992, 2, 2, 1);
    person(later, "本月参保", unit_a, "在职", "2022-10");
    expect_refused(&ca, later, "2022-09-30", "离职", MSG_STOP_NOT_INSURED);
    expect_ok(&ca, later, "2022-10-31", "离职");
    /* the other unit can stop its own employee */
    expect_ok(&cb, other, "2022-09-30", "离职");
}
END_TEST

START_TEST(already_stopped_is_not_normally_insured)
{
    char id[19];
    employee(id, unit_a);
    expect_ok(&ca, id, "2022-10-31", "离职");
    /* the same or a later end date: nothing left to stop */
    expect_refused(&ca, id, "2022-10-31", "离职", MSG_STOP_NOT_INSURED);
    /* an earlier one corrects the stop (no undo button: the reverse operation) */
    expect_ok(&ca, id, "2022-09-30", "其他");
    expect_refused(&ca, id, "2022-09-30", "其他", MSG_STOP_NOT_INSURED);
    expect_refused(&ca, id, "2022-10-31", "其他", MSG_STOP_NOT_INSURED);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date = '2022-09-30'"
                              " AND e.stop_reason = '其他'", id), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no = '%s'"
                              " AND type = '参保人员减员申报'", id), 2);
}
END_TEST

START_TEST(missing_or_unknown_fields_get_field_messages)
{
    char id[19], text[256];
    struct resp r;
    long before;
    employee(id, unit_a);
    before = written(id);
    ck_assert_int_eq(post_stop(&ca, id, "2022-09-30", "辞退", &r), 200);
    msg_format(text, sizeof text, MSG_FIELD_INVALID, "减员原因");
    ck_assert(has(&r, text));
    ck_assert(has(&r, "field-error"));
    resp_free(&r);
    ck_assert_int_eq(post_stop(&ca, id, "2022-09-30", NULL, &r), 200);
    msg_format(text, sizeof text, MSG_FIELD_REQUIRED, "减员原因");
    ck_assert(has(&r, text));
    resp_free(&r);
    ck_assert_int_eq(post_stop(&ca, NULL, "2022-09-30", "离职", &r), 200);
    msg_format(text, sizeof text, MSG_FIELD_REQUIRED, "证件号码");
    ck_assert(has(&r, text));
    resp_free(&r);
    ck_assert_int_eq(post_stop(&ca, id, NULL, "离职", &r), 200);
    msg_format(text, sizeof text, MSG_FIELD_REQUIRED, "减员时间");
    ck_assert(has(&r, text));
    resp_free(&r);
    ck_assert_int_eq(written(id), before);
    /* an undeclared parameter is the runtime's 400; no CSRF token is 403 */
    ck_assert_int_eq(http_post(&ca, "/stop", "id_no=1&end_date=2022-09-30&reason=x&unit_id=1", 1, &r), 400);
    resp_free(&r);
    ck_assert_int_eq(http_post(&ca, "/stop", "id_no=1&end_date=2022-09-30&reason=x", 0, &r), 403);
    resp_free(&r);
    ck_assert_int_eq(written(id), before);
}
END_TEST

/* ---- success ------------------------------------------------------------------ */

static long enrol(struct client *c, const char *id, const char *start, int civil, struct resp *r)
{
    char body[512];
    struct resp g;
    http_get(c, "/enroll", &g);
    resp_free(&g);
    /* 减员员工: employee()'s registered name, which an enrolment must repeat (spec §10) */
    snprintf(body, sizeof body, "id_no=%s&name=%%E5%%87%%8F%%E5%%91%%98%%E5%%91%%98%%E5%%B7%%A5"
             "&phone=13900000000"
             "&wage=8000.00&start_month=%s%s", id, start, civil ? "&civil_servant=1" : "");
    return http_post(c, "/enroll", body, 1, r);
}

START_TEST(deck_example_keeps_september_backpay_and_charges_no_october)
{
    char id[19];
    struct resp g, r;
    long sept;
    make_id(id, 1993, 6, 6, 0);
    /* 9.20 is in the October period; start month September is back-paid */
    set_today("2022-09-20");
    ck_assert_int_eq(enrol(&ca, id, "2022-09", 0, &g), 303);
    ck_assert_int_eq(http_follow(&ca, &g, &r), 200);
    resp_free(&g);
    ck_assert_msg(has(&r, msg_text(MSG_ENROLL_OK_BACKPAID)), "enrolment failed");
    resp_free(&r);
    sept = sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s' AND month = '2022-09-01'"
                    " AND payment_type = '补缴'", id);
    ck_assert_int_eq(sept, 6);
    /* 9.21: stopped with end 9.30 */
    set_today("2022-09-21");
    expect_ok(&ca, id, "2022-09-30", "离职");
    /* September stays (same rows, same amounts) */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-09-01' AND payment_type = '补缴'", id), sept);
    /* no enrolment of the person covers October any more: the settlement, which
     * charges by start month and end date, has nothing to charge */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.start_month <= '2022-10-01'"
                              " AND (e.end_date IS NULL OR e.end_date >= '2022-10-01')", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month >= '2022-10-01'", id), 0);
    /* when the settlement command exists, run it for October and check it */
    if (admin("settle 2022-10 >/dev/null 2>&1") == 0)
        ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                                  " AND month = '2022-10-01'", id), 0);
    set_today("2022-09-20");
}
END_TEST

START_TEST(civil_servant_stop_ends_all_seven_types)
{
    char id[19];
    make_id(id, 1980, 8, 8, 1);
    {
        char row[512];
        snprintf(row, sizeof row, "%s,公务员甲,%s,在职,2021-01,9000.00,13700000000,,,,,公务员\n",
                 id, unit_g);
        ck_assert_int_eq(import_persons(row, "参加工作时间,退休年月,居住地,生存状态,人员类别"), 0);
    }
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date IS NULL", id), 7);
    expect_ok(&cg, id, "2022-10-31", "调出");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date IS NULL", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(DISTINCT e.type_code) FROM enrolments e"
                              " JOIN persons p ON p.id = e.person_id WHERE p.id_no = '%s'"
                              " AND e.end_date = '2022-10-31' AND e.status = '暂停缴费'"
                              " AND e.stop_reason = '调出' AND e.unit_id = %ld"
                              " AND e.type_code IN ('310','330','340','510','410','350','320')",
                              id, unit_g_id), 7);
}
END_TEST

START_TEST(success_writes_one_declaration)
{
    char id[19];
    employee(id, unit_a);
    set_today("2022-09-25 10:30");
    expect_ok(&ca, id, "2022-09-30", "死亡");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no = '%s'", id), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no = '%s'"
                              " AND unit_id = %ld AND type = '参保人员减员申报'"
                              " AND period = '2022-10-01' AND name = '减员员工'"
                              " AND review_status = '已审核'"
                              " AND created_at = '2022-09-25 10:30:00'"
                              " AND result LIKE '%%2022-09-30%%死亡%%'", id, unit_a_id), 1);
    /* before: six active rows; after: the end date, status, reason and time */
    ck_assert_int_eq(sql_long("SELECT JSON_LENGTH(before_data, '$.enrolments') FROM declarations"
                              " WHERE id_no = '%s'", id), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no = '%s'"
                              " AND JSON_VALUE(before_data, '$.enrolments[0].status') = '参保缴费'"
                              " AND JSON_VALUE(after_data, '$.end_date') = '2022-09-30'"
                              " AND JSON_VALUE(after_data, '$.status') = '暂停缴费'"
                              " AND JSON_VALUE(after_data, '$.stop_reason') = '死亡'"
                              " AND JSON_VALUE(after_data, '$.changed_at') = '2022-09-25 10:30:00'", id), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.updated_at = '2022-09-25 10:30:00'", id), 6);
    set_today("2022-09-20");
}
END_TEST

START_TEST(stopped_person_can_enrol_again_here_or_elsewhere)
{
    char x[19], y[19];
    struct resp r;
    set_today("2022-09-20");                    /* C = 2022-10 */
    employee(x, unit_a);
    employee(y, unit_a);
    /* still insured: neither unit may enrol them */
    ck_assert_int_eq(enrol(&cb, x, "2022-10", 0, &r), 200);
    ck_assert(has(&r, msg_text(MSG_ENROLL_INSURED_ELSEWHERE)));
    resp_free(&r);
    expect_ok(&ca, x, "2022-09-30", "调出");
    expect_ok(&ca, y, "2022-09-30", "离职");
    /* ended before October: another unit enrols x from October */
    ck_assert_int_eq(enrol(&cb, x, "2022-10", 0, &r), 303);   /* re-enrolled elsewhere */
    resp_free(&r);
    /* and the same unit takes y back from October */
    ck_assert_int_eq(enrol(&ca, y, "2022-10", 0, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date IS NULL AND e.start_month = '2022-10-01'"
                              " AND e.unit_id = %ld", y, unit_a_id), 6);
    /* and can be stopped again */
    expect_ok(&ca, y, "2022-10-31", "离职");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", y), 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stop");
    TCase *t = tcase_create("stop");

    curl_global_init(CURL_GLOBAL_ALL);
    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, form_offers_exactly_the_two_valid_end_dates);
    tcase_add_test(t, form_says_when_the_window_is_closed);
    tcase_add_test(t, outside_the_window_is_refused_first);
    tcase_add_test(t, bad_id_is_refused);
    tcase_add_test(t, end_date_must_be_last_day_of_previous_or_current_month);
    tcase_add_test(t, end_date_edges_across_the_year);
    tcase_add_test(t, no_base_record_is_refused);
    tcase_add_test(t, several_base_records_are_refused);
    tcase_add_test(t, retiree_is_refused);
    tcase_add_test(t, not_normally_insured_here_is_refused);
    tcase_add_test(t, already_stopped_is_not_normally_insured);
    tcase_add_test(t, missing_or_unknown_fields_get_field_messages);
    tcase_add_test(t, deck_example_keeps_september_backpay_and_charges_no_october);
    tcase_add_test(t, civil_servant_stop_ends_all_seven_types);
    tcase_add_test(t, success_writes_one_declaration);
    tcase_add_test(t, stopped_person_can_enrol_again_here_or_elsewhere);
    suite_add_tcase(s, t);
    return it_run(s);
}
