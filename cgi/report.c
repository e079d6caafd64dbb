/*
 * 报表打印 (spec §9 reports, issue 8): the session unit's three reports, each
 * as the screen page (portal frame, month picker, 打印 / 导出CSV), format=print
 * (a page of its own: A4, the print header, no navigation) and format=csv
 * (the same rows and totals, UTF-8 with BOM, IDs as text); format=xlsx the
 * same rows as a workbook (web/sheet.h).
 *
 *   /report/payments?month=&type=  单位缴费查询打印: one row per (险种, 缴费类型)
 *       with contributions in the month (type empty = every 险种), 合计 row
 *   /report/notice?month=          缴费通知单: per (险种, 缴费类型) the amounts,
 *       all-zero rows left out, 小计, 核定征集总额 in figures and capitals, 通知单据号
 *   /report/certificate            单位参保证明: the unit's data, special-group
 *       schemes, each 险种's 参保状态 and 参保日期, persons insured, 核验码
 *
 * Every handler: GET 200 the report; 200 with field messages and no table for
 * a malformed month or an unknown type (format=print and csv too: the screen
 * page, not a file); a month in the future, before the unit's first
 * enrolment or without contributions: the empty report with
 * 【该费款所属期无缴费记录】; 400 for another format or a parameter the report
 * does not take. Without month: the latest month whose settlement has begun.
 */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include "web/web.h"
#include "web/sheet.h"
#include "base/csv.h"
#include "store/report.h"
#include "store/unit_info.h"

enum key { K_MONTH, K_TYPE, K_FORMAT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_MONTH] = {"month", F_MONTH, 0, "费款所属期"},
    [K_TYPE] = {"type", F_TEXT, 8, "险种"},
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
};

enum rform { FORM_SCREEN, FORM_PRINT, FORM_CSV, FORM_XLSX };   /* >= FORM_CSV: a file */

#define TYPES_MAX 16

/* What the two monthly reports share. */
struct report {
    enum rform form;
    int ym;
    char month[8];
    const struct insurance_type *type;   /* NULL: every 险种 */
    struct insurance_type types[TYPES_MAX];
    size_t ntypes;
    struct report_row rows[REPORT_ROWS_MAX];
    size_t n;
};

/* ---- shared: form, header, month and type ------------------------------------ */

/* format= as a form; -1 for anything but absent, print, csv and xlsx. */
static int read_form(struct req *r, enum rform *f)
{
    const char *format = r->field[K_FORMAT].text;

    *f = FORM_SCREEN;
    if (!format)
        return 0;
    if (strcmp(format, "print") == 0)
        *f = FORM_PRINT;
    else if (strcmp(format, "csv") == 0)
        *f = FORM_CSV;
    else if (strcmp(format, "xlsx") == 0)
        *f = FORM_XLSX;
    else
        return -1;
    return 0;
}

static void set_fen(struct req *r, const char *key, long long fen)
{
    char s[REPORT_FEN_MAX];

    report_fen_text(s, sizeof s, fen);
    hdf_set_value(r->hdf, key, s);
}

/* The print header (web_print_header), Page.Title/Key, and Print for the
 * template's frame. */
static int put_header(struct req *r, enum rform form, const char *title, const char *key,
                      const char *period)
{
    if (web_print_header(r, title, period) != 0)
        return -1;
    hdf_set_value(r->hdf, "Page.Title", title);
    hdf_set_value(r->hdf, "Page.Key", key);
    if (form == FORM_PRINT) {
        hdf_set_int_value(r->hdf, "Print", 1);
        hdf_set_value(r->hdf, "Page.NoTitle", "1");
    }
    return 0;
}

/* The month (default: the latest whose settlement has begun) and the type
 * (absent or empty: all); field messages and -1 when one is wrong. */
