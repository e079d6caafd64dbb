/*
 * /stop — 网上经办——参保人员减员申报 (spec §6, issue 4 item 1).
 *   GET  200 form: 证件号码, 减员时间 (the two valid choices: last day of C-1
 *        and of C), 减员原因 (fixed list), 变更时间 (now, read-only)
 *   POST 200 the form with the result message (msg ok / msg fail); field
 *        messages for a missing 证件号码/减员时间/减员原因 or an unknown 原因;
 *        500 on a database error; 400 undeclared fields; 403 bad CSRF
 * The operation and its decisions are store_stop() (lib/store/stop.h).
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/stop.h"

static const struct field_spec fields[] = {
    {"id_no", F_TEXT, 32},
    {"end_date", F_DATE, 0},
    {"reason", F_TEXT, 32},
    {NULL, 0, 0}};

static void field_error(struct req *r, const char *field, enum msg_id id, const char *label)
{
    char name[64], text[256];
    snprintf(name, sizeof name, "Errors.%s", field);
    msg_format(text, sizeof text, id, label);
    hdf_set_value(r->hdf, name, text);
}

/* The form, keeping what was typed unless `clear` (after a success). */
static int show_form(struct req *r, int clear)
{
    struct decl_state st;
    struct ymd prev, cur;
    char d[11], at[20];
    const char *chosen = clear ? NULL : req_param(r, "end_date");

    web_period(r, &st);
    stop_end_choices(st.month, &prev, &cur);
    hdf_set_value(r->hdf, "Page.Title", "参保人员减员申报");
    hdf_set_value(r->hdf, "Page.Key", "stop");
    format_date(d, prev);
    hdf_set_value(r->hdf, "Choices.0.Value", d);
    hdf_set_value(r->hdf, "Choices.0.Label", "上月末");
    if (!chosen || strcmp(chosen, d) == 0)
        hdf_set_int_value(r->hdf, "Choices.0.Checked", 1);
    format_date(d, cur);
    hdf_set_value(r->hdf, "Choices.1.Value", d);
    hdf_set_value(r->hdf, "Choices.1.Label", "本月末");
    if (chosen && strcmp(chosen, d) == 0)
        hdf_set_int_value(r->hdf, "Choices.1.Checked", 1);
    for (int i = 0; stop_reasons[i]; i++) {
        char key[32];
        snprintf(key, sizeof key, "Reasons.%d", i);
        hdf_set_value(r->hdf, key, stop_reasons[i]);
    }
    format_datetime(at, &r->now);
    hdf_set_value(r->hdf, "Form.ChangedAt", at);
    if (!clear) {
        const char *id = req_param(r, "id_no"), *reason = req_param(r, "reason");
        if (id)
            hdf_set_value(r->hdf, "Form.IdNo", id);
        if (reason)
            hdf_set_value(r->hdf, "Form.Reason", reason);
    }
    return web_render(r, 200, "stop.cs");
}

static int stop_get(struct req *r)
{
    return show_form(r, 0);
}

static int stop_post(struct req *r)
{
    struct stop_input in;
    struct stop_result res;
    struct unit_contact contact;
    const char *operator_name = r->unit.name;
    int bad = 0, rc;

    memset(&in, 0, sizeof in);
    in.id_no = req_param(r, "id_no");
    in.reason = req_param(r, "reason");
    if (!in.id_no) {
        field_error(r, "IdNo", MSG_FIELD_REQUIRED, "证件号码");
        bad = 1;
    }
    rc = req_date(r, "end_date", &in.end_date);
    if (rc == 1) {
        field_error(r, "EndDate", MSG_FIELD_REQUIRED, "减员时间");
        bad = 1;
    } else if (rc < 0) {
        memset(&in.end_date, 0, sizeof in.end_date);   /* refused by the rules, in order */
    }
    if (!in.reason) {
        field_error(r, "Reason", MSG_FIELD_REQUIRED, "减员原因");
        bad = 1;
    } else if (!stop_reason_valid(in.reason)) {
        field_error(r, "Reason", MSG_FIELD_INVALID, "减员原因");
        bad = 1;
    }
    if (bad)
        return show_form(r, 0);

    if (store_unit_contact_get(r->db, r->unit.id, &contact) == 0 && contact.contact_name[0])
        operator_name = contact.contact_name;
    if (store_stop(r->db, &r->unit, &in, &r->policy, &r->now, operator_name, &res) != 0)
        return -1;
    web_msg(r, res.ok ? "ok" : "fail", res.text);
    if (res.ok) {
        hdf_set_value(r->hdf, "Result.IdNo", res.id_no);
        hdf_set_value(r->hdf, "Result.Name", res.name);
        hdf_set_int_value(r->hdf, "Result.Types", res.types_stopped);
        hdf_set_value(r->hdf, "Result.EndDate", req_param(r, "end_date"));
    }
    return show_form(r, res.ok);
}

static const struct route routes[] = {
    {"GET", "/stop", stop_get, 0},
    {"POST", "/stop", stop_post, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"stop", 0, routes, fields};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
