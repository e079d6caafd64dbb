/*
 * Integration: 批量增员申报(补收) and the batch job system (spec §5 batch, §8;
 * issue 3 items 2, 3 and the batch parts of 5): upload form, template, file
 * refusals (no job created), rows judged with the single-person rules and
 * messages in UTF-8 and GBK files, duplicates, failed.csv, unit isolation,
 * delete, the worker killed with kill -9 mid-job, and a 16:59-on-the-6th
 * upload processed after 17:00. Needs the worker running in the stack.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "support/batch.h"
#include "rules/rules.h"

static char unit_a[40], unit_b[40], unit_gov[40];
static const char HEADER[] = BATCH_HEADER;

static void setup(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "批量测试甲公司");
    make_unit(unit_b, sizeof unit_b, "企业", "批量测试乙公司");
    make_unit(unit_gov, sizeof unit_gov, "机关", "批量测试机关");
    set_today("2022-08-15 10:00");   /* period C = 2022-09, window open */
}

static void assert_row(long job, int line, const char *status, const char *msg)
{
    char *m = NULL;
    ck_assert(asprintf(&m, "%s", msg) > 0);
    /* single quotes never occur in our messages */
    ck_assert_msg(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND line_no = %d"
                           " AND status = '%s' AND message = '%s'", job, line, status, m) == 1,
                  "job %ld line %d: want %s '%s'", job, line, status, msg);
    free(m);
}

START_TEST(form_offers_months_types_template_and_instructions)
{
    struct client c, g;
    struct resp r;
    batch_client(&c, unit_a);
    ck_assert_int_eq(http_get(&c, "/enroll/batch", &r), 200);
    ck_assert(has(&r, "enctype=\"multipart/form-data\""));
    ck_assert(has(&r, "name=\"file\""));
    ck_assert(has(&r, "value=\"2022-09\" selected"));
    ck_assert(has(&r, "value=\"2022-03\""));
    ck_assert(!has(&r, "value=\"2022-02\""));
    ck_assert(!has(&r, "value=\"2022-10\""));
    ck_assert(has(&r, "/enroll/template.csv"));
    ck_assert(has(&r, "同一参保时间、同一险种"));
    ck_assert(has(&r, "数据记录仅保存24h"));
    ck_assert(has(&r, "20000"));
    ck_assert(has(&r, "checked disabled"));
    ck_assert(!has(&r, "name=\"civil_servant\""));
    resp_free(&r);
    batch_client(&g, unit_gov);
    ck_assert_int_eq(http_get(&g, "/enroll/batch", &r), 200);
    ck_assert(has(&r, "name=\"civil_servant\""));
    resp_free(&r);
    client_free(&g);
    client_free(&c);
}
END_TEST

