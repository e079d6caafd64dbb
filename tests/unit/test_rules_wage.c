/*
 * Unit tests of an amount as a clerk types it (issue 13 item 10):
 * parse_money_typed and the wage's check of the enrolment form and the batch
 * rows (enrol_wage_check), one case per accepted and refused form.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "unit.h"

static const struct {
    const char *text;
    enum money_typed want;
    long long fen;
} typed_cases[] = {
    /* accepted: what parse_money_fen takes */
    {"6000", MONEY_OK, 600000},
    {"6000.5", MONEY_OK, 600050},
    {"6000.50", MONEY_OK, 600050},
    {"0012.05", MONEY_OK, 1205},
    /* accepted: thousands separators in groups of three */
    {"6,000", MONEY_OK, 600000},
    {"6,000.50", MONEY_OK, 600050},
    {"1,234,567.89", MONEY_OK, 123456789},
    {"999,999", MONEY_OK, 99999900},
    /* accepted: full-width digits, comma and point */
    {"６０００", MONEY_OK, 600000},
    {"６，０００．５", MONEY_OK, 600050},
    {"6，000", MONEY_OK, 600000},
    /* accepted: a trailing 元, with or without a space before it */
    {"6000元", MONEY_OK, 600000},
    {"6000 元", MONEY_OK, 600000},
    {"6,000.00元", MONEY_OK, 600000},
    {"６０００元", MONEY_OK, 600000},
    /* accepted: spaces around (ASCII, tab, ideographic, no-break) */
    {"  6000  ", MONEY_OK, 600000},
    {"\t6000\t", MONEY_OK, 600000},
    {"\xe3\x80\x80" "6000" "\xe3\x80\x80", MONEY_OK, 600000},
    {"\xc2\xa0" "6000", MONEY_OK, 600000},
    {" 6,000 元 ", MONEY_OK, 600000},
    {"99999999.99", MONEY_OK, 9999999999LL},
    {"99,999,999.99", MONEY_OK, 9999999999LL},
    /* refused: nothing */
    {"", MONEY_EMPTY, -1},
    {"   ", MONEY_EMPTY, -1},
    {"元", MONEY_EMPTY, -1},
    {NULL, MONEY_EMPTY, -1},
    /* refused: negative */
    {"-6000", MONEY_NEGATIVE, -1},
    {"－６０００", MONEY_NEGATIVE, -1},
    {"-0.01", MONEY_NEGATIVE, -1},
    /* refused: more than two decimals */
    {"6000.123", MONEY_DECIMALS, -1},
    {"6,000.001", MONEY_DECIMALS, -1},
    /* refused: absurdly large */
    {"100000000", MONEY_TOO_LARGE, -1},
    {"100,000,000.00", MONEY_TOO_LARGE, -1},
    {"99999999999999999999999", MONEY_TOO_LARGE, -1},
    /* refused: letters and anything else */
    {"abc", MONEY_BAD, -1},
    {"6000a", MONEY_BAD, -1},
    {"1e5", MONEY_BAD, -1},
    {"+6000", MONEY_BAD, -1},
    {"6 000", MONEY_BAD, -1},
    {"6,00", MONEY_BAD, -1},
    {"60,00", MONEY_BAD, -1},
    {"6000,", MONEY_BAD, -1},
    {",6000", MONEY_BAD, -1},
    {"6,,000", MONEY_BAD, -1},
    {"1234,567", MONEY_BAD, -1},
    {"6000.", MONEY_BAD, -1},
    {".5", MONEY_BAD, -1},
    {"6.000,00", MONEY_BAD, -1},
    {"元6000", MONEY_BAD, -1},
    {"6000元元", MONEY_BAD, -1},
    {"￥6000", MONEY_BAD, -1},
    {"六千", MONEY_BAD, -1},
    {"6000 00", MONEY_BAD, -1},
    {"1111111111111111111111111111111111111111111111111111111111111111111", MONEY_BAD, -1},
};

START_TEST(rule_wage_typed_forms)
{
    long long fen = -1;
    enum money_typed got = parse_money_typed(typed_cases[_i].text, &fen);

    ck_assert_msg(got == typed_cases[_i].want, "\"%s\": %d, want %d",
                  typed_cases[_i].text ? typed_cases[_i].text : "(null)", got,
                  typed_cases[_i].want);
    ck_assert_int_eq(fen, typed_cases[_i].fen);
}
END_TEST

static const struct {
    const char *text;
    enum msg_id want;
    long long fen;
} check_cases[] = {
    {"6,000", MSG_OK, 600000},
    {"６０００元", MSG_OK, 600000},
    {" 0.01 ", MSG_OK, 1},
    {"", MSG_FIELD_REQUIRED, -1},
    {NULL, MSG_FIELD_REQUIRED, -1},
    {"0", MSG_WAGE_INVALID, -1},
    {"0.00元", MSG_WAGE_INVALID, -1},
    {"abc", MSG_WAGE_INVALID, -1},
    {"-5", MSG_WAGE_NEGATIVE, -1},
    {"5000.123", MSG_WAGE_DECIMALS, -1},
    {"123456789", MSG_WAGE_TOO_LARGE, -1},
};

START_TEST(rule_wage_check_messages)
{
    long long fen = -1;

    ck_assert_msg(enrol_wage_check(check_cases[_i].text, &fen) == check_cases[_i].want,
                  "case %d", _i);
    ck_assert_int_eq(fen, check_cases[_i].fen);
}
END_TEST

/* A refusal says what a valid amount looks like. */
START_TEST(rule_wage_refusal_shows_an_example)
{
    static const enum msg_id ids[] = {MSG_WAGE_INVALID, MSG_WAGE_NEGATIVE, MSG_WAGE_DECIMALS};
    for (size_t i = 0; i < N_(ids); i++)
        ck_assert_ptr_nonnull(strstr(msg_text(ids[i]), "6000"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules_wage");
    loop(s, "typed_forms", rule_wage_typed_forms, (int)N_(typed_cases));
    loop(s, "check_messages", rule_wage_check_messages, (int)N_(check_cases));
    loop(s, "refusal_shows_an_example", rule_wage_refusal_shows_an_example, 1);
    return run_suite(s);
}
