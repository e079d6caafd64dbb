/*
 * Unit tests of the 报表打印 rules (rules/report.h): rates as printed, the
 * payment types' order, notice rows left out, 通知单据号, the months with a
 * report, the 核验码 and its 180 days, the wait after failed attempts.
 */
#include <check.h>
#include <string.h>

#include "rules/rules.h"
#include "unit.h"

static const struct { int bp; long long fixed; const char *want; } rate_cases[] = {
    {600, 0, "6.00%"}, {200, 0, "2.00%"}, {80, 0, "0.80%"}, {100, 0, "1.00%"},
    {0, 0, "0.00%"}, {0, 500, "5.00元/人·月"}, {1, 0, "0.01%"}, {10000, 0, "100.00%"},
    {600, 500, "6.00%+5.00元/人·月"}, {0, 3000, "30.00元/人·月"},
};

START_TEST(rule_report_rate_text_percent_or_fixed_amount)
{
    char buf[REPORT_RATE_MAX];

    ck_assert_int_eq(report_rate_text(buf, sizeof buf, rate_cases[_i].bp, rate_cases[_i].fixed),
                     (int)strlen(rate_cases[_i].want));
    ck_assert_str_eq(buf, rate_cases[_i].want);
}
END_TEST

START_TEST(rule_report_rate_text_refuses)
{
    char buf[6];

    ck_assert_int_eq(report_rate_text(buf, sizeof buf, 600, 500), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(report_rate_text(buf, sizeof buf, -1, 0), -1);
    ck_assert_int_eq(report_rate_text(buf, sizeof buf, 0, -1), -1);
    ck_assert_int_eq(report_rate_text(NULL, 0, 600, 0), -1);
}
END_TEST

static const struct { long long fen; const char *want; } fen_cases[] = {
    {130004892, "1,300,048.92"}, {740000, "7,400.00"}, {10552165, "105,521.65"},
    {5, "0.05"}, {0, "0.00"}, {99999, "999.99"}, {100000, "1,000.00"},
    {-123450, "-1,234.50"}, {100000000000LL, "1,000,000,000.00"},
};

START_TEST(rule_report_fen_text_thousands_separated)
{
    char buf[REPORT_FEN_MAX], small[4];

    ck_assert_int_eq(report_fen_text(buf, sizeof buf, fen_cases[_i].fen),
                     (int)strlen(fen_cases[_i].want));
    ck_assert_str_eq(buf, fen_cases[_i].want);
    ck_assert_int_eq(report_fen_text(small, sizeof small, 740000), -1);
    ck_assert_str_eq(small, "");
}
END_TEST

START_TEST(rule_payment_type_order_normal_backpay_difference_others)
{
    ck_assert_int_lt(payment_type_rank("正常应缴"), payment_type_rank("补缴"));
    ck_assert_int_lt(payment_type_rank("补缴"), payment_type_rank("补差"));
    ck_assert_int_lt(payment_type_rank("补差"), payment_type_rank("退费"));
    ck_assert_int_eq(payment_type_rank("退费"), payment_type_rank("其他"));
    ck_assert_int_eq(payment_type_rank(NULL), 3);
}
END_TEST

START_TEST(rule_notice_leaves_out_all_zero_rows)
{
    ck_assert_int_eq(notice_row_shown(0, 0, 0, 0, 0), 0);
    ck_assert_int_eq(notice_row_shown(1, 0, 0, 0, 0), 1);
    ck_assert_int_eq(notice_row_shown(0, 1, 0, 0, 0), 1);
    ck_assert_int_eq(notice_row_shown(0, 0, 1, 0, 0), 1);
    ck_assert_int_eq(notice_row_shown(0, 0, 0, 1, 0), 1);
    ck_assert_int_eq(notice_row_shown(0, 0, 0, 0, 1), 1);
    ck_assert_int_eq(notice_row_shown(-5, 0, 0, 0, 0), 1);
}
END_TEST

START_TEST(rule_notice_number_unit_serial_and_yymm)
{
    char a[NOTICE_NO_MAX], b[NOTICE_NO_MAX], small[8];

    ck_assert_int_eq(notice_number(a, sizeof a, 104035, ym_make(2022, 8)), 11);
    ck_assert_str_eq(a, "104035 2208");
    notice_number(a, sizeof a, 42, ym_make(2026, 11));
    ck_assert_str_eq(a, "000042 2611");
    /* unique per unit and month */
    notice_number(b, sizeof b, 42, ym_make(2026, 10));
    ck_assert_str_ne(a, b);
    notice_number(b, sizeof b, 43, ym_make(2026, 11));
    ck_assert_str_ne(a, b);
    notice_number(a, sizeof a, 1234567, ym_make(2022, 1));
    ck_assert_str_eq(a, "1234567 2201");
    ck_assert_int_eq(notice_number(small, sizeof small, 42, ym_make(2026, 11)), -1);
    ck_assert_int_eq(notice_number(a, sizeof a, -1, ym_make(2026, 11)), -1);
}
END_TEST

START_TEST(rule_report_month_future_or_before_first_enrolment_is_empty)
{
    int cur = ym_make(2026, 11), first = ym_make(2025, 12);

    ck_assert_int_eq(report_month_check(cur, cur, first), REPORT_MONTH_OK);
    ck_assert_int_eq(report_month_check(first, cur, first), REPORT_MONTH_OK);
    ck_assert_int_eq(report_month_check(cur + 1, cur, first), REPORT_MONTH_FUTURE);
    ck_assert_int_eq(report_month_check(first - 1, cur, first), REPORT_MONTH_BEFORE_FIRST);
    ck_assert_int_eq(report_month_check(cur, cur, -1), REPORT_MONTH_BEFORE_FIRST);
}
END_TEST

START_TEST(rule_verify_code_alphabet_and_parse)
{
    unsigned char r[VERIFY_CODE_LEN];
    char code[VERIFY_CODE_LEN + 1], back[VERIFY_CODE_LEN + 1];

    for (int i = 0; i < VERIFY_CODE_LEN; i++)
        r[i] = (unsigned char)(i * 37 + 255 * (i % 2));
    verify_code_make(r, code);
    ck_assert_uint_eq(strlen(code), VERIFY_CODE_LEN);
    ck_assert_ptr_null(strpbrk(code, "01IO"));
    ck_assert_int_eq(verify_code_parse(code, back), 0);
    ck_assert_str_eq(back, code);
    ck_assert_int_eq(verify_code_parse("abcdefghjkmn", back), 0);
    ck_assert_str_eq(back, "ABCDEFGHJKMN");
    ck_assert_int_eq(verify_code_parse("ABCDEFGHJKM", back), -1);     /* 11 */
    ck_assert_int_eq(verify_code_parse("ABCDEFGHJKMNP", back), -1);   /* 13 */
    ck_assert_int_eq(verify_code_parse("ABCDEFGHJKM0", back), -1);    /* 0 */
    ck_assert_int_eq(verify_code_parse("ABCDEFGHJKMO", back), -1);    /* O */
    ck_assert_int_eq(verify_code_parse("ABCDEFGHJKM ", back), -1);
    ck_assert_int_eq(verify_code_parse("ABCDEFGHJK码", back), -1);
    ck_assert_int_eq(verify_code_parse("", back), -1);
    ck_assert_int_eq(verify_code_parse(NULL, back), -1);
}
END_TEST

static const struct { struct ymd made, today; int ok; } verify_cases[] = {
    {{2026, 11, 29}, {2026, 11, 29}, 1},
    {{2026, 11, 29}, {2026, 11, 28}, 0},          /* before it was made */
    {{2026, 1, 1}, {2026, 6, 29}, 1},             /* day 179 */
    {{2026, 1, 1}, {2026, 6, 30}, 0},             /* day 180 */
    {{2024, 1, 1}, {2024, 6, 28}, 1},             /* leap year: day 179 */
    {{2024, 1, 1}, {2024, 6, 29}, 0},
    {{2026, 11, 29}, {2027, 5, 27}, 1},           /* across the year */
    {{2026, 11, 29}, {2027, 5, 28}, 0},
};

START_TEST(rule_certificate_verifies_for_180_days)
{
    ck_assert_int_eq(certificate_verifies(verify_cases[_i].made, verify_cases[_i].today),
                     verify_cases[_i].ok);
}
END_TEST

START_TEST(rule_throttle_doubles_up_to_the_cap)
{
    ck_assert_int_eq(throttle_until(0, 1000, 2, 300), 1000);
    ck_assert_int_eq(throttle_until(1, 1000, 2, 300), 1002);
    ck_assert_int_eq(throttle_until(2, 1000, 2, 300), 1004);
    ck_assert_int_eq(throttle_until(5, 1000, 2, 300), 1032);
    ck_assert_int_eq(throttle_until(9, 1000, 2, 300), 1300);
    ck_assert_int_eq(throttle_until(1000, 1000, 2, 300), 1300);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules_report");

    loop(s, "rule_report_rate_text_percent_or_fixed_amount",
         rule_report_rate_text_percent_or_fixed_amount, N_(rate_cases));
    loop(s, "rule_report_rate_text_refuses", rule_report_rate_text_refuses, 1);
    loop(s, "rule_report_fen_text_thousands_separated", rule_report_fen_text_thousands_separated,
         N_(fen_cases));
    loop(s, "rule_payment_type_order_normal_backpay_difference_others",
         rule_payment_type_order_normal_backpay_difference_others, 1);
    loop(s, "rule_notice_leaves_out_all_zero_rows", rule_notice_leaves_out_all_zero_rows, 1);
    loop(s, "rule_notice_number_unit_serial_and_yymm", rule_notice_number_unit_serial_and_yymm, 1);
    loop(s, "rule_report_month_future_or_before_first_enrolment_is_empty",
         rule_report_month_future_or_before_first_enrolment_is_empty, 1);
    loop(s, "rule_verify_code_alphabet_and_parse", rule_verify_code_alphabet_and_parse, 1);
    loop(s, "rule_certificate_verifies_for_180_days", rule_certificate_verifies_for_180_days,
         N_(verify_cases));
    loop(s, "rule_throttle_doubles_up_to_the_cap", rule_throttle_doubles_up_to_the_cap, 1);
    return run_suite(s);
}