START_TEST(template_is_utf8_bom_csv_header_only)
{
    struct client c;
    struct resp r;
    char h[256];
    batch_client(&c, unit_a);
    ck_assert_int_eq(http_get(&c, "/enroll/template.csv", &r), 200);
    ck_assert_int_eq(resp_header(&r, "Content-Type", h, sizeof h), 0);
    ck_assert_ptr_nonnull(strstr(h, "text/csv"));
    ck_assert_int_eq(resp_header(&r, "Content-Disposition", h, sizeof h), 0);
    ck_assert_ptr_nonnull(strstr(h, "attachment"));
    ck_assert(r.body.len > 3 && memcmp(r.body.p, "\xEF\xBB\xBF", 3) == 0);
    ck_assert(strncmp(r.body.p + 3, "证件号码,姓名,月申报工资,联系电话\r\n", strlen(HEADER) + 2) == 0);
    ck_assert_uint_eq(r.body.len, 3 + strlen(HEADER) + 2);   /* no example row (issue 13 item 1) */
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* Good and bad rows in a UTF-8 file with BOM and CRLF. */
START_TEST(utf8_rows_get_single_person_rules_and_messages)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char ok1[19], ok2[19], lower[19], bad[19], woman[19], here[19], row[256], text[MSG_TEXT_MAX];
    long job = 0, before = batch_jobs_of(unit_a);

    batch_gen_id(ok1, "3206");
    batch_gen_id(ok2, "3206");
    batch_gen_id(lower, "3206");
    make_id(woman, 1972, 1, 1, 0);        /* 50 on 2022-08-15 */
    make_id(here, 1985, 5, 5, 1);
    snprintf(row, sizeof row, "%s,在职人员,%s,在职,2021-01,6000.00,13900000000\n", here, unit_a);
    ck_assert_int_eq(import_persons(row, NULL), 0);
    memcpy(bad, ok1, sizeof bad);
    bad[17] = bad[17] == '0' ? '1' : '0';
    lower[17] = lower[17] == 'X' ? 'x' : lower[17];

    buf_puts(&f, "\xEF\xBB\xBF");
    buf_printf(&f, "%s\r\n", HEADER);
    buf_printf(&f, "%s,张三,6000.00,13800000001\r\n", ok1);              /* line 2: ok, back-paid */
    buf_printf(&f, " %s , 李四 ,3000,13800000002\r\n", ok2);             /* 3: ok, spaces */
    buf_printf(&f, "%s,王五,abc,13800000003\r\n", lower);                /* 4: wage invalid */
    buf_printf(&f, "%s,赵六,6000,13800000004\r\n", bad);                 /* 5: checksum */
    buf_printf(&f, "%s,张三重复,6000,13800000005\r\n", ok1);             /* 6: duplicate */
    buf_printf(&f, "%s,,6000,13800000006\r\n", lower);                   /* 7: dup of 4 */
    buf_printf(&f, "%s,孙女士,6000,13800000007\r\n", woman);             /* 8: age */
    buf_printf(&f, "%s,在职人员,6000,13800000008,,\r\n", here);          /* 9: insured here */
    buf_printf(&f, "%s,周八,,13800000009\r\n", "110105194912310029");   /* 10: wage required */
    buf_puts(&f, "\r\n\r\n");

    batch_client(&c, unit_a);
    ck_assert_int_eq(batch_upload(&c, "2022-06", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    ck_assert_int_gt(job, 0);
    ck_assert_int_eq(batch_jobs_of(unit_a), before + 1);
    batch_wait_done(job, 60);

    ck_assert_int_eq(sql_long("SELECT total FROM jobs WHERE id = %ld", job), 9);
    ck_assert_int_eq(sql_long("SELECT processed FROM jobs WHERE id = %ld", job), 9);
    ck_assert_int_eq(sql_long("SELECT has_error FROM jobs WHERE id = %ld", job), 1);
    assert_row(job, 2, "ok", msg_text(MSG_ENROLL_OK_BACKPAID));
    assert_row(job, 3, "ok", msg_text(MSG_ENROLL_OK_BACKPAID));
    assert_row(job, 4, "failed", msg_text(MSG_WAGE_INVALID));   /* says what a valid amount looks like */
    assert_row(job, 5, "failed", msg_text(MSG_ID_INVALID));
    assert_row(job, 6, "failed", msg_text(MSG_ENROLL_DUP_IN_FILE));
    assert_row(job, 7, "failed", msg_text(MSG_ENROLL_DUP_IN_FILE));
    msg_policy_text(MSG_ENROLL_AGE_WOMEN, NULL, text, sizeof text);
    assert_row(job, 8, "failed", text);
    assert_row(job, 9, "failed", msg_text(MSG_ENROLL_INSURED_HERE));
    msg_format(text, sizeof text, MSG_FIELD_REQUIRED, "月申报工资");
    assert_row(job, 10, "failed", text);

    /* the successes are real enrolments with back-payment 2022-06..08 */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no IN ('%s','%s')", ok1, ok2), 2);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s' AND e.end_date IS NULL", ok1), 6);
    ck_assert_int_eq(sql_long("SELECT COUNT(DISTINCT month) FROM contributions WHERE id_no = '%s'"
                              " AND payment_type = '补缴'", ok1), 3);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld"
                              " AND type = '参保人员增员申报'", job), 2);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", bad), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", woman), 0);

    /* failed.csv: BOM, the template's columns, 失败原因, 原行号; ="…" IDs, original
     * values, messages */
    {
        char want[256];
        ck_assert_int_eq(http_get(&c, "/jobs/0", &r), 404);
        resp_free(&r);
        snprintf(want, sizeof want, "/jobs/%ld/failed.csv", job);
        ck_assert_int_eq(http_get(&c, want, &r), 200);
        ck_assert(memcmp(r.body.p, "\xEF\xBB\xBF" "证件号码,姓名,月申报工资,联系电话,失败原因,原行号\r\n",
                         3 + strlen("证件号码,姓名,月申报工资,联系电话,失败原因,原行号\r\n")) == 0);
        snprintf(want, sizeof want, "\r\n=\"%s\",赵六,6000,13800000004,%s,5\r\n", bad, msg_text(MSG_ID_INVALID));
        ck_assert_msg(has(&r, want), "%s", r.body.p);
        snprintf(want, sizeof want, "\r\n=\"%s\",王五,abc,13800000003,", lower);
        ck_assert(has(&r, want));
        ck_assert(!has(&r, ok2));
        resp_free(&r);
    }
    /* the list */
    ck_assert_int_eq(http_get(&c, "/jobs", &r), 200);
    ck_assert(has(&r, "批量增员申报"));
    ck_assert(has(&r, "是否出现错误"));
    ck_assert(has(&r, "failed.csv"));
    resp_free(&r);
    {
        char path[64];
        snprintf(path, sizeof path, "/jobs/%ld?format=json", job);
        ck_assert_int_eq(http_get(&c, path, &r), 200);
        ck_assert(has(&r, "\"total\":9"));
        ck_assert(has(&r, "\"processed\":9"));
        ck_assert(has(&r, "\"failed\":7"));
        ck_assert(has(&r, "\"done\":true"));
        ck_assert(has(&r, "\"percent\":100"));
        resp_free(&r);
    }
    buf_free(&f);
    client_free(&c);
}
END_TEST

