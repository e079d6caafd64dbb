/*
 * The unit's persons (spec §9 queries 4-6, issue 9 items 4-6), each scoped
 * to the session's unit, 50 rows a page, format=csv streams every matching
 * row (web_stream_*: memory stays flat however large the unit), format=xlsx
 * the same as a workbook (web/sheet.h, constant-memory mode: flat too):
 * /query/roster — 单位花名册查询: every person of the unit (store/roster.h),
 *   status, 人员类别, the 月申报工资 in force this month and the base it gives
 *   (clamped to this month's limits); filters id_no, name (contains), status.
 * /query/retirees — 离退休人员查询: filters id_no, status (在世/死亡).
 * /query/retire-due — 职工退休到龄查询: employees insured now who reach the
 *   statutory retirement month (rules/policy.h) in from..to (months, at most
 *   120; default this month and the 11 after it).
 *   GET 200 page or CSV (malformed or unknown filters, a range the wrong way
 *       round or too long: the page with field messages and no rows); 400
 *       unknown parameters or a format other than csv and xlsx
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "base/csv.h"
#include "web/sheet.h"
#include "store/roster.h"

#define ROSTER_PAGE_SIZE 50
#define RETIRE_DUE_MAX_MONTHS 120
#define RETIRE_DUE_DEFAULT_MONTHS 12

enum key { K_ID_NO, K_NAME, K_STATUS, K_FROM, K_TO, K_PAGE, K_FORMAT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_ID_NO] = {"id_no", F_TEXT, 32, "证件号码"},
    [K_NAME] = {"name", F_TEXT, 100, "姓名"},
    [K_STATUS] = {"status", F_TEXT, 16, "状态"},
    [K_FROM] = {"from", F_MONTH, 0, "开始年月"},
    [K_TO] = {"to", F_MONTH, 0, "结束年月"},
    [K_PAGE] = {"page", F_INT, 0, NULL},
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
};

static const char *const alive_values[] = {"在世", "死亡", NULL};

/* The typed text of key, NULL when absent or empty. */
static const char *text_of(const struct req *r, int key)
{
    const char *t = r->field[key].text;
    return t && *t ? t : NULL;
}

/* One page's frame: title, menu key, the filters as typed under Filter.*,
 * the filter query for links. */
static void frame(struct req *r, const char *title, const char *key, struct buf *q)
{
    static const char *const echo[K_PAGE] = {
        [K_ID_NO] = "Filter.IdNo", [K_NAME] = "Filter.Name", [K_STATUS] = "Filter.Status",
        [K_FROM] = "Filter.From", [K_TO] = "Filter.To"};

    hdf_set_value(r->hdf, "Page.Title", title);
    hdf_set_value(r->hdf, "Page.Key", key);
    for (int k = 0; k < K_PAGE; k++)
        if (r->field[k].text) {
            hdf_set_value(r->hdf, echo[k], r->field[k].text);
            web_url_arg(q, fields[k].name, r->field[k].text);
        }
    hdf_set_value(r->hdf, "Filter.Query", q->p ? q->p : "");
}

/* The 证件号码 filter, canonical (x as X) into out; a field message when it
 * is no valid ID. Returns the number of messages set. */
static int read_id(struct req *r, char out[19], const char **id)
{
    *id = NULL;
    if (!text_of(r, K_ID_NO))
        return 0;
    if (id_check(text_of(r, K_ID_NO), out, NULL) != ID_OK)
        return web_field_error(r, K_ID_NO, MSG_FIELD_INVALID);
    *id = out;
    return 0;
}

/* A value of a closed list, or a field message. */
static int read_choice(struct req *r, int key, const char *const *values, const char **out)
{
    const char *t = text_of(r, key);

    *out = NULL;
    if (!t)
        return 0;
    for (int i = 0; values[i]; i++)
        if (strcmp(t, values[i]) == 0) {
            *out = values[i];
            return 0;
        }
    return web_field_error(r, key, MSG_FIELD_INVALID);
}

/* Field messages of the page's filters: no rows, the page says why. */
static int refuse(struct req *r, const char *tpl)
{
    web_text_field_errors(r);
    web_msg(r, "fail", msg_text(MSG_BAD_FILTER));
    return web_render(r, 200, tpl);
}

static void put_choices(struct req *r, const char *name, const char *const *values)
{
    char key[48];

    for (int i = 0; values[i]; i++) {
        snprintf(key, sizeof key, "%s.%d", name, i);
        hdf_set_value(r->hdf, key, values[i]);
    }
}

