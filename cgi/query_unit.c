/*
 * /query/unit — 单位信息查询 (spec §9 业务查询 item 3, issue 9 item 3): the
 * session unit's registration data (单位编号, 单位名称, 单位类型, 统一社会信用代码,
 * 登记日期), its contact and bank data (单位信息维护), and the insurance types
 * it has enrolments in: 参保日期 (the earliest start), 参保状态 (参保缴费 while
 * any enrolment in the type is active, else 暂停缴费) and the persons active in
 * it now, 在职 and 退休, then the schemes for special groups registered for
 * it at the counter (spec §3: 已登记 and the registration date, no counts, as
 * on 单位参保证明). format=csv exports that table (format=xlsx: as a
 * workbook, web/sheet.h).
 *   GET 200 the page; 200 text/csv for format=csv; 400 unknown parameters or
 *       another format
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "base/csv.h"
#include "web/sheet.h"
#include "store/unit_info.h"
#include "store/report.h"

enum key { K_FORMAT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
};

static int put_unit(struct req *r)
{
    struct unit_contact c;
    struct portal_dt created;
    char date[11];

    if (store_unit_contact_get(r->db, r->unit.id, &c) != 0 ||
        store_unit_created_at(r->db, r->unit.id, &created) != 0)
        return -1;
    hdf_set_value(r->hdf, "Unit.No", r->unit.unit_no);
    hdf_set_value(r->hdf, "Unit.Name", r->unit.name);
    hdf_set_value(r->hdf, "Unit.Type", r->unit.unit_type);
    hdf_set_value(r->hdf, "Unit.CreditCode", r->unit.credit_code);
    format_date(date, dt_date(&created));
    hdf_set_value(r->hdf, "Unit.Created", date);
    hdf_set_value(r->hdf, "Unit.Contact", c.contact_name);
    hdf_set_value(r->hdf, "Unit.Phone", c.contact_phone);
    hdf_set_value(r->hdf, "Unit.Address", c.address);
    hdf_set_value(r->hdf, "Unit.Bank", c.bank_name);
    hdf_set_value(r->hdf, "Unit.AccountName", c.bank_account_name);
    hdf_set_value(r->hdf, "Unit.AccountNo", c.bank_account_no);
    hdf_set_value(r->hdf, "Unit.LegalRepPhone", c.legal_rep_phone);
    return 0;
}

static const char *state_of(const struct unit_type_info *t)
{
    return t->active ? "参保缴费" : "暂停缴费";
}

/* What the table shows: the types enrolled in, and the schemes registered. */
struct unit_tables {
    struct unit_type_info t[UNIT_TYPES_MAX];
    size_t n;
    struct unit_scheme sc[UNIT_SCHEMES_MAX];
    size_t nsc;
};

#define SCHEME_STATE "已登记"

static void put_types(struct req *r, const struct unit_tables *u)
{
    const struct unit_type_info *t = u->t;
    size_t n = u->n;
    char key[48], month[8];

    for (size_t i = 0; i < n; i++) {
#define SETV(k, v) do { snprintf(key, sizeof key, "Types.%zu." k, i); \
                        hdf_set_value(r->hdf, key, v); } while (0)
        SETV("Code", t[i].code);
        SETV("Name", t[i].name);
        SETV("State", state_of(&t[i]));
        format_month(month, t[i].first_month);
        SETV("Since", month);
#undef SETV
        snprintf(key, sizeof key, "Types.%zu.Employees", i);
        hdf_set_int_value(r->hdf, key, (int)t[i].employees);
        snprintf(key, sizeof key, "Types.%zu.Retirees", i);
        hdf_set_int_value(r->hdf, key, (int)t[i].retirees);
    }
    for (size_t i = 0; i < u->nsc; i++) {
        char date[11];
        snprintf(key, sizeof key, "Schemes.%zu.Code", i);
        hdf_set_value(r->hdf, key, u->sc[i].code);
        snprintf(key, sizeof key, "Schemes.%zu.Name", i);
        hdf_set_value(r->hdf, key, u->sc[i].name);
        format_date(date, u->sc[i].registered_on);
        snprintf(key, sizeof key, "Schemes.%zu.Since", i);
        hdf_set_value(r->hdf, key, date);
    }
    if (n == 0 && u->nsc == 0)
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_UNIT_NO_TYPES));
}

static const char *const csv_header[] = {
    "单位编号", "单位名称", "险种编码", "险种", "参保状态", "参保日期", "在职参保人数", "退休人数"
};
static const struct sheet_col xlsx_cols[] = {
    {"单位编号", SHEET_ID}, {"单位名称", SHEET_TEXT}, {"险种编码", SHEET_ID}, {"险种", SHEET_TEXT},
    {"参保状态", SHEET_TEXT}, {"参保日期", SHEET_MONTH}, {"在职参保人数", SHEET_COUNT},
    {"退休人数", SHEET_COUNT}};

static int send_csv(struct req *r, const struct unit_tables *u)
{
    const struct unit_type_info *t = u->t;
    size_t n = u->n;
    struct buf out = {0};
    char month[8], date[11], employees[24], retirees[24];
    int rc = -1;

    if (csv_begin_with_header(&out, csv_header, sizeof csv_header / sizeof csv_header[0]) != 0)
        goto done;
    for (size_t i = 0; i < n; i++) {
        format_month(month, t[i].first_month);
        snprintf(employees, sizeof employees, "%ld", t[i].employees);
        snprintf(retirees, sizeof retirees, "%ld", t[i].retirees);
        if (csv_put_text(&out, r->unit.unit_no) || csv_put(&out, r->unit.name) ||
            csv_put(&out, t[i].code) || csv_put(&out, t[i].name) ||
            csv_put(&out, state_of(&t[i])) || csv_put_text(&out, month) ||
            csv_put(&out, employees) || csv_put(&out, retirees) || csv_end_row(&out))
            goto done;
    }
    for (size_t i = 0; i < u->nsc; i++) {
        format_date(date, u->sc[i].registered_on);
        if (csv_put_text(&out, r->unit.unit_no) || csv_put(&out, r->unit.name) ||
            csv_put(&out, u->sc[i].code) || csv_put(&out, u->sc[i].name) ||
            csv_put(&out, SCHEME_STATE) || csv_put_text(&out, date) ||
            csv_put(&out, "") || csv_put(&out, "") || csv_end_row(&out))
            goto done;
    }
    rc = sheet_send_table(r, sheet_format(r->field[K_FORMAT].text) == 1, out.p, out.len,
                          xlsx_cols, sizeof xlsx_cols / sizeof *xlsx_cols, "单位参保险种.csv");
done:
    buf_free(&out);
    return rc;
}

static int unit_page(struct req *r)
{
    struct unit_tables u;
    const char *format = r->field[K_FORMAT].text;

    if (sheet_format(format) < 0)
        return web_error(r, 400, NULL);
    if (store_unit_types(r->db, r->unit.id, u.t, UNIT_TYPES_MAX, &u.n) != 0 ||
        store_unit_schemes(r->db, r->unit.id, u.sc, UNIT_SCHEMES_MAX, &u.nsc) != 0)
        return -1;
    if (format)
        return send_csv(r, &u);
    hdf_set_value(r->hdf, "Page.Title", "单位信息查询");
    hdf_set_value(r->hdf, "Page.Key", "query_unit");
    if (put_unit(r) != 0)
        return -1;
    put_types(r, &u);
    return web_render(r, 200, "query_unit.cs");
}

static const struct route routes[] = {
    {"GET", "/query/unit", unit_page, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"query_unit", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
