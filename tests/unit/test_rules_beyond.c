/*
 * Unit: the decisions of spec §7a (rules/beyond.h) — 补缴删除: which run of
 * back-paid months may be deleted, where the enrolment's start moves, and
 * when its rows are removed instead.
 */
#include <string.h>
#include "unit.h"
#include "rules/rules.h"

#define YM(y, m) ((y) * 12 + (m) - 1)
#define BP(y, m) {YM(y, m), 1, 1}    /* 补缴 of this period */
#define OLD(y, m) {YM(y, m), 1, 0}   /* 补缴 of an earlier period */
#define SET(y, m) {YM(y, m), 0, 0}   /* 正常应缴 */

static const struct {
    const char *what;
    struct charged_month months[8];
    size_t n;
    int from, to, C, ended;
    enum msg_id msg;
    int ndelete, new_start, remove;
} cases[] = {
    {"deck: enrolled 9.20 from 9, stopped 9.30, September deleted: rows removed",
     {BP(2022, 9)}, 1, YM(2022, 9), YM(2022, 9), YM(2022, 10), 1, MSG_OK, 1, YM(2022, 10), 1},
    {"the whole run of an active enrolment: start moves to C",
     {BP(2022, 7), BP(2022, 8), BP(2022, 9)}, 3, YM(2022, 7), YM(2022, 9), YM(2022, 10), 0,
     MSG_OK, 3, YM(2022, 10), 0},
    {"the first two of three: start moves to the first month kept",
     {BP(2022, 7), BP(2022, 8), BP(2022, 9)}, 3, YM(2022, 7), YM(2022, 8), YM(2022, 10), 1,
     MSG_OK, 2, YM(2022, 9), 0},
    {"a month charged elsewhere in between: start moves to the next month kept",
     {BP(2022, 7), BP(2022, 9)}, 2, YM(2022, 7), YM(2022, 8), YM(2022, 10), 0,
     MSG_OK, 1, YM(2022, 9), 0},
    {"ended at the end of C, all deleted: start C, kept",
     {BP(2022, 9)}, 1, YM(2022, 9), YM(2022, 9), YM(2022, 10), 0, MSG_OK, 1, YM(2022, 10), 0},
    {"a run not starting at the earliest month",
     {BP(2022, 7), BP(2022, 8), BP(2022, 9)}, 3, YM(2022, 8), YM(2022, 9), YM(2022, 10), 0,
     MSG_BACKPAY_DELETE_NOT_FIRST, 0, 0, 0},
    {"settled months before the 补缴 ones",
     {SET(2022, 6), BP(2022, 9)}, 2, YM(2022, 9), YM(2022, 9), YM(2022, 10), 0,
     MSG_BACKPAY_DELETE_NOT_FIRST, 0, 0, 0},
    {"补缴 of an earlier period",
     {OLD(2022, 3), OLD(2022, 4), SET(2022, 5)}, 3, YM(2022, 3), YM(2022, 4), YM(2022, 10), 0,
     MSG_BACKPAY_DELETE_EARLIER, 0, 0, 0},
    {"a run reaching a settled month",
     {BP(2022, 8), SET(2022, 9)}, 2, YM(2022, 8), YM(2022, 9), YM(2022, 10), 0,
     MSG_BACKPAY_DELETE_EARLIER, 0, 0, 0},
    {"from after to",
     {BP(2022, 7), BP(2022, 8)}, 2, YM(2022, 8), YM(2022, 7), YM(2022, 10), 0,
     MSG_BACKPAY_DELETE_NONE, 0, 0, 0},
    {"no 补缴 month in the run",
     {BP(2022, 7)}, 1, YM(2022, 3), YM(2022, 4), YM(2022, 10), 0, MSG_BACKPAY_DELETE_NONE, 0, 0, 0},
    {"no months at all", {{0, 0, 0}}, 0, YM(2022, 7), YM(2022, 7), YM(2022, 10), 0,
     MSG_BACKPAY_DELETE_NONE, 0, 0, 0},
};

START_TEST(rule_backpay_delete_decide)
{
    struct backpay_delete_in in;
    struct backpay_delete_out out;
    enum msg_id m;

    memset(&in, 0, sizeof in);
    in.months = cases[_i].months;
    in.n = cases[_i].n;
    in.from = cases[_i].from;
    in.to = cases[_i].to;
    in.C = cases[_i].C;
    in.ended_before_C = cases[_i].ended;
    m = backpay_delete_decide(&in, &out);
    ck_assert_msg(m == cases[_i].msg, "%s: %s", cases[_i].what, msg_name(m));
    if (m != MSG_OK)
        return;
    ck_assert_msg(out.ndelete == cases[_i].ndelete, "%s: ndelete %d", cases[_i].what, out.ndelete);
    ck_assert_msg(out.new_start == cases[_i].new_start, "%s: start", cases[_i].what);
    ck_assert_msg(out.remove == cases[_i].remove, "%s: remove %d", cases[_i].what, out.remove);
}
END_TEST

