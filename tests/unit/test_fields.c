/*
 * Unit tests of the typed-input layer (lib/web/field.c): each kind's
 * validator with accepted and refused values, and a real page's field table
 * (cgi/enroll.c, compiled in with its main renamed) read from query and body:
 * what is typed, what is FIELD_BAD for a field message, what is a 400.
 */
#include "unit.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>

#define main enroll_page_main
#include "../../cgi/enroll.c"
#undef main


/* ---- validators ---- */

static const struct {
    const char *name;
    enum field_kind kind;
    const char *text;
    int ok;
    long long want;   /* month: ym; date: y*10000+m*100+d; money: fen; int: num; flag */
} kinds[] = {
    {"text_accepts_anything", F_TEXT, "张三 x", 1, 0},
    {"text_accepts_markup_and_formulas", F_TEXT, "<b>=HYPERLINK(\"x\")</b>", 1, 0},
    {"text_refuses_a_tab", F_TEXT, "张\t三", 0, 0},
    {"text_refuses_a_line_break", F_TEXT, "张\n三", 0, 0},
    {"text_refuses_del", F_TEXT, "张\x7f", 0, 0},
    {"text_refuses_c1_controls", F_TEXT, "张\xc2\x85三", 0, 0},
    {"text_refuses_rlo_override", F_TEXT, "\xe2\x80\xae三张", 0, 0},
    {"text_refuses_lre_embedding", F_TEXT, "\xe2\x80\xaa三张", 0, 0},
    {"text_refuses_fsi_isolate", F_TEXT, "\xe2\x81\xa8三张", 0, 0},
    {"text_refuses_pdi_isolate", F_TEXT, "三张\xe2\x81\xa9", 0, 0},
    {"text_accepts_neighbours_of_the_ranges", F_TEXT, "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\xc2\xa0", 1, 0},
    {"month_accepts_yyyy_mm", F_MONTH, "2022-09", 1, 2022 * 12 + 8},
    {"month_refuses_month_13", F_MONTH, "2022-13", 0, 0},
    {"month_refuses_one_digit_month", F_MONTH, "2022-9", 0, 0},
    {"month_refuses_a_date", F_MONTH, "2022-09-01", 0, 0},
    {"month_refuses_words", F_MONTH, "九月", 0, 0},
    {"date_accepts_yyyy_mm_dd", F_DATE, "2022-08-31", 1, 20220831},
    {"date_accepts_leap_day", F_DATE, "2024-02-29", 1, 20240229},
    {"date_refuses_missing_day", F_DATE, "2023-02-29", 0, 0},
    {"date_refuses_slashes", F_DATE, "2022/08/31", 0, 0},
    {"date_refuses_a_month", F_DATE, "2022-08", 0, 0},
    {"money_accepts_yuan", F_MONEY, "6000", 1, 600000},
    {"money_accepts_two_decimals", F_MONEY, "6000.5", 1, 600050},
    {"money_refuses_three_decimals", F_MONEY, "1.005", 0, 0},
    {"money_refuses_negative", F_MONEY, "-1", 0, 0},
    {"money_refuses_letters", F_MONEY, "12a", 0, 0},
    {"int_accepts_digits", F_INT, "42", 1, 42},
    {"int_accepts_a_sign", F_INT, "-3", 1, -3},
    {"int_accepts_plus", F_INT, "+7", 1, 7},
    {"int_refuses_trailing_junk", F_INT, "5x", 0, 0},
    {"int_refuses_a_lone_sign", F_INT, "-", 0, 0},
    {"int_refuses_overflow", F_INT, "99999999999999999999", 0, 0},
    {"int_refuses_a_decimal", F_INT, "1.5", 0, 0},
    {"flag_accepts_1", F_FLAG, "1", 1, 1},
    {"flag_refuses_0", F_FLAG, "0", 0, 0},
    {"flag_refuses_on", F_FLAG, "on", 0, 0},
    {"file_refuses_text", F_FILE, "a.csv", 0, 0},
};

static long long typed(enum field_kind kind, const struct field *f)
{
    switch (kind) {
    case F_MONTH: return f->month;
    case F_DATE: return f->date.y * 10000LL + f->date.m * 100 + f->date.d;
    case F_MONEY: return f->fen;
    case F_INT: return f->num;
    case F_FLAG: return f->flag;
    default: return 0;
    }
}

START_TEST(field_each_kind_accepts_and_refuses)
{
    struct field f;

    memset(&f, 0x5a, sizeof f);
    ck_assert_msg(field_validate(kinds[_i].kind, kinds[_i].text, &f) == kinds[_i].ok, "%s",
                  kinds[_i].name);
    /* a refused value leaves no half-typed member */
    ck_assert_msg(typed(kinds[_i].kind, &f) == kinds[_i].want, "%s: %lld", kinds[_i].name,
                  typed(kinds[_i].kind, &f));
}
END_TEST