static int read_month_type(struct req *r, struct report *q, int with_type)
{
    const struct field *month = &r->field[K_MONTH], *type = &r->field[K_TYPE];
    struct decl_state st;
    char key[32];
    int bad = 0;

    decl_state_at(&r->policy, &r->now, &st);
    q->ym = st.settled_through;
    if (month->state == FIELD_BAD)
        bad += web_field_error(r, K_MONTH, MSG_FIELD_INVALID);
    else if (month->state == FIELD_OK)
        q->ym = month->month;
    format_month(q->month, q->ym);
    hdf_set_value(r->hdf, "Form.Month", month->state == FIELD_BAD ? month->text : q->month);
    if (with_type) {
        for (size_t i = 0; i < q->ntypes; i++) {
            snprintf(key, sizeof key, "Types.%zu.Code", i);
            hdf_set_value(r->hdf, key, q->types[i].code);
            snprintf(key, sizeof key, "Types.%zu.Name", i);
            hdf_set_value(r->hdf, key, q->types[i].name);
            if (type->state == FIELD_OK && strcmp(q->types[i].code, type->text) == 0)
                q->type = &q->types[i];
        }
        hdf_set_value(r->hdf, "Form.Type", type->text ? type->text : "");
        if (type->state == FIELD_BAD || (type->state == FIELD_OK && type->text[0] && !q->type))
            bad += web_field_error(r, K_TYPE, MSG_EXPORT_TYPE_UNKNOWN);
    }
    bad += web_text_field_errors(r);
    return bad ? -1 : 0;
}

/* The month's rows, none for a month in the future or before the unit's
 * first enrolment (rules report_month_check). */
static int read_rows(struct req *r, struct report *q)
{
    int first = -1;

    q->n = 0;
    if (report_month_check(q->ym, ymd_to_ym(dt_date(&r->now)), 0) == REPORT_MONTH_FUTURE)
        return 0;
    if (store_unit_first_month(r->db, r->unit.id, &first) != 0)
        return -1;
    if (report_month_check(q->ym, ymd_to_ym(dt_date(&r->now)), first) != REPORT_MONTH_OK)
        return 0;
    return store_report_rows(r->db, r->unit.id, q->ym, q->type ? q->type->code : NULL,
                             q->rows, REPORT_ROWS_MAX, &q->n);
}

/* Common start of the monthly reports: form, types, header, month, rows.
 * 1 when the page with field messages was answered, 0 to go on, -1 failed. */
static int monthly_start(struct req *r, struct report *q, const char *title, const char *key,
                         const char *tpl, int with_type)
{
    char period[160];

    memset(q, 0, sizeof *q);
    if (read_form(r, &q->form) != 0 || (!with_type && r->field[K_TYPE].state != FIELD_ABSENT))
        return web_error(r, 400, NULL) == 0 ? 1 : -1;
    if (with_type && store_insurance_types(r->db, q->types, TYPES_MAX, &q->ntypes) != 0)
        return -1;
    if (read_month_type(r, q, with_type) != 0) {
        if (put_header(r, FORM_SCREEN, title, key, NULL) != 0)
            return -1;
        web_msg(r, "fail", msg_text(MSG_BAD_FILTER));
        return web_render(r, 200, tpl) == 0 ? 1 : -1;
    }
    snprintf(period, sizeof period, "费款所属期 %s%s%s", q->month, q->type ? " 险种 " : "",
             q->type ? q->type->name : "");
    if (put_header(r, q->form, title, key, period) != 0 || read_rows(r, q) != 0)
        return -1;
    hdf_set_value(r->hdf, "Result.Month", q->month);
    if (q->n == 0)
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_PAYMENTS_NONE));
    return 0;
}

/* The query string of the report's print and CSV links. */
static void put_links(struct req *r, const struct report *q)
{
    struct buf b = {0};

    web_url_arg(&b, "month", q->month);
    if (q->type)
        web_url_arg(&b, "type", q->type->code);
    hdf_set_value(r->hdf, "Result.Query", b.p ? b.p : "");
    buf_reset(&b);
    buf_printf(&b, "%s?%s", r->path, hdf_get_value(r->hdf, "Result.Query", ""));
    hdf_set_value(r->hdf, "Page.Back", b.p ? b.p : "/");
    buf_free(&b);
}

/* The CSV made, or (FORM_XLSX) the same rows as a workbook of the columns cols. */
static int send_csv_buf(struct req *r, enum rform form, struct buf *out,
                        const struct sheet_col *cols, size_t n, const char *filename)
{
    return sheet_send_table(r, form == FORM_XLSX, out->p, out->len, cols, n, filename);
}

