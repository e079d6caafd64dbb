/*
 * Unit tests of the small enrolment rules (rules/enrolment.h): which units
 * may offer 公务员医疗保险 (spec §4: 机关事业单位), and the shape of 姓名 and
 * 联系电话 on the 参保登记 form.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const struct { const char *type; int want; } unit_cases[] = {
    {"机关", 1},
    {"全额拨款事业单位", 1},
    {"差额拨款事业单位", 1},
    {"自收自支事业单位", 1},
    {"企业", 0},
    {"社会团体", 0},
    {"民办非企业单位", 0},
    {"", 0},
    {"机关 ", 0},
    {"事业单位", 0},
};

START_TEST(rule_civil_servant_only_for_public_units)
{
    ck_assert_msg(unit_is_public(unit_cases[_i].type) == unit_cases[_i].want, "%s",
                  unit_cases[_i].type);
}
END_TEST

START_TEST(rule_civil_servant_null_unit_type)
{
    ck_assert_int_eq(unit_is_public(NULL), 0);
}
END_TEST

/* The enrolment's kind, person type and 320 (one decision for 参保登记 and the import). */
static const struct {
    enum enrol_kind kind;
    int civil;
    const char *unit_type, *kind_name, *person_type;
    int takes_civil;
} kind_cases[] = {
    {ENROL_KIND_WORKING, 0, "企业", "在职", "职工在职", 0},
    {ENROL_KIND_WORKING, 1, "机关", "在职", "公务员在职", 1},
    {ENROL_KIND_WORKING, 1, "差额拨款事业单位", "在职", "公务员在职", 1},
    {ENROL_KIND_WORKING, 0, "机关", "在职", "职工在职", 0},
    {ENROL_KIND_WORKING, 1, "企业", "在职", "公务员在职", 0},
    {ENROL_KIND_RETIRED, 1, "机关", "退休", "退休人员", 0},
    {ENROL_KIND_FLEXIBLE, 0, NULL, "灵活就业", "灵活就业人员", 0},
    {ENROL_KIND_FLEXIBLE, 1, NULL, "灵活就业", "灵活就业人员", 0},
};

START_TEST(rule_enrolment_kind_person_type_and_civil)
{
    ck_assert_str_eq(enrol_kind_name(kind_cases[_i].kind), kind_cases[_i].kind_name);
    ck_assert_str_eq(enrol_person_type(kind_cases[_i].kind, kind_cases[_i].civil),
                     kind_cases[_i].person_type);
    ck_assert_int_eq(enrol_takes_civil(kind_cases[_i].kind, kind_cases[_i].civil,
                                       kind_cases[_i].unit_type), kind_cases[_i].takes_civil);
}
END_TEST

static const struct { const char *phone; int want; } phone_cases[] = {
    {"13800000000", 1},
    {"0512-65220000", 1},
    {"0512-6522-0000", 1},
    {"6522000", 1},                  /* 7 digits: the shortest */
    {"12345678901234567890", 1},     /* 20 characters: the longest */
    {"123456", 0},                   /* 6 digits */
    {"123456789012345678901", 0},    /* 21 characters */
    {"", 0},
    {"-13800000000", 0},
    {"13800000000-", 0},
    {"138 0000 0000", 0},
    {"+8613800000000", 0},
    {"1380000000a", 0},
    {"１３８００００００００", 0},  /* full-width digits */
    {"12-3-4-5-6", 0},               /* fewer than 7 digits */
};

START_TEST(rule_phone_digits_and_dashes_7_to_20)
{
    ck_assert_msg(enrol_phone_valid(phone_cases[_i].phone) == phone_cases[_i].want, "%s",
                  phone_cases[_i].phone);
}
END_TEST

START_TEST(rule_phone_null)
{
    ck_assert_int_eq(enrol_phone_valid(NULL), 0);
}
END_TEST

START_TEST(rule_name_length_in_characters)
{
    char name[4 * ENROL_NAME_MAX_CHARS + 8];
    size_t i;

    ck_assert_int_eq(enrol_name_valid("张三"), 1);
    ck_assert_int_eq(enrol_name_valid("阿卜杜热合曼·买买提依明"), 1);
    ck_assert_int_eq(enrol_name_valid("John Smith"), 1);
    ck_assert_int_eq(enrol_name_valid(""), 0);
    ck_assert_int_eq(enrol_name_valid(NULL), 0);
    ck_assert_int_eq(enrol_name_valid("张\t三"), 0);
    ck_assert_int_eq(enrol_name_valid("张\n三"), 0);
    /* 100 three-byte characters pass (300 bytes), 101 do not */
    name[0] = '\0';
    for (i = 0; i < ENROL_NAME_MAX_CHARS; i++)
        strcat(name, "张");
    ck_assert_int_eq(enrol_name_valid(name), 1);
    strcat(name, "张");
    ck_assert_int_eq(enrol_name_valid(name), 0);
    /* 100 ASCII letters pass, 101 do not */
    memset(name, 'a', ENROL_NAME_MAX_CHARS);
    name[ENROL_NAME_MAX_CHARS] = '\0';
    ck_assert_int_eq(enrol_name_valid(name), 1);
    strcat(name, "a");
    ck_assert_int_eq(enrol_name_valid(name), 0);
}
END_TEST