START_TEST(gbk_file_without_bom_and_lf_is_decoded)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char id1[19], id2[19];
    long job = 0;

    batch_gen_id(id1, "3206");
    batch_gen_id(id2, "3206");
    buf_puts(&f, "\xd6\xa4\xbc\xfe\xba\xc5\xc2\xeb,\xd0\xd5\xc3\xfb,\xd4\xc2\xc9\xea\xb1\xa8"
                 "\xb9\xa4\xd7\xca,\xc1\xaa\xcf\xb5\xb5\xe7\xbb\xb0\n");   /* the header in GBK */
    buf_printf(&f, "%s,\xd5\xc5\xc8\xfd,5000,13800000011\n", id1);              /* 张三 */
    buf_printf(&f, "%s,\xc0\xee\xcb\xc4,5000,1\n", id2);                        /* 李四, bad phone */
    batch_client(&c, unit_a);
    ck_assert_int_eq(batch_upload(&c, "2022-09", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", msg_text(MSG_ENROLL_OK_NO_BACKPAY));
    {
        char text[256];
        msg_format(text, sizeof text, MSG_FIELD_INVALID, "联系电话");
        assert_row(job, 3, "failed", text);
    }
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s' AND name = '张三'", id1), 1);
    buf_free(&f);
    client_free(&c);
}
END_TEST

START_TEST(civil_servant_batch_enrols_320)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char id[19];
    long job = 0;

    batch_gen_id(id, "3206");
    buf_printf(&f, "%s\n%s,公务员甲,8000,13800000012\n", HEADER, id);
    batch_client(&c, unit_gov);
    ck_assert_int_eq(batch_upload(&c, "2022-09", 1, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", msg_text(MSG_ENROLL_OK_NO_BACKPAY));
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              " WHERE p.id_no = '%s'", id), 7);
    /* a unit that is not 机关事业单位 cannot ask for 320 (forged form) */
    client_free(&c);
    batch_client(&c, unit_a);
    ck_assert_int_eq(batch_upload(&c, "2022-09", 1, f.p, f.len, &job, &r), 400);
    resp_free(&r);
    buf_free(&f);
    client_free(&c);
}
END_TEST

/* A refusal: status 200 with the message, and no job. */
static void refused(struct client *c, const char *month, const char *data, size_t len,
                    const char *want)
{
    struct resp r;
    long before = batch_jobs_of(unit_a);
    ck_assert_int_eq(batch_upload(c, month, 0, data, len, NULL, &r), 200);
    ck_assert_msg(has(&r, "msg fail"), "no failure box for %s", want);
    ck_assert_msg(has(&r, want), "want '%s'", want);
    resp_free(&r);
    ck_assert_int_eq(batch_jobs_of(unit_a), before);
}