static const struct {
    const char *what;
    struct backpay_add_facts f;
    enum msg_id msg;
} add_cases[] = {
    /* S, C, max, base records, insured here, start, elsewhere */
    {"six months before C", {YM(2022, 4), YM(2022, 10), 6, 1, 1, YM(2022, 9), 0}, MSG_OK},
    {"seven months before C", {YM(2022, 3), YM(2022, 10), 6, 1, 1, YM(2022, 9), 0},
     MSG_ENROLL_TOO_EARLY},
    {"too early decides before the facts", {YM(2022, 3), YM(2022, 10), 6, 2, 0, 0, 1},
     MSG_ENROLL_TOO_EARLY},
    {"several base records", {YM(2022, 8), YM(2022, 10), 6, 2, 1, YM(2022, 9), 0},
     MSG_DUPLICATE_BASE},
    {"no base record", {YM(2022, 8), YM(2022, 10), 6, 0, 0, 0, 0}, MSG_STOP_NOT_INSURED},
    {"not insured here", {YM(2022, 8), YM(2022, 10), 6, 1, 0, 0, 0}, MSG_STOP_NOT_INSURED},
    {"S at the start: nothing", {YM(2022, 9), YM(2022, 10), 6, 1, 1, YM(2022, 9), 0},
     MSG_BACKPAY_ADD_NONE},
    {"S after the start: nothing", {YM(2022, 10), YM(2022, 10), 6, 1, 1, YM(2022, 9), 0},
     MSG_BACKPAY_ADD_NONE},
    {"another unit insured in a month", {YM(2022, 5), YM(2022, 10), 6, 1, 1, YM(2022, 9), 1},
     MSG_ENROLL_INSURED_ELSEWHERE},
    {"the policy's limit", {YM(2022, 7), YM(2022, 10), 3, 1, 1, YM(2022, 9), 0}, MSG_OK},
    {"the policy's limit, one more", {YM(2022, 6), YM(2022, 10), 3, 1, 1, YM(2022, 9), 0},
     MSG_ENROLL_TOO_EARLY},
};

START_TEST(rule_backpay_add_decide)
{
    enum msg_id m = backpay_add_decide(&add_cases[_i].f);
    ck_assert_msg(m == add_cases[_i].msg, "%s: %s", add_cases[_i].what, msg_name(m));
}
END_TEST

/* ---- 零星基数调整 ---- */

static const struct {
    const char *what;
    struct adjust_facts f;
    enum msg_id msg;
} adjust_cases[] = {
    /* F, C, base records, insured here, start */
    {"F = C", {YM(2023, 3), YM(2023, 3), 1, 1, YM(2022, 1)}, MSG_OK},
    {"F after C", {YM(2023, 4), YM(2023, 3), 1, 1, YM(2022, 1)}, MSG_ADJUST_LATE},
    {"F January of the year of C-1", {YM(2023, 1), YM(2023, 3), 1, 1, YM(2020, 1)}, MSG_OK},
    {"F December before it", {YM(2022, 12), YM(2023, 3), 1, 1, YM(2020, 1)}, MSG_ADJUST_EARLY},
    {"C January: C-1 is last year", {YM(2022, 1), YM(2023, 1), 1, 1, YM(2020, 1)}, MSG_OK},
    {"C January: two years back", {YM(2021, 12), YM(2023, 1), 1, 1, YM(2020, 1)}, MSG_ADJUST_EARLY},
    {"several base records", {YM(2023, 1), YM(2023, 3), 2, 1, YM(2022, 1)}, MSG_DUPLICATE_BASE},
    {"not insured here", {YM(2023, 1), YM(2023, 3), 1, 0, 0}, MSG_STOP_NOT_INSURED},
    {"no base record", {YM(2023, 1), YM(2023, 3), 0, 0, 0}, MSG_STOP_NOT_INSURED},
    {"F before the start", {YM(2023, 1), YM(2023, 3), 1, 1, YM(2023, 2)}, MSG_ADJUST_BEFORE_START},
    {"F at the start", {YM(2023, 2), YM(2023, 3), 1, 1, YM(2023, 2)}, MSG_OK},
};

START_TEST(rule_adjust_decide)
{
    enum msg_id m = adjust_decide(&adjust_cases[_i].f);
    ck_assert_msg(m == adjust_cases[_i].msg, "%s: %s", adjust_cases[_i].what, msg_name(m));
}
END_TEST

