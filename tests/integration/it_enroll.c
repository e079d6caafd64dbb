/*
 * Integration: 参保人员增员申报(补收) (/enroll, spec §5, issue 3 items 1, 5)
 * over HTTP against the real stack. One test per rule, named after it; every
 * failure is checked to write nothing (row counts before and after).
 * Fixtures: make_unit, import_persons (portal-admin import-persons), set_today,
 * and SQL only for states the portal cannot produce (an enrolment stopped
 * earlier, months already paid).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/rules.h"

/* ---- helpers ----------------------------------------------------------------- */

struct ctx {
    struct client c;
    char unit[40];
};

static void open_unit(struct ctx *x, const char *type, const char *name)
{
    client_init(&x->c);
    make_unit(x->unit, sizeof x->unit, type, name);
    ck_assert(login(&x->c, x->unit, PW));
}

static void close_unit(struct ctx *x)
{
    client_free(&x->c);
}

/* POSTs the form (after a GET for a fresh CSRF token); returns the status. */
static long post_enroll(struct client *c, const char *id, const char *name, const char *phone,
                        const char *wage, const char *month, int civil, struct resp *r)
{
    struct resp g;
    char *eid = urlenc(id), *ename = urlenc(name), *ephone = urlenc(phone), *ewage = urlenc(wage),
         *emonth = urlenc(month), *body;
    long st;

    ck_assert_int_eq(http_get(c, "/enroll", &g), 200);
    resp_free(&g);
    if (asprintf(&body, "id_no=%s&name=%s&phone=%s&wage=%s&start_month=%s%s", eid, ename, ephone,
                 ewage, emonth, civil ? "&civil_servant=1" : "") < 0)
        ck_abort();
    st = http_post(c, "/enroll", body, 1, r);
    free(body);
    free(eid); free(ename); free(ephone); free(ewage); free(emonth);
    return st;
}

/* Every row an enrolment could write, for one ID (and all declarations). */
static long rows_for(const char *id)
{
    return sql_long("SELECT (SELECT COUNT(*) FROM persons WHERE id_no='%s')"
                    " + (SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id WHERE p.id_no='%s')"
                    " + (SELECT COUNT(*) FROM wages w JOIN persons p ON p.id=w.person_id WHERE p.id_no='%s')"
                    " + (SELECT COUNT(*) FROM contributions WHERE id_no='%s')"
                    " + (SELECT COUNT(*) FROM declarations)"
                    " + (SELECT COUNT(*) FROM id_locks WHERE id_no='%s')", id, id, id, id, id);
}

/* Posts and expects the rule's message in a fail box and no row written. */
static void expect_fail(struct ctx *x, const char *id, const char *month, enum msg_id want)
{
    struct resp r;
    long before = rows_for(id);
    ck_assert_int_eq(post_enroll(&x->c, id, "测试人员", "13800000000", "5000.00", month, 0, &r), 200);
    ck_assert_msg(has(&r, "msg fail"), "no fail box for %s", msg_name(want));
    ck_assert_msg(has(&r, msg_text(want)), "want %s", msg_name(want));
    ck_assert_int_eq(rows_for(id), before);
    resp_free(&r);
}

/* Posts and expects success (either message): a 303 to /declarations/ID,
 * whose page (returned in *r) shows the message and the result. */
static void expect_ok(struct ctx *x, const char *id, const char *wage, const char *month,
                      int civil, enum msg_id want, struct resp *r)
{
    struct resp p;
    char location[128];
    ck_assert_int_eq(post_enroll(&x->c, id, "测试人员", "13800000000", wage, month, civil, &p), 303);
    ck_assert(resp_header(&p, "Location", location, sizeof location) == 0);
    ck_assert_msg(strncmp(location, "/declarations/", 14) == 0, "Location %s", location);
    ck_assert_int_eq(http_follow(&x->c, &p, r), 200);
    resp_free(&p);
    ck_assert_msg(has(r, "msg ok"), "no ok box");
    ck_assert_msg(has(r, msg_text(want)), "want %s", msg_name(want));
}

static void import_one(const char *id, const char *unit, const char *status, const char *start)
{
    char row[256];
    /* the name expect_fail/expect_ok type: an enrolment must repeat it (spec §10) */
    snprintf(row, sizeof row, "%s,测试人员,%s,%s,%s,%s,13900000000\n", id, unit, status, start,
             strcmp(status, "未参保") == 0 || strcmp(status, "退休") == 0 ? "" : "6000.00");
    ck_assert_int_eq(import_persons(row, NULL), 0);
}

static long contrib(const char *id, const char *month, const char *type, const char *col)
{
    return sql_long("SELECT %s FROM contributions WHERE id_no='%s' AND month='%s-01' AND type_code='%s'",
                    col, id, month, type);
}

static void setup(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
}

static void teardown(void)
{
    set_today("");
}

/* ---- the form ------------------------------------------------------------------ */

