/*
 * Unit tests of the rules library: calendar, declaration period, start
 * months and back-payment, stop dates, ages, wage clamp, retirement,
 * and the decision order of spec §5 and §6.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static struct portal_dt dt(int y, int m, int d, int hh, int mm, int ss)
{
    struct portal_dt t = {y, m, d, hh, mm, ss};
    return t;
}

static struct ymd date(int y, int m, int d)
{
    struct ymd t = {y, m, d};
    return t;
}

static struct policy defaults(void)
{
    struct policy p;
    policy_default(&p);
    return p;
}

/* ---- calendar ------------------------------------------------------------ */

START_TEST(rule_month_index_roundtrip)
{
    ck_assert_int_eq(ym_make(2022, 9), 2022 * 12 + 8);
    ck_assert_int_eq(ym_year(ym_make(2022, 12)), 2022);
    ck_assert_int_eq(ym_month(ym_make(2022, 12)), 12);
    ck_assert_int_eq(ym_make(2022, 12) + 1, ym_make(2023, 1));
    ck_assert_int_eq(ym_make(2023, 1) - 6, ym_make(2022, 7));
    for (int y = 1900; y <= 2100; y++)
        for (int m = 1; m <= 12; m++) {
            ck_assert_int_eq(ym_year(ym_make(y, m)), y);
            ck_assert_int_eq(ym_month(ym_make(y, m)), m);
        }
}
END_TEST

static const struct { int y, m, days; } dim_cases[] = {
    {2022, 1, 31}, {2022, 2, 28}, {2024, 2, 29}, {2000, 2, 29}, {1900, 2, 28},
    {2100, 2, 28}, {2400, 2, 29}, {2022, 4, 30}, {2022, 6, 30}, {2022, 9, 30},
    {2022, 11, 30}, {2022, 12, 31}, {2022, 7, 31}, {2022, 8, 31}, {2022, 0, 0},
    {2022, 13, 0},
};

START_TEST(rule_days_in_month_and_leap_years)
{
    ck_assert_int_eq(days_in_month(dim_cases[_i].y, dim_cases[_i].m), dim_cases[_i].days);
}
END_TEST

static const struct { const char *s; int ok; int y, m; } month_cases[] = {
    {"2022-09", 1, 2022, 9}, {"2022-12", 1, 2022, 12}, {"2023-01", 1, 2023, 1},
    {"1900-01", 1, 1900, 1}, {"2999-12", 1, 2999, 12},
    {"2022-9", 0, 0, 0}, {"2022-13", 0, 0, 0}, {"2022-00", 0, 0, 0},
    {"22-09", 0, 0, 0}, {"2022-09 ", 0, 0, 0}, {" 2022-09", 0, 0, 0},
    {"2022-09-01", 0, 0, 0}, {"2022/09", 0, 0, 0}, {"202209", 0, 0, 0},
    {"", 0, 0, 0}, {"1899-12", 0, 0, 0}, {"3000-01", 0, 0, 0}, {"2022-0a", 0, 0, 0},
    {"+022-09", 0, 0, 0}, {"2022--9", 0, 0, 0}, {"2022-09x", 0, 0, 0},
};

START_TEST(rule_parse_month_is_strict)
{
    int ym = -7;
    int rc = parse_month(month_cases[_i].s, &ym);

    ck_assert_msg(rc == (month_cases[_i].ok ? 0 : -1), "parse_month(\"%s\")", month_cases[_i].s);
    if (month_cases[_i].ok)
        ck_assert_int_eq(ym, ym_make(month_cases[_i].y, month_cases[_i].m));
    else
        ck_assert_int_eq(ym, -7);
}
END_TEST

static const struct { const char *s; int ok; int y, m, d; } date_cases[] = {
    {"2022-09-30", 1, 2022, 9, 30}, {"2024-02-29", 1, 2024, 2, 29},
    {"2000-02-29", 1, 2000, 2, 29}, {"1900-01-01", 1, 1900, 1, 1},
    {"2022-12-31", 1, 2022, 12, 31},
    {"2023-02-29", 0, 0, 0, 0}, {"1900-02-29", 0, 0, 0, 0}, {"2022-09-31", 0, 0, 0, 0},
    {"2022-04-31", 0, 0, 0, 0}, {"2022-09-00", 0, 0, 0, 0}, {"2022-13-01", 0, 0, 0, 0},
    {"2022-9-30", 0, 0, 0, 0}, {"2022-09-3", 0, 0, 0, 0}, {"2022-09-30 ", 0, 0, 0, 0},
    {"2022-09-30x", 0, 0, 0, 0}, {"2022-09", 0, 0, 0, 0}, {"2022/09/30", 0, 0, 0, 0},
    {"20220930", 0, 0, 0, 0}, {"", 0, 0, 0, 0}, {"2022-09-30 10:00", 0, 0, 0, 0},
};

START_TEST(rule_parse_date_is_strict)
{
    struct ymd d = {-1, -1, -1};
    int rc = parse_date(date_cases[_i].s, &d);

    ck_assert_msg(rc == (date_cases[_i].ok ? 0 : -1), "parse_date(\"%s\")", date_cases[_i].s);
    if (date_cases[_i].ok) {
        ck_assert_int_eq(d.y, date_cases[_i].y);
        ck_assert_int_eq(d.m, date_cases[_i].m);
        ck_assert_int_eq(d.d, date_cases[_i].d);
    } else {
        ck_assert_int_eq(d.y, -1);
    }
}
END_TEST

static const struct { const char *s; int ok; struct portal_dt t; } datetime_cases[] = {
    {"2022-09-06", 1, {2022, 9, 6, 0, 0, 0}},
    {"2022-09-06 16:59", 1, {2022, 9, 6, 16, 59, 0}},
    {"2022-09-06 16:59:59", 1, {2022, 9, 6, 16, 59, 59}},
    {"2022-09-06 00:00:00", 1, {2022, 9, 6, 0, 0, 0}},
    {"2022-09-06 23:59:59", 1, {2022, 9, 6, 23, 59, 59}},
    {"2022-09-06 24:00", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 12:60", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 12:00:60", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 9:00", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06T16:59", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06  16:59", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 16", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 16:", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 16:59:", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 16:59:5", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 16:59:59 ", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 16:59:59.5", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-09-06 ", 0, {0, 0, 0, 0, 0, 0}},
    {"2022-02-30 10:00", 0, {0, 0, 0, 0, 0, 0}},
};

START_TEST(rule_parse_datetime_is_strict)
{
    struct portal_dt t = {-1, -1, -1, -1, -1, -1};
    int rc = parse_datetime(datetime_cases[_i].s, &t);

    ck_assert_msg(rc == (datetime_cases[_i].ok ? 0 : -1), "parse_datetime(\"%s\")",
                  datetime_cases[_i].s);
    if (datetime_cases[_i].ok)
        ck_assert_int_eq(dt_cmp(&t, &datetime_cases[_i].t), 0);
    else
        ck_assert_int_eq(t.y, -1);
}
END_TEST

START_TEST(rule_parsers_reject_null)
{
    int ym;
    struct ymd d;
    struct portal_dt t;

    ck_assert_int_eq(parse_month(NULL, &ym), -1);
    ck_assert_int_eq(parse_month("2022-09", NULL), -1);
    ck_assert_int_eq(parse_date(NULL, &d), -1);
    ck_assert_int_eq(parse_datetime(NULL, &t), -1);
}
END_TEST