START_TEST(field_unknown_kind_or_null_is_refused)
{
    struct field f;
    ck_assert_int_eq(field_validate((enum field_kind)99, "1", &f), 0);
    ck_assert_int_eq(field_validate(F_TEXT, NULL, &f), 0);
}
END_TEST

/* ---- a page's table: /enroll ---- */

struct reading {
    struct form query, body;
    struct field f[K__MAX];
    int rc;
};

static void read_enroll(struct reading *x, const char *qs, const char *body)
{
    memset(x, 0, sizeof *x);
    ck_assert_int_eq(form_parse_urlencoded(qs, strlen(qs), NULL, &x->query), FORM_OK);
    ck_assert_int_eq(form_parse_urlencoded(body, strlen(body), NULL, &x->body), FORM_OK);
    x->rc = fields_read(fields, K__MAX, 0, &x->query, &x->body, x->f);
}

static void done(struct reading *x)
{
    form_free(&x->query);
    form_free(&x->body);
}

START_TEST(field_enroll_table_is_whole_and_labels_are_the_rules)
{
    ck_assert_int_eq(fields_check_table(fields, K__MAX), 0);
    for (int f = 0; f < ENROL_F__N; f++)
        ck_assert_str_eq(fields[K_ID_NO + f].label, enrol_field_label((enum enrol_field)f));
}
END_TEST

START_TEST(field_enroll_body_is_typed_by_key)
{
    struct reading x;

    read_enroll(&x, "", "csrf=x&id_no=++110105199003070019+&name=%E5%BC%A0%E4%B8%89"
                        "&wage=6000.50&start_month=2022-09&civil_servant=1&phone=");
    ck_assert_int_eq(x.rc, 0);
    ck_assert_int_eq(x.f[K_ID_NO].state, FIELD_OK);
    ck_assert_str_eq(x.f[K_ID_NO].text, "110105199003070019");   /* trimmed */
    ck_assert_str_eq(x.f[K_NAME].text, "张三");
    ck_assert_int_eq(x.f[K_PHONE].state, FIELD_ABSENT);          /* empty is absent */
    ck_assert_ptr_null(x.f[K_PHONE].text);
    /* the wage is a text, as typed: enrol_wage_check reads it (issue 13 item 10) */
    ck_assert_str_eq(x.f[K_WAGE].text, "6000.50");
    ck_assert_int_eq(x.f[K_START_MONTH].month, 2022 * 12 + 8);
    ck_assert_int_eq(x.f[K_CIVIL_SERVANT].flag, 1);
    done(&x);
}
END_TEST

START_TEST(field_enroll_malformed_values_are_bad_not_400)
{
    struct reading x;

    read_enroll(&x, "", "wage=abc&start_month=2022-13&civil_servant=yes");
    ck_assert_int_eq(x.rc, 0);
    ck_assert_int_eq(x.f[K_WAGE].state, FIELD_OK);               /* a text: the page's check */
    ck_assert_str_eq(x.f[K_WAGE].text, "abc");                   /* kept for the echo */
    ck_assert_int_eq(x.f[K_START_MONTH].state, FIELD_BAD);
    ck_assert_int_eq(x.f[K_START_MONTH].month, 0);
    ck_assert_int_eq(x.f[K_CIVIL_SERVANT].state, FIELD_BAD);
    ck_assert_int_eq(x.f[K_CIVIL_SERVANT].flag, 0);
    ck_assert_int_eq(x.f[K_ID_NO].state, FIELD_ABSENT);
    done(&x);
}
END_TEST

START_TEST(field_enroll_query_first_then_first_occurrence)
{
    struct reading x;

    read_enroll(&x, "start_month=2022-08", "start_month=2022-09&wage=1&wage=2");
    ck_assert_int_eq(x.rc, 0);
    ck_assert_int_eq(x.f[K_START_MONTH].month, 2022 * 12 + 7);
    ck_assert_str_eq(x.f[K_WAGE].text, "1");
    done(&x);
}
END_TEST

static const struct { const char *name, *qs, *body; } refused[] = {
    {"undeclared_name", "", "wages=1"},
    {"undeclared_in_query", "debug=1", ""},
    {"csrf_in_the_query", "csrf=x", ""},
    {"month_longer_than_raw_max", "", "start_month=2022-09-0000000000000000000000000"},
    {"text_over_its_max", "", "id_no=1234567890123456789012345678901234567890123456789012345678901234567890"},
};

