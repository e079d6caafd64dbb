/*
 * Unit tests of the account rules (spec §7b, issue 18; rules/account.h): the
 * password rule in its order (length, classes, 单位编号, 账号), the 账号 and
 * 手机号 forms, the roles the 管理员 may give, and the initial passwords
 * passing the rule.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "unit.h"

#define UNIT_NO "32059900000000117"

static const struct {
    const char *pw, *login;
    enum msg_id want;
} pw_cases[] = {
    {"Abcdef1!x", "", MSG_PW_TOO_SHORT},            /* 9 characters */
    {"Abcdefg1!x", "", MSG_OK},                      /* 10, four classes */
    {"abcdefgh12", "", MSG_PW_CLASSES},              /* lower + digit only */
    {"ABCDEFGH12", "", MSG_PW_CLASSES},
    {"abcdefgh!!", "", MSG_PW_CLASSES},
    {"abcdefgH12", "", MSG_OK},                      /* three: upper, lower, digit */
    {"abcdefgh1!", "", MSG_OK},                      /* three: lower, digit, symbol */
    {"密码密码密码Ab1x", "", MSG_OK},                  /* a Chinese character is a symbol */
    {"密码密码密码密码a", "", MSG_PW_TOO_SHORT},        /* 9 characters, 25 bytes */
    {"", "", MSG_PW_TOO_SHORT},
    {"Xx" UNIT_NO "!", "", MSG_PW_HAS_UNIT_NO},
    {"Wang2026!!x", "wang", MSG_PW_HAS_LOGIN},       /* case-insensitive */
    {"Wang2026!!x", "li", MSG_OK},
    {"Wang2026!!x", "", MSG_OK},                     /* the 管理员 has no 账号 to check */
    {"Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!Aa1!x", "", MSG_PW_TOO_LONG},
};

START_TEST(rule_password_length_classes_unit_no_login)
{
    ck_assert_msg(password_rule(pw_cases[_i].pw, UNIT_NO, pw_cases[_i].login) == pw_cases[_i].want,
                  "case %d: %s", _i, pw_cases[_i].pw);
}
END_TEST

START_TEST(rule_password_null_is_too_short)
{
    ck_assert_int_eq(password_rule(NULL, UNIT_NO, ""), MSG_PW_TOO_SHORT);
    ck_assert_int_eq(password_rule("Abcdefg1!x", NULL, NULL), MSG_OK);
}
END_TEST

static const struct {
    const char *login;
    int ok;
} login_cases[] = {
    {"wang01", 1}, {"A", 1}, {"abcdefghijklmnopqrstuvwxyz012345", 1},
    {"abcdefghijklmnopqrstuvwxyz0123456", 0}, {"", 0}, {"wang_01", 0}, {"wang 01", 0},
    {"王芳", 0}, {"wang-01", 0}, {"a.b", 0},
};

START_TEST(rule_account_login_letters_and_digits)
{
    ck_assert_int_eq(account_login_valid(login_cases[_i].login), login_cases[_i].ok);
}
END_TEST

static const struct {
    const char *phone;
    int ok;
} phone_cases[] = {
    {"13912340117", 1}, {"19900000000", 1}, {"23912340117", 0}, {"1391234011", 0},
    {"139123401170", 0}, {"1391234011x", 0}, {"0512-65220117", 0}, {"", 0},
};

START_TEST(rule_account_mobile)
{
    ck_assert_int_eq(mobile_valid(phone_cases[_i].phone), phone_cases[_i].ok);
}
END_TEST

START_TEST(rule_account_roles_addable)
{
    ck_assert_int_eq(account_role_addable("经办人"), 1);
    ck_assert_int_eq(account_role_addable("查询"), 1);
    ck_assert_int_eq(account_role_addable("管理员"), 0);   /* one per unit, by unit-add */
    ck_assert_int_eq(account_role_addable(""), 0);
    ck_assert_int_eq(account_role_addable(NULL), 0);
    ck_assert_int_eq(mobile_valid(NULL), 0);
    ck_assert_int_eq(account_login_valid(NULL), 0);
}
END_TEST

START_TEST(rule_account_initial_password_passes_the_rule)
{
    unsigned char rnd[12];
    char pw[13];
    int ok = 0;

    /* every byte value in every place: the alphabet is walked through */
    for (int v = 0; v < 256; v++) {
        for (int i = 0; i < 12; i++)
            rnd[i] = (unsigned char)(v + i * 37);
        account_initial_password(rnd, pw);
        ck_assert_uint_eq(strlen(pw), 12);
        ck_assert_ptr_null(strpbrk(pw, "0O1lI"));
        if (password_rule(pw, UNIT_NO, "jingban") == MSG_OK)
            ok++;
    }
    ck_assert_int_eq(ok, 256);
}
END_TEST

/* issue 17 (WCAG 2.2.1): the page says when the session ends and warns before; the end is
 * the idle limit after the last request, or the absolute limit, whichever is earlier. */
static const struct { long long seen, created, idle, life, ends; } end_cases[] = {
    {1000, 1000, 1800, 43200, 2800},                   /* just logged in: idle limit */
    {40000, 1000, 1800, 43200, 41800},                 /* active: idle limit moves on */
    {43000, 1000, 1800, 43200, 44200},                 /* the absolute limit comes first */
    {44199, 1000, 1800, 43200, 44200},                 /* ... and stays */
    {1000, 1000, 60, 3600, 1060},                      /* the shortest configuration */
};

START_TEST(rule_session_ends_at_idle_or_absolute_limit)
{
    ck_assert_int_eq(session_ends_at(end_cases[_i].seen, end_cases[_i].created,
                                     end_cases[_i].idle, end_cases[_i].life), end_cases[_i].ends);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules_account");
    loop(s, "password_length_classes_unit_no_login", rule_password_length_classes_unit_no_login,
         (int)N_(pw_cases));
    loop(s, "password_null_is_too_short", rule_password_null_is_too_short, 1);
    loop(s, "account_login_letters_and_digits", rule_account_login_letters_and_digits,
         (int)N_(login_cases));
    loop(s, "account_mobile", rule_account_mobile, (int)N_(phone_cases));
    loop(s, "account_roles_addable", rule_account_roles_addable, 1);
    loop(s, "account_initial_password_passes_the_rule",
         rule_account_initial_password_passes_the_rule, 1);
    loop(s, "session_ends_at_idle_or_absolute_limit", rule_session_ends_at_idle_or_absolute_limit,
         (int)N_(end_cases));
    return run_suite(s);
}
