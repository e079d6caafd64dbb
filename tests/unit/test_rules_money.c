/*
 * Unit tests of money: parsing and formatting yuan, amounts in basis points,
 * 人民币大写, contribution amounts per insurance type and the deck's
 * 2022-08 figures for a 1,480-person hospital.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const struct { const char *s; int ok; long long fen; } parse_cases[] = {
    {"0", 1, 0}, {"12", 1, 1200}, {"12.3", 1, 1230}, {"12.30", 1, 1230}, {"12.05", 1, 1205},
    {"0.05", 1, 5}, {"0.5", 1, 50}, {"8912.37", 1, 891237}, {"007", 1, 700},
    {"4250", 1, 425000}, {"21821.00", 1, 2182100},
    {"99999999.99", 1, 9999999999LL}, {"99999999", 1, 9999999900LL},
    {"100000000", 0, 0}, {"100000000.00", 0, 0}, {"999999999999999999999", 0, 0},
    {"", 0, 0}, {".", 0, 0}, {".5", 0, 0}, {"12.", 0, 0}, {"12.345", 0, 0},
    {"-12", 0, 0}, {"+12", 0, 0}, {" 12", 0, 0}, {"12 ", 0, 0}, {"1 2", 0, 0},
    {"1,234.00", 0, 0}, {"1e3", 0, 0}, {"1E+3", 0, 0}, {"12.3.4", 0, 0}, {"0x10", 0, 0},
    {"１２", 0, 0}, {"12元", 0, 0}, {"12.5a", 0, 0}, {"NaN", 0, 0}, {"12,5", 0, 0},
};

START_TEST(rule_parse_money_is_strict)
{
    long long fen = -7;
    int rc = parse_money_fen(parse_cases[_i].s, &fen);

    ck_assert_msg(rc == (parse_cases[_i].ok ? 0 : -1), "parse_money_fen(\"%s\")", parse_cases[_i].s);
    ck_assert_int_eq(fen, parse_cases[_i].ok ? parse_cases[_i].fen : -7);
}
END_TEST

START_TEST(rule_parse_money_null)
{
    long long fen;

    ck_assert_int_eq(parse_money_fen(NULL, &fen), -1);
    ck_assert_int_eq(parse_money_fen("1", NULL), -1);
}
END_TEST

static const struct { long long fen; const char *s; } format_cases[] = {
    {0, "0.00"}, {5, "0.05"}, {50, "0.50"}, {123450, "1234.50"}, {130004892, "1300048.92"},
    {9999999999LL, "99999999.99"}, {-320, "-3.20"}, {-5, "-0.05"}, {100, "1.00"},
};

START_TEST(rule_format_fen)
{
    char buf[FORMAT_FEN_MAX];
    long long back;

    ck_assert_int_eq(format_fen(buf, sizeof buf, format_cases[_i].fen), (int)strlen(format_cases[_i].s));
    ck_assert_str_eq(buf, format_cases[_i].s);
    if (format_cases[_i].fen >= 0) {
        ck_assert_int_eq(parse_money_fen(buf, &back), 0);
        ck_assert_int_eq(back, format_cases[_i].fen);
    }
}
END_TEST

START_TEST(rule_format_fen_small_buffer)
{
    char buf[8];

    ck_assert_int_eq(format_fen(buf, sizeof buf, 123450), 7);
    ck_assert_int_eq(format_fen(buf, 7, 123450), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(format_fen(NULL, 8, 1), -1);
    ck_assert_int_eq(format_fen(buf, sizeof buf, -9223372036854775807LL - 1), -1);
}
END_TEST

static const struct { long long base; int bp; long long want; } amount_cases[] = {
    {891237, 600, 53474},   /* 534.7422 yuan -> 534.74 */
    {891237, 200, 17825},   /* 178.2474 -> 178.25 */
    {1000000, 80, 8000},
    {100001, 80, 800},      /* 800.008 -> 800 */
    {625, 80, 5},           /* 5.0 */
    {1000, 5, 1},           /* 0.5 fen rounds half up */
    {999, 5, 0},            /* 0.4995 */
    {3000, 5, 2},           /* 1.5 -> 2 */
    {425000, 80, 3400},
    {425300, 80, 3402},     /* 3402.4 */
    {425400, 80, 3403},     /* 3403.2 */
    {425100, 80, 3401},     /* 3400.8 */
    {425200, 80, 3402},     /* 3401.6 */
    {0, 600, 0},
    {123456, 0, 0},
    {123456, 10000, 123456},
    {9999999999LL, 600, 600000000},  /* 599999999.94 fen -> 600000000 */
    {-1000, 5, -1},         /* symmetric */
    {-999, 5, 0},
};

