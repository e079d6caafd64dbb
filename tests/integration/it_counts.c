/*
 * Integration: the counts and totals pages show on every view, kept in the
 * transaction that changes them (014_speed, lib/store/counts.h; issue 15
 * item 0). Over HTTP: the home page's 在职参保人数 and 离退休人数, 单位信息查询's
 * persons per 险种, the roster's 共 N 条 and 单位缴费明细查询's totals follow
 * an import, an enrolment with back-payment, a stop and a settlement, and
 * another unit's never move; the kept rows equal a recount of the rows.
 * Rows written by hand (SQL) are put right by `portal-admin recount`.
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
    make_unit_logged_in(unit_a, sizeof unit_a, "企业", "计数测试公司甲", &ua, &ca);
    make_unit_logged_in(unit_b, sizeof unit_b, "企业", "计数测试公司乙", &ub, &cb);
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    set_today("");
}

/* The number a page shows in the stat box labelled `label`, -1 when none. */
static long stat_of(const struct resp *r, const char *label)
{
    const char *end = r->body.p ? strstr(r->body.p, label) : NULL, *v = NULL, *p;

    if (!end)
        return -1;
    for (p = r->body.p; (p = strstr(p, "stat-value\">")) && p < end; p++)
        v = p + 12;
    return v ? strtol(v, NULL, 10) : -1;
}

static void expect_home(struct client *c, long insured, long retired)
{
    struct resp r;

    ck_assert_int_eq(http_get(c, "/", &r), 200);
    ck_assert_int_eq(stat_of(&r, "在职参保人数"), insured);
    ck_assert_int_eq(stat_of(&r, "离退休人数"), retired);
    resp_free(&r);
}

/* The roster's 共 N 条 (unfiltered: the kept count). */
static void expect_roster_total(struct client *c, long n)
{
    struct resp r;
    char want[64];

    ck_assert_int_eq(http_get(c, "/query/roster", &r), 200);
    snprintf(want, sizeof want, "共 %ld 条", n);
    ck_assert_msg(has(&r, want), "roster: want %s", want);
    resp_free(&r);
}

/* Kept counts and totals of the two units that differ from a recount. */
static long mismatches(void)
{
    return counts_mismatches(ua, ub);
}

static void import_row(const char *id, const char *unit, const char *status, const char *start)
{
    char row[256];
    snprintf(row, sizeof row, "%s,计数人员,%s,%s,%s,%s,13900000000\n", id, unit, status, start,
             strcmp(status, "未参保") == 0 ? "" : "6000.00");
    ck_assert_int_eq(import_persons(row, NULL), 0);
}

static void import_retiree(const char *id, const char *unit)
{
    char row[256];
    snprintf(row, sizeof row, "%s,计数退休,%s,退休,2000-01,,13800000000,1960-07-01,2000-02,苏州市,在世,职工\n",
             id, unit);
    ck_assert_int_eq(import_persons(row, "参加工作时间,退休年月,居住地,生存状态,人员类别"), 0);
}

static void post_ok(struct client *c, const char *path, const char *body)
{
    struct resp g, r;

    ck_assert_int_eq(http_get(c, path, &g), 200);     /* a fresh csrf token */
    resp_free(&g);
    ck_assert_int_eq(http_post(c, path, body, 1, &r), 303);
    resp_free(&r);
}

/* 增员 from 2022-08: 2022-08 and 09 are back-paid (补缴) */
static void enrol(struct client *c, const char *id)
{
    char body[256], *name = urlenc("计数人员");
    snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13800000000&wage=6000&start_month=2022-08",
             id, name);
    free(name);
    post_ok(c, "/enroll", body);
}

static void stop(struct client *c, const char *id)
{
    char body[256], *reason = urlenc("离职");
    snprintf(body, sizeof body, "id_no=%s&end_date=2022-10-31&reason=%s", id, reason);
    free(reason);
    post_ok(c, "/stop", body);
}