START_TEST(form_offers_c_minus_6_to_c_and_locked_types)
{
    struct ctx x;
    struct resp r;
    open_unit(&x, "企业", "表单测试公司");
    set_today("2022-08-11 09:00");
    ck_assert_int_eq(http_get(&x.c, "/enroll", &r), 200);
    ck_assert(has(&r, "<option value=\"2022-09\" selected>"));
    ck_assert(has(&r, "<option value=\"2022-03\">"));
    ck_assert(!has(&r, "value=\"2022-02\""));
    ck_assert(!has(&r, "value=\"2022-10\""));
    ck_assert(has(&r, "职工基本医疗保险"));
    ck_assert(has(&r, "职工大病医疗保险"));
    ck_assert(has(&r, "checked disabled"));
    ck_assert(!has(&r, "name=\"civil_servant\""));   /* 企业: no 公务员医疗保险 */
    ck_assert(has(&r, "2022年9月"));
    ck_assert(!has(&r, msg_text(MSG_WINDOW_CLOSED)));
    resp_free(&r);
    close_unit(&x);
}
END_TEST

START_TEST(form_offers_civil_servant_to_public_units)
{
    struct ctx x;
    struct resp r;
    open_unit(&x, "机关", "表单测试机关");
    set_today("2022-08-11 09:00");
    ck_assert_int_eq(http_get(&x.c, "/enroll", &r), 200);
    ck_assert(has(&r, "name=\"civil_servant\""));
    ck_assert(has(&r, "公务员医疗保险"));
    resp_free(&r);
    close_unit(&x);
}
END_TEST

/* ---- §5 rules, in order ---------------------------------------------------------- */

START_TEST(window_closed_from_day_6_1700)
{
    struct ctx x;
    struct resp r;
    char id[19], text[MSG_TEXT_MAX];
    open_unit(&x, "企业", "申报期测试公司");
    make_id(id, 1990, 5, 5, 1);
    set_today("2022-09-06 17:00");
    ck_assert_int_eq(http_get(&x.c, "/enroll", &r), 200);
    /* issue 13 item 5: a notice with the next opening date, no 处理失败 before
     * anything was submitted, the submit disabled (the POST is refused below) */
    ck_assert(!has(&r, msg_text(MSG_WINDOW_CLOSED)));
    ck_assert(!has(&r, "msg fail"));
    msg_format(text, sizeof text, MSG_WINDOW_NEXT, "2022-09-11 00:00");
    ck_assert_msg(has(&r, text), "no notice with the next opening date");
    ck_assert(has(&r, "name=\"id_no\""));
    ck_assert(has(&r, "btn-primary\" disabled>"));
    resp_free(&r);
    expect_fail(&x, id, "2022-09", MSG_WINDOW_CLOSED);
    set_today("2022-09-08 10:00");
    expect_fail(&x, id, "2022-09", MSG_WINDOW_CLOSED);
    /* the window wins over every other rule */
    expect_fail(&x, "320505198503152420", "2021-01", MSG_WINDOW_CLOSED);
    close_unit(&x);
}
END_TEST

