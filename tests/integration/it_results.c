/*
 * Integration: results after a POST and what they show (issue 13 items 2, 5,
 * 8, 10 and 12's wording), over HTTP against the real stack:
 *   2  a successful /enroll or /stop answers 303 to /declarations/ID, which
 *      shows that declaration of this unit only (any other id: the same 404);
 *      reloading it submits nothing; 已审核数据查询's rows link to it
 *   5  a closed window: a notice with the next opening date, the submit
 *      disabled, no 处理失败 before anything was submitted
 *   8  one 经办人 for every declaration: the unit's contact name when set,
 *      else its 单位编号 (增员 on the page, 减员, a batch row)
 *   10 the wage as a clerk types it, on the form and in a batch row
 *   12 the 减员 result with each label next to its value; 已审核数据查询 does
 *      not point to itself; 姓名 does not wrap in tables
 * Needs the worker running in the stack (the batch row of item 8 and 10).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support/it.h"
#include "rules/rules.h"

static char unit_a[40], unit_b[40];
static struct client ca, cb;

static void setup(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "结果页测试甲公司");
    make_unit(unit_b, sizeof unit_b, "企业", "结果页测试乙公司");
    client_init(&ca);
    client_init(&cb);
    ck_assert(login(&ca, unit_a, PW));
    ck_assert(login(&cb, unit_b, PW));
    set_today("2022-08-11 10:00");   /* C = 2022-09, the window open */
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    set_today("");
}

/* POSTs the enrolment form (after a GET for its CSRF token); the status. */
static long enrol(struct client *c, const char *id, const char *wage, const char *month,
                  struct resp *r)
{
    struct resp g;
    char body[512], *ew = urlenc(wage);
    long st;

    ck_assert_int_eq(http_get(c, "/enroll", &g), 200);
    resp_free(&g);
    snprintf(body, sizeof body, "id_no=%s&name=%%E7%%BB%%93%%E6%%9E%%9C&phone=13800000000"
             "&wage=%s&start_month=%s", id, ew, month);
    free(ew);
    st = http_post(c, "/enroll", body, 1, r);
    return st;
}

static long stop(struct client *c, const char *id, const char *end, struct resp *r)
{
    struct resp g;
    char body[256];

    ck_assert_int_eq(http_get(c, "/stop", &g), 200);
    resp_free(&g);
    snprintf(body, sizeof body, "id_no=%s&end_date=%s&reason=%%E7%%A6%%BB%%E8%%81%%8C", id, end);
    return http_post(c, "/stop", body, 1, r);
}

/* The declaration id a 303 leads to (0 when it leads elsewhere). */
static long decl_of(const struct resp *r)
{
    char loc[128];
    long id = 0;
    if (r->status == 303 && resp_header(r, "Location", loc, sizeof loc) == 0)
        sscanf(loc, "/declarations/%ld", &id);
    return id;
}

static long decls(const char *id, const char *type)
{
    return sql_long("SELECT COUNT(*) FROM declarations WHERE id_no = '%s' AND type = '%s'",
                    id, type);
}

/* A person made and enrolled by unit A (wage and start month; NULL: 5000 from
 * 2022-09); the declaration's id. */
static long enrolled(char id[19], int y, int m, int d, int male, const char *wage,
                     const char *month)
{
    struct resp p;
    long decl;
    make_id(id, y, m, d, male);
    ck_assert_int_eq(enrol(&ca, id, wage ? wage : "5000", month ? month : "2022-09", &p), 303);
    decl = decl_of(&p);
    resp_free(&p);
    return decl;
}

/* Uploads a one-row batch file for start month `month` and waits for the
 * worker; returns the row's message ("" when it succeeded). */