START_TEST(refused_files_create_no_job)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char text[MSG_TEXT_MAX], id[19];
    long before;

    batch_client(&c, unit_a);
    batch_gen_id(id, "3206");
    /* empty file */
    refused(&c, "2022-09", "", 0, msg_text(MSG_CSV_EMPTY));
    /* binary (NUL bytes) */
    refused(&c, "2022-09", "GIF89a\x00\x00\x01\x02", 10, msg_text(MSG_CSV_ENCODING));
    /* a zip header is a workbook (issue 12): a broken one is said to be so */
    refused(&c, "2022-09", "PK\x03\x04\x00\x00\x01\x02", 8, msg_text(MSG_XLSX_INVALID));
    /* wrong header: says which header is expected */
    msg_format(text, sizeof text, MSG_CSV_HEADER, HEADER);
    buf_printf(&f, "身份证,姓名,工资,电话\n%s,张三,5000,13800000000\n", id);
    refused(&c, "2022-09", f.p, f.len, text);
    buf_reset(&f);
    /* header only, and header with blank lines */
    buf_printf(&f, "%s\r\n\r\n,,,\r\n", HEADER);
    refused(&c, "2022-09", f.p, f.len, msg_text(MSG_CSV_EMPTY));
    buf_reset(&f);
    /* unterminated quote */
    buf_printf(&f, "%s\n%s,\"张三,5000,13800000000\n", HEADER, id);
    msg_format(text, sizeof text, MSG_CSV_BAD_ROW, (size_t)2);
    refused(&c, "2022-09", f.p, f.len, text);
    buf_reset(&f);
    /* too many cells */
    buf_printf(&f, "%s\n%s,张三,5000,13800000000,多余\n", HEADER, id);
    refused(&c, "2022-09", f.p, f.len, text);
    buf_reset(&f);
    /* Excel-mangled IDs: scientific notation (line 3) ... */
    buf_printf(&f, "%s\n%s,张三,5000,13800000000\n3.20501E+17,李四,5000,13800000000\n", HEADER, id);
    msg_format(text, sizeof text, MSG_ID_EXCEL_MANGLED, (size_t)3);
    refused(&c, "2022-09", f.p, f.len, text);
    ck_assert_ptr_nonnull(strstr(text, "文本"));
    buf_reset(&f);
    /* ... and a Number-formatted column: 15 digits, then zeros (both IDs pass
     * the checksum by chance, so only the column as a whole shows it) */
    buf_printf(&f, "%s\n320501199001011000,张三,5000,13800000000\n"
                   "320501199204011000,李四,5000,13800000000\n", HEADER);
    msg_format(text, sizeof text, MSG_ID_EXCEL_MANGLED, (size_t)2);
    refused(&c, "2022-09", f.p, f.len, text);
    buf_reset(&f);
    /* more than Upload.MaxRows (20,000) rows */
    buf_printf(&f, "%s\n", HEADER);
    for (int i = 0; i < 20001; i++)
        buf_printf(&f, "%s,张三,5000,13800000000\n", id);
    msg_format(text, sizeof text, MSG_CSV_TOO_MANY_ROWS, 20000);
    refused(&c, "2022-09", f.p, f.len, text);
    buf_reset(&f);
    /* bad start months: too early, later than C, malformed */
    buf_printf(&f, "%s\n%s,张三,5000,13800000000\n", HEADER, id);
    msg_policy_text(MSG_ENROLL_TOO_EARLY, NULL, text, sizeof text);
    refused(&c, "2022-02", f.p, f.len, text);
    refused(&c, "2022-10", f.p, f.len, msg_text(MSG_ENROLL_LATER));
    /* no file chosen */
    {
        const char *fields[] = {"start_month", "2022-09", NULL};
        before = batch_jobs_of(unit_a);
        ck_assert_int_eq(http_post_file(&c, "/enroll/batch", fields, "file", "", "", 0, &r), 200);
        ck_assert(has(&r, msg_text(MSG_FILE_REQUIRED)));
        /* the refusal is the file's: its input is marked and described by it */
        ck_assert(has(&r, "required aria-invalid=\"true\" aria-describedby=\"msg\" autofocus>"));
        ck_assert(has(&r, "role=\"alert\" id=\"msg\">"));
        resp_free(&r);
        ck_assert_int_eq(batch_jobs_of(unit_a), before);
    }
    /* over nginx's limit: its Chinese 413 page */
    {
        size_t big = 17u << 20;
        char *data = malloc(big);
        ck_assert_ptr_nonnull(data);
        memset(data, 'a', big);
        before = batch_jobs_of(unit_a);
        ck_assert_int_eq(batch_upload(&c, "2022-09", 0, data, big, NULL, &r), 413);
        ck_assert(has(&r, "过大"));
        resp_free(&r);
        free(data);
        ck_assert_int_eq(batch_jobs_of(unit_a), before);
    }
    /* outside the window (the 6th from 17:00) */
    buf_reset(&f);
    buf_printf(&f, "%s\n%s,张三,5000,13800000000\n", HEADER, id);
    set_today("2022-09-06 17:00");
    ck_assert_int_eq(http_get(&c, "/enroll/batch", &r), 200);
    resp_free(&r);
    msg_policy_text(MSG_WINDOW_CLOSED, NULL, text, sizeof text);
    refused(&c, "2022-09", f.p, f.len, text);
    set_today("2022-08-15 10:00");
    buf_free(&f);
    client_free(&c);
}
END_TEST

