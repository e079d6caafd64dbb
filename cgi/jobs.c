/*
 * /jobs — 批量任务 (spec §8, §11): the unit's batch jobs.
 *   GET  /jobs                   200 the job table; format=csv: the same as CSV
 *                                (format=xlsx: as a workbook, web/sheet.h);
 *                                format=json: {"jobs":[job, …]} for polling;
 *                                400 any other format
 *   GET  /jobs/ID                200 one job with its progress bar (polled by
 *                                static/js/jobs.js; 刷新 without JS);
 *                                format=json: one job; 400 any other format;
 *                                404 unknown or another unit's job
 *   Each of the three files below is also served as .xlsx (a workbook of
 *   the same rows: IDs and phones text cells, amounts numbers).
 *   GET  /jobs/ID/failed.csv     200 the failed rows (UTF-8 with BOM): the template's
 *                                columns, 失败原因, 原行号 — uploadable again as
 *                                it is; 410 已过期 24 hours after the job
 *                                completed; 404 as above
 *   GET  /jobs/ID/result.csv     200 an export job's file (UTF-8 with BOM; stored
 *                                gzipped: sent so with Content-Encoding: gzip
 *                                when the client accepts it, else decompressed); 409 the job page with
 *                                导出文件尚未生成完毕 while not done; 410 已过期
 *                                24 hours after it completed; 404 not an export
 *                                job, or as above
 *   GET  /jobs/ID/missing.csv    200 a finished 工资年度申报 job's 未申报人员 (证件号码,
 *                                姓名; the job page shows the first 50); 409 the job
 *                                page while it runs; 410 已过期; 404 any other job
 *   GET  /jobs/ID/delete         200 the confirmation page, whose form posts to
 *                                the same URL; 404 as above
 *   POST /jobs/ID/delete         303 to /jobs: the job and its rows are deleted (a
 *                                running job's remaining rows are thereby
 *                                cancelled; applied rows stay); 404 as above
 * A job in JSON: {"id","kind","created","total","processed","failed","done",
 * "done_at","percent"}; created and done_at ("YYYY-MM-DD HH:MM:SS", done_at null
 * until done) are on the business clock, as the pages show them.
 * Every lookup is scoped to the session's unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"
#include "base/csv.h"
#include "web/sheet.h"
#include "base/gzip.h"
#include "base/log.h"
#include "store/jobs.h"
#include "store/json.h"
#include "store/wages.h"
#include "rules/insurance.h"

enum key { K_FORMAT, K_DELETED, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
    [K_DELETED] = {"deleted", F_FLAG, 0, NULL},   /* after a deletion: say so on the list */
};

#define LIST_MAX 200
#define JOB_JSON_MAX 512   /* bytes of one job in JSON (the kind is at most 32 bytes) */

enum sub { SUB_NONE, SUB_FAILED, SUB_RESULT, SUB_DELETE, SUB_MISSING, SUB_BAD };

#define MISSING_SHOWN 50   /* 未申报人员 on the job page; missing.csv has them all */

/* "/jobs/123[/failed.csv|/result.csv|/delete]" -> 123 and the sub-page
 * (each .csv also as .xlsx: *xlsx 1); 0 when the path names no job. */
static int64_t parse_path(const char *path, enum sub *sub, int *xlsx)
{
    const char *p = path + strlen("/jobs/");
    int64_t id = 0;
    int digits = 0;

    *sub = SUB_BAD;
    if (strncmp(path, "/jobs/", 6) != 0)
        return 0;
    for (; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
        id = id * 10 + (*p - '0');
    if (digits == 0 || id <= 0)
        return 0;
    *xlsx = 0;
    if (*p == '\0')
        *sub = SUB_NONE;
    else if (strcmp(p, "/delete") == 0)
        *sub = SUB_DELETE;
    else {
        static const struct { const char *name; enum sub sub; } files[] = {
            {"/failed", SUB_FAILED}, {"/result", SUB_RESULT}, {"/missing", SUB_MISSING}};
        for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
            size_t k = strlen(files[i].name);
            if (strncmp(p, files[i].name, k) != 0)
                continue;
            if (strcmp(p + k, ".csv") == 0 || (*xlsx = strcmp(p + k, ".xlsx") == 0))
                *sub = files[i].sub;
        }
    }
    return *sub == SUB_BAD ? 0 : id;
}

