/*
 * Integration: the monthly settlement 正常应缴 (spec §6a; issue 4 items 2, 3
 * and the settlement tests of item 5) through `portal-admin settle` against
 * the real MariaDB: the deck's 缴费通知单 to the fen, idempotency, coverage by
 * start month and end date, back-paid months skipped, wage changes, clamping,
 * retirees and flexible employment not charged, rates and limits as data,
 * and the SQL's round-half-up proved equal to the rules library's
 * contribution() for many bases including the .5-fen edges.
 *
 * The settlement is city-wide: every assertion is scoped to this test's own
 * units and persons (other tests' persons may be charged too, as in real life).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "support/deck.h"
#include "rules/rules.h"

/* ---- helpers ----------------------------------------------------------------- */

/* Sum of a contributions column for one unit and month (type NULL = all types,
 * payment NULL = both payment types). */
static long long unit_sum(const char *col, const char *unit_no, const char *month,
                          const char *type, const char *payment)
{
    char tcond[64] = "", pcond[64] = "";

    if (type)
        snprintf(tcond, sizeof tcond, " AND c.type_code = '%s'", type);
    if (payment)
        snprintf(pcond, sizeof pcond, " AND c.payment_type = '%s'", payment);
    return sql_long("SELECT COALESCE(SUM(c.%s), 0) FROM contributions c JOIN units u ON u.id = c.unit_id"
                    " WHERE u.unit_no = '%s' AND c.month = '%s-01'%s%s",
                    col, unit_no, month, tcond, pcond);
}

static long unit_rows(const char *unit_no, const char *month)
{
    return sql_long("SELECT COUNT(*) FROM contributions c JOIN units u ON u.id = c.unit_id"
                    " WHERE u.unit_no = '%s' AND c.month = '%s-01'", unit_no, month);
}

/* Rows of one person (证件号码) in one month, and a column of one type. */
static long id_rows(const char *id_no, const char *month)
{
    return sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s' AND month = '%s-01'",
                    id_no, month);
}

static long long id_col(const char *id_no, const char *month, const char *type, const char *col)
{
    return sql_long("SELECT %s FROM contributions WHERE id_no = '%s' AND month = '%s-01'"
                    " AND type_code = '%s'", col, id_no, month, type);
}

static long total_rows(void)
{
    return sql_long("SELECT COUNT(*) FROM contributions");
}

/* Appends to a growing CSV text. */
struct text {
    char *p;
    size_t n, cap;
};

static void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int len;

    for (;;) {
        va_start(ap, fmt);
        len = vsnprintf(t->p ? t->p + t->n : NULL, t->p ? t->cap - t->n : 0, fmt, ap);
        va_end(ap);
        ck_assert_int_ge(len, 0);
        if (t->p && t->n + (size_t)len < t->cap)
            break;
        t->cap = (t->cap + (size_t)len + 1) * 2;
        t->p = realloc(t->p, t->cap);
        ck_assert_ptr_nonnull(t->p);
    }
    t->n += (size_t)len;
}

/* Runs `portal-admin settle` for each month from..to (YYYY-MM), with the
 * business date in that month's settlement period; asserts success. */
static void settle_months(int from_ym, int to_ym)
{
    for (int ym = from_ym; ym <= to_ym; ym++) {
        char m[8], today[32];
        format_month(m, ym);
        snprintf(today, sizeof today, "%s-07", m);
        set_today(today);
        ck_assert_msg(admin("settle %s", m) == 0, "settle %s failed", m);
    }
}

/* ---- the deck's 缴费通知单 (issue 4 item 3) ------------------------------------ */

/* The deck-like hospital: support/deck.h. */