/* ---- a table's rows: HTML (Rows.N.<col>) or CSV, one writer ---------------- */

struct table {
    struct req *r;
    int csv;                  /* 1: streamed CSV rows, 2: workbook rows, else HDF rows */
    long seq;                 /* rows written (the 序号 of the last one) */
    const char *const *cols;  /* HDF names of the columns, NULL-terminated */
    struct buf line;
    struct sheet_out sheet;
};

/* Writes one row of cells (id_col: the 证件号码's index, kept as text in Excel). */
static int put_row(struct table *t, const char *const *cells, int id_col)
{
    char key[64], seq[24];
    long i = t->seq++;

    snprintf(seq, sizeof seq, "%ld", i + 1);
    if (!t->csv) {
        snprintf(key, sizeof key, "Rows.%ld.Seq", i);
        hdf_set_value(t->r->hdf, key, seq);
        for (int c = 0; t->cols[c]; c++) {
            snprintf(key, sizeof key, "Rows.%ld.%s", i, t->cols[c]);
            if (hdf_set_value(t->r->hdf, key, cells[c]) != STATUS_OK)
                return -1;
        }
        return 0;
    }
    if (t->csv == 2) {
        const char *row[16] = {seq};
        int n = 1;
        for (int c = 0; t->cols[c] && n < 16; c++)
            row[n++] = cells[c];
        return sheet_row(&t->sheet, row, (size_t)n);
    }
    buf_reset(&t->line);
    if (csv_put(&t->line, seq) != 0)
        return -1;
    for (int c = 0; t->cols[c]; c++)
        if ((c == id_col ? csv_put_text(&t->line, cells[c]) : csv_put(&t->line, cells[c])) != 0)
            return -1;
    if (csv_end_row(&t->line) != 0)
        return -1;
    return web_stream_write(t->r, t->line.p, t->line.len);
}

/* CSV: the BOM and header go out first, then every row as it is read; a
 * workbook: the rows go to its file, which is sent at the end. */
static int csv_start(struct table *t, const struct sheet_col *cols, size_t n, const char *name)
{
    const char *header[16];
    char file[128];

    if (sheet_format(text_of(t->r, K_FORMAT)) == 1) {
        t->csv = 2;
        return sheet_begin(&t->sheet, name, cols, n, 1);
    }
    t->csv = 1;
    snprintf(file, sizeof file, "%s.csv", name);
    for (size_t c = 0; c < n && c < 16; c++)
        header[c] = cols[c].title;
    if (web_stream_begin(t->r, 200, "text/csv; charset=utf-8", file) != 0 ||
        csv_begin_with_header(&t->line, header, n) != 0)
        return -1;
    return web_stream_write(t->r, t->line.p, t->line.len);
}

/* name: the file's name without its extension */
static int csv_finish(struct table *t, int rc, const char *name)
{
    char file[128];

    snprintf(file, sizeof file, "%s.%s", name, t->csv == 2 ? "xlsx" : "csv");
    buf_free(&t->line);
    if (t->csv == 2) {
        if (rc != 0) {
            sheet_abort(&t->sheet);
            return -1;
        }
        return sheet_send(&t->sheet, t->r, file);
    }
    return rc == 0 ? web_stream_end(t->r) : -1;
}

/* After the rows of a page: the empty-table text, then render. */
static int render_page(struct req *r, long total, const char *tpl)
{
    if (total == 0)
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_NO_DATA));
    return web_render(r, 200, tpl);
}

/* ---- /query/roster ---------------------------------------------------------- */

static const char *const roster_cols[] = {
    "IdNo", "Name", "PersonType", "Status", "Start", "End", "Wage", "Base", NULL};
static const struct sheet_col roster_header[] = {
    {"序号", SHEET_COUNT}, {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT},
    {"人员类别", SHEET_TEXT}, {"状态", SHEET_TEXT}, {"参保开始年月", SHEET_MONTH},
    {"停保日期", SHEET_MONTH}, {"月申报工资(元)", SHEET_MONEY}, {"缴费基数(元)", SHEET_MONEY}};

/* The wage in force as declared, and the base it gives this month: clamped
 * to the month's limits, for an employee still paying only. */
