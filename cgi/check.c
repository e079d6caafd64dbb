/*
 * /query/check — 基础信息核查 (spec §7b, issue 18 item 6): the unit's data
 * problems, each with the page that fixes it or the counter visit it needs:
 * several base records, insured in another unit at the same time, 在职 past
 * the statutory retirement month, the wage in force outside this year's
 * limits, a phone missing or malformed, 公务员医疗保险 in a unit that is not
 * 机关事业单位. Each check is set-based over the unit (store/check.h); the
 * page reads the rows the worker keeps (check_problems), 50 a page by the
 * primary key, and when the unit changed since (dirty) refreshes them itself
 * first, in one transaction (README Decisions); 核查时间 says when; format=csv streams them all, format=xlsx writes them all as a workbook
 * (constant-memory mode, web/sheet.h).
 *   GET 200 page, CSV or workbook; 400 unknown parameters or a format other than
 *   csv and xlsx
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "web/web.h"
#include "base/csv.h"
#include "web/sheet.h"
#include "store/check.h"

#define CHECK_PAGE_SIZE 50

enum key { K_PAGE, K_FORMAT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_PAGE] = {"page", F_INT, 0, NULL},
    [K_FORMAT] = {"format", F_TEXT, 8, NULL},
};

/* Each kind: its title, what to do, and the page that fixes it ("" = the counter). */
static const struct {
    enum msg_id title, todo;
    const char *fix;
} kinds[CHECK__END] = {
    [CHECK_DUP_BASE] = {MSG_CHECK_T_DUP_BASE, MSG_DUPLICATE_BASE, ""},
    [CHECK_ELSEWHERE] = {MSG_CHECK_T_ELSEWHERE, MSG_CHECK_ELSEWHERE, ""},
    [CHECK_PAST_RETIREMENT] = {MSG_CHECK_T_PAST_RETIREMENT, MSG_CHECK_PAST_RETIREMENT, "/stop"},
    [CHECK_WAGE_LIMITS] = {MSG_CHECK_T_WAGE_LIMITS, MSG_CHECK_WAGE_LIMITS, "/wages"},
    [CHECK_PHONE] = {MSG_CHECK_T_PHONE, MSG_CHECK_PHONE, "/person"},
    [CHECK_CIVIL_SERVANT] = {MSG_CHECK_T_CIVIL_SERVANT, MSG_CHECK_CIVIL_SERVANT, ""},
};

static const char *const header[] = {"序号", "问题", "证件号码", "姓名", "说明", "处理"};
static const struct sheet_col cols[] = {
    {"序号", SHEET_COUNT}, {"问题", SHEET_TEXT}, {"证件号码", SHEET_ID},
    {"姓名", SHEET_TEXT}, {"说明", SHEET_TEXT}, {"处理", SHEET_TEXT}};

struct out {
    struct req *r;
    int csv;            /* 1 CSV, 2 workbook, 0 the page */
    long seq;
    struct buf line;
    struct sheet_out sheet;
};

/* The 说明 of a row: the phone as registered, the birth date, the wage. */
static void detail(const struct check_row *row, char *out, size_t n)
{
    out[0] = '\0';
    if (row->kind == CHECK_WAGE_LIMITS)
        format_fen(out, n, row->fen);
    else if (row->kind == CHECK_PHONE)
        snprintf(out, n, "%s", row->text[0] ? row->text : "未登记");
    else if (row->kind == CHECK_PAST_RETIREMENT)
        snprintf(out, n, "出生日期 %s", row->text);
}