START_TEST(deck_202208_settles_to_the_notice_figures_and_is_idempotent)
{
    static long long w[DECK_N];
    char unit[40], id[19];
    struct text csv = { 0 };
    long long sum = 0;
    long before;

    make_unit(unit, sizeof unit, "差额拨款事业单位", "结算测试医院");
    deck_wages(w);
    for (int i = 0; i < DECK_N; i++) {
        ck_assert(w[i] >= 4250 && w[i] <= 21821);
        sum += w[i];
        make_id(id, 1970 + i / 336, 1 + (i / 28) % 12, 1 + i % 28, i % 2);
        text_add(&csv, "%s,结算员工%d,%s,在职,2022-0%d,%lld,\n", id, i, unit, 1 + i % 8, w[i]);
    }
    ck_assert_int_eq(sum, DECK_TOTAL_YUAN);
    ck_assert_int_eq(import_persons(csv.p, NULL), 0);
    free(csv.p);

    set_today("2022-08-07");
    ck_assert_int_eq(admin("settle 2022-08"), 0);

    ck_assert_int_eq(unit_rows(unit, "2022-08"), DECK_N * 6);
    ck_assert_int_eq(unit_sum("unit_fen", unit, "2022-08", "310", "正常应缴"), 79141818);
    ck_assert_int_eq(unit_sum("person_fen", unit, "2022-08", "310", "正常应缴"), 26380606);
    ck_assert_int_eq(unit_sum("account_fen", unit, "2022-08", "310", "正常应缴"), 26380606);
    ck_assert_int_eq(unit_sum("person_fen", unit, "2022-08", "330", NULL), 740000);
    ck_assert_int_eq(unit_sum("unit_fen", unit, "2022-08", "330", NULL), 0);
    ck_assert_int_eq(unit_sum("unit_fen", unit, "2022-08", "340", NULL), 13190303);
    ck_assert_int_eq(unit_sum("unit_fen", unit, "2022-08", "510", NULL), 10552165);
    ck_assert_int_eq(unit_sum("unit_fen", unit, "2022-08", "410", NULL) +
                     unit_sum("person_fen", unit, "2022-08", "410", NULL) +
                     unit_sum("unit_fen", unit, "2022-08", "350", NULL) +
                     unit_sum("person_fen", unit, "2022-08", "350", NULL), 0);
    ck_assert_int_eq(unit_sum("unit_fen", unit, "2022-08", NULL, NULL) +
                     unit_sum("person_fen", unit, "2022-08", NULL, NULL), 130004892);
    /* 单位缴费基数总额 of 310 is the wage total */
    ck_assert_int_eq(unit_sum("base_fen", unit, "2022-08", "310", NULL), DECK_TOTAL_YUAN * 100);

    /* idempotent: a second run inserts nothing and changes nothing */
    before = total_rows();
    ck_assert_int_eq(admin("settle 2022-08"), 0);
    ck_assert_int_eq(total_rows(), before);
    ck_assert_int_eq(unit_sum("unit_fen", unit, "2022-08", NULL, NULL) +
                     unit_sum("person_fen", unit, "2022-08", NULL, NULL), 130004892);
}
END_TEST

/* ---- coverage, back-payment, wages, kinds ---------------------------------------- */

static long person_id_of(const char *id_no)
{
    return sql_long("SELECT MIN(id) FROM persons WHERE id_no = '%s'", id_no);
}