START_TEST(window_open_until_day_6_1659)
{
    struct ctx x;
    struct resp r;
    char id[19];
    open_unit(&x, "企业", "申报期末测试公司");
    make_id(id, 1990, 5, 6, 0);
    set_today("2022-09-06 16:59");
    expect_ok(&x, id, "5000.00", "2022-09", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    resp_free(&r);
    close_unit(&x);
}
END_TEST

START_TEST(id_checksum_invalid)
{
    struct ctx x;
    char id[19], future[19] = "32050520300101242";
    open_unit(&x, "企业", "证件测试公司");
    future[17] = id_check_char(future);
    future[18] = '\0';
    set_today("2022-08-11 09:00");
    make_id(id, 1990, 5, 7, 1);
    id[17] = id[17] == '0' ? '1' : '0';
    expect_fail(&x, id, "2022-09", MSG_ID_INVALID);
    expect_fail(&x, "32050519850315", "2022-09", MSG_ID_INVALID);
    expect_fail(&x, "abcdefghijklmnopqr", "2022-09", MSG_ID_INVALID);
    expect_fail(&x, future, "2022-09", MSG_ID_INVALID);   /* valid checksum, born in 2030 */
    close_unit(&x);
}
END_TEST

START_TEST(next_month_before_settlement_deck_example)
{
    struct ctx x;
    struct resp r;
    char id[19];
    open_unit(&x, "企业", "结算期前测试公司");
    make_id(id, 1991, 1, 1, 1);
    set_today("2022-08-03 10:00");
    expect_fail(&x, id, "2022-09", MSG_ENROLL_NEXT_MONTH);
    set_today("2022-08-11 10:00");
    expect_ok(&x, id, "5000.00", "2022-09", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    resp_free(&r);
    close_unit(&x);
}
END_TEST

START_TEST(later_than_current_period)
{
    struct ctx x;
    char id[19];
    open_unit(&x, "企业", "晚于申报期测试公司");
    make_id(id, 1991, 1, 2, 0);
    set_today("2022-08-11 10:00");
    expect_fail(&x, id, "2022-10", MSG_ENROLL_LATER);
    set_today("2022-08-03 10:00");
    expect_fail(&x, id, "2022-10", MSG_ENROLL_LATER);
    close_unit(&x);
}
END_TEST

START_TEST(earlier_than_six_months)
{
    struct ctx x;
    struct resp r;
    char id[19];
    open_unit(&x, "企业", "补缴上限测试公司");
    make_id(id, 1991, 1, 3, 1);
    set_today("2022-08-11 10:00");
    expect_fail(&x, id, "2022-02", MSG_ENROLL_TOO_EARLY);
    /* exactly C-6 is accepted: six months back-paid */
    expect_ok(&x, id, "5000.00", "2022-03", 0, MSG_ENROLL_OK_BACKPAID, &r);
    ck_assert(has(&r, "2022-03 至 2022-08,6个月"));
    resp_free(&r);
    close_unit(&x);
}
END_TEST

START_TEST(duplicate_base_records)
{
    struct ctx x;
    char id[19];
    open_unit(&x, "企业", "重复信息测试公司");
    make_id(id, 1985, 3, 3, 1);
    import_one(id, "", "未参保", "");
    import_one(id, "", "未参保", "");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no='%s'", id), 2);
    set_today("2022-08-11 10:00");
    expect_fail(&x, id, "2022-09", MSG_DUPLICATE_BASE);
    close_unit(&x);
}
END_TEST

START_TEST(woman_aged_50_refused_49_accepted)
{
    struct ctx x;
    struct resp r;
    char id50[19], id49[19];
    open_unit(&x, "企业", "女性年龄测试公司");
    make_id(id50, 1972, 8, 11, 0);   /* 50 on 2022-08-11 */
    make_id(id49, 1972, 8, 12, 0);   /* 50 tomorrow */
    set_today("2022-08-11 10:00");
    expect_fail(&x, id50, "2022-09", MSG_ENROLL_AGE_WOMEN);
    expect_ok(&x, id49, "5000.00", "2022-09", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    resp_free(&r);
    close_unit(&x);
}
END_TEST

START_TEST(man_aged_60_refused_59_accepted)
{
    struct ctx x;
    struct resp r;
    char id60[19], id59[19];
    open_unit(&x, "企业", "男性年龄测试公司");
    make_id(id60, 1962, 8, 11, 1);
    make_id(id59, 1962, 8, 12, 1);
    set_today("2022-08-11 10:00");
    expect_fail(&x, id60, "2022-09", MSG_ENROLL_AGE_MEN);
    /* a man of 50-59 is fine (the women's limit is not his) */
    expect_ok(&x, id59, "5000.00", "2022-09", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    resp_free(&r);
    close_unit(&x);
}
END_TEST

START_TEST(age_29_february_birthday_on_1_march)
{
    struct ctx x;
    struct resp r;
    char a[19], b[19];
    open_unit(&x, "企业", "闰日测试公司");
    make_id(a, 1972, 2, 29, 0);
    make_id(b, 1972, 2, 29, 0);
    set_today("2022-03-01 10:00");   /* 2022 has no 29 Feb: 50 on 1 March */
    expect_fail(&x, a, "2022-03", MSG_ENROLL_AGE_WOMEN);
    set_today("2022-02-28 10:00");   /* still 49 */
    expect_ok(&x, b, "5000.00", "2022-03", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    resp_free(&r);
    close_unit(&x);
}
END_TEST

START_TEST(flexible_employment_insured)
{
    struct ctx x;
    char id[19];
    open_unit(&x, "企业", "灵活就业测试公司");
    make_id(id, 1988, 4, 4, 1);
    import_one(id, "", "灵活就业", "2021-01");
    set_today("2022-08-11 10:00");
    expect_fail(&x, id, "2022-09", MSG_ENROLL_FLEXIBLE);
    close_unit(&x);
}
END_TEST

START_TEST(transferred_and_insured_at_new_unit)
{
    struct ctx x, other;
    char id[19];
    open_unit(&x, "企业", "转移测试公司");
    open_unit(&other, "企业", "转入单位");
    make_id(id, 1988, 4, 5, 0);
    import_one(id, other.unit, "转移", "2021-01");
    set_today("2022-08-11 10:00");
    expect_fail(&x, id, "2022-09", MSG_ENROLL_TRANSFERRED);
    close_unit(&x);
    close_unit(&other);
}
END_TEST

START_TEST(insured_in_this_unit)
{
    struct ctx x;
    char id[19], retiree[19];
    open_unit(&x, "企业", "本单位参保测试公司");
    make_id(id, 1988, 4, 6, 1);
    make_id(retiree, 1955, 4, 6, 1);
    import_one(id, x.unit, "在职", "2021-01");
    import_one(retiree, x.unit, "退休", "2015-05");
    set_today("2022-08-11 10:00");
    expect_fail(&x, id, "2022-09", MSG_ENROLL_INSURED_HERE);
    close_unit(&x);
}
END_TEST

START_TEST(insured_in_another_unit)
{
    struct ctx x, other;
    char id[19];
    open_unit(&x, "企业", "他单位测试公司");
    open_unit(&other, "差额拨款事业单位", "他单位测试医院");
    make_id(id, 1988, 4, 7, 0);
    import_one(id, other.unit, "在职", "2021-01");
    set_today("2022-08-11 10:00");
    expect_fail(&x, id, "2022-09", MSG_ENROLL_INSURED_ELSEWHERE);
    close_unit(&x);
    close_unit(&other);
}
END_TEST

START_TEST(stopped_before_start_month_can_enrol)
{
    struct ctx x, other;
    struct resp r;
    char id[19], late[19];
    open_unit(&x, "企业", "停保后参保测试公司");
    open_unit(&other, "企业", "原单位");
    make_id(id, 1988, 4, 8, 1);
    make_id(late, 1988, 4, 9, 1);
    import_one(id, other.unit, "在职", "2021-01");
    import_one(late, other.unit, "在职", "2021-01");
    /* stopped at the end of February (the portal's own 停保 is another page) */
    sql("UPDATE enrolments e JOIN persons p ON p.id=e.person_id SET e.end_date='2022-02-28',"
        " e.status='暂停缴费', e.stop_reason='离职' WHERE p.id_no='%s'", id);
    sql("UPDATE enrolments e JOIN persons p ON p.id=e.person_id SET e.end_date='2022-03-31',"
        " e.status='暂停缴费', e.stop_reason='离职' WHERE p.id_no='%s'", late);
    set_today("2022-08-11 10:00");
    /* ends on/after the 1st of S: still normally insured for S */
    expect_fail(&x, late, "2022-03", MSG_ENROLL_INSURED_ELSEWHERE);
    expect_ok(&x, id, "5000.00", "2022-03", 0, MSG_ENROLL_OK_BACKPAID, &r);
    resp_free(&r);
    /* the existing base record is reused */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no='%s'", id), 1);
    close_unit(&x);
    close_unit(&other);
}
END_TEST

/* ---- success ----------------------------------------------------------------------- */

START_TEST(success_backpay_to_the_fen)
{
    struct ctx x;
    struct resp r;
    char id[19];
    open_unit(&x, "企业", "补缴金额测试公司");
    make_id(id, 1990, 6, 15, 0);
    set_today("2022-08-11 10:00");
    expect_ok(&x, id, "5000.00", "2022-03", 0, MSG_ENROLL_OK_BACKPAID, &r);
    /* the page: person, months, base, month C's amounts, total */
    ck_assert(has(&r, id));
    ck_assert(has(&r, "测试人员"));
    ck_assert(has(&r, "<dd>女</dd>"));
    ck_assert(has(&r, "1990-06-15"));
    ck_assert(has(&r, "2022-03 至 2022-08,6个月"));
    ck_assert(has(&r, "5000.00"));
    ck_assert(has(&r, "300.00"));
    ck_assert(has(&r, "2970.00"));   /* (300 + 100 + 5 + 50 + 40) x 6 */
    ck_assert(has(&r, "/declarations/approved"));
    resp_free(&r);

    /* 6 months x 6 types, all 补缴 at the 2022 rates */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s'", id), 36);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s' AND payment_type='补缴'"
                              " AND month BETWEEN '2022-03-01' AND '2022-08-01' AND interest_fen=0"
                              " AND late_fee_fen=0 AND base_fen=500000", id), 36);
    ck_assert_int_eq(contrib(id, "2022-03", "310", "unit_fen"), 30000);
    ck_assert_int_eq(contrib(id, "2022-03", "310", "person_fen"), 10000);
    ck_assert_int_eq(contrib(id, "2022-03", "310", "account_fen"), 10000);
    ck_assert_int_eq(contrib(id, "2022-08", "330", "person_fen"), 500);
    ck_assert_int_eq(contrib(id, "2022-08", "330", "unit_fen"), 0);
    ck_assert_int_eq(contrib(id, "2022-05", "340", "unit_fen"), 5000);
    ck_assert_int_eq(contrib(id, "2022-05", "510", "unit_fen"), 4000);
    ck_assert_int_eq(contrib(id, "2022-05", "410", "unit_fen") + contrib(id, "2022-05", "410", "person_fen"), 0);
    ck_assert_int_eq(contrib(id, "2022-05", "350", "unit_fen") + contrib(id, "2022-05", "350", "person_fen"), 0);
    ck_assert_int_eq(sql_long("SELECT SUM(unit_fen + person_fen) FROM contributions WHERE id_no='%s'", id), 297000);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s' AND month='2022-09-01'", id), 0);

    /* base record, enrolments, wage */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no='%s' AND gender=2"
                              " AND birth_date='1990-06-15' AND phone='13800000000'", id), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                              " JOIN units u ON u.id=e.unit_id WHERE p.id_no='%s' AND u.unit_no='%s'"
                              " AND e.kind='在职' AND e.person_type='职工在职' AND e.start_month='2022-03-01'"
                              " AND e.end_date IS NULL", id, x.unit), 6);
    ck_assert_int_eq(sql_long("SELECT wage_fen FROM wages w JOIN persons p ON p.id=w.person_id"
                              " WHERE p.id_no='%s' AND w.from_month='2022-09-01'", id), 500000);

    /* declarations: 增员 and 补缴核定, period C, operator the unit */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations d JOIN units u ON u.id=d.unit_id"
                              " WHERE d.id_no='%s' AND d.type='参保人员增员申报' AND d.period='2022-09-01'"
                              " AND d.operator='%s' AND d.name='测试人员' AND d.review_status='已审核'"
                              " AND d.created_at='2022-08-11 10:00:00' AND u.unit_no='%s'", id, x.unit, x.unit), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no='%s' AND type='职工补缴核定'"
                              " AND period='2022-09-01' AND result LIKE '%%2022-03%%2022-08%%6%%2970.00%%'", id), 1);
    close_unit(&x);
}
END_TEST

