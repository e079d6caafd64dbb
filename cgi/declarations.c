/*
 * /declarations/approved, /declarations/pending — 申报信息查询 (spec §9,
 * issue 3 item 4, issue 4 item 4): the unit's declarations by business type,
 * time range (经办时间, inclusive dates) and declaration period (申报期),
 * newest first, DECL_PAGE_SIZE a page; format=csv exports every matching row.
 * /declarations/pending is the same frame over 待审核 declarations: empty
 * today (every online declaration is approved at once), with that explanation.
 *   GET 200 page or CSV (malformed filters: the page with field messages and
 *       no rows); 400 unknown parameters or a format other than csv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"
#include "base/csv.h"
#include "store/declarations.h"

#define DECL_PAGE_SIZE 50

static const struct field_spec fields[] = {
    {"type", F_TEXT, 64},
    {"from", F_DATE, 0},
    {"to", F_DATE, 0},
    {"period", F_MONTH, 0},
    {"page", F_INT, 0},
    {"format", F_TEXT, 8},
    {NULL, 0, 0}};

static void field_error(struct req *r, const char *field, enum msg_id id, const char *label)
{
    char name[64], text[256];
    snprintf(name, sizeof name, "Errors.%s", field);
    if (label)
        msg_format(text, sizeof text, id, label);
    else
        snprintf(text, sizeof text, "%s", msg_text(id));
    hdf_set_value(r->hdf, name, text);
}

/* Reads the filters into f; sets field messages and returns -1 when one is malformed. */
static int read_filter(struct req *r, struct decl_filter *f)
{
    const char *type = req_param(r, "type");
    int bad = 0, rc;

    if (type && !decl_type_valid(type)) {
        field_error(r, "Type", MSG_FIELD_INVALID, "业务类型");
        bad = 1;
    } else {
        f->type = type;
    }
    if ((rc = req_date(r, "from", &f->from)) != 0) {
        memset(&f->from, 0, sizeof f->from);
        if (rc < 0) {
            field_error(r, "From", MSG_FIELD_INVALID, "开始日期");
            bad = 1;
        }
    }
    if ((rc = req_date(r, "to", &f->to)) != 0) {
        memset(&f->to, 0, sizeof f->to);
        if (rc < 0) {
            field_error(r, "To", MSG_FIELD_INVALID, "结束日期");
            bad = 1;
        }
    }
    if (f->from.y && f->to.y && ymd_cmp(f->from, f->to) > 0) {
        field_error(r, "To", MSG_DATE_RANGE, NULL);
        bad = 1;
    }
    if ((rc = req_month(r, "period", &f->period_ym)) != 0) {
        f->period_ym = -1;
        if (rc < 0) {
            field_error(r, "Period", MSG_FIELD_INVALID, "申报期");
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static void url_arg(struct buf *b, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!value)
        return;
    buf_printf(b, "%s%s=", b->len ? "&" : "", name);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.')
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

struct row_ctx {
    struct req *r;
    struct buf *csv;
    long seq;
    int failed;
};

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
    char key[48], period[8], at[20];
    long i = c->seq++;

    row_strings(row, period, at);
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
    SETV("Result", row->result);
#undef SETV
    return c->failed;
}

static int put_csv_row(const struct decl_row *row, void *arg)
{
    struct row_ctx *c = arg;
    char seq[24], period[8], at[20];

    row_strings(row, period, at);
    snprintf(seq, sizeof seq, "%ld", ++c->seq);
    if (csv_put(c->csv, seq) || csv_put(c->csv, row->type) ||
        (row->id_no[0] ? csv_put_text(c->csv, row->id_no) : csv_put(c->csv, "")) ||
        csv_put(c->csv, row->name) || csv_put(c->csv, period) ||
        csv_put(c->csv, row->operator_name) || csv_put(c->csv, at) ||
        csv_put(c->csv, row->review) || csv_put(c->csv, row->result) || csv_end_row(c->csv))
        return -1;
    return 0;
}

static const char *const csv_header[] = {
    "序号", "业务类型", "证件号码", "姓名", "申报期", "经办人", "经办时间", "审核状态",
    "办理结果/说明", NULL
};

static int send_csv(struct req *r, const struct decl_filter *f, const char *filename)
{
    struct buf out = {0};
    struct row_ctx c = {r, &out, 0, 0};
    int rc = -1;

    if (csv_begin(&out) != 0)
        goto done;
    for (int i = 0; csv_header[i]; i++)
        if (csv_put(&out, csv_header[i]) != 0)
            goto done;
    if (csv_end_row(&out) != 0 ||
        store_declarations_each(r->db, f, 0, -1, put_csv_row, &c) != 0)
        goto done;
    rc = web_send(r, 200, "text/csv; charset=utf-8", out.p, out.len, filename);
done:
    buf_free(&out);
    return rc;
}

static int show(struct req *r, const char *review, const char *title, const char *key,
                const char *base, const char *filename)
{
    struct decl_filter f;
    struct buf q = {0};
    const char *format = req_param(r, "format"), *page_s = req_param(r, "page");
    long total = 0, page = 1, pages;
    int rc = -1;

    if (format && strcmp(format, "csv") != 0)
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
    if (req_param(r, "type")) hdf_set_value(r->hdf, "Filter.Type", req_param(r, "type"));
    if (req_param(r, "from")) hdf_set_value(r->hdf, "Filter.From", req_param(r, "from"));
    if (req_param(r, "to")) hdf_set_value(r->hdf, "Filter.To", req_param(r, "to"));
    if (req_param(r, "period")) hdf_set_value(r->hdf, "Filter.Period", req_param(r, "period"));

    if (read_filter(r, &f) != 0) {
        web_msg(r, "fail", msg_text(MSG_BAD_FILTER));
        return web_render(r, 200, "declarations.cs");
    }
    if (format)
        return send_csv(r, &f, filename);

    if (page_s) {
        char *end;
        page = strtol(page_s, &end, 10);
        if (*end || page < 1)
            page = 1;
    }
    if (store_declarations_count(r->db, &f, &total) != 0)
        return -1;
    pages = total ? (total + DECL_PAGE_SIZE - 1) / DECL_PAGE_SIZE : 1;
    if (page > pages)
        page = pages;
    {
        struct row_ctx c = {r, NULL, (page - 1) * DECL_PAGE_SIZE, 0};
        if (store_declarations_each(r->db, &f, (page - 1) * DECL_PAGE_SIZE, DECL_PAGE_SIZE,
                                    put_html_row, &c) != 0)
            return -1;
    }
    url_arg(&q, "type", f.type);
    url_arg(&q, "from", req_param(r, "from"));
    url_arg(&q, "to", req_param(r, "to"));
    url_arg(&q, "period", req_param(r, "period"));
    hdf_set_value(r->hdf, "Filter.Query", q.p ? q.p : "");
    hdf_set_int_value(r->hdf, "Paging.Total", (int)total);
    hdf_set_int_value(r->hdf, "Paging.Page", (int)page);
    hdf_set_int_value(r->hdf, "Paging.Pages", (int)pages);
    if (page > 1)
        hdf_set_int_value(r->hdf, "Paging.Prev", (int)(page - 1));
    if (page < pages)
        hdf_set_int_value(r->hdf, "Paging.Next", (int)(page + 1));
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
                "/declarations/approved", "approved-declarations.csv");
}

static int pending(struct req *r)
{
    return show(r, "待审核", "待审核数据查询", "declarations_pending",
                "/declarations/pending", "pending-declarations.csv");
}

static const struct route routes[] = {
    {"GET", "/declarations/approved", approved, 0},
    {"GET", "/declarations/pending", pending, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"declarations", 0, routes, fields};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
