/*
 * /declarations/approved, /declarations/pending — 申报信息查询 (spec §9,
 * issue 3 item 4, issue 4 item 4): the unit's declarations by business type,
 * time range (经办时间, inclusive dates) and declaration period (申报期),
 * newest first, DECL_PAGE_SIZE a page; format=csv exports every matching row,
 * format=xlsx the same as a workbook (web/sheet.h).
 * /declarations/pending is the same frame over 待审核 declarations: empty
 * today (every online declaration is approved at once), with that explanation.
 *   GET 200 page or CSV (malformed filters: the page with field messages and
 *       no rows); format=print: every matching row on a printable page of its
 *       own (the report print header, A4, headers on every page; issue 8);
 *       400 unknown parameters or a format other than csv, xlsx and print
 * /declarations/ID/undo — 撤销本期增员 / 撤销本期减员 (spec §7a, issue 11 item 4)
 *   GET  200 the confirmation page (nothing changes); 404 as /declarations/ID
 *   POST 303 to the 撤销增员 / 撤销减员 declaration (store_undo, store/undo.h);
 *        200 the confirmation page with the refusal (msg fail); 404 no
 *        declaration of this unit; 405 a POST to a page of GET only
 * /declarations/ID — one declaration of the session's unit (spec §11, issue 13
 * item 2): where every successful business POST leads (303). Its type,
 * 申报期, person, 经办人, 经办时间, the result message (msg ok), the before and
 * after data as labelled rows, for an 增员 with back-payment its 职工补缴核定,
 * the 反向操作 links of spec §7a (pre-filled pages; nothing happens without
 * the clerk's submit there) or that an undo withdrew it.
 *   GET 200 the page; 404 (the same Chinese page) for any ID that is not a
 *       declaration of this unit, another unit's or none, and for a path
 *       that is no ID
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"
#include "base/csv.h"
#include "web/sheet.h"
#include "store/declarations.h"
#include "store/json.h"
#include "store/undo.h"

#define DECL_PAGE_SIZE 50

enum key { K_TYPE, K_FROM, K_TO, K_PERIOD, K_ACCOUNT, K_PAGE, K_FORMAT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_TYPE] = {"type", F_TEXT, 64, "业务类型"},
    [K_FROM] = {"from", F_DATE, 0, "开始日期"},
    [K_TO] = {"to", F_DATE, 0, "结束日期"},
    [K_PERIOD] = {"period", F_MONTH, 0, "申报期"},
    [K_ACCOUNT] = {"account", F_INT, 0, "经办人"},
    [K_PAGE] = {"page", F_INT, 0, NULL},
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
};

/* Reads the filters into f; sets field messages and returns -1 when one is malformed. */
static int read_filter(struct req *r, struct decl_filter *f)
{
    const struct field *type = &r->field[K_TYPE], *period = &r->field[K_PERIOD];
    int bad = 0;

    if (type->text && !decl_type_valid(type->text))
        bad += web_field_error(r, K_TYPE, MSG_FIELD_INVALID);
    else
        f->type = type->text;
    /* a date or month left out or malformed is no filter (zero, -1) */
    f->from = r->field[K_FROM].date;
    f->to = r->field[K_TO].date;
    f->period_ym = period->state == FIELD_OK ? period->month : -1;
    /* an account of the unit: another unit's id matches nothing (unit_id) */
    f->account_id = r->field[K_ACCOUNT].state == FIELD_OK && r->field[K_ACCOUNT].num > 0
                        ? (int64_t)r->field[K_ACCOUNT].num : 0;
    for (int k = K_FROM; k <= K_ACCOUNT; k++)
        if (r->field[k].state == FIELD_BAD)
            bad += web_field_error(r, k, MSG_FIELD_INVALID);
    if (f->from.y && f->to.y && ymd_cmp(f->from, f->to) > 0)
        bad += web_field_error(r, K_TO, MSG_DATE_RANGE);
    bad += web_text_field_errors(r);
    return bad ? -1 : 0;
}

