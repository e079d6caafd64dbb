/*
 * Integration: 批量缴费申报(工资年度申报) (spec §7, issue 10 item 1) over HTTP:
 * the form inside and outside the annual window, the template, file
 * refusals (no job), every row rule of §7 in order with its message, a
 * second declaration replacing the first, a GBK file, 未申报人员 on the job page and as
 * CSV, failed.csv with the template's columns, the declarations in
 * 已审核数据查询 as 字段: 旧值 → 新值, and the settlement of 2027-01 charging
 * the declared wage, and a file uploaded at 16:59 on the last day processed
 * after the close with the worker killed mid-job (every row once). Needs the
 * worker running in the stack.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support/batch.h"
#include "rules/rules.h"

static char unit_a[40], unit_b[40];
static char p_ok[19], p_low[19], p_absent[19], p_other[19], p_twice[19], p_bidi[19], p_zero[19];

static void setup(void)
{
    char rows[2048];

    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "工资申报甲公司");
    make_unit(unit_b, sizeof unit_b, "企业", "工资申报乙公司");
    batch_gen_id(p_ok, "3207");
    batch_gen_id(p_low, "3207");
    batch_gen_id(p_absent, "3207");
    batch_gen_id(p_other, "3207");
    batch_gen_id(p_twice, "3207");
    batch_gen_id(p_bidi, "3207");
    batch_gen_id(p_zero, "3207");
    snprintf(rows, sizeof rows,
             "%s,王六,%s,在职,2025-01,5000.00,13900000006\n"
             "%s,王七,%s,在职,2025-01,5000.00,13900000007\n", p_bidi, unit_a, p_zero, unit_a);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    snprintf(rows, sizeof rows,
             "%s,王一,%s,在职,2025-01,5000.00,13900000001\n"
             "%s,王二,%s,在职,2025-01,5000.00,13900000002\n"
             "%s,王三,%s,在职,2025-01,5000.00,13900000003\n"
             "%s,王四,%s,在职,2025-01,5000.00,13900000004\n"
             "%s,王五,%s,在职,2025-01,5000.00,13900000005\n",
             p_ok, unit_a, p_low, unit_a, p_absent, unit_a, p_other, unit_b, p_twice, unit_a);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    set_today("2026-12-10 10:00");   /* the window of 2027: 2026-12-01 00:00 to 12-25 17:00 */
}

static void client(struct client *c, const char *unit)
{
    struct resp r;
    client_init(c);
    ck_assert(login(c, unit, PW));
    ck_assert_int_eq(http_get(c, "/wages", &r), 200);
    resp_free(&r);
}

static long upload(struct client *c, const char *year, const char *data, long *job, struct resp *r)
{
    const char *fields[] = {"year", year, NULL};
    long st = http_post_file(c, "/wages", fields, "file", "wages.csv", data, strlen(data), r);
    char loc[128];
    *job = 0;
    if (st == 303 && resp_header(r, "Location", loc, sizeof loc) == 0)
        *job = atol(loc + strlen("/jobs/"));
    return st;
}

static void assert_row(long job, int line, const char *status, const char *msg)
{
    ck_assert_msg(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND line_no = %d"
                           " AND status = '%s' AND message LIKE '%s%%'", job, line, status, msg) == 1,
                  "job %ld line %d: want %s '%s'", job, line, status, msg);
}

static long wage_of(const char *id_no, const char *unit, const char *from)
{
    return sql_long("SELECT COALESCE(MAX(w.wage_fen), -1) FROM wages w JOIN persons p ON p.id = w.person_id"
                    " JOIN units u ON u.id = w.unit_id WHERE p.id_no = '%s' AND u.unit_no = '%s'"
                    " AND w.from_month = '%s'", id_no, unit, from);
}