START_TEST(rule_formatters)
{
    char m[8], d[11], t[20], cn[FORMAT_MONTH_CN_MAX];
    struct portal_dt x = {2022, 9, 6, 17, 0, 5};

    format_month(m, ym_make(2022, 9));
    ck_assert_str_eq(m, "2022-09");
    format_month(m, ym_make(2023, 12));
    ck_assert_str_eq(m, "2023-12");
    format_date(d, date(2022, 9, 30));
    ck_assert_str_eq(d, "2022-09-30");
    format_date(d, date(1900, 1, 1));
    ck_assert_str_eq(d, "1900-01-01");
    format_datetime(t, &x);
    ck_assert_str_eq(t, "2022-09-06 17:00:05");
    ck_assert_int_eq(format_month_cn(cn, sizeof cn, ym_make(2022, 9)), 0);
    ck_assert_str_eq(cn, "2022年9月");
    ck_assert_int_eq(format_month_cn(cn, sizeof cn, ym_make(2022, 12)), 0);
    ck_assert_str_eq(cn, "2022年12月");
    ck_assert_int_eq(format_month_cn(cn, 8, ym_make(2022, 12)), -1);
    ck_assert_int_eq(format_month_cn(cn, 0, ym_make(2022, 12)), -1);
}
END_TEST

START_TEST(rule_format_parse_roundtrip)
{
    char m[8], d[11];
    int ym;
    struct ymd back;

    for (int y = 1999; y <= 2025; y++)
        for (int mo = 1; mo <= 12; mo++) {
            format_month(m, ym_make(y, mo));
            ck_assert_int_eq(parse_month(m, &ym), 0);
            ck_assert_int_eq(ym, ym_make(y, mo));
            for (int dd = 1; dd <= days_in_month(y, mo); dd++) {
                format_date(d, date(y, mo, dd));
                ck_assert_int_eq(parse_date(d, &back), 0);
                ck_assert_int_eq(ymd_cmp(back, date(y, mo, dd)), 0);
            }
        }
}
END_TEST

START_TEST(rule_month_first_and_last_day)
{
    ck_assert_int_eq(ymd_cmp(month_last_day(ym_make(2022, 2)), date(2022, 2, 28)), 0);
    ck_assert_int_eq(ymd_cmp(month_last_day(ym_make(2024, 2)), date(2024, 2, 29)), 0);
    ck_assert_int_eq(ymd_cmp(month_last_day(ym_make(2022, 12)), date(2022, 12, 31)), 0);
    ck_assert_int_eq(ymd_cmp(month_first_day(ym_make(2022, 9)), date(2022, 9, 1)), 0);
    ck_assert_int_lt(ymd_cmp(date(2022, 9, 30), date(2022, 10, 1)), 0);
    ck_assert_int_gt(ymd_cmp(date(2023, 1, 1), date(2022, 12, 31)), 0);
}
END_TEST

/* ---- declaration period -------------------------------------------------- */

static const struct {
    const char *name;
    struct portal_dt now;
    int C_y, C_m, open, settle_y, settle_m;
} decl_cases[] = {
    /* the deck: the 2022-09 period runs 2022-08-11 to 2022-09-06 */
    {"day11_is_next_month", {2022, 8, 11, 0, 0, 0}, 2022, 9, 1, 0, 0},
    {"day10_end_is_this_month_settling", {2022, 8, 10, 23, 59, 59}, 2022, 8, 0, 2022, 8},
    {"day10_2359_settling", {2022, 8, 10, 23, 59, 0}, 2022, 8, 0, 2022, 8},
    {"day1_is_this_month", {2022, 9, 1, 0, 0, 0}, 2022, 9, 1, 0, 0},
    {"day3_is_this_month", {2022, 8, 3, 10, 0, 0}, 2022, 8, 1, 0, 0},
    {"day5_is_this_month", {2022, 9, 5, 12, 0, 0}, 2022, 9, 1, 0, 0},
    {"day6_165959_open", {2022, 9, 6, 16, 59, 59}, 2022, 9, 1, 0, 0},
    {"day6_170000_closed", {2022, 9, 6, 17, 0, 0}, 2022, 9, 0, 2022, 9},
    {"day6_235959_closed", {2022, 9, 6, 23, 59, 59}, 2022, 9, 0, 2022, 9},
    {"day7_closed", {2022, 9, 7, 0, 0, 0}, 2022, 9, 0, 2022, 9},
    {"day9_closed", {2022, 9, 9, 12, 0, 0}, 2022, 9, 0, 2022, 9},
    {"day11_0000_open_next", {2022, 9, 11, 0, 0, 0}, 2022, 10, 1, 0, 0},
    {"day20_next", {2022, 9, 20, 9, 0, 0}, 2022, 10, 1, 0, 0},
    {"day31_next", {2022, 8, 31, 23, 59, 59}, 2022, 9, 1, 0, 0},
    {"december_day11_is_january", {2022, 12, 11, 0, 0, 0}, 2023, 1, 1, 0, 0},
    {"december_day31_is_january", {2022, 12, 31, 23, 59, 59}, 2023, 1, 1, 0, 0},
    {"january_day6_is_january", {2023, 1, 6, 16, 59, 59}, 2023, 1, 1, 0, 0},
    {"january_day6_17_closed", {2023, 1, 6, 17, 0, 0}, 2023, 1, 0, 2023, 1},
    {"december_day8_settles_december", {2022, 12, 8, 8, 0, 0}, 2022, 12, 0, 2022, 12},
    {"february_leap_day29_next", {2024, 2, 29, 10, 0, 0}, 2024, 3, 1, 0, 0},
};

START_TEST(rule_decl_state)
{
    struct policy p = defaults();
    struct decl_state s;

    memset(&s, 0xff, sizeof s);
    decl_state_at(&p, &decl_cases[_i].now, &s);
    ck_assert_msg(s.month == ym_make(decl_cases[_i].C_y, decl_cases[_i].C_m),
                  "%s: month", decl_cases[_i].name);
    ck_assert_msg(s.window_open == decl_cases[_i].open, "%s: window", decl_cases[_i].name);
    ck_assert_msg(s.settling == !decl_cases[_i].open, "%s: settling", decl_cases[_i].name);
    if (!decl_cases[_i].open)
        ck_assert_msg(s.settle_month == ym_make(decl_cases[_i].settle_y, decl_cases[_i].settle_m),
                      "%s: settle month", decl_cases[_i].name);
    else
        ck_assert_int_eq(s.settle_month, 0);
    ck_assert_int_eq(s.month, decl_month(&p, dt_date(&decl_cases[_i].now)));
}
END_TEST

START_TEST(rule_decl_month_day11_is_next_month)
{
    struct policy p = defaults();

    ck_assert_int_eq(decl_month(&p, date(2022, 8, 10)), ym_make(2022, 8));
    ck_assert_int_eq(decl_month(&p, date(2022, 8, 11)), ym_make(2022, 9));
    ck_assert_int_eq(decl_month(&p, date(2022, 12, 11)), ym_make(2023, 1));
    ck_assert_int_eq(decl_month(&p, date(2023, 1, 1)), ym_make(2023, 1));
}
END_TEST

START_TEST(rule_decl_window_bounds)
{
    struct policy p = defaults();
    struct decl_state s;
    struct portal_dt now = dt(2022, 8, 20, 9, 30, 0);
    struct portal_dt opens = dt(2022, 8, 11, 0, 0, 0), closes = dt(2022, 9, 6, 17, 0, 0);

    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(dt_cmp(&s.opens_at, &opens), 0);
    ck_assert_int_eq(dt_cmp(&s.closes_at, &closes), 0);

    /* December -> January */
    now = dt(2022, 12, 15, 0, 0, 0);
    decl_state_at(&p, &now, &s);
    opens = dt(2022, 12, 11, 0, 0, 0);
    closes = dt(2023, 1, 6, 17, 0, 0);
    ck_assert_int_eq(dt_cmp(&s.opens_at, &opens), 0);
    ck_assert_int_eq(dt_cmp(&s.closes_at, &closes), 0);

    /* open iff opens_at <= now < closes_at, everywhere in a year */
    for (int m = 1; m <= 12; m++)
        for (int d = 1; d <= days_in_month(2023, m); d++)
            for (int h = 0; h < 24; h++) {
                now = dt(2023, m, d, h, 59, 59);
                decl_state_at(&p, &now, &s);
                ck_assert_int_eq(s.window_open,
                                 dt_cmp(&s.opens_at, &now) <= 0 && dt_cmp(&now, &s.closes_at) < 0);
            }
}
END_TEST

