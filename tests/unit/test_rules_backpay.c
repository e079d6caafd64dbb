/*
 * Unit tests of the back-payment assessment (rules/backpay.h, spec §5
 * 职工补缴核定): each month at its own limits and rates — limits and rates
 * that change inside the range —, months and types already charged skipped,
 * round half up per row at the .5-fen edges, and the refusals when the
 * reference data is incomplete or the caller's array too small.
 */
#include <string.h>

#include "rules/rules.h"
#include "unit.h"

#define YM(y, m) ((y) * 12 + (m) - 1)

/* 2021: 3,000.00..15,000.00; from 2022: 4,000.00..20,000.00 (open ended). */
static const struct limit_period limits[] = {
    {YM(2021, 1), YM(2021, 12), 300000, 1500000},
    {YM(2022, 1), -1, 400000, 2000000},
};
/* 310 6% / 2% (all to the account); 330 a fixed 5.00, 7.00 from 2022;
 * 510 0.8% of the unit, only from 2022. */
static const struct rate_period rates[] = {
    {YM(2021, 1), -1, {INS_BASIC, 600, 200, 0, 0, 10000}},
    {YM(2021, 1), YM(2021, 12), {INS_LARGE, 0, 0, 0, 500, 0}},
    {YM(2022, 1), -1, {INS_LARGE, 0, 0, 0, 700, 0}},
    {YM(2022, 1), -1, {INS_MATERNITY, 80, 0, 0, 0, 0}},
};
static const struct ref_tables tables = {limits, N_(limits), rates, N_(rates)};

static const int two_types[] = {INS_BASIC, INS_LARGE};
static const int three_types[] = {INS_BASIC, INS_LARGE, INS_MATERNITY};

/* ---- one month: limits and rates in force, the clamp ------------------------ */

static const struct {
    const char *name;
    int month;
    long long wage, want_base;
    enum clamp want_clamp;
    long long want_lower, want_unit310, want_person330;
    enum charge_err want;
} month_cases[] = {
    {"last_month_of_a_limits_period", YM(2021, 12), 350000, 350000, CLAMP_NONE, 300000, 21000, 500, CHARGE_OK},
    {"first_month_of_the_next_period", YM(2022, 1), 350000, 400000, CLAMP_LOWER, 400000, 24000, 700, CHARGE_OK},
    {"open_ended_period", YM(2035, 6), 2500000, 2000000, CLAMP_UPPER, 400000, 120000, 700, CHARGE_OK},
    {"upper_limit_of_the_old_period", YM(2021, 1), 1800000, 1500000, CLAMP_UPPER, 300000, 90000, 500, CHARGE_OK},
    {"wage_equal_to_the_lower_limit", YM(2022, 3), 400000, 400000, CLAMP_NONE, 400000, 24000, 700, CHARGE_OK},
    {"no_limits_before_the_first_period", YM(2020, 12), 350000, 0, CLAMP_NONE, 0, 0, 0, CHARGE_ENOLIMIT},
};

START_TEST(rule_charge_month_at_its_limits_and_rates)
{
    struct month_charge mc;
    enum charge_err e = charge_month(&tables, month_cases[_i].month, month_cases[_i].wage,
                                     two_types, N_(two_types), &mc);

    ck_assert_msg(e == month_cases[_i].want, "%s: %d", month_cases[_i].name, e);
    if (e != CHARGE_OK)
        return;
    ck_assert_int_eq(mc.base_fen, month_cases[_i].want_base);
    ck_assert_int_eq(mc.clamp, month_cases[_i].want_clamp);
    ck_assert_int_eq(mc.lower_fen, month_cases[_i].want_lower);
    ck_assert_int_eq(mc.amounts[0].unit_fen, month_cases[_i].want_unit310);
    ck_assert_int_eq(mc.amounts[0].account_fen, mc.amounts[0].person_fen);
    ck_assert_int_eq(mc.amounts[1].person_fen, month_cases[_i].want_person330);
    ck_assert_int_eq(mc.amounts[1].unit_fen, 0);
}
END_TEST