struct row_ctx {
    struct req *r;
    struct buf *csv;
    long seq;
    int failed;
    int links;      /* the screen page: 反向操作 links (spec §7a) */
    int C;          /* the current declaration month */
};

/* Was this 缴费申报与变更 a 零星基数调整? Its result says so (MSG_ADJUST_RESULT). */
static int is_adjust(const char *type, const char *result)
{
    const char *fmt = msg_text(MSG_ADJUST_RESULT), *paren = strstr(fmt, "(");
    size_t n = paren ? (size_t)(paren - fmt) : strlen(fmt);
    return strcmp(type, "缴费申报与变更") == 0 && strncmp(result, fmt, n) == 0;
}

/* The row's reverse operation, REVERSE_NONE once an undo withdrew it
 * (*withdrawn then holds the 撤销 declaration). -1 on a database error. */
static int reverse_state(struct req *r, const struct decl_row *row, int C, int64_t *withdrawn)
{
    enum reverse_op op = reverse_of(row->type, row->period_ym == C,
                                    is_adjust(row->type, row->result));
    *withdrawn = 0;
    if (op == REVERSE_UNDO || strcmp(row->type, "参保人员增员申报") == 0 ||
        strcmp(row->type, "参保人员减员申报") == 0) {
        if (store_declaration_withdrawn_by(r->db, r->unit.id, row->id, withdrawn) != 0)
            return -1;
        if (*withdrawn)
            return REVERSE_NONE;
    }
    return op;
}

static void row_strings(const struct decl_row *row, char period[8], char at[20])
{
    period[0] = '\0';
    if (row->period_ym >= 0)
        format_month(period, row->period_ym);
    format_datetime(at, &row->created);
}

static int put_html_row(const struct decl_row *row, void *arg)
{
    struct row_ctx *c = arg;
    char key[48], period[8], at[20], id[24], result[sizeof row->result];
    long i = c->seq++;

    row_strings(row, period, at);
    snprintf(id, sizeof id, "%lld", (long long)row->id);
#define SETV(k, v) do { snprintf(key, sizeof key, "Rows.%ld." k, i); \
                        if (hdf_set_value(c->r->hdf, key, v) != STATUS_OK) c->failed = 1; } while (0)
    snprintf(key, sizeof key, "Rows.%ld.Seq", i);
    hdf_set_int_value(c->r->hdf, key, (int)(i + 1));
    SETV("Type", row->type);
    SETV("IdNo", row->id_no);
    SETV("Name", row->name);
    SETV("Period", period);
    SETV("Operator", row->operator_name);
    SETV("Time", at);
    SETV("Review", row->review);
    msg_without_query_hint(row->result, result, sizeof result);
    SETV("Result", result);
    snprintf(key, sizeof key, "Rows.%ld.Id", i);
    hdf_set_value(c->r->hdf, key, id);
    if (c->links) {
        int64_t by = 0;
        int op = reverse_state(c->r, row, c->C, &by);
        if (op < 0)
            c->failed = 1;
        else if (by > 0) {
            snprintf(key, sizeof key, "Rows.%ld.Withdrawn", i);
            hdf_set_int_value(c->r->hdf, key, 1);
        } else if (op != REVERSE_NONE) {
            snprintf(key, sizeof key, "Rows.%ld.Reverse", i);
            hdf_set_int_value(c->r->hdf, key, 1);
        }
    }
#undef SETV
    return c->failed;
}

static int put_csv_row(const struct decl_row *row, void *arg)
{
    struct row_ctx *c = arg;
    char seq[24], period[8], at[20], result[sizeof row->result];

    row_strings(row, period, at);
    msg_without_query_hint(row->result, result, sizeof result);
    snprintf(seq, sizeof seq, "%ld", ++c->seq);
    if (csv_put(c->csv, seq) || csv_put(c->csv, row->type) ||
        (row->id_no[0] ? csv_put_text(c->csv, row->id_no) : csv_put(c->csv, "")) ||
        csv_put(c->csv, row->name) || csv_put(c->csv, period) ||
        csv_put(c->csv, row->operator_name) || csv_put(c->csv, at) ||
        csv_put(c->csv, row->review) || csv_put(c->csv, result) || csv_end_row(c->csv))
        return -1;
    return 0;
}

