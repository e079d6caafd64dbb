/*
 * Unit tests of resident ID numbers (GB 11643) and of the detection of IDs
 * that Excel turned into numbers.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *in;
    enum id_result want;
    const char *canon;
    int by, bm, bd, male;
} id_cases[] = {
    /* well-known valid samples */
    {"11010519491231002X", ID_OK, "11010519491231002X", 1949, 12, 31, 0},
    {"11010519491231002x", ID_OK, "11010519491231002X", 1949, 12, 31, 0},
    {"440524188001010014", ID_OK, "440524188001010014", 1880, 1, 1, 1},
    {"320505198503152429", ID_OK, "320505198503152429", 1985, 3, 15, 0},
    {"320502196501010015", ID_OK, "320502196501010015", 1965, 1, 1, 1},
    {"320502198002290023", ID_OK, "320502198002290023", 1980, 2, 29, 0},
    /* the spec's Excel example passes the checksum by chance */
    {"320501199001011000", ID_OK, "320501199001011000", 1990, 1, 1, 0},
    /* checksum */
    {"110105194912310021", ID_ECHECKSUM, "", 0, 0, 0, 0},
    {"440524188001010015", ID_ECHECKSUM, "", 0, 0, 0, 0},
    {"32050519850315242X", ID_ECHECKSUM, "", 0, 0, 0, 0},
    {"320501199001011001", ID_ECHECKSUM, "", 0, 0, 0, 0},
    /* format */
    {"", ID_EFORMAT, "", 0, 0, 0, 0},
    {"11010519491231002", ID_EFORMAT, "", 0, 0, 0, 0},
    {"11010519491231002XX", ID_EFORMAT, "", 0, 0, 0, 0},
    {"11010519491231002X ", ID_EFORMAT, "", 0, 0, 0, 0},
    {" 11010519491231002X", ID_EFORMAT, "", 0, 0, 0, 0},
    {"1101051949123100X2", ID_EFORMAT, "", 0, 0, 0, 0},
    {"11010519491231002Y", ID_EFORMAT, "", 0, 0, 0, 0},
    {"110105194912310", ID_EFORMAT, "", 0, 0, 0, 0},
    {"3.20501E+17", ID_EFORMAT, "", 0, 0, 0, 0},
    {"320505198503152429.0", ID_EFORMAT, "", 0, 0, 0, 0},
    {"３２０５０５１９８５０３１５２４２９", ID_EFORMAT, "", 0, 0, 0, 0},
    {"11010519491231-02X", ID_EFORMAT, "", 0, 0, 0, 0},
};

START_TEST(rule_id_check)
{
    char out[19] = "garbage";
    struct id_info info = {{-1, -1, -1}, -1};
    enum id_result r = id_check(id_cases[_i].in, out, &info);

    ck_assert_msg(r == id_cases[_i].want, "id_check(\"%s\") = %d", id_cases[_i].in, (int)r);
    ck_assert_str_eq(out, id_cases[_i].canon);
    if (r == ID_OK) {
        ck_assert_int_eq(info.birth.y, id_cases[_i].by);
        ck_assert_int_eq(info.birth.m, id_cases[_i].bm);
        ck_assert_int_eq(info.birth.d, id_cases[_i].bd);
        ck_assert_int_eq(info.male, id_cases[_i].male);
    } else {
        ck_assert_int_eq(info.birth.y, -1);
    }
}
END_TEST

/* Birth dates that are not calendar dates, with a correct check character. */
static const char *const bad_births[] = {
    "32050219830229002",   /* 1983 not leap */
    "32050219001302001",   /* month 13 */
    "32050219900001001",   /* month 0 */
    "32050219900100001",   /* day 0 */
    "32050219900431001",   /* 31 April */
    "32050217991231001",   /* year before 1800 */
    "32050200000101001",   /* year 0 */
};