static int put_roster_row(const struct roster_row *row, void *arg)
{
    char start[8] = "", end[11] = "", wage[FORMAT_FEN_MAX] = "", base[FORMAT_FEN_MAX] = "";
    const char *cells[] = {row->id_no, row->name, row->person_type, row->status, start, end,
                           wage, base};

    if (row->start_ym >= 0)
        format_month(start, row->start_ym);
    if (row->end_date.y)
        format_date(end, row->end_date);
    if (row->wage_fen >= 0)
        format_fen(wage, sizeof wage, row->wage_fen);
    if (row->wage_fen >= 0 && row->lower_fen > 0 && strcmp(row->kind, "在职") == 0 &&
        strcmp(row->status, "参保缴费") == 0)
        format_fen(base, sizeof base,
                   clamp_wage(row->wage_fen, row->lower_fen, row->upper_fen, NULL));
    return put_row(arg, cells, 0);
}

static int roster(struct req *r)
{
    struct roster_filter f = {r->unit.id, NULL, NULL, NULL, ym_make(r->now.y, r->now.m)};
    struct table t = {r, 0, 0, roster_cols, {0}, {0}};
    struct buf q = {0};
    char id[19];
    long total = 0, offset;
    int bad, rc;

    if (sheet_format(text_of(r, K_FORMAT)) < 0)
        return web_error(r, 400, NULL);
    frame(r, "单位花名册查询", "query_roster", &q);
    buf_free(&q);
    put_choices(r, "Statuses", roster_statuses);
    bad = read_id(r, id, &f.id_no) + read_choice(r, K_STATUS, roster_statuses, &f.status);
    f.name = text_of(r, K_NAME);
    if (bad || r->field[K_NAME].state == FIELD_BAD)
        return refuse(r, "roster.cs");
    if (text_of(r, K_FORMAT)) {
        rc = csv_start(&t, roster_header, sizeof roster_header / sizeof *roster_header,
                       "单位花名册");
        if (rc == 0)
            rc = store_roster_each(r->db, &f, 0, -1, put_roster_row, &t);
        return csv_finish(&t, rc, "单位花名册");
    }
    if (store_roster_count(r->db, &f, &total) != 0)
        return -1;
    offset = web_paging(r, total, ROSTER_PAGE_SIZE, &r->field[K_PAGE]);
    t.seq = offset;
    if (store_roster_each(r->db, &f, offset, ROSTER_PAGE_SIZE, put_roster_row, &t) != 0)
        return -1;
    return render_page(r, total, "roster.cs");
}

/* ---- /query/retirees -------------------------------------------------------- */

static const char *const retiree_cols[] = {
    "IdNo", "Name", "RetireMonth", "WorkStart", "Phone", "Address", "Alive", NULL};
static const struct sheet_col retiree_header[] = {
    {"序号", SHEET_COUNT}, {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT},
    {"退休年月", SHEET_MONTH}, {"参加工作时间", SHEET_MONTH}, {"联系电话", SHEET_ID},
    {"居住地", SHEET_TEXT}, {"生存状态", SHEET_TEXT}};

static int put_retiree_row(const struct retiree_row *row, void *arg)
{
    char retire[8] = "", work[11] = "";
    const char *cells[] = {row->id_no, row->name, retire, work, row->phone, row->address,
                           row->alive};

    if (row->retire_ym >= 0)
        format_month(retire, row->retire_ym);
    if (row->work_start.y)
        format_date(work, row->work_start);
    return put_row(arg, cells, 0);
}

static int retirees(struct req *r)
{
    struct retiree_filter f = {r->unit.id, NULL, NULL};
    struct table t = {r, 0, 0, retiree_cols, {0}, {0}};
    struct buf q = {0};
    char id[19];
    long total = 0, offset;
    int rc;

    if (sheet_format(text_of(r, K_FORMAT)) < 0)
        return web_error(r, 400, NULL);
    frame(r, "离退休人员查询", "query_retirees", &q);
    buf_free(&q);
    put_choices(r, "Statuses", alive_values);
    if (read_id(r, id, &f.id_no) + read_choice(r, K_STATUS, alive_values, &f.alive))
        return refuse(r, "retirees.cs");
    if (text_of(r, K_FORMAT)) {
        rc = csv_start(&t, retiree_header, sizeof retiree_header / sizeof *retiree_header,
                       "离退休人员");
        if (rc == 0)
            rc = store_retirees_each(r->db, &f, 0, -1, put_retiree_row, &t);
        return csv_finish(&t, rc, "离退休人员");
    }
    if (store_retirees_count(r->db, &f, &total) != 0)
        return -1;
    offset = web_paging(r, total, ROSTER_PAGE_SIZE, &r->field[K_PAGE]);
    t.seq = offset;
    if (store_retirees_each(r->db, &f, offset, ROSTER_PAGE_SIZE, put_retiree_row, &t) != 0)
        return -1;
    return render_page(r, total, "retirees.cs");
}