static const char *const csv_header[] = {
    "序号", "业务类型", "证件号码", "姓名", "申报期", "经办人", "经办时间", "审核状态",
    "办理结果/说明"
};

static const struct sheet_col xlsx_cols[] = {
    {"序号", SHEET_COUNT}, {"业务类型", SHEET_TEXT}, {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT},
    {"申报期", SHEET_MONTH}, {"经办人", SHEET_TEXT}, {"经办时间", SHEET_TEXT},
    {"审核状态", SHEET_TEXT}, {"办理结果/说明", SHEET_TEXT}};

static int send_csv(struct req *r, const struct decl_filter *f, const char *filename, int xlsx)
{
    struct buf out = {0};
    struct row_ctx c = {r, &out, 0, 0, 0, 0};
    int rc = -1;

    if (csv_begin_with_header(&out, csv_header, sizeof csv_header / sizeof csv_header[0]) != 0 ||
        store_declarations_each(r->db, f, 0, -1, put_csv_row, &c) != 0)
        goto done;
    rc = sheet_send_table(r, xlsx, out.p, out.len, xlsx_cols,
                          sizeof xlsx_cols / sizeof *xlsx_cols, filename);
done:
    buf_free(&out);
    return rc;
}

static const char *const echo[] = {
    [K_TYPE] = "Filter.Type", [K_FROM] = "Filter.From", [K_TO] = "Filter.To",
    [K_PERIOD] = "Filter.Period", [K_ACCOUNT] = "Filter.Account"};

/* The unit's accounts for the 经办人 filter: Accounts.N.{Id, Label}. */
struct acc_ctx {
    struct req *r;
    int n;
};

static int put_account(const struct account *a, void *arg)
{
    struct acc_ctx *c = arg;
    char k[48], v[160];

    snprintf(k, sizeof k, "Accounts.%d.Id", c->n);
    snprintf(v, sizeof v, "%lld", (long long)a->id);
    hdf_set_value(c->r->hdf, k, v);
    snprintf(k, sizeof k, "Accounts.%d.Label", c->n++);
    snprintf(v, sizeof v, "%s(%s)", a->name, a->login[0] ? a->login : "管理员");
    return hdf_set_value(c->r->hdf, k, v) == STATUS_OK ? 0 : -1;
}

