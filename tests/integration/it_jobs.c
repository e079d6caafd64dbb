/*
 * Integration: the batch template and the job pages after issue 13 (items 1,
 * 4, 6, 9, 12, 13 and 20's batch parts): a header-only template that enrols
 * nobody, failed.csv re-uploadable as it is, the delete confirmation page,
 * job times on the business clock, the export button and its wording, the
 * job list as JSON, and clear refusals for an overlong cell and a second file
 * part. Needs the worker running in the stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "support/batch.h"
#include "rules/rules.h"

static char unit_a[40], unit_b[40];
static const char HEADER[] = BATCH_HEADER;
#define REGION "3207"   /* IDs of this binary (it_batch uses 3206) */

static void setup(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "任务测试甲公司");
    make_unit(unit_b, sizeof unit_b, "企业", "任务测试乙公司");
    set_today("2022-08-15 10:00");   /* period C = 2022-09, window open */
}

/* A refusal: status 200 with the message in the failure box, and no job. */
static void refused(struct client *c, const char *data, size_t len, const char *want)
{
    struct resp r;
    long before = batch_jobs_of(unit_a);
    ck_assert_int_eq(batch_upload(c, "2022-09", 0, data, len, NULL, &r), 200);
    ck_assert_msg(has(&r, "msg fail"), "no failure box for %s", want);
    ck_assert_msg(has(&r, want), "want '%s'", want);
    resp_free(&r);
    ck_assert_int_eq(batch_jobs_of(unit_a), before);
}

/* A job of nok good rows and nbad rows with a malformed wage ("abc"), done. */
static long done_job(struct client *c, int nok, int nbad)
{
    struct buf f = {0};
    struct resp r;
    char id[19];
    long job = 0;

    buf_printf(&f, "%s\r\n", HEADER);
    for (int i = 0; i < nok + nbad; i++) {
        batch_gen_id(id, REGION);
        buf_printf(&f, "%s,任务%d,%s,13800000000\r\n", id, i, i < nok ? "5000" : "abc");
    }
    ck_assert_int_eq(batch_upload(c, "2022-09", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    buf_free(&f);
    batch_wait_done(job, 60);
    return job;
}

/* GET path with printf arguments; returns the status. */
static long get(struct client *c, struct resp *r, const char *fmt, long job)
{
    char path[128];
    snprintf(path, sizeof path, fmt, job);
    return http_get(c, path, r);
}

/* 1 when the body has the text made of fmt and job. */
static int has_f(const struct resp *r, const char *fmt, long job)
{
    char text[256];
    snprintf(text, sizeof text, fmt, job);
    return has(r, text);
}

/* Item 1: the template used to carry 张三 110105199003070017, a valid ID. */
START_TEST(uploading_the_template_unchanged_enrols_nobody)
{
    struct client c;
    struct resp t;
    long persons = sql_long("SELECT COUNT(*) FROM persons");

    batch_client(&c, unit_a);
    ck_assert_int_eq(http_get(&c, "/enroll/template.csv", &t), 200);
    ck_assert(!has(&t, "110105199003070017"));
    ck_assert(!has(&t, "张三"));
    refused(&c, t.body.p, t.body.len, msg_text(MSG_CSV_EMPTY));
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons"), persons);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '110105199003070017'"), 0);
    resp_free(&t);
    client_free(&c);
}
END_TEST

