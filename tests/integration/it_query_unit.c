/*
 * Integration: 业务查询 items 1-3 (spec §9, issue 9 items 1-3) over HTTP against
 * the real stack: /query/payments (totals per payment type, 合计, CSV, an empty
 * month, malformed filters), /query/person (base data, enrolments with
 * 当前缴费基数, the last 12 months of this unit's contributions only, CSV, a
 * formerly insured person, another unit's and an unknown ID alike, malformed
 * IDs) and /query/unit (registration data, types with counts, CSV). Another
 * unit's data never shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"

static char unit_a[40], unit_b[40];
static struct client ca, cb;
/* pa 6000, pa2 3000 (below the lower limit), ps stopped 2022-07-31, pm moved
 * from B (2022-06) to A (2022-07 on), pb of B only, at 30000 */
static char pa[19], pa2[19], ps[19], pm[19], pb[19], nobody[19];

static const char *const extra = "参加工作时间,退休年月,居住地,生存状态,人员类别";

static void import(const char *id, const char *name, const char *unit, const char *start,
                   const char *wage, const char *addr)
{
    char row[512];
    snprintf(row, sizeof row, "%s,%s,%s,在职,%s,%s,1380000%s,,,%s,,\n", id, name, unit, start,
             wage, id + 14, addr);
    ck_assert_int_eq(import_persons(row, extra), 0);
}

static void stop_at(const char *id, const char *unit, const char *end)
{
    sql("UPDATE enrolments e JOIN persons p ON p.id = e.person_id JOIN units u ON u.id = e.unit_id"
        " SET e.end_date = '%s', e.status = '暂停缴费', e.stop_reason = '离职'"
        " WHERE p.id_no = '%s' AND u.unit_no = '%s'", end, id, unit);
}

static void setup(void)
{
    set_today("2022-09-20");
    make_unit(unit_a, sizeof unit_a, "企业", "查询测试公司甲");
    make_unit(unit_b, sizeof unit_b, "企业", "查询测试公司乙");
    make_id(pa, 1990, 3, 4, 1);
    make_id(pa2, 1991, 5, 6, 0);
    make_id(ps, 1985, 7, 8, 1);
    make_id(pm, 1988, 9, 10, 0);
    make_id(pb, 1980, 11, 12, 1);
    make_id(nobody, 1979, 1, 2, 1);
    import(pa, "查询甲", unit_a, "2022-06", "6000", "苏州市<b>测试</b>路1号");
    import(pa2, "查询乙", unit_a, "2022-06", "3000", "");
    import(ps, "查询丙", unit_a, "2022-06", "8000", "");
    import(pm, "调入丁", unit_b, "2022-06", "7000", "");
    stop_at(pm, unit_b, "2022-06-30");
    import(pm, "调入丁", unit_a, "2022-07", "7000", "");
    import(pb, "乙单位人员", unit_b, "2022-06", "30000", "");
    stop_at(ps, unit_a, "2022-07-31");
    for (int m = 6; m <= 8; m++)
        ck_assert_int_eq(admin("settle 2022-%02d", m), 0);
    sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
        " base_fen, unit_fen, person_fen, account_fen, created_at)"
        " SELECT p.id_no, '2022-05-01', '310', p.id, u.id, '补缴', 600000, 36000, 12000, 12000,"
        " '2022-09-20 10:00:00' FROM persons p, units u WHERE p.id_no = '%s' AND u.unit_no = '%s'",
        pa, unit_a);
    ck_assert_int_eq(admin("recount"), 0);     /* the rows written by hand above */
    client_init(&ca);
    client_init(&cb);
    if (!login(&ca, unit_a, PW) || !login(&cb, unit_b, PW)) {
        fprintf(stderr, "it_query_unit: login failed\n");
        exit(1);
    }
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    set_today("");
}


START_TEST(payments_form_without_a_query_shows_no_table)
{
    const char *in[] = {"单位缴费明细查询", "请选择查询条件", "value=\"2022-09\"", NULL};
    const char *out[] = {"缴费人数", "msg fail", NULL};
    expect_get(&ca, "/query/payments", 200, in, out);
}
END_TEST

START_TEST(payments_totals_per_payment_type_of_this_unit_only)
{
    /* 2022-08: pa 6000 and pa2 at the lower limit 4250, pm 7000; ps stopped before it */
    const char *in[] = {"正常应缴", "合计", "<td class=\"num\">3</td>", "17250.00", "1035.00",
                        "345.00", NULL};
    /* no 补缴 row (the menu's 单独补缴 and 补缴删除 aside) */
    const char *out[] = {"<td class=\"nowrap\">补缴</td>", "21821.00", "25250.00", NULL};
    expect_get(&ca, "/query/payments?month=2022-08&type=310", 200, in, out);
}
END_TEST