START_TEST(rule_amount_round_half_up)
{
    ck_assert_int_eq(amount_fen(amount_cases[_i].base, amount_cases[_i].bp), amount_cases[_i].want);
}
END_TEST

START_TEST(rule_format_rate_bp)
{
    char buf[16];

    ck_assert_int_eq(format_rate_bp(buf, sizeof buf, 600), 6);
    ck_assert_str_eq(buf, "0.0600");
    format_rate_bp(buf, sizeof buf, 80);
    ck_assert_str_eq(buf, "0.0080");
    format_rate_bp(buf, sizeof buf, 0);
    ck_assert_str_eq(buf, "0.0000");
    format_rate_bp(buf, sizeof buf, 10000);
    ck_assert_str_eq(buf, "1.0000");
    ck_assert_int_eq(format_rate_bp(buf, 6, 600), -1);
    ck_assert_int_eq(format_rate_bp(buf, sizeof buf, -1), -1);
}
END_TEST

/* ---- 人民币大写 ---------------------------------------------------------- */

static const struct { long long fen; const char *cn; } rmb_cases[] = {
    /* every example of spec §4 */
    {130004892, "壹佰叁拾万零肆拾捌圆玖角贰分"},
    {1640902, "壹万陆仟肆佰零玖圆零贰分"},
    {600714, "陆仟零柒圆壹角肆分"},
    {10000, "壹佰圆整"},
    {168032, "壹仟陆佰捌拾圆零叁角贰分"},
    {10700053, "壹拾万柒仟圆零伍角叁分"},
    {10070000, "壹拾万零柒佰圆整"},
    {1230, "壹拾贰圆叁角"},
    {5, "伍分"},
    {0, "零圆整"},
    /* more edges */
    {10, "壹角"},
    {15, "壹角伍分"},
    {100, "壹圆整"},
    {101, "壹圆零壹分"},
    {110, "壹圆壹角"},
    {1000, "壹拾圆整"},
    {1005, "壹拾圆零伍分"},
    {1050, "壹拾圆零伍角"},
    {1055, "壹拾圆零伍角伍分"},
    {1100, "壹拾壹圆整"},
    {1900, "壹拾玖圆整"},
    {2000, "贰拾圆整"},
    {10100, "壹佰零壹圆整"},
    {11000, "壹佰壹拾圆整"},
    {100101, "壹仟零壹圆零壹分"},
    {100000, "壹仟圆整"},
    {100100, "壹仟零壹圆整"},
    {101000, "壹仟零壹拾圆整"},
    {1000000, "壹万圆整"},
    {1000100, "壹万零壹圆整"},
    {1100000, "壹万壹仟圆整"},
    {10000000, "壹拾万圆整"},
    {100000000, "壹佰万圆整"},
    {1000000000, "壹仟万圆整"},
    {1001000000, "壹仟零壹万圆整"},
    {10000000000LL, "壹亿圆整"},
    {10000000100LL, "壹亿零壹圆整"},
    {10001000000LL, "壹亿零壹万圆整"},
    {10010000000LL, "壹亿零壹拾万圆整"},
    {10100000000LL, "壹亿零壹佰万圆整"},
    {11000000000LL, "壹亿壹仟万圆整"},
    {100000000000LL, "壹拾亿圆整"},
    {130004800, "壹佰叁拾万零肆拾捌圆整"},
    {1319030300, "壹仟叁佰壹拾玖万零叁佰零叁圆整"},
    {105522424, "壹佰零伍万伍仟贰佰贰拾肆圆贰角肆分"},
    {9999999999LL, "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖圆玖角玖分"},
    {99999999999999LL, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖圆玖角玖分"},
    {1000000000001LL, "壹佰亿圆零壹分"},
    {50000000, "伍拾万圆整"},
    {50000050, "伍拾万圆零伍角"},
    {2000000002, "贰仟万圆零贰分"},
};

START_TEST(rule_rmb_upper)
{
    char buf[RMB_UPPER_MAX];

    ck_assert_int_eq(rmb_upper(rmb_cases[_i].fen, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, rmb_cases[_i].cn);
}
END_TEST

START_TEST(rule_rmb_upper_refuses)
{
    char buf[RMB_UPPER_MAX];
    char small[10];

    ck_assert_int_eq(rmb_upper(-1, buf, sizeof buf), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(rmb_upper(RMB_UPPER_LIMIT_FEN, buf, sizeof buf), -1);
    ck_assert_int_eq(rmb_upper(130004892, small, sizeof small), -1);
    ck_assert_str_eq(small, "");
    ck_assert_int_eq(rmb_upper(5, small, 7), 0);     /* "伍分" is 6 bytes */
    ck_assert_str_eq(small, "伍分");
    ck_assert_int_eq(rmb_upper(5, small, 6), -1);
    ck_assert_int_eq(rmb_upper(5, NULL, 10), -1);
}
END_TEST

/* Every amount: one 零 at most in a row, no 零 at either end, 整 only after
 * 圆; and the amount fits RMB_UPPER_MAX. */
START_TEST(rule_rmb_upper_shape)
{
    char buf[RMB_UPPER_MAX];
    static const long long samples[] = {1, 7, 99, 100, 1001, 1010, 1100, 10001, 100001,
                                        999999, 1000001, 10000001, 100010001, 1000000001};

    for (size_t i = 0; i < N_(samples); i++)
        for (long long mul = 1; mul <= 100000000LL; mul *= 10) {
            long long fen = samples[i] * mul;
            if (fen >= RMB_UPPER_LIMIT_FEN)
                continue;
            ck_assert_int_eq(rmb_upper(fen, buf, sizeof buf), 0);
            ck_assert_msg(strstr(buf, "零零") == NULL, "%lld: %s", fen, buf);
            ck_assert_msg(strncmp(buf, "零", 3) != 0, "%lld: %s", fen, buf);
            ck_assert_msg(strstr(buf, "零圆") == NULL && strstr(buf, "零万") == NULL &&
                          strstr(buf, "零亿") == NULL, "%lld: %s", fen, buf);
            ck_assert_msg(strstr(buf, "角整") == NULL && strstr(buf, "分整") == NULL, "%lld: %s", fen, buf);
        }
}
END_TEST

/* ---- contributions ---------------------------------------------------------- */

START_TEST(rule_insurance_types)
{
    size_t n = 0;
    const int *codes = insurance_mandatory(&n);
    static const int want[INSURANCE_MANDATORY_N] = {310, 330, 340, 510, 410, 350};

    ck_assert_uint_eq(n, 6);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(codes[i], want[i]);
        ck_assert_int_eq(insurance_is_mandatory(codes[i]), 1);
    }
    ck_assert_int_eq(insurance_is_mandatory(320), 0);
    ck_assert_int_eq(insurance_is_mandatory(999), 0);
    ck_assert_str_eq(insurance_name(310), "职工基本医疗保险");
    ck_assert_str_eq(insurance_name(320), "公务员医疗保险");
    ck_assert_str_eq(insurance_name(330), "大额医疗费用补助");
    ck_assert_str_eq(insurance_name(340), "地方补充医疗保险");
    ck_assert_str_eq(insurance_name(350), "职工大病医疗保险");
    ck_assert_str_eq(insurance_name(410), "长期护理保险");
    ck_assert_str_eq(insurance_name(510), "生育保险");
    ck_assert_ptr_null(insurance_name(0));
    ck_assert_ptr_null(insurance_name(311));
}
END_TEST

static const struct { int code; long long base, unit, person, account; } contrib_cases[] = {
    {310, 891237, 53474, 17825, 17825},
    {310, 425000, 25500, 8500, 8500},
    {330, 891237, 0, 500, 0},
    {330, 0, 0, 500, 0},
    {340, 891237, 8912, 0, 0},
    {340, 891250, 8913, 0, 0},   /* 89.125 -> 89.13 */
    {510, 891237, 7130, 0, 0},   /* 71.29896 -> 71.30 */
    {510, 425300, 3402, 0, 0},
    {410, 891237, 0, 0, 0},
    {350, 891237, 0, 0, 0},
    {320, 891237, 0, 0, 0},
};

START_TEST(rule_contribution_per_type)
{
    struct rate r;
    struct amounts a;

    ck_assert_int_eq(rate_default(contrib_cases[_i].code, &r), 0);
    ck_assert_int_eq(r.type_code, contrib_cases[_i].code);
    contribution(&r, contrib_cases[_i].base, &a);
    ck_assert_int_eq(a.unit_fen, contrib_cases[_i].unit);
    ck_assert_int_eq(a.person_fen, contrib_cases[_i].person);
    ck_assert_int_eq(a.account_fen, contrib_cases[_i].account);
}
END_TEST

START_TEST(rule_contribution_rate_from_data)
{
    struct rate r = {320, 300, 0, 0, 0, 0};   /* a provisional 320 unit rate */
    struct rate part = {999, 0, 200, 0, 0, 3000};
    struct amounts a;

    contribution(&r, 891237, &a);
    ck_assert_int_eq(a.unit_fen, 26737);   /* 267.3711 */
    ck_assert_int_eq(a.person_fen, 0);
    contribution(&part, 891237, &a);       /* 30% of the individual 178.25 */
    ck_assert_int_eq(a.person_fen, 17825);
    ck_assert_int_eq(a.account_fen, 5348); /* 53.475 -> 53.48 */
    ck_assert_int_eq(rate_default(999, &r), -1);
}
END_TEST

/*
 * The deck's 缴费通知单 for 202208: 1,480 persons, wage total 13,190,303.00
 * yuan, per-person amounts rounded half up:
 *   职工基本医疗保险 unit 791,418.18, individual 263,806.06; 大额 7,400.00;
 *   地方补充 131,903.03; 生育 105,521.65; total 1,300,048.92.
 * With integer-yuan wages, 6%, 2% and 1% are exact (6w, 2w, w fen). 0.8% of
 * w yuan is 0.8w fen: writing w = 5q + r, 0.8w = 4q + 0.8r and rounding adds
 * +0.2 (r=1), +0.4 (r=2), -0.4 (r=3), -0.2 (r=4). The exact total is
 * 10,552,242.4 fen and the deck's 10,552,165 fen, so the roundings sum to
 * -77.4 fen = 387 * -0.2: 387 wages with residue 4 and 1,093 with residue 0.
 * Their residues sum to 1,548 = 3 (mod 5), as 13,190,303 is, so the rest,
 * 13,188,755 = 5 * 2,637,751, is spread over the 1,480 persons in fives.
 */
#define DECK_N 1480
#define DECK_TOTAL_YUAN 13190303LL

static void deck_wages(long long w[DECK_N])
{
    long long fives = (DECK_TOTAL_YUAN - 387 * 4) / 5;   /* 2,637,751 */
    long long q = fives / DECK_N, extra = fives % DECK_N; /* 1,782 and 391 */

    for (int i = 0; i < DECK_N; i++) {
        /* a spread of wages in pairs that cancel: 4,250 - 21,821 yuan */
        long long spread = (i / 2 % 600) * ((i % 2) ? -1 : 1);
        w[i] = 5 * (q + (i < extra) + spread) + (i % 3 == 1 && i / 3 < 387 ? 4 : 0);
    }
}

START_TEST(rule_contribution_deck_202208_totals)
{
    long long w[DECK_N], sum = 0;
    long long unit310 = 0, person310 = 0, account310 = 0, p330 = 0, u340 = 0, u510 = 0;
    long long person_other = 0, unit_other = 0;
    int residue4 = 0;
    struct rate r310, r330, r340, r510, r410, r350;
    struct amounts a;
    char buf[RMB_UPPER_MAX];

    deck_wages(w);
    ck_assert_int_eq(rate_default(310, &r310), 0);
    ck_assert_int_eq(rate_default(330, &r330), 0);
    ck_assert_int_eq(rate_default(340, &r340), 0);
    ck_assert_int_eq(rate_default(510, &r510), 0);
    ck_assert_int_eq(rate_default(410, &r410), 0);
    ck_assert_int_eq(rate_default(350, &r350), 0);
    for (int i = 0; i < DECK_N; i++) {
        long long base = w[i] * 100;
        enum clamp which;

        /* the construction: within 2022's limits, residues 0 or 4 */
        ck_assert_int_eq(clamp_wage(base, 425000, 2182100, &which), base);
        ck_assert_int_eq(which, CLAMP_NONE);
        ck_assert(w[i] % 5 == 0 || w[i] % 5 == 4);
        residue4 += w[i] % 5 == 4;
        sum += w[i];

        contribution(&r310, base, &a);
        unit310 += a.unit_fen;
        person310 += a.person_fen;
        account310 += a.account_fen;
        contribution(&r330, base, &a);
        p330 += a.person_fen;
        ck_assert_int_eq(a.unit_fen, 0);
        contribution(&r340, base, &a);
        u340 += a.unit_fen;
        ck_assert_int_eq(a.person_fen, 0);
        contribution(&r510, base, &a);
        u510 += a.unit_fen;
        ck_assert_int_eq(a.person_fen, 0);
        contribution(&r410, base, &a);
        unit_other += a.unit_fen;
        person_other += a.person_fen;
        contribution(&r350, base, &a);
        unit_other += a.unit_fen;
        person_other += a.person_fen;
    }
    ck_assert_int_eq(sum, DECK_TOTAL_YUAN);
    ck_assert_int_eq(residue4, 387);
    ck_assert_int_eq(unit310, 79141818);
    ck_assert_int_eq(person310, 26380606);
    ck_assert_int_eq(account310, person310);
    ck_assert_int_eq(p330, 740000);
    ck_assert_int_eq(u340, 13190303);
    ck_assert_int_eq(u510, 10552165);
    ck_assert_int_eq(unit_other, 0);
    ck_assert_int_eq(person_other, 0);
    /* 小计: individual 271,206.06, unit 1,028,842.86, total 1,300,048.92 */
    ck_assert_int_eq(person310 + p330, 27120606);
    ck_assert_int_eq(unit310 + u340 + u510, 102884286);
    ck_assert_int_eq(unit310 + person310 + p330 + u340 + u510, 130004892);
    ck_assert_int_eq(rmb_upper(unit310 + person310 + p330 + u340 + u510, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "壹佰叁拾万零肆拾捌圆玖角贰分");
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
    Suite *s = suite_create("rules_money");
    SRunner *sr;
    int failed;

    loop(s, "rule_parse_money_is_strict", rule_parse_money_is_strict, N_(parse_cases));
    one(s, "rule_parse_money_null", rule_parse_money_null);
    loop(s, "rule_format_fen", rule_format_fen, N_(format_cases));
    one(s, "rule_format_fen_small_buffer", rule_format_fen_small_buffer);
    loop(s, "rule_amount_round_half_up", rule_amount_round_half_up, N_(amount_cases));
    one(s, "rule_format_rate_bp", rule_format_rate_bp);
    loop(s, "rule_rmb_upper", rule_rmb_upper, N_(rmb_cases));
    one(s, "rule_rmb_upper_refuses", rule_rmb_upper_refuses);
    one(s, "rule_rmb_upper_shape", rule_rmb_upper_shape);
    one(s, "rule_insurance_types", rule_insurance_types);
    loop(s, "rule_contribution_per_type", rule_contribution_per_type, N_(contrib_cases));
    one(s, "rule_contribution_rate_from_data", rule_contribution_rate_from_data);
    one(s, "rule_contribution_deck_202208_totals", rule_contribution_deck_202208_totals);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
