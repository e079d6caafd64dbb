/*
 * /query/payments?month=&type= — 单位缴费明细查询 (spec §9 业务查询 item 1,
 * issue 9 item 1): the session unit's contributions of one 费款所属期 and one
 * 险种, totalled per 缴费类型 (正常应缴, 补缴): persons, 缴费基数总额, 单位缴费金额,
 * 个人缴费金额, 划入个人账户金额, and a 合计 row. format=csv exports the table
 * (format=xlsx: as a workbook, web/sheet.h).
 *   GET 200 without month and type: the form only (month preset to the latest
 *       month whose settlement has begun, type 310), no table;
 *       200 the form and the table (a month without contributions: the table
 *       empty with 该费款所属期无缴费记录);
 *       200 the form with field messages and no table for a malformed or
 *       missing month, a missing type or one that is no 险种 of the reference
 *       data (format=csv too: the page, not a file);
 *       200 text/csv for format=csv; 400 unknown parameters or another format
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "base/csv.h"
#include "web/sheet.h"
#include "store/payments.h"

enum key { K_MONTH, K_TYPE, K_FORMAT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_MONTH] = {"month", F_MONTH, 0, "费款所属期"},
    [K_TYPE] = {"type", F_TEXT, 8, "险种"},
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
};

#define TYPES_MAX 16

struct query {
    int ym;
    char month[8];
    const struct insurance_type *type;
    struct payment_total rows[PAYMENT_TYPES_MAX], total;
    size_t n;
};

/* The 险种 select (reference data, display order) and what it preselects. */
static void put_types(struct req *r, const struct insurance_type *t, size_t n,
                      const char *chosen)
{
    char key[32];

    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "Types.%zu.Code", i);
        hdf_set_value(r->hdf, key, t[i].code);
        snprintf(key, sizeof key, "Types.%zu.Name", i);
        hdf_set_value(r->hdf, key, t[i].name);
    }
    hdf_set_value(r->hdf, "Form.Type", chosen);
}

/* Reads month and type into q; field messages and -1 when one is wrong. */
static int read_query(struct req *r, const struct insurance_type *t, size_t n,
                      struct query *q)
{
    const struct field *month = &r->field[K_MONTH], *type = &r->field[K_TYPE];
    int bad = 0;

    bad += web_field_required(r, K_MONTH);
    q->ym = month->month;
    for (size_t i = 0; type->state == FIELD_OK && i < n && !q->type; i++)
        if (strcmp(t[i].code, type->text) == 0)
            q->type = &t[i];
    if (type->state == FIELD_ABSENT)
        bad += web_field_error(r, K_TYPE, MSG_FIELD_REQUIRED);
    else if (!q->type)
        bad += web_field_error(r, K_TYPE, MSG_FIELD_INVALID);
    bad += web_text_field_errors(r);
    return bad ? -1 : 0;
}

/* One table row (HTML) under prefix. */
static void put_row(struct req *r, const char *prefix, const struct payment_total *t)
{
    char key[64];

#define SETF(k, v) do { snprintf(key, sizeof key, "%s." k, prefix); web_set_fen(r, key, v); } while (0)
    snprintf(key, sizeof key, "%s.PaymentType", prefix);
    hdf_set_value(r->hdf, key, t->payment_type);
    snprintf(key, sizeof key, "%s.Persons", prefix);
    hdf_set_int_value(r->hdf, key, (int)t->persons);
    SETF("Base", t->base_fen);
    SETF("Unit", t->unit_fen);
    SETF("Person", t->person_fen);
    SETF("Account", t->account_fen);
#undef SETF
}

/* One CSV row: month, type, payment type, persons, the four amounts. */
static int csv_row(struct buf *out, const struct query *q, const struct payment_total *t)
{
    char persons[24], fen[4][FORMAT_FEN_MAX];
    const int64_t v[4] = {t->base_fen, t->unit_fen, t->person_fen, t->account_fen};

    snprintf(persons, sizeof persons, "%ld", t->persons);
    if (csv_put_text(out, q->month) || csv_put(out, q->type->code) ||
        csv_put(out, q->type->name) || csv_put(out, t->payment_type) || csv_put(out, persons))
        return -1;
    for (int i = 0; i < 4; i++)
        if (format_fen(fen[i], sizeof fen[i], v[i]) < 0 || csv_put(out, fen[i]))
            return -1;
    return csv_end_row(out);
}

