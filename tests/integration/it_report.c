/*
 * Integration: 报表打印 (spec §9 reports, issue 8 items 1-5) over HTTP against
 * the real stack: the deck-like hospital's 缴费通知单 to the fen on the page, its
 * print form and its CSV; 单位缴费查询打印's columns, rates, 职工工资总额 before
 * clamping from the wage stored when charged (a later wage change alters no
 * past report); a 补缴 after 正常应缴 and on the notice under the same 通知单据号;
 * bad input and empty months; another unit's data never shown; 单位参保证明
 * with 法定代表人 and a special-group scheme set by the admin CLI, and its 核验码
 * through the public /verify (one message for unknown, malformed and expired
 * codes; the login's wait after failures).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "support/deck.h"
#include "rules/rules.h"

static char deck[40];
static struct client cd;

static int count_of(const struct resp *r, const char *s)
{
    int n = 0;
    size_t len = strlen(s);

    for (const char *p = r->body.p; p && (p = strstr(p, s)) != NULL; p += len)
        n++;
    return n;
}

/* The position of s in the body (-1 when absent), for order checks. */
static long pos_of(const struct resp *r, const char *s)
{
    const char *p = r->body.p ? strstr(r->body.p, s) : NULL;
    return p ? (long)(p - r->body.p) : -1;
}

static void setup(void)
{
    deck_unit(deck, sizeof deck, "通知单测试医院");
    set_today("2022-09-20");
    client_init(&cd);
    ck_assert(login(&cd, deck, PW));
}

/* ---- item 3: the deck's notice -------------------------------------------------- */

START_TEST(deck_notice_to_the_fen_on_the_page_print_and_csv)
{
    static const char *const figures[] = {
        "7,400.00", "105,521.65", "1,055,224.24", "263,806.06", "791,418.18", "131,903.03",
        "271,206.06", "1,028,842.86", "1,300,048.92", "壹佰叁拾万零肆拾捌圆玖角贰分", NULL
    };
    static const char *const zero_rows[] = {"长期护理保险", "职工大病医疗保险", NULL};
    char no[40], want[64];
    struct resp r;

    snprintf(no, sizeof no, "%06ld 2208", sql_long("SELECT id FROM units WHERE unit_no = '%s'", deck));
    expect_get(&cd, "/report/notice?month=2022-08", 200, figures, zero_rows);
    /* the deck shows 4 rows: all-zero rows are left out */
    ck_assert_int_eq(http_get(&cd, "/report/notice?month=2022-08", &r), 200);
    ck_assert_int_eq(count_of(&r, "<td class=\"name\">"), 4);
    ck_assert(has(&r, no));
    ck_assert(has(&r, "打印") && has(&r, "导出CSV") && has(&r, "class=\"side-menu"));
    resp_free(&r);
    /* the print form: its own page, the header, no menu */
    ck_assert_int_eq(http_get(&cd, "/report/notice?month=2022-08&format=print", &r), 200);
    for (int i = 0; figures[i]; i++)
        ck_assert_msg(has(&r, figures[i]), "%s", figures[i]);
    ck_assert(has(&r, "通知单测试医院") && has(&r, deck) && has(&r, "制表日期:2022-09-20"));
    ck_assert(has(&r, "经办人:") && has(&r, "print-sheet landscape") && has(&r, no));
    ck_assert(!has(&r, "side-menu") && !has(&r, "参保人员增员申报"));
    resp_free(&r);
    /* the CSV: the same rows and totals */
    get_csv(&cd, "/report/notice?month=2022-08&format=csv", &r);
    snprintf(want, sizeof want, "=\"%s\"", no);
    ck_assert(has(&r, want));
    ck_assert(has(&r, "职工基本医疗保险,正常应缴,263806.06,791418.18,0.00,0.00,0.00,1055224.24"));
    ck_assert(has(&r, "大额医疗费用补助,正常应缴,7400.00,0.00,"));
    ck_assert(has(&r, "地方补充医疗保险,正常应缴,0.00,131903.03,"));
    ck_assert(has(&r, "生育保险,正常应缴,0.00,105521.65,"));
    ck_assert(has(&r, "小计,,271206.06,1028842.86,0.00,0.00,0.00,1300048.92"));
    ck_assert(has(&r, "核定征集总额,壹佰叁拾万零肆拾捌圆玖角贰分"));
    ck_assert(!has(&r, "长期护理保险"));
    resp_free(&r);
}
END_TEST

/* ---- item 1: 单位缴费查询打印 ------------------------------------------------------ */

