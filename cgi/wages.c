/*
 * /wages — 网上经办——批量缴费申报(工资年度申报) (spec §7, issue 10 item 1): a
 * CSV of 证件号码,姓名,月申报工资 declaring year Y's wages, open only inside the
 * annual window (Policy.WageWindowOpen/Close of Y-1). Issue 11's
 * /wages/adjust (零星基数调整) will be a program of its own next to this one.
 * /wages/template.csv — the file's template (the header only).
 *   GET  /wages               200 the form: year Y, the window, the template,
 *                             the unit's recent jobs; outside the window the
 *                             form is disabled with 当前不在工资年度申报期内…
 *                             and the next window's dates
 *   POST /wages               303 to /jobs/ID once the job and its rows are
 *                             stored (rows are judged by the worker, store/wages.h);
 *                             200 the form with the refusal (no job created):
 *                             window closed, `year` missing or not Y, the file
 *                             problems of web/upload.h; 400 more than one file
 *                             part; 413 over Upload.MaxBytes
 *   GET  /wages/template.csv  200 text/csv, UTF-8 with BOM: the header row only
 *   GET  /wages/template.xlsx 200 the same as a workbook, 证件号码 pre-formatted
 *                             as text for 2,000 rows, header frozen; the file
 *                             may be a CSV or an .xlsx (web/upload.h)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"
#include "web/upload.h"
#include "web/sheet.h"
#include "store/jobs.h"
#include "store/wages.h"

enum key { K_FILE, K_YEAR, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_FILE] = {"file", F_FILE, 0, NULL},
    [K_YEAR] = {"year", F_INT, 0, "申报年度"},
};

#define RECENT_JOBS 10

static const struct upload_spec upload = {wages_columns, WAGES_CELLS, "证件号码,姓名,月申报工资"};

static void set_dt_min(struct req *r, const char *name, const struct portal_dt *t)
{
    char s[20];
    format_datetime(s, t);
    s[16] = '\0';   /* "YYYY-MM-DD HH:MM" */
    hdf_set_value(r->hdf, name, s);
}

static int show_form(struct req *r)
{
    struct wage_window w;
    struct wage_limits lim;
    struct job *jobs;
    size_t njobs = 0;
    char name[64], a[20], b[20], text[MSG_TEXT_MAX];
    int rc;

    hdf_set_value(r->hdf, "Page.Title", "批量缴费申报(工资年度申报)");
    hdf_set_value(r->hdf, "Page.Key", "wages");
    wage_window_at(&r->policy, &r->now, &w);
    hdf_set_int_value(r->hdf, "Wages.Year", w.year);
    hdf_set_int_value(r->hdf, "Wages.Open", w.open);
    set_dt_min(r, "Wages.OpensAt", &w.opens_at);
    set_dt_min(r, "Wages.ClosesAt", &w.closes_at);
    hdf_set_int_value(r->hdf, "Upload.MaxRows", r->cfg->upload.max_rows);
    hdf_set_int_value(r->hdf, "Upload.MaxMB", r->cfg->upload.max_bytes >> 20);
    if (!w.open) {
        format_datetime(a, &w.opens_at);
        format_datetime(b, &w.closes_at);
        a[16] = b[16] = '\0';
        msg_format(text, sizeof text, MSG_WAGES_NEXT_WINDOW, a, b);
        hdf_set_value(r->hdf, "Wages.Closed", msg_text(MSG_WAGES_WINDOW_CLOSED));
        hdf_set_value(r->hdf, "Wages.Next", text);
    }
    rc = store_wages_limits(r->db, w.year, &lim);
    if (rc == 0) {
        web_set_fen(r, "Wages.Lower", lim.lower_fen);
        web_set_fen(r, "Wages.Upper", lim.upper_fen);
        hdf_set_int_value(r->hdf, "Wages.Provisional", lim.provisional);
    } else if (rc != STORE_NOTFOUND) {
        return -1;
    }
    jobs = calloc(RECENT_JOBS, sizeof *jobs);
    if (!jobs || store_jobs_list(r->db, r->unit.id, r->real_now, jobs, RECENT_JOBS, &njobs) != 0) {
        free(jobs);
        return -1;
    }
    for (size_t k = 0; k < njobs; k++) {
        snprintf(name, sizeof name, "Jobs.%zu", k);
        web_set_job(r, name, &jobs[k]);
    }
    free(jobs);
    return web_render(r, 200, "wages.cs");
}

static int wages_get(struct req *r)
{
    return show_form(r);
}

static int refuse(struct req *r, const char *text)
{
    web_msg(r, "fail", text);
    return show_form(r);
}

static int wages_post(struct req *r)
{
    const struct field *year = &r->field[K_YEAR];
    struct wage_window w;
    char refusal[MSG_TEXT_MAX];
    int ret;

    if (r->field[K_FILE].state == FIELD_BAD)   /* two file parts: not this form's */
        return web_error(r, 400, msg_text(MSG_UPLOAD_ONE_FILE));
    wage_window_at(&r->policy, &r->now, &w);
    if (!w.open)
        return refuse(r, msg_text(MSG_WAGES_WINDOW_CLOSED));
    if (year->state == FIELD_ABSENT) {
        web_field_error(r, K_YEAR, MSG_FIELD_REQUIRED);
        return refuse(r, web_field_first_error(r));
    }
    if (year->state != FIELD_OK || year->num != w.year)
        return refuse(r, msg_text(MSG_INFO_YEAR));
    ret = upload_job(r, &r->field[K_FILE], &upload, JOB_KIND_WAGES, ym_make(w.year, 1), 0,
                     refusal, sizeof refusal);
    return ret == 1 ? refuse(r, refusal) : ret;
}

/* The template: the header only (an example row would be a real declaration
 * when the template goes up unchanged). */
static int template_get(struct req *r)
{
    return upload_template_csv(r, &upload, "工资年度申报模板.csv");
}

static const struct sheet_col template_cols[] = {
    {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}, {"月申报工资", SHEET_MONEY}};

static int template_xlsx(struct req *r)
{
    return sheet_send_template(r, template_cols, sizeof template_cols / sizeof *template_cols,
                               SHEET_TEMPLATE_ROWS, "工资年度申报", "工资年度申报模板.xlsx");
}

static const struct route routes[] = {
    {"GET", "/wages", wages_get, 0},
    {"POST", "/wages", wages_post, 0},
    {"GET", "/wages/template.csv", template_get, 0},
    {"GET", "/wages/template.xlsx", template_xlsx, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"wages", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
