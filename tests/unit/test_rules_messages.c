/*
 * Unit tests of the message table: every id has a text, the spec's texts
 * are exact, formats declare their conversions, policy numbers are filled in.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(rule_messages_every_id_has_text)
{
    enum msg_id id = (enum msg_id)_i;
    const char *t = msg_text(id), *args = msg_args(id);

    ck_assert_ptr_nonnull(t);
    ck_assert_msg(t[0] != '\0', "%s has no text", msg_name(id));
    ck_assert_ptr_nonnull(args);
    ck_assert_str_ne(msg_name(id), "MSG_?");
    ck_assert_msg(strchr(t, '\n') == NULL && strstr(t, "【") == NULL && strstr(t, "】") == NULL,
                  "%s", msg_name(id));
    /* a plain text has no '%'; a format has exactly the declared conversions */
    if (args[0] == '\0') {
        ck_assert_msg(strchr(t, '%') == NULL, "%s: '%%' in a plain text", msg_name(id));
    } else if (strcmp(args, "ss") == 0) {
        const char *p = strstr(t, "%s"), *q = p ? strstr(p + 2, "%s") : NULL;

        ck_assert_msg(p && q, "%s: not two %%s", msg_name(id));
        ck_assert_msg(strchr(p + 1, '%') == q && strchr(q + 1, '%') == NULL,
                      "%s: more than two conversions", msg_name(id));
    } else {
        char want[8];
        const char *p = strchr(t, '%');

        snprintf(want, sizeof want, "%%%s", args);
        ck_assert_msg(p && strncmp(p, want, strlen(want)) == 0, "%s: not %s", msg_name(id), want);
        ck_assert_msg(strchr(p + 1, '%') == NULL, "%s: more than one conversion", msg_name(id));
    }
}
END_TEST

START_TEST(rule_messages_names_unique_texts_distinct_ids)
{
    for (int a = 0; a < MSG__MAX; a++)
        for (int b = a + 1; b < MSG__MAX; b++)
            ck_assert_str_ne(msg_name((enum msg_id)a), msg_name((enum msg_id)b));
    ck_assert_str_eq(msg_name(MSG_OK), "MSG_OK");
    ck_assert_int_eq(MSG_OK, 0);
    /* out of range ids never crash */
    ck_assert_str_eq(msg_text(MSG__MAX), msg_text(MSG_INTERNAL));
    ck_assert_str_eq(msg_text((enum msg_id)-1), msg_text(MSG_INTERNAL));
    ck_assert_str_eq(msg_name(MSG__MAX), "MSG_?");
}
END_TEST