START_TEST(wage_below_lower_limit_clamped)
{
    struct ctx x;
    struct resp r;
    char id[19], text[256];
    open_unit(&x, "企业", "下限测试公司");
    make_id(id, 1992, 2, 2, 1);
    set_today("2022-08-11 10:00");
    expect_ok(&x, id, "3000", "2022-07", 0, MSG_ENROLL_OK_BACKPAID, &r);
    msg_format(text, sizeof text, MSG_WAGE_CLAMPED_LOWER, "4250.00");
    ck_assert(has(&r, text));
    ck_assert(has(&r, "255.00"));   /* 310 unit: 4250 x 6% */
    resp_free(&r);
    ck_assert_int_eq(contrib(id, "2022-08", "310", "base_fen"), 425000);
    ck_assert_int_eq(contrib(id, "2022-08", "310", "unit_fen"), 25500);
    ck_assert_int_eq(contrib(id, "2022-08", "310", "person_fen"), 8500);
    /* the wage is stored as declared; amounts use it clamped */
    ck_assert_int_eq(sql_long("SELECT wage_fen FROM wages w JOIN persons p ON p.id=w.person_id"
                              " WHERE p.id_no='%s'", id), 300000);
    close_unit(&x);
}
END_TEST

START_TEST(wage_above_upper_limit_clamped_per_month)
{
    struct ctx x;
    struct resp r;
    char id[19], text[256];
    open_unit(&x, "企业", "上限测试公司");
    make_id(id, 1992, 2, 3, 0);
    /* C = 2023-01: December 2022 is back-paid at the 2022 upper limit, month C
     * uses 2023's */
    set_today("2022-12-11 10:00");
    expect_ok(&x, id, "30000.00", "2022-12", 0, MSG_ENROLL_OK_BACKPAID, &r);
    msg_format(text, sizeof text, MSG_WAGE_CLAMPED_UPPER, "22470.00");
    ck_assert(has(&r, text));
    ck_assert(has(&r, "1348.20"));   /* 2023 310 unit: 22470 x 6% */
    resp_free(&r);
    ck_assert_int_eq(contrib(id, "2022-12", "310", "base_fen"), 2182100);
    ck_assert_int_eq(contrib(id, "2022-12", "310", "unit_fen"), 130926);
    ck_assert_int_eq(contrib(id, "2022-12", "310", "person_fen"), 43642);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s'", id), 6);
    close_unit(&x);
}
END_TEST