START_TEST(rule_decl_settled_through)
{
    struct policy p = defaults();
    struct decl_state s;
    struct portal_dt now = dt(2022, 9, 5, 12, 0, 0);

    /* the deck's notice for 202208 is printed on 2022-09-05 */
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.settled_through, ym_make(2022, 8));
    now = dt(2022, 9, 6, 17, 0, 0);
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.settled_through, ym_make(2022, 9));
    now = dt(2022, 9, 20, 0, 0, 0);
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.settled_through, ym_make(2022, 9));
    now = dt(2023, 1, 2, 0, 0, 0);
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.settled_through, ym_make(2022, 12));
}
END_TEST

START_TEST(rule_decl_policy_knobs)
{
    struct policy p = defaults();
    struct decl_state s;
    struct portal_dt now;

    ck_assert_int_eq(policy_valid(&p), 0);
    p.open_day = 15;
    p.close_day = 8;
    p.close_hour = 12;
    ck_assert_int_eq(policy_valid(&p), 0);
    now = dt(2022, 8, 8, 11, 59, 59);
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.window_open, 1);
    now = dt(2022, 8, 8, 12, 0, 0);
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.window_open, 0);
    now = dt(2022, 8, 14, 23, 59, 59);
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.window_open, 0);
    ck_assert_int_eq(s.month, ym_make(2022, 8));
    now = dt(2022, 8, 15, 0, 0, 0);
    decl_state_at(&p, &now, &s);
    ck_assert_int_eq(s.window_open, 1);
    ck_assert_int_eq(s.month, ym_make(2022, 9));

    ck_assert_int_eq(policy_valid(NULL), -1);
    p = defaults();
    p.close_day = 11;
    ck_assert_int_eq(policy_valid(&p), -1);
    p = defaults();
    p.close_hour = 24;
    ck_assert_int_eq(policy_valid(&p), -1);
    p = defaults();
    p.open_day = 29;
    ck_assert_int_eq(policy_valid(&p), -1);
    p = defaults();
    p.backpay_max = -1;
    ck_assert_int_eq(policy_valid(&p), -1);
}
END_TEST

/* ---- start month and back-payment --------------------------------------- */

static const struct {
    const char *name;
    struct portal_dt now;
    int s_y, s_m;
    enum start_check want;
} start_cases[] = {
    /* the deck: on 8.1-8.6 choosing September fails, from 8.11 it is fine */
    {"deck_0803_next_month_before_settle", {2022, 8, 3, 10, 0, 0}, 2022, 9, START_ENEXT_BEFORE_SETTLE},
    {"deck_0801_next_month_before_settle", {2022, 8, 1, 0, 0, 0}, 2022, 9, START_ENEXT_BEFORE_SETTLE},
    {"deck_0806_next_month_before_settle", {2022, 8, 6, 16, 59, 59}, 2022, 9, START_ENEXT_BEFORE_SETTLE},
    {"day10_next_month_before_settle", {2022, 8, 10, 23, 59, 59}, 2022, 9, START_ENEXT_BEFORE_SETTLE},
    {"deck_0811_september_ok", {2022, 8, 11, 0, 0, 0}, 2022, 9, START_OK},
    {"deck_0803_august_ok", {2022, 8, 3, 10, 0, 0}, 2022, 8, START_OK},
    {"day3_two_months_ahead_later", {2022, 8, 3, 10, 0, 0}, 2022, 10, START_ELATER},
    {"day11_two_months_ahead_later", {2022, 8, 11, 0, 0, 0}, 2022, 10, START_ELATER},
    {"day20_next_period_later", {2022, 8, 20, 0, 0, 0}, 2023, 1, START_ELATER},
    {"december_day5_january_next_month", {2022, 12, 5, 0, 0, 0}, 2023, 1, START_ENEXT_BEFORE_SETTLE},
    {"december_day11_january_ok", {2022, 12, 11, 0, 0, 0}, 2023, 1, START_OK},
    {"december_day11_february_later", {2022, 12, 11, 0, 0, 0}, 2023, 2, START_ELATER},
    {"backpay_six_months_ok", {2022, 8, 11, 0, 0, 0}, 2022, 3, START_OK},
    {"backpay_seven_months_too_early", {2022, 8, 11, 0, 0, 0}, 2022, 2, START_ETOO_EARLY},
    {"backpay_six_months_day3_ok", {2022, 8, 3, 0, 0, 0}, 2022, 2, START_OK},
    {"backpay_seven_months_day3_too_early", {2022, 8, 3, 0, 0, 0}, 2022, 1, START_ETOO_EARLY},
    {"backpay_across_year_ok", {2023, 1, 5, 0, 0, 0}, 2022, 7, START_OK},
    {"backpay_across_year_too_early", {2023, 1, 5, 0, 0, 0}, 2022, 6, START_ETOO_EARLY},
    {"backpay_far_past_too_early", {2022, 8, 11, 0, 0, 0}, 2010, 1, START_ETOO_EARLY},
};

START_TEST(rule_start_month_check)
{
    struct policy p = defaults();
    int S = ym_make(start_cases[_i].s_y, start_cases[_i].s_m);

    ck_assert_msg(start_month_check(&p, &start_cases[_i].now, S) == start_cases[_i].want,
                  "%s", start_cases[_i].name);
}
END_TEST

START_TEST(rule_start_month_backpay_knob)
{
    struct policy p = defaults();
    struct portal_dt now = dt(2022, 8, 11, 0, 0, 0);

    p.backpay_max = 0;
    ck_assert_int_eq(start_month_check(&p, &now, ym_make(2022, 9)), START_OK);
    ck_assert_int_eq(start_month_check(&p, &now, ym_make(2022, 8)), START_ETOO_EARLY);
    p.backpay_max = 12;
    ck_assert_int_eq(start_month_check(&p, &now, ym_make(2021, 9)), START_OK);
    ck_assert_int_eq(start_month_check(&p, &now, ym_make(2021, 8)), START_ETOO_EARLY);
}
END_TEST

START_TEST(rule_backpay_range)
{
    int first = -1, last = -1;
    int C = ym_make(2022, 9);

    ck_assert_int_eq(backpay_range(C, C, &first, &last), 0);
    ck_assert_int_eq(first, C);
    ck_assert_int_eq(last, C - 1);
    ck_assert_int_eq(backpay_range(C - 1, C, &first, &last), 1);
    ck_assert_int_eq(first, ym_make(2022, 8));
    ck_assert_int_eq(last, ym_make(2022, 8));
    ck_assert_int_eq(backpay_range(ym_make(2022, 3), C, &first, &last), 6);
    ck_assert_int_eq(first, ym_make(2022, 3));
    ck_assert_int_eq(last, ym_make(2022, 8));
    ck_assert_int_eq(backpay_range(ym_make(2022, 11), ym_make(2023, 1), &first, &last), 2);
    ck_assert_int_eq(last, ym_make(2022, 12));
    ck_assert_int_eq(backpay_range(C + 1, C, &first, &last), 0);
    ck_assert_int_gt(first, last);
}
END_TEST

/* ---- stop dates ------------------------------------------------------------ */