START_TEST(form_in_window_shows_year_window_limits_and_template)
{
    struct client c;
    struct resp r;
    char h[256];
    client(&c, unit_a);
    ck_assert_int_eq(http_get(&c, "/wages", &r), 200);
    ck_assert(has(&r, "2027年度工资申报"));
    ck_assert(has(&r, "2026-12-01 00:00 至 2026-12-25 17:00"));
    ck_assert(has(&r, "4494.00 元 至 24042.00 元(暂定)"));
    ck_assert(has(&r, "name=\"year\" value=\"2027\""));
    ck_assert(has(&r, "/wages/template.csv"));
    ck_assert(!has(&r, msg_text(MSG_WAGES_WINDOW_CLOSED)));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/wages/template.csv", &r), 200);
    ck_assert_int_eq(resp_header(&r, "Content-Type", h, sizeof h), 0);
    ck_assert_ptr_nonnull(strstr(h, "text/csv"));
    ck_assert_int_eq((int)r.body.len, 3 + (int)strlen("证件号码,姓名,月申报工资\r\n"));
    ck_assert(memcmp(r.body.p + 3, "证件号码,姓名,月申报工资", strlen("证件号码,姓名,月申报工资")) == 0);
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(outside_the_window_the_form_is_disabled_and_a_post_refused)
{
    static const char *const edges[] = {"2026-11-30 23:59", "2026-12-25 17:00"};
    struct client c;
    struct resp r;
    long job, before;
    client(&c, unit_a);
    for (int i = 0; i < 2; i++) {
        set_today(edges[i]);
        ck_assert_int_eq(http_get(&c, "/wages", &r), 200);
        ck_assert(has(&r, msg_text(MSG_WAGES_WINDOW_CLOSED)));
        ck_assert(has(&r, "<fieldset disabled>"));
        ck_assert(has(&r, i == 0 ? "下一个工资年度申报期:2026-12-01 00:00至2026-12-25 17:00"
                                 : "下一个工资年度申报期:2027-12-01 00:00至2027-12-25 17:00"));
        resp_free(&r);
    }
    before = batch_jobs_of(unit_a);
    ck_assert_int_eq(upload(&c, "2028", "证件号码,姓名,月申报工资\n", &job, &r), 200);
    ck_assert(has(&r, "msg fail"));
    ck_assert(has(&r, msg_text(MSG_WAGES_WINDOW_CLOSED)));
    resp_free(&r);
    ck_assert_int_eq(batch_jobs_of(unit_a), before);
    set_today("2026-12-10 10:00");
    client_free(&c);
}
END_TEST

START_TEST(file_problems_are_refused_without_a_job)
{
    struct client c;
    struct resp r;
    long job, before;
    char data[256];
    client(&c, unit_a);
    before = batch_jobs_of(unit_a);
    ck_assert_int_eq(upload(&c, "2027", "证件号码,姓名,月申报工资,联系电话\n", &job, &r), 200);
    ck_assert(has(&r, "文件第一行表头不正确,应为:证件号码,姓名,月申报工资"));
    resp_free(&r);
    ck_assert_int_eq(upload(&c, "2027", "证件号码,姓名,月申报工资\n3.20501E+17,王一,5000\n", &job, &r), 200);
    ck_assert(has(&r, "已被Excel转换为数字"));
    resp_free(&r);
    ck_assert_int_eq(upload(&c, "2027", "证件号码,姓名,月申报工资\n", &job, &r), 200);
    ck_assert(has(&r, msg_text(MSG_CSV_EMPTY)));
    resp_free(&r);
    snprintf(data, sizeof data, "证件号码,姓名,月申报工资\n%s,王一,5000\n", p_ok);
    ck_assert_int_eq(upload(&c, "2026", data, &job, &r), 200);
    ck_assert(has(&r, msg_text(MSG_INFO_YEAR)));
    resp_free(&r);
    ck_assert_int_eq(batch_jobs_of(unit_a), before);
    client_free(&c);
}
END_TEST

START_TEST(rows_follow_the_rules_in_order_and_the_declared_wage_is_stored)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char bad[19], unknown[19], path[96];
    long job = 0;

    memcpy(bad, p_ok, sizeof bad);
    bad[17] = bad[17] == '0' ? '1' : '0';
    batch_gen_id(unknown, "3207");
    client(&c, unit_a);
    buf_puts(&f, "\xEF\xBB\xBF证件号码,姓名,月申报工资\r\n");
    buf_printf(&f, "%s,王一,8000\r\n", p_ok);                  /* 2 ok */
    buf_printf(&f, "%s,王二,1000.00\r\n", p_low);              /* 3 ok, clamped to the lower limit */
    buf_printf(&f, "%s,王一,8000\r\n", bad);                   /* 4 checksum */
    buf_printf(&f, "%s,王四,8000\r\n", p_other);               /* 5 another unit's employee */
    buf_printf(&f, "%s,张三,8000\r\n", unknown);               /* 6 no base record */
    buf_printf(&f, "%s,王五五,8000\r\n", p_twice);             /* 7 name mismatch */
    buf_printf(&f, "%s,王五,0\r\n", p_twice);                  /* 8 duplicate in the file */
    buf_printf(&f, "%s,<b>王\xE2\x80\xAE一</b>,8000\r\n", p_ok); /* 9 duplicate (first) */
    buf_printf(&f, "%s,王六\xE2\x80\xAE,8000\r\n", p_bidi);    /* 10 a bidi override in 姓名 */
    buf_printf(&f, "%s,王七,0\r\n", p_zero);                  /* 11 not a positive wage */
    ck_assert_int_eq(upload(&c, "2027", f.p, &job, &r), 303);
    resp_free(&r);
    ck_assert(job > 0);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", "申报成功:2027年度月申报工资8000.00元。月申报工资: 5000.00 → 8000.00");
    assert_row(job, 3, "ok", "申报成功:2027年度月申报工资1000.00元。月申报工资: 5000.00 → 1000.00。月申报工资低于缴费基数下限,已按下限4494.00元申报。");
    assert_row(job, 4, "failed", msg_text(MSG_ID_INVALID));
    assert_row(job, 5, "failed", msg_text(MSG_STOP_NOT_INSURED));
    assert_row(job, 6, "failed", msg_text(MSG_STOP_NOT_INSURED));
    assert_row(job, 7, "failed", msg_text(MSG_NAME_MISMATCH));
    assert_row(job, 8, "failed", msg_text(MSG_ENROLL_DUP_IN_FILE));
    assert_row(job, 9, "failed", msg_text(MSG_ENROLL_DUP_IN_FILE));
    assert_row(job, 10, "failed", "姓名含有不允许的控制字符或文字方向控制字符");
    assert_row(job, 11, "failed", msg_text(MSG_WAGE_INVALID));
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND line_no = 3"
                              " AND message LIKE '%%暂按上年标准核定(暂定)%%'", job), 1);
    ck_assert_int_eq(wage_of(p_ok, unit_a, "2027-01-01"), 800000);
    ck_assert_int_eq(wage_of(p_low, unit_a, "2027-01-01"), 100000);   /* as declared */
    ck_assert_int_eq(wage_of(p_twice, unit_a, "2027-01-01"), -1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                              " WHERE u.unit_no = '%s' AND d.type = '缴费申报与变更' AND d.job_id = %ld"
                              " AND d.period = '2027-01-01'", unit_a, job), 2);

    /* the job page: 申报年度, 未申报人员 (王三 absent; 王五 failed but in the file) */
    snprintf(path, sizeof path, "/jobs/%ld", job);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, "2027年"));
    ck_assert(has(&r, "未申报人员(1人)"));
    ck_assert(has(&r, p_absent));
    ck_assert(!has(&r, p_other));
    resp_free(&r);
    snprintf(path, sizeof path, "/jobs/%ld/missing.csv", job);
    get_csv(&c, path, &r);
    ck_assert(has(&r, "证件号码,姓名"));
    ck_assert(has(&r, p_absent));
    ck_assert(has(&r, "王三"));
    ck_assert(!has(&r, p_ok));
    resp_free(&r);
    snprintf(path, sizeof path, "/jobs/%ld/failed.csv", job);
    get_csv(&c, path, &r);
    ck_assert(has(&r, "证件号码,姓名,月申报工资,失败原因,原行号"));
    ck_assert(has(&r, msg_text(MSG_NAME_MISMATCH)));
    ck_assert(has(&r, "&lt;b&gt;") == 0);
    resp_free(&r);

    /* 已审核数据查询 by type shows the change */
    ck_assert_int_eq(http_get(&c, "/declarations/approved?type=%E7%BC%B4%E8%B4%B9%E7%94%B3%E6%8A%A5%E4%B8%8E%E5%8F%98%E6%9B%B4", &r), 200);
    ck_assert(has(&r, "月申报工资: 5000.00 → 8000.00"));
    resp_free(&r);

    /* another unit never sees the job's 未申报人员 */
    {
        struct client b;
        client(&b, unit_b);
        ck_assert_int_eq(http_get(&b, path, &r), 404);
        resp_free(&r);
        client_free(&b);
    }
    buf_free(&f);
    client_free(&c);
}
END_TEST

