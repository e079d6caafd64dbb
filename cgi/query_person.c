/*
 * /query/person?id_no= — 单位参保人员信息查询 (spec §9 业务查询 item 2, issue 9
 * item 2): one person insured now or before in the session's unit: base data
 * (姓名, 性别 and 出生日期 from the 证件号码, 联系电话, 居住地, 人员类别), each of
 * the unit's enrolments (险种, 状态, 参保日期, 终止日期, 当前缴费基数), and the
 * contributions this unit was charged for the person in the last 12 months
 * (format=csv exports them; format=xlsx as a workbook, web/sheet.h).
 *   GET 200 without id_no: the form only;
 *       200 the form with a field message and no data for a malformed 证件号码;
 *       200 the form with 未查询到本单位该人员的参保信息 (msg fail) for any ID
 *       that is not of this unit, known elsewhere or nowhere alike (one
 *       statement either way: lib/store/person_info.h);
 *       200 the person; 200 text/csv for format=csv (the page itself when
 *       there is no person to export); 400 unknown parameters, another format
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "base/csv.h"
#include "web/sheet.h"
#include "store/payments.h"
#include "store/person_info.h"

enum key { K_ID_NO, K_FORMAT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_ID_NO] = {"id_no", F_TEXT, 32, "证件号码"},
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
};

#define PAY_MONTHS 12

struct found {
    char id_no[19];
    struct id_info id;
    struct person_info p;
    int cur, first;           /* the current month and the first of the 12 (ym) */
};

/* 姓名, 性别, 出生日期 (from the ID), 联系电话, 居住地, 人员类别. */
static void put_person(struct req *r, const struct found *f)
{
    char birth[11];

    format_date(birth, f->id.birth);
    hdf_set_value(r->hdf, "Person.IdNo", f->id_no);
    hdf_set_value(r->hdf, "Person.Name", f->p.name);
    hdf_set_value(r->hdf, "Person.Gender", f->id.male ? "男" : "女");
    hdf_set_value(r->hdf, "Person.Birth", birth);
    hdf_set_value(r->hdf, "Person.Phone", f->p.phone);
    hdf_set_value(r->hdf, "Person.Address", f->p.address);
    hdf_set_value(r->hdf, "Person.Type", f->p.person_type);
}

/* One enrolment under Enrol.i; 当前缴费基数 only while it covers the month. */
static void put_enrolment(struct req *r, size_t i, const struct person_enrolment *e)
{
    char key[48], text[16];

#define SETV(k, v) do { snprintf(key, sizeof key, "Enrol.%zu." k, i); \
                        hdf_set_value(r->hdf, key, v); } while (0)
    SETV("TypeCode", e->type_code);
    SETV("TypeName", e->type_name);
    SETV("Status", e->status);
    format_month(text, e->start_month);
    SETV("Start", text);
    if (e->end_date.y) {
        format_date(text, e->end_date);
        SETV("End", text);
    }
#undef SETV
    if (e->covers_month && e->lower_fen >= 0 && e->upper_fen >= 0) {
        snprintf(key, sizeof key, "Enrol.%zu.Base", i);
        web_set_fen(r, key, base_in_force(e->wage_fen, e->lower_fen, e->upper_fen));
    }
}