START_TEST(start_equals_current_no_backpay)
{
    struct ctx x;
    struct resp r;
    char id[19];
    open_unit(&x, "企业", "无补缴测试公司");
    make_id(id, 1993, 3, 3, 1);
    set_today("2022-08-11 10:00");
    expect_ok(&x, id, "8000.00", "2022-09", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    ck_assert(has(&r, "<dd>无</dd>"));
    ck_assert(has(&r, "480.00"));   /* month C, 310 unit */
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s'", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no='%s'", id), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE id_no='%s' AND type='职工补缴核定'", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                              " WHERE p.id_no='%s'", id), 6);
    close_unit(&x);
}
END_TEST

START_TEST(months_already_paid_are_skipped)
{
    struct ctx x, other;
    struct resp r;
    char id[19], all[19];
    open_unit(&x, "企业", "已缴月份测试公司");
    open_unit(&other, "企业", "已缴原单位");
    make_id(id, 1987, 7, 7, 1);
    make_id(all, 1987, 7, 8, 1);
    import_one(id, other.unit, "在职", "2022-01");
    import_one(all, other.unit, "在职", "2022-01");
    sql("UPDATE enrolments e JOIN persons p ON p.id=e.person_id SET e.end_date='2022-05-31',"
        " e.status='暂停缴费' WHERE p.id_no IN ('%s', '%s')", id, all);
    /* `all`: June to August charged already (all six types); `id`: June's 310 only */
    sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
        " base_fen, unit_fen, person_fen, created_at) SELECT p.id_no, m.month, t.code, p.id, NULL,"
        " '正常应缴', 600000, 1, 1, '2022-06-08' FROM persons p JOIN (SELECT DATE '2022-06-01' AS month"
        " UNION SELECT DATE '2022-07-01' UNION SELECT DATE '2022-08-01') m"
        " JOIN insurance_types t ON t.mandatory = 1 WHERE p.id_no='%s'", all);
    sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
        " base_fen, unit_fen, person_fen, created_at) SELECT p.id_no, '2022-06-01', '310', p.id, NULL,"
        " '正常应缴', 600000, 1, 1, '2022-06-08' FROM persons p WHERE p.id_no='%s'", id);
    set_today("2022-08-11 10:00");
    expect_ok(&x, id, "5000.00", "2022-06", 0, MSG_ENROLL_OK_BACKPAID, &r);
    ck_assert(has(&r, "2022-06 至 2022-08,3个月"));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s' AND payment_type='补缴'", id), 17);
    ck_assert_int_eq(contrib(id, "2022-06", "310", "unit_fen"), 1);   /* untouched */
    /* every month already paid: the 补缴失败 message */
    expect_ok(&x, all, "5000.00", "2022-06", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s' AND payment_type='补缴'", all), 0);
    close_unit(&x);
    close_unit(&other);
}
END_TEST