START_TEST(rule_charge_month_refusals)
{
    struct month_charge mc;
    int many[CHARGE_MAX_TYPES + 1];

    for (size_t k = 0; k < N_(many); k++)
        many[k] = INS_BASIC;
    /* 510 has no rate in 2021 */
    ck_assert_int_eq(charge_month(&tables, YM(2021, 6), 350000, three_types, 3, &mc), CHARGE_ENORATE);
    ck_assert_int_eq(charge_month(&tables, YM(2022, 6), 350000, three_types, 3, &mc), CHARGE_OK);
    ck_assert_int_eq(mc.amounts[2].unit_fen, 3200);
    ck_assert_int_eq(charge_month(&tables, YM(2022, 6), 350000, many, N_(many), &mc), CHARGE_ETOOMANY);
    ck_assert_int_eq(charge_month(&tables, YM(2022, 6), 350000, many, CHARGE_MAX_TYPES, &mc), CHARGE_OK);
}
END_TEST

/* ---- the assessment over a range ------------------------------------------ */

#define MAX_CHARGED 8
static const struct {
    const char *name;
    int first, last;
    long long wage;
    const int *types;
    size_t ntypes;
    struct month_type charged[MAX_CHARGED];
    size_t ncharged;
    enum charge_err want;
    size_t want_rows;
    int want_months, want_first, want_last;
    long long want_total;
} range_cases[] = {
    {"backpay_nothing_when_start_is_C", YM(2022, 3), YM(2022, 2), 500000, two_types, 2,
     {{0, 0}}, 0, CHARGE_OK, 0, 0, 0, 0, 0},
    {"backpay_one_month", YM(2022, 1), YM(2022, 1), 500000, two_types, 2,
     {{0, 0}}, 0, CHARGE_OK, 2, 1, YM(2022, 1), YM(2022, 1), 30000 + 10000 + 700},
    /* 2021-11, -12 at 3,500.00 (28,500 fen a month); 2022-01, -02 clamped to 4,000.00 (32,700) */
    {"backpay_limit_change_inside_the_range", YM(2021, 11), YM(2022, 2), 350000, two_types, 2,
     {{0, 0}}, 0, CHARGE_OK, 8, 4, YM(2021, 11), YM(2022, 2), 2 * 28500 + 2 * 32700},
    /* 2021-12 at the old upper limit 15,000.00; 2022-01 at 18,000.00 */
    {"backpay_upper_limit_change_inside_the_range", YM(2021, 12), YM(2022, 1), 1800000, two_types, 2,
     {{0, 0}}, 0, CHARGE_OK, 4, 2, YM(2021, 12), YM(2022, 1), 120500 + 144700},
    /* 3,500.25: 210.015 -> 210.02 (unit), 70.005 -> 70.01 (person) */
    {"backpay_half_fen_rounds_up", YM(2021, 12), YM(2021, 12), 350025, two_types, 2,
     {{0, 0}}, 0, CHARGE_OK, 2, 1, YM(2021, 12), YM(2021, 12), 21002 + 7001 + 500},
    /* 3,500.24: 210.0144 -> 210.01, 70.0048 -> 70.00 */
    {"backpay_below_half_fen_rounds_down", YM(2021, 12), YM(2021, 12), 350024, two_types, 2,
     {{0, 0}}, 0, CHARGE_OK, 2, 1, YM(2021, 12), YM(2021, 12), 21001 + 7000 + 500},
    /* per row, not on the sum: two months of 70.005 are 140.02, not 140.01 */
    {"backpay_rounds_per_row", YM(2021, 11), YM(2021, 12), 350025, two_types, 2,
     {{0, 0}}, 0, CHARGE_OK, 4, 2, YM(2021, 11), YM(2021, 12), 2 * (21002 + 7001 + 500)},
    {"backpay_charged_month_skipped", YM(2021, 11), YM(2022, 2), 350000, two_types, 2,
     {{YM(2021, 12), INS_BASIC}, {YM(2021, 12), INS_LARGE}}, 2,
     CHARGE_OK, 6, 3, YM(2021, 11), YM(2022, 2), 28500 + 2 * 32700},
    {"backpay_charged_type_skipped_month_still_assessed", YM(2021, 12), YM(2021, 12), 350000,
     two_types, 2, {{YM(2021, 12), INS_BASIC}}, 1, CHARGE_OK, 1, 1, YM(2021, 12), YM(2021, 12), 500},
    {"backpay_all_charged_nothing_assessed", YM(2021, 12), YM(2022, 1), 350000, two_types, 2,
     {{YM(2021, 12), INS_BASIC}, {YM(2021, 12), INS_LARGE}, {YM(2022, 1), INS_LARGE},
      {YM(2022, 1), INS_BASIC}}, 4, CHARGE_OK, 0, 0, 0, 0, 0},
    {"backpay_first_and_last_charged_range_narrows", YM(2021, 11), YM(2022, 2), 350000, two_types, 2,
     {{YM(2021, 11), INS_BASIC}, {YM(2021, 11), INS_LARGE}, {YM(2022, 2), INS_BASIC},
      {YM(2022, 2), INS_LARGE}}, 4, CHARGE_OK, 4, 2, YM(2021, 12), YM(2022, 1), 28500 + 32700},
    {"backpay_charges_outside_the_range_or_types_ignored", YM(2021, 12), YM(2021, 12), 350000,
     two_types, 2, {{YM(2021, 11), INS_BASIC}, {YM(2022, 1), INS_LARGE}, {YM(2021, 12), INS_CIVIL}},
     3, CHARGE_OK, 2, 1, YM(2021, 12), YM(2021, 12), 28500},
    /* a rate that starts inside the range */
    {"backpay_rate_change_inside_the_range", YM(2021, 12), YM(2022, 1), 500000, three_types, 3,
     {{YM(2021, 12), INS_MATERNITY}}, 1, CHARGE_OK, 5, 2, YM(2021, 12), YM(2022, 1),
     40500 + 40700 + 4000},
    {"backpay_no_rate_for_an_assessed_type", YM(2021, 12), YM(2022, 1), 500000, three_types, 3,
     {{0, 0}}, 0, CHARGE_ENORATE, 0, 0, 0, 0, 0},
    {"backpay_no_limits_for_a_month", YM(2020, 12), YM(2021, 1), 350000, two_types, 2,
     {{0, 0}}, 0, CHARGE_ENOLIMIT, 0, 0, 0, 0, 0},
    {"backpay_no_limits_even_for_a_charged_month", YM(2020, 12), YM(2020, 12), 350000, two_types, 2,
     {{YM(2020, 12), INS_BASIC}, {YM(2020, 12), INS_LARGE}}, 2, CHARGE_ENOLIMIT, 0, 0, 0, 0, 0},
};

