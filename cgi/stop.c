/*
 * /stop — 网上经办——参保人员减员申报 (spec §6, issue 4 item 1).
 *   GET  200 form: 证件号码, 减员时间 (the two valid choices: last day of C-1
 *        and of C), 减员原因 (fixed list), 变更时间 (now, read-only)
 *        (while the window is closed: a notice with the next opening date,
 *        the submit disabled)
 *   POST 303 to /declarations/ID (the 参保人员减员申报 written) on success, so
 *        a reload never submits twice (spec §11);
 *        200 the form, as typed, with the rule's message (msg fail) or field
 *        messages for a missing 证件号码/减员时间/减员原因 or an unknown 原因;
 *        500 on a database error; 400 undeclared fields; 403 bad CSRF
 * The operation and its decisions are store_stop() (lib/store/stop.h).
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/stop.h"

enum key { K_ID_NO, K_END_DATE, K_REASON, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_ID_NO] = {"id_no", F_TEXT, 32, "证件号码"},
    [K_END_DATE] = {"end_date", F_DATE, 0, "减员时间"},
    [K_REASON] = {"reason", F_TEXT, 32, "减员原因"},
};

/* The form, keeping what was typed. */
static int show_form(struct req *r)
{
    struct decl_state st;
    struct ymd prev, cur;
    char d[11], at[20];
    const char *chosen = r->field[K_END_DATE].text;

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
    if (r->field[K_ID_NO].text)
        hdf_set_value(r->hdf, "Form.IdNo", r->field[K_ID_NO].text);
    if (r->field[K_REASON].text)
        hdf_set_value(r->hdf, "Form.Reason", r->field[K_REASON].text);
    return web_render(r, 200, "stop.cs");
}

static int stop_get(struct req *r)
{
    return show_form(r);
}

/* A refusal also marks the field it is about (issue 17, WCAG 3.3.1): the 证件号码 for the
 * checksum and the person's state, 减员时间 for the date; the page message stays. */
static void mark_field(struct req *r, const struct stop_result *res)
{
    switch (res->msg) {
    case MSG_ID_INVALID: case MSG_STOP_NO_BASE: case MSG_STOP_RETIREE: case MSG_STOP_NOT_INSURED:
        web_field_error(r, K_ID_NO, res->msg);
        break;
    case MSG_STOP_END_DATE:
        web_field_error(r, K_END_DATE, res->msg);
        break;
    default:
        break;
    }
}

static int stop_post(struct req *r)
{
    struct stop_input in;
    struct stop_result res;
    char operator_name[STORE_OPERATOR_MAX];
    int bad = 0;

    memset(&in, 0, sizeof in);
    in.id_no = r->field[K_ID_NO].text;
    in.reason = r->field[K_REASON].text;
    /* a malformed end date stays zero: the rules refuse it, in their order */
    in.end_date = r->field[K_END_DATE].date;
    if (!in.id_no)
        bad += web_field_error(r, K_ID_NO, MSG_FIELD_REQUIRED);
    if (r->field[K_END_DATE].state == FIELD_ABSENT)
        bad += web_field_error(r, K_END_DATE, MSG_FIELD_REQUIRED);
    if (!in.reason)
        bad += web_field_error(r, K_REASON, MSG_FIELD_REQUIRED);
    else if (!stop_reason_valid(in.reason))
        bad += web_field_error(r, K_REASON, MSG_FIELD_INVALID);
    bad += web_text_field_errors(r);
    if (bad)
        return show_form(r);

    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0 ||
        store_stop(r->db, &r->unit, &in, &r->policy, &r->now, operator_name, &res) != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    web_msg(r, "fail", res.text);
    mark_field(r, &res);
    return show_form(r);
}

static const struct route routes[] = {
    {"GET", "/stop", stop_get, 0},
    {"POST", "/stop", stop_post, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"stop", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