START_TEST(form_explains_the_template_columns)
{
    struct client c;
    struct resp r;

    batch_client(&c, unit_a);
    ck_assert_int_eq(http_get(&c, "/enroll/batch", &r), 200);
    ck_assert(has(&r, "模板只有表头"));
    ck_assert(has(&r, "月申报工资:单位为元"));
    ck_assert(has(&r, "失败原因、原行号"));
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* Item 4: failed.csv has the template's columns first, then 失败原因 and 原行号;
 * fixed, it goes up again as it is. */
START_TEST(failed_csv_fixed_goes_up_again_as_it_is)
{
    struct client c;
    struct resp r;
    struct buf fixed = {0};
    long job, again = 0;
    const char *p;

    batch_client(&c, unit_a);
    job = done_job(&c, 1, 2);   /* lines 3 and 4 fail */
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld/failed.csv", job), 200);
    ck_assert(memcmp(r.body.p, "\xEF\xBB\xBF" BATCH_HEADER ",失败原因,原行号\r\n",
                     3 + strlen(BATCH_HEADER ",失败原因,原行号\r\n")) == 0);
    ck_assert(has(&r, ",13800000000,"));
    ck_assert(has(&r, ",3\r\n=\""));   /* 原行号 last; the next row starts with its ="…" ID */
    ck_assert(has(&r, ",4\r\n"));
    /* the clerk corrects the wages and uploads the file unchanged otherwise */
    for (p = r.body.p; *p; ) {
        const char *hit = strstr(p, ",abc,");
        if (!hit) {
            buf_puts(&fixed, p);
            break;
        }
        buf_append(&fixed, p, (size_t)(hit - p));
        buf_puts(&fixed, ",6000,");
        p = hit + 5;
    }
    resp_free(&r);
    ck_assert_int_eq(batch_upload(&c, "2022-09", 0, fixed.p, fixed.len, &again, &r), 303);
    resp_free(&r);
    batch_wait_done(again, 60);
    ck_assert_int_eq(sql_long("SELECT total FROM jobs WHERE id = %ld", again), 2);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND status = 'ok'",
                              again), 2);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld"
                              " AND type = '参保人员增员申报'", again), 2);
    buf_free(&fixed);
    client_free(&c);
}
END_TEST

/* Item 4: exactly failed.csv's two extra columns, nothing else. */
START_TEST(other_extra_columns_are_still_refused)
{
    static const char *const headers[] = {
        BATCH_HEADER ",备注",
        BATCH_HEADER ",失败原因",
        BATCH_HEADER ",原行号,失败原因",
        BATCH_HEADER ",失败原因,原行号,备注",
    };
    struct client c;
    struct buf f = {0};
    char text[MSG_TEXT_MAX], id[19];

    batch_client(&c, unit_a);
    batch_gen_id(id, REGION);
    msg_format(text, sizeof text, MSG_CSV_HEADER, HEADER);
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
        buf_reset(&f);
        buf_printf(&f, "%s\n%s,张三,5000,13800000000,x,2\n", headers[i], id);
        refused(&c, f.p, f.len, text);
    }
    /* a row with a cell after 原行号 */
    buf_reset(&f);
    buf_printf(&f, "%s,失败原因,原行号\n%s,张三,5000,13800000000,x,2,多余\n", HEADER, id);
    msg_format(text, sizeof text, MSG_CSV_BAD_ROW, (size_t)2);
    refused(&c, f.p, f.len, text);
    buf_free(&f);
    client_free(&c);
}
END_TEST