static int show(struct req *r, const char *review, const char *title, const char *key,
                const char *base, const char *filename)
{
    struct decl_filter f;
    struct buf q = {0};
    const char *format = r->field[K_FORMAT].text;
    const struct field *page_f = &r->field[K_PAGE];
    long total = 0, offset;
    int rc = -1;

    if (format && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0 &&
        strcmp(format, "print") != 0)
        return web_error(r, 400, NULL);
    memset(&f, 0, sizeof f);
    f.unit_id = r->unit.id;     /* the session's unit, never a parameter */
    f.review = review;
    f.period_ym = -1;
    hdf_set_value(r->hdf, "Page.Title", title);
    hdf_set_value(r->hdf, "Page.Key", key);
    hdf_set_value(r->hdf, "Page.Base", base);
    hdf_set_int_value(r->hdf, "Page.Pending", strcmp(review, "待审核") == 0);
    for (int i = 0; decl_types[i]; i++) {
        char k[32];
        snprintf(k, sizeof k, "Types.%d", i);
        hdf_set_value(r->hdf, k, decl_types[i]);
    }
    /* echo what was typed, even when malformed, so the clerk can correct it */
    for (int k = K_TYPE; k <= K_ACCOUNT; k++)
        if (r->field[k].text)
            hdf_set_value(r->hdf, echo[k], r->field[k].text);
    {
        struct acc_ctx ac = {r, 0};
        if (!format && store_accounts_each(r->db, r->unit.id, put_account, &ac) != 0)
            return -1;
    }

    if (read_filter(r, &f) != 0) {
        web_msg(r, "fail", msg_text(MSG_BAD_FILTER));
        return web_render(r, 200, "declarations.cs");
    }
    if (format && strcmp(format, "print") != 0)
        return send_csv(r, &f, filename, sheet_format(format) == 1);

    if (store_declarations_count(r->db, &f, &total) != 0)
        return -1;
    if (format) {   /* print: every row, the print header */
        struct row_ctx c = {r, NULL, 0, 0, 0, 0};
        char period[96] = "";
        if (r->field[K_PERIOD].text)
            snprintf(period, sizeof period, "申报期 %s", r->field[K_PERIOD].text);
        else if (r->field[K_FROM].text || r->field[K_TO].text)
            snprintf(period, sizeof period, "经办时间 %s 至 %s",
                     r->field[K_FROM].text ? r->field[K_FROM].text : "",
                     r->field[K_TO].text ? r->field[K_TO].text : "");
        if (web_print_header(r, title, period[0] ? period : NULL) != 0 ||
            store_declarations_each(r->db, &f, 0, -1, put_html_row, &c) != 0 || c.failed)
            return -1;
        hdf_set_int_value(r->hdf, "Print", 1);
        hdf_set_value(r->hdf, "Page.NoTitle", "1");
        hdf_set_value(r->hdf, "Page.Back", base);
        hdf_set_int_value(r->hdf, "Paging.Total", (int)total);
    } else {
        offset = web_paging(r, total, DECL_PAGE_SIZE, page_f);
        struct row_ctx c = {r, NULL, offset, 0, 1, 0};
        struct decl_state st;
        decl_state_at(&r->policy, &r->now, &st);
        c.C = st.month;
        if (store_declarations_each(r->db, &f, offset, DECL_PAGE_SIZE, put_html_row, &c) != 0 ||
            c.failed)
            return -1;
    }
    web_url_arg(&q, "type", f.type);
    for (int k = K_FROM; k <= K_ACCOUNT; k++)
        web_url_arg(&q, fields[k].name, r->field[k].text);
    hdf_set_value(r->hdf, "Filter.Query", q.p ? q.p : "");
    if (total == 0)
        hdf_set_value(r->hdf, "Empty.Text",
                      msg_text(strcmp(review, "待审核") == 0 ? MSG_DECL_NONE_PENDING : MSG_NO_DATA));
    rc = web_render(r, 200, "declarations.cs");
    buf_free(&q);
    return rc;
}

static int approved(struct req *r)
{
    return show(r, "已审核", "已审核数据查询", "declarations_approved",
                "/declarations/approved", "已审核数据.csv");
}

static int pending(struct req *r)
{
    return show(r, "待审核", "待审核数据查询", "declarations_pending",
                "/declarations/pending", "待审核数据.csv");
}


/* ---- /declarations/ID ------------------------------------------------------ */

/* The before/after data of one declaration as HDF rows under `prefix`:
 * scalars and lists of scalars as <prefix>.Rows.N.{Label,Value}, lists of
 * objects as tables <prefix>.Tables.T.{Label, Cols.C, Rows.I.Cells.C}. */
struct flat {
    struct req *r;
    const char *prefix;
    int nrows, ntables, ncols;
    char last_key[64], table_key[64], cols[16][32];
    char base[FORMAT_FEN_MAX + 8];   /* the "base" seen last: what a clamp applied */
};