START_TEST(enrolment_ending_at_c_minus_1_is_not_charged_for_c)
{
    char unit[40], a[19], b[19], rows[512];

    make_unit(unit, sizeof unit, "企业", "结算减员测试公司");
    make_id(a, 1985, 3, 4, 1);
    make_id(b, 1986, 4, 5, 0);
    snprintf(rows, sizeof rows, "%s,减员甲,%s,在职,2022-09,6000,\n%s,减员乙,%s,在职,2022-09,6000,\n",
             a, unit, b, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    /* a stopped in the 2022-12 period with end date = last day of C-1 = 2022-11-30;
     * b with a mid-month legacy end date, which does not cover its month */
    sql("UPDATE enrolments SET end_date = '2022-11-30', status = '暂停缴费', stop_reason = '离职'"
        " WHERE person_id = %ld", person_id_of(a));
    sql("UPDATE enrolments SET end_date = '2022-11-15', status = '暂停缴费', stop_reason = '离职'"
        " WHERE person_id = %ld", person_id_of(b));
    settle_months(ym_make(2022, 9), ym_make(2022, 12));
    ck_assert_int_eq(id_rows(a, "2022-09"), 6);
    ck_assert_int_eq(id_rows(a, "2022-11"), 6);
    ck_assert_int_eq(id_rows(a, "2022-12"), 0);
    ck_assert_int_eq(id_rows(b, "2022-10"), 6);
    ck_assert_int_eq(id_rows(b, "2022-11"), 0);
    ck_assert_int_eq(id_rows(b, "2022-12"), 0);
}
END_TEST

START_TEST(stopped_then_reenrolled_is_charged_only_for_covered_months)
{
    char unit[40], other[40], id[19], rows[512];
    long pid;

    make_unit(unit, sizeof unit, "企业", "结算再参保测试公司");
    make_unit(other, sizeof other, "企业", "结算再参保新单位");
    make_id(id, 1988, 6, 7, 1);
    snprintf(rows, sizeof rows, "%s,再参保丙,%s,在职,2022-06,7000,\n", id, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    pid = person_id_of(id);
    /* stopped at 2022-07-31 in the first unit, enrolled again from 2022-10 in
     * another unit at a new wage */
    sql("UPDATE enrolments SET end_date = '2022-07-31', status = '暂停缴费', stop_reason = '离职'"
        " WHERE person_id = %ld", pid);
    sql("INSERT INTO enrolments (person_id, unit_id, kind, person_type, type_code, start_month,"
        " created_at, updated_at) SELECT person_id, (SELECT id FROM units WHERE unit_no = '%s'),"
        " kind, person_type, type_code, '2022-10-01', created_at, updated_at FROM enrolments"
        " WHERE person_id = %ld", other, pid);
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at)"
        " SELECT %ld, id, '2022-10-01', 900000, '2022-09-20' FROM units WHERE unit_no = '%s'",
        pid, other);
    settle_months(ym_make(2022, 6), ym_make(2022, 12));
    ck_assert_int_eq(id_rows(id, "2022-06"), 6);
    ck_assert_int_eq(id_rows(id, "2022-07"), 6);
    ck_assert_int_eq(id_rows(id, "2022-08"), 0);
    ck_assert_int_eq(id_rows(id, "2022-09"), 0);
    ck_assert_int_eq(id_rows(id, "2022-10"), 6);
    ck_assert_int_eq(id_rows(id, "2022-12"), 6);
    ck_assert_int_eq(id_col(id, "2022-07", "310", "base_fen"), 700000);
    ck_assert_int_eq(id_col(id, "2022-10", "310", "base_fen"), 900000);
    ck_assert_int_eq(unit_rows(unit, "2022-10"), 0);
    ck_assert_int_eq(unit_rows(other, "2022-10"), 6);
    ck_assert_int_eq(unit_rows(other, "2022-07"), 0);
}
END_TEST

START_TEST(back_paid_month_is_not_charged_again)
{
    char unit[40], id[19], rows[512];
    long pid;

    make_unit(unit, sizeof unit, "企业", "结算补缴测试公司");
    make_id(id, 1990, 7, 8, 0);
    snprintf(rows, sizeof rows, "%s,补缴丁,%s,在职,2022-09,8000,\n", id, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    pid = person_id_of(id);
    /* 2022-10 back-paid (职工补缴核定) in 310 and 340 at another base */
    sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
        " base_fen, unit_fen, person_fen, account_fen, created_at)"
        " SELECT '%s', '2022-10-01', t.code, %ld, u.id, '补缴', 555500, 11, 22, 22, '2022-10-20'"
        " FROM units u JOIN insurance_types t ON t.code IN ('310', '340') WHERE u.unit_no = '%s'",
        id, pid, unit);
    settle_months(ym_make(2022, 10), ym_make(2022, 10));
    ck_assert_int_eq(id_rows(id, "2022-10"), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s' AND month = '2022-10-01'"
                              " AND payment_type = '补缴'", id), 2);
    ck_assert_int_eq(id_col(id, "2022-10", "310", "unit_fen"), 11);
    ck_assert_int_eq(id_col(id, "2022-10", "340", "base_fen"), 555500);
    ck_assert_int_eq(id_col(id, "2022-10", "510", "unit_fen"), 6400);   /* 8000 x 0.8% */
    ck_assert_int_eq(id_col(id, "2022-10", "330", "person_fen"), 500);
}
END_TEST