/* 是否出现错误 / 错误详情 as the list shows them. */
static const char *error_detail(const struct job *j, char *buf, size_t n)
{
    if (j->error_summary[0])
        return j->error_summary;
    if (j->failed > 0) {
        msg_format(buf, n, MSG_JOB_ROWS_FAILED, (int)j->failed);
        return buf;
    }
    return "";
}

/* 创建时间 and 完成时间 ("" while not done) on the business clock. */
static void job_times(const struct job *j, char created[20], char done[20])
{
    format_datetime(created, &j->as_of);
    done[0] = '\0';
    if (j->done)
        format_datetime(done, &j->done_as_of);
}

static const struct sheet_col list_cols[] = {
    {"功能名称", SHEET_TEXT}, {"创建时间", SHEET_TEXT}, {"数据总量", SHEET_COUNT},
    {"已处理数据", SHEET_COUNT}, {"是否出现错误", SHEET_TEXT}, {"错误详情", SHEET_TEXT},
    {"是否完成", SHEET_TEXT}, {"完成时间", SHEET_TEXT}};

static int list_csv(struct req *r, const struct job *jobs, size_t n, int xlsx)
{
    static const char *const head[] = {"功能名称", "创建时间", "数据总量", "已处理数据",
                                       "是否出现错误", "错误详情", "是否完成", "完成时间"};
    struct buf b = {0};
    int rc = -1;

    if (csv_begin_with_header(&b, head, sizeof head / sizeof head[0]) != 0)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const struct job *j = &jobs[i];
        char dt[20], done[20], total[24], proc[24], err[MSG_TEXT_MAX];
        job_times(j, dt, done);
        snprintf(total, sizeof total, "%ld", j->total);
        snprintf(proc, sizeof proc, "%ld", j->processed);
        if (csv_put(&b, j->kind) || csv_put(&b, dt) || csv_put(&b, total) || csv_put(&b, proc) ||
            csv_put(&b, (j->has_error || j->failed) ? "是" : "否") ||
            csv_put(&b, error_detail(j, err, sizeof err)) || csv_put(&b, j->done ? "是" : "否") ||
            csv_put(&b, done) || csv_end_row(&b))
            goto out;
    }
    rc = sheet_send_table(r, xlsx, b.p, b.len, list_cols, sizeof list_cols / sizeof *list_cols,
                          "批量任务.csv");
out:
    buf_free(&b);
    return rc;
}

static void json_job(struct json *js, const struct job *j)
{
    char created[20], done[20];

    job_times(j, created, done);
    json_object(js);
    json_kint(js, "id", j->id);
    json_kstr(js, "kind", j->kind);
    json_kstr(js, "created", created);
    json_kint(js, "total", j->total);
    json_kint(js, "processed", j->processed);
    json_kint(js, "failed", j->failed);
    json_kbool(js, "done", j->done);
    json_kstr(js, "done_at", j->done ? done : NULL);
    json_kint(js, "percent", web_job_percent(j));
    json_close(js);
}

/* jobs[0..n) as JSON: one job (list == 0) or {"jobs":[…]}. */
static int send_json(struct req *r, const struct job *jobs, size_t n, int list)
{
    size_t cap = (n + 1) * JOB_JSON_MAX;
    char *body = malloc(cap);
    struct json js;
    int rc = -1;

    if (!body)
        return -1;
    json_init(&js, body, cap);
    if (list) {
        json_object(&js);
        json_key(&js, "jobs");
        json_array(&js);
    }
    for (size_t i = 0; i < n; i++)
        json_job(&js, &jobs[i]);
    if (list) {
        json_close(&js);
        json_close(&js);
    }
    if (json_end(&js) == 0)
        rc = web_send(r, 200, "application/json; charset=utf-8", body, strlen(body), NULL);
    free(body);
    return rc;
}

static int jobs_list(struct req *r)
{
    const char *format = r->field[K_FORMAT].text;
    struct job *jobs = calloc(LIST_MAX, sizeof *jobs);
    size_t n = 0;
    int rc = -1;

    if (!jobs)
        return -1;
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0 &&
        strcmp(format, "json") != 0) {
        rc = web_error(r, 400, NULL);
        goto out;
    }
    if (store_jobs_list(r->db, r->unit.id, r->real_now, jobs, LIST_MAX, &n) != 0)
        goto out;
    if (format) {
        rc = strcmp(format, "json") != 0 ? list_csv(r, jobs, n, sheet_format(format) == 1)
                                         : send_json(r, jobs, n, 1);
        goto out;
    }
    hdf_set_value(r->hdf, "Page.Title", "批量任务");
    hdf_set_value(r->hdf, "Page.Key", "jobs");
    if (r->field[K_DELETED].flag)
        web_msg(r, "ok", msg_text(MSG_JOB_DELETED));
    for (size_t i = 0; i < n; i++) {
        char prefix[32], err[MSG_TEXT_MAX], name[64];
        snprintf(prefix, sizeof prefix, "Jobs.%zu", i);
        web_set_job(r, prefix, &jobs[i]);
        snprintf(name, sizeof name, "%s.Error", prefix);
        hdf_set_value(r->hdf, name, error_detail(&jobs[i], err, sizeof err));
    }
    rc = web_render(r, 200, "jobs.cs");