/* The value as the page shows it. */
static void show_value(const struct flat *f, enum decl_value_kind kind, const char *v,
                       char *out, size_t n)
{
    const char *name;

    if (!v) {
        snprintf(out, n, "无");
        return;
    }
    switch (kind) {
    case DECL_V_FEN:
        snprintf(out, n, "%s 元", v);
        return;
    case DECL_V_TYPE:
        name = insurance_name(atoi(v));
        snprintf(out, n, "%s%s%s", v, name ? " " : "", name ? name : "");
        return;
    case DECL_V_CLAMP:
        if (strcmp(v, "lower") == 0 || strcmp(v, "upper") == 0)
            msg_format(out, n, v[0] == 'l' ? MSG_WAGE_CLAMPED_LOWER : MSG_WAGE_CLAMPED_UPPER,
                       f->base);
        else
            snprintf(out, n, "%s", strcmp(v, "none") == 0 ? msg_text(MSG_BASE_AS_DECLARED) : v);
        return;
    case DECL_V_MONTHS:
        snprintf(out, n, strcmp(v, "0") == 0 ? "无" : "%s个月", v);
        return;
    case DECL_V_TEXT:
        break;
    }
    snprintf(out, n, "%s", v);
}

/* A cell of the table of list `key`: row `index`, column `sub`. */
static void put_cell(struct flat *f, const char *key, int index, const char *sub,
                     const char *label, const char *text)
{
    char name[160];
    enum decl_value_kind kind;
    int c;

    if (strcmp(key, f->table_key) != 0) {
        snprintf(f->table_key, sizeof f->table_key, "%s", key);
        snprintf(name, sizeof name, "%s.Tables.%d.Label", f->prefix, f->ntables++);
        hdf_set_value(f->r->hdf, name, decl_key_label(key, &kind));
        f->ncols = 0;
    }
    for (c = 0; c < f->ncols && strcmp(f->cols[c], sub) != 0; c++)
        ;
    if (c == f->ncols) {
        if (c == 16)
            return;
        snprintf(f->cols[f->ncols++], sizeof f->cols[0], "%s", sub);
        snprintf(name, sizeof name, "%s.Tables.%d.Cols.%d", f->prefix, f->ntables - 1, c);
        hdf_set_value(f->r->hdf, name, label);
    }
    snprintf(name, sizeof name, "%s.Tables.%d.Rows.%d.Cells.%d", f->prefix, f->ntables - 1,
             index < 0 ? 0 : index, c);
    hdf_set_value(f->r->hdf, name, text);
}

static int put_scalar(void *arg, const char *key, int index, const char *sub, const char *value)
{
    struct flat *f = arg;
    enum decl_value_kind kind;
    const char *label = decl_key_label(sub ? sub : key, &kind);
    char text[512], name[160];

    if (!sub && strcmp(key, "base") == 0 && value)
        snprintf(f->base, sizeof f->base, "%s", value);
    show_value(f, kind, value, text, sizeof text);
    if (sub) {
        put_cell(f, key, index, sub, label, text);
        return 0;
    }
    if (index > 0 && strcmp(key, f->last_key) == 0) {   /* a list of scalars: one row */
        char joined[1024];
        snprintf(name, sizeof name, "%s.Rows.%d.Value", f->prefix, f->nrows - 1);
        snprintf(joined, sizeof joined, "%s、%s", hdf_get_value(f->r->hdf, name, ""), text);
        hdf_set_value(f->r->hdf, name, joined);
        return 0;
    }
    snprintf(f->last_key, sizeof f->last_key, "%s", key);
    snprintf(name, sizeof name, "%s.Rows.%d.Label", f->prefix, f->nrows);
    hdf_set_value(f->r->hdf, name, label);
    snprintf(name, sizeof name, "%s.Rows.%d.Value", f->prefix, f->nrows++);
    hdf_set_value(f->r->hdf, name, text);
    return 0;
}

/* The stored JSON as rows; data that is not a JSON object shows what was read. */
static void put_data(struct req *r, const char *prefix, const char *json)
{
    struct flat f;

    if (!json[0])
        return;
    memset(&f, 0, sizeof f);
    f.r = r;
    f.prefix = prefix;
    json_read_flat(json, put_scalar, &f);
}