START_TEST(wage_in_force_changes_from_its_month)
{
    char unit[40], a[19], b[19], rows[512];

    make_unit(unit, sizeof unit, "企业", "结算工资变更测试公司");
    make_id(a, 1984, 8, 9, 1);
    make_id(b, 1983, 9, 10, 0);
    snprintf(rows, sizeof rows, "%s,工资戊,%s,在职,2022-09,5000,\n%s,工资己,%s,在职,2022-09,6000,\n",
             a, unit, b, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    /* a: a new wage from 2022-11, and two rows for 2022-12 (the newer wins) */
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at) SELECT %ld, id,"
        " '2022-11-01', 800055, '2022-10-20' FROM units WHERE unit_no = '%s'", person_id_of(a), unit);
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at) SELECT %ld, id,"
        " '2022-12-01', 610000, '2022-11-20' FROM units WHERE unit_no = '%s'", person_id_of(a), unit);
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at) SELECT %ld, id,"
        " '2022-12-01', 620000, '2022-11-21' FROM units WHERE unit_no = '%s'", person_id_of(a), unit);
    /* b: the enrolment back-dated before its first declared wage (from 2022-11):
     * the months before it use that first wage */
    sql("UPDATE wages SET from_month = '2022-11-01', wage_fen = 650000 WHERE person_id = %ld",
        person_id_of(b));
    settle_months(ym_make(2022, 9), ym_make(2022, 12));
    ck_assert_int_eq(id_col(a, "2022-10", "310", "base_fen"), 500000);
    ck_assert_int_eq(id_col(a, "2022-11", "310", "base_fen"), 800055);
    ck_assert_int_eq(id_col(a, "2022-11", "310", "unit_fen"), 48003);    /* 48003.3 */
    ck_assert_int_eq(id_col(a, "2022-11", "510", "unit_fen"), 6400);     /* 6400.44 */
    ck_assert_int_eq(id_col(a, "2022-12", "310", "base_fen"), 620000);
    ck_assert_int_eq(id_col(b, "2022-09", "310", "base_fen"), 650000);
    ck_assert_int_eq(id_col(b, "2022-12", "310", "base_fen"), 650000);
}
END_TEST

/* 022_galera_hot: two wage rows of one month are told apart by when they
 * were entered (entered_us), never by id (Galera interleaves the ids of its
 * nodes): the row entered later wins even with the smaller id, in the
 * settlement and in the roster's 月申报工资 in force. */
START_TEST(wage_rows_of_one_month_ordered_by_entry_not_by_id)
{
    char unit[40], a[19], rows[512], path[96];
    long uid;
    struct client c;
    struct resp r;

    set_today("2022-12-15");
    make_unit_logged_in(unit, sizeof unit, "企业", "结算工资次序测试公司", &uid, &c);
    make_id(a, 1982, 10, 11, 1);
    snprintf(rows, sizeof rows, "%s,次序壬,%s,在职,2022-09,5000,\n", a, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    /* the later entry first (smaller id), then the earlier one (larger id) */
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at, entered_us)"
        " VALUES (%ld, %ld, '2022-12-01', 620000, '2022-11-20', 3000000000000000)",
        person_id_of(a), uid);
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at, entered_us)"
        " VALUES (%ld, %ld, '2022-12-01', 610000, '2022-11-20', 2000000000000000)",
        person_id_of(a), uid);
    ck_assert_int_eq(sql_long("SELECT wage_fen FROM wages WHERE person_id = %ld"
                              " ORDER BY id DESC LIMIT 1", person_id_of(a)), 610000);
    settle_months(ym_make(2022, 12), ym_make(2022, 12));
    ck_assert_int_eq(id_col(a, "2022-12", "310", "base_fen"), 620000);
    ck_assert_int_eq(id_col(a, "2022-12", "310", "wage_fen"), 620000);
    snprintf(path, sizeof path, "/query/roster?id_no=%s&format=csv", a);
    get_csv(&c, path, &r);
    ck_assert_msg(has(&r, "6200.00") && !has(&r, "6100.00"), "roster: %.400s",
                  r.body.p ? r.body.p : "");
    resp_free(&r);
    client_free(&c);
    set_today("");
}
END_TEST