START_TEST(deck_payments_report_columns_rates_and_totals)
{
    static const char *const in[] = {
        "单位编号", "单位缴费比例或定额标准", "单位缴费基数总额", "单位实缴金额", "对应费款所属期",
        "个人缴费比例或定额标准", "个人缴费基数总额", "个人实缴金额", "划入个人账户金额", "缴费类型",
        "缴费人数", "职工工资总额", "滞纳金", "合计",
        "6.00%", "2.00%", "5.00元/人·月", "1.00%", "0.80%", "13,190,303.00", "791,418.18",
        "263,806.06", NULL
    };
    struct resp r;

    expect_get(&cd, "/report/payments?month=2022-08", 200, in, NULL);
    /* one 险种: its row only; persons 1,480 */
    ck_assert_int_eq(http_get(&cd, "/report/payments?month=2022-08&type=510", &r), 200);
    ck_assert_int_eq(count_of(&r, "<td class=\"name\">"), 1);
    ck_assert(has(&r, "生育保险") && has(&r, "0.80%") && has(&r, "105,521.65") &&
              has(&r, "<td class=\"num\">1480</td>"));
    ck_assert(!has(&r, "职工基本医疗保险</td>"));
    resp_free(&r);
    /* all types: 6 rows, in the types' order */
    ck_assert_int_eq(http_get(&cd, "/report/payments?month=2022-08&type=", &r), 200);
    ck_assert_int_eq(count_of(&r, "<td class=\"name\">"), 6);
    ck_assert(pos_of(&r, "职工基本医疗保险</td>") < pos_of(&r, "大额医疗费用补助</td>"));
    ck_assert(pos_of(&r, "生育保险</td>") < pos_of(&r, "长期护理保险</td>"));
    resp_free(&r);
    get_csv(&cd, "/report/payments?month=2022-08&format=csv", &r);
    ck_assert(has(&r, "单位编号,险种,单位缴费比例或定额标准,单位缴费基数总额,单位实缴金额,对应费款所属期,"
                      "个人缴费比例或定额标准,个人缴费基数总额,个人实缴金额,划入个人账户金额,缴费类型,"
                      "缴费人数,职工工资总额,滞纳金"));
    {
        char row[256];
        snprintf(row, sizeof row, "=\"%s\",职工基本医疗保险,6.00%%,13190303.00,791418.18,"
                 "=\"2022-08\",2.00%%,13190303.00,263806.06,263806.06,正常应缴,1480,"
                 "13190303.00,0.00",
                 deck);
        ck_assert_msg(has(&r, row), "%s", r.body.p);
    }
    ck_assert(has(&r, "\r\n\"\",合计,,79141818.00,1028842.86,,,79141818.00,271206.06,263806.06,,1480,"));
    resp_free(&r);
    expect_get(&cd, "/report/payments?month=2022-08&format=print", 200,
               (const char *const[]){"print-sheet landscape", "单位缴费查询打印", "制表日期:", NULL},
               (const char *const[]){"side-menu", NULL});
}
END_TEST

/* 职工工资总额 is the declared wages before clamping, 缴费基数总额 after, from the
 * wage stored on each row when it was charged: a later wage change alters no
 * past report. A 补缴 assessed later shows after 正常应缴 and on the notice,
 * whose number stays. */