/* csv_put of an amount (plain two decimals: Excel reads it as a number). */
static int csv_fen(struct buf *out, long long fen)
{
    char s[FORMAT_FEN_MAX];

    return format_fen(s, sizeof s, fen) < 0 || csv_put(out, s) ? -1 : 0;
}

static int csv_long(struct buf *out, long v)
{
    char s[24];

    snprintf(s, sizeof s, "%ld", v);
    return csv_put(out, s);
}

/* ---- 单位缴费查询打印 ----------------------------------------------------------- */

static const char *const payments_header[] = {
    "单位编号", "险种", "单位缴费比例或定额标准", "单位缴费基数总额", "单位实缴金额",
    "对应费款所属期", "个人缴费比例或定额标准", "个人缴费基数总额", "个人实缴金额",
    "划入个人账户金额", "缴费类型", "缴费人数", "职工工资总额", "滞纳金"
};

/* The 合计 of the rows (persons counted once, across the rows). */
static int payments_total(struct req *r, const struct report *q, struct report_row *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->type_name, sizeof t->type_name, "合计");
    for (size_t i = 0; i < q->n; i++) {
        t->wage_fen += q->rows[i].wage_fen;
        t->base_fen += q->rows[i].base_fen;
        t->unit_fen += q->rows[i].unit_fen;
        t->person_fen += q->rows[i].person_fen;
        t->account_fen += q->rows[i].account_fen;
        t->late_fee_fen += q->rows[i].late_fee_fen;
    }
    return q->n ? store_report_persons(r->db, r->unit.id, q->ym, q->type ? q->type->code : NULL,
                                       &t->persons) : 0;
}

static int payments_csv_row(struct buf *out, const struct req *r, const struct report *q,
                            const struct report_row *w, int total)
{
    char unit_rate[REPORT_RATE_MAX] = "", person_rate[REPORT_RATE_MAX] = "";

    if (!total) {
        report_rate_text(unit_rate, sizeof unit_rate, w->unit_bp, w->unit_fixed_fen);
        report_rate_text(person_rate, sizeof person_rate, w->person_bp, w->person_fixed_fen);
    }
    if ((total ? csv_put(out, "") : csv_put_text(out, r->unit.unit_no)) ||
        csv_put(out, w->type_name) || csv_put(out, unit_rate) || csv_fen(out, w->base_fen) ||
        csv_fen(out, w->unit_fen) || (total ? csv_put(out, "") : csv_put_text(out, q->month)) ||
        csv_put(out, person_rate) ||
        csv_fen(out, w->base_fen) || csv_fen(out, w->person_fen) ||
        csv_fen(out, w->account_fen) || csv_put(out, w->payment_type) ||
        csv_long(out, w->persons) || csv_fen(out, w->wage_fen) ||
        csv_fen(out, w->late_fee_fen))
        return -1;
    return csv_end_row(out);
}

static const struct sheet_col payments_cols[] = {
    {"单位编号", SHEET_ID}, {"险种", SHEET_TEXT}, {"单位缴费比例或定额标准", SHEET_TEXT},
    {"单位缴费基数总额", SHEET_MONEY}, {"单位实缴金额", SHEET_MONEY},
    {"对应费款所属期", SHEET_MONTH}, {"个人缴费比例或定额标准", SHEET_TEXT},
    {"个人缴费基数总额", SHEET_MONEY}, {"个人实缴金额", SHEET_MONEY},
    {"划入个人账户金额", SHEET_MONEY}, {"缴费类型", SHEET_TEXT}, {"缴费人数", SHEET_COUNT},
    {"职工工资总额", SHEET_MONEY}, {"滞纳金", SHEET_MONEY}};