static const struct { struct ymd end; int C_y, C_m, ok; } stop_cases[] = {
    {{2022, 9, 30}, 2022, 10, 1},   /* the deck: end 9.30 in the October period */
    {{2022, 10, 31}, 2022, 10, 1},
    {{2022, 9, 29}, 2022, 10, 0},
    {{2022, 10, 30}, 2022, 10, 0},
    {{2022, 10, 1}, 2022, 10, 0},
    {{2022, 8, 31}, 2022, 10, 0},
    {{2022, 11, 30}, 2022, 10, 0},
    {{2022, 12, 31}, 2023, 1, 1},
    {{2023, 1, 31}, 2023, 1, 1},
    {{2022, 11, 30}, 2023, 1, 0},
    {{2024, 2, 29}, 2024, 3, 1},
    {{2024, 2, 28}, 2024, 3, 0},
    {{2023, 2, 28}, 2023, 2, 1},
    {{2023, 1, 31}, 2023, 2, 1},
};

START_TEST(rule_stop_date_last_day_of_previous_or_this_month)
{
    ck_assert_int_eq(stop_date_valid(stop_cases[_i].end, ym_make(stop_cases[_i].C_y, stop_cases[_i].C_m)),
                     stop_cases[_i].ok);
}
END_TEST

/* The form offers exactly the two dates stop_date_valid accepts, across the
 * year boundary too (deck: operations on 2022-12-20 and 2023-01-05, C = 2023-01). */
static const struct { int C_y, C_m; struct ymd prev, cur; } choice_cases[] = {
    {2023, 1, {2022, 12, 31}, {2023, 1, 31}},
    {2022, 9, {2022, 8, 31}, {2022, 9, 30}},
    {2024, 3, {2024, 2, 29}, {2024, 3, 31}},
    {2023, 3, {2023, 2, 28}, {2023, 3, 31}},
};

START_TEST(rule_stop_form_offers_last_day_of_previous_and_this_month)
{
    struct ymd prev, cur;
    int C = ym_make(choice_cases[_i].C_y, choice_cases[_i].C_m);
    stop_end_choices(C, &prev, &cur);
    ck_assert_int_eq(ymd_cmp(prev, choice_cases[_i].prev), 0);
    ck_assert_int_eq(ymd_cmp(cur, choice_cases[_i].cur), 0);
    ck_assert(stop_date_valid(prev, C) && stop_date_valid(cur, C));
}
END_TEST

START_TEST(rule_stop_reason_from_the_fixed_list)
{
    ck_assert(stop_reason_valid("离职") && stop_reason_valid("调出"));
    ck_assert(stop_reason_valid("死亡") && stop_reason_valid("其他"));
    ck_assert(!stop_reason_valid("退休") && !stop_reason_valid("") && !stop_reason_valid(NULL));
    ck_assert(!stop_reason_valid("离职 "));
}
END_TEST

/* ---- ages ----------------------------------------------------------------- */

static const struct { struct ymd birth, on; int age; } age_cases[] = {
    {{1972, 9, 15}, {2022, 9, 15}, 50},   /* N on the Nth birthday */
    {{1972, 9, 15}, {2022, 9, 14}, 49},
    {{1972, 9, 15}, {2022, 9, 16}, 50},
    {{1972, 9, 15}, {2022, 8, 31}, 49},
    {{1962, 1, 1}, {2022, 1, 1}, 60},
    {{1962, 1, 1}, {2021, 12, 31}, 59},
    {{2000, 2, 29}, {2023, 2, 28}, 22},   /* 29 Feb counts as 1 March */
    {{2000, 2, 29}, {2023, 3, 1}, 23},
    {{2000, 2, 29}, {2024, 2, 28}, 23},
    {{2000, 2, 29}, {2024, 2, 29}, 24},
    {{1972, 2, 29}, {2022, 2, 28}, 49},
    {{1972, 2, 29}, {2022, 3, 1}, 50},
    {{1990, 12, 31}, {2022, 12, 31}, 32},
    {{1990, 12, 31}, {2023, 1, 1}, 32},
    {{2022, 9, 1}, {2022, 9, 1}, 0},
    {{2022, 9, 2}, {2022, 9, 1}, -1},
};

START_TEST(rule_age_full_years)
{
    ck_assert_int_eq(age_on(age_cases[_i].birth, age_cases[_i].on), age_cases[_i].age);
}
END_TEST

/* ---- wage clamp ------------------------------------------------------------- */

static const struct { long long wage, want; enum clamp which; } clamp_cases[] = {
    /* 2022 Suzhou limits 4,250 - 21,821 yuan */
    {300000, 425000, CLAMP_LOWER},
    {424999, 425000, CLAMP_LOWER},
    {425000, 425000, CLAMP_NONE},
    {891237, 891237, CLAMP_NONE},
    {2182100, 2182100, CLAMP_NONE},
    {2182101, 2182100, CLAMP_UPPER},
    {5000000, 2182100, CLAMP_UPPER},
    {0, 425000, CLAMP_LOWER},
};

START_TEST(rule_clamp_wage_to_limits)
{
    enum clamp which = (enum clamp)-1;

    ck_assert_int_eq(clamp_wage(clamp_cases[_i].wage, 425000, 2182100, &which), clamp_cases[_i].want);
    ck_assert_int_eq(which, clamp_cases[_i].which);
    ck_assert_int_eq(clamp_wage(clamp_cases[_i].wage, 425000, 2182100, NULL), clamp_cases[_i].want);
}
END_TEST

/* ---- retirement --------------------------------------------------------------- */

static const struct {
    const char *name;
    int by, bm, male, cadre;
    int ry, rm;
} retire_cases[] = {
    {"spec_man_1965_01", 1965, 1, 1, 0, 2025, 2},
    {"man_1964_12_no_delay", 1964, 12, 1, 0, 2024, 12},
    {"man_1960_05_old_rule", 1960, 5, 1, 0, 2020, 5},
    {"man_1965_04_first_step", 1965, 4, 1, 0, 2025, 5},
    {"man_1965_05_second_step", 1965, 5, 1, 0, 2025, 7},
    {"man_1966_01", 1966, 1, 1, 0, 2026, 5},       /* offset 12 -> +4 */
    {"man_1976_08_35", 1976, 8, 1, 0, 2039, 7},    /* offset 139 -> +35 */
    {"man_1976_09_max36", 1976, 9, 1, 0, 2039, 9}, /* offset 140 -> +36 = 63 */
    {"man_1980_01_max36", 1980, 1, 1, 0, 2043, 1},
    {"man_cadre_flag_ignored", 1965, 1, 1, 1, 2025, 2},
    {"woman_cadre_1969_12_no_delay", 1969, 12, 0, 1, 2024, 12},
    {"woman_cadre_1970_01_first", 1970, 1, 0, 1, 2025, 2},
    {"woman_cadre_1970_05", 1970, 5, 0, 1, 2025, 7},
    {"woman_cadre_1981_08_35", 1981, 8, 0, 1, 2039, 7},
    {"woman_cadre_1981_09_max36", 1981, 9, 0, 1, 2039, 9},
    {"woman_cadre_1990_01_max36", 1990, 1, 0, 1, 2048, 1},
    {"woman_worker_1974_12_no_delay", 1974, 12, 0, 0, 2024, 12},
    {"woman_worker_1970_03_old_rule", 1970, 3, 0, 0, 2020, 3},
    {"woman_worker_1975_01_first", 1975, 1, 0, 0, 2025, 2},
    {"woman_worker_1975_02", 1975, 2, 0, 0, 2025, 3},
    {"woman_worker_1975_03", 1975, 3, 0, 0, 2025, 5},
    {"woman_worker_1984_10_59", 1984, 10, 0, 0, 2039, 9},  /* offset 117 -> +59 */
    {"woman_worker_1984_11_max60", 1984, 11, 0, 0, 2039, 11}, /* offset 118 -> +60 = 55 */
    {"woman_worker_1995_01_max60", 1995, 1, 0, 0, 2050, 1},
};

