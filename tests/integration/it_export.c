/*
 * Integration: 职工缴费明细导出 (spec §9 item 7, §8; issue 9 item 7):
 * /export/payments — the form, a POST creating an export job, its progress,
 * /jobs/ID/result.csv with every person's contributions of the month for a
 * unit with known contributions (to the fen, one 险种 or all; plain, or
 * gzip as stored for a client that takes it), another unit's
 * job never visible, bad month / type (field message, no job), a job not
 * done (409), an expired file (410), and the worker killed mid-export: the
 * restarted worker drops the partial file and writes it again, complete and
 * without duplicates. Needs the worker running in the stack.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support/batch.h"
#include "store/db.h"
#include "rules/rules.h"

static char unit_a[40], unit_b[40], unit_big[40];
static char id1[19], id2[19], id3[19], id_b[19];

#define BOM "\xEF\xBB\xBF"
#define HEAD "证件号码,姓名,险种,缴费类型,缴费基数,单位缴费,个人缴费,划入个人账户\r\n"
#define BIG_PERSONS 3000

/* One contribution row of a person of unit_no (fixtures: the amounts are
 * chosen, not computed, so the file can be checked to the fen). */
static void contrib(const char *id, const char *unit_no, const char *month, const char *type,
                    const char *payment, long base, long unit, long person, long account)
{
    sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
        " base_fen, unit_fen, person_fen, account_fen, created_at)"
        " SELECT p.id_no, '%s-01', '%s', p.id, u.id, '%s', %ld, %ld, %ld, %ld, NOW()"
        " FROM persons p, units u WHERE p.id_no = '%s' AND u.unit_no = '%s'",
        month, type, payment, base, unit, person, account, id, unit_no);
}

/* unit_big: BIG_PERSONS persons, six contributions each in 2022-06. */
static void make_big_unit(void)
{
    struct buf csv = {0};
    char id[19];

    make_unit(unit_big, sizeof unit_big, "企业", "导出测试大公司");
    for (int i = 0; i < BIG_PERSONS; i++) {
        batch_gen_id(id, "3207");
        buf_printf(&csv, "%s,大公司职工%d,%s,在职,2022-01,6000,\n", id, i, unit_big);
    }
    ck_assert_int_eq(import_persons(csv.p, NULL), 0);
    buf_free(&csv);
    sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
        " base_fen, unit_fen, person_fen, account_fen, created_at)"
        " SELECT p.id_no, '2022-06-01', e.type_code, p.id, e.unit_id, '正常应缴',"
        " 600000 + p.id %% 997, 36000 + p.id %% 13, 12000, 12000, NOW()"
        " FROM enrolments e JOIN persons p ON p.id = e.person_id JOIN units u ON u.id = e.unit_id"
        " WHERE u.unit_no = '%s'", unit_big);
}

static void setup(void)
{
    char rows[1024];

    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "导出测试甲公司");
    make_unit(unit_b, sizeof unit_b, "企业", "导出测试乙公司");
    set_today("2022-08-15 10:00");
    /* ordered by birth year in the file: the IDs differ first there */
    make_id(id1, 1980, 3, 4, 1);
    make_id(id2, 1985, 5, 6, 0);
    make_id(id3, 1990, 7, 8, 1);
    make_id(id_b, 1982, 2, 3, 0);
    snprintf(rows, sizeof rows,
             "%s,导出甲,%s,在职,2022-01,6000,\n%s,导出乙,%s,在职,2022-01,4494,\n"
             "%s,导出丙,%s,在职,2022-01,7000.01,\n%s,他单位丁,%s,在职,2022-01,6000,\n",
             id1, unit_a, id2, unit_a, id3, unit_a, id_b, unit_b);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    contrib(id1, unit_a, "2022-06", "330", "正常应缴", 600000, 0, 500, 0);
    contrib(id1, unit_a, "2022-06", "310", "正常应缴", 600000, 36000, 12000, 12000);
    contrib(id2, unit_a, "2022-06", "310", "补缴", 449400, 26964, 8988, 8988);
    contrib(id2, unit_a, "2022-06", "510", "正常应缴", 449400, 3595, 0, 0);
    contrib(id3, unit_a, "2022-06", "340", "正常应缴", 700001, 7000, 0, 0);
    contrib(id3, unit_a, "2022-05", "310", "正常应缴", 700001, 42000, 14000, 14000);
    contrib(id_b, unit_b, "2022-06", "310", "正常应缴", 600000, 36000, 12000, 12000);
    make_big_unit();
}

static void client(struct client *c, const char *unit)
{
    struct resp r;
    client_init(c);
    ck_assert(login(c, unit, PW));
    ck_assert_int_eq(http_get(c, "/export/payments", &r), 200);   /* csrf token */
    resp_free(&r);
}