static void batch_row(struct client *c, const char *row, const char *month, char *msg, size_t n)
{
    const char *fields[] = {"start_month", month, NULL};
    char data[256], loc[128];
    struct resp r;
    long job = 0;

    ck_assert_int_eq(http_get(c, "/enroll/batch", &r), 200);
    resp_free(&r);
    snprintf(data, sizeof data, "证件号码,姓名,月申报工资,联系电话\n%s\n", row);
    ck_assert_int_eq(http_post_file(c, "/enroll/batch", fields, "file", "b.csv", data,
                                    strlen(data), &r), 303);
    ck_assert(resp_header(&r, "Location", loc, sizeof loc) == 0 &&
              sscanf(loc, "/jobs/%ld", &job) == 1);
    resp_free(&r);
    for (int i = 0; i < 600 && sql_long("SELECT done FROM jobs WHERE id = %ld", job) != 1; i++)
        usleep(50000);
    ck_assert_int_eq(sql_long("SELECT done FROM jobs WHERE id = %ld", job), 1);
    sql_str(msg, n, "SELECT IF(status = 'ok', '', message) FROM job_rows WHERE job_id = %ld", job);
}

/* ---- item 2: the 303 and the declaration's page ---------------------------- */

/* F5 on the result of `post` (a 303) reloads its GET, twice: the same page
 * with `text` as msg ok, no 处理失败. */
static void reload_twice(const struct resp *post, const char *text)
{
    struct resp r;
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(http_follow(&ca, post, &r), 200);
        ck_assert(has(&r, "msg ok") && has(&r, text));
        ck_assert(!has(&r, "处理失败") && !has(&r, "msg fail"));
        resp_free(&r);
    }
}

START_TEST(reload_after_enrolment_does_not_submit_again)
{
    struct resp p;
    char id[19];
    make_id(id, 1990, 3, 3, 1);
    ck_assert_int_eq(enrol(&ca, id, "5000", "2022-06", &p), 303);
    ck_assert(decl_of(&p) > 0);
    reload_twice(&p, msg_text(MSG_ENROLL_OK_BACKPAID));
    resp_free(&p);
    ck_assert_int_eq(decls(id, "参保人员增员申报"), 1);
    ck_assert_int_eq(decls(id, "职工补缴核定"), 1);
}
END_TEST

START_TEST(reload_after_stop_does_not_submit_again)
{
    struct resp p;
    char id[19];
    enrolled(id, 1990, 3, 4, 0, NULL, NULL);
    ck_assert_int_eq(stop(&ca, id, "2022-09-30", &p), 303);
    /* item 12: each label next to its value */
    reload_twice(&p, "减员成功(减员时间:2022-09-30,减员原因:离职)");
    resp_free(&p);
    ck_assert_int_eq(decls(id, "参保人员减员申报"), 1);
}
END_TEST

START_TEST(declaration_page_shows_the_person_result_and_data)
{
    struct resp p, r;
    char id[19], text[256], path[64];
    snprintf(path, sizeof path, "/declarations/%ld",
             enrolled(id, 1991, 4, 5, 0, "3000", "2022-07"));
    ck_assert_int_eq(http_get(&ca, path, &r), 200);
    ck_assert(has(&r, "<h1 class=\"page-title\">参保人员增员申报</h1>"));
    ck_assert(has(&r, id) && has(&r, "结果") && has(&r, "<dd>女</dd>") && has(&r, "1991-04-05"));
    ck_assert(has(&r, "<dd>2022-09</dd>"));                       /* 申报期 */
    ck_assert(has(&r, "<dd>2022-08-11 10:00"));                   /* 经办时间 */
    ck_assert(has(&r, "<dt>经办人</dt>"));
    ck_assert(has(&r, "2022-07 至 2022-08,2个月"));               /* 补缴月份 */
    ck_assert(has(&r, "<dt>月申报工资</dt><dd>3000.00 元</dd>"));
    msg_format(text, sizeof text, MSG_WAGE_CLAMPED_LOWER, "4250.00");
    ck_assert(has(&r, text));                                     /* the clamp */
    ck_assert(has(&r, "310 职工基本医疗保险"));
    ck_assert(has(&r, "255.00 元"));                              /* month C, 310 unit */
    ck_assert(has(&r, ">职工补缴核定</a>"));
    ck_assert(has(&r, "href=\"/enroll\">继续办理"));
    ck_assert(has(&r, "href=\"/declarations/approved\""));
    resp_free(&r);

    /* a 减员: before and after as labelled rows */
    ck_assert_int_eq(stop(&ca, id, "2022-08-31", &p), 303);
    ck_assert_int_eq(http_follow(&ca, &p, &r), 200);
    resp_free(&p);
    ck_assert(has(&r, "变更前") && has(&r, "变更后"));
    ck_assert(has(&r, "<td class=\"nowrap\">参保缴费</td>"));    /* before: each type's state */
    ck_assert(has(&r, "<dt>参保状态</dt><dd>暂停缴费</dd>"));
    ck_assert(has(&r, "<dt>减员原因</dt><dd>离职</dd>"));
    ck_assert(has(&r, "href=\"/stop\">继续办理"));
    resp_free(&r);
}
END_TEST