static int payments_csv(struct req *r, const struct report *q, const struct report_row *total)
{
    struct buf out = {0};
    char filename[96];
    int rc = -1;

    snprintf(filename, sizeof filename, "单位缴费查询-%s%s%s.csv", q->month, q->type ? "-" : "",
             q->type ? q->type->code : "");
    if (csv_begin_with_header(&out, payments_header,
                              sizeof payments_header / sizeof payments_header[0]) != 0)
        goto done;
    for (size_t i = 0; i < q->n; i++)
        if (payments_csv_row(&out, r, q, &q->rows[i], 0) != 0)
            goto done;
    if (q->n && payments_csv_row(&out, r, q, total, 1) != 0)
        goto done;
    rc = send_csv_buf(r, q->form, &out, payments_cols, sizeof payments_cols / sizeof *payments_cols,
                      filename);
done:
    buf_free(&out);
    return rc;
}

static void payments_put_row(struct req *r, const char *prefix, const struct report *q,
                             const struct report_row *w, int total)
{
    char key[64], rate[REPORT_RATE_MAX];

#define SETV(k, v) do { snprintf(key, sizeof key, "%s." k, prefix); hdf_set_value(r->hdf, key, v); } while (0)
#define SETF(k, v) do { snprintf(key, sizeof key, "%s." k, prefix); set_fen(r, key, v); } while (0)
    SETV("TypeName", w->type_name);
    SETV("PaymentType", w->payment_type);
    if (!total) {
        SETV("Month", q->month);
        report_rate_text(rate, sizeof rate, w->unit_bp, w->unit_fixed_fen);
        SETV("UnitRate", rate);
        report_rate_text(rate, sizeof rate, w->person_bp, w->person_fixed_fen);
        SETV("PersonRate", rate);
    }
    SETF("Base", w->base_fen);
    SETF("Unit", w->unit_fen);
    SETF("Person", w->person_fen);
    SETF("Account", w->account_fen);
    SETF("Wage", w->wage_fen);
    SETF("LateFee", w->late_fee_fen);
    snprintf(key, sizeof key, "%s.Persons", prefix);
    hdf_set_int_value(r->hdf, key, (int)w->persons);
#undef SETV
#undef SETF
}

static int report_payments(struct req *r)
{
    struct report q;
    struct report_row total;
    char key[32];
    int rc = monthly_start(r, &q, "单位缴费查询打印", "report_payments",
                           "report_payments.cs", 1);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    if (payments_total(r, &q, &total) != 0)
        return -1;
    if (q.form >= FORM_CSV)
        return payments_csv(r, &q, &total);
    for (size_t i = 0; i < q.n; i++) {
        snprintf(key, sizeof key, "Rows.%zu", i);
        payments_put_row(r, key, &q, &q.rows[i], 0);
    }
    if (q.n)
        payments_put_row(r, "Total", &q, &total, 1);
    put_links(r, &q);
    hdf_set_int_value(r->hdf, "Result.Shown", 1);
    if (q.form == FORM_PRINT)
        hdf_set_int_value(r->hdf, "Page.Landscape", 1);
    return web_render(r, 200, "report_payments.cs");
}

/* ---- 缴费通知单 ---------------------------------------------------------------- */

struct notice_row {
    const char *type_name, *payment_type;
    long long person, unit, interest, late, other, amount;
};

static const char *const notice_header[] = {
    "通知单据号", "费款所属期", "险种类型", "缴费类型", "个人缴费金额", "单位缴费金额", "利息",
    "滞纳金", "其他缴费金额", "金额"
};
static const struct sheet_col notice_cols[] = {
    {"通知单据号", SHEET_ID}, {"费款所属期", SHEET_MONTH}, {"险种类型", SHEET_TEXT},
    {"缴费类型", SHEET_TEXT}, {"个人缴费金额", SHEET_MONEY}, {"单位缴费金额", SHEET_MONEY},
    {"利息", SHEET_MONEY}, {"滞纳金", SHEET_MONEY}, {"其他缴费金额", SHEET_MONEY}, {"金额", SHEET_MONEY}};

static int notice_csv_row(struct buf *out, const char *no, const char *month,
                          const struct notice_row *w)
{
    if (csv_put_text(out, no) || csv_put_text(out, month) || csv_put(out, w->type_name) ||
        csv_put(out, w->payment_type) || csv_fen(out, w->person) || csv_fen(out, w->unit) ||
        csv_fen(out, w->interest) || csv_fen(out, w->late) || csv_fen(out, w->other) ||
        csv_fen(out, w->amount))
        return -1;
    return csv_end_row(out);
}