/* The 职工补缴核定 of an 增员, under Backpay (Id, Result, Data.*). */
static int put_backpay(struct req *r, const struct decl_row *of, struct decl_detail *bp)
{
    int rc = store_declaration_backpay_of(r->db, r->unit.id, of, bp);
    char text[64];

    if (rc == STORE_NOTFOUND)
        return 0;
    if (rc != 0)
        return -1;
    snprintf(text, sizeof text, "%lld", (long long)bp->row.id);
    hdf_set_value(r->hdf, "Backpay.Id", text);
    hdf_set_value(r->hdf, "Backpay.Result", bp->row.result);
    put_data(r, "Backpay.Data", bp->after);
    return 0;
}

/* The declaration's own fields, the person's gender and birth date from the
 * 证件号码, and which form 继续办理 leads back to. */
/* The page that makes declarations of a type (继续办理). */
static const char *form_of(const char *type)
{
    static const struct { const char *type, *href; } forms[] = {
        {"参保人员减员申报", "/stop"}, {"缴费申报与变更", "/wages"},
        {"单位信息维护", "/unit"}, {"参保人员信息维护", "/person"}, {"补缴删除", "/backpay"},
        {"撤销减员", "/stop"}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(type, forms[i].type) == 0)
            return forms[i].href;
    return "/enroll";
}

static void put_declaration(struct req *r, const struct decl_row *row)
{
    struct id_info info;
    char period[8], at[20], birth[11];

    row_strings(row, period, at);
    hdf_set_value(r->hdf, "Page.Title", row->type);
    hdf_set_value(r->hdf, "Page.Key", "declarations_approved");
    hdf_set_value(r->hdf, "Decl.Type", row->type);
    hdf_set_value(r->hdf, "Decl.Period", period);
    hdf_set_value(r->hdf, "Decl.IdNo", row->id_no);
    hdf_set_value(r->hdf, "Decl.Name", row->name);
    hdf_set_value(r->hdf, "Decl.Operator", row->operator_name);
    hdf_set_value(r->hdf, "Decl.Time", at);
    hdf_set_value(r->hdf, "Decl.Review", row->review);
    if (row->id_no[0] && id_check(row->id_no, NULL, &info) == ID_OK) {
        hdf_set_value(r->hdf, "Decl.Gender", info.male ? "男" : "女");
        format_date(birth, info.birth);
        hdf_set_value(r->hdf, "Decl.Birth", birth);
    }
    hdf_set_int_value(r->hdf, "Decl.IsEnrol", strcmp(row->type, "参保人员增员申报") == 0);
    hdf_set_value(r->hdf, "Decl.FormHref", form_of(row->type));
    web_msg(r, "ok", row->result);
}

/* The ID of /declarations/ID (or /declarations/ID/undo when undo is not
 * NULL: *undo says which): 1 to 18 digits, nothing else; 0 when not. */
static int64_t path_id_sub(const char *path, int *undo)
{
    const char *p = path + strlen("/declarations/");
    int64_t id = 0;
    size_t n = 0;

    for (; p[n] >= '0' && p[n] <= '9'; n++)
        id = id * 10 + (p[n] - '0');
    if (n < 1 || n > 18)
        return 0;
    if (undo && strcmp(p + n, "/undo") == 0) {
        *undo = 1;
        return id;
    }
    return p[n] == '\0' ? id : 0;
}


/* One value of the stored JSON (a scalar at the top level), for the links. */
struct pick {
    const char *key;
    char value[512];
};

static int pick_scalar(void *arg, const char *key, int index, const char *sub, const char *value)
{
    struct pick *p = arg;
    (void)index;
    if (!sub && value && strcmp(key, p->key) == 0)
        snprintf(p->value, sizeof p->value, "%s", value);
    return 0;
}

static void json_pick(const char *json, const char *key, char *out, size_t n)
{
    struct pick p;

    memset(&p, 0, sizeof p);
    p.key = key;
    if (json && json[0])
        json_read_flat(json, pick_scalar, &p);
    snprintf(out, n, "%s", p.value);
}