/* POSTs an export; the status; *job the id on 303, else 0. */
static long post_export(struct client *c, const char *month, const char *type, long *job,
                        struct resp *r)
{
    char body[128], loc[256];
    long st;

    snprintf(body, sizeof body, "month=%s&type=%s", month, type);
    st = http_post(c, "/export/payments", body, 1, r);
    *job = 0;
    if (st == 303 && resp_header(r, "Location", loc, sizeof loc) == 0)
        sscanf(loc, "/jobs/%ld", job);
    return st;
}

static long export_done(struct client *c, const char *month, const char *type)
{
    struct resp r;
    long job = 0;

    ck_assert_int_eq(post_export(c, month, type, &job, &r), 303);
    resp_free(&r);
    ck_assert_int_gt(job, 0);
    batch_wait_done(job, 60);
    return job;
}

static long get_result(struct client *c, long job, struct resp *r)
{
    char path[64];
    snprintf(path, sizeof path, "/jobs/%ld/result.csv", job);
    return http_get(c, path, r);
}

START_TEST(form_offers_month_and_types_with_all)
{
    struct client c;
    struct resp r;

    client(&c, unit_a);
    ck_assert_int_eq(http_get(&c, "/export/payments", &r), 200);
    ck_assert(has(&r, "职工缴费明细导出"));
    ck_assert(has(&r, "type=\"month\" id=\"month\" name=\"month\""));
    ck_assert(has(&r, "<option value=\"\">全部</option>"));
    ck_assert(has(&r, "<option value=\"310\">职工基本医疗保险</option>"));
    ck_assert(has(&r, "<option value=\"320\">公务员医疗保险</option>"));
    ck_assert(has(&r, "name=\"csrf\""));
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(export_of_a_month_is_every_row_of_the_unit_to_the_fen)
{
    static const char want[] = BOM HEAD
        "=\"%s\",导出甲,职工基本医疗保险,正常应缴,6000.00,360.00,120.00,120.00\r\n"
        "=\"%s\",导出甲,大额医疗费用补助,正常应缴,6000.00,0.00,5.00,0.00\r\n"
        "=\"%s\",导出乙,职工基本医疗保险,补缴,4494.00,269.64,89.88,89.88\r\n"
        "=\"%s\",导出乙,生育保险,正常应缴,4494.00,35.95,0.00,0.00\r\n"
        "=\"%s\",导出丙,地方补充医疗保险,正常应缴,7000.01,70.00,0.00,0.00\r\n";
    char expect[2048], path[64], disp[512];
    struct client c;
    struct resp r;
    long job;

    client(&c, unit_a);
    job = export_done(&c, "2022-06", "");
    /* the job page: kind, month, 险种, progress and the 导出 button */
    snprintf(path, sizeof path, "/jobs/%ld", job);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, "职工缴费明细导出"));
    ck_assert(has(&r, "2022年6月"));
    ck_assert(has(&r, "<dd>全部</dd>"));
    ck_assert(has(&r, "aria-valuenow=\"100\""));
    snprintf(path, sizeof path, "/jobs/%ld/result.csv", job);
    ck_assert(has(&r, path));
    resp_free(&r);
    snprintf(path, sizeof path, "/jobs/%ld?format=json", job);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, "\"total\":5,\"processed\":5"));
    ck_assert(has(&r, "\"done\":true"));
    resp_free(&r);

    ck_assert_int_eq(get_result(&c, job, &r), 200);
    snprintf(expect, sizeof expect, want, id1, id1, id2, id2, id3);
    ck_assert_str_eq(r.body.p, expect);
    ck_assert_int_eq(resp_header(&r, "Content-Disposition", disp, sizeof disp), 0);
    ck_assert(strstr(disp, "attachment") != NULL);
    ck_assert_int_eq(resp_header(&r, "Content-Type", disp, sizeof disp), 0);
    ck_assert(strstr(disp, "text/csv") != NULL);
    ck_assert_int_ne(resp_header(&r, "Content-Encoding", disp, sizeof disp), 0);
    resp_free(&r);
    /* a client that takes gzip gets the stored stream as it is (curl decodes it) */
    curl_easy_setopt(c.curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    ck_assert_int_eq(get_result(&c, job, &r), 200);
    ck_assert_int_eq(resp_header(&r, "Content-Encoding", disp, sizeof disp), 0);
    ck_assert_str_eq(disp, "gzip");
    ck_assert_str_eq(r.body.p, expect);
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(one_type_exports_that_type_only)
{
    char expect[1024];
    struct client c;
    struct resp r;
    long job;

    client(&c, unit_a);
    job = export_done(&c, "2022-06", "310");
    ck_assert_int_eq(get_result(&c, job, &r), 200);
    snprintf(expect, sizeof expect, BOM HEAD
             "=\"%s\",导出甲,职工基本医疗保险,正常应缴,6000.00,360.00,120.00,120.00\r\n"
             "=\"%s\",导出乙,职工基本医疗保险,补缴,4494.00,269.64,89.88,89.88\r\n", id1, id2);
    ck_assert_str_eq(r.body.p, expect);
    resp_free(&r);
    /* a month without contributions: the header only */
    job = export_done(&c, "2021-01", "");
    ck_assert_int_eq(get_result(&c, job, &r), 200);
    ck_assert_str_eq(r.body.p, BOM HEAD);
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(another_units_export_is_never_visible)
{
    static const char *const subs[] = {"", "?format=json", "/result.csv", "/delete"};
    struct client a, b;
    struct resp r;
    char path[64];
    long job;

    client(&a, unit_a);
    client(&b, unit_b);
    job = export_done(&a, "2022-06", "");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        snprintf(path, sizeof path, "/jobs/%ld%s", job, subs[i]);
        ck_assert_int_eq(http_get(&b, path, &r), 404);
        ck_assert(!has(&r, id1));
        resp_free(&r);
    }
    snprintf(path, sizeof path, "\"id\":%ld,", job);
    ck_assert_int_eq(http_get(&b, "/jobs?format=json", &r), 200);
    ck_assert(!has(&r, path));
    resp_free(&r);
    snprintf(path, sizeof path, "/jobs/%ld\"", job);
    ck_assert_int_eq(http_get(&b, "/export/payments", &r), 200);
    ck_assert(!has(&r, path));
    resp_free(&r);
    /* unit b's own export has its own row only */
    job = export_done(&b, "2022-06", "");
    ck_assert_int_eq(get_result(&b, job, &r), 200);
    ck_assert(has(&r, id_b));
    ck_assert(!has(&r, id1) && !has(&r, id2) && !has(&r, id3));
    resp_free(&r);
    client_free(&a);
    client_free(&b);
}
END_TEST

START_TEST(bad_month_or_type_gives_a_field_message_and_no_job)
{
    static const struct { const char *month, *type; int field; } cases[] = {
        {"2022-13", "", 0}, {"2022-6", "", 0}, {"abc", "310", 0}, {"", "", 0},
        {"2022-06", "999", 1}, {"2022-06", "31", 1}, {"2022-06", "全部", 1},
    };
    char text[MSG_TEXT_MAX];
    struct client c;
    struct resp r;
    long job, before;

    client(&c, unit_a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *month = urlenc(cases[i].month), *type = urlenc(cases[i].type);
        before = batch_jobs_of(unit_a);
        ck_assert_int_eq(post_export(&c, month, type, &job, &r), 200);
        if (cases[i].field)
            snprintf(text, sizeof text, "%s", msg_text(MSG_EXPORT_TYPE_UNKNOWN));
        else
            snprintf(text, sizeof text, msg_text(cases[i].month[0] ? MSG_FIELD_INVALID
                                                                   : MSG_FIELD_REQUIRED),
                     "费款所属期");
        ck_assert_msg(has(&r, text), "case %zu: no '%s'", i, text);
        ck_assert(has(&r, "field-error"));
        ck_assert(has(&r, "msg fail"));
        ck_assert_int_eq(batch_jobs_of(unit_a), before);
        resp_free(&r);
        free(month);
        free(type);
    }
    client_free(&c);
}
END_TEST

START_TEST(result_of_a_job_not_done_says_so_and_expired_is_410)
{
    struct client c;
    struct resp r;
    long job;

    client(&c, unit_a);
    job = export_done(&c, "2022-06", "");
    /* a job still running (cancelled, so that no worker takes it again) */
    sql("UPDATE jobs SET done = 0, cancelled = 1 WHERE id = %ld", job);
    ck_assert_int_eq(get_result(&c, job, &r), 409);
    ck_assert(has(&r, msg_text(MSG_EXPORT_NOT_DONE)));
    ck_assert(!has(&r, id1));
    resp_free(&r);
    /* done 25 hours ago (real clock, Asia/Shanghai) */
    sql("UPDATE jobs SET done = 1, done_at = CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+08:00')"
        " - INTERVAL 25 HOUR WHERE id = %ld", job);
    ck_assert_int_eq(get_result(&c, job, &r), 410);
    ck_assert(has(&r, msg_text(MSG_EXPORT_EXPIRED)));
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* Holds the job's row lock (on s) once the worker has committed part of the
 * file: its next chunk waits for it. 1 when caught mid-export. */
static int catch_mid_export(struct store *s, long job)
{
    struct sbind in, res;
    long processed = 0, total = 0;
    int done = 0;

    for (int i = 0; i < 60000; i++) {
        ck_assert_int_eq(store_begin(s), 0);
        sb_init(&in);
        sb_i64(&in, job);
        sb_init(&res);
        sb_out_long(&res, &processed);
        sb_out_long(&res, &total);
        sb_out_int(&res, &done);
        ck_assert_int_eq(db_query_one(s, "it.export_lock", "SELECT processed, total, done"
                                      " FROM jobs WHERE id = ? FOR UPDATE", &in, &res), 0);
        if (done)
            break;
        if (processed > 0 && processed < total)
            return 1;
        store_rollback(s);
        usleep(500);
    }
    store_rollback(s);
    return 0;
}

START_TEST(worker_killed_mid_export_the_file_is_complete_and_not_duplicated)
{
    long rows = 6L * BIG_PERSONS, job, pid, lines = 0, sum = 0;
    struct store *s = it_store_open();
    struct client c;
    struct resp r, again;

    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions c JOIN units u ON u.id = c.unit_id"
                              " WHERE u.unit_no = '%s' AND c.month = '2022-06-01'", unit_big), rows);
    client(&c, unit_big);
    ck_assert_int_eq(post_export(&c, "2022-06", "", &job, &r), 303);
    resp_free(&r);
    ck_assert_msg(catch_mid_export(s, job), "the export finished before the kill");
    ck_assert_int_ge(sql_long("SELECT COUNT(*) FROM job_files WHERE job_id = %ld", job), 1);
    pid = batch_worker_pid();
    ck_assert_int_eq(kill((pid_t)pid, SIGKILL), 0);
    store_rollback(s);   /* the dead worker's chunk transaction goes with it */
    store_close(&s);
    batch_wait_new_worker(pid);
    batch_wait_done(job, 120);

    ck_assert_int_eq(sql_long("SELECT processed FROM jobs WHERE id = %ld", job), rows);
    ck_assert_int_eq(sql_long("SELECT total FROM jobs WHERE id = %ld", job), rows);
    /* the chunks are 0..n-1, none left over from the dead worker */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) - MAX(seq) - 1 FROM job_files WHERE job_id = %ld",
                              job), 0);
    ck_assert_int_ge(sql_long("SELECT COUNT(*) FROM job_files WHERE job_id = %ld", job), 2);
    ck_assert_int_eq(get_result(&c, job, &r), 200);
    ck_assert(strncmp(r.body.p, BOM HEAD, strlen(BOM HEAD)) == 0);
    /* every row, the 单位缴费 column summing to the database's total */
    for (char *p = r.body.p + strlen(BOM HEAD); *p; lines++) {
        char *end = strstr(p, "\r\n"), *f = p;
        long yuan = 0, fen = 0;
        ck_assert_ptr_nonnull(end);
        for (int k = 0; k < 5; k++)
            f = strchr(f, ',') + 1;
        ck_assert_int_eq(sscanf(f, "%ld.%ld", &yuan, &fen), 2);
        sum += yuan * 100 + fen;
        p = end + 2;
    }
    ck_assert_int_eq(lines, rows);
    ck_assert_int_eq(sum, sql_long("SELECT SUM(c.unit_fen) FROM contributions c JOIN units u"
                                   " ON u.id = c.unit_id WHERE u.unit_no = '%s'"
                                   " AND c.month = '2022-06-01'", unit_big));
    /* and byte for byte what an export without a kill writes */
    job = export_done(&c, "2022-06", "");
    ck_assert_int_eq(get_result(&c, job, &again), 200);
    ck_assert_uint_eq(again.body.len, r.body.len);
    ck_assert(memcmp(again.body.p, r.body.p, r.body.len) == 0);
    resp_free(&again);
    resp_free(&r);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("export");
    TCase *t = tcase_create("export_payments");

    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, form_offers_month_and_types_with_all);
    tcase_add_test(t, export_of_a_month_is_every_row_of_the_unit_to_the_fen);
    tcase_add_test(t, one_type_exports_that_type_only);
    tcase_add_test(t, another_units_export_is_never_visible);
    tcase_add_test(t, bad_month_or_type_gives_a_field_message_and_no_job);
    tcase_add_test(t, result_of_a_job_not_done_says_so_and_expired_is_410);
    tcase_add_test(t, worker_killed_mid_export_the_file_is_complete_and_not_duplicated);
    suite_add_tcase(s, t);
    return it_run(s);
}