static long upload_many(struct client *c, int n, char (*ids)[19])
{
    struct buf f = {0};
    struct resp r;
    long job = 0;
    buf_printf(&f, "%s\n", HEADER);
    for (int i = 0; i < n; i++) {
        batch_gen_id(ids[i], "3206");
        buf_printf(&f, "%s,批量%d,%d.%02d,1380000%04d\n", ids[i], i, 4000 + i, i % 100, i % 10000);
    }
    ck_assert_int_eq(batch_upload(c, "2022-07", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    buf_free(&f);
    return job;
}

START_TEST(jobs_are_isolated_between_units)
{
    struct client a, b;
    struct resp r;
    struct buf f = {0};
    char id[19], path[96];
    long job = 0;
    static const char *const subs[] = {"", "?format=json", "/failed.csv"};

    batch_gen_id(id, "3206");
    buf_printf(&f, "%s\n%s,隔离测试,5000,13800000000\n", HEADER, id);
    batch_client(&a, unit_a);
    ck_assert_int_eq(batch_upload(&a, "2022-09", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    batch_client(&b, unit_b);
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "/jobs/%ld%s", job, subs[i]);
        ck_assert_int_eq(http_get(&b, path, &r), 404);
        resp_free(&r);
        ck_assert_int_eq(http_get(&a, path, &r), 200);
        resp_free(&r);
    }
    ck_assert_int_eq(http_get(&b, "/jobs", &r), 200);
    snprintf(path, sizeof path, "/jobs/%ld\"", job);
    ck_assert(!has(&r, path));
    resp_free(&r);
    snprintf(path, sizeof path, "/jobs/%ld/delete", job);
    ck_assert_int_eq(http_post(&b, path, "", 1, &r), 404);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", job), 1);
    /* GET on delete is not a way in either: another unit gets 404, the owner
     * the confirmation page (issue 13 item 6), and nothing is deleted */
    ck_assert_int_eq(http_get(&b, path, &r), 404);
    resp_free(&r);
    ck_assert_int_eq(http_get(&a, path, &r), 200);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", job), 1);
    buf_free(&f);
    client_free(&a);
    client_free(&b);
}
END_TEST

START_TEST(delete_cancels_remaining_rows)
{
    enum { N = 3000 };
    static char ids[N][19];
    struct client c;
    struct resp r;
    char path[64];
    long job, done_rows, enrolled, enrolled_later;

    batch_client(&c, unit_a);
    job = upload_many(&c, N, ids);
    for (int i = 0; i < 2000; i++) {
        if (sql_long("SELECT processed FROM jobs WHERE id = %ld", job) > 0)
            break;
        usleep(10000);
    }
    snprintf(path, sizeof path, "/jobs/%ld", job);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, "class=\"bar p"));
    ck_assert(has(&r, "/static/js/jobs.js"));
    ck_assert(has(&r, "刷新"));
    resp_free(&r);
    snprintf(path, sizeof path, "/jobs/%ld/delete", job);
    ck_assert_int_eq(http_post(&c, path, "", 1, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", job), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld", job), 0);
    enrolled = sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld AND type = '参保人员增员申报'", job);
    sleep(2);
    enrolled_later = sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld AND type = '参保人员增员申报'", job);
    done_rows = enrolled_later;
    ck_assert_int_gt(done_rows, 0);           /* applied rows stay */
    ck_assert_int_lt(done_rows, N);           /* the rest was cancelled */
    ck_assert_int_eq(enrolled, enrolled_later);
    snprintf(path, sizeof path, "/jobs/%ld?format=json", job);
    ck_assert_int_eq(http_get(&c, path, &r), 404);
    resp_free(&r);
    snprintf(path, sizeof path, "/jobs/%ld/failed.csv", job);
    ck_assert_int_eq(http_get(&c, path, &r), 404);
    ck_assert(has(&r, "已过期"));
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(worker_killed_mid_job_applies_every_row_exactly_once)
{
    enum { N = 4000 };
    static char ids[N][19];
    struct client c;
    long job, pid, processed = 0;

    batch_client(&c, unit_a);
    job = upload_many(&c, N, ids);
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
    /* the stack's supervisor restarts the worker (conf/stack); it takes the
     * job of the dead process over */
    batch_wait_new_worker(pid);
    batch_wait_done(job, 120);
    ck_assert_int_eq(sql_long("SELECT processed FROM jobs WHERE id = %ld", job), N);
    ck_assert_int_eq(sql_long("SELECT total FROM jobs WHERE id = %ld", job), N);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND status = 'ok'", job), N);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld"
                              " AND type = '参保人员增员申报'", job), N);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld"
                              " AND type = '职工补缴核定'", job), N);
    /* every enrolled row: one base record, six enrolments, 2022-07 and 2022-08
     * back-paid in six types (the unique key forbids a month charged twice) */