START_TEST(home_unit_and_roster_counts_follow_every_write)
{
    char e1[19], e2[19], e3[19], r1[19], n1[19];
    struct resp r;

    make_id(e1, 1988, 3, 1, 1);
    make_id(e2, 1989, 4, 2, 0);
    make_id(e3, 1990, 5, 3, 1);
    make_id(r1, 1950, 6, 4, 1);
    make_id(n1, 1991, 7, 5, 0);
    expect_home(&ca, 0, 0);                 /* nobody yet: no counts row at all */
    expect_roster_total(&ca, 0);

    import_row(e1, unit_a, "在职", "2022-06");
    import_row(e2, unit_a, "在职", "2022-06");
    import_row(e3, unit_a, "在职", "2022-06");
    import_retiree(r1, unit_a);
    import_row(n1, unit_a, "未参保", "");
    expect_home(&ca, 3, 1);
    expect_roster_total(&ca, 4);

    enrol(&ca, n1);                          /* 增员 on the page */
    expect_home(&ca, 4, 1);
    expect_roster_total(&ca, 5);

    stop(&ca, e1);                           /* 减员: no longer active now */
    expect_home(&ca, 3, 1);
    expect_roster_total(&ca, 5);             /* still on the roster, 暂停缴费 */

    /* 单位信息查询: 310 with 3 在职 and 1 退休 active now */
    get_csv(&ca, "/query/unit?format=csv", &r);
    ck_assert_msg(has(&r, "310,职工基本医疗保险,参保缴费,=\"2000-01\",3,1"),
                  "unit types: %.400s", r.body.p ? r.body.p : "");
    resp_free(&r);

    /* 单位缴费明细查询 of 2022-09: n1's back-payment, then the settlement of
     * the three others (n1's month is charged already: skipped) */
    ck_assert_int_eq(mismatches(), 0);
    get_csv(&ca, "/query/payments?month=2022-09&type=310&format=csv", &r);
    ck_assert_msg(has(&r, "补缴,1,"), "payments: %.400s", r.body.p ? r.body.p : "");
    ck_assert_msg(!has(&r, "正常应缴"), "payments: %.400s", r.body.p ? r.body.p : "");
    resp_free(&r);
    ck_assert_int_eq(admin("settle 2022-09"), 0);
    get_csv(&ca, "/query/payments?month=2022-09&type=310&format=csv", &r);
    ck_assert_msg(has(&r, "正常应缴,3,18000.00,") && has(&r, "补缴,1,6000.00,") &&
                  has(&r, "合计,4,24000.00,"), "payments: %.400s", r.body.p ? r.body.p : "");
    resp_free(&r);
    ck_assert_int_eq(admin("settle 2022-09"), 0);      /* again: nothing new, nothing added */
    get_csv(&ca, "/query/payments?month=2022-09&type=310&format=csv", &r);
    ck_assert(has(&r, "合计,4,24000.00,"));
    resp_free(&r);

    expect_home(&cb, 0, 0);                  /* the other unit never moves */
    expect_roster_total(&cb, 0);
    ck_assert_int_eq(mismatches(), 0);
}
END_TEST

/* Rows written by hand, as a repair or a fixture would: `portal-admin
 * recount` makes the kept rows equal the rows again. */
START_TEST(recount_puts_rows_written_by_hand_right)
{
    char a[19], b[19];

    make_id(a, 1985, 8, 6, 1);
    make_id(b, 1986, 9, 7, 0);
    import_row(a, unit_a, "在职", "2022-03");
    import_row(b, unit_a, "在职", "2022-03");
    ck_assert_int_eq(mismatches(), 0);

    sql("UPDATE enrolments e JOIN persons p ON p.id = e.person_id SET e.unit_id = %ld"
        " WHERE p.id_no = '%s' AND e.unit_id = %ld", ub, a, ua);          /* moved */
    sql("UPDATE enrolments e JOIN persons p ON p.id = e.person_id SET e.end_date = '2022-03-31',"
        " e.status = '终止参保' WHERE p.id_no = '%s'", b);          /* ended */
    sql("UPDATE enrolments e JOIN persons p ON p.id = e.person_id SET e.kind = '退休',"
        " e.person_type = '退休人员' WHERE p.id_no = '%s'", a);
    sql("DELETE c FROM contributions c WHERE c.unit_id = %ld AND c.payment_type = '补缴'", ua);
    ck_assert_int_gt(mismatches(), 0);
    expect_home(&cb, 0, 0);                  /* what was kept, until the recount */
    ck_assert_int_eq(admin("recount"), 0);
    ck_assert_int_eq(mismatches(), 0);
    expect_home(&cb, 0, 1);
}
END_TEST

/* 022_galera_hot: a key's figures are split over shards (each transaction
 * adds to the shard it drew): every reader sums them. Parts written by hand
 * that cancel out (+5 in one shard, -5 in another) change no page. */