START_TEST(rule_backpay_assess)
{
    struct backpay_row rows[64];
    struct backpay_result r;
    struct backpay_in in = {
        range_cases[_i].first, range_cases[_i].last, range_cases[_i].wage, range_cases[_i].types,
        range_cases[_i].ntypes, range_cases[_i].charged, range_cases[_i].ncharged,
    };
    enum charge_err e = backpay_assess(&tables, &in, rows, N_(rows), &r);

    ck_assert_msg(e == range_cases[_i].want, "%s: %d", range_cases[_i].name, e);
    if (e != CHARGE_OK)
        return;
    ck_assert_uint_eq(r.nrows, range_cases[_i].want_rows);
    ck_assert_int_eq(r.months_assessed, range_cases[_i].want_months);
    if (r.months_assessed > 0) {
        ck_assert_int_eq(r.first_ym, range_cases[_i].want_first);
        ck_assert_int_eq(r.last_ym, range_cases[_i].want_last);
    }
    ck_assert_int_eq(r.total_fen, range_cases[_i].want_total);
}
END_TEST

/* The rows themselves: month order, then type order; each at its month's
 * clamped base; the total is the sum of the rows. */
START_TEST(rule_backpay_rows_at_each_months_base)
{
    struct backpay_row rows[16];
    struct backpay_result r;
    struct backpay_in in = {YM(2021, 11), YM(2022, 2), 350000, two_types, 2, NULL, 0};
    long long sum = 0;

    ck_assert_int_eq(backpay_assess(&tables, &in, rows, N_(rows), &r), CHARGE_OK);
    ck_assert_uint_eq(r.nrows, 8);
    for (size_t i = 0; i < r.nrows; i++) {
        int m = YM(2021, 11) + (int)(i / 2);
        ck_assert_int_eq(rows[i].month, m);
        ck_assert_int_eq(rows[i].type_code, two_types[i % 2]);
        ck_assert_int_eq(rows[i].base_fen, m < YM(2022, 1) ? 350000 : 400000);
        sum += rows[i].a.unit_fen + rows[i].a.person_fen;
    }
    ck_assert_int_eq(rows[0].a.unit_fen, 21000);
    ck_assert_int_eq(rows[0].a.account_fen, 7000);
    ck_assert_int_eq(rows[7].a.person_fen, 700);
    ck_assert_int_eq(sum, r.total_fen);
}
END_TEST

