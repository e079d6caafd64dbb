/* The real clock as Asia/Shanghai wall time (dt_from_unix): sessions, login
 * locks and job times are shown to clerks in Beijing time, whatever the
 * server's zone files say. */
#include <check.h>
#include "rules/rules.h"

static const struct {
    const char *name;
    long long t;
    struct portal_dt want;
} cases[] = {
    {"epoch_is_eight_in_the_morning", 0, {1970, 1, 1, 8, 0, 0}},
    {"one_second_before_epoch", -1, {1970, 1, 1, 7, 59, 59}},
    {"utc_midnight_is_beijing_eight", 1661990400, {2022, 9, 1, 8, 0, 0}},
    {"window_close_17_00_on_the_6th", 1662454800, {2022, 9, 6, 17, 0, 0}},
    {"leap_day_begins_at_utc_16_00", 1709136000, {2024, 2, 29, 0, 0, 0}},
    {"new_year_begins_at_utc_16_00", 1672502400, {2023, 1, 1, 0, 0, 0}},
    {"century_edge_2100", 4102444799LL, {2100, 1, 1, 7, 59, 59}},
};

START_TEST(rule_real_clock_is_beijing_time)
{
    struct portal_dt got;
    dt_from_unix(cases[_i].t, &got);
    ck_assert_msg(got.y == cases[_i].want.y && got.m == cases[_i].want.m &&
                      got.d == cases[_i].want.d && got.hh == cases[_i].want.hh &&
                      got.mm == cases[_i].want.mm && got.ss == cases[_i].want.ss,
                  "%s: got %04d-%02d-%02d %02d:%02d:%02d", cases[_i].name, got.y, got.m, got.d,
                  got.hh, got.mm, got.ss);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules_clock");
    TCase *t = tcase_create("dt_from_unix");
    SRunner *sr;
    int failed;
    tcase_add_loop_test(t, rule_real_clock_is_beijing_time, 0, (int)(sizeof cases / sizeof cases[0]));
    suite_add_tcase(s, t);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