#define OF_JOB " JOIN declarations d ON d.job_id = %ld AND d.type = '参保人员增员申报'"
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons p" OF_JOB " AND p.id_no = d.id_no", job), N);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
                              OF_JOB " AND p.id_no = d.id_no", job), 6L * N);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions c" OF_JOB " AND c.id_no = d.id_no",
                              job), 12L * N);
#undef OF_JOB
    client_free(&c);
}
END_TEST

START_TEST(upload_at_1659_on_the_6th_is_judged_inside_the_window)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char id[19];
    long job = 0;

    set_today("2022-09-06 16:59");
    batch_gen_id(id, "3206");
    buf_printf(&f, "%s\n%s,窗口测试,5000,13800000000\n", HEADER, id);
    batch_client(&c, unit_a);
    ck_assert_int_eq(batch_upload(&c, "2022-09", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    set_today("2022-09-06 17:30");   /* the settlement period has begun */
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", msg_text(MSG_ENROLL_OK_NO_BACKPAY));
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", id), 1);
    set_today("2022-08-15 10:00");
    buf_free(&f);
    client_free(&c);
}
END_TEST

START_TEST(expired_failed_csv_is_410)
{
    struct client c;
    struct resp r;
    struct buf f = {0};
    char id[19], path[64];
    long job = 0;

    batch_gen_id(id, "3206");
    buf_printf(&f, "%s\n%s,过期测试,abc,13800000000\n", HEADER, id);
    batch_client(&c, unit_a);
    ck_assert_int_eq(batch_upload(&c, "2022-09", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    /* done 25 hours ago (real clock, Asia/Shanghai) */
    sql("UPDATE jobs SET done_at = CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+08:00') - INTERVAL 25 HOUR"
        " WHERE id = %ld", job);
    snprintf(path, sizeof path, "/jobs/%ld/failed.csv", job);
    ck_assert_int_eq(http_get(&c, path, &r), 410);
    ck_assert(has(&r, msg_text(MSG_JOB_EXPIRED)));
    ck_assert(has(&r, "已过期"));
    resp_free(&r);
    /* the worker purges it (at most a minute later) */
    buf_free(&f);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("batch");
    TCase *t = tcase_create("batch_jobs");

    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, form_offers_months_types_template_and_instructions);
    tcase_add_test(t, template_is_utf8_bom_csv_header_only);
    tcase_add_test(t, utf8_rows_get_single_person_rules_and_messages);
    tcase_add_test(t, gbk_file_without_bom_and_lf_is_decoded);
    tcase_add_test(t, civil_servant_batch_enrols_320);
    tcase_add_test(t, refused_files_create_no_job);
    tcase_add_test(t, jobs_are_isolated_between_units);
    tcase_add_test(t, delete_cancels_remaining_rows);
    tcase_add_test(t, worker_killed_mid_job_applies_every_row_exactly_once);
    tcase_add_test(t, upload_at_1659_on_the_6th_is_judged_inside_the_window);
    tcase_add_test(t, expired_failed_csv_is_410);
    suite_add_tcase(s, t);
    return it_run(s);
}