START_TEST(gbk_file_without_bom_is_decoded)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char id[19], rows[256];
    long job = 0;

    batch_gen_id(id, "3207");
    snprintf(rows, sizeof rows, "%s,王八,%s,在职,2025-01,5000.00,13900000008\n", id, unit_a);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    buf_puts(&f, "\xd6\xa4\xbc\xfe\xba\xc5\xc2\xeb,\xd0\xd5\xc3\xfb,\xd4\xc2\xc9\xea\xb1\xa8"
                 "\xb9\xa4\xd7\xca\n");                    /* 证件号码,姓名,月申报工资 in GBK */
    buf_printf(&f, "%s,\xcd\xf5\xb0\xcb,6,500.00\n", id);   /* 王八, "6,500.00" unquoted: 4 cells */
    buf_printf(&f, "%s,\xcd\xf5\xb0\xcb,\"6,500.00\"\n", id);
    client(&c, unit_a);
    ck_assert_int_eq(upload(&c, "2027", f.p, &job, &r), 200);   /* a row of 4 cells: refused */
    ck_assert(has(&r, "第2行格式不正确"));
    resp_free(&r);
    f.len = 0;
    buf_puts(&f, "\xd6\xa4\xbc\xfe\xba\xc5\xc2\xeb,\xd0\xd5\xc3\xfb,\xd4\xc2\xc9\xea\xb1\xa8"
                 "\xb9\xa4\xd7\xca\n");
    buf_printf(&f, "%s,\xcd\xf5\xb0\xcb,\"6,500.00\"\n", id);
    ck_assert_int_eq(upload(&c, "2027", f.p, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", "申报成功:2027年度月申报工资6500.00元。");
    ck_assert_int_eq(wage_of(id, unit_a, "2027-01-01"), 650000);
    buf_free(&f);
    client_free(&c);
}
END_TEST

START_TEST(a_second_declaration_in_the_window_replaces_the_first)
{
    struct client c;
    struct resp r;
    char data[256];
    long job = 0;
    client(&c, unit_a);
    snprintf(data, sizeof data, "证件号码,姓名,月申报工资\n%s,王三,6000\n", p_absent);
    ck_assert_int_eq(upload(&c, "2027", data, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", "申报成功:2027年度月申报工资6000.00元。月申报工资: 5000.00 → 6000.00");
    snprintf(data, sizeof data, "证件号码,姓名,月申报工资\n%s,王三,7000\n", p_absent);
    ck_assert_int_eq(upload(&c, "2027", data, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", "申报成功:2027年度月申报工资7000.00元。月申报工资: 6000.00 → 7000.00。本申报期内此前申报的6000.00元已被替换。");
    ck_assert_int_eq(wage_of(p_absent, unit_a, "2027-01-01"), 700000);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM wages w JOIN persons p ON p.id = w.person_id"
                              " WHERE p.id_no = '%s' AND w.from_month = '2027-01-01'", p_absent), 1);
    client_free(&c);
}
END_TEST

/* Declared in the window, 2027-01 settled: the amounts follow the declared wage. */
START_TEST(settlement_of_y01_charges_the_declared_wage)
{
    char id[19], rows[256], data[256];
    struct client c;
    struct resp r;
    long job = 0;

    batch_gen_id(id, "3207");
    snprintf(rows, sizeof rows, "%s,赵六,%s,在职,2026-01,5000.00,13900000009\n", id, unit_a);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    client(&c, unit_a);
    snprintf(data, sizeof data, "证件号码,姓名,月申报工资\n%s,赵六,10000.50\n", id);
    ck_assert_int_eq(upload(&c, "2027", data, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    set_today("2027-01-07 10:00");
    ck_assert_int_eq(admin("settle 2027-01"), 0);
    /* 310: 6% of 10000.50 = 600.03 (unit), 2% = 200.01 (person) */
    ck_assert_int_eq(sql_long("SELECT base_fen FROM contributions WHERE id_no = '%s'"
                              " AND month = '2027-01-01' AND type_code = '310'", id), 1000050);
    ck_assert_int_eq(sql_long("SELECT unit_fen FROM contributions WHERE id_no = '%s'"
                              " AND month = '2027-01-01' AND type_code = '310'", id), 60003);
    ck_assert_int_eq(sql_long("SELECT person_fen FROM contributions WHERE id_no = '%s'"
                              " AND month = '2027-01-01' AND type_code = '310'", id), 20001);
    /* 2026-12 (before Y) keeps the old wage */
    set_today("2026-12-07 10:00");
    ck_assert_int_eq(admin("settle 2026-12"), 0);
    ck_assert_int_eq(sql_long("SELECT base_fen FROM contributions WHERE id_no = '%s'"
                              " AND month = '2026-12-01' AND type_code = '310'", id), 500000);
    set_today("2026-12-10 10:00");
    client_free(&c);
}
END_TEST

/* Uploaded at 16:59 on the window's last day, processed after it closed, the
 * worker killed with kill -9 mid-job: every row applied exactly once. */
START_TEST(worker_killed_mid_job_applies_every_row_once_after_the_window_closed)
{
    enum { N = 3000 };
    struct buf persons = {0}, f = {0};
    struct client c;
    struct resp r;
    long job = 0, pid, processed = 0;

    buf_puts(&f, "证件号码,姓名,月申报工资\n");
    for (int i = 0; i < N; i++) {
        char id[19];
        batch_gen_id(id, "3207");
        buf_printf(&persons, "%s,批量%d,%s,在职,2025-01,5000.00,13900000000\n", id, i, unit_a);
        buf_printf(&f, "%s,批量%d,%d\n", id, i, 6000 + i);
    }
    ck_assert_int_eq(import_persons(persons.p, NULL), 0);
    set_today("2026-12-25 16:59");
    client(&c, unit_a);
    ck_assert_int_eq(upload(&c, "2027", f.p, &job, &r), 303);
    resp_free(&r);
    set_today("2026-12-25 17:30");   /* closed: the rows were judged at the upload */
    for (int i = 0; i < 3000; i++) {
        processed = sql_long("SELECT processed FROM jobs WHERE id = %ld", job);
        if (processed > 0)
            break;
        usleep(10000);
    }
    ck_assert_int_gt(processed, 0);
    pid = batch_worker_pid();
    ck_assert_int_eq(kill((pid_t)pid, SIGKILL), 0);
    processed = sql_long("SELECT processed FROM jobs WHERE id = %ld", job);
    ck_assert_msg(processed < N, "the job finished before the kill; make N larger");
    batch_wait_new_worker(pid);
    batch_wait_done(job, 120);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND status = 'ok'", job), N);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld"
                              " AND type = '缴费申报与变更'", job), N);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM wages w JOIN declarations d ON d.job_id = %ld"
                              " JOIN persons p ON p.id_no = d.id_no AND p.id = w.person_id"
                              " WHERE w.from_month = '2027-01-01'", job), N);
    set_today("2026-12-10 10:00");
    buf_free(&persons);
    buf_free(&f);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("it_wages");
    TCase *t = tcase_create("wages");
    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, form_in_window_shows_year_window_limits_and_template);
    tcase_add_test(t, outside_the_window_the_form_is_disabled_and_a_post_refused);
    tcase_add_test(t, file_problems_are_refused_without_a_job);
    tcase_add_test(t, rows_follow_the_rules_in_order_and_the_declared_wage_is_stored);
    tcase_add_test(t, gbk_file_without_bom_is_decoded);
    tcase_add_test(t, a_second_declaration_in_the_window_replaces_the_first);
    tcase_add_test(t, settlement_of_y01_charges_the_declared_wage);
    tcase_add_test(t, worker_killed_mid_job_applies_every_row_once_after_the_window_closed);
    suite_add_tcase(s, t);
    return it_run(s);
}