START_TEST(field_enroll_refuses_with_400)
{
    struct reading x;

    read_enroll(&x, refused[_i].qs, refused[_i].body);
    ck_assert_msg(x.rc == 400, "%s: %d", refused[_i].name, x.rc);
    done(&x);
}
END_TEST

START_TEST(field_file_part_only_for_a_file_field)
{
    static const struct field_spec spec[] = {{"file", F_FILE, 0, NULL}, {"m", F_MONTH, 0, NULL}};
    char name[] = "file", value[] = "a,b", fname[] = "a.csv", mname[] = "m", empty[] = "";
    struct form_field ff[] = {{name, value, 3, fname, NULL}, {mname, value, 3, fname, NULL}};
    struct form body = {ff, 1, 1};
    struct field out[2];

    ck_assert_int_eq(fields_read(spec, 2, 0, NULL, &body, out), 0);
    ck_assert_int_eq(out[0].state, FIELD_OK);
    ck_assert_ptr_eq(out[0].file, &ff[0]);
    ff[0].filename = empty;                                   /* no file chosen */
    ck_assert_int_eq(fields_read(spec, 2, 0, NULL, &body, out), 0);
    ck_assert_int_eq(out[0].state, FIELD_ABSENT);
    ff[0].filename = NULL;                                    /* a plain value */
    ck_assert_int_eq(fields_read(spec, 2, 0, NULL, &body, out), 400);
    body.f = &ff[1];                                          /* a file for a month */
    ck_assert_int_eq(fields_read(spec, 2, 0, NULL, &body, out), 400);
}
END_TEST

START_TEST(field_two_parts_of_one_file_field_are_bad)
{
    static const struct field_spec spec[] = {{"file", F_FILE, 0, NULL}};
    char name[] = "file", value[] = "a,b", a[] = "a.csv", b[] = "b.csv";
    struct form_field ff[] = {{name, value, 3, a, NULL}, {name, value, 3, b, NULL}};
    struct form body = {ff, 2, 2};
    struct field out[1];

    ck_assert_int_eq(fields_read(spec, 1, 0, NULL, &body, out), 0);
    ck_assert_int_eq(out[0].state, FIELD_BAD);   /* the page refuses the upload */
}
END_TEST

START_TEST(field_any_input_page_ignores_undeclared)
{
    struct form q;
    struct field out[1];

    ck_assert_int_eq(form_parse_urlencoded("x=1&y=2", 7, NULL, &q), FORM_OK);
    ck_assert_int_eq(fields_read(NULL, 0, 1, &q, NULL, out), 0);
    ck_assert_int_eq(fields_read(NULL, 0, 0, &q, NULL, out), 400);
    form_free(&q);
}
END_TEST

START_TEST(field_table_with_a_hole_or_twice_a_name_is_refused)
{
    static const struct field_spec hole[3] = {[0] = {"a", F_TEXT, 0, NULL}, [2] = {"c", F_TEXT, 0, NULL}};
    static const struct field_spec twice[2] = {{"a", F_TEXT, 0, NULL}, {"a", F_DATE, 0, NULL}};
    static const struct field_spec many[FIELDS_MAX + 1];

    ck_assert_int_eq(fields_check_table(hole, 3), -1);
    ck_assert_int_eq(fields_check_table(twice, 2), -1);
    ck_assert_int_eq(fields_check_table(many, FIELDS_MAX + 1), -1);
    ck_assert_int_eq(fields_check_table(NULL, 0), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fields");
    TCase *tc = tcase_create("fields");

    tcase_add_loop_test(tc, field_each_kind_accepts_and_refuses, 0, (int)N_(kinds));
    tcase_add_test(tc, field_unknown_kind_or_null_is_refused);
    tcase_add_test(tc, field_enroll_table_is_whole_and_labels_are_the_rules);
    tcase_add_test(tc, field_enroll_body_is_typed_by_key);
    tcase_add_test(tc, field_enroll_malformed_values_are_bad_not_400);
    tcase_add_test(tc, field_enroll_query_first_then_first_occurrence);
    tcase_add_loop_test(tc, field_enroll_refuses_with_400, 0, (int)N_(refused));
    tcase_add_test(tc, field_file_part_only_for_a_file_field);
    tcase_add_test(tc, field_two_parts_of_one_file_field_are_bad);
    tcase_add_test(tc, field_any_input_page_ignores_undeclared);
    tcase_add_test(tc, field_table_with_a_hole_or_twice_a_name_is_refused);
    suite_add_tcase(s, tc);
    (void)enroll_page_main;
    return run_suite(s);
}