/* 2023 limits changed in July: 4,000.00..20,000.00, then 4,500.00..22,000.00;
 * 310 at 6% / 2% (all to the account), 330 a fixed 5.00. */
static const struct limit_period adj_limits[] = {
    {YM(2023, 1), YM(2023, 6), 400000, 2000000},
    {YM(2023, 7), -1, 450000, 2200000},
};
static const struct rate_period adj_rates[] = {
    {YM(2023, 1), -1, {INS_BASIC, 600, 200, 0, 0, 10000}},
    {YM(2023, 1), -1, {INS_LARGE, 0, 0, 0, 500, 0}},
};
static const struct ref_tables adj_tables = {adj_limits, 2, adj_rates, 2};

/* charged at 4,200.00: June at 4,200 (6%: 252.00, 2%: 84.00), July at the
 * new lower limit 4,500 (270.00, 90.00); 330 5.00 each */
#define HAVE(m, base) {YM(2023, m), INS_BASIC, 420000, base, base * 6 / 100, base * 2 / 100, base * 2 / 100}
#define HAVE330(m) {YM(2023, m), INS_LARGE, 420000, 0, 0, 500, 0}

START_TEST(rule_adjust_differences_across_a_limit_change)
{
    const struct adjust_have have[] = {HAVE(6, 420000), HAVE330(6), HAVE(7, 450000), HAVE330(7)};
    struct adjust_row rows[8];
    size_t n = 9;
    int bad = 0;

    /* 4,400.00 from June: June +200.00 base -> +12.00 unit, +4.00 person and
     * account; July still at the lower limit, 330 fixed: no rows */
    ck_assert_int_eq(adjust_differences(&adj_tables, 440000, have, 4, rows, 8, &n, &bad), CHARGE_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(rows[0].month, YM(2023, 6));
    ck_assert_int_eq(rows[0].type_code, INS_BASIC);
    ck_assert_int_eq(rows[0].base_fen, 20000);
    ck_assert_int_eq(rows[0].wage_fen, 20000);
    ck_assert_int_eq(rows[0].a.unit_fen, 1200);
    ck_assert_int_eq(rows[0].a.person_fen, 400);
    ck_assert_int_eq(rows[0].a.account_fen, 400);

    /* 5,000.33 from June: 6% of 5,000.33 = 300.0198 -> 300.02, 2% = 100.0066 ->
     * 100.01 (half up, per person), minus June's 252.00 / 84.00 and July's
     * 270.00 / 90.00 (July's base was the new lower limit 4,500) */
    ck_assert_int_eq(adjust_differences(&adj_tables, 500033, have, 4, rows, 8, &n, &bad), CHARGE_OK);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(rows[0].base_fen, 80033);
    ck_assert_int_eq(rows[0].a.unit_fen, 30002 - 25200);
    ck_assert_int_eq(rows[0].a.person_fen, 10001 - 8400);
    ck_assert_int_eq(rows[0].a.account_fen, 10001 - 8400);
    ck_assert_int_eq(rows[1].month, YM(2023, 7));
    ck_assert_int_eq(rows[1].base_fen, 50033);
    ck_assert_int_eq(rows[1].a.unit_fen, 30002 - 27000);
    ck_assert_int_eq(rows[1].a.person_fen, 10001 - 9000);
}
END_TEST

START_TEST(rule_adjust_differences_second_adjustment_and_refund)
{
    /* June's rows after a first adjustment to 4,400.00: 正常应缴 + 补差 */
    const struct adjust_have have[] = {
        {YM(2023, 6), INS_BASIC, 440000, 440000, 26400, 8800, 8800},
        {YM(2023, 7), INS_BASIC, 440000, 450000, 27000, 9000, 9000},
    };
    struct adjust_row rows[4];
    size_t n = 0;
    int bad = 0;

    /* back to 3,000.00: June clamped to 4,000 -> -400.00 base, -24.00 / -8.00 (退费);
     * July clamped to 4,500 as before: no row */
    ck_assert_int_eq(adjust_differences(&adj_tables, 300000, have, 2, rows, 4, &n, &bad), CHARGE_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(rows[0].base_fen, -40000);
    ck_assert_int_eq(rows[0].wage_fen, -140000);
    ck_assert_int_eq(rows[0].a.unit_fen, -2400);
    ck_assert_int_eq(rows[0].a.person_fen, -800);
    ck_assert_int_eq(rows[0].a.account_fen, -800);
    /* the same wage again: nothing */
    ck_assert_int_eq(adjust_differences(&adj_tables, 440000, have, 1, rows, 4, &n, &bad), CHARGE_OK);
    ck_assert_int_eq(n, 0);
    /* a month without limits */
    {
        const struct adjust_have old[] = {{YM(2022, 12), INS_BASIC, 1, 1, 1, 1, 1}};
        ck_assert_int_eq(adjust_differences(&adj_tables, 440000, old, 1, rows, 4, &n, &bad),
                         CHARGE_ENOLIMIT);
        ck_assert_int_eq(bad, YM(2022, 12));
    }
}
END_TEST

/* ---- 撤销本期增员 / 减员 and the reverse operation ---- */

static const struct {
    const char *what;
    struct undo_facts f;
    enum msg_id msg;
} undo_cases[] = {
    /* kind, period, C, withdrawn, rows, settled, enrolled since */
    {"增员 of this period", {UNDO_ENROL, 10, 10, 0, 1, 0, 0}, MSG_OK},
    {"减员 of this period", {UNDO_STOP, 10, 10, 0, 1, 0, 0}, MSG_OK},
    {"another type", {UNDO_OTHER, 10, 10, 0, 1, 0, 0}, MSG_UNDO_NOT_REVERSIBLE},
    {"already withdrawn", {UNDO_ENROL, 10, 10, 1, 0, 0, 0}, MSG_UNDO_DONE},
    {"withdrawn decides before the period", {UNDO_STOP, 9, 10, 1, 1, 0, 0}, MSG_UNDO_DONE},
    {"an earlier period", {UNDO_ENROL, 9, 10, 0, 1, 0, 0}, MSG_UNDO_NOT_THIS_PERIOD},
    {"rows gone", {UNDO_ENROL, 10, 10, 0, 0, 0, 0}, MSG_UNDO_GONE},
    {"增员 settled", {UNDO_ENROL, 10, 10, 0, 1, 1, 0}, MSG_UNDO_SETTLED},
    {"settled does not matter for a 减员", {UNDO_STOP, 10, 10, 0, 1, 1, 0}, MSG_OK},
    {"减员 enrolled since", {UNDO_STOP, 10, 10, 0, 1, 0, 1}, MSG_UNDO_ENROLLED_SINCE},
    {"enrolled since does not matter for an 增员", {UNDO_ENROL, 10, 10, 0, 1, 0, 1}, MSG_OK},
};

START_TEST(rule_undo_decide)
{
    enum msg_id m = undo_decide(&undo_cases[_i].f);
    ck_assert_msg(m == undo_cases[_i].msg, "%s: %s", undo_cases[_i].what, msg_name(m));
}
END_TEST

static const struct {
    const char *type;
    int this_period, adjust;
    enum reverse_op op;
} reverse_cases[] = {
    {"参保人员增员申报", 1, 0, REVERSE_UNDO},
    {"参保人员增员申报", 0, 0, REVERSE_STOP_OR_DELETE},
    {"参保人员减员申报", 1, 0, REVERSE_UNDO},
    {"参保人员减员申报", 0, 0, REVERSE_NONE},
    {"单位信息维护", 0, 0, REVERSE_EDIT},
    {"参保人员信息维护", 1, 0, REVERSE_EDIT},
    {"缴费申报与变更", 1, 1, REVERSE_ADJUST},
    {"缴费申报与变更", 1, 0, REVERSE_NONE},
    {"职工补缴核定", 1, 0, REVERSE_NONE},
    {"补缴删除", 1, 0, REVERSE_NONE},
    {"撤销增员", 1, 0, REVERSE_NONE},
    {NULL, 1, 0, REVERSE_NONE},
};

START_TEST(rule_reverse_of)
{
    ck_assert_int_eq(reverse_of(reverse_cases[_i].type, reverse_cases[_i].this_period,
                                reverse_cases[_i].adjust), reverse_cases[_i].op);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules_beyond");

    loop(s, "rule_backpay_delete_decide", rule_backpay_delete_decide, N_(cases));
    loop(s, "rule_backpay_add_decide", rule_backpay_add_decide, N_(add_cases));
    loop(s, "rule_adjust_decide", rule_adjust_decide, N_(adjust_cases));
    loop(s, "rule_adjust_differences_across_a_limit_change",
         rule_adjust_differences_across_a_limit_change, 1);
    loop(s, "rule_adjust_differences_second_adjustment_and_refund",
         rule_adjust_differences_second_adjustment_and_refund, 1);
    loop(s, "rule_undo_decide", rule_undo_decide, N_(undo_cases));
    loop(s, "rule_reverse_of", rule_reverse_of, N_(reverse_cases));
    return run_suite(s);
}