START_TEST(payments_backpaid_rows_are_their_own_line)
{
    const char *in[] = {"补缴", "6000.00", "360.00", "120.00", "合计", NULL};
    const char *out[] = {"正常应缴", NULL};
    expect_get(&ca, "/query/payments?month=2022-05&type=310", 200, in, out);
}
END_TEST

START_TEST(payments_fixed_amount_type_and_other_unit)
{
    /* 330: 5.00 a person, nothing to the account; B sees only pb at the upper limit */
    const char *in[] = {"15.00", NULL};
    expect_get(&ca, "/query/payments?month=2022-08&type=330", 200, in, NULL);
    const char *inb[] = {"21821.00", "<td class=\"num\">1</td>", NULL};
    const char *outb[] = {"17250.00", NULL};
    expect_get(&cb, "/query/payments?month=2022-08&type=310", 200, inb, outb);
}
END_TEST

START_TEST(payments_empty_month_says_so)
{
    const char *in[] = {"该费款所属期无缴费记录", NULL};
    const char *out[] = {"合计", NULL};
    expect_get(&ca, "/query/payments?month=2021-01&type=310", 200, in, out);
}
END_TEST

START_TEST(payments_csv_with_bom_month_as_text_and_total)
{
    struct resp r;

    get_csv(&ca, "/query/payments?month=2022-08&type=310&format=csv", &r);
    ck_assert(has(&r, "费款所属期,险种编码,险种,缴费类型,缴费人数"));
    ck_assert(has(&r, "=\"2022-08\",310,职工基本医疗保险,正常应缴,3,17250.00,1035.00,345.00,345.00"));
    ck_assert(has(&r, "合计,3,17250.00"));
    resp_free(&r);
}
END_TEST

static const struct { const char *query, *in, *out; } bad_payments[] = {
    {"month=2022-13&type=310", "费款所属期格式不正确", "缴费人数"},
    {"month=22-08&type=310", "费款所属期格式不正确", "缴费人数"},
    {"month=2022-08&type=999", "险种格式不正确", "缴费人数"},
    {"month=2022-08&type=abc", "险种格式不正确", "缴费人数"},
    {"month=2022-08", "请填写险种", "缴费人数"},
    {"type=310", "请填写费款所属期", "缴费人数"},
    {"month=2022-13&type=310&format=csv", "费款所属期格式不正确", "缴费基数总额,"},
};

START_TEST(payments_bad_input_field_messages_and_no_rows)
{
    char path[160];
    snprintf(path, sizeof path, "/query/payments?%s", bad_payments[_i].query);
    const char *in[] = {bad_payments[_i].in, "msg fail", NULL};
    const char *out[] = {bad_payments[_i].out, "正常应缴", NULL};
    expect_get(&ca, path, 200, in, out);
}
END_TEST

START_TEST(unknown_parameters_and_formats_are_400)
{
    expect_get(&ca, "/query/payments?month=2022-08&type=310&format=xml", 400, NULL, NULL);
    expect_get(&ca, "/query/payments?unit=1", 400, NULL, NULL);
    expect_get(&ca, "/query/person?id_no=1&unit_id=2", 400, NULL, NULL);
    expect_get(&ca, "/query/unit?format=pdf", 400, NULL, NULL);
    expect_get(&ca, "/query/unit?unit_no=1", 400, NULL, NULL);
}
END_TEST

START_TEST(person_base_data_enrolments_and_contributions)
{
    char path[96];
    snprintf(path, sizeof path, "/query/person?id_no=%s", pa);
    const char *in[] = {pa, "查询甲", "男", "1990-03-04", "1380000", "苏州市&lt;b&gt;测试&lt;/b&gt;路1号",
                        "职工在职", "310 职工基本医疗保险", "350 职工大病医疗保险", "参保缴费",
                        "2022-06", "6000.00", "2021-10 至 2022-09", "2022-08", "补缴", "360.00",
                        NULL};
    const char *out[] = {"<b>测试</b>", "msg fail", NULL};
    expect_get(&ca, path, 200, in, out);
}
END_TEST