START_TEST(rule_retire_month)
{
    struct ymd birth = {retire_cases[_i].by, retire_cases[_i].bm, 15};
    int got = retire_month(birth, retire_cases[_i].male, retire_cases[_i].cadre);
    char buf[8];

    format_month(buf, got);
    ck_assert_msg(got == ym_make(retire_cases[_i].ry, retire_cases[_i].rm), "%s: got %s",
                  retire_cases[_i].name, buf);
}
END_TEST

START_TEST(rule_retire_age_caps)
{
    ck_assert_int_eq(retire_age_months(date(1990, 1, 1), 1, 0), 63 * 12);
    ck_assert_int_eq(retire_age_months(date(1990, 1, 1), 0, 1), 58 * 12);
    ck_assert_int_eq(retire_age_months(date(1990, 1, 1), 0, 0), 55 * 12);
    ck_assert_int_eq(retire_age_months(date(1950, 1, 1), 1, 0), 60 * 12);
    ck_assert_int_eq(retire_age_months(date(1950, 1, 1), 0, 1), 55 * 12);
    ck_assert_int_eq(retire_age_months(date(1950, 1, 1), 0, 0), 50 * 12);
    /* monotone: a later birth never retires earlier */
    for (int g = 0; g < 3; g++) {
        int prev = 0;
        for (int y = 1955; y <= 2000; y++)
            for (int m = 1; m <= 12; m++) {
                int r = retire_month(date(y, m, 1), g == 0, g == 1);
                ck_assert_int_gt(r, prev);
                prev = r;
            }
    }
}
END_TEST

/* the rule named for 职工退休到龄查询, and the birth months whose retirement
 * falls in a range: exactly those retire_month puts there */
START_TEST(rule_retire_rule_and_birth_range)
{
    struct retire_rule r;
    int lo, hi;

    retire_rule_of(date(1965, 1, 15), 1, 0, &r);
    ck_assert_int_eq(r.ym, ym_make(2025, 2));
    ck_assert_int_eq(r.old_age, 60);
    ck_assert_int_eq(r.delay, 1);
    ck_assert_str_eq(r.name, "男60");
    retire_rule_of(date(1968, 3, 1), 0, 1, &r);
    ck_assert_int_eq(r.delay, 0);
    ck_assert_str_eq(r.name, "女干部55");
    retire_rule_of(date(1980, 1, 1), 0, 0, &r);
    ck_assert_int_eq(r.delay, 31);
    ck_assert_str_eq(r.name, "女工人50");
    for (int g = 0; g < 3; g++) {
        int from = ym_make(2026, 11), to = ym_make(2027, 10);
        ck_assert_int_eq(retire_birth_range(from, to, g == 0, g == 1, &lo, &hi), 0);
        for (int b = ym_make(1940, 1); b <= ym_make(2000, 12); b++) {
            int m = retire_month(date(ym_year(b), ym_month(b), 1), g == 0, g == 1);
            ck_assert_int_eq(b >= lo && b <= hi, m >= from && m <= to);
        }
    }
    ck_assert_int_eq(retire_birth_range(ym_make(2027, 1), ym_make(2026, 12), 1, 0, &lo, &hi), -1);
}
END_TEST

/* ---- enrolment decision (spec §5 order) ----------------------------------- */

static struct enroll_facts enroll_ok(void)
{
    struct enroll_facts f = {
        .window_open = 1, .id = ID_OK, .start = START_OK, .base_records = 1,
        .male = 1, .age = 30, .name = "张三", .registered_name = "张三",
    };
    return f;
}

enum efail {
    EF_WINDOW, EF_ID_FORMAT, EF_ID_CHECKSUM, EF_ID_BIRTH, EF_NEXT, EF_LATER, EF_EARLY,
    EF_DUP, EF_AGE_WOMAN, EF_AGE_MAN, EF_FLEX, EF_TRANSFER, EF_HERE, EF_ELSEWHERE, EF_NAME,
    EF__N
};

static void enroll_break(struct enroll_facts *f, enum efail e)
{
    switch (e) {
    case EF_WINDOW: f->window_open = 0; break;
    case EF_ID_FORMAT: f->id = ID_EFORMAT; break;
    case EF_ID_CHECKSUM: f->id = ID_ECHECKSUM; break;
    case EF_ID_BIRTH: f->id = ID_EBIRTH; break;
    case EF_NEXT: f->start = START_ENEXT_BEFORE_SETTLE; break;
    case EF_LATER: f->start = START_ELATER; break;
    case EF_EARLY: f->start = START_ETOO_EARLY; break;
    case EF_DUP: f->base_records = 2; break;
    case EF_AGE_WOMAN: f->male = 0; f->age = 50; break;
    case EF_AGE_MAN: f->male = 1; f->age = 60; break;
    case EF_FLEX: f->flexible_insured = 1; break;
    case EF_TRANSFER: f->transferred_insured = 1; break;
    case EF_HERE: f->insured_this_unit = 1; break;
    case EF_ELSEWHERE: f->insured_other_unit = 1; break;
    case EF_NAME: f->name = "张三\xe2\x80\xae"; break;
    case EF__N: break;
    }
}

static const struct { const char *name; enum efail e; enum msg_id want; } enroll_cases[] = {
    {"rule_enroll_window_closed", EF_WINDOW, MSG_WINDOW_CLOSED},
    {"rule_enroll_id_format", EF_ID_FORMAT, MSG_ID_INVALID},
    {"rule_enroll_id_checksum", EF_ID_CHECKSUM, MSG_ID_INVALID},
    {"rule_enroll_id_birth", EF_ID_BIRTH, MSG_ID_INVALID},
    {"rule_enroll_next_month_before_settle", EF_NEXT, MSG_ENROLL_NEXT_MONTH},
    {"rule_enroll_start_later_than_C", EF_LATER, MSG_ENROLL_LATER},
    {"rule_enroll_start_too_early", EF_EARLY, MSG_ENROLL_TOO_EARLY},
    {"rule_enroll_several_base_records", EF_DUP, MSG_DUPLICATE_BASE},
    {"rule_enroll_woman_50", EF_AGE_WOMAN, MSG_ENROLL_AGE_WOMEN},
    {"rule_enroll_man_60", EF_AGE_MAN, MSG_ENROLL_AGE_MEN},
    {"rule_enroll_flexible_employment", EF_FLEX, MSG_ENROLL_FLEXIBLE},
    {"rule_enroll_transferred", EF_TRANSFER, MSG_ENROLL_TRANSFERRED},
    {"rule_enroll_insured_this_unit", EF_HERE, MSG_ENROLL_INSURED_HERE},
    {"rule_enroll_insured_other_unit", EF_ELSEWHERE, MSG_ENROLL_INSURED_ELSEWHERE},
    /* spec §10: after every rule of §5's table */
    {"rule_enroll_name_differs_from_registered", EF_NAME, MSG_NAME_MISMATCH},
};

START_TEST(rule_enroll_one_failure)
{
    struct enroll_facts f = enroll_ok();

    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    enroll_break(&f, enroll_cases[_i].e);
    ck_assert_msg(enroll_decide(&f) == enroll_cases[_i].want, "%s: got %s", enroll_cases[_i].name,
                  msg_name(enroll_decide(&f)));
}
END_TEST

/* Every pair of failures: the one earlier in spec §5's order decides. The
 * enum efail is in that order; the start-month and ID failures are one field
 * each, and the two age failures are exclusive, so such pairs are skipped. */
