/*
 * Integration: 网上经办——零星基数调整 (/wages/adjust) — spec §7a, issue 11
 * item 3, over HTTP against the real stack, in a year whose limits change in
 * July (2030 rows added for this test: 4,494.00 until June, 5,000.00 from
 * July): the 补差 rows to the fen, a second adjustment of the same month
 * (退费), a later F, the new wage in force for the settlement of C, 补差 as
 * its own 缴费类型 in 单位缴费明细查询 and 单位缴费查询打印, the kept totals,
 * and every refusal writing nothing.
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
    sql("DELETE FROM base_limits WHERE from_month >= '2030-01-01'");
    sql("INSERT INTO base_limits (from_month, to_month, lower_fen, upper_fen, provisional) VALUES"
        " ('2030-01-01', '2030-06-01', 449400, 2404200, 1),"
        " ('2030-07-01', '2030-12-01', 500000, 2600000, 1)");
    set_today("2030-09-20");                       /* C = 2030-10 */
    make_unit(unit_a, sizeof unit_a, "企业", "基数调整测试甲");
    make_unit(unit_b, sizeof unit_b, "企业", "基数调整测试乙");
    ua = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_a);
    ub = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_b);
    client_init(&ca);
    client_init(&cb);
    if (!login(&ca, unit_a, PW) || !login(&cb, unit_b, PW)) {
        fprintf(stderr, "it_adjust: login failed\n");
        exit(1);
    }
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    set_today("");
    sql("DELETE FROM base_limits WHERE from_month >= '2030-01-01'");
}

static long written(const char *id)
{
    return sql_long("SELECT (SELECT COUNT(*) FROM declarations WHERE id_no = '%s') * 1000000"
                    " + (SELECT COUNT(*) * 1000 FROM wages w JOIN persons p ON p.id = w.person_id"
                    "    WHERE p.id_no = '%s')"
                    " + (SELECT COUNT(*) FROM contributions WHERE id_no = '%s')", id, id, id);
}

static long post_form(struct client *c, const char *path, const char *body, struct resp *r)
{
    struct resp g;
    ck_assert_int_eq(http_get(c, path, &g), 200);
    resp_free(&g);
    return http_post(c, path, body, 1, r);
}

static long post_adjust(struct client *c, const char *id, const char *from, const char *wage,
                        struct resp *r)
{
    char body[256];
    snprintf(body, sizeof body, "id_no=%s&from_month=%s&wage=%s", id, from, wage);
    return post_form(c, "/wages/adjust", body, r);
}

static void expect_adjusted(struct client *c, const char *id, const char *from, const char *wage,
                            const char *wage_shown)
{
    struct resp p, r;
    char text[MSG_TEXT_MAX];

    ck_assert_int_eq(post_adjust(c, id, from, wage, &p), 303);
    ck_assert_int_eq(http_follow(c, &p, &r), 200);
    resp_free(&p);
    msg_format(text, sizeof text, MSG_ADJUST_RESULT, from, wage_shown);
    ck_assert_msg(has(&r, "msg ok") && has(&r, text) && has(&r, "缴费申报与变更"), "no %s", text);
    resp_free(&r);
}

static void expect_refused(struct client *c, const char *id, const char *from, enum msg_id m)
{
    struct resp r;
    char text[MSG_TEXT_MAX];
    long before = written(id);

    ck_assert_int_eq(post_adjust(c, id, from, "5000", &r), 200);
    if (m == MSG_WINDOW_CLOSED)
        msg_window_closed(NULL, text, sizeof text);
    else
        snprintf(text, sizeof text, "%s", msg_text(m));
    ck_assert_msg(has(&r, "msg fail") && has(&r, text), "%s %s: expected %s", id, from, msg_name(m));
    resp_free(&r);
    ck_assert_int_eq(written(id), before);
}

/* The sum of a column of this unit's rows of one month and type (and payment type, or all). */
static long sum_of(const char *col, const char *id, const char *month, const char *type,
                   const char *payment)
{
    return sql_long("SELECT COALESCE(SUM(%s), 0) FROM contributions WHERE id_no = '%s'"
                    " AND unit_id = %ld AND month = '%s-01' AND type_code = '%s'"
                    " AND ('%s' = '' OR payment_type = '%s')", col, id, ua, month, type,
                    payment, payment);
}