START_TEST(wage_is_clamped_to_the_month_year_limits)
{
    char unit[40], lo[19], hi[19], rows[512];

    make_unit(unit, sizeof unit, "企业", "结算上下限测试公司");
    make_id(lo, 1987, 10, 11, 1);
    make_id(hi, 1986, 11, 12, 0);
    snprintf(rows, sizeof rows, "%s,下限庚,%s,在职,2022-12,3000,\n%s,上限辛,%s,在职,2022-12,30000,\n",
             lo, unit, hi, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    settle_months(ym_make(2022, 12), ym_make(2023, 1));
    /* 2022: 4,250-21,821; 2023: 4,250-22,470 */
    ck_assert_int_eq(id_col(lo, "2022-12", "310", "base_fen"), 425000);
    ck_assert_int_eq(id_col(hi, "2022-12", "310", "base_fen"), 2182100);
    ck_assert_int_eq(id_col(hi, "2022-12", "310", "unit_fen"), 130926);
    ck_assert_int_eq(id_col(lo, "2023-01", "310", "base_fen"), 425000);
    ck_assert_int_eq(id_col(hi, "2023-01", "310", "base_fen"), 2247000);
    ck_assert_int_eq(id_col(hi, "2023-01", "310", "unit_fen"), 134820);
    ck_assert_int_eq(id_col(hi, "2023-01", "310", "person_fen"), 44940);
    ck_assert_int_eq(id_col(hi, "2023-01", "310", "account_fen"), 44940);
    ck_assert_int_eq(id_col(hi, "2023-01", "510", "unit_fen"), 17976);
}
END_TEST

START_TEST(retirees_and_flexible_are_not_charged_civil_servants_pay_320)
{
    char hosp[40], gov[40], ret[19], flex[19], civil[19], tr[19], rows[1024];

    make_unit(hosp, sizeof hosp, "差额拨款事业单位", "结算退休测试医院");
    make_unit(gov, sizeof gov, "机关", "结算测试机关");
    make_id(ret, 1955, 1, 2, 1);
    make_id(flex, 1980, 2, 3, 0);
    make_id(civil, 1981, 3, 4, 1);
    make_id(tr, 1982, 4, 5, 0);
    snprintf(rows, sizeof rows,
             "%s,退休壬,%s,退休,2022-09,,,,2015-01,,,\n"
             "%s,灵活癸,,灵活就业,2022-09,5000,,,,,,\n"
             "%s,公务员子,%s,在职,2022-09,10000,,,,,,公务员\n"
             "%s,转移丑,%s,转移,2022-09,5000,,,,,,\n",
             ret, hosp, flex, civil, gov, tr, hosp);
    ck_assert_int_eq(import_persons(rows, "参加工作时间,退休年月,居住地,生存状态,人员类别"), 0);
    settle_months(ym_make(2022, 10), ym_make(2022, 10));
    ck_assert_int_eq(id_rows(ret, "2022-10"), 0);
    ck_assert_int_eq(id_rows(flex, "2022-10"), 0);
    ck_assert_int_eq(id_rows(civil, "2022-10"), 7);
    ck_assert_int_eq(id_col(civil, "2022-10", "320", "unit_fen"), 40000);   /* 4% provisional */
    ck_assert_int_eq(id_rows(tr, "2022-10"), 6);
    ck_assert_int_eq(unit_rows(hosp, "2022-10"), 6);
}
END_TEST

START_TEST(settle_refuses_a_month_whose_settlement_has_not_begun)
{
    char unit[40], id[19], rows[512];

    make_unit(unit, sizeof unit, "企业", "结算期测试公司");
    make_id(id, 1989, 5, 6, 1);
    snprintf(rows, sizeof rows, "%s,结算期寅,%s,在职,2023-03,5000,\n", id, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    set_today("2023-04-06 16:59");
    ck_assert_int_ne(admin("settle 2023-04"), 0);
    ck_assert_int_eq(id_rows(id, "2023-04"), 0);
    /* without a month: the latest month whose settlement has begun (2023-03) */
    ck_assert_int_eq(admin("settle"), 0);
    ck_assert_int_eq(id_rows(id, "2023-03"), 6);
    ck_assert_int_eq(id_rows(id, "2023-04"), 0);
    set_today("2023-04-06 17:00");
    ck_assert_int_eq(admin("settle"), 0);
    ck_assert_int_eq(id_rows(id, "2023-04"), 6);
    /* malformed month */
    ck_assert_int_ne(admin("settle 2023-4"), 0);
}
END_TEST

/* Through the portal: /enroll back-pays S..C-1 (补缴), the settlement of C-1
 * (re-run) leaves those rows alone, /stop with end C-1 ends the charge (the
 * deck's example: enrolled 9.20 with start September, stopped 9.21 with end
 * 9.30: no October contribution, September kept as back-payment). */
static long post_form(struct client *c, const char *path, const char *body)
{
    struct resp r;
    long st;

    ck_assert_int_eq(http_get(c, path, &r), 200);     /* a fresh csrf token */
    resp_free(&r);
    st = http_post(c, path, body, 1, &r);
    resp_free(&r);
    return st;
}

START_TEST(portal_back_pay_is_kept_and_stop_ends_the_charge)
{
    struct client c;
    char unit[40], a[19], b[19], body[512];
    char *name_a = urlenc("门户甲"), *name_b = urlenc("门户乙"), *reason = urlenc("离职");

    make_unit(unit, sizeof unit, "企业", "结算门户测试公司");
    make_id(a, 1992, 2, 3, 1);
    make_id(b, 1993, 3, 4, 0);
    client_init(&c);
    ck_assert(login(&c, unit, PW));
    set_today("2022-09-20");                       /* period 2022-10 */
    snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13800000001&wage=6000&start_month=2022-09",
             a, name_a);
    ck_assert_int_eq(post_form(&c, "/enroll", body), 303);
    snprintf(body, sizeof body, "id_no=%s&name=%s&phone=13800000002&wage=7000.50&start_month=2022-08",
             b, name_b);
    ck_assert_int_eq(post_form(&c, "/enroll", body), 303);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND payment_type = '补缴'", a), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND payment_type = '补缴'", b), 12);

    /* 2022-09's settlement began on 09-06 17:00: running it (again) charges nothing more */
    ck_assert_int_eq(admin("settle 2022-09"), 0);
    ck_assert_int_eq(id_rows(a, "2022-09"), 6);
    ck_assert_int_eq(id_rows(b, "2022-09"), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no IN ('%s', '%s')"
                              " AND payment_type = '正常应缴'", a, b), 0);

    set_today("2022-09-21");
    snprintf(body, sizeof body, "id_no=%s&end_date=2022-09-30&reason=%s", a, reason);
    ck_assert_int_eq(post_form(&c, "/stop", body), 303);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date = '2022-09-30'", a), 6);

    settle_months(ym_make(2022, 10), ym_make(2022, 10));
    ck_assert_int_eq(id_rows(a, "2022-10"), 0);
    ck_assert_int_eq(id_rows(a, "2022-09"), 6);     /* September stays back-paid */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-09-01' AND payment_type = '补缴'", a), 6);
    ck_assert_int_eq(id_rows(b, "2022-10"), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-10-01' AND payment_type = '正常应缴'", b), 6);
    ck_assert_int_eq(id_col(b, "2022-10", "310", "base_fen"), 700050);
    ck_assert_int_eq(id_col(b, "2022-10", "310", "unit_fen"), 42003);    /* 42003.0 */
    ck_assert_int_eq(id_col(b, "2022-10", "510", "unit_fen"), 5600);     /* 5600.4 */
    client_free(&c);
    free(name_a);
    free(name_b);
    free(reason);
}
END_TEST