START_TEST(declaration_of_another_unit_or_none_is_the_same_404)
{
    struct resp r, other;
    char id[19], path[64], body404[16384];   /* the whole page (the menu grows) */
    snprintf(path, sizeof path, "/declarations/%ld", enrolled(id, 1990, 3, 6, 1, NULL, NULL));
    ck_assert_int_eq(http_get(&cb, path, &r), 404);               /* unit A's, asked by B */
    ck_assert(has(&r, msg_text(MSG_DECL_NOT_FOUND)));
    ck_assert(!has(&r, id));
    snprintf(body404, sizeof body404, "%s", r.body.p);
    resp_free(&r);
    /* the same client (the page carries its session's CSRF token) */
    ck_assert_int_eq(http_get(&cb, "/declarations/999999999", &other), 404);
    ck_assert_msg(same_page(&other, body404), "not the same 404 page");                      /* none: the same page */
    resp_free(&other);
    ck_assert_int_eq(http_get(&cb, "/declarations/12abc", &other), 404);
    ck_assert_msg(same_page(&other, body404), "not the same 404 page");
    resp_free(&other);
    ck_assert_int_eq(http_get(&ca, "/declarations/0", &other), 404);
    resp_free(&other);
    ck_assert_int_eq(http_get(&ca, path, &r), 200);               /* its own unit sees it */
    resp_free(&r);
}
END_TEST

START_TEST(approved_rows_link_to_their_declaration)
{
    struct resp r;
    char id[19], link[80];
    snprintf(link, sizeof link, "<a href=\"/declarations/%ld\">参保人员增员申报</a>",
             enrolled(id, 1990, 3, 7, 0, NULL, "2022-06"));
    ck_assert_int_eq(http_get(&ca, "/declarations/approved?type=%E5%8F%82%E4%BF%9D%E4%BA%BA"
                                   "%E5%91%98%E5%A2%9E%E5%91%98%E7%94%B3%E6%8A%A5", &r), 200);
    ck_assert_msg(has(&r, link), "no %s", link);
    /* item 12: the page does not point to itself; names do not wrap */
    ck_assert(has(&r, "参保成功,补缴成功。</td>"));
    ck_assert(!has(&r, msg_text(MSG_QUERY_HINT)));
    ck_assert(has(&r, "<td class=\"nowrap\">结果</td>"));
    resp_free(&r);
}
END_TEST

/* A refused POST is 200 with the form as typed and the message; no 303. */
START_TEST(refused_post_answers_the_form_with_its_message)
{
    struct resp p;
    char id[19];
    enrolled(id, 1990, 3, 8, 1, NULL, NULL);
    ck_assert_int_eq(enrol(&ca, id, "5000", "2022-09", &p), 200);
    ck_assert(has(&p, "msg fail") && has(&p, msg_text(MSG_ENROLL_INSURED_HERE)));
    ck_assert(has(&p, id));                                       /* what was typed */
    resp_free(&p);
    ck_assert_int_eq(decls(id, "参保人员增员申报"), 1);
}
END_TEST

/* ---- item 5: the closed window ----------------------------------------------- */