static int notice_csv(struct req *r, const struct report *q, const char *no,
                      const struct notice_row *rows, size_t n, const struct notice_row *sub,
                      const char *upper)
{
    struct buf out = {0};
    char filename[96];
    int rc = -1;

    snprintf(filename, sizeof filename, "缴费通知单-%s.csv", q->month);
    if (csv_begin_with_header(&out, notice_header,
                              sizeof notice_header / sizeof notice_header[0]) != 0)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (notice_csv_row(&out, no, q->month, &rows[i]) != 0)
            goto done;
    if (n && notice_csv_row(&out, no, q->month, sub) != 0)
        goto done;
    /* 核定征集总额 in figures and capitals, under 险种类型 and 金额 */
    if (n && (csv_put_text(&out, no) || csv_put_text(&out, q->month) ||
              csv_put(&out, "核定征集总额") || csv_put(&out, upper) || csv_put(&out, "") ||
              csv_put(&out, "") || csv_put(&out, "") || csv_put(&out, "") || csv_put(&out, "") ||
              csv_fen(&out, sub->amount) || csv_end_row(&out)))
        goto done;
    rc = send_csv_buf(r, q->form, &out, notice_cols, sizeof notice_cols / sizeof *notice_cols,
                      filename);
done:
    buf_free(&out);
    return rc;
}

static void notice_put_row(struct req *r, const char *prefix, const struct notice_row *w)
{
    char key[64];

#define SETF(k, v) do { snprintf(key, sizeof key, "%s." k, prefix); set_fen(r, key, v); } while (0)
    snprintf(key, sizeof key, "%s.TypeName", prefix);
    hdf_set_value(r->hdf, key, w->type_name);
    snprintf(key, sizeof key, "%s.PaymentType", prefix);
    hdf_set_value(r->hdf, key, w->payment_type);
    SETF("Person", w->person);
    SETF("Unit", w->unit);
    SETF("Interest", w->interest);
    SETF("LateFee", w->late);
    SETF("Other", w->other);
    SETF("Amount", w->amount);
#undef SETF
}

static int report_notice(struct req *r)
{
    struct report q;
    struct notice_row rows[REPORT_ROWS_MAX], sub = {"小计", "", 0, 0, 0, 0, 0, 0};
    char no[NOTICE_NO_MAX], upper[RMB_UPPER_MAX], key[32];
    size_t n = 0;
    int rc = monthly_start(r, &q, "缴费通知单", "report_notice", "report_notice.cs", 0);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    for (size_t i = 0; i < q.n; i++) {
        const struct report_row *w = &q.rows[i];
        struct notice_row x = {w->type_name, w->payment_type, w->person_fen, w->unit_fen,
                               w->interest_fen, w->late_fee_fen, 0, 0};
        if (!notice_row_shown(x.person, x.unit, x.interest, x.late, x.other))
            continue;
        x.amount = x.person + x.unit + x.interest + x.late + x.other;
        sub.person += x.person;
        sub.unit += x.unit;
        sub.interest += x.interest;
        sub.late += x.late;
        sub.other += x.other;
        sub.amount += x.amount;
        rows[n++] = x;
    }
    if (notice_number(no, sizeof no, (long long)r->unit.id, q.ym) < 0 ||
        rmb_upper(sub.amount, upper, sizeof upper) != 0)
        return web_fail(r, "the notice number or the amount in capitals");
    if (n == 0)
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_PAYMENTS_NONE));
    if (q.form >= FORM_CSV)
        return notice_csv(r, &q, no, rows, n, &sub, upper);
    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "Rows.%zu", i);
        notice_put_row(r, key, &rows[i]);
    }
    if (n) {
        notice_put_row(r, "Sub", &sub);
        set_fen(r, "Notice.Total", sub.amount);
        hdf_set_value(r->hdf, "Notice.Upper", upper);
    }
    hdf_set_value(r->hdf, "Notice.No", no);
    put_links(r, &q);
    hdf_set_int_value(r->hdf, "Result.Shown", 1);
    if (q.form == FORM_PRINT)
        hdf_set_int_value(r->hdf, "Page.Landscape", 1);
    return web_render(r, 200, "report_notice.cs");
}