START_TEST(differences_to_the_fen_across_a_july_limit_change)
{
    char id[19];
    struct resp r;

    make_id(id, 1990, 9, 14, 1);
    {
        char body[256], *name = urlenc("调整人员");
        snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13800000000&wage=4000&start_month=2030-05",
                 id, name);
        free(name);
        ck_assert_int_eq(post_form(&ca, "/enroll", body, &r), 303);
        resp_free(&r);
    }
    /* back-paid at 4,000 clamped: May, June 4,494.00; July..September 5,000.00 */
    ck_assert_int_eq(sum_of("base_fen", id, "2030-06", "310", "补缴"), 449400);
    ck_assert_int_eq(sum_of("base_fen", id, "2030-07", "310", "补缴"), 500000);

    /* 4,800.33 from June: June's base +306.33 (6%: 288.0198 -> 288.02 - 269.64 = 18.38;
     * 2%: 96.01 - 89.88 = 6.13; 340 1%: 48.00 - 44.94 = 3.06; 510 0.8%: 38.40 - 35.95 = 2.45);
     * July on still at the lower limit 5,000: no rows; 330 fixed, 410/350 zero: no rows */
    expect_adjusted(&ca, id, "2030-06", "4800.33", "4800.33");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND payment_type = '补差'", id), 3);
    ck_assert_int_eq(sum_of("base_fen", id, "2030-06", "310", "补差"), 30633);
    ck_assert_int_eq(sum_of("unit_fen", id, "2030-06", "310", "补差"), 1838);
    ck_assert_int_eq(sum_of("person_fen", id, "2030-06", "310", "补差"), 613);
    ck_assert_int_eq(sum_of("account_fen", id, "2030-06", "310", "补差"), 613);
    ck_assert_int_eq(sum_of("unit_fen", id, "2030-06", "340", "补差"), 306);
    ck_assert_int_eq(sum_of("unit_fen", id, "2030-06", "510", "补差"), 245);
    ck_assert_int_eq(sum_of("wage_fen", id, "2030-06", "310", "补差"), 80033);
    ck_assert_int_eq(totals_mismatches(ua, ub), 0);

    /* 补差 as its own 缴费类型, after 补缴 */
    ck_assert_int_eq(http_get(&ca, "/query/payments?month=2030-06&type=310", &r), 200);
    ck_assert(has(&r, "nowrap\">补缴</td>") && has(&r, "nowrap\">补差</td>") && has(&r, "18.38"));
    ck_assert(strstr(r.body.p, "nowrap\">补缴</td>") < strstr(r.body.p, "nowrap\">补差</td>"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&ca, "/report/payments?month=2030-06", &r), 200);
    ck_assert(has(&r, "补差"));
    resp_free(&r);

    /* a second adjustment of the same month: back to 4,000 (the lower limit 4,494):
     * June's rows sum to the back-payment again (退费 -18.38) */
    expect_adjusted(&ca, id, "2030-06", "4000", "4000.00");
    ck_assert_int_eq(sum_of("unit_fen", id, "2030-06", "310", ""), 26964);
    ck_assert_int_eq(sum_of("unit_fen", id, "2030-06", "310", "补差"), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2030-06-01' AND type_code = '310'", id), 3);
    /* the same wage again writes no row */
    expect_adjusted(&ca, id, "2030-06", "4000", "4000.00");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND payment_type = '补差'", id), 6);

    /* 5,200 from July: July..September +200.00 each (12.00 unit) */
    expect_adjusted(&ca, id, "2030-07", "5200", "5200.00");
    ck_assert_int_eq(sum_of("unit_fen", id, "2030-08", "310", "补差"), 1200);
    ck_assert_int_eq(sum_of("unit_fen", id, "2030-06", "310", "补差"), 0);
    ck_assert_int_eq(totals_mismatches(ua, ub), 0);
    /* the wage rows: from June 4,000 and from July 5,200 (the enrolment's row of C replaced) */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM wages w JOIN persons p ON p.id = w.person_id"
                              " WHERE p.id_no = '%s'", id), 2);

    /* the settlement of C charges the new wage */
    set_today("2030-10-07");
    ck_assert_int_eq(admin("settle 2030-10"), 0);
    ck_assert_int_eq(sql_long("SELECT base_fen FROM contributions WHERE id_no = '%s'"
                              " AND month = '2030-10-01' AND type_code = '310'"
                              " AND payment_type = '正常应缴'", id), 520000);
    ck_assert_int_eq(totals_mismatches(ua, ub), 0);
    set_today("2030-09-20");
}
END_TEST

START_TEST(refusals_write_nothing)
{
    char id[19], bad[19];
    struct resp r;

    make_id(id, 1991, 10, 15, 0);
    {
        char body[256], *name = urlenc("调整人员");
        snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13800000000&wage=6000&start_month=2030-07",
                 id, name);
        free(name);
        ck_assert_int_eq(post_form(&ca, "/enroll", body, &r), 303);
        resp_free(&r);
    }
    expect_refused(&ca, id, "2030-11", MSG_ADJUST_LATE);
    expect_refused(&ca, id, "2029-12", MSG_ADJUST_EARLY);
    expect_refused(&ca, id, "2030-06", MSG_ADJUST_BEFORE_START);
    expect_refused(&cb, id, "2030-08", MSG_STOP_NOT_INSURED);
    memcpy(bad, id, sizeof bad);
    bad[17] = id[17] == '0' ? '1' : '0';
    expect_refused(&ca, bad, "2030-08", MSG_ID_INVALID);
    set_today("2030-10-08");
    expect_refused(&ca, id, "2030-08", MSG_WINDOW_CLOSED);
    set_today("2030-09-20");
    ck_assert_int_eq(post_adjust(&ca, id, "2030-8", "-5", &r), 200);
    ck_assert(has(&r, "调整起始月份格式不正确。") && has(&r, msg_text(MSG_WAGE_INVALID)));
    resp_free(&r);
    /* the menu offers the page under 网上经办 */
    ck_assert_int_eq(http_get(&ca, "/", &r), 200);
    ck_assert(has(&r, "href=\"/wages/adjust\""));
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
                    " WHERE u.unit_no = '%s' AND d.type IN ('缴费申报与变更')%s";
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
    Suite *s = suite_create("adjust");
    TCase *t = tcase_create("adjust");

    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, differences_to_the_fen_across_a_july_limit_change);
    tcase_add_test(t, refusals_write_nothing);
    tcase_add_test(t, every_declaration_records_the_acting_account);
    suite_add_tcase(s, t);
    return it_run(s);
}