START_TEST(civil_servant_in_public_unit_adds_320)
{
    struct ctx x;
    struct resp r;
    char id[19];
    open_unit(&x, "机关", "公务员测试机关");
    make_id(id, 1989, 9, 9, 1);
    set_today("2022-08-11 10:00");
    expect_ok(&x, id, "10000.00", "2022-08", 1, MSG_ENROLL_OK_BACKPAID, &r);
    ck_assert(has(&r, "公务员医疗保险"));
    ck_assert(has(&r, "400.00"));   /* 320 at the provisional 4% */
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                              " WHERE p.id_no='%s' AND e.person_type='公务员在职'", id), 7);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                              " WHERE p.id_no='%s' AND e.type_code='320'", id), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s'", id), 7);
    ck_assert_int_eq(contrib(id, "2022-08", "320", "unit_fen"), 40000);
    close_unit(&x);
}
END_TEST

START_TEST(civil_servant_unticked_in_public_unit)
{
    struct ctx x;
    struct resp r;
    char id[19];
    open_unit(&x, "差额拨款事业单位", "公务员未勾选测试医院");
    make_id(id, 1989, 9, 10, 0);
    set_today("2022-08-11 10:00");
    expect_ok(&x, id, "10000.00", "2022-09", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                              " WHERE p.id_no='%s' AND e.person_type='职工在职' AND e.type_code<>'320'", id), 6);
    close_unit(&x);
}
END_TEST

START_TEST(civil_servant_forged_by_enterprise_is_400)
{
    struct ctx x;
    struct resp r;
    char id[19];
    long before;
    open_unit(&x, "企业", "伪造公务员测试公司");
    make_id(id, 1989, 9, 11, 1);
    set_today("2022-08-11 10:00");
    before = rows_for(id);
    ck_assert_int_eq(post_enroll(&x.c, id, "测试人员", "13800000000", "5000", "2022-09", 1, &r), 400);
    resp_free(&r);
    ck_assert_int_eq(rows_for(id), before);
    close_unit(&x);
}
END_TEST

START_TEST(lower_case_x_stored_upper_case)
{
    struct ctx x;
    struct resp r;
    char id[19], lower[19];
    open_unit(&x, "企业", "小写x测试公司");
    do
        make_id(id, 1994, 4, 4, 0);
    while (id[17] != 'X');
    memcpy(lower, id, 19);
    lower[17] = 'x';
    set_today("2022-08-11 10:00");
    expect_ok(&x, lower, "5000.00", "2022-09", 0, MSG_ENROLL_OK_NO_BACKPAY, &r);
    ck_assert(has(&r, id));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no='%s'", id), 1);
    close_unit(&x);
}
END_TEST

/* ---- concurrency ------------------------------------------------------------------- */

struct racer {
    struct ctx *x;
    const char *id;
    long status;
    int ok, refused;
};

static void *race(void *arg)
{
    struct racer *a = arg;
    struct resp r;
    char *body, *eid = urlenc(a->id);
    if (asprintf(&body, "id_no=%s&name=%%E5%%B9%%B6%%E5%%8F%%91&phone=13800000000&wage=5000"
                        "&start_month=2022-07", eid) < 0)
        return NULL;
    a->status = http_post(&a->x->c, "/enroll", body, 1, &r);
    a->ok = a->status == 303;
    a->refused = has(&r, msg_text(MSG_ENROLL_INSURED_ELSEWHERE)) ||
                 has(&r, msg_text(MSG_ENROLL_INSURED_HERE));
    resp_free(&r);
    free(body);
    free(eid);
    return NULL;
}