START_TEST(person_base_is_the_wage_clamped_to_this_month)
{
    char path[96];
    snprintf(path, sizeof path, "/query/person?id_no=%s", pa2);
    const char *in[] = {"查询乙", "女", "4250.00", NULL};
    const char *out[] = {"3000.00", NULL};
    expect_get(&ca, path, 200, in, out);
    snprintf(path, sizeof path, "/query/person?id_no=%s", pb);
    const char *inb[] = {"乙单位人员", "21821.00", NULL};
    expect_get(&cb, path, 200, inb, NULL);
}
END_TEST

START_TEST(person_formerly_insured_shows_the_stop)
{
    char path[96];
    snprintf(path, sizeof path, "/query/person?id_no=%s", ps);
    /* no 当前缴费基数 once stopped; its contributions of 2022-06 and 07 stay */
    const char *in[] = {"查询丙", "暂停缴费", "2022-07-31", "<td class=\"num\">—</td>",
                        "8000.00", NULL};
    const char *out[] = {"参保缴费", "msg fail", NULL};
    expect_get(&ca, path, 200, in, out);
}
END_TEST

START_TEST(person_contributions_of_this_unit_only)
{
    struct resp r;
    char path[96];

    snprintf(path, sizeof path, "/query/person?id_no=%s", pm);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    ck_assert(has(&r, "调入丁") && has(&r, "<td class=\"nowrap\">2022-07</td>"));
    ck_assert(!has(&r, "<td class=\"nowrap\">2022-06</td>"));   /* charged to B */
    resp_free(&r);
    ck_assert_int_eq(http_get(&cb, path, &r), 200);
    ck_assert(has(&r, "<td class=\"nowrap\">2022-06</td>") && has(&r, "2022-06-30"));
    ck_assert(!has(&r, "<td class=\"nowrap\">2022-07</td>"));
    resp_free(&r);
}
END_TEST

START_TEST(person_csv_keeps_the_id_as_text)
{
    struct resp r;
    char path[96], line[160];

    snprintf(path, sizeof path, "/query/person?id_no=%s&format=csv", pa);
    get_csv(&ca, path, &r);
    ck_assert(has(&r, "证件号码,姓名,费款所属期,险种编码,险种,缴费类型,缴费基数"));
    snprintf(line, sizeof line, "=\"%s\",查询甲,=\"2022-08\",310,职工基本医疗保险,正常应缴,6000.00,360.00,120.00,120.00", pa);
    ck_assert(has(&r, line));
    resp_free(&r);
}
END_TEST

/* Another unit's person and an ID nobody has: the same page but for the ID typed. */
START_TEST(person_of_another_unit_or_none_is_not_found_alike)
{
    struct resp r1, r2;
    char p1[96], p2[96];

    snprintf(p1, sizeof p1, "/query/person?id_no=%s", pb);
    snprintf(p2, sizeof p2, "/query/person?id_no=%s", nobody);
    ck_assert_int_eq(http_get(&ca, p1, &r1), 200);
    ck_assert_int_eq(http_get(&ca, p2, &r2), 200);
    ck_assert(has(&r1, "msg fail") && has(&r1, "未查询到本单位该人员的参保信息"));
    ck_assert(!has(&r1, "乙单位人员") && !has(&r1, "21821.00") && !has(&r1, "基本信息"));
    ck_assert_uint_eq(r1.body.len, r2.body.len);   /* the IDs are of the same length */
    resp_free(&r1);
    resp_free(&r2);
    snprintf(p1, sizeof p1, "/query/person?id_no=%s&format=csv", pb);
    const char *in[] = {"未查询到本单位该人员的参保信息", NULL};
    const char *out[] = {"乙单位人员", "证件号码,姓名", NULL};
    expect_get(&ca, p1, 200, in, out);
    snprintf(p1, sizeof p1, "/query/person?id_no=%s", pa);
    const char *outb[] = {"查询甲", "基本信息", NULL};
    expect_get(&cb, p1, 200, in, outb);
}
END_TEST

START_TEST(person_bad_ids_get_the_field_message)
{
    char path[96], bad[19];
    const char *in[] = {"证件号码格式不正确", NULL};
    const char *out[] = {"基本信息", "未查询到", NULL};

    expect_get(&ca, "/query/person?id_no=12345", 200, in, out);
    expect_get(&ca, "/query/person?id_no=%3Cscript%3E", 200, in, out);
    memcpy(bad, pa, sizeof bad);
    bad[17] = bad[17] == '0' ? '1' : '0';   /* the check character wrong */
    snprintf(path, sizeof path, "/query/person?id_no=%s", bad);
    expect_get(&ca, path, 200, in, out);
    expect_get(&ca, "/query/person?format=csv", 200, (const char *const[]){"请填写证件号码", NULL}, out);
    expect_get(&ca, "/query/person", 200, (const char *const[]){"请选择查询条件", NULL},
           (const char *const[]){"msg fail", "基本信息", NULL});
}
END_TEST