static const struct { enum msg_id id; const char *text; } exact[] = {
    /* spec §5 */
    {MSG_WINDOW_CLOSED, "处理失败!当前不在申报期内(每月11日至次月6日17:00),请在申报期内办理!"},
    {MSG_ID_INVALID, "处理失败!证件号码校验不通过!"},
    {MSG_ENROLL_NEXT_MONTH, "处理失败!当月结算期之前,参保日期不可选择为下个月!"},
    {MSG_ENROLL_LATER, "处理失败!参保时间不可晚于当前申报期所属月份!"},
    {MSG_ENROLL_TOO_EARLY, "处理失败!补缴时间最长不超过当前时间的6个月!"},
    {MSG_DUPLICATE_BASE, "该人员存在多条基础信息,请到柜台做人员合并"},
    {MSG_ENROLL_AGE_WOMEN, "处理失败!女性50周岁不允许网办参保,请去统筹区医保局办理"},
    {MSG_ENROLL_AGE_MEN, "处理失败!男性60周岁不允许网办参保,请去统筹区医保局办理"},
    {MSG_ENROLL_FLEXIBLE, "处理失败!该人员存在灵活就业参保。请先办理停保!"},
    {MSG_ENROLL_TRANSFERRED, "处理失败!该人员曾经做过转移,且在新单位下正常参保!"},
    {MSG_ENROLL_INSURED_HERE, "处理失败!该人员在本单位下存在正常参保的险种,不允许新增!"},
    {MSG_ENROLL_INSURED_ELSEWHERE, "处理失败!该人员在其他单位下存在正常参保的险种,不允许新增!"},
    {MSG_ENROLL_OK_BACKPAID, "参保成功,补缴成功。后续请到“已审核数据查询”中查询信息"},
    {MSG_ENROLL_OK_NO_BACKPAY, "参保成功,但补缴失败,没有查询到可以补收的时间段!"},
    /* spec §6 */
    {MSG_STOP_END_DATE, "减员时间范围是:上月末或本月末!"},
    {MSG_STOP_NO_BASE, "未获取到人员基础信息,无法办理!"},
    {MSG_STOP_RETIREE, "处理失败!退休人员不允许停保。"},
    {MSG_STOP_NOT_INSURED, "职工未在本单位下正常参保,无法办理!"},
    /* spec §7 (issue 10) */
    {MSG_WAGES_WINDOW_CLOSED, "当前不在工资年度申报期内,请在申报期内办理!"},
    {MSG_NO_CHANGE, "未修改任何信息"},
    {MSG_INFO_CONFLICT, "信息已被他人修改,请刷新后重试"},
    {MSG_PERSON_NOT_OF_UNIT, "未查询到本单位该人员的参保信息"},
    {MSG_NAME_MISMATCH, "姓名与登记信息不一致!"},
    /* runtime */
    {MSG_LOGIN_FAILED, "单位编号或密码不正确,请重新输入。"},
    {MSG_LOGIN_LOCKED_UNIT, "该单位登录失败次数过多,已暂时锁定,请于%s后再试。"},
    {MSG_LOGIN_REQUIRED, "请先登录。"},
    {MSG_SESSION_EXPIRED, "登录已超时,请重新登录。"},
    {MSG_LOGGED_OUT, "您已安全退出。"},
    {MSG_CSRF, "页面已失效,请返回刷新页面后重新提交。"},
    {MSG_BAD_REQUEST, "请求参数有误,请从菜单重新进入该页面后再试。"},
    {MSG_NOT_FOUND, "您访问的页面不存在。"},
    {MSG_METHOD, "不支持该请求方式。"},
    {MSG_FORBIDDEN, "您无权访问该页面。"},
    {MSG_INTERNAL, "系统繁忙,请稍后再试。如多次出现,请联系医保经办机构。"},
    {MSG_DB_DOWN, "数据库暂时无法连接,请稍后再试。"},
    {MSG_TOO_LARGE, "上传的文件过大,请拆分后再上传。"},
    {MSG_NOT_OPEN, "该功能尚未开放,敬请期待。"},
    {MSG_FIELD_REQUIRED, "请填写%s。"},
    {MSG_FIELD_INVALID, "%s格式不正确。"},
    {MSG_ID_EXCEL_MANGLED, "第%zu行证件号码已被Excel转换为数字(如3.20501E+17),末尾数字已丢失。请将证件号码列设置为“文本”格式后重新填写并上传。"},
    {MSG_TITLE_400, "请求有误"},
    {MSG_TITLE_403, "无权访问"},
    {MSG_TITLE_404, "页面不存在"},
    {MSG_TITLE_405, "请求方式有误"},
    {MSG_TITLE_413, "文件过大"},
    {MSG_TITLE_500, "系统繁忙"},
    {MSG_TITLE_503, "服务暂不可用"},
    /* issue 17 (WCAG 3.3.1): the page message of a form refused field by field */
    {MSG_FIELDS_FAILED, "处理失败!请按标出的提示修改后重新提交。"},
};

START_TEST(rule_messages_exact_texts)
{
    ck_assert_str_eq(msg_text(exact[_i].id), exact[_i].text);
}
END_TEST