static int put_enrolments(struct req *r, const struct found *f)
{
    struct person_enrolment e[PERSON_ENROLMENTS_MAX];
    size_t n;

    if (store_person_enrolments(r->db, r->unit.id, f->p.person_id, f->cur, e,
                                PERSON_ENROLMENTS_MAX, &n) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        put_enrolment(r, i, &e[i]);
    return 0;
}

struct pay_ctx {
    struct req *r;
    const struct found *f;
    struct buf *csv;
    size_t n;
};

static int put_payment(const struct person_payment *p, void *arg)
{
    struct pay_ctx *c = arg;
    char key[48], month[8];
    const char *amount[4] = {"Base", "Unit", "Person", "Account"};
    const int64_t v[4] = {p->base_fen, p->unit_fen, p->person_fen, p->account_fen};

    format_month(month, p->month);
    snprintf(key, sizeof key, "Pay.%zu.Month", c->n);
    hdf_set_value(c->r->hdf, key, month);
    snprintf(key, sizeof key, "Pay.%zu.Type", c->n);
    hdf_set_value(c->r->hdf, key, p->type_name);
    snprintf(key, sizeof key, "Pay.%zu.PaymentType", c->n);
    hdf_set_value(c->r->hdf, key, p->payment_type);
    for (int k = 0; k < 4; k++) {
        snprintf(key, sizeof key, "Pay.%zu.%s", c->n, amount[k]);
        web_set_fen(c->r, key, v[k]);
    }
    c->n++;
    return 0;
}

static int csv_payment(const struct person_payment *p, void *arg)
{
    struct pay_ctx *c = arg;
    char month[8], fen[FORMAT_FEN_MAX];
    const int64_t v[4] = {p->base_fen, p->unit_fen, p->person_fen, p->account_fen};

    format_month(month, p->month);
    if (csv_put_text(c->csv, c->f->id_no) || csv_put(c->csv, c->f->p.name) ||
        csv_put_text(c->csv, month) || csv_put(c->csv, p->type_code) ||
        csv_put(c->csv, p->type_name) || csv_put(c->csv, p->payment_type))
        return -1;
    for (int k = 0; k < 4; k++)
        if (format_fen(fen, sizeof fen, v[k]) < 0 || csv_put(c->csv, fen))
            return -1;
    return csv_end_row(c->csv);
}

static const char *const csv_header[] = {
    "证件号码", "姓名", "费款所属期", "险种编码", "险种", "缴费类型", "缴费基数",
    "单位缴费金额", "个人缴费金额", "划入个人账户金额"
};
static const struct sheet_col xlsx_cols[] = {
    {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}, {"费款所属期", SHEET_MONTH}, {"险种编码", SHEET_ID},
    {"险种", SHEET_TEXT}, {"缴费类型", SHEET_TEXT}, {"缴费基数", SHEET_MONEY},
    {"单位缴费金额", SHEET_MONEY}, {"个人缴费金额", SHEET_MONEY}, {"划入个人账户金额", SHEET_MONEY}};

static int send_csv(struct req *r, const struct found *f)
{
    struct buf out = {0};
    struct pay_ctx c = {r, f, &out, 0};
    int rc = -1;

    if (csv_begin_with_header(&out, csv_header, sizeof csv_header / sizeof csv_header[0]) != 0 ||
        store_person_payments(r->db, r->unit.id, f->id_no, f->first, f->cur, csv_payment,
                              &c) != 0)
        goto done;
    rc = sheet_send_table(r, sheet_format(r->field[K_FORMAT].text) == 1, out.p, out.len,
                          xlsx_cols, sizeof xlsx_cols / sizeof *xlsx_cols, "参保人员缴费记录.csv");
done:
    buf_free(&out);
    return rc;
}

static int show_person(struct req *r, const struct found *f)
{
    struct pay_ctx c = {r, f, NULL, 0};
    char from[8], to[8];

    put_person(r, f);
    if (put_enrolments(r, f) != 0 ||
        store_person_payments(r->db, r->unit.id, f->id_no, f->first, f->cur, put_payment,
                              &c) != 0)
        return -1;
    format_month(from, f->first);
    format_month(to, f->cur);
    hdf_set_value(r->hdf, "PayRange.From", from);
    hdf_set_value(r->hdf, "PayRange.To", to);
    if (c.n == 0)
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_PERSON_NO_PAYMENTS));
    return web_render(r, 200, "query_person.cs");
}

static int person(struct req *r)
{
    const struct field *id = &r->field[K_ID_NO];
    const char *format = r->field[K_FORMAT].text;
    struct found f;
    int rc;

    if (sheet_format(format) < 0)
        return web_error(r, 400, NULL);
    memset(&f, 0, sizeof f);
    hdf_set_value(r->hdf, "Page.Title", "单位参保人员信息查询");
    hdf_set_value(r->hdf, "Page.Key", "query_person");
    if (id->text)
        hdf_set_value(r->hdf, "Form.IdNo", id->text);
    if (id->state == FIELD_ABSENT && !format) {
        hdf_set_value(r->hdf, "Hint.Text", msg_text(MSG_QUERY_CHOOSE));
        return web_render(r, 200, "query_person.cs");
    }
    if (id->state == FIELD_ABSENT)
        web_field_error(r, K_ID_NO, MSG_FIELD_REQUIRED);
    else if (id->state == FIELD_BAD || id_check(id->text, f.id_no, &f.id) != ID_OK)
        web_field_error(r, K_ID_NO, MSG_FIELD_INVALID);
    if (web_text_field_errors(r) || web_field_first_error(r))
        return web_render(r, 200, "query_person.cs");
    rc = store_person_of_unit(r->db, r->unit.id, f.id_no, &f.p);
    if (rc == STORE_NOTFOUND) {
        web_msg(r, "fail", msg_text(MSG_PERSON_NOT_OF_UNIT));
        return web_render(r, 200, "query_person.cs");
    }
    if (rc != 0)
        return -1;
    f.cur = ymd_to_ym(dt_date(&r->now));
    f.first = f.cur - (PAY_MONTHS - 1);
    return format ? send_csv(r, &f) : show_person(r, &f);
}

static const struct route routes[] = {
    {"GET", "/query/person", person, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"query_person", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
