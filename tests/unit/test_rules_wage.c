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

/* Each form, what parse_money_typed makes of it, and enrol_wage_check's message. */
static const struct {
    const char *text;
    enum money_typed want;
    long long fen;
    enum msg_id msg;
} typed_cases[] = {
    /* accepted: what parse_money_fen takes */
    {"6000", MONEY_OK, 600000, MSG_OK},
    {"6000.5", MONEY_OK, 600050, MSG_OK},
    {"6000.50", MONEY_OK, 600050, MSG_OK},
    {"0012.05", MONEY_OK, 1205, MSG_OK},
    /* accepted: thousands separators in groups of three */
    {"6,000", MONEY_OK, 600000, MSG_OK},
    {"6,000.50", MONEY_OK, 600050, MSG_OK},
    {"1,234,567.89", MONEY_OK, 123456789, MSG_OK},
    {"999,999", MONEY_OK, 99999900, MSG_OK},
    /* accepted: full-width digits, comma and point */
    {"６０００", MONEY_OK, 600000, MSG_OK},
    {"６，０００．５", MONEY_OK, 600050, MSG_OK},
    {"6，000", MONEY_OK, 600000, MSG_OK},
    /* accepted: a trailing 元, with or without a space before it */
    {"6000元", MONEY_OK, 600000, MSG_OK},
    {"6000 元", MONEY_OK, 600000, MSG_OK},
    {"6,000.00元", MONEY_OK, 600000, MSG_OK},
    {"６０００元", MONEY_OK, 600000, MSG_OK},
    /* accepted: spaces around (ASCII, tab, ideographic, no-break) */
    {"  6000  ", MONEY_OK, 600000, MSG_OK},
    {"\t6000\t", MONEY_OK, 600000, MSG_OK},
    {"\xe3\x80\x80" "6000" "\xe3\x80\x80", MONEY_OK, 600000, MSG_OK},
    {"\xc2\xa0" "6000", MONEY_OK, 600000, MSG_OK},
    {" 6,000 元 ", MONEY_OK, 600000, MSG_OK},
    {"99999999.99", MONEY_OK, 9999999999LL, MSG_OK},
    {"99,999,999.99", MONEY_OK, 9999999999LL, MSG_OK},
    /* a wage is more than 0 */
    {"0", MONEY_OK, 0, MSG_WAGE_INVALID},
    {"0.00元", MONEY_OK, 0, MSG_WAGE_INVALID},
    /* refused: nothing */
    {"", MONEY_EMPTY, -1, MSG_FIELD_REQUIRED},
    {"   ", MONEY_EMPTY, -1, MSG_FIELD_REQUIRED},
    {"元", MONEY_EMPTY, -1, MSG_FIELD_REQUIRED},
    {NULL, MONEY_EMPTY, -1, MSG_FIELD_REQUIRED},
    /* refused: negative */
    {"-6000", MONEY_NEGATIVE, -1, MSG_WAGE_NEGATIVE},
    {"－６０００", MONEY_NEGATIVE, -1, MSG_WAGE_NEGATIVE},
    {"-0.01", MONEY_NEGATIVE, -1, MSG_WAGE_NEGATIVE},
    /* refused: more than two decimals */
    {"6000.123", MONEY_DECIMALS, -1, MSG_WAGE_DECIMALS},
    {"6,000.001", MONEY_DECIMALS, -1, MSG_WAGE_DECIMALS},
    /* refused: absurdly large */
    {"100000000", MONEY_TOO_LARGE, -1, MSG_WAGE_TOO_LARGE},
    {"100,000,000.00", MONEY_TOO_LARGE, -1, MSG_WAGE_TOO_LARGE},
    {"99999999999999999999999", MONEY_TOO_LARGE, -1, MSG_WAGE_TOO_LARGE},
    /* refused: letters and anything else */
    {"abc", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6000a", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"1e5", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"+6000", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6 000", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6,00", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"60,00", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6000,", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {",6000", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6,,000", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"1234,567", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6000.", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {".5", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6.000,00", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"元6000", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6000元元", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"￥6000", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"六千", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"6000 00", MONEY_BAD, -1, MSG_WAGE_INVALID},
    {"1111111111111111111111111111111111111111111111111111111111111111111", MONEY_BAD, -1, MSG_WAGE_INVALID},
};

START_TEST(rule_wage_typed_forms)
{
    long long fen = -1;
    enum money_typed got = parse_money_typed(typed_cases[_i].text, &fen);

    ck_assert_msg(got == typed_cases[_i].want, "\"%s\": %d, want %d",
                  typed_cases[_i].text ? typed_cases[_i].text : "(null)", got,
                  typed_cases[_i].want);
    ck_assert_int_eq(fen, typed_cases[_i].fen);
    fen = -1;
    ck_assert_msg(enrol_wage_check(typed_cases[_i].text, &fen) == typed_cases[_i].msg,
                  "case %d: message", _i);
    ck_assert_int_eq(fen, typed_cases[_i].msg == MSG_OK ? typed_cases[_i].fen : -1);
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
    loop(s, "refusal_shows_an_example", rule_wage_refusal_shows_an_example, 1);
    return run_suite(s);
}
