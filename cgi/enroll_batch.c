/*
 * /enroll/batch — 网上经办——批量增员申报(补收): a CSV file of new hires, one
 * start month and one set of insurance types for the whole file (spec §5, §8).
 * /enroll/template.csv — the file's template.
 *   GET  /enroll/batch         200 the upload form and the unit's recent jobs
 *   POST /enroll/batch         303 to /jobs/ID once the job and all its rows are
 *                              stored; 200 the form with a message when the file
 *                              is refused (no job is created); 400 civil_servant=1
 *                              from a unit that is not 机关事业单位 (forged form),
 *                              or more than one `file` part (一次只能上传一个文件);
 *                              413 over Upload.MaxBytes (runtime; nginx before it)
 *                              The file has the template's header, or failed.csv's
 *                              (the template's columns, 失败原因, 原行号: a fixed
 *                              failed.csv goes up again as it is).
 *   GET  /enroll/template.csv  200 text/csv, UTF-8 with BOM: the header row only
 *   GET  /enroll/template.xlsx 200 the same as a workbook: 证件号码 and 联系电话
 *                              pre-formatted as text for 2,000 rows, header frozen
 * The file may be a CSV or an .xlsx (told apart by content: web/upload.h).
 * Rows are judged by the worker (cgi/worker/) as of the upload's
 * business time; only what concerns the file as a whole is checked here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"
#include "store/jobs.h"
#include "web/upload.h"
#include "web/sheet.h"
#include "rules/enrolment.h"

enum key { K_FILE, K_START_MONTH, K_CIVIL_SERVANT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_FILE] = {"file", F_FILE, 0, NULL},
    [K_START_MONTH] = {"start_month", F_MONTH, 0, "本次参保时间"},
    [K_CIVIL_SERVANT] = {"civil_servant", F_FLAG, 0, NULL},
};

#define RECENT_JOBS 10
#define GO_ON 1   /* a check found nothing to refuse (handler results are 0 or -1) */

static int max_rows(const struct req *r)
{
    return r->cfg->upload.max_rows;
}

/* The form, the instructions and the unit's recent jobs. */
static int show_form(struct req *r, int selected_ym)
{
    struct decl_state st;
    char name[64];
    struct job *jobs;
    size_t n = 0, njobs = 0;
    const int *mand = insurance_mandatory(&n);
    int i;

    hdf_set_value(r->hdf, "Page.Title", "批量增员申报(补收)");
    hdf_set_value(r->hdf, "Page.Key", "enroll_batch");
    web_period(r, &st);
    hdf_set_int_value(r->hdf, "Backpay.Max", r->policy.backpay_max);
    hdf_set_int_value(r->hdf, "Upload.MaxRows", max_rows(r));
    hdf_set_int_value(r->hdf, "Upload.MaxMB", r->cfg->upload.max_bytes >> 20);
    web_month_choices(r, st.month, st.month - r->policy.backpay_max,
                      selected_ym < 0 ? st.month : selected_ym);
    for (i = 0; i < (int)n; i++) {
        snprintf(name, sizeof name, "Types.%d.Name", i);
        hdf_set_value(r->hdf, name, insurance_name(mand[i]));
    }
    if (unit_is_public(r->unit.unit_type)) {
        hdf_set_int_value(r->hdf, "Civil.Offer", 1);
        hdf_set_value(r->hdf, "Civil.Name", insurance_name(INS_CIVIL));
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
    return web_render(r, 200, "enroll_batch.cs");
}

static int batch_get(struct req *r)
{
    return show_form(r, -1);
}

/* The form again with a refusal message; no job was created. */
static int refuse(struct req *r, const char *text, int selected_ym)
{
    web_msg(r, "fail", text);
    return show_form(r, selected_ym);
}

static int refuse_id(struct req *r, enum msg_id id, int selected_ym)
{
    char text[MSG_TEXT_MAX];
    msg_policy_text(id, &r->policy, text, sizeof text);
    return refuse(r, text, selected_ym);
}

/* What holds for the whole batch is refused before the file is read: every
 * row would fail with the same message. */
static int check_start(struct req *r, int start_ym)
{
    enum msg_id shared = enroll_decide_batch(&r->policy, &r->now, start_ym);

    if (shared != MSG_OK)   /* a refused start month is not kept in the form */
        return refuse_id(r, shared, shared == MSG_WINDOW_CLOSED ? start_ym : -1);
    return GO_ON;
}

static const struct upload_spec upload = {
    job_enroll_columns, JOB_CELLS, "证件号码,姓名,月申报工资,联系电话"};

static int batch_post(struct req *r)
{
    const struct field *month = &r->field[K_START_MONTH];
    int civil = r->field[K_CIVIL_SERVANT].flag, start_ym = month->month;
    char refusal[MSG_TEXT_MAX];
    int ret;

    if (r->field[K_FILE].state == FIELD_BAD)   /* two file parts: not this form's */
        return web_error(r, 400, msg_text(MSG_UPLOAD_ONE_FILE));
    if (civil && !unit_is_public(r->unit.unit_type))
        return web_error(r, 400, NULL);
    if (month->state != FIELD_OK) {
        web_field_required(r, K_START_MONTH);
        return refuse(r, web_field_first_error(r), -1);
    }
    if ((ret = check_start(r, start_ym)) != GO_ON)
        return ret;
    ret = upload_job(r, &r->field[K_FILE], &upload, JOB_KIND_ENROLL, start_ym, civil, refusal,
                     sizeof refusal);
    return ret == 1 ? refuse(r, refusal, start_ym) : ret;
}

/* The template: the header only. An example row would be a real person's
 * enrolment when the template is uploaded unchanged (issue 13 item 1); the
 * form page explains the columns instead. */
static int template_get(struct req *r)
{
    return upload_template_csv(r, &upload, "批量增员申报模板.csv");
}

static const struct sheet_col template_cols[] = {
    {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}, {"月申报工资", SHEET_MONEY},
    {"联系电话", SHEET_ID}};

static int template_xlsx(struct req *r)
{
    return sheet_send_template(r, template_cols, sizeof template_cols / sizeof *template_cols,
                               SHEET_TEMPLATE_ROWS, "批量增员", "批量增员申报模板.xlsx");
}

static const struct route routes[] = {
    {"GET", "/enroll/batch", batch_get, 0},
    {"POST", "/enroll/batch", batch_post, 0},
    {"GET", "/enroll/template.csv", template_get, 0},
    {"GET", "/enroll/template.xlsx", template_xlsx, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"enroll_batch", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
