/*
 * /backpay — 网上经办——补缴删除 (spec §7a, issue 11 item 1).
 *   GET  200 the unit's 补缴 months created in the current declaration period,
 *        per person, each person with the form deleting a run from the
 *        earliest month; and the form itself (id_no, from, to: pre-filled from
 *        the query, as the 反向操作 link of an 增员 gives them)
 *        (while the window is closed: the notice, the submits disabled)
 *   POST 303 to /declarations/ID (the 补缴删除 written) on success;
 *        200 the page with the rule's message (msg fail) or the field messages
 *        of a missing or malformed 证件号码/起始月份/终止月份;
 *        500 on a database error; 400 undeclared fields; 403 bad CSRF
 * /backpay/add — 网上经办——单独补缴 (spec §7a, issue 11 item 2).
 *   GET  200 the form: 证件号码, 补缴起始月份 (C-backpay_max .. C-1), 月申报工资
 *        (pre-filled from the query)
 *   POST 303 to /declarations/ID (the 职工补缴核定 written) on success;
 *        200 the form with the rule's message or field messages;
 *        500 on a database error; 400 undeclared fields; 403 bad CSRF
 * The operations and their decisions are store_backpay_delete() and
 * store_backpay_add() (store/backpay.h).
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/backpay.h"

enum key { K_ID_NO, K_FROM, K_TO, K_START_MONTH, K_WAGE, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_ID_NO] = {"id_no", F_TEXT, 32, "证件号码"},
    [K_FROM] = {"from", F_MONTH, 0, "删除起始月份"},
    [K_TO] = {"to", F_MONTH, 0, "删除终止月份"},
    [K_START_MONTH] = {"start_month", F_MONTH, 0, "补缴起始月份"},
    [K_WAGE] = {"wage", F_MONEY, 0, "月申报工资"},
};

/* Persons.N.{IdNo, Name, From, Months.K.{Month, Types, Total}}, filled row by row. */
struct lister {
    struct req *r;
    int person, month;
    char last[19];
};

static int list_one(const struct backpay_listed *m, void *arg)
{
    struct lister *l = arg;
    char key[96], ym[8];

    format_month(ym, m->month);
    if (strcmp(l->last, m->id_no) != 0) {
        l->person++;
        l->month = 0;
        snprintf(l->last, sizeof l->last, "%s", m->id_no);
        snprintf(key, sizeof key, "Persons.%d.IdNo", l->person);
        hdf_set_value(l->r->hdf, key, m->id_no);
        snprintf(key, sizeof key, "Persons.%d.Name", l->person);
        hdf_set_value(l->r->hdf, key, m->name);
        snprintf(key, sizeof key, "Persons.%d.From", l->person);
        hdf_set_value(l->r->hdf, key, ym);
    }
    snprintf(key, sizeof key, "Persons.%d.Months.%d.Month", l->person, l->month);
    hdf_set_value(l->r->hdf, key, ym);
    snprintf(key, sizeof key, "Persons.%d.Months.%d.Types", l->person, l->month);
    hdf_set_int_value(l->r->hdf, key, (int)m->types);
    snprintf(key, sizeof key, "Persons.%d.Months.%d.Total", l->person, l->month++);
    web_set_fen(l->r, key, m->total_fen);
    return 0;
}

static int show_page(struct req *r)
{
    struct decl_state st;
    struct lister l;

    web_period(r, &st);
    hdf_set_value(r->hdf, "Page.Title", "补缴删除");
    hdf_set_value(r->hdf, "Page.Key", "backpay");
    memset(&l, 0, sizeof l);
    l.r = r;
    l.person = -1;
    if (store_backpay_list(r->db, r->unit.id, st.month, r->policy.backpay_max, &st.opens_at,
                           list_one, &l) != 0)
        return -1;
    if (l.person < 0)
        hdf_set_value(r->hdf, "Empty", msg_text(MSG_BACKPAY_DELETE_EMPTY));
    if (r->field[K_ID_NO].text)
        hdf_set_value(r->hdf, "Form.IdNo", r->field[K_ID_NO].text);
    if (r->field[K_FROM].text)
        hdf_set_value(r->hdf, "Form.From", r->field[K_FROM].text);
    if (r->field[K_TO].text)
        hdf_set_value(r->hdf, "Form.To", r->field[K_TO].text);
    return web_render(r, 200, "backpay.cs");
}

static int backpay_get(struct req *r)
{
    return show_page(r);
}

static int backpay_post(struct req *r)
{
    struct backpay_delete_input in;
    struct backpay_delete_result res;
    char operator_name[STORE_OPERATOR_MAX];
    int bad = 0;

    memset(&in, 0, sizeof in);
    in.id_no = r->field[K_ID_NO].text;
    in.from = r->field[K_FROM].month;
    in.to = r->field[K_TO].month;
    if (!in.id_no)
        bad += web_field_error(r, K_ID_NO, MSG_FIELD_REQUIRED);
    bad += web_field_required(r, K_FROM);
    bad += web_field_required(r, K_TO);
    bad += web_text_field_errors(r);
    if (bad)
        return show_page(r);

    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0 ||
        store_backpay_delete(r->db, &r->unit, &in, &r->policy, &r->now, operator_name, &res) != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    web_msg(r, "fail", res.text);
    return show_page(r);
}

/* ---- 单独补缴 ---- */

static int show_add(struct req *r)
{
    struct decl_state st;

    web_period(r, &st);
    hdf_set_value(r->hdf, "Page.Title", "单独补缴");
    hdf_set_value(r->hdf, "Page.Key", "backpay_add");
    /* C-1 .. C-backpay_max, newest first */
    web_month_choices(r, st.month - 1, st.month - r->policy.backpay_max,
                      r->field[K_START_MONTH].state == FIELD_OK ? r->field[K_START_MONTH].month : -1);
    if (r->field[K_ID_NO].text)
        hdf_set_value(r->hdf, "Form.IdNo", r->field[K_ID_NO].text);
    if (r->field[K_WAGE].text)
        hdf_set_value(r->hdf, "Form.Wage", r->field[K_WAGE].text);
    return web_render(r, 200, "backpay_add.cs");
}

static int add_get(struct req *r)
{
    return show_add(r);
}

static int add_post(struct req *r)
{
    struct backpay_add_input in;
    struct backpay_add_result res;
    char operator_name[STORE_OPERATOR_MAX];
    int bad = 0;

    memset(&in, 0, sizeof in);
    in.id_no = r->field[K_ID_NO].text;
    in.start_ym = r->field[K_START_MONTH].month;
    in.wage_fen = r->field[K_WAGE].fen;
    if (!in.id_no)
        bad += web_field_error(r, K_ID_NO, MSG_FIELD_REQUIRED);
    bad += web_field_required(r, K_START_MONTH);
    if (r->field[K_WAGE].state == FIELD_ABSENT)
        bad += web_field_error(r, K_WAGE, MSG_FIELD_REQUIRED);
    else if (r->field[K_WAGE].state == FIELD_BAD || in.wage_fen <= 0)
        bad += web_field_error(r, K_WAGE, MSG_WAGE_INVALID);
    bad += web_text_field_errors(r);
    if (bad)
        return show_add(r);

    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0 ||
        store_backpay_add(r->db, &r->unit, &in, &r->policy, &r->now, operator_name, &res) != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    web_msg(r, "fail", res.text);
    return show_add(r);
}

static const struct route routes[] = {
    {"GET", "/backpay", backpay_get, 0},
    {"POST", "/backpay", backpay_post, 0},
    {"GET", "/backpay/add", add_get, 0},
    {"POST", "/backpay/add", add_post, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"backpay", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