/* Item 6: GET /jobs/ID/delete is the confirmation page; only its POST deletes. */
START_TEST(delete_asks_for_confirmation_first)
{
    struct client c, b;
    struct resp r;
    char loc[128];
    long job;

    batch_client(&c, unit_a);
    job = done_job(&c, 0, 1);
    /* the job page and the list link to the confirmation page, no form posts */
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld", job), 200);
    ck_assert(has_f(&r, "href=\"/jobs/%ld/delete\"", job));
    ck_assert(!has_f(&r, "action=\"/jobs/%ld/delete\"", job));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/jobs", &r), 200);
    ck_assert(has_f(&r, "href=\"/jobs/%ld/delete\"", job));
    ck_assert(!has_f(&r, "action=\"/jobs/%ld/delete\"", job));
    resp_free(&r);

    ck_assert_int_eq(get(&c, &r, "/jobs/%ld/delete", job), 200);
    ck_assert(has(&r, "确定删除该批量任务吗"));
    ck_assert(has_f(&r, "method=\"post\" action=\"/jobs/%ld/delete\"", job));
    ck_assert(has(&r, "name=\"csrf\""));
    ck_assert(has(&r, "确认删除"));
    ck_assert(has_f(&r, "href=\"/jobs/%ld\">取消", job));
    ck_assert(has(&r, "无法再导出失败数据"));
    /* a plain form: no script of the page (every logged-in page has the frame's
     * session.js, issue 17) */
    ck_assert(!has(&r, "/static/js/jobs.js") && !has(&r, "onclick"));
    ck_assert(has(&r, "<script src=\"/static/js/session.js\" defer></script>"));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", job), 1);

    batch_client(&b, unit_b);   /* another unit's job: not found */
    ck_assert_int_eq(get(&b, &r, "/jobs/%ld/delete", job), 404);
    resp_free(&r);
    client_free(&b);
    snprintf(loc, sizeof loc, "/jobs/%ld/delete", job);
    ck_assert_int_eq(http_post(&c, loc, "", 0, &r), 403);   /* no CSRF token */
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", job), 1);
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld/delete", job), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, loc, "", 1, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    ck_assert_str_eq(loc, "/jobs?deleted=1");
    {
        struct resp list;   /* the list says the job is gone */
        ck_assert_int_eq(http_follow(&c, &r, &list), 200);
        ck_assert(has(&list, "msg ok") && has(&list, msg_text(MSG_JOB_DELETED)));
        resp_free(&list);
    }
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", job), 0);
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld/delete", job), 404);
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* Item 9: 创建时间 and 完成时间 are the business now (PORTAL_TODAY), on every
 * view of a job; the 24-hour retention stays on the real clock. */
START_TEST(job_times_follow_the_business_clock)
{
    static const char *const views[] = {"/jobs/%ld", "/jobs", "/jobs?format=csv",
                                        "/jobs?format=json", "/jobs/%ld?format=json"};
    struct client c;
    struct resp r;
    char real_day[16];
    time_t now = time(NULL) + 8 * 3600;   /* Beijing */
    long job;

    strftime(real_day, sizeof real_day, "%Y-%m-%d", gmtime(&now));
    set_today("2022-08-16 10:30");
    batch_client(&c, unit_a);
    job = done_job(&c, 0, 1);
    set_today("2022-08-16 11:45");   /* the business clock moved on after the upload */
    for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
        ck_assert_int_eq(get(&c, &r, views[i], job), 200);
        ck_assert_msg(has(&r, "2022-08-16 10:30:00"), "%s: no business 创建时间", views[i]);
        ck_assert_msg(!has(&r, real_day), "%s shows the real date %s", views[i], real_day);
        resp_free(&r);
    }
    /* the worker finished it under 2022-08-16 10:30; a job finished later shows that */
    sql("UPDATE jobs SET done_as_of = '2022-08-16 11:45:00' WHERE id = %ld", job);
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld", job), 200);
    ck_assert(has(&r, "<dt>完成时间</dt><dd>2022-08-16 11:45:00</dd>"));
    resp_free(&r);
    /* five business days later the failed rows are still there (real clock) ... */
    set_today("2022-08-21 10:00");
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld/failed.csv", job), 200);
    resp_free(&r);
    /* ... and 25 real hours after completion they are gone, whatever the business date */
    set_today("2022-08-16 10:30");
    sql("UPDATE jobs SET done_at = CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+08:00') - INTERVAL 25 HOUR"
        " WHERE id = %ld", job);
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld/failed.csv", job), 410);
    resp_free(&r);
    set_today("2022-08-15 10:00");
    client_free(&c);
}
END_TEST

/* Item 12: the export button shows only with failed rows, and the 错误详情
 * names it as it is labelled. */