static const char *const csv_header[] = {
    "费款所属期", "险种编码", "险种", "缴费类型", "缴费人数", "缴费基数总额", "单位缴费金额",
    "个人缴费金额", "划入个人账户金额"
};
static const struct sheet_col xlsx_cols[] = {
    {"费款所属期", SHEET_MONTH}, {"险种编码", SHEET_ID}, {"险种", SHEET_TEXT}, {"缴费类型", SHEET_TEXT},
    {"缴费人数", SHEET_COUNT}, {"缴费基数总额", SHEET_MONEY}, {"单位缴费金额", SHEET_MONEY},
    {"个人缴费金额", SHEET_MONEY}, {"划入个人账户金额", SHEET_MONEY}};

static int send_csv(struct req *r, const struct query *q)
{
    struct buf out = {0};
    char filename[96];
    int rc = -1;

    snprintf(filename, sizeof filename, "单位缴费明细-%s-%s.csv", q->month, q->type->code);
    if (csv_begin_with_header(&out, csv_header, sizeof csv_header / sizeof csv_header[0]) != 0)
        goto done;
    for (size_t i = 0; i < q->n; i++)
        if (csv_row(&out, q, &q->rows[i]) != 0)
            goto done;
    if (q->n && csv_row(&out, q, &q->total) != 0)
        goto done;
    rc = sheet_send_table(r, sheet_format(r->field[K_FORMAT].text) == 1, out.p, out.len,
                          xlsx_cols, sizeof xlsx_cols / sizeof *xlsx_cols, filename);
done:
    buf_free(&out);
    return rc;
}

/* The totals of the month and type, with their 合计. */
static int run_query(struct req *r, struct query *q)
{
    if (store_payment_totals(r->db, r->unit.id, q->ym, q->type->code, q->rows,
                             PAYMENT_TYPES_MAX, &q->n) != 0)
        return -1;
    memset(&q->total, 0, sizeof q->total);
    snprintf(q->total.payment_type, sizeof q->total.payment_type, "合计");
    for (size_t i = 0; i < q->n; i++) {
        q->total.persons += q->rows[i].persons;
        q->total.base_fen += q->rows[i].base_fen;
        q->total.unit_fen += q->rows[i].unit_fen;
        q->total.person_fen += q->rows[i].person_fen;
        q->total.account_fen += q->rows[i].account_fen;
    }
    return 0;
}

static void put_result(struct req *r, const struct query *q)
{
    char key[32];

    hdf_set_int_value(r->hdf, "Result.Shown", 1);
    hdf_set_value(r->hdf, "Result.Month", q->month);
    hdf_set_value(r->hdf, "Result.TypeCode", q->type->code);
    hdf_set_value(r->hdf, "Result.TypeName", q->type->name);
    for (size_t i = 0; i < q->n; i++) {
        snprintf(key, sizeof key, "Rows.%zu", i);
        put_row(r, key, &q->rows[i]);
    }
    if (q->n)
        put_row(r, "Total", &q->total);
    else
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_PAYMENTS_NONE));
}

static int payments(struct req *r)
{
    struct insurance_type types[TYPES_MAX];
    struct decl_state st;
    struct query q;
    size_t ntypes;
    const char *format = r->field[K_FORMAT].text;

    if (sheet_format(format) < 0)
        return web_error(r, 400, NULL);
    memset(&q, 0, sizeof q);
    hdf_set_value(r->hdf, "Page.Title", "单位缴费明细查询");
    hdf_set_value(r->hdf, "Page.Key", "query_payments");
    if (store_insurance_types(r->db, types, TYPES_MAX, &ntypes) != 0)
        return -1;
    decl_state_at(&r->policy, &r->now, &st);
    format_month(q.month, st.settled_through);
    hdf_set_value(r->hdf, "Form.Month", r->field[K_MONTH].text ? r->field[K_MONTH].text : q.month);
    put_types(r, types, ntypes, r->field[K_TYPE].text ? r->field[K_TYPE].text : "310");
    if (!r->field[K_MONTH].text && !r->field[K_TYPE].text && !format) {
        hdf_set_value(r->hdf, "Hint.Text", msg_text(MSG_QUERY_CHOOSE));
        return web_render(r, 200, "query_payments.cs");
    }
    if (read_query(r, types, ntypes, &q) != 0) {
        web_msg(r, "fail", msg_text(MSG_BAD_FILTER));
        return web_render(r, 200, "query_payments.cs");
    }
    format_month(q.month, q.ym);
    if (run_query(r, &q) != 0)
        return -1;
    if (format)
        return send_csv(r, &q);
    put_result(r, &q);
    return web_render(r, 200, "query_payments.cs");
}

static const struct route routes[] = {
    {"GET", "/query/payments", payments, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"query_payments", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