/* ---- /query/retire-due ------------------------------------------------------ */

static const char *const due_cols[] = {
    "IdNo", "Name", "Gender", "Birth", "PersonType", "DueMonth", "Rule", "Delay", NULL};
static const struct sheet_col due_header[] = {
    {"序号", SHEET_COUNT}, {"证件号码", SHEET_ID}, {"姓名", SHEET_TEXT}, {"性别", SHEET_TEXT},
    {"出生日期", SHEET_MONTH}, {"人员类别", SHEET_TEXT}, {"到龄年月", SHEET_MONTH},
    {"适用年龄", SHEET_TEXT}, {"延迟月数", SHEET_COUNT}};

/* The stored statutory retirement month; the rule says which age applied. */
static int put_due_row(const struct retire_due_row *row, void *arg)
{
    struct retire_rule rule;
    char birth[11], due[8], delay[16];
    const char *cells[] = {row->id_no, row->name, row->male ? "男" : "女", birth,
                           row->person_type, due, NULL, delay};

    retire_rule_of(row->birth, row->male, strcmp(row->person_type, "公务员在职") == 0, &rule);
    cells[6] = rule.name;
    format_date(birth, row->birth);
    format_month(due, row->due_ym);        /* stored (017_check_fast), = rule.ym */
    snprintf(delay, sizeof delay, "%d", rule.delay);
    return put_row(arg, cells, 0);
}

/* from..to: this month and the 11 after it when left out; set into f. */
static int read_range(struct req *r, struct retire_due_filter *f)
{
    int now = ym_make(r->now.y, r->now.m), bad = 0;
    int from = r->field[K_FROM].state == FIELD_OK ? r->field[K_FROM].month : now;
    int to = r->field[K_TO].state == FIELD_OK ? r->field[K_TO].month
                                              : from + RETIRE_DUE_DEFAULT_MONTHS - 1;
    char text[8];

    for (int k = K_FROM; k <= K_TO; k++)
        if (r->field[k].state == FIELD_BAD)
            bad += web_field_error(r, k, MSG_FIELD_INVALID);
    if (!bad && from > to)
        bad += web_field_error(r, K_TO, MSG_MONTH_RANGE);
    else if (!bad && to - from >= RETIRE_DUE_MAX_MONTHS)
        bad += web_field_error(r, K_TO, MSG_RANGE_TOO_LONG);
    if (bad)
        return -1;
    format_month(text, from);
    hdf_set_value(r->hdf, "Filter.From", text);
    format_month(text, to);
    hdf_set_value(r->hdf, "Filter.To", text);
    f->from_ym = from;
    f->to_ym = to;
    return 0;
}

static int retire_due(struct req *r)
{
    struct retire_due_filter f;
    struct table t = {r, 0, 0, due_cols, {0}, {0}};
    struct buf q = {0};
    long total = 0, offset;
    int rc;

    if (sheet_format(text_of(r, K_FORMAT)) < 0)
        return web_error(r, 400, NULL);
    memset(&f, 0, sizeof f);
    f.unit_id = r->unit.id;
    frame(r, "职工退休到龄查询", "query_retire_due", &q);
    buf_free(&q);
    if (read_range(r, &f) != 0)
        return refuse(r, "retire_due.cs");
    if (text_of(r, K_FORMAT)) {
        rc = csv_start(&t, due_header, sizeof due_header / sizeof *due_header, "职工退休到龄");
        if (rc == 0)
            rc = store_retire_due_each(r->db, &f, 0, -1, put_due_row, &t);
        return csv_finish(&t, rc, "职工退休到龄");
    }
    if (store_retire_due_count(r->db, &f, &total) != 0)
        return -1;
    offset = web_paging(r, total, ROSTER_PAGE_SIZE, &r->field[K_PAGE]);
    t.seq = offset;
    if (store_retire_due_each(r->db, &f, offset, ROSTER_PAGE_SIZE, put_due_row, &t) != 0)
        return -1;
    return render_page(r, total, "retire_due.cs");
}

static const struct route routes[] = {
    {"GET", "/query/roster", roster, 0},
    {"GET", "/query/retirees", retirees, 0},
    {"GET", "/query/retire-due", retire_due, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"roster", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