START_TEST(every_reader_sums_the_shards)
{
    char unit[40], a[19], b[19];
    long uc;
    struct client cc;
    struct resp r;

    make_unit_logged_in(unit, sizeof unit, "企业", "计数分片测试公司", &uc, &cc);
    make_id(a, 1984, 10, 8, 1);
    make_id(b, 1983, 11, 9, 0);
    enrol(&cc, a);                           /* two transactions: two draws of a shard */
    enrol(&cc, b);
    for (int k = 0; k < 2; k++) {
        sql("INSERT INTO unit_type_counts (unit_id, type_code, shard, enrolments, persons, employees,"
            " retirees) VALUES (%ld, '310', %d, 5, 5, 5, 5), (%ld, '310', %d, -5, -5, -5, -5)"
            " ON DUPLICATE KEY UPDATE enrolments = enrolments + VALUES(enrolments),"
            " persons = persons + VALUES(persons), employees = employees + VALUES(employees),"
            " retirees = retirees + VALUES(retirees)", uc, 3 + k, uc, 11 + k);
        sql("INSERT INTO unit_month_totals (unit_id, month, type_code, payment_type, shard, persons,"
            " base_fen, unit_fen, person_fen, account_fen) VALUES"
            " (%ld, '2022-09-01', '310', '补缴', %d, 7, 700, 70, 7, 7),"
            " (%ld, '2022-09-01', '310', '补缴', %d, -7, -700, -70, -7, -7)"
            " ON DUPLICATE KEY UPDATE persons = persons + VALUES(persons),"
            " base_fen = base_fen + VALUES(base_fen), unit_fen = unit_fen + VALUES(unit_fen),"
            " person_fen = person_fen + VALUES(person_fen), account_fen = account_fen + VALUES(account_fen)",
            uc, 3 + k, uc, 11 + k);
    }
    ck_assert_int_ge(sql_long("SELECT COUNT(*) FROM unit_type_counts WHERE unit_id = %ld"
                              " AND type_code = '310'", uc), 4);
    ck_assert_int_eq(counts_mismatches(uc, uc), 0);
    expect_home(&cc, 2, 0);
    expect_roster_total(&cc, 2);
    get_csv(&cc, "/query/unit?format=csv", &r);
    ck_assert_msg(has(&r, "310,职工基本医疗保险,参保缴费,=\"2022-08\",2,0"),
                  "unit types: %.400s", r.body.p ? r.body.p : "");
    resp_free(&r);
    get_csv(&cc, "/query/payments?month=2022-09&type=310&format=csv", &r);
    ck_assert_msg(has(&r, "补缴,2,12000.00,") && has(&r, "合计,2,12000.00,"),
                  "payments: %.400s", r.body.p ? r.body.p : "");
    resp_free(&r);
    ck_assert_int_eq(admin("recount"), 0);   /* one shard again, the same figures */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM unit_type_counts WHERE unit_id = %ld"
                              " AND type_code = '310'", uc), 1);
    ck_assert_int_eq(counts_mismatches(uc, uc), 0);
    expect_home(&cc, 2, 0);
    client_free(&cc);
}
END_TEST

/* The settlement's kept totals come from its staged rows when every one of
 * them was inserted, else from the rows it inserted (store/settle.c). A
 * person insured in two units at once (legacy data, written by hand) is
 * staged twice per type and charged once (the first: the lower unit): the
 * totals follow the rows charged, not the rows staged; the other persons of
 * the run are charged and counted as usual, and a second run adds nothing. */
START_TEST(settlement_totals_follow_the_rows_when_a_person_is_staged_twice)
{
    char u1[40], u2[40], twice[19], once[19];
    long id1, id2, pid, types;
    struct client c1, c2;
    struct resp r;

    make_unit_logged_in(u1, sizeof u1, "企业", "计数结算测试甲", &id1, &c1);
    make_unit_logged_in(u2, sizeof u2, "企业", "计数结算测试乙", &id2, &c2);
    make_id(twice, 1982, 12, 10, 1);
    make_id(once, 1981, 1, 11, 0);
    import_row(twice, u1, "在职", "2022-06");
    import_row(once, u1, "在职", "2022-06");
    pid = sql_long("SELECT id FROM persons WHERE id_no = '%s'", twice);
    types = sql_long("SELECT COUNT(*) FROM enrolments WHERE person_id = %ld", pid);
    ck_assert_int_gt(types, 0);
    sql("INSERT INTO enrolments (person_id, unit_id, kind, person_type, type_code, start_month,"
        " transferred, status, created_at, updated_at) SELECT person_id, %ld, kind, person_type,"
        " type_code, start_month, transferred, status, created_at, updated_at FROM enrolments"
        " WHERE person_id = %ld", id2, pid);
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at)"
        " VALUES (%ld, %ld, '2022-06-01', 900000, '2022-06-01')", pid, id2);

    set_today("2022-11-20");
    ck_assert_int_eq(admin("settle 2022-11"), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-11-01' AND unit_id = %ld", twice, id1), types);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE unit_id = %ld", id2), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-11-01'", once), types);
    ck_assert_int_eq(totals_mismatches(id1, id2), 0);
    get_csv(&c1, "/query/payments?month=2022-11&type=310&format=csv", &r);
    ck_assert_msg(has(&r, "正常应缴,2,12000.00,") && has(&r, "合计,2,12000.00,"),
                  "payments: %.400s", r.body.p ? r.body.p : "");
    resp_free(&r);
    ck_assert_int_eq(admin("settle 2022-11"), 0);      /* again: nothing new, nothing added */
    ck_assert_int_eq(totals_mismatches(id1, id2), 0);
    get_csv(&c1, "/query/payments?month=2022-11&type=310&format=csv", &r);
    ck_assert(has(&r, "合计,2,12000.00,"));
    resp_free(&r);
    set_today("2022-09-20");
    client_free(&c1);
    client_free(&c2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("counts");
    TCase *t = tcase_create("kept");

    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, home_unit_and_roster_counts_follow_every_write);
    tcase_add_test(t, recount_puts_rows_written_by_hand_right);
    tcase_add_test(t, every_reader_sums_the_shards);
    tcase_add_test(t, settlement_totals_follow_the_rows_when_a_person_is_staged_twice);
    suite_add_tcase(s, t);
    return it_run(s);
}