out:
    free(jobs);
    return rc;
}

static int is_wages(const struct job *j)
{
    return strcmp(j->kind, JOB_KIND_WAGES) == 0 && j->start_ym >= 0;
}

/* The HDF of one job (Job.*), for its page and its delete confirmation. The title names
 * the job ("批量任务:批量增员申报(任务号 12)"), so /jobs/ID is told apart from /jobs and
 * from another job's page (WCAG 2.4.2, issue 17). */
static void set_job(struct req *r, const struct job *j, const char *title)
{
    char err[MSG_TEXT_MAX], full[160];

    snprintf(full, sizeof full, "%s:%s(任务号 %lld)", title, j->kind, (long long)j->id);
    hdf_set_value(r->hdf, "Page.Title", full);
    hdf_set_value(r->hdf, "Page.Key", "jobs");
    web_set_job(r, "Job", j);
    hdf_set_value(r->hdf, "Job.Error", error_detail(j, err, sizeof err));
    if (is_wages(j)) {
        hdf_set_int_value(r->hdf, "Job.WageYear", ym_year(j->start_ym));
    } else if (j->start_ym >= 0) {
        char label[FORMAT_MONTH_CN_MAX];
        format_month_cn(label, sizeof label, j->start_ym);
        hdf_set_value(r->hdf, "Job.StartMonth", label);
        hdf_set_int_value(r->hdf, "Job.Civil", j->civil_servant);
    }
    if (j->export_ym >= 0) {
        char label[FORMAT_MONTH_CN_MAX];
        const char *type = j->export_type[0] ? insurance_name(atoi(j->export_type)) : NULL;
        format_month_cn(label, sizeof label, j->export_ym);
        hdf_set_value(r->hdf, "Job.ExportMonth", label);
        hdf_set_value(r->hdf, "Job.ExportType", type ? type : "全部");
    }
}

static int expired_page(struct req *r, enum msg_id text);

/* 未申报人员 of a finished wage job: the count and the first MISSING_SHOWN. */
struct missing_ctx { struct req *r; struct buf *csv; int i; };

static int put_missing_row(const char *id_no, const char *name, void *arg)
{
    struct missing_ctx *c = arg;
    char key[48];

    if (c->csv)
        return csv_put_text(c->csv, id_no) || csv_put(c->csv, name) || csv_end_row(c->csv);
    snprintf(key, sizeof key, "Missing.Rows.%d.IdNo", c->i);
    hdf_set_value(c->r->hdf, key, id_no);
    snprintf(key, sizeof key, "Missing.Rows.%d.Name", c->i++);
    hdf_set_value(c->r->hdf, key, name);
    return 0;
}

static int put_missing(struct req *r, const struct job *j)
{
    struct missing_ctx c = {r, NULL, 0};
    long n = 0;

    if (store_wages_missing_count(r->db, r->unit.id, j->id, ym_year(j->start_ym), &n) != 0)
        return -1;
    hdf_set_int_value(r->hdf, "Missing.Count", (int)n);
    hdf_set_int_value(r->hdf, "Missing.Shown", n > MISSING_SHOWN ? MISSING_SHOWN : (int)n);
    return store_wages_missing_each(r->db, r->unit.id, j->id, ym_year(j->start_ym), 0,
                                    MISSING_SHOWN, put_missing_row, &c);
}