START_TEST(concurrent_enrolments_of_one_person_one_wins)
{
    struct ctx a, b;
    struct resp g;
    char id[19];
    open_unit(&a, "企业", "并发测试甲");
    open_unit(&b, "企业", "并发测试乙");
    set_today("2022-08-11 10:00");
    for (int round = 0; round < 5; round++) {
        struct racer ra = {&a, id, 0, 0, 0}, rb = {&b, id, 0, 0, 0};
        pthread_t ta, tb;
        make_id(id, 1980 + round, 10, 10, round % 2);
        ck_assert_int_eq(http_get(&a.c, "/enroll", &g), 200);
        resp_free(&g);
        ck_assert_int_eq(http_get(&b.c, "/enroll", &g), 200);
        resp_free(&g);
        ck_assert_int_eq(pthread_create(&ta, NULL, race, &ra), 0);
        ck_assert_int_eq(pthread_create(&tb, NULL, race, &rb), 0);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        ck_assert(ra.status == 200 || ra.status == 303);   /* refused / done */
        ck_assert(rb.status == 200 || rb.status == 303);
        ck_assert_msg(ra.ok + rb.ok == 1, "round %d: %d successes", round, ra.ok + rb.ok);
        ck_assert(ra.refused + rb.refused == 1);
        ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no='%s'", id), 1);
        ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                                  " WHERE p.id_no='%s'", id), 6);
        ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no='%s'", id), 12);
    }
    close_unit(&a);
    close_unit(&b);
}
END_TEST

/* ---- hostile and malformed input ---------------------------------------------------- */

START_TEST(hostile_name_is_escaped)
{
    struct ctx x;
    struct resp g, r;
    char id[19];
    open_unit(&x, "企业", "转义测试公司");
    make_id(id, 1995, 5, 5, 1);
    set_today("2022-08-11 10:00");
    ck_assert_int_eq(post_enroll(&x.c, id, "<script>alert(1)</script>", "13800000000", "5000",
                                 "2022-09", 0, &g), 303);
    ck_assert_int_eq(http_follow(&x.c, &g, &r), 200);   /* the declaration's page shows it */
    resp_free(&g);
    ck_assert(has(&r, "msg ok"));
    ck_assert(!has(&r, "<script>alert"));
    ck_assert(has(&r, "&lt;script&gt;"));
    resp_free(&r);
    close_unit(&x);
}
END_TEST

static const struct { const char *name, *phone, *wage, *month; enum msg_id msg; const char *label; } bad_fields[] = {
    /* issue 13 item 10: each refusal says what a valid amount looks like */
    {"张三", "13800000000", "abc", "2022-09", MSG_WAGE_INVALID, "月申报工资"},
    {"张三", "13800000000", "1e5", "2022-09", MSG_WAGE_INVALID, "月申报工资"},
    {"张三", "13800000000", "-5000", "2022-09", MSG_WAGE_NEGATIVE, "月申报工资"},
    {"张三", "13800000000", "5000.123", "2022-09", MSG_WAGE_DECIMALS, "月申报工资"},
    {"张三", "13800000000", "", "2022-09", MSG_FIELD_REQUIRED, "月申报工资"},
    {"", "13800000000", "5000", "2022-09", MSG_FIELD_REQUIRED, "姓名"},
    {"张三", "123", "5000", "2022-09", MSG_FIELD_INVALID, "联系电话"},
    {"张三", "138-0000-abcd", "5000", "2022-09", MSG_FIELD_INVALID, "联系电话"},
    {"张三", "", "5000", "2022-09", MSG_FIELD_REQUIRED, "联系电话"},
    {"张三", "13800000000", "5000", "2022-13", MSG_FIELD_INVALID, "本次参保时间"},
    {"张三", "13800000000", "5000", "202209", MSG_FIELD_INVALID, "本次参保时间"},
    {"张三", "13800000000", "5000", "", MSG_FIELD_REQUIRED, "本次参保时间"},
};

START_TEST(malformed_fields_get_a_field_message)
{
    struct ctx x;
    struct resp r;
    char id[19], text[256];
    long before;
    open_unit(&x, "企业", "字段校验测试公司");
    make_id(id, 1995, 5, 6, 0);
    set_today("2022-08-11 10:00");
    before = rows_for(id);
    ck_assert_int_eq(post_enroll(&x.c, id, bad_fields[_i].name, bad_fields[_i].phone,
                                 bad_fields[_i].wage, bad_fields[_i].month, 0, &r), 200);
    msg_format(text, sizeof text, bad_fields[_i].msg, bad_fields[_i].label);
    ck_assert_msg(has(&r, text), "case %d: want %s", _i, text);
    ck_assert(has(&r, "field-error"));
    ck_assert(has(&r, "name=\"id_no\""));          /* the form comes back */
    ck_assert(has(&r, id));                         /* filled in */
    resp_free(&r);
    ck_assert_int_eq(rows_for(id), before);
    close_unit(&x);
}
END_TEST