/* ---- 单位参保证明 -------------------------------------------------------------- */

struct cert_data {
    struct unit_contact contact;
    struct unit_legal_rep rep;
    struct unit_type_info types[UNIT_TYPES_MAX];
    size_t ntypes;
    struct unit_scheme schemes[UNIT_SCHEMES_MAX];
    size_t nschemes;
    long insured, retired;
    struct certificate cert;
};

static const char *state_of(const struct unit_type_info *t)
{
    return t->active ? "参保缴费" : "暂停缴费";
}

/* The states as certified, one "险种名称\t参保状态" a line (schemes: 已登记). */
static int cert_states(struct cert_data *d)
{
    struct buf b = {0};
    int rc = 0;

    for (size_t i = 0; i < d->ntypes && rc == 0; i++)
        rc = buf_printf(&b, "%s\t%s\n", d->types[i].name, state_of(&d->types[i]));
    for (size_t i = 0; i < d->nschemes && rc == 0; i++)
        rc = buf_printf(&b, "%s\t已登记\n", d->schemes[i].name);
    if (rc == 0 && b.len < sizeof d->cert.states)
        snprintf(d->cert.states, sizeof d->cert.states, "%s", b.p ? b.p : "");
    else
        rc = -1;
    buf_free(&b);
    return rc;
}

/* The certificate's 核验码: the one made today for the same content, else a
 * new random one (another draw on the rare collision). */
static int cert_code(struct req *r, struct cert_data *d)
{
    unsigned char rnd[VERIFY_CODE_LEN];
    int rc = store_certificate_find(r->db, r->unit.id, &d->cert);

    if (rc != STORE_NOTFOUND)
        return rc;
    for (int tries = 0; tries < 4; tries++) {
        if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
            return -1;
        verify_code_make(rnd, d->cert.code);
        rc = store_certificate_add(r->db, r->unit.id, &d->cert, &r->now);
        if (rc != STORE_DUP)
            return rc;
    }
    return -1;
}

static int cert_read(struct req *r, struct cert_data *d)
{
    memset(d, 0, sizeof *d);
    if (store_unit_contact_get(r->db, r->unit.id, &d->contact) != 0 ||
        store_unit_legal_rep_get(r->db, r->unit.id, &d->rep) != 0 ||
        store_unit_types(r->db, r->unit.id, d->types, UNIT_TYPES_MAX, &d->ntypes) != 0 ||
        store_unit_schemes(r->db, r->unit.id, d->schemes, UNIT_SCHEMES_MAX, &d->nschemes) != 0 ||
        store_unit_counts(r->db, r->unit.id, &d->insured, &d->retired) != 0)
        return -1;
    snprintf(d->cert.unit_no, sizeof d->cert.unit_no, "%s", r->unit.unit_no);
    snprintf(d->cert.unit_name, sizeof d->cert.unit_name, "%s", r->unit.name);
    d->cert.made_on = dt_date(&r->now);
    if (cert_states(d) != 0)
        return -1;
    return cert_code(r, d);
}

static const char *const cert_header[] = {
    "单位编号", "单位名称", "险种", "参保状态", "参保日期", "制表日期", "核验码"
};

static const struct sheet_col cert_cols[] = {
    {"单位编号", SHEET_ID}, {"单位名称", SHEET_TEXT}, {"险种", SHEET_TEXT}, {"参保状态", SHEET_TEXT},
    {"参保日期", SHEET_MONTH}, {"制表日期", SHEET_MONTH}, {"核验码", SHEET_ID}};