/* path?name=value&…: the first argument after '?', the others after '&'. */
static void link_arg(struct buf *q, const char *name, const char *value)
{
    buf_printf(q, "%c%s=", strchr(q->p ? q->p : "", '?') ? '&' : '?', name);
    buf_url(q, value);
}

/* Reverse.N.{Href, Label}: the guided reverse operation (spec §7a), pre-filled;
 * Withdrawn.Id when an undo withdrew it. 0 or -1. */
static int put_reverse(struct req *r, const struct decl_row *row, const char *before,
                       const char *after)
{
    static const struct { const char *json, *wire; } person_keys[] = {
        {"name", "name"}, {"phone", "phone"}, {"residence", "address"}};
    static const char *const unit_keys[] = {"contact_name", "contact_phone", "address",
        "bank_name", "bank_account_name", "bank_account_no", "legal_rep_phone"};
    struct decl_state st;
    struct buf q = {0};
    int64_t by = 0;
    int op, n = 0;
    char v[512], id[24];

    decl_state_at(&r->policy, &r->now, &st);
    op = reverse_state(r, row, st.month, &by);
    if (op < 0)
        return -1;
    if (by > 0) {
        snprintf(id, sizeof id, "%lld", (long long)by);
        hdf_set_value(r->hdf, "Withdrawn.Id", id);
        hdf_set_value(r->hdf, "Withdrawn.Text", msg_text(MSG_UNDO_WITHDRAWN));
        return 0;
    }
    snprintf(id, sizeof id, "%lld", (long long)row->id);
#define LINK(label) do { char k_[32]; \
        snprintf(k_, sizeof k_, "Reverse.%d.Href", n); hdf_set_value(r->hdf, k_, q.p ? q.p : ""); \
        snprintf(k_, sizeof k_, "Reverse.%d.Label", n++); hdf_set_value(r->hdf, k_, label); \
        buf_free(&q); memset(&q, 0, sizeof q); } while (0)
    switch (op) {
    case REVERSE_UNDO:
        buf_printf(&q, "/declarations/%s/undo", id);
        LINK(strcmp(row->type, "参保人员增员申报") == 0 ? "撤销本期增员" : "撤销本期减员");
        break;
    case REVERSE_STOP_OR_DELETE:
        buf_printf(&q, "/stop");
        link_arg(&q, "id_no", row->id_no);
        LINK("减员(上月末)");
        buf_printf(&q, "/backpay");
        link_arg(&q, "id_no", row->id_no);
        LINK("补缴删除");
        break;
    case REVERSE_EDIT:
        if (strcmp(row->type, "参保人员信息维护") == 0) {
            buf_printf(&q, "/person");
            link_arg(&q, "id_no", row->id_no);
            for (size_t i = 0; i < sizeof person_keys / sizeof person_keys[0]; i++) {
                json_pick(before, person_keys[i].json, v, sizeof v);
                if (v[0])
                    link_arg(&q, person_keys[i].wire, v);
            }
        } else {
            buf_printf(&q, "/unit");
            for (size_t i = 0; i < sizeof unit_keys / sizeof unit_keys[0]; i++) {
                json_pick(before, unit_keys[i], v, sizeof v);
                if (v[0])
                    link_arg(&q, unit_keys[i], v);
            }
        }
        LINK("修改为原值");
        break;
    case REVERSE_ADJUST:
        buf_printf(&q, "/wages/adjust");
        link_arg(&q, "id_no", row->id_no);
        json_pick(after, "from_month", v, sizeof v);
        link_arg(&q, "from_month", v);
        json_pick(before, "wage", v, sizeof v);
        if (v[0])
            link_arg(&q, "wage", v);
        LINK("按原工资调整");
        break;
    default:
        break;
    }
#undef LINK
    buf_free(&q);
    return 0;
}