START_TEST(name_too_long_gets_a_field_message)
{
    struct ctx x;
    struct resp r;
    char id[19], text[256], name[400] = "";
    open_unit(&x, "企业", "姓名过长测试公司");
    make_id(id, 1995, 5, 7, 0);
    for (int i = 0; i < 101; i++)
        strcat(name, "长");
    set_today("2022-08-11 10:00");
    ck_assert_int_eq(post_enroll(&x.c, id, name, "13800000000", "5000", "2022-09", 0, &r), 200);
    msg_format(text, sizeof text, MSG_FIELD_INVALID, "姓名");
    ck_assert(has(&r, text));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no='%s'", id), 0);
    close_unit(&x);
}
END_TEST

START_TEST(unknown_parameter_is_400)
{
    struct ctx x;
    struct resp r;
    open_unit(&x, "企业", "未知参数测试公司");
    ck_assert_int_eq(http_get(&x.c, "/enroll?unit_id=1", &r), 400);
    resp_free(&r);
    ck_assert_int_eq(http_get(&x.c, "/enroll", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post(&x.c, "/enroll", "id_no=1&unit_id=2", 1, &r), 400);
    resp_free(&r);
    close_unit(&x);
}
END_TEST

static void add(Suite *s, const char *name, const TTest *t, int n)
{
    TCase *tc = tcase_create(name);
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, t, 0, n);
    suite_add_tcase(s, tc);
}

int main(void)
{
    Suite *s = suite_create("it_enroll");
    SRunner *sr;
    int failed;

    add(s, "form_offers_c_minus_6_to_c_and_locked_types", form_offers_c_minus_6_to_c_and_locked_types, 1);
    add(s, "form_offers_civil_servant_to_public_units", form_offers_civil_servant_to_public_units, 1);
    add(s, "window_closed_from_day_6_1700", window_closed_from_day_6_1700, 1);
    add(s, "window_open_until_day_6_1659", window_open_until_day_6_1659, 1);
    add(s, "id_checksum_invalid", id_checksum_invalid, 1);
    add(s, "next_month_before_settlement_deck_example", next_month_before_settlement_deck_example, 1);
    add(s, "later_than_current_period", later_than_current_period, 1);
    add(s, "earlier_than_six_months", earlier_than_six_months, 1);
    add(s, "duplicate_base_records", duplicate_base_records, 1);
    add(s, "woman_aged_50_refused_49_accepted", woman_aged_50_refused_49_accepted, 1);
    add(s, "man_aged_60_refused_59_accepted", man_aged_60_refused_59_accepted, 1);
    add(s, "age_29_february_birthday_on_1_march", age_29_february_birthday_on_1_march, 1);
    add(s, "flexible_employment_insured", flexible_employment_insured, 1);
    add(s, "transferred_and_insured_at_new_unit", transferred_and_insured_at_new_unit, 1);
    add(s, "insured_in_this_unit", insured_in_this_unit, 1);
    add(s, "insured_in_another_unit", insured_in_another_unit, 1);
    add(s, "stopped_before_start_month_can_enrol", stopped_before_start_month_can_enrol, 1);
    add(s, "success_backpay_to_the_fen", success_backpay_to_the_fen, 1);
    add(s, "wage_below_lower_limit_clamped", wage_below_lower_limit_clamped, 1);
    add(s, "wage_above_upper_limit_clamped_per_month", wage_above_upper_limit_clamped_per_month, 1);
    add(s, "start_equals_current_no_backpay", start_equals_current_no_backpay, 1);
    add(s, "months_already_paid_are_skipped", months_already_paid_are_skipped, 1);
    add(s, "civil_servant_in_public_unit_adds_320", civil_servant_in_public_unit_adds_320, 1);
    add(s, "civil_servant_unticked_in_public_unit", civil_servant_unticked_in_public_unit, 1);
    add(s, "civil_servant_forged_by_enterprise_is_400", civil_servant_forged_by_enterprise_is_400, 1);
    add(s, "lower_case_x_stored_upper_case", lower_case_x_stored_upper_case, 1);
    add(s, "concurrent_enrolments_of_one_person_one_wins", concurrent_enrolments_of_one_person_one_wins, 1);
    add(s, "hostile_name_is_escaped", hostile_name_is_escaped, 1);
    add(s, "malformed_fields_get_a_field_message", malformed_fields_get_a_field_message,
        (int)(sizeof bad_fields / sizeof bad_fields[0]));
    add(s, "name_too_long_gets_a_field_message", name_too_long_gets_a_field_message, 1);
    add(s, "unknown_parameter_is_400", unknown_parameter_is_400, 1);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
