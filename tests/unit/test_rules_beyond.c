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

int main(void)
{
    Suite *s = suite_create("rules_beyond");

    loop(s, "rule_backpay_delete_decide", rule_backpay_delete_decide, N_(cases));
    loop(s, "rule_backpay_add_decide", rule_backpay_add_decide, N_(add_cases));
    return run_suite(s);
}