/* ---- rates and limits are data; SQL rounding = contribution() ------------------------ */

/* 2030 and 2031 get limits of their own, and every type a new rate from
 * 2031-01 (the open 2022 rows are closed at 2030-12); restored afterwards. */
static const struct rate rates_2031[] = {
    {310, 613, 237, 0, 0, 10000},
    {330, 0, 0, 0, 523, 0},
    {340, 111, 0, 0, 0, 0},
    {510, 87, 0, 0, 0, 0},
    {410, 25, 35, 0, 0, 0},
    {350, 0, 0, 300, 0, 0},
    {320, 450, 0, 0, 0, 0},
};
#define NRATES (sizeof rates_2031 / sizeof rates_2031[0])

static void data_setup(void)
{
    sql("DELETE FROM rates WHERE from_month >= '2030-01-01'");
    sql("DELETE FROM base_limits WHERE from_month >= '2030-01-01'");
    sql("INSERT INTO base_limits (from_month, to_month, lower_fen, upper_fen, provisional) VALUES"
        " ('2030-01-01', '2030-12-01', 460000, 2400000, 1), ('2031-01-01', '2031-12-01', 500000, 2500000, 1)");
    sql("UPDATE rates SET to_month = '2030-12-01' WHERE to_month IS NULL");
    for (size_t i = 0; i < NRATES; i++) {
        const struct rate *r = &rates_2031[i];
        sql("INSERT INTO rates (type_code, from_month, to_month, unit_bp, person_bp, unit_fixed_fen,"
            " person_fixed_fen, person_to_account, provisional, note) VALUES ('%d', '2031-01-01', NULL,"
            " %d, %d, %lld, %lld, %d, 1, 'it_settle')", r->type_code, r->unit_bp, r->person_bp,
            r->unit_fixed_fen, r->person_fixed_fen, r->account_bp ? 1 : 0);
    }
}