/* GET /jobs/ID/missing.csv: every 未申报人员 of a finished wage job. */
static const char *const missing_header[] = {"证件号码", "姓名"};
static const struct sheet_col missing_cols[] = {{"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}};

static int missing_csv(struct req *r, const struct job *j, int xlsx)
{
    struct buf b = {0};
    struct missing_ctx c = {r, &b, 0};
    char fname[64];
    int rc = -1;

    if (!is_wages(j))
        return web_error(r, 404, msg_text(MSG_JOB_NOT_FOUND));
    if (j->expired)
        return expired_page(r, MSG_JOB_EXPIRED);
    if (!j->done) {
        set_job(r, j, "批量任务");
        web_msg(r, "fail", msg_text(MSG_JOB_CREATED));
        return web_render(r, 409, "job.cs");
    }
    if (csv_begin_with_header(&b, missing_header, 2) != 0 ||
        store_wages_missing_each(r->db, r->unit.id, j->id, ym_year(j->start_ym), 0, -1,
                                 put_missing_row, &c) != 0)
        goto out;
    snprintf(fname, sizeof fname, "未申报人员-%lld.csv", (long long)j->id);
    rc = sheet_send_table(r, xlsx, b.p, b.len, missing_cols, 2, fname);
out:
    buf_free(&b);
    return rc;
}

static int job_page(struct req *r, const struct job *j)
{
    const char *format = r->field[K_FORMAT].text;

    if (format && strcmp(format, "json") == 0)
        return send_json(r, j, 1, 0);
    if (format)
        return web_error(r, 400, NULL);
    set_job(r, j, "批量任务");
    if (!j->done)
        web_msg(r, "ok", msg_text(j->result_name[0] ? MSG_EXPORT_CREATED
                                  : is_wages(j) ? MSG_WAGES_CREATED : MSG_JOB_CREATED));
    if (is_wages(j) && j->done && !j->expired && put_missing(r, j) != 0)
        return -1;
    if (web_print_header(r, "批量任务", NULL) != 0)
        return -1;
    return web_render(r, 200, "job.cs");
}

/* GET /jobs/ID/delete: what deleting this job does, and the form that does it. */
static int delete_page(struct req *r, const struct job *j)
{
    set_job(r, j, "删除批量任务");
    return web_render(r, 200, "job_delete.cs");
}

struct failed_out { struct buf *b; int err; size_t cells; };

static int put_failed_row(const struct job_row *row, void *arg)
{
    struct failed_out *o = arg;
    char line[24];
    snprintf(line, sizeof line, "%ld", row->line_no);
    if (csv_put_text(o->b, row->cell[0]) || csv_put(o->b, row->cell[1]) ||
        csv_put(o->b, row->cell[2]) || (o->cells > 3 && csv_put(o->b, row->cell[3])) ||
        csv_put(o->b, row->message) || csv_put(o->b, line) || csv_end_row(o->b)) {
        o->err = 1;
        return 1;
    }
    return 0;
}

static int expired_page(struct req *r, enum msg_id text)
{
    hdf_set_value(r->hdf, "Page.Title", "批量任务");
    hdf_set_value(r->hdf, "Page.Key", "jobs");
    hdf_set_int_value(r->hdf, "Expired", 1);
    web_msg(r, "fail", msg_text(text));
    return web_render(r, 410, "job.cs");
}

/* failed.xlsx: the template's columns (wages have no 联系电话), 失败原因, 原行号 */
static const struct sheet_col failed_enroll_cols[] = {
    {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}, {"月申报工资", SHEET_MONEY},
    {"联系电话", SHEET_ID}, {"失败原因", SHEET_TEXT}, {"原行号", SHEET_COUNT}};
static const struct sheet_col failed_wages_cols[] = {
    {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}, {"月申报工资", SHEET_MONEY},
    {"失败原因", SHEET_TEXT}, {"原行号", SHEET_COUNT}};

static int failed_csv(struct req *r, const struct job *j, int xlsx)
{
    struct buf b = {0};
    struct failed_out o = {&b, 0, is_wages(j) ? WAGES_CELLS : JOB_CELLS};
    char fname[64];
    int rc = -1;

    if (j->expired)
        return expired_page(r, MSG_JOB_EXPIRED);
    if (csv_begin_with_header(&b, is_wages(j) ? wages_columns : job_enroll_columns,
                              o.cells + JOB_FAILED_EXTRA) != 0)
        goto out;
    if (store_job_failed_rows(r->db, r->unit.id, j->id, put_failed_row, &o) != 0 || o.err)
        goto out;
    snprintf(fname, sizeof fname, "失败数据-%lld.csv", (long long)j->id);
    rc = is_wages(j) ? sheet_send_table(r, xlsx, b.p, b.len, failed_wages_cols,
                                        sizeof failed_wages_cols / sizeof *failed_wages_cols, fname)
                     : sheet_send_table(r, xlsx, b.p, b.len, failed_enroll_cols,
                                        sizeof failed_enroll_cols / sizeof *failed_enroll_cols, fname);
out:
    buf_free(&b);
    return rc;
}

/* 1 when the client takes a gzip body (Accept-Encoding names gzip without
 * q=0): the stored file then goes out as it is. */
static int accepts_gzip(const struct req *r)
{
    const char *ae = r->fcgi ? FCGX_GetParam("HTTP_ACCEPT_ENCODING", r->fcgi->envp) : NULL;
    const char *g = ae ? strstr(ae, "gzip") : NULL;

    if (!g)
        return 0;
    for (g += 4; *g == ' ' || *g == ';'; g++)
        ;
    return strncmp(g, "q=", 2) != 0 || strtod(g + 2, NULL) > 0;
}

/* result.xlsx: the export's columns (cgi/worker/export.c) */
static const struct sheet_col result_cols[] = {
    {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}, {"险种", SHEET_TEXT}, {"缴费类型", SHEET_TEXT},
    {"缴费基数", SHEET_MONEY}, {"单位缴费", SHEET_MONEY}, {"个人缴费", SHEET_MONEY},
    {"划入个人账户", SHEET_MONEY}};

/* result.xlsx streamed: the stored gzip chunks as they come from the
 * database -> inflated a fixed room at a time -> the CSV reader carrying a
 * partial row across rooms -> one workbook row each (constant-memory mode).
 * Memory holds one chunk, one room and one row, whatever the export's size. */
struct result_stream {
    struct gunzip_stream g;
    struct csv_stream c;
    struct sheet_out s;
    int header_seen, failed;
};

static int result_row(const struct csv_row *row, void *arg)
{
    struct result_stream *x = arg;

    if (!x->header_seen) {          /* the CSV's header: the columns' titles replace it */
        x->header_seen = 1;
        return 0;
    }
    return sheet_csv_row(&x->s, row);
}

static int result_inflated(const char *data, size_t len, void *arg)
{
    struct result_stream *x = arg;
    return csv_stream_feed(&x->c, data, len);
}

static int result_chunk(const char *data, size_t len, void *arg)
{
    struct result_stream *x = arg;
    if (gunzip_stream_feed(&x->g, data, len, result_inflated, x) != 0)
        x->failed = 1;           /* store_job_file_read stops, and answers 0 */
    return x->failed;
}

static int result_xlsx(struct req *r, const struct job *j)
{
    struct csv_limits lim = {(size_t)-1, sizeof result_cols / sizeof *result_cols + 2,
                             (size_t)1 << 20};
    struct result_stream x = {0};
    char file[256], name[128];
    int rc = -1;

    sheet_names(j->result_name, file, name);
    if (gunzip_stream_begin(&x.g, GUNZIP_CHUNK) != 0)
        return -1;
    csv_stream_begin(&x.c, &lim, result_row, &x);
    if (sheet_begin(&x.s, name, result_cols, sizeof result_cols / sizeof *result_cols, 1) != 0)
        goto out;
    if (store_job_file_read(r->db, r->unit.id, j->id, result_chunk, &x) != 0 || x.failed ||
        gunzip_stream_finish(&x.g) != 0 || csv_stream_finish(&x.c) != 0) {
        log_msg(LOG_ERROR, "jobs: job %lld's result did not read back as CSV", (long long)j->id);
        sheet_abort(&x.s);
        goto out;
    }
    rc = sheet_send(&x.s, r, file);
out:
    csv_stream_end(&x.c);
    gunzip_stream_end(&x.g);
    return rc;
}

/* result.csv streamed: the stored chunks (one gzip stream) as they come from
 * the database, as they are with Content-Encoding: gzip, or inflated a fixed
 * room at a time for a client that takes no gzip. Memory holds one chunk and
 * one room, whatever the export's size. */
struct csv_out {
    struct req *r;
    struct gunzip_stream g;
    int failed;
};

static int csv_write(const char *data, size_t len, void *arg)
{
    struct csv_out *o = arg;
    return web_stream_write(o->r, data, len);
}

static int csv_chunk(const char *data, size_t len, void *arg)
{
    struct csv_out *o = arg;
    if (gunzip_stream_feed(&o->g, data, len, csv_write, o) != 0)
        o->failed = 1;           /* store_job_file_read stops, and answers 0 */
    return o->failed;
}

static int csv_chunk_raw(const char *data, size_t len, void *arg)
{
    struct csv_out *o = arg;
    if (web_stream_write(o->r, data, len) != 0)
        o->failed = 1;
    return o->failed;
}

static int result_csv(struct req *r, const struct job *j, int xlsx)
{
    struct csv_out o;
    int gz = accepts_gzip(r), rc = -1;

    memset(&o, 0, sizeof o);
    o.r = r;
    if (!j->result_name[0])
        return web_error(r, 404, msg_text(MSG_JOB_NOT_FOUND));
    if (j->expired)
        return expired_page(r, MSG_EXPORT_EXPIRED);
    if (!j->done) {
        set_job(r, j, "批量任务");
        web_msg(r, "fail", msg_text(MSG_EXPORT_NOT_DONE));
        return web_render(r, 409, "job.cs");
    }
    if (xlsx)
        return result_xlsx(r, j);
    if (web_header(r, "Vary", "Accept-Encoding") != 0 ||
        (gz && web_header(r, "Content-Encoding", "gzip") != 0) ||
        (!gz && gunzip_stream_begin(&o.g, GUNZIP_CHUNK) != 0) ||
        web_stream_begin(r, 200, "text/csv; charset=utf-8", j->result_name) != 0)
        goto out;
    if (store_job_file_read(r->db, r->unit.id, j->id, gz ? csv_chunk_raw : csv_chunk, &o) != 0 ||
        o.failed || (!gz && gunzip_stream_finish(&o.g) != 0)) {
        log_msg(LOG_ERROR, "jobs: job %lld's result could not be sent whole", (long long)j->id);
        goto out;
    }
    rc = web_stream_end(r);
out:
    gunzip_stream_end(&o.g);
    return rc;
}

/* Loads the job named by the path, scoped to the unit; only /delete takes a
 * POST. 0 found, 1 answered (404), -1 error. */
static int load(struct req *r, struct job *j, enum sub *sub, int *xlsx)
{
    int64_t id = parse_path(r->path, sub, xlsx);
    int rc;

    if (!id || (strcmp(r->method, "POST") == 0 && *sub != SUB_DELETE))
        return web_error(r, 404, msg_text(MSG_JOB_NOT_FOUND)) == 0 ? 1 : -1;
    rc = store_job_get(r->db, r->unit.id, id, r->real_now, j);
    if (rc == STORE_NOTFOUND)
        return web_error(r, 404, msg_text(MSG_JOB_NOT_FOUND)) == 0 ? 1 : -1;
    return rc == 0 ? 0 : -1;
}

static int jobs_get(struct req *r)
{
    struct job j;
    enum sub sub;
    int rc, xlsx = 0;

    if (strcmp(r->path, "/jobs") == 0 || strcmp(r->path, "/jobs/") == 0)
        return jobs_list(r);
    rc = load(r, &j, &sub, &xlsx);
    if (rc != 0)
        return rc > 0 ? 0 : -1;
    switch (sub) {
    case SUB_NONE: return job_page(r, &j);
    case SUB_FAILED: return failed_csv(r, &j, xlsx);
    case SUB_DELETE: return delete_page(r, &j);
    case SUB_RESULT: return result_csv(r, &j, xlsx);
    case SUB_MISSING: return missing_csv(r, &j, xlsx);
    default: return web_error(r, 404, msg_text(MSG_JOB_NOT_FOUND));
    }
}

static int jobs_post(struct req *r)
{
    struct job j;
    enum sub sub;
    int xlsx = 0;
    int rc = load(r, &j, &sub, &xlsx);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    /* a 查询 account deletes only its own export jobs (spec §7b): the runtime
     * let it POST here (ROUTE_ANY_ROLE); which job is whose is data */
    if (strcmp(r->sess.role, ROLE_VIEWER) == 0 &&
        (!j.result_name[0] || j.account_id != r->sess.account_id))
        return web_error(r, 403, msg_text(MSG_ROLE_REFUSED));
    rc = store_job_delete(r->db, r->unit.id, j.id);
    if (rc == STORE_NOTFOUND)
        return web_error(r, 404, msg_text(MSG_JOB_NOT_FOUND));
    if (rc != 0)
        return -1;
    return web_redirect(r, "/jobs?deleted=1");
}

static const struct route routes[] = {
    {"GET", "/jobs", jobs_get, ROUTE_PREFIX},
    {"POST", "/jobs/", jobs_post, ROUTE_PREFIX | ROUTE_ANY_ROLE},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"jobs", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