/* The form's and the batch row's field checks, in the form's order. */
static const struct {
    const char *id, *name, *phone, *wage;
    enum enrol_field first;
    enum msg_id want[ENROL_F__N];
    long long fen;
} field_cases[] = {
    {"320", "张三", "13800001111", "5000.5", ENROL_F__N, {MSG_OK, MSG_OK, MSG_OK, MSG_OK}, 500050},
    {"", "张三", "13800001111", "5000", ENROL_F_ID,
     {MSG_FIELD_REQUIRED, MSG_OK, MSG_OK, MSG_OK}, 500000},
    {NULL, NULL, NULL, NULL, ENROL_F_ID,
     {MSG_FIELD_REQUIRED, MSG_FIELD_REQUIRED, MSG_FIELD_REQUIRED, MSG_FIELD_REQUIRED}, -1},
    {"320", "张\t三", "12-3", "abc", ENROL_F_NAME,
     {MSG_OK, MSG_TEXT_FORBIDDEN, MSG_FIELD_INVALID, MSG_WAGE_INVALID}, -1},
    /* spec §10's input hygiene: control characters and bidi overrides in any text cell */
    {"320\xe2\x80\xae", "张三\xe2\x81\xa6", "138\xc2\x85" "00001111", "5000", ENROL_F_ID,
     {MSG_TEXT_FORBIDDEN, MSG_TEXT_FORBIDDEN, MSG_TEXT_FORBIDDEN, MSG_OK}, 500000},
    {"320", "=HYPERLINK(\"http://x\")<b>", "13800001111", "5000", ENROL_F__N,
     {MSG_OK, MSG_OK, MSG_OK, MSG_OK}, 500000},
    {"320", "张三", "", "1e5", ENROL_F_PHONE,
     {MSG_OK, MSG_OK, MSG_FIELD_REQUIRED, MSG_WAGE_INVALID}, -1},
    {"320", "张三", "13800001111", "0", ENROL_F_WAGE,
     {MSG_OK, MSG_OK, MSG_OK, MSG_WAGE_INVALID}, -1},
    {"320", "张三", "13800001111", "-5", ENROL_F_WAGE,
     {MSG_OK, MSG_OK, MSG_OK, MSG_WAGE_NEGATIVE}, -1},
    /* the batch row's wage takes what the form takes (enrol_wage_check) */
    {"320", "张三", "13800001111", " ６，０００元 ", ENROL_F__N, {MSG_OK, MSG_OK, MSG_OK, MSG_OK}, 600000},
};

START_TEST(rule_enrol_fields_in_form_order)
{
    enum msg_id got[ENROL_F__N];
    long long fen = -1;
    int f;
    ck_assert_int_eq(enrol_fields_check(field_cases[_i].id, field_cases[_i].name,
                                        field_cases[_i].phone, field_cases[_i].wage, &fen, got),
                     field_cases[_i].first);
    for (f = 0; f < ENROL_F__N; f++)
        ck_assert_msg(got[f] == field_cases[_i].want[f], "case %d field %d", _i, f);
    ck_assert_int_eq(fen, field_cases[_i].fen);
}
END_TEST

START_TEST(rule_enrol_field_labels)
{
    ck_assert_str_eq(enrol_field_label(ENROL_F_ID), "证件号码");
    ck_assert_str_eq(enrol_field_label(ENROL_F_NAME), "姓名");
    ck_assert_str_eq(enrol_field_label(ENROL_F_PHONE), "联系电话");
    ck_assert_str_eq(enrol_field_label(ENROL_F_WAGE), "月申报工资");
}
END_TEST

static void loop(Suite *s, const char *name, const TTest *t, int n)
{
    TCase *tc = tcase_create(name);
    tcase_add_loop_test(tc, t, 0, n);
    suite_add_tcase(s, tc);
}

int main(void)
{
    Suite *s = suite_create("rules_enrol");
    SRunner *sr;
    int failed;

    loop(s, "rule_civil_servant_only_for_public_units", rule_civil_servant_only_for_public_units,
         N_(unit_cases));
    loop(s, "rule_civil_servant_null_unit_type", rule_civil_servant_null_unit_type, 1);
    loop(s, "rule_enrolment_kind_person_type_and_civil", rule_enrolment_kind_person_type_and_civil,
         N_(kind_cases));
    loop(s, "rule_phone_digits_and_dashes_7_to_20", rule_phone_digits_and_dashes_7_to_20,
         N_(phone_cases));
    loop(s, "rule_phone_null", rule_phone_null, 1);
    loop(s, "rule_name_length_in_characters", rule_name_length_in_characters, 1);
    loop(s, "rule_enrol_fields_in_form_order", rule_enrol_fields_in_form_order, N_(field_cases));
    loop(s, "rule_enrol_field_labels", rule_enrol_field_labels, 1);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