START_TEST(closed_window_shows_the_next_opening_and_disables_submit)
{
    static const char *const forms[] = {"/enroll", "/stop", "/enroll/batch"};
    struct resp r;
    char text[MSG_TEXT_MAX], closed[MSG_TEXT_MAX], id[19];
    set_today("2022-09-07 10:00");
    msg_format(text, sizeof text, MSG_WINDOW_NEXT, "2022-09-11 00:00");
    msg_window_closed(NULL, closed, sizeof closed);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        ck_assert_int_eq(http_get(&ca, forms[i], &r), 200);
        ck_assert_msg(has(&r, text), "%s: no next opening date", forms[i]);
        ck_assert_msg(!has(&r, closed) && !has(&r, "msg fail"), "%s: 处理失败 before a submit",
                      forms[i]);
        ck_assert_msg(has(&r, "btn-primary\" disabled>"), "%s: submit enabled", forms[i]);
        resp_free(&r);
    }
    /* the POST is still refused server-side */
    make_id(id, 1990, 3, 9, 0);
    ck_assert_int_eq(enrol(&ca, id, "5000", "2022-09", &r), 200);
    ck_assert(has(&r, "msg fail") && has(&r, closed));
    resp_free(&r);
    set_today("2022-08-11 10:00");
    ck_assert_int_eq(http_get(&ca, "/enroll", &r), 200);
    ck_assert(!has(&r, "disabled>提交申报"));
    resp_free(&r);
}
END_TEST

/* ---- item 8: one 经办人 -------------------------------------------------------- */

/* 增员 on the page, 减员 and a batch row of unit A: their 经办人. */
static void three_operators(char (*got)[128])
{
    struct resp p;
    char id[19], row[128], msg[256];
    sql_str(got[0], 128, "SELECT operator FROM declarations WHERE id = %ld",
            enrolled(id, 1990, 4, 1, 1, NULL, NULL));
    ck_assert_int_eq(stop(&ca, id, "2022-09-30", &p), 303);
    sql_str(got[1], 128, "SELECT operator FROM declarations WHERE id = %ld", decl_of(&p));
    resp_free(&p);
    make_id(id, 1990, 4, 2, 0);
    snprintf(row, sizeof row, "%s,结果,5000,13800000000", id);
    batch_row(&ca, row, "2022-09", msg, sizeof msg);
    ck_assert_msg(msg[0] == '\0', "batch row failed: %s", msg);
    sql_str(got[2], 128, "SELECT operator FROM declarations WHERE id_no = '%s'"
            " AND type = '参保人员增员申报'", id);
}

START_TEST(operator_is_the_same_for_enrolment_stop_and_batch_row)
{
    char got[3][128];
    /* issue 18 supersedes the single rule: the 经办人 is the acting account's
     * 姓名 — here the unit's 管理员, named after the 单位编号 by unit-add —
     * for all three, whatever the unit's contact name says */
    sql("UPDATE units SET contact_name = '李经办' WHERE unit_no = '%s'", unit_a);
    three_operators(got);
    for (int i = 0; i < 3; i++)
        ck_assert_msg(strcmp(got[i], unit_a) == 0, "declaration %d: 经办人 %s", i, got[i]);
    /* the 姓名 at the time: a renamed 管理员 signs the next ones */
    sql("UPDATE accounts a JOIN units u ON u.id = a.unit_id SET a.name = '周管理'"
        " WHERE u.unit_no = '%s' AND a.login = ''", unit_a);
    three_operators(got);
    for (int i = 0; i < 3; i++)
        ck_assert_msg(strcmp(got[i], "周管理") == 0, "declaration %d: 经办人 %s", i, got[i]);
    sql("UPDATE accounts a JOIN units u ON u.id = a.unit_id SET a.name = u.unit_no"
        " WHERE u.unit_no = '%s' AND a.login = ''", unit_a);
    sql("UPDATE units SET contact_name = '' WHERE unit_no = '%s'", unit_a);
}
END_TEST

/* ---- item 10: the wage as typed ------------------------------------------------ */

static const struct { const char *typed; long long fen; } wage_ok[] = {
    {"6,000", 600000}, {"６０００", 600000}, {"6000元", 600000}, {"  6000  ", 600000},
    {"６，０００．５０元", 600050}, {"1,234.5", 123450},
};