static int cert_csv(struct req *r, const struct cert_data *d, enum rform form)
{
    struct buf out = {0};
    char month[11], made[11];
    int rc = -1;

    format_date(made, d->cert.made_on);
    if (csv_begin_with_header(&out, cert_header, sizeof cert_header / sizeof cert_header[0]) != 0)
        goto done;
    for (size_t i = 0; i < d->ntypes + d->nschemes; i++) {
        const char *name, *state;
        if (i < d->ntypes) {
            format_month(month, d->types[i].first_month);
            name = d->types[i].name;
            state = state_of(&d->types[i]);
        } else {
            format_date(month, d->schemes[i - d->ntypes].registered_on);
            name = d->schemes[i - d->ntypes].name;
            state = "已登记";
        }
        if (csv_put_text(&out, r->unit.unit_no) || csv_put(&out, r->unit.name) ||
            csv_put(&out, name) || csv_put(&out, state) || csv_put_text(&out, month) ||
            csv_put_text(&out, made) || csv_put(&out, d->cert.code) || csv_end_row(&out))
            goto done;
    }
    rc = send_csv_buf(r, form, &out, cert_cols, sizeof cert_cols / sizeof *cert_cols,
                      "单位参保证明.csv");
done:
    buf_free(&out);
    return rc;
}

static void cert_put(struct req *r, const struct cert_data *d)
{
    char key[48], month[11];

    hdf_set_value(r->hdf, "Unit.No", r->unit.unit_no);
    hdf_set_value(r->hdf, "Unit.Name", r->unit.name);
    hdf_set_value(r->hdf, "Unit.Type", r->unit.unit_type);
    hdf_set_value(r->hdf, "Unit.CreditCode", r->unit.credit_code);
    hdf_set_value(r->hdf, "Unit.LegalRepName", d->rep.name);
    hdf_set_value(r->hdf, "Unit.LegalRepIdNo", d->rep.id_no);
    hdf_set_value(r->hdf, "Unit.Phone", d->contact.contact_phone);
    hdf_set_value(r->hdf, "Unit.Bank", d->contact.bank_name);
    hdf_set_value(r->hdf, "Unit.AccountName", d->contact.bank_account_name);
    hdf_set_value(r->hdf, "Unit.AccountNo", d->contact.bank_account_no);
    hdf_set_value(r->hdf, "Unit.Address", d->contact.address);
    hdf_set_int_value(r->hdf, "Unit.Insured", (int)d->insured);
    for (size_t i = 0; i < d->ntypes; i++) {
        snprintf(key, sizeof key, "Types.%zu.Name", i);
        hdf_set_value(r->hdf, key, d->types[i].name);
        snprintf(key, sizeof key, "Types.%zu.State", i);
        hdf_set_value(r->hdf, key, state_of(&d->types[i]));
        format_month(month, d->types[i].first_month);
        snprintf(key, sizeof key, "Types.%zu.Since", i);
        hdf_set_value(r->hdf, key, month);
    }
    if (d->ntypes == 0)
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_UNIT_NO_TYPES));
    for (size_t i = 0; i < d->nschemes; i++) {
        snprintf(key, sizeof key, "Schemes.%zu.Name", i);
        hdf_set_value(r->hdf, key, d->schemes[i].name);
        format_date(month, d->schemes[i].registered_on);
        snprintf(key, sizeof key, "Schemes.%zu.Since", i);
        hdf_set_value(r->hdf, key, month);
    }
    hdf_set_value(r->hdf, "Cert.Code", d->cert.code);
    hdf_set_int_value(r->hdf, "Cert.Days", VERIFY_DAYS);
}

static int report_certificate(struct req *r)
{
    struct cert_data d;
    enum rform form;

    if (read_form(r, &form) != 0 || r->field[K_MONTH].state != FIELD_ABSENT ||
        r->field[K_TYPE].state != FIELD_ABSENT)
        return web_error(r, 400, NULL);
    if (put_header(r, form, "单位参保证明", "report_certificate", NULL) != 0 ||
        cert_read(r, &d) != 0)
        return -1;
    /* the certificate's 经办人 is the portal itself, as the deck shows (spec §7b) */
    hdf_set_value(r->hdf, "Report.Operator", msg_text(MSG_CERT_OPERATOR));
    if (form >= FORM_CSV)
        return cert_csv(r, &d, form);
    cert_put(r, &d);
    hdf_set_int_value(r->hdf, "Result.Shown", 1);
    hdf_set_value(r->hdf, "Page.Back", "/report/certificate");
    return web_render(r, 200, "report_certificate.cs");
}

static const struct route routes[] = {
    {"GET", "/report/payments", report_payments, 0},
    {"GET", "/report/notice", report_notice, 0},
    {"GET", "/report/certificate", report_certificate, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"report", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