START_TEST(rule_enroll_first_failure_wins)
{
    for (size_t a = 0; a < N_(enroll_cases); a++)
        for (size_t b = a + 1; b < N_(enroll_cases); b++) {
            enum efail ea = enroll_cases[a].e, eb = enroll_cases[b].e;
            struct enroll_facts f = enroll_ok();

            if ((ea >= EF_ID_FORMAT && eb <= EF_ID_BIRTH) || (ea >= EF_NEXT && eb <= EF_EARLY) ||
                (ea == EF_AGE_WOMAN && eb == EF_AGE_MAN))
                continue;
            enroll_break(&f, eb);
            enroll_break(&f, ea);
            ck_assert_msg(enroll_decide(&f) == enroll_cases[a].want, "%s + %s -> %s",
                          enroll_cases[a].name, enroll_cases[b].name, msg_name(enroll_decide(&f)));
        }
}
END_TEST

START_TEST(rule_enroll_age_limits)
{
    struct enroll_facts f = enroll_ok();
    struct policy p = defaults();

    f.male = 0;
    f.age = 49;
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    f.age = 50;
    ck_assert_int_eq(enroll_decide(&f), MSG_ENROLL_AGE_WOMEN);
    f.male = 1;
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    f.age = 59;
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    f.age = 60;
    ck_assert_int_eq(enroll_decide(&f), MSG_ENROLL_AGE_MEN);
    f.age = 75;
    ck_assert_int_eq(enroll_decide(&f), MSG_ENROLL_AGE_MEN);
    /* configured limits */
    p.max_age_men = 65;
    p.max_age_women = 55;
    f.policy = &p;
    ck_assert_int_eq(enroll_decide(&f), MSG_ENROLL_AGE_MEN);
    f.age = 64;
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    f.male = 0;
    f.age = 54;
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    f.age = 55;
    ck_assert_int_eq(enroll_decide(&f), MSG_ENROLL_AGE_WOMEN);
}
END_TEST

START_TEST(rule_enroll_new_person_without_base_record_ok)
{
    struct enroll_facts f = enroll_ok();

    f.base_records = 0;
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    /* a new person has no registered name to differ from */
    f.name = "<b>李四</b>";
    f.registered_name = NULL;
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
}
END_TEST

/* The typed name must be the registered one byte for byte: markup, a formula,
 * a bidi override, a different spelling all differ. */
START_TEST(rule_enroll_name_must_equal_registered_name)
{
    static const char *const typed[] = {"张三 ", "<b>张三</b>", "=HYPERLINK(\"x\",\"张三\")",
                                        "\xe2\x80\xae三张", "张叁"};
    struct enroll_facts f = enroll_ok();

    for (size_t i = 0; i < N_(typed); i++) {
        f.name = typed[i];
        ck_assert_int_eq(enroll_decide_facts(&f), MSG_NAME_MISMATCH);
    }
    f.name = "张三";
    ck_assert_int_eq(enroll_decide_facts(&f), MSG_OK);
}
END_TEST

START_TEST(rule_enroll_success_message)
{
    ck_assert_int_eq(enroll_success_msg(1), MSG_ENROLL_OK_BACKPAID);
    ck_assert_int_eq(enroll_success_msg(6), MSG_ENROLL_OK_BACKPAID);
    ck_assert_int_eq(enroll_success_msg(0), MSG_ENROLL_OK_NO_BACKPAY);
}
END_TEST

/* The deck's walk through: facts derived with the library's own functions. */
START_TEST(rule_enroll_deck_example_end_to_end)
{
    struct policy p = defaults();
    struct portal_dt aug3 = dt(2022, 8, 3, 10, 0, 0), aug11 = dt(2022, 8, 11, 9, 0, 0);
    struct portal_dt sep8 = dt(2022, 9, 8, 9, 0, 0);
    struct decl_state s;
    struct enroll_facts f = enroll_ok();
    int first, last;

    decl_state_at(&p, &aug3, &s);
    f.window_open = s.window_open;
    f.start = start_month_check(&p, &aug3, ym_make(2022, 9));
    ck_assert_int_eq(enroll_decide(&f), MSG_ENROLL_NEXT_MONTH);

    decl_state_at(&p, &aug11, &s);
    f.window_open = s.window_open;
    f.start = start_month_check(&p, &aug11, ym_make(2022, 9));
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    ck_assert_int_eq(backpay_range(ym_make(2022, 9), s.month, &first, &last), 0);
    ck_assert_int_eq(enroll_success_msg(0), MSG_ENROLL_OK_NO_BACKPAY);

    f.start = start_month_check(&p, &aug11, ym_make(2022, 5));
    ck_assert_int_eq(enroll_decide(&f), MSG_OK);
    ck_assert_int_eq(backpay_range(ym_make(2022, 5), s.month, &first, &last), 4);

    decl_state_at(&p, &sep8, &s);
    f.window_open = s.window_open;
    f.start = start_month_check(&p, &sep8, ym_make(2022, 9));
    ck_assert_int_eq(enroll_decide(&f), MSG_WINDOW_CLOSED);
}
END_TEST

/* ---- stop decision (spec §6 order) --------------------------------------- */

static struct stop_facts stop_ok(void)
{
    struct stop_facts f = {
        .window_open = 1, .id = ID_OK, .end_date_ok = 1, .base_records = 1,
        .retired = 0, .insured_this_unit = 1,
    };
    return f;
}

enum sfail { SF_WINDOW, SF_ID, SF_END, SF_NO_BASE, SF_DUP, SF_RETIRED, SF_NOT_HERE, SF__N };

static void stop_break(struct stop_facts *f, enum sfail e)
{
    switch (e) {
    case SF_WINDOW: f->window_open = 0; break;
    case SF_ID: f->id = ID_ECHECKSUM; break;
    case SF_END: f->end_date_ok = 0; break;
    case SF_NO_BASE: f->base_records = 0; break;
    case SF_DUP: f->base_records = 3; break;
    case SF_RETIRED: f->retired = 1; break;
    case SF_NOT_HERE: f->insured_this_unit = 0; break;
    case SF__N: break;
    }
}

static const struct { const char *name; enum sfail e; enum msg_id want; } stop_rule_cases[] = {
    {"rule_stop_window_closed", SF_WINDOW, MSG_WINDOW_CLOSED},
    {"rule_stop_id_invalid", SF_ID, MSG_ID_INVALID},
    {"rule_stop_end_date", SF_END, MSG_STOP_END_DATE},
    {"rule_stop_no_base_record", SF_NO_BASE, MSG_STOP_NO_BASE},
    {"rule_stop_several_base_records", SF_DUP, MSG_DUPLICATE_BASE},
    {"rule_stop_retiree", SF_RETIRED, MSG_STOP_RETIREE},
    {"rule_stop_not_insured_here", SF_NOT_HERE, MSG_STOP_NOT_INSURED},
};

START_TEST(rule_stop_one_failure)
{
    struct stop_facts f = stop_ok();

    ck_assert_int_eq(stop_decide(&f), MSG_OK);
    stop_break(&f, stop_rule_cases[_i].e);
    ck_assert_msg(stop_decide(&f) == stop_rule_cases[_i].want, "%s", stop_rule_cases[_i].name);
}
END_TEST

START_TEST(rule_stop_first_failure_wins)
{
    for (size_t a = 0; a < N_(stop_rule_cases); a++)
        for (size_t b = a + 1; b < N_(stop_rule_cases); b++) {
            enum sfail ea = stop_rule_cases[a].e, eb = stop_rule_cases[b].e;
            struct stop_facts f = stop_ok();

            if (ea == SF_NO_BASE && eb == SF_DUP)   /* one field */
                continue;
            stop_break(&f, eb);
            stop_break(&f, ea);
            ck_assert_msg(stop_decide(&f) == stop_rule_cases[a].want, "%s + %s",
                          stop_rule_cases[a].name, stop_rule_cases[b].name);
        }
}
END_TEST

