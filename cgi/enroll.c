/*
 * /enroll — 网上经办——参保人员增员申报(补收): one new hire with automatic
 * back-payment (spec §5, §11).
 *   GET  200 the form: months C-6 … C (C preselected), the six mandatory types
 *            ticked and locked, 公务员医疗保险 for 机关事业单位 only, the
 *            declaration period and window (a notice when it is closed)
 *            (a notice with the next opening date and the submit disabled
 *            while it is closed)
 *   POST 303 to /declarations/ID (the 参保人员增员申报 written) on success, so
 *            a reload never submits twice (spec §11);
 *        200 the form again, as typed, with field messages (typos are no 400)
 *            or with the rule's failure message (msg fail);
 *        400 civil_servant=1 from a unit that is not 机关事业单位 (a forged
 *            form: the page never offers it); 500 database error
 * The rules are decided by store_enrol (rules library: enroll_decide).
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/enrol.h"

/* The first four keys are enrol_fields_check's fields, in its order
 * (enum enrol_field); their labels are enrol_field_label's. */
enum key { K_ID_NO, K_NAME, K_PHONE, K_WAGE, K_START_MONTH, K_CIVIL_SERVANT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_ID_NO] = {"id_no", F_TEXT, 64, "证件号码"},
    /* the length rule gives a field message (enrol_name_valid) */
    [K_NAME] = {"name", F_TEXT, 4000, "姓名"},
    [K_PHONE] = {"phone", F_TEXT, 64, "联系电话"},
    /* as a clerk types it ("6,000", "６０００", "6000元"): enrol_wage_check */
    [K_WAGE] = {"wage", F_TEXT, 64, "月申报工资"},
    [K_START_MONTH] = {"start_month", F_MONTH, 0, "本次参保时间"},
    [K_CIVIL_SERVANT] = {"civil_servant", F_FLAG, 0, NULL},
};

/* Everything the form shows besides the typed values. */
static void form_frame(struct req *r, int selected_ym)
{
    struct decl_state st;
    char name[64];
    size_t n = 0;
    const int *mand = insurance_mandatory(&n);
    int i;

    hdf_set_value(r->hdf, "Page.Title", "参保人员增员申报(补收)");
    hdf_set_value(r->hdf, "Page.Key", "enroll");
    web_period(r, &st);
    hdf_set_int_value(r->hdf, "Backpay.Max", r->policy.backpay_max);
    web_month_choices(r, st.month, st.month - r->policy.backpay_max,
                      selected_ym < 0 ? st.month : selected_ym);
    for (i = 0; i < (int)n; i++) {
        snprintf(name, sizeof name, "Types.%d.Code", i);
        hdf_set_int_value(r->hdf, name, mand[i]);
        snprintf(name, sizeof name, "Types.%d.Name", i);
        hdf_set_value(r->hdf, name, insurance_name(mand[i]));
    }
    if (unit_is_public(r->unit.unit_type)) {
        hdf_set_int_value(r->hdf, "Civil.Offer", 1);
        hdf_set_value(r->hdf, "Civil.Name", insurance_name(INS_CIVIL));
    }
}

static int enroll_get(struct req *r)
{
    form_frame(r, -1);
    return web_render(r, 200, "enroll.cs");
}

/* Echoes what was typed back into the form. */
static void echo_form(struct req *r)
{
    static const char *const hdf[] = {
        [K_ID_NO] = "Form.IdNo", [K_NAME] = "Form.Name", [K_PHONE] = "Form.Phone",
        [K_WAGE] = "Form.Wage"};
    for (int k = K_ID_NO; k <= K_WAGE; k++)
        if (r->field[k].text)
            hdf_set_value(r->hdf, hdf[k], r->field[k].text);
    if (r->field[K_CIVIL_SERVANT].flag)
        hdf_set_int_value(r->hdf, "Form.Civil", 1);
}

static int enroll_post(struct req *r)
{
    struct enrol_input in;
    struct enrol_result res;
    const struct field *month = &r->field[K_START_MONTH];
    const char *id_no = r->field[K_ID_NO].text, *name = r->field[K_NAME].text;
    const char *phone = r->field[K_PHONE].text;
    int civil = r->field[K_CIVIL_SERVANT].flag, start_ym = month->month, errors = 0;
    long long wage = 0;
    char operator_name[STORE_OPERATOR_MAX];
    enum msg_id problem[ENROL_F__N];
    enum enrol_field f;

    /* 320 is never offered to other units: only a forged form asks for it */
    if (civil && !unit_is_public(r->unit.unit_type))
        return web_error(r, 400, NULL);

    /* the wage's shape is one of enrol_fields_check's rules (the worker's too) */
    enrol_fields_check(id_no, name, phone, r->field[K_WAGE].text, &wage, problem);
    for (f = 0; f < ENROL_F__N; f++)
        if (problem[f] != MSG_OK)
            errors += web_field_error(r, K_ID_NO + (int)f, problem[f]);
    errors += web_field_required(r, K_START_MONTH);
    if (errors) {
        web_msg(r, "fail", web_field_first_error(r));
        echo_form(r);
        form_frame(r, month->state == FIELD_OK ? start_ym : -1);
        return web_render(r, 200, "enroll.cs");
    }

    memset(&in, 0, sizeof in);
    in.id_no = id_no;
    in.name = name;
    in.phone = phone;
    in.wage_fen = wage;
    in.start_ym = start_ym;
    in.civil_servant = civil;
    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0 ||
        store_enrol(r->db, &r->unit, &in, &r->policy, &r->now, operator_name, &res) != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    web_msg(r, "fail", res.text);
    echo_form(r);
    form_frame(r, start_ym);
    return web_render(r, 200, "enroll.cs");
}

static const struct route routes[] = {
    {"GET", "/enroll", enroll_get, 0},
    {"POST", "/enroll", enroll_post, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"enroll", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