static int put(const struct check_row *row, void *arg)
{
    struct out *o = arg;
    char key[64], seq[24], text[96], *p;
    const char *title = msg_text(kinds[row->kind].title), *todo = msg_text(kinds[row->kind].todo);
    long i = o->seq++;

    if (row->kind <= 0 || row->kind >= CHECK__END)
        return -1;
    detail(row, text, sizeof text);
    snprintf(seq, sizeof seq, "%ld", i + 1);
    if (o->csv == 2) {
        const char *cells[] = {seq, title, row->id_no, row->name, text, todo};
        return sheet_row(&o->sheet, cells, sizeof cells / sizeof *cells);
    }
    if (o->csv) {
        buf_reset(&o->line);
        if (csv_put(&o->line, seq) != 0 || csv_put(&o->line, title) != 0 ||
            csv_put_text(&o->line, row->id_no) != 0 || csv_put(&o->line, row->name) != 0 ||
            csv_put(&o->line, text) != 0 || csv_put(&o->line, todo) != 0 ||
            csv_end_row(&o->line) != 0)
            return -1;
        return web_stream_write(o->r, o->line.p, o->line.len);
    }
    snprintf(key, sizeof key, "Rows.%ld.", i);
    p = key + strlen(key);
#define SET(name, v) (strcpy(p, name), hdf_set_value(o->r->hdf, key, v))
    SET("Seq", seq);
    SET("Title", title);
    SET("IdNo", row->id_no);
    SET("Name", row->name);
    SET("Detail", text);
    SET("Todo", todo);
    SET("Fix", kinds[row->kind].fix);
#undef SET
    return 0;
}

static int check(struct req *r)
{
    struct check_state cs;
    struct out o = {0};
    long offset;
    const char *fmt = r->field[K_FORMAT].text;
    int rc;

    o.r = r;
    if (fmt && *fmt && strcmp(fmt, "csv") != 0 && strcmp(fmt, "xlsx") != 0)
        return web_error(r, 400, NULL);
    /* the kept rows; after a change to the unit (dirty) they are rebuilt here
     * first, once, in one transaction: a clerk who fixed a row sees it gone */
    if (store_check_state(r->db, r->unit.id, &cs) != 0)
        return -1;
    if (cs.dirty) {
        if (store_todo_refresh(r->db, r->unit.id, &r->now, time(NULL)) != 0 ||
            store_check_state(r->db, r->unit.id, &cs) != 0)
            return -1;
    }
    if (fmt && strcmp(fmt, "xlsx") == 0) {
        o.csv = 2;
        if (sheet_begin(&o.sheet, "基础信息核查", cols, sizeof cols / sizeof *cols, 1) != 0)
            return -1;
        if (store_check_each(r->db, r->unit.id, 0, -1, put, &o) != 0) {
            sheet_abort(&o.sheet);
            return -1;
        }
        return sheet_send(&o.sheet, r, "基础信息核查.xlsx");
    }
    if (fmt && *fmt) {
        o.csv = 1;
        rc = web_stream_begin(r, 200, "text/csv; charset=utf-8", "基础信息核查.csv");
        if (rc == 0)
            rc = csv_begin_with_header(&o.line, header, sizeof header / sizeof *header);
        if (rc == 0)
            rc = web_stream_write(r, o.line.p, o.line.len);
        if (rc == 0)
            rc = store_check_each(r->db, r->unit.id, 0, -1, put, &o);
        buf_free(&o.line);
        return rc == 0 ? web_stream_end(r) : -1;
    }
    hdf_set_value(r->hdf, "Page.Title", "基础信息核查");
    hdf_set_value(r->hdf, "Page.Key", "query_check");
    hdf_set_value(r->hdf, "Filter.Query", "");
    for (int k = 1; k < CHECK__END; k++) {
        char key[32];
        snprintf(key, sizeof key, "Counts.%d.Title", k);
        hdf_set_value(r->hdf, key, msg_text(kinds[k].title));
        snprintf(key, sizeof key, "Counts.%d.N", k);
        hdf_set_int_value(r->hdf, key, (int)cs.counts[k]);
    }
    if (cs.refreshed_at > 0) {
        struct portal_dt t;
        char when[20];
        dt_from_unix((long long)cs.refreshed_at, &t);
        format_datetime(when, &t);
        hdf_set_value(r->hdf, "CheckedAt", when);
    }
    offset = web_paging(r, cs.counts[0], CHECK_PAGE_SIZE, &r->field[K_PAGE]);
    o.seq = offset;
    if (store_check_each(r->db, r->unit.id, offset, CHECK_PAGE_SIZE, put, &o) != 0)
        return -1;
    if (cs.counts[0] == 0)
        hdf_set_value(r->hdf, "Empty.Text", msg_text(MSG_CHECK_NONE));
    return web_render(r, 200, "check.cs");
}

static const struct route routes[] = {
    {"GET", "/query/check", check, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"check", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