START_TEST(export_button_only_with_failed_rows_and_named_as_labelled)
{
    struct client c;
    struct resp r;
    long clean, failing;

    batch_client(&c, unit_a);
    clean = done_job(&c, 1, 0);
    failing = done_job(&c, 1, 1);
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld", clean), 200);
    ck_assert(!has(&r, "failed.csv"));
    ck_assert(!has(&r, "导出失败数据"));
    resp_free(&r);
    ck_assert_int_eq(get(&c, &r, "/jobs/%ld", failing), 200);
    ck_assert(has_f(&r, "class=\"btn btn-primary\" href=\"/jobs/%ld/failed.csv\">导出失败数据<", failing));
    ck_assert(has(&r, "请点击“导出失败数据”"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/jobs", &r), 200);
    ck_assert(!has_f(&r, "/jobs/%ld/failed.csv", clean));
    ck_assert(has_f(&r, "href=\"/jobs/%ld/failed.csv\">导出失败数据<", failing));
    ck_assert(!has(&r, "请点击“导出”"));
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* Item 13: the job list as JSON, for polling; the unit's jobs only. */
START_TEST(job_list_as_json_for_polling)
{
    struct client c, b;
    struct resp r;
    char h[128];
    long job;

    batch_client(&c, unit_a);
    job = done_job(&c, 1, 1);   /* the newest job: first in the list */
    ck_assert_int_eq(http_get(&c, "/jobs?format=json", &r), 200);
    ck_assert_int_eq(resp_header(&r, "Content-Type", h, sizeof h), 0);
    ck_assert_ptr_nonnull(strstr(h, "application/json"));
    ck_assert(strncmp(r.body.p, "{\"jobs\":[{\"id\":", 15) == 0);
    ck_assert(has_f(&r, "{\"id\":%ld,\"kind\":\"批量增员申报\",\"created\":\"2022-08-15 10:00:00\","
                        "\"total\":2,\"processed\":2,\"failed\":1,\"done\":true,"
                        "\"done_at\":\"2022-08-15 10:00:00\",\"percent\":100}", job));
    ck_assert(r.body.p[r.body.len - 1] == '}');
    resp_free(&r);
    batch_client(&b, unit_b);
    ck_assert_int_eq(http_get(&b, "/jobs?format=json", &r), 200);
    ck_assert(!has_f(&r, "\"id\":%ld,", job));
    resp_free(&r);
    client_free(&b);
    ck_assert_int_eq(http_get(&c, "/jobs?format=xml", &r), 400);
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* Item 20: a cell over the limit is named as such, with its line. */
START_TEST(overlong_cell_is_named_with_its_line)
{
    enum { BIG = 10 << 20 };
    struct client c;
    struct buf f = {0};
    char text[MSG_TEXT_MAX], id[19];
    char *name = malloc(BIG + 1);

    ck_assert_ptr_nonnull(name);
    memset(name, 'a', BIG);
    name[BIG] = '\0';
    batch_client(&c, unit_a);
    batch_gen_id(id, REGION);
    buf_printf(&f, "%s\n%s,张三,5000,13800000000\n%s,", HEADER, id, id);
    buf_puts(&f, name);
    buf_puts(&f, ",5000,13800000000\n");
    msg_format(text, sizeof text, MSG_CSV_CELL_TOO_LONG, (size_t)3);
    refused(&c, f.p, f.len, text);
    ck_assert_ptr_null(strstr(text, "列数不对"));
    buf_free(&f);
    free(name);
    client_free(&c);
}
END_TEST

/* Item 20: a body with two `file` parts is refused, nothing created. */
START_TEST(two_file_parts_are_refused)
{
    struct client c;
    struct resp r;
    struct buf body = {0};
    char id1[19], id2[19];
    long before = batch_jobs_of(unit_a);

    batch_client(&c, unit_a);
    batch_gen_id(id1, REGION);
    batch_gen_id(id2, REGION);
    buf_printf(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
                      "--XyZ\r\nContent-Disposition: form-data; name=\"start_month\"\r\n\r\n2022-09\r\n",
               c.csrf);
    buf_printf(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                      "Content-Type: text/csv\r\n\r\n%s\n%s,张一,5000,13800000000\n\r\n", HEADER, id1);
    buf_printf(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.csv\"\r\n"
                      "Content-Type: text/csv\r\n\r\n%s\n%s,张二,5000,13800000000\n\r\n--XyZ--\r\n",
               HEADER, id2);
    ck_assert_int_eq(http_post_raw(&c, "/enroll/batch", "multipart/form-data; boundary=XyZ",
                                   body.p, body.len, &r), 400);
    ck_assert(has(&r, msg_text(MSG_UPLOAD_ONE_FILE)));
    resp_free(&r);
    ck_assert_int_eq(batch_jobs_of(unit_a), before);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no IN ('%s', '%s')", id1, id2), 0);
    buf_free(&body);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jobs");
    TCase *t = tcase_create("jobs");

    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, uploading_the_template_unchanged_enrols_nobody);
    tcase_add_test(t, form_explains_the_template_columns);
    tcase_add_test(t, failed_csv_fixed_goes_up_again_as_it_is);
    tcase_add_test(t, other_extra_columns_are_still_refused);
    tcase_add_test(t, delete_asks_for_confirmation_first);
    tcase_add_test(t, job_times_follow_the_business_clock);
    tcase_add_test(t, export_button_only_with_failed_rows_and_named_as_labelled);
    tcase_add_test(t, job_list_as_json_for_polling);
    tcase_add_test(t, overlong_cell_is_named_with_its_line);
    tcase_add_test(t, two_file_parts_are_refused);
    suite_add_tcase(s, t);
    return it_run(s);
}