static void data_teardown(void)
{
    sql("DELETE FROM rates WHERE from_month >= '2031-01-01' AND note = 'it_settle'");
    sql("UPDATE rates SET to_month = NULL WHERE to_month = '2030-12-01'");
    sql("DELETE FROM base_limits WHERE from_month >= '2030-01-01'");
    set_today("");
}

/* Bases whose products with a basis-point rate fall on the .5-fen edge
 * (remainder 5000 of 10000) or one either side, plus the limits' edges and a
 * pseudo-random spread. */
static size_t edge_wages(long long *w, size_t max)
{
    static const int bps[] = { 613, 237, 111, 87, 25, 35, 450, 600, 200, 100, 80 };
    static const long long fixed[] = { 1, 100, 459999, 460000, 460001, 499999, 500000, 500001,
                                       2399999, 2400000, 2400001, 2499999, 2500000, 2500001,
                                       99999999 };
    unsigned long long x = 20310107ULL;
    size_t n = 0;

    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && n < max; i++)
        w[n++] = fixed[i];
    for (size_t i = 0; i < sizeof bps / sizeof bps[0]; i++)
        for (int want = 4999; want <= 5001; want++)
            for (long long b = 600000 + (long long)i * 77777; b < 600000 + (long long)i * 77777 + 20000; b++)
                if ((b * bps[i]) % 10000 == want && n < max) {
                    w[n++] = b;
                    break;
                }
    while (n < max && n < 60) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        w[n++] = 300000 + (long long)((x >> 33) % 2500000);
    }
    return n;
}

START_TEST(sql_rounding_equals_contribution_and_rates_follow_the_month)
{
    char unit[40], ids[80][19];
    long long w[80];
    struct text csv = { 0 };
    size_t n = edge_wages(w, 80);
    int months[2] = { ym_make(2030, 12), ym_make(2031, 1) };
    long long lows[2] = { 460000, 500000 }, highs[2] = { 2400000, 2500000 };
    long checked = 0;

    make_unit(unit, sizeof unit, "机关", "结算费率测试机关");
    for (size_t i = 0; i < n; i++) {
        char yuan[FORMAT_FEN_MAX];
        make_id(ids[i], 1975 + (int)i / 28, 1 + (int)i % 12, 1 + (int)i % 28, (int)i % 2);
        format_fen(yuan, sizeof yuan, w[i]);
        /* the import refuses 0 and more than 1,000,000 yuan: keep those bases
         * in, writing the wage row directly below */
        text_add(&csv, "%s,费率%zu,%s,在职,2030-12,%s,,,,,,公务员\n", ids[i], i, unit,
                 w[i] >= 1 && w[i] <= 100000000 ? yuan : "5000");
    }
    ck_assert_int_eq(import_persons(csv.p, "参加工作时间,退休年月,居住地,生存状态,人员类别"), 0);
    free(csv.p);
    for (size_t i = 0; i < n; i++)
        sql("UPDATE wages SET wage_fen = %lld WHERE person_id = %ld", w[i], person_id_of(ids[i]));

    settle_months(months[0], months[1]);
    for (int k = 0; k < 2; k++) {
        char m[8];
        format_month(m, months[k]);
        ck_assert_int_eq(unit_rows(unit, m), (long)n * 7);
        for (size_t i = 0; i < n; i++) {
            long long base = clamp_wage(w[i], lows[k], highs[k], NULL);
            for (size_t t = 0; t < NRATES; t++) {
                struct rate r;
                struct amounts a;
                char code[4];
                if (k == 0)
                    ck_assert_int_eq(rate_default(rates_2031[t].type_code, &r), 0);
                else
                    r = rates_2031[t];
                if (k == 0 && r.type_code == 320)
                    r.unit_bp = 400;    /* 002's provisional 320 rate */
                contribution(&r, base, &a);
                snprintf(code, sizeof code, "%d", r.type_code);
                ck_assert_msg(id_col(ids[i], m, code, "base_fen") == base, "%s %s base", m, code);
                ck_assert_msg(id_col(ids[i], m, code, "unit_fen") == a.unit_fen,
                              "%s %s wage %lld: unit %lld", m, code, w[i], a.unit_fen);
                ck_assert_msg(id_col(ids[i], m, code, "person_fen") == a.person_fen,
                              "%s %s wage %lld: person %lld", m, code, w[i], a.person_fen);
                ck_assert_msg(id_col(ids[i], m, code, "account_fen") == a.account_fen,
                              "%s %s wage %lld: account %lld", m, code, w[i], a.account_fen);
                checked++;
            }
        }
    }
    ck_assert_int_eq(checked, (long)n * 7 * 2);
}
END_TEST