START_TEST(rule_backpay_reports_what_is_missing)
{
    struct backpay_row rows[16];
    struct backpay_result r;
    struct backpay_in in = {YM(2021, 11), YM(2022, 1), 500000, three_types, 3, NULL, 0};

    ck_assert_int_eq(backpay_assess(&tables, &in, rows, N_(rows), &r), CHARGE_ENORATE);
    ck_assert_int_eq(r.bad_month, YM(2021, 11));
    ck_assert_int_eq(r.bad_type, INS_MATERNITY);
    in.first = YM(2020, 10);
    in.types = two_types;
    in.ntypes = 2;
    ck_assert_int_eq(backpay_assess(&tables, &in, rows, N_(rows), &r), CHARGE_ENOLIMIT);
    ck_assert_int_eq(r.bad_month, YM(2020, 10));
}
END_TEST

/* The caller's array bounds the rows: exactly enough works, one less is refused. */
START_TEST(rule_backpay_rows_array_too_small)
{
    struct backpay_row rows[8];
    struct backpay_result r;
    struct backpay_in in = {YM(2021, 11), YM(2022, 2), 350000, two_types, 2, NULL, 0};

    ck_assert_int_eq(backpay_assess(&tables, &in, rows, 8, &r), CHARGE_OK);
    ck_assert_int_eq(backpay_assess(&tables, &in, rows, 7, &r), CHARGE_ETOOMANY);
    ck_assert_int_eq(backpay_assess(&tables, &in, rows, 0, &r), CHARGE_ETOOMANY);
}
END_TEST

/* spec §5 end to end with the library's own functions: start 2022-05 in
 * period 2022-09 back-pays May..August, at the deck's rates. */
START_TEST(rule_backpay_deck_example)
{
    static const struct limit_period deck_limits[] = {{YM(2022, 1), YM(2022, 12), 445300, 2226400}};
    struct rate_period deck_rates[INSURANCE_MANDATORY_N];
    size_t n = 0;
    const int *types = insurance_mandatory(&n);
    struct ref_tables t = {deck_limits, 1, deck_rates, n};
    struct backpay_row rows[64];
    struct backpay_result r;
    struct backpay_in in = {0, 0, 800000, types, n, NULL, 0};
    struct month_charge mc;

    for (size_t k = 0; k < n; k++) {
        deck_rates[k].from = YM(2022, 1);
        deck_rates[k].to = -1;
        ck_assert_int_eq(rate_default(types[k], &deck_rates[k].r), 0);
    }
    ck_assert_int_eq(backpay_range(YM(2022, 5), YM(2022, 9), &in.first, &in.last), 4);
    ck_assert_int_eq(charge_month(&t, YM(2022, 9), 800000, types, n, &mc), CHARGE_OK);
    ck_assert_int_eq(backpay_assess(&t, &in, rows, N_(rows), &r), CHARGE_OK);
    ck_assert_uint_eq(r.nrows, 4 * n);
    ck_assert_int_eq(r.months_assessed, 4);
    /* 8,000.00: 310 480.00 + 160.00, 330 5.00, 340 80.00, 510 64.00 a month */
    ck_assert_int_eq(r.total_fen, 4 * (48000 + 16000 + 500 + 8000 + 6400));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules_backpay");

    loop(s, "rule_charge_month_at_its_limits_and_rates", rule_charge_month_at_its_limits_and_rates,
         N_(month_cases));
    loop(s, "rule_charge_month_refusals", rule_charge_month_refusals, 1);
    loop(s, "rule_backpay_assess", rule_backpay_assess, N_(range_cases));
    loop(s, "rule_backpay_rows_at_each_months_base", rule_backpay_rows_at_each_months_base, 1);
    loop(s, "rule_backpay_reports_what_is_missing", rule_backpay_reports_what_is_missing, 1);
    loop(s, "rule_backpay_rows_array_too_small", rule_backpay_rows_array_too_small, 1);
    loop(s, "rule_backpay_deck_example", rule_backpay_deck_example, 1);
    return run_suite(s);
}