/* GET /declarations/ID/undo: what withdrawing it does, the form that does it. */
static int undo_page(struct req *r, const struct decl_detail *d, const char *fail)
{
    struct decl_state st;
    char id[24];

    web_period(r, &st);
    put_declaration(r, &d->row);
    hdf_set_value(r->hdf, "Page.Title", strcmp(d->row.type, "参保人员增员申报") == 0
                  ? "撤销本期增员" : "撤销本期减员");
    snprintf(id, sizeof id, "%lld", (long long)d->row.id);
    hdf_set_value(r->hdf, "Decl.Id", id);
    if (fail)
        web_msg(r, "fail", fail);
    else {   /* not the declaration's own result: what the undo would do */
        hdf_set_value(r->hdf, "Msg.Kind", "");
        hdf_set_value(r->hdf, "Msg.Text", "");
    }
    put_data(r, "Before", d->before);
    put_data(r, "After", d->after);
    return web_render(r, 200, "declaration_undo.cs");
}

/* POST /declarations/ID/undo: 303 to the 撤销 declaration; a refusal: 200
 * the confirmation page with the message; 404 no declaration of this unit. */
static int undo_post(struct req *r)
{
    struct decl_detail *d;
    struct undo_result res;
    char operator_name[STORE_OPERATOR_MAX];
    int undo = 0, rc;
    int64_t id = path_id_sub(r->path, &undo);

    if (id <= 0 || !undo)   /* a page of GET only (the list, one declaration), or none */
        return path_id_sub(r->path, NULL) > 0 || strcmp(r->path, "/declarations/approved") == 0
               || strcmp(r->path, "/declarations/pending") == 0
               ? web_error(r, 405, msg_text(MSG_METHOD))
               : web_error(r, 404, msg_text(MSG_DECL_NOT_FOUND));
    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0)
        return -1;
    rc = store_undo(r->db, &r->unit, id, &r->policy, &r->now, operator_name, &res);
    if (rc == STORE_NOTFOUND)
        return web_error(r, 404, msg_text(MSG_DECL_NOT_FOUND));
    if (rc != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    if (!(d = calloc(1, sizeof *d)))
        return web_fail(r, "out of memory");
    rc = store_declaration_get(r->db, r->unit.id, id, d);
    if (rc == 0)
        rc = undo_page(r, d, res.text);
    else
        rc = -1;
    free(d);
    return rc;
}

static int one(struct req *r)
{
    struct both { struct decl_detail d, bp; } *b;
    int undo = 0, rc;
    int64_t id = path_id_sub(r->path, &undo);

    if (id <= 0)
        return web_error(r, 404, msg_text(MSG_DECL_NOT_FOUND));
    if (!(b = calloc(1, sizeof *b)))
        return web_fail(r, "out of memory");
    rc = store_declaration_get(r->db, r->unit.id, id, &b->d);
    if (rc == STORE_NOTFOUND) {
        rc = web_error(r, 404, msg_text(MSG_DECL_NOT_FOUND));
        goto out;
    }
    if (rc != 0) {
        rc = -1;
        goto out;
    }
    if (undo) {
        rc = undo_page(r, &b->d, NULL);
        goto out;
    }
    put_declaration(r, &b->d.row);
    put_data(r, "Before", b->d.before);
    put_data(r, "After", b->d.after);
    if (put_reverse(r, &b->d.row, b->d.before, b->d.after) != 0) {
        rc = -1;
        goto out;
    }
    if ((hdf_get_int_value(r->hdf, "Decl.IsEnrol", 0) && put_backpay(r, &b->d.row, &b->bp) != 0) ||
        web_print_header(r, hdf_get_value(r->hdf, "Page.Title", "申报详情"), NULL) != 0)
        rc = -1;
    else
        rc = web_render(r, 200, "declaration.cs");
out:
    free(b);
    return rc;
}

static const struct route routes[] = {
    {"GET", "/declarations/approved", approved, 0},
    {"GET", "/declarations/pending", pending, 0},
    {"GET", "/declarations/", one, ROUTE_PREFIX},
    {"POST", "/declarations/", undo_post, ROUTE_PREFIX},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"declarations", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
