/*
 * /export/payments — 职工缴费明细导出 (spec §9 item 7, §8, §11): a job that
 * exports every person's contributions of one month, one or all 险种.
 *   GET  /export/payments   200 the form (费款所属期, 险种 with 全部 = empty) and
 *                           the unit's recent export jobs
 *   POST /export/payments   303 to /jobs/ID once the job is stored (the worker
 *                           writes the file: /jobs/ID/result.csv); 200 the form
 *                           with a field message for a missing or malformed
 *                           month or an unknown 险种 (no job is created)
 * The unit is the session's; the worker reads only that unit's rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"
#include "store/jobs.h"
#include "rules/insurance.h"

enum key { K_MONTH, K_TYPE, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_MONTH] = {"month", F_MONTH, 0, "费款所属期"},
    [K_TYPE] = {"type", F_TEXT, 8, "险种"},
};

#define RECENT_SCAN 50   /* the unit's latest jobs looked at for exports */
#define RECENT_SHOWN 10

/* The 险种 of the select, in display order: the six mandatory, then 320. */
static int type_codes(int out[INSURANCE_MANDATORY_N + 1])
{
    size_t n = 0;
    const int *mand = insurance_mandatory(&n);

    memcpy(out, mand, n * sizeof *out);
    out[n] = INS_CIVIL;
    return (int)n + 1;
}

/* "" (全部) or a 险种 code of the select. */
static int type_known(const char *type)
{
    int codes[INSURANCE_MANDATORY_N + 1], n = type_codes(codes);
    char code[8];

    if (!type || !*type)
        return 1;
    for (int i = 0; i < n; i++) {
        snprintf(code, sizeof code, "%d", codes[i]);
        if (strcmp(code, type) == 0)
            return 1;
    }
    return 0;
}

static void set_choices(struct req *r, int month_ym)
{
    int codes[INSURANCE_MANDATORY_N + 1], n = type_codes(codes);
    char name[48], value[8];

    format_month(value, month_ym);
    hdf_set_value(r->hdf, "Form.Month", r->field[K_MONTH].text ? r->field[K_MONTH].text : value);
    hdf_set_value(r->hdf, "Form.Type", r->field[K_TYPE].text ? r->field[K_TYPE].text : "");
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "Types.%d.Code", i);
        snprintf(value, sizeof value, "%d", codes[i]);
        hdf_set_value(r->hdf, name, value);
        snprintf(name, sizeof name, "Types.%d.Name", i);
        hdf_set_value(r->hdf, name, insurance_name(codes[i]));
    }
}

static int set_recent(struct req *r)
{
    struct job *jobs = calloc(RECENT_SCAN, sizeof *jobs);
    size_t n = 0, shown = 0;
    char name[32];

    if (!jobs || store_jobs_list(r->db, r->unit.id, r->real_now, jobs, RECENT_SCAN, &n) != 0) {
        free(jobs);
        return -1;
    }
    for (size_t k = 0; k < n && shown < RECENT_SHOWN; k++) {
        if (strcmp(jobs[k].kind, JOB_KIND_EXPORT) != 0)
            continue;
        snprintf(name, sizeof name, "Jobs.%zu", shown++);
        web_set_job(r, name, &jobs[k]);
    }
    free(jobs);
    return 0;
}

/* The form; the month proposed is the latest whose settlement has begun. */
static int show_form(struct req *r)
{
    struct decl_state st;

    hdf_set_value(r->hdf, "Page.Title", "职工缴费明细导出");
    hdf_set_value(r->hdf, "Page.Key", "export_payments");
    decl_state_at(&r->policy, &r->now, &st);
    set_choices(r, st.settled_through);
    if (set_recent(r) != 0)
        return -1;
    return web_render(r, 200, "export_payments.cs");
}

static int export_get(struct req *r)
{
    return show_form(r);
}

static int export_post(struct req *r)
{
    const struct field *month = &r->field[K_MONTH], *type = &r->field[K_TYPE];
    char fname[200], ym[8], loc[40];
    int64_t id = 0;

    web_field_required(r, K_MONTH);
    if (type->state == FIELD_BAD || !type_known(type->text))
        web_field_error(r, K_TYPE, MSG_EXPORT_TYPE_UNKNOWN);
    if (web_field_first_error(r)) {
        web_msg(r, "fail", web_field_first_error(r));
        return show_form(r);
    }
    format_month(ym, month->month);
    snprintf(fname, sizeof fname, "职工缴费明细-%s%s%s.csv", ym, type->text ? "-" : "",
             type->text ? insurance_name(atoi(type->text)) : "");
    if (store_export_job_create(r->db, r->unit.id, r->real_now, &r->now, month->month,
                                type->text ? type->text : "", fname, &id) != 0)
        return -1;
    snprintf(loc, sizeof loc, "/jobs/%lld", (long long)id);
    return web_redirect(r, loc);
}

static const struct route routes[] = {
    {"GET", "/export/payments", export_get, 0},
    {"POST", "/export/payments", export_post, ROUTE_ANY_ROLE},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"export_payments", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