START_TEST(missing_reference_data_refuses_and_writes_nothing)
{
    char unit[40], id[19], rows[512];
    long before;

    make_unit(unit, sizeof unit, "企业", "结算参考数据测试公司");
    make_id(id, 1991, 1, 9, 0);
    snprintf(rows, sizeof rows, "%s,参考卯,%s,在职,2031-06,5000,\n", id, unit);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    /* 2032 has no limits */
    set_today("2032-01-07");
    before = total_rows();
    ck_assert_int_ne(admin("settle 2032-01"), 0);
    ck_assert_int_eq(total_rows(), before);
    /* 2031-07 with two rates rows for 340 covering it: ambiguous, refused */
    sql("INSERT INTO rates (type_code, from_month, to_month, unit_bp, note) VALUES"
        " ('340', '2031-07-01', '2031-07-01', 100, 'it_settle')");
    ck_assert_int_ne(admin("settle 2031-07"), 0);
    ck_assert_int_eq(total_rows(), before);
    sql("DELETE FROM rates WHERE type_code = '340' AND from_month = '2031-07-01'");
    ck_assert_int_eq(admin("settle 2031-07"), 0);
    ck_assert_int_eq(id_rows(id, "2031-07"), 6);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("settle");
    TCase *t = tcase_create("settlement");
    TCase *d = tcase_create("reference_data");

    curl_global_init(CURL_GLOBAL_ALL);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, deck_202208_settles_to_the_notice_figures_and_is_idempotent);
    tcase_add_test(t, enrolment_ending_at_c_minus_1_is_not_charged_for_c);
    tcase_add_test(t, stopped_then_reenrolled_is_charged_only_for_covered_months);
    tcase_add_test(t, wage_rows_of_one_month_ordered_by_entry_not_by_id);
    tcase_add_test(t, back_paid_month_is_not_charged_again);
    tcase_add_test(t, wage_in_force_changes_from_its_month);
    tcase_add_test(t, wage_is_clamped_to_the_month_year_limits);
    tcase_add_test(t, retirees_and_flexible_are_not_charged_civil_servants_pay_320);
    tcase_add_test(t, settle_refuses_a_month_whose_settlement_has_not_begun);
    tcase_add_test(t, portal_back_pay_is_kept_and_stop_ends_the_charge);
    suite_add_tcase(s, t);
    tcase_set_timeout(d, 300);
    tcase_add_checked_fixture(d, data_setup, data_teardown);
    tcase_add_test(d, sql_rounding_equals_contribution_and_rates_follow_the_month);
    tcase_add_test(d, missing_reference_data_refuses_and_writes_nothing);
    suite_add_tcase(s, d);
    return it_run(s);
}