START_TEST(rule_messages_format_args)
{
    char buf[MSG_TEXT_MAX];

    ck_assert_str_eq(msg_args(MSG_ID_EXCEL_MANGLED), "zu");
    ck_assert_int_eq(msg_format(buf, sizeof buf, MSG_ID_EXCEL_MANGLED, (size_t)12), 0);
    ck_assert_ptr_nonnull(strstr(buf, "第12行证件号码"));
    ck_assert_str_eq(msg_args(MSG_FIELD_REQUIRED), "s");
    ck_assert_int_eq(msg_format(buf, sizeof buf, MSG_FIELD_REQUIRED, "月申报工资"), 0);
    ck_assert_str_eq(buf, "请填写月申报工资。");
    ck_assert_int_eq(msg_format(buf, sizeof buf, MSG_LOGIN_LOCKED_UNIT, "10:35"), 0);
    ck_assert_str_eq(buf, "该单位登录失败次数过多,已暂时锁定,请于10:35后再试。");
    ck_assert_int_eq(msg_format(buf, sizeof buf, MSG_CSV_TOO_MANY_ROWS, 20000), 0);
    ck_assert_str_eq(buf, "文件超过20000行,请拆分后分批上传。");
    /* issue 13 item 12: each label next to its value */
    ck_assert_str_eq(msg_args(MSG_STOP_RESULT), "ss");
    ck_assert_int_eq(msg_format(buf, sizeof buf, MSG_STOP_RESULT, "2026-11-30", "离职"), 0);
    ck_assert_str_eq(buf, "减员成功(减员时间:2026-11-30,减员原因:离职)");
    ck_assert_int_eq(msg_format(buf, sizeof buf, MSG_LOGGED_OUT), 0);
    ck_assert_str_eq(buf, "您已安全退出。");
    ck_assert_int_eq(msg_format(buf, 4, MSG_FIELD_REQUIRED, "月申报工资"), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(msg_format(NULL, 4, MSG_LOGGED_OUT), -1);
    ck_assert_str_eq(msg_args(MSG_OK), "");
}
END_TEST

/* Rendering with the default policy gives exactly the table's text. */
START_TEST(rule_messages_policy_default_matches_table)
{
    char buf[MSG_TEXT_MAX];
    struct policy p;

    policy_default(&p);
    for (int id = 0; id < MSG__MAX; id++) {
        ck_assert_int_eq(msg_policy_text((enum msg_id)id, &p, buf, sizeof buf), 0);
        ck_assert_str_eq(buf, msg_text((enum msg_id)id));
        ck_assert_int_eq(msg_policy_text((enum msg_id)id, NULL, buf, sizeof buf), 0);
        ck_assert_str_eq(buf, msg_text((enum msg_id)id));
    }
    ck_assert_int_eq(msg_window_closed(&p, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "处理失败!当前不在申报期内(每月11日至次月6日17:00),请在申报期内办理!");
}
END_TEST

START_TEST(rule_messages_policy_numbers)
{
    char buf[MSG_TEXT_MAX];
    struct policy p;

    policy_default(&p);
    p.open_day = 15;
    p.close_day = 8;
    p.close_hour = 9;
    p.backpay_max = 12;
    p.max_age_women = 55;
    p.max_age_men = 65;
    ck_assert_int_eq(msg_window_closed(&p, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "处理失败!当前不在申报期内(每月15日至次月8日09:00),请在申报期内办理!");
    msg_policy_text(MSG_ENROLL_TOO_EARLY, &p, buf, sizeof buf);
    ck_assert_str_eq(buf, "处理失败!补缴时间最长不超过当前时间的12个月!");
    msg_policy_text(MSG_ENROLL_AGE_WOMEN, &p, buf, sizeof buf);
    ck_assert_str_eq(buf, "处理失败!女性55周岁不允许网办参保,请去统筹区医保局办理");
    msg_policy_text(MSG_ENROLL_AGE_MEN, &p, buf, sizeof buf);
    ck_assert_str_eq(buf, "处理失败!男性65周岁不允许网办参保,请去统筹区医保局办理");
    msg_policy_text(MSG_ID_INVALID, &p, buf, sizeof buf);
    ck_assert_str_eq(buf, "处理失败!证件号码校验不通过!");
}
END_TEST

START_TEST(rule_messages_small_buffer)
{
    char buf[16];

    ck_assert_int_eq(msg_window_closed(NULL, buf, sizeof buf), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(msg_policy_text(MSG_ID_INVALID, NULL, buf, sizeof buf), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(msg_policy_text(MSG_TITLE_404, NULL, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "页面不存在");
    ck_assert_int_eq(msg_policy_text(MSG_OK, NULL, NULL, 10), -1);
    ck_assert_int_eq(msg_policy_text(MSG_OK, NULL, buf, 0), -1);
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
    Suite *s = suite_create("rules_messages");
    SRunner *sr;
    int failed;

    loop(s, "rule_messages_every_id_has_text", rule_messages_every_id_has_text, MSG__MAX);
    loop(s, "rule_messages_names_unique_texts_distinct_ids", rule_messages_names_unique_texts_distinct_ids, 1);
    loop(s, "rule_messages_exact_texts", rule_messages_exact_texts, N_(exact));
    loop(s, "rule_messages_format_args", rule_messages_format_args, 1);
    loop(s, "rule_messages_policy_default_matches_table", rule_messages_policy_default_matches_table, 1);
    loop(s, "rule_messages_policy_numbers", rule_messages_policy_numbers, 1);
    loop(s, "rule_messages_small_buffer", rule_messages_small_buffer, 1);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