START_TEST(rule_id_birth_must_be_a_date)
{
    char id[19], out[19];
    struct id_info info;

    memcpy(id, bad_births[_i], 17);
    id[17] = id_check_char(id);
    id[18] = '\0';
    ck_assert_int_eq(id_check(id, out, &info), ID_EBIRTH);
    ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(rule_id_check_char_builds_valid_ids)
{
    char id[19];
    struct id_info info;
    int seen_x = 0;

    ck_assert_int_eq(id_check_char("11010519491231002"), 'X');
    ck_assert_int_eq(id_check_char("44052418800101001"), '4');
    ck_assert_int_eq(id_check_char("1101051949123100a"), '\0');
    /* every sequence number of a day gives a valid ID with the right gender */
    for (int seq = 0; seq < 1000; seq++) {
        memcpy(id, "32050219900101", 14);
        id[14] = (char)('0' + seq / 100);
        id[15] = (char)('0' + seq / 10 % 10);
        id[16] = (char)('0' + seq % 10);
        id[17] = id_check_char(id);
        id[18] = '\0';
        seen_x |= id[17] == 'X';
        ck_assert_int_eq(id_check(id, NULL, &info), ID_OK);
        ck_assert_int_eq(info.male, seq % 2);
        /* any other check character fails */
        id[17] = id[17] == '0' ? '1' : '0';
        ck_assert_int_eq(id_check(id, NULL, NULL), ID_ECHECKSUM);
    }
    ck_assert_int_eq(seen_x, 1);
}
END_TEST

START_TEST(rule_id_check_null)
{
    char out[19] = "x";

    ck_assert_int_eq(id_check(NULL, out, NULL), ID_EFORMAT);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(id_check("11010519491231002X", NULL, NULL), ID_OK);
}
END_TEST

static const struct { const char *cell; int mangled; } excel_cases[] = {
    {"3.20501E+17", 1}, {"3.20501e17", 1}, {"3.20501E17", 1}, {"3.20501e+17", 1},
    {"3E+17", 1}, {"3.2050519850315E+17", 1}, {"1.10105E+14", 1},
    {"320505198503152000", 1},   /* 15 significant digits then zeros, bad checksum */
    {"110105194912310000", 1},
    {"320505198503152429.0", 1}, {"320505198503152.0", 1}, {"32050519850315242.0", 1},
    /* not mangled */
    {"320501199001011000", 0},   /* passes the checksum: see id_excel_column_mangled */
    {"320505198503152429", 0}, {"11010519491231002X", 0}, {"11010519491231002x", 0},
    {"", 0}, {"abc", 0}, {"3.20501E+12", 0}, {"3.20501E+18", 0}, {"3.20501E-17", 0},
    {"0.3E+17", 0}, {"3.E+17", 0}, {"3.20501E+", 0}, {"3.20501E+17 ", 0},
    {"32050519850315.0", 0}, {"3205051985031524291.0", 0}, {"320505198503152429.00", 0},
    {"320505198503152000 ", 0}, {"32050519850315200", 0}, {"12345", 0}, {"张三", 0},
};

START_TEST(rule_id_excel_mangled)
{
    ck_assert_msg(id_excel_mangled(excel_cases[_i].cell) == excel_cases[_i].mangled,
                  "id_excel_mangled(\"%s\")", excel_cases[_i].cell);
}
END_TEST

START_TEST(rule_id_excel_column)
{
    ck_assert_int_eq(id_excel_mangled(NULL), 0);
    ck_assert_int_eq(id_excel_suspect(NULL), 0);
    ck_assert_int_eq(id_excel_suspect("320501199001011000"), 1);
    ck_assert_int_eq(id_excel_suspect("320505198503152000"), 1);
    ck_assert_int_eq(id_excel_suspect("320505198503152429"), 0);
    ck_assert_int_eq(id_excel_suspect("32050519850315200"), 0);
    /* one real ID ending in 000 among many: fine */
    ck_assert_int_eq(id_excel_column_mangled(1500, 1), 0);
    ck_assert_int_eq(id_excel_column_mangled(1, 1), 0);
    ck_assert_int_eq(id_excel_column_mangled(1500, 2), 0);
    /* a Number-formatted column: most or all cells end in 000 */
    ck_assert_int_eq(id_excel_column_mangled(2, 2), 1);
    ck_assert_int_eq(id_excel_column_mangled(3, 2), 1);
    ck_assert_int_eq(id_excel_column_mangled(4, 2), 0);
    ck_assert_int_eq(id_excel_column_mangled(1500, 1500), 1);
    ck_assert_int_eq(id_excel_column_mangled(1500, 751), 1);
    ck_assert_int_eq(id_excel_column_mangled(1500, 750), 0);
    ck_assert_int_eq(id_excel_column_mangled(0, 0), 0);
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
    Suite *s = suite_create("rules_id");
    SRunner *sr;
    int failed;

    loop(s, "rule_id_check", rule_id_check, N_(id_cases));
    loop(s, "rule_id_birth_must_be_a_date", rule_id_birth_must_be_a_date, N_(bad_births));
    loop(s, "rule_id_check_char_builds_valid_ids", rule_id_check_char_builds_valid_ids, 1);
    loop(s, "rule_id_check_null", rule_id_check_null, 1);
    loop(s, "rule_id_excel_mangled", rule_id_excel_mangled, N_(excel_cases));
    loop(s, "rule_id_excel_column", rule_id_excel_column, 1);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