/* The deck: enrolled 9.20 (October period) from September, stopped 9.21
 * with end 9.30 -> accepted; October has no contribution. */
START_TEST(rule_stop_deck_example)
{
    struct policy p = defaults();
    struct portal_dt sep21 = dt(2022, 9, 21, 10, 0, 0);
    struct decl_state s;
    struct stop_facts f = stop_ok();

    decl_state_at(&p, &sep21, &s);
    ck_assert_int_eq(s.month, ym_make(2022, 10));
    f.end_date_ok = stop_date_valid(date(2022, 9, 30), s.month);
    ck_assert_int_eq(stop_decide(&f), MSG_OK);
    f.end_date_ok = stop_date_valid(date(2022, 9, 21), s.month);
    ck_assert_int_eq(stop_decide(&f), MSG_STOP_END_DATE);
}
END_TEST

/* ---- the decisions in stages (no database first, then facts) -------------- */

/* Each rule belongs to exactly one stage: the other stage passes it. */
static void assert_one_stage(const char *name, int input_rule, enum msg_id input,
                             enum msg_id facts, enum msg_id want)
{
    ck_assert_msg(input == (input_rule ? want : MSG_OK), "%s: input stage %s", name, msg_name(input));
    ck_assert_msg(facts == (input_rule ? MSG_OK : want), "%s: facts stage %s", name, msg_name(facts));
}

/* Over the cases of both decisions: enroll_cases, then stop_rule_cases. */
START_TEST(rule_decisions_in_two_stages)
{
    struct enroll_facts ef = enroll_ok();
    struct stop_facts sf = stop_ok();
    size_t i = (size_t)_i, k = i - N_(enroll_cases);

    if (i < N_(enroll_cases)) {
        enroll_break(&ef, enroll_cases[i].e);
        assert_one_stage(enroll_cases[i].name, enroll_cases[i].e <= EF_EARLY,
                         enroll_decide_input(&ef), enroll_decide_facts(&ef), enroll_cases[i].want);
    } else {
        stop_break(&sf, stop_rule_cases[k].e);
        assert_one_stage(stop_rule_cases[k].name, stop_rule_cases[k].e <= SF_END,
                         stop_decide_input(&sf), stop_decide_facts(&sf), stop_rule_cases[k].want);
    }
}
END_TEST

static const struct { enum start_check start; enum msg_id want; } start_msg_cases[] = {
    {START_OK, MSG_OK},
    {START_ENEXT_BEFORE_SETTLE, MSG_ENROLL_NEXT_MONTH},
    {START_ELATER, MSG_ENROLL_LATER},
    {START_ETOO_EARLY, MSG_ENROLL_TOO_EARLY},
    {(enum start_check)99, MSG_BAD_REQUEST},
};

START_TEST(rule_enroll_start_month_message)
{
    ck_assert_int_eq(enroll_start_msg(start_msg_cases[_i].start), start_msg_cases[_i].want);
}
END_TEST

/* "110105" + birth + "001" + its check character. */
static void valid_id(char out[19], const char *birth8)
{
    memcpy(out, "110105", 6);
    memcpy(out + 6, birth8, 8);
    memcpy(out + 14, "001", 3);
    out[17] = id_check_char(out);
    out[18] = '\0';
}

static const struct {
    const char *name;
    struct portal_dt now;
    const char *birth8;      /* NULL: use id as it is */
    const char *id;
    int start_y, start_m;
    enum msg_id want;
    int want_age;            /* when the ID is valid */
} input_cases[] = {
    {"enroll_input_ok", {2022, 8, 11, 9, 0, 0}, "19900307", NULL, 2022, 9, MSG_OK, 32},
    {"enroll_input_backpay_ok", {2022, 8, 11, 9, 0, 0}, "19900307", NULL, 2022, 3, MSG_OK, 32},
    {"enroll_input_window_closed", {2022, 9, 8, 9, 0, 0}, "19900307", NULL, 2022, 9, MSG_WINDOW_CLOSED, 32},
    {"enroll_input_window_before_id", {2022, 9, 8, 9, 0, 0}, NULL, "110105199003070010", 2022, 9,
     MSG_WINDOW_CLOSED, -1},
    {"enroll_input_bad_checksum", {2022, 8, 11, 9, 0, 0}, NULL, "110105199003070010", 2022, 9,
     MSG_ID_INVALID, -1},
    {"enroll_input_born_after_today", {2022, 8, 11, 9, 0, 0}, "20220812", NULL, 2022, 9, MSG_ID_INVALID, -1},
    {"enroll_input_born_today", {2022, 8, 11, 9, 0, 0}, "20220811", NULL, 2022, 9, MSG_OK, 0},
    {"enroll_input_lower_case_x", {2022, 8, 11, 9, 0, 0}, NULL, "11010519491231002x", 2022, 9, MSG_OK, 72},
    {"enroll_input_id_before_start", {2022, 8, 11, 9, 0, 0}, NULL, "bad", 2030, 1, MSG_ID_INVALID, -1},
    {"enroll_input_next_month_before_settle", {2022, 8, 3, 9, 0, 0}, "19900307", NULL, 2022, 9,
     MSG_ENROLL_NEXT_MONTH, 32},
    {"enroll_input_later_than_C", {2022, 8, 11, 9, 0, 0}, "19900307", NULL, 2022, 10, MSG_ENROLL_LATER, 32},
    {"enroll_input_too_early", {2022, 8, 11, 9, 0, 0}, "19900307", NULL, 2022, 2, MSG_ENROLL_TOO_EARLY, 32},
};

/* Stage 1 facts derived from the input, then stage 1's decision. */
START_TEST(rule_enroll_input_facts_and_decision)
{
    struct policy p = defaults();
    struct enroll_facts f;
    struct id_info info;
    char id[19], canon[19];
    int C;

    if (input_cases[_i].birth8)
        valid_id(id, input_cases[_i].birth8);
    else
        snprintf(id, sizeof id, "%s", input_cases[_i].id);
    C = enroll_input_facts(&p, &input_cases[_i].now, id,
                           ym_make(input_cases[_i].start_y, input_cases[_i].start_m), &f, canon, &info);
    ck_assert_int_eq(C, decl_month(&p, dt_date(&input_cases[_i].now)));
    ck_assert_msg(enroll_decide_input(&f) == input_cases[_i].want, "%s: %s", input_cases[_i].name,
                  msg_name(enroll_decide_input(&f)));
    ck_assert_ptr_eq(f.policy, &p);
    if (input_cases[_i].want_age >= 0) {
        ck_assert_int_eq(f.id, ID_OK);
        ck_assert_int_eq(f.age, input_cases[_i].want_age);
        ck_assert_int_eq(f.male, info.male);
        ck_assert_int_eq(strlen(canon), 18);
        ck_assert_int_ne(canon[17], 'x');
    } else {
        ck_assert_int_ne(f.id, ID_OK);
    }
}
END_TEST

/* The upload's check is stage 1 without the ID: over the start-month cases,
 * the window first, then the start month's message; the same answer as
 * stage 1 for any valid ID. */