START_TEST(wage_forms_a_clerk_types_are_accepted)
{
    struct resp p;
    char id[19];
    make_id(id, 1985, 5, 1 + _i, _i % 2);
    ck_assert_msg(enrol(&ca, id, wage_ok[_i].typed, "2022-09", &p) == 303, "\"%s\" refused",
                  wage_ok[_i].typed);
    resp_free(&p);
    ck_assert_int_eq(sql_long("SELECT wage_fen FROM wages w JOIN persons p ON p.id = w.person_id"
                              " WHERE p.id_no = '%s'", id), wage_ok[_i].fen);
}
END_TEST

static const struct { const char *typed; enum msg_id msg; } wage_bad[] = {
    {"-6000", MSG_WAGE_NEGATIVE}, {"6000.123", MSG_WAGE_DECIMALS}, {"六千", MSG_WAGE_INVALID},
    {"60,00", MSG_WAGE_INVALID}, {"100,000,000", MSG_WAGE_TOO_LARGE}, {"", MSG_FIELD_REQUIRED},
};

START_TEST(wage_refusals_say_what_a_valid_amount_looks_like)
{
    struct resp p;
    char id[19], text[MSG_TEXT_MAX];
    make_id(id, 1985, 6, 1 + _i, _i % 2);
    ck_assert_int_eq(enrol(&ca, id, wage_bad[_i].typed, "2022-09", &p), 200);
    msg_format(text, sizeof text, wage_bad[_i].msg, "月申报工资");
    ck_assert_msg(has(&p, text), "\"%s\": want %s", wage_bad[_i].typed, msg_name(wage_bad[_i].msg));
    ck_assert(has(&p, "field-error"));
    resp_free(&p);
    ck_assert_int_eq(decls(id, "参保人员增员申报"), 0);
}
END_TEST

/* The batch rows take the wage the form takes (enrol_fields_check). */
START_TEST(batch_row_wage_takes_the_same_forms)
{
    char id[19], row[160], msg[256];
    make_id(id, 1985, 7, 1, 1);
    snprintf(row, sizeof row, "%s,结果,\"６，０００元\",13800000000", id);
    batch_row(&ca, row, "2022-09", msg, sizeof msg);
    ck_assert_msg(msg[0] == '\0', "batch row failed: %s", msg);
    ck_assert_int_eq(sql_long("SELECT wage_fen FROM wages w JOIN persons p ON p.id = w.person_id"
                              " WHERE p.id_no = '%s'", id), 600000);
    make_id(id, 1985, 7, 2, 0);
    snprintf(row, sizeof row, "%s,结果,6000.123,13800000000", id);
    batch_row(&ca, row, "2022-09", msg, sizeof msg);
    ck_assert_str_eq(msg, msg_text(MSG_WAGE_DECIMALS));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("results");
    TCase *t = tcase_create("results");
    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 180);
    tcase_add_test(t, reload_after_enrolment_does_not_submit_again);
    tcase_add_test(t, reload_after_stop_does_not_submit_again);
    tcase_add_test(t, declaration_page_shows_the_person_result_and_data);
    tcase_add_test(t, declaration_of_another_unit_or_none_is_the_same_404);
    tcase_add_test(t, approved_rows_link_to_their_declaration);
    tcase_add_test(t, refused_post_answers_the_form_with_its_message);
    tcase_add_test(t, closed_window_shows_the_next_opening_and_disables_submit);
    tcase_add_test(t, operator_is_the_same_for_enrolment_stop_and_batch_row);
    tcase_add_loop_test(t, wage_forms_a_clerk_types_are_accepted, 0, (int)(sizeof wage_ok / sizeof wage_ok[0]));
    tcase_add_loop_test(t, wage_refusals_say_what_a_valid_amount_looks_like, 0,
                        (int)(sizeof wage_bad / sizeof wage_bad[0]));
    tcase_add_test(t, batch_row_wage_takes_the_same_forms);
    suite_add_tcase(s, t);
    return it_run(s);
}