START_TEST(wage_before_clamping_stored_when_charged_and_backpay_after_normal)
{
    char unit[40], hi[19], lo[19], late[19], row[256], no[40];
    struct client c;
    struct resp r;

    set_today("2022-08-07");
    make_unit(unit, sizeof unit, "企业", "报表工资测试公司");
    make_id(hi, 1980, 1, 2, 1);
    make_id(lo, 1981, 2, 3, 0);
    make_id(late, 1982, 3, 4, 1);
    snprintf(row, sizeof row, "%s,高工资,%s,在职,2022-08,30000,\n%s,低工资,%s,在职,2022-08,3000,\n",
             hi, unit, lo, unit);
    ck_assert_int_eq(import_persons(row, NULL), 0);
    ck_assert_int_eq(admin("settle 2022-08"), 0);
    set_today("2022-09-12 10:00");
    client_init(&c);
    ck_assert(login(&c, unit, PW));
    /* 30,000 + 3,000 declared; 21,821 + 4,250 after clamping to 2022's limits */
    expect_get(&c, "/report/payments?month=2022-08&type=310", 200,
               (const char *const[]){"33,000.00", "26,071.00", "<td class=\"num\">2</td>", NULL},
               NULL);
    ck_assert_int_eq(http_get(&c, "/report/notice?month=2022-08", &r), 200);
    ck_assert(resp_header(&r, "Content-Type", row, sizeof row) == 0 && strstr(row, "text/html"));
    {
        const char *p = strstr(r.body.p, "通知单据号:<span class=\"nowrap\">");
        ck_assert_ptr_nonnull(p);
        snprintf(no, sizeof no, "%.11s", p + strlen("通知单据号:<span class=\"nowrap\">"));
    }
    resp_free(&r);
    /* a new wage from 2022-08 changes no report of 2022-08 */
    sql("INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at)"
        " SELECT p.id, u.id, '2022-08-01', 900000, '2022-09-12' FROM persons p, units u"
        " WHERE p.id_no = '%s' AND u.unit_no = '%s'", hi, unit);
    expect_get(&c, "/report/payments?month=2022-08&type=310", 200,
               (const char *const[]){"33,000.00", "26,071.00", NULL}, NULL);
    /* a back-paid enrolment from 2022-07 at 30,000 (declared, unclamped on the row) */
    {
        char body[256];
        ck_assert_int_eq(http_get(&c, "/enroll", &r), 200);
        resp_free(&r);
        snprintf(body, sizeof body, "id_no=%s&name=%%E8%%A1%%A5%%E7%%BC%%B4&phone=13800000000"
                 "&wage=30000&start_month=2022-07", late);
        ck_assert_int_eq(http_post(&c, "/enroll", body, 1, &r), 303);
        resp_free(&r);
    }
    ck_assert_int_eq(sql_long("SELECT wage_fen FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-08-01' AND type_code = '310'", late), 3000000);
    ck_assert_int_eq(http_get(&c, "/report/payments?month=2022-08&type=310", &r), 200);
    ck_assert_int_eq(count_of(&r, "<td class=\"name\">"), 2);
    ck_assert(pos_of(&r, ">正常应缴<") >= 0 && pos_of(&r, ">正常应缴<") < pos_of(&r, ">补缴<"));
    ck_assert(has(&r, "<td class=\"num\">30,000.00</td>") && has(&r, "21,821.00"));
    /* 合计: 3 persons, wages 63,000.00 */
    ck_assert(has(&r, "<td class=\"num\">3</td>") && has(&r, "63,000.00"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/report/notice?month=2022-08", &r), 200);
    ck_assert(has(&r, no) && pos_of(&r, ">正常应缴<") < pos_of(&r, ">补缴<"));
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* ---- item 5: bad input, empty months, the session's unit only -------------------- */

START_TEST(bad_input_gets_field_messages_and_empty_months_the_empty_report)
{
    static const char *const empty[] = {"【该费款所属期无缴费记录】", NULL};
    static const char *const no_table[] = {"report-table", NULL};
    struct resp r;
    char ct[128];

    expect_get(&cd, "/report/payments?month=2022-13", 200,
               (const char *const[]){"费款所属期格式不正确", "msg fail", NULL}, no_table);
    expect_get(&cd, "/report/payments?month=2022-08&type=999", 200,
               (const char *const[]){msg_text(MSG_EXPORT_TYPE_UNKNOWN), NULL}, no_table);
    expect_get(&cd, "/report/notice?month=abc", 200,
               (const char *const[]){"费款所属期格式不正确", NULL}, no_table);
    /* format=csv with a bad month: the page, not a file */
    ck_assert_int_eq(http_get(&cd, "/report/payments?month=2022/08&format=csv", &r), 200);
    ck_assert_int_eq(resp_header(&r, "Content-Type", ct, sizeof ct), 0);
    ck_assert_ptr_nonnull(strstr(ct, "text/html"));
    resp_free(&r);
    expect_get(&cd, "/report/payments?month=2022-08&format=xls", 400, NULL, NULL);
    expect_get(&cd, "/report/notice?month=2022-08&type=310", 400, NULL, NULL);
    expect_get(&cd, "/report/certificate?month=2022-08", 400, NULL, NULL);
    expect_get(&cd, "/report/payments?month=2022-08&unit_no=1", 400, NULL, NULL);
    /* the future, before the first enrolment, a month without contributions */
    expect_get(&cd, "/report/payments?month=2022-10", 200, empty, NULL);
    expect_get(&cd, "/report/notice?month=2099-01", 200, empty, NULL);
    expect_get(&cd, "/report/notice?month=2021-12", 200, empty, NULL);
    expect_get(&cd, "/report/payments?month=2022-07", 200, empty, NULL);
    expect_get(&cd, "/report/notice?month=2022-07&format=print", 200, empty, NULL);
    /* without a month: the latest month whose settlement has begun (2022-08 until
     * 2022-09-06 17:00) */
    set_today("2022-09-05");
    expect_get(&cd, "/report/notice", 200, (const char *const[]){"1,300,048.92", NULL}, NULL);
    set_today("2022-09-20");
    /* an empty month's CSV: the header only */
    get_csv(&cd, "/report/notice?month=2022-07&format=csv", &r);
    ck_assert(!has(&r, "小计"));
    resp_free(&r);
}
END_TEST

START_TEST(reports_only_ever_show_the_session_unit)
{
    char other[40], id[19], row[256];
    struct client c;

    set_today("2022-08-07");
    make_unit(other, sizeof other, "企业", "别家单位");
    make_id(id, 1979, 4, 5, 1);
    snprintf(row, sizeof row, "%s,别家员工,%s,在职,2022-08,7777,\n", id, other);
    ck_assert_int_eq(import_persons(row, NULL), 0);
    ck_assert_int_eq(admin("settle 2022-08"), 0);
    set_today("2022-09-20");
    client_init(&c);
    ck_assert(login(&c, other, PW));
    expect_get(&c, "/report/payments?month=2022-08", 200,
               (const char *const[]){"7,777.00", other, NULL},
               (const char *const[]){deck, "13,190,303.00", NULL});
    expect_get(&cd, "/report/payments?month=2022-08", 200, (const char *const[]){deck, NULL},
               (const char *const[]){other, "7,777.00", NULL});
    expect_get(&cd, "/report/notice?month=2022-08", 200, NULL,
               (const char *const[]){other, "别家单位", NULL});
    expect_get(&cd, "/report/certificate", 200, (const char *const[]){deck, NULL},
               (const char *const[]){other, "别家单位", NULL});
    client_free(&c);
}
END_TEST

/* ---- item 2: 单位参保证明 and /verify -------------------------------------------- */

static void certificate_code(struct client *c, char code[13])
{
    struct resp r;
    const char *p;

    ck_assert_int_eq(http_get(c, "/report/certificate", &r), 200);
    p = strstr(r.body.p, "核验码:<strong class=\"nowrap\">");
    ck_assert_ptr_nonnull(p);
    p += strlen("核验码:<strong class=\"nowrap\">");
    snprintf(code, 13, "%.12s", p);
    ck_assert_uint_eq(strspn(code, "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"), 12);
    resp_free(&r);
}

START_TEST(certificate_shows_unit_data_schemes_states_and_a_code_that_verifies)
{
    static const char *const in[] = {
        "单位参保证明", "单位编号", "统一社会信用代码", "法定代表人姓名", "顾法人",
        "320502196805121232", "联系电话", "开户银行", "户名", "账号", "地址", "一至六级残疾军人医疗保险",
        "已登记", "2022-05-06", "职工基本医疗保险", "参保缴费", "2022-01", "正常参保人数", "<dd>1480</dd>",
        "经办人:单位网厅", "制表日期:2022-09-20", NULL
    };
    char code[13], again[13], path[64], lower[13];
    struct client pub;
    struct resp r;

    ck_assert_int_eq(admin("unit-legal-rep --unit-no %s --name 顾法人 --id-no 320502196805121232", deck), 0);
    ck_assert_int_ne(admin("unit-legal-rep --unit-no %s --name 顾法人 --id-no 320502196805121233", deck), 0);
    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 360 --date 2022-05-06", deck), 0);
    ck_assert_int_ne(admin("unit-scheme --unit-no %s --type 310", deck), 0);
    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 370", deck), 0);
    ck_assert_int_eq(admin("unit-scheme --unit-no %s --type 370 --remove 1", deck), 0);
    expect_get(&cd, "/report/certificate", 200, in, (const char *const[]){"离休人员医疗保障", NULL});
    /* a special-group scheme is no 险种 one enrols in */
    expect_get(&cd, "/enroll", 200, NULL, (const char *const[]){"一至六级残疾军人医疗保险", NULL});
    certificate_code(&cd, code);
    certificate_code(&cd, again);
    ck_assert_str_eq(code, again);     /* a reload shows the same 核验码 */
    expect_get(&cd, "/report/certificate?format=print", 200,
               (const char *const[]){code, "print-sheet", "顾法人", NULL},
               (const char *const[]){"side-menu", "print-sheet landscape", NULL});
    get_csv(&cd, "/report/certificate?format=csv", &r);
    ck_assert(has(&r, code) && has(&r, "职工基本医疗保险,参保缴费,=\"2022-01\""));
    resp_free(&r);

    /* the public page: no login, the unit, 制表日期 and states, nothing else */
    sql("DELETE FROM login_failures WHERE unit_no = '#verify'");
    client_init(&pub);
    snprintf(path, sizeof path, "/verify?code=%s", code);
    expect_get(&pub, path, 200,
               (const char *const[]){msg_text(MSG_VERIFY_OK), "通知单测试医院", deck, "2022-09-20",
                                     "职工基本医疗保险", "参保缴费", "一至六级残疾军人医疗保险", NULL},
               (const char *const[]){"顾法人", "320502196805121232", "正常参保人数", "账号",
                                     "开户银行", "side-menu", "退出", NULL});
    for (int i = 0; i < 13; i++)
        lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
    snprintf(path, sizeof path, "/verify?code=%s", lower);
    expect_get(&pub, path, 200, (const char *const[]){msg_text(MSG_VERIFY_OK), NULL}, NULL);
    expect_get(&pub, "/verify", 200, (const char *const[]){msg_text(MSG_VERIFY_HINT), NULL},
               (const char *const[]){"msg fail", NULL});
    expect_get(&pub, "/verify?code=x&unit=1", 400, NULL, NULL);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM login_failures WHERE unit_no = '#verify'"), 0);
    client_free(&pub);
}
END_TEST

START_TEST(verify_refuses_unknown_malformed_and_expired_codes_alike_and_makes_them_wait)
{
    const char *bad[] = {"ABCDEFGHJKMN", "abc", "0000OOOO1111", "ABCDEFGHJKMN%20", NULL};
    char code[13], path[64];
    const char *unknown = msg_text(MSG_VERIFY_UNKNOWN);
    struct client pub;

    set_today("2022-09-20");
    certificate_code(&cd, code);
    client_init(&pub);
    for (int i = 0; bad[i]; i++) {
        sql("DELETE FROM login_failures WHERE unit_no = '#verify'");
        snprintf(path, sizeof path, "/verify?code=%s", bad[i]);
        expect_get(&pub, path, 200, (const char *const[]){unknown, NULL},
                   (const char *const[]){"通知单测试医院", NULL});
        ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM login_failures WHERE unit_no = '#verify'"), 1);
    }
    /* 180 days: the 179th day after 2022-09-20 verifies, the 180th does not */
    snprintf(path, sizeof path, "/verify?code=%s", code);
    sql("DELETE FROM login_failures WHERE unit_no = '#verify'");
    set_today("2023-03-18");
    expect_get(&pub, path, 200, (const char *const[]){msg_text(MSG_VERIFY_OK), NULL}, NULL);
    set_today("2023-03-19");
    expect_get(&pub, path, 200, (const char *const[]){unknown, NULL},
               (const char *const[]){"通知单测试医院", NULL});
    /* after failures from this address the next attempt waits, a good code too */
    set_today("2022-09-20");
    for (int i = 0; i < 8; i++)
        sql("INSERT INTO login_failures (unit_no, addr, at) VALUES ('#verify', '127.0.0.1',"
            " UNIX_TIMESTAMP())");
    expect_get(&pub, path, 200, (const char *const[]){"本机核验失败次数较多", NULL},
               (const char *const[]){"通知单测试医院", msg_text(MSG_VERIFY_OK), NULL});
    sql("DELETE FROM login_failures WHERE unit_no = '#verify'");
    expect_get(&pub, path, 200, (const char *const[]){msg_text(MSG_VERIFY_OK), NULL}, NULL);
    client_free(&pub);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report");
    TCase *t = tcase_create("report");

    tcase_set_timeout(t, 180);
    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_add_test(t, deck_notice_to_the_fen_on_the_page_print_and_csv);
    tcase_add_test(t, deck_payments_report_columns_rates_and_totals);
    tcase_add_test(t, bad_input_gets_field_messages_and_empty_months_the_empty_report);
    tcase_add_test(t, certificate_shows_unit_data_schemes_states_and_a_code_that_verifies);
    tcase_add_test(t, verify_refuses_unknown_malformed_and_expired_codes_alike_and_makes_them_wait);
    tcase_add_test(t, reports_only_ever_show_the_session_unit);
    tcase_add_test(t, wage_before_clamping_stored_when_charged_and_backpay_after_normal);
    suite_add_tcase(s, t);
    return it_run(s);
}