START_TEST(rule_enroll_batch_shares_window_and_start_month)
{
    struct policy p = defaults();
    struct portal_dt now = start_cases[_i].now;
    int S = ym_make(start_cases[_i].s_y, start_cases[_i].s_m);
    struct decl_state st;
    struct enroll_facts f;
    struct id_info info;
    char id[19], canon[19];
    enum msg_id want;

    decl_state_at(&p, &now, &st);
    want = st.window_open ? enroll_start_msg(start_cases[_i].want) : MSG_WINDOW_CLOSED;
    ck_assert_msg(enroll_decide_batch(&p, &now, S) == want, "%s", start_cases[_i].name);
    valid_id(id, "19900307");
    enroll_input_facts(&p, &now, id, S, &f, canon, &info);
    ck_assert_int_eq(enroll_decide_input(&f), want);
    /* the last minute of the window and the first of the settlement period */
    now = dt(2022, 9, 6, 16, 59, 59);
    ck_assert_int_eq(enroll_decide_batch(&p, &now, ym_make(2022, 9)), MSG_OK);
    now.mm = 0;
    now.ss = 0;
    now.hh = 17;
    ck_assert_int_eq(enroll_decide_batch(&p, &now, ym_make(2022, 9)), MSG_WINDOW_CLOSED);
    ck_assert_int_eq(enroll_decide_batch(&p, &now, ym_make(2030, 1)), MSG_WINDOW_CLOSED);
}
END_TEST

static const struct {
    const char *name;
    struct portal_dt now;
    const char *id;
    struct ymd end;
    enum msg_id want;
} stop_input_cases[] = {
    /* 2022-09-21: C = 2022-10 */
    {"stop_input_end_of_C_minus_1", {2022, 9, 21, 10, 0, 0}, "11010519491231002X", {2022, 9, 30}, MSG_OK},
    {"stop_input_end_of_C", {2022, 9, 21, 10, 0, 0}, "11010519491231002x", {2022, 10, 31}, MSG_OK},
    {"stop_input_end_not_a_month_end", {2022, 9, 21, 10, 0, 0}, "11010519491231002X", {2022, 9, 21},
     MSG_STOP_END_DATE},
    {"stop_input_end_absent", {2022, 9, 21, 10, 0, 0}, "11010519491231002X", {0, 0, 0}, MSG_STOP_END_DATE},
    {"stop_input_end_of_C_plus_1", {2022, 9, 21, 10, 0, 0}, "11010519491231002X", {2022, 11, 30},
     MSG_STOP_END_DATE},
    {"stop_input_bad_id_before_end", {2022, 9, 21, 10, 0, 0}, "110105194912310020", {0, 0, 0},
     MSG_ID_INVALID},
    {"stop_input_window_closed", {2022, 10, 8, 10, 0, 0}, "bad", {0, 0, 0}, MSG_WINDOW_CLOSED},
};

START_TEST(rule_stop_input_facts_and_decision)
{
    struct policy p = defaults();
    struct stop_facts f;
    char canon[19];
    int C = stop_input_facts(&p, &stop_input_cases[_i].now, stop_input_cases[_i].id,
                             stop_input_cases[_i].end, &f, canon);

    ck_assert_int_eq(C, decl_month(&p, dt_date(&stop_input_cases[_i].now)));
    ck_assert_msg(stop_decide_input(&f) == stop_input_cases[_i].want, "%s: %s",
                  stop_input_cases[_i].name, msg_name(stop_decide_input(&f)));
    if (f.id == ID_OK)
        ck_assert_str_eq(canon, "11010519491231002X");
    /* the facts of stage 2 are left for the store */
    ck_assert_int_eq(f.base_records, 0);
    ck_assert_int_eq(f.insured_this_unit, 0);
}
END_TEST

static void loop(Suite *s, const char *name, const TTest *t, int n)
{
    TCase *tc = tcase_create(name);
    tcase_add_loop_test(tc, t, 0, n);
    suite_add_tcase(s, tc);
}

static void one(Suite *s, const char *name, const TTest *t)
{
    loop(s, name, t, 1);
}

int main(void)
{
    Suite *s = suite_create("rules");
    SRunner *sr;
    int failed;

    one(s, "rule_month_index_roundtrip", rule_month_index_roundtrip);
    loop(s, "rule_days_in_month_and_leap_years", rule_days_in_month_and_leap_years, N_(dim_cases));
    loop(s, "rule_parse_month_is_strict", rule_parse_month_is_strict, N_(month_cases));
    loop(s, "rule_parse_date_is_strict", rule_parse_date_is_strict, N_(date_cases));
    loop(s, "rule_parse_datetime_is_strict", rule_parse_datetime_is_strict, N_(datetime_cases));
    one(s, "rule_parsers_reject_null", rule_parsers_reject_null);
    one(s, "rule_formatters", rule_formatters);
    one(s, "rule_format_parse_roundtrip", rule_format_parse_roundtrip);
    one(s, "rule_month_first_and_last_day", rule_month_first_and_last_day);
    loop(s, "rule_decl_state", rule_decl_state, N_(decl_cases));
    one(s, "rule_decl_month_day11_is_next_month", rule_decl_month_day11_is_next_month);
    one(s, "rule_decl_window_bounds", rule_decl_window_bounds);
    one(s, "rule_decl_settled_through", rule_decl_settled_through);
    one(s, "rule_decl_policy_knobs", rule_decl_policy_knobs);
    loop(s, "rule_start_month_check", rule_start_month_check, N_(start_cases));
    one(s, "rule_start_month_backpay_knob", rule_start_month_backpay_knob);
    one(s, "rule_backpay_range", rule_backpay_range);
    loop(s, "rule_stop_date_last_day_of_previous_or_this_month",
         rule_stop_date_last_day_of_previous_or_this_month, N_(stop_cases));
    loop(s, "rule_stop_form_offers_last_day_of_previous_and_this_month",
         rule_stop_form_offers_last_day_of_previous_and_this_month, N_(choice_cases));
    loop(s, "rule_stop_reason_from_the_fixed_list", rule_stop_reason_from_the_fixed_list, 1);
    loop(s, "rule_age_full_years", rule_age_full_years, N_(age_cases));
    loop(s, "rule_clamp_wage_to_limits", rule_clamp_wage_to_limits, N_(clamp_cases));
    loop(s, "rule_retire_month", rule_retire_month, N_(retire_cases));
    one(s, "rule_retire_age_caps", rule_retire_age_caps);
    one(s, "rule_retire_rule_and_birth_range", rule_retire_rule_and_birth_range);
    loop(s, "rule_enroll_one_failure", rule_enroll_one_failure, N_(enroll_cases));
    one(s, "rule_enroll_first_failure_wins", rule_enroll_first_failure_wins);
    one(s, "rule_enroll_age_limits", rule_enroll_age_limits);
    one(s, "rule_enroll_new_person_without_base_record_ok", rule_enroll_new_person_without_base_record_ok);
    one(s, "rule_enroll_name_must_equal_registered_name", rule_enroll_name_must_equal_registered_name);
    one(s, "rule_enroll_success_message", rule_enroll_success_message);
    one(s, "rule_enroll_deck_example_end_to_end", rule_enroll_deck_example_end_to_end);
    loop(s, "rule_stop_one_failure", rule_stop_one_failure, N_(stop_rule_cases));
    one(s, "rule_stop_first_failure_wins", rule_stop_first_failure_wins);
    one(s, "rule_stop_deck_example", rule_stop_deck_example);
    loop(s, "rule_decisions_in_two_stages", rule_decisions_in_two_stages,
         N_(enroll_cases) + N_(stop_rule_cases));
    loop(s, "rule_enroll_start_month_message", rule_enroll_start_month_message, N_(start_msg_cases));
    loop(s, "rule_enroll_input_facts_and_decision", rule_enroll_input_facts_and_decision,
         N_(input_cases));
    loop(s, "rule_enroll_batch_shares_window_and_start_month",
         rule_enroll_batch_shares_window_and_start_month, N_(start_cases));
    loop(s, "rule_stop_input_facts_and_decision", rule_stop_input_facts_and_decision,
         N_(stop_input_cases));

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