START_TEST(unit_registration_contact_and_types)
{
    sql("UPDATE units SET contact_name = '<i>张</i>', address = '苏州市测试路9号' WHERE unit_no = '%s'",
        unit_a);
    const char *in[] = {unit_a, "查询测试公司甲", "企业", "&lt;i&gt;张&lt;/i&gt;", "苏州市测试路9号",
                        "310 职工基本医疗保险", "350 职工大病医疗保险", "参保缴费", "2022-06",
                        "<td class=\"num\">3</td>", "未登记", NULL};
    const char *out[] = {"查询测试公司乙", "320 公务员医疗保险", "<i>张</i>", NULL};
    expect_get(&ca, "/query/unit", 200, in, out);
    const char *inb[] = {unit_b, "查询测试公司乙", "<td class=\"num\">1</td>", NULL};
    const char *outb[] = {"查询测试公司甲", NULL};
    expect_get(&cb, "/query/unit", 200, inb, outb);
}
END_TEST

START_TEST(unit_types_csv)
{
    struct resp r;
    char line[160];

    get_csv(&ca, "/query/unit?format=csv", &r);
    snprintf(line, sizeof line, "=\"%s\",查询测试公司甲,310,职工基本医疗保险,参保缴费,=\"2022-06\",3,0", unit_a);
    ck_assert_msg(has(&r, line), "%s", r.body.p);
    resp_free(&r);
}
END_TEST

/* spec §3: the special-group schemes registered at the counter show in
 * 单位信息查询 as on 单位参保证明: 已登记 and the registration date, no counts;
 * in the export too; another unit's registration does not. */
START_TEST(unit_shows_registered_special_group_schemes)
{
    struct resp r;
    char line[200];

    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 370 --date 2021-03-04", unit_a), 0);
    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 360 --date 2020-01-02", unit_b), 0);
    const char *in[] = {"370 离休人员医疗保障", "已登记", "2021-03-04", "310 职工基本医疗保险", NULL};
    const char *out[] = {"360 一至六级残疾军人医疗保险", "2020-01-02", "本单位暂无参保险种", NULL};
    expect_get(&ca, "/query/unit", 200, in, out);
    get_csv(&ca, "/query/unit?format=csv", &r);
    snprintf(line, sizeof line, "=\"%s\",查询测试公司甲,370,离休人员医疗保障,已登记,=\"2021-03-04\",,", unit_a);
    ck_assert_msg(has(&r, line), "%s", r.body.p);
    ck_assert(!has(&r, ",360,"));
    resp_free(&r);
    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 370 --remove 1", unit_a), 0);
    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 360 --remove 1", unit_b), 0);
    expect_get(&ca, "/query/unit", 200, (const char *const[]){"310 职工基本医疗保险", NULL},
               (const char *const[]){"离休人员医疗保障", NULL});
}
END_TEST

int main(void)
{
    Suite *s = suite_create("query");
    TCase *t = tcase_create("query");
    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, payments_form_without_a_query_shows_no_table);
    tcase_add_test(t, payments_totals_per_payment_type_of_this_unit_only);
    tcase_add_test(t, payments_backpaid_rows_are_their_own_line);
    tcase_add_test(t, payments_fixed_amount_type_and_other_unit);
    tcase_add_test(t, payments_empty_month_says_so);
    tcase_add_test(t, payments_csv_with_bom_month_as_text_and_total);
    tcase_add_loop_test(t, payments_bad_input_field_messages_and_no_rows, 0,
                        (int)(sizeof bad_payments / sizeof bad_payments[0]));
    tcase_add_test(t, unknown_parameters_and_formats_are_400);
    tcase_add_test(t, person_base_data_enrolments_and_contributions);
    tcase_add_test(t, person_base_is_the_wage_clamped_to_this_month);
    tcase_add_test(t, person_formerly_insured_shows_the_stop);
    tcase_add_test(t, person_contributions_of_this_unit_only);
    tcase_add_test(t, person_csv_keeps_the_id_as_text);
    tcase_add_test(t, person_of_another_unit_or_none_is_not_found_alike);
    tcase_add_test(t, person_bad_ids_get_the_field_message);
    tcase_add_test(t, unit_registration_contact_and_types);
    tcase_add_test(t, unit_types_csv);
    tcase_add_test(t, unit_shows_registered_special_group_schemes);
    suite_add_tcase(s, t);
    return it_run(s);
}
