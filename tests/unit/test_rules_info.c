/*
 * Unit tests of 信息变更's rules (spec §7, issue 10; rules/info.h,
 * rules/policy.h): the 工资年度申报 window at its edges and its year, the
 * window's configuration text, the wage row's rules in the spec's order, the
 * phone / bank account / text checks of the maintenance pages, and the
 * change list 字段: 旧值 → 新值.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "unit.h"

static const struct {
    struct portal_dt now;
    int open, year;
    const char *opens, *closes;
} window_cases[] = {
    {{2026, 11, 30, 23, 59, 59}, 0, 2027, "2026-12-01 00:00:00", "2026-12-25 17:00:00"},
    {{2026, 12, 1, 0, 0, 0}, 1, 2027, "2026-12-01 00:00:00", "2026-12-25 17:00:00"},
    {{2026, 12, 25, 16, 59, 59}, 1, 2027, "2026-12-01 00:00:00", "2026-12-25 17:00:00"},
    {{2026, 12, 25, 17, 0, 0}, 0, 2028, "2027-12-01 00:00:00", "2027-12-25 17:00:00"},
    {{2027, 1, 7, 9, 0, 0}, 0, 2028, "2027-12-01 00:00:00", "2027-12-25 17:00:00"},
};

START_TEST(rule_wage_window_half_open_and_its_year)
{
    struct policy p;
    struct wage_window w;
    char a[20], b[20];

    policy_default(&p);
    wage_window_at(&p, &window_cases[_i].now, &w);
    format_datetime(a, &w.opens_at);
    format_datetime(b, &w.closes_at);
    ck_assert_int_eq(w.open, window_cases[_i].open);
    ck_assert_int_eq(w.year, window_cases[_i].year);
    ck_assert_str_eq(a, window_cases[_i].opens);
    ck_assert_str_eq(b, window_cases[_i].closes);
}
END_TEST

START_TEST(rule_wage_window_configuration)
{
    struct policy p;
    int md = 0, mi = 0;

    ck_assert_int_eq(parse_md_hm("12-01 00:00", &md, &mi), 0);
    ck_assert_int_eq(md, 1201);
    ck_assert_int_eq(mi, 0);
    ck_assert_int_eq(parse_md_hm("11-15 08:30", &md, &mi), 0);
    ck_assert_int_eq(md, 1115);
    ck_assert_int_eq(mi, 510);
    ck_assert_int_eq(parse_md_hm("02-29 00:00", &md, &mi), -1);
    ck_assert_int_eq(parse_md_hm("13-01 00:00", &md, &mi), -1);
    ck_assert_int_eq(parse_md_hm("12-01 24:00", &md, &mi), -1);
    ck_assert_int_eq(parse_md_hm("12-1 00:00", &md, &mi), -1);
    ck_assert_int_eq(parse_md_hm(NULL, &md, &mi), -1);
    policy_default(&p);
    ck_assert_int_eq(policy_valid(&p), 0);
    p.wage_close_md = 1130;   /* closes before it opens */
    ck_assert_int_eq(policy_valid(&p), -1);
}
END_TEST

START_TEST(rule_wage_row_in_spec_order)
{
    struct wages_row_facts f = {MSG_OK, 1, 1, 1, 1, MSG_OK};

    ck_assert_int_eq(wages_decide_row(&f), MSG_OK);
    f.wage = MSG_WAGE_INVALID;
    ck_assert_int_eq(wages_decide_row(&f), MSG_WAGE_INVALID);
    f.name_match = 0;
    ck_assert_int_eq(wages_decide_row(&f), MSG_NAME_MISMATCH);
    f.insured = 0;
    ck_assert_int_eq(wages_decide_row(&f), MSG_STOP_NOT_INSURED);
    f.insured = 1;
    f.base_records = 0;
    ck_assert_int_eq(wages_decide_row(&f), MSG_STOP_NOT_INSURED);
    f.base_records = 2;
    ck_assert_int_eq(wages_decide_row(&f), MSG_DUPLICATE_BASE);
    f.id_ok = 0;
    ck_assert_int_eq(wages_decide_row(&f), MSG_ID_INVALID);
    f.cells = MSG_TEXT_FORBIDDEN;
    ck_assert_int_eq(wages_decide_row(&f), MSG_TEXT_FORBIDDEN);
}
END_TEST

static const struct { const char *s; enum msg_id phone, account; } field_cases[] = {
    {"", MSG_OK, MSG_OK},
    {"13800000000", MSG_OK, MSG_OK},
    {"0512-65231234", MSG_OK, MSG_INFO_BANK_ACCOUNT},
    {"1234567", MSG_OK, MSG_INFO_BANK_ACCOUNT},
    {"123456", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
    {"12345678", MSG_OK, MSG_OK},
    {"123456789012345678901", MSG_INFO_PHONE, MSG_OK},
    {"12345678901234567890123456789012", MSG_INFO_PHONE, MSG_OK},
    {"123456789012345678901234567890123", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
    {"-0512123456", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
    {"0512123456-", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
    {"0512--123456", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
    {"0512 123456", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
    {"+8613800000000", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
    {"１３８００００００００", MSG_INFO_PHONE, MSG_INFO_BANK_ACCOUNT},
};

START_TEST(rule_info_phone_and_bank_account)
{
    ck_assert_int_eq(info_phone_check(field_cases[_i].s), field_cases[_i].phone);
    ck_assert_int_eq(info_bank_account_check(field_cases[_i].s), field_cases[_i].account);
}
END_TEST

START_TEST(rule_info_text_length_and_hygiene)
{
    ck_assert_int_eq(info_text_check("苏州市工业园区", 7), MSG_OK);
    ck_assert_int_eq(info_text_check("苏州市工业园区", 6), MSG_INFO_TOO_LONG);
    ck_assert_int_eq(info_text_check("<b>'; DROP TABLE units;--", 100), MSG_OK);
    ck_assert_int_eq(info_text_check("a\tb", 100), MSG_TEXT_FORBIDDEN);
    ck_assert_int_eq(info_text_check("王\xE2\x80\xAE一", 100), MSG_TEXT_FORBIDDEN);
    ck_assert_int_eq(info_text_check(NULL, 1), MSG_OK);
}
END_TEST

START_TEST(rule_info_changes_text)
{
    struct info_change c[2] = {{"联系电话", "", "0512-1"}, {"地址", "苏州市工业园区", "苏州"}};
    char buf[256], tiny[8];

    ck_assert_int_eq(info_changes_text(c, 2, 64, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "联系电话: 未登记 → 0512-1;地址: 苏州市工业园区 → 苏州");
    ck_assert_int_eq(info_changes_text(c + 1, 1, 7, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "地址: 苏州… → 苏州");   /* cut on a character boundary */
    ck_assert_int_eq(info_changes_text(c, 2, 64, tiny, sizeof tiny), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules_info");
    loop(s, "wage_window_half_open_and_its_year", rule_wage_window_half_open_and_its_year,
         (int)N_(window_cases));
    loop(s, "wage_window_configuration", rule_wage_window_configuration, 1);
    loop(s, "wage_row_in_spec_order", rule_wage_row_in_spec_order, 1);
    loop(s, "info_phone_and_bank_account", rule_info_phone_and_bank_account, (int)N_(field_cases));
    loop(s, "info_text_length_and_hygiene", rule_info_text_length_and_hygiene, 1);
    loop(s, "info_changes_text", rule_info_changes_text, 1);
    return run_suite(s);
}
