/*
 * /wages/adjust — 网上经办——零星基数调整 (spec §7a, issue 11 item 3).
 *   GET  200 the form: 证件号码, 调整起始月份 F (C .. January of C-1's year),
 *        月申报工资 (pre-filled from the query: the 反向操作 of an adjustment
 *        gives the old wage)
 *        (while the window is closed: the notice, the submit disabled)
 *   POST 303 to /declarations/ID (the 缴费申报与变更 written) on success;
 *        200 the form with the rule's message (msg fail) or field messages;
 *        500 on a database error; 400 undeclared fields; 403 bad CSRF
 * The operation and its decisions are store_wage_adjust() (store/adjust.h).
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/adjust.h"

enum key { K_ID_NO, K_FROM_MONTH, K_WAGE, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_ID_NO] = {"id_no", F_TEXT, 32, "证件号码"},
    [K_FROM_MONTH] = {"from_month", F_MONTH, 0, "调整起始月份"},
    [K_WAGE] = {"wage", F_MONEY, 0, "月申报工资"},
};

static int show_form(struct req *r)
{
    struct decl_state st;

    web_period(r, &st);
    hdf_set_value(r->hdf, "Page.Title", "零星基数调整");
    hdf_set_value(r->hdf, "Page.Key", "wages_adjust");
    /* C .. January of the year of C-1, newest first */
    web_month_choices(r, st.month, ym_make(ym_year(st.month - 1), 1),
                      r->field[K_FROM_MONTH].state == FIELD_OK ? r->field[K_FROM_MONTH].month : -1);
    if (r->field[K_ID_NO].text)
        hdf_set_value(r->hdf, "Form.IdNo", r->field[K_ID_NO].text);
    if (r->field[K_WAGE].text)
        hdf_set_value(r->hdf, "Form.Wage", r->field[K_WAGE].text);
    return web_render(r, 200, "wages_adjust.cs");
}

static int adjust_get(struct req *r)
{
    return show_form(r);
}

static int adjust_post(struct req *r)
{
    struct adjust_input in;
    struct adjust_result res;
    char operator_name[STORE_OPERATOR_MAX];
    int bad = 0;

    memset(&in, 0, sizeof in);
    in.id_no = r->field[K_ID_NO].text;
    in.from_ym = r->field[K_FROM_MONTH].month;
    in.wage_fen = r->field[K_WAGE].fen;
    if (!in.id_no)
        bad += web_field_error(r, K_ID_NO, MSG_FIELD_REQUIRED);
    bad += web_field_required(r, K_FROM_MONTH);
    if (r->field[K_WAGE].state == FIELD_ABSENT)
        bad += web_field_error(r, K_WAGE, MSG_FIELD_REQUIRED);
    else if (r->field[K_WAGE].state == FIELD_BAD || in.wage_fen <= 0)
        bad += web_field_error(r, K_WAGE, MSG_WAGE_INVALID);
    bad += web_text_field_errors(r);
    if (bad)
        return show_form(r);

    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0 ||
        store_wage_adjust(r->db, &r->unit, &in, &r->policy, &r->now, operator_name, &res) != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    web_msg(r, "fail", res.text);
    return show_form(r);
}

static const struct route routes[] = {
    {"GET", "/wages/adjust", adjust_get, 0},
    {"POST", "/wages/adjust", adjust_post, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"wages_adjust", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
