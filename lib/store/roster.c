/* roster — 单位花名册查询, 离退休人员查询, 职工退休到龄查询 (spec §9). */
#include <stdint.h>
#include <string.h>
#include "store/db.h"
#include "store/insured.h"
#include "store/roster.h"

const char *const roster_statuses[] = { "参保缴费", "暂停缴费", "终止参保", NULL };

int roster_status_valid(const char *status)
{
    for (size_t i = 0; status && roster_statuses[i]; i++)
        if (strcmp(status, roster_statuses[i]) == 0)
            return 1;
    return 0;
}

/* The latest 310 enrolment of each person of unit ?, aliased e, with the
 * person p: the roster's rows (ix_enrolments_roster). */
#define ROSTER_FROM \
    " FROM enrolments e JOIN persons p ON p.id = e.person_id" \
    " WHERE e.unit_id = ? AND e.type_code = '310'" \
    " AND NOT EXISTS (SELECT 1 FROM enrolments x WHERE x.unit_id = e.unit_id" \
    " AND x.type_code = '310' AND x.person_id = e.person_id" \
    " AND (x.start_month > e.start_month OR (x.start_month = e.start_month AND x.id > e.id)))"
#define PAGE " LIMIT ? OFFSET ?"
/* "all rows" for LIMIT */
#define ALL_ROWS 0x3fffffffffffffffLL

/* Runs a query of one page (limit >= 0, buffered) or of every row (limit < 0,
 * streamed), calling call(c) after each row is copied into out's buffers. */
static int fetch_rows(struct store *s, const char *name, const char *sql, struct sbind *in,
                      struct sbind *out, long offset, long limit, int (*call)(void *), void *c)
{
    MYSQL_STMT *st;
    int rc;

    sb_i64(in, limit < 0 ? ALL_ROWS : limit);
    sb_i64(in, offset);
    rc = limit < 0 ? db_query_stream(s, name, sql, in, out, &st)
                   : db_query(s, name, sql, in, out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, name, st, out)) == 0)
        if (call(c) != 0) {
            db_fail(s, name, "the row's reader stopped");
            rc = STORE_ERR;
            break;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

static int count(struct store *s, const char *name, const char *sql, struct sbind *in, long *n)
{
    struct sbind out;
    int rc;

    sb_init(&out);
    sb_out_long(&out, n);
    rc = db_query_one(s, name, sql, in, &out);
    return rc == STORE_NOTFOUND ? STORE_ERR : rc;
}

/* ---- 单位花名册 ------------------------------------------------------------- */

#define ROSTER_WHERE ROSTER_FROM \
    " AND (? IS NULL OR p.id_no = ?)" \
    " AND (? IS NULL OR p.name LIKE CONCAT('%', ?, '%') ESCAPE '!')" \
    " AND (? IS NULL OR e.status = ?)"

/* 姓名 contains: % _ and the escape character are the clerk's text, not patterns. */
static void like_text(char *out, size_t n, const char *s)
{
    size_t k = 0;

    for (; s && *s && k + 2 < n; s++) {
        if (*s == '%' || *s == '_' || *s == '!')
            out[k++] = '!';
        out[k++] = *s;
    }
    out[k] = '\0';
}

static void bind_roster(struct sbind *in, const struct roster_filter *f, char *like, size_t n)
{
    like_text(like, n, f->name);
    sb_i64(in, f->unit_id);
    sb_str(in, f->id_no);
    sb_str(in, f->id_no);
    sb_str(in, f->name ? like : NULL);
    sb_str(in, f->name ? like : NULL);
    sb_str(in, f->status);
    sb_str(in, f->status);
}

int store_roster_count(struct store *s, const struct roster_filter *f, long *n)
{
    struct sbind in;
    char like[512];

    sb_init(&in);
    /* Unfiltered, the roster is every person with a 310 enrolment in the
     * unit, which 014_speed's triggers count: one lookup, not a pass over
     * the unit (a filter is a search and reads the rows it filters). */
    if (!f->id_no && !f->name && !f->status) {
        struct sbind out;
        int rc;

        sb_i64(&in, f->unit_id);
        sb_init(&out);
        sb_out_long(&out, n);
        rc = db_query_one(s, "roster.count_all", "SELECT COALESCE(SUM(persons), 0)"
                          " FROM unit_type_counts WHERE unit_id = ? AND type_code = '310'", &in, &out);
        if (rc == STORE_NOTFOUND)
            *n = 0;     /* nobody was ever enrolled in the unit */
        return rc == STORE_NOTFOUND ? 0 : rc;
    }
    bind_roster(&in, f, like, sizeof like);
    return count(s, "roster.count", "SELECT COUNT(*)" ROSTER_WHERE, &in, n);
}

/* A base limit of month ?, ? (0 when none is loaded). */
#define LIMIT_OF(col) \
    "COALESCE((SELECT bl." col " FROM base_limits bl WHERE bl.from_month <= ?" \
    " AND (bl.to_month IS NULL OR bl.to_month >= ?) LIMIT 1), 0)"

struct roster_call { roster_row_fn fn; void *arg; struct roster_row row; };

static int roster_call(void *c)
{
    struct roster_call *rc = c;
    return rc->fn(&rc->row, rc->arg);
}

/* Page n of the unfiltered roster starts at the person_id found by skipping
 * offset distinct persons of ix_enrolments_roster, index only; the page is
 * then 50 rows from there, not offset + 50 rows each checked for being the
 * person's latest (the last page of 10,000 persons: 2 ms, not 0.4 s).
 * *from stays 0 when there is nothing to skip or a filter is set. */
static int roster_start(struct store *s, const struct roster_filter *f, long *offset,
                        int64_t *from)
{
    struct sbind in, out;
    int rc;

    *from = 0;
    if (*offset <= 0 || f->id_no || f->name || f->status)
        return 0;
    sb_init(&in);
    sb_i64(&in, f->unit_id);
    sb_i64(&in, *offset);
    sb_init(&out);
    sb_out_i64(&out, from);
    rc = db_query_one(s, "roster.start",
        "SELECT DISTINCT e.person_id FROM enrolments e WHERE e.unit_id = ? AND e.type_code = '310'"
        " ORDER BY e.person_id LIMIT 1 OFFSET ?", &in, &out);
    if (rc == STORE_NOTFOUND) {     /* past the end: an empty page */
        *from = INT64_MAX;
        rc = 0;
    }
    if (rc == 0)
        *offset = 0;
    return rc;
}

int store_roster_each(struct store *s, const struct roster_filter *f, long offset, long limit,
                      roster_row_fn fn, void *arg)
{
    struct sbind in, out;
    struct roster_call c;
    struct roster_row *r = &c.row;
    char like[512];
    int64_t from = 0;

    memset(&c, 0, sizeof c);
    c.fn = fn;
    c.arg = arg;
    if (limit >= 0 && roster_start(s, f, &offset, &from) != 0)
        return STORE_ERR;
    sb_init(&in);
    for (int k = 0; k < 5; k++)
        sb_month(&in, f->ym);
    bind_roster(&in, f, like, sizeof like);
    sb_i64(&in, from);
    sb_init(&out);
    sb_out_str(&out, r->id_no, sizeof r->id_no);
    sb_out_str(&out, r->name, sizeof r->name);
    sb_out_str(&out, r->kind, sizeof r->kind);
    sb_out_str(&out, r->person_type, sizeof r->person_type);
    sb_out_str(&out, r->status, sizeof r->status);
    sb_out_month(&out, &r->start_ym);
    sb_out_date(&out, &r->end_date);
    sb_out_i64(&out, (int64_t *)&r->wage_fen);
    sb_out_i64(&out, (int64_t *)&r->lower_fen);
    sb_out_i64(&out, (int64_t *)&r->upper_fen);
    return fetch_rows(s, "roster.each",
        "SELECT p.id_no, p.name, e.kind, e.person_type, e.status, e.start_month, e.end_date,"
        " COALESCE((SELECT w.wage_fen FROM wages w WHERE w.person_id = e.person_id"
        " AND w.unit_id = e.unit_id AND w.from_month <= ?"
        " ORDER BY w.from_month DESC, w.entered_us DESC, w.id DESC LIMIT 1), -1),"
        " " LIMIT_OF("lower_fen") ", " LIMIT_OF("upper_fen")
        ROSTER_WHERE " AND e.person_id >= ? ORDER BY e.person_id" PAGE, &in, &out, offset, limit,
        roster_call, &c);
}

/* ---- 离退休人员 ------------------------------------------------------------- */

#define RETIREES_WHERE ROSTER_FROM " AND e.kind = '退休'" \
    " AND (? IS NULL OR p.id_no = ?) AND (? IS NULL OR p.alive = ?)"

static void bind_retirees(struct sbind *in, const struct retiree_filter *f)
{
    sb_i64(in, f->unit_id);
    sb_str(in, f->id_no);
    sb_str(in, f->id_no);
    sb_str(in, f->alive);
    sb_str(in, f->alive);
}

int store_retirees_count(struct store *s, const struct retiree_filter *f, long *n)
{
    struct sbind in;

    sb_init(&in);
    bind_retirees(&in, f);
    return count(s, "retirees.count", "SELECT COUNT(*)" RETIREES_WHERE, &in, n);
}

struct retiree_call { retiree_row_fn fn; void *arg; struct retiree_row row; };

static int retiree_call(void *c)
{
    struct retiree_call *rc = c;
    return rc->fn(&rc->row, rc->arg);
}

int store_retirees_each(struct store *s, const struct retiree_filter *f, long offset,
                        long limit, retiree_row_fn fn, void *arg)
{
    struct sbind in, out;
    struct retiree_call c;
    struct retiree_row *r = &c.row;

    memset(&c, 0, sizeof c);
    c.fn = fn;
    c.arg = arg;

    sb_init(&in);
    bind_retirees(&in, f);
    sb_init(&out);
    sb_out_str(&out, r->id_no, sizeof r->id_no);
    sb_out_str(&out, r->name, sizeof r->name);
    sb_out_month(&out, &r->retire_ym);
    sb_out_date(&out, &r->work_start);
    sb_out_str(&out, r->phone, sizeof r->phone);
    sb_out_str(&out, r->address, sizeof r->address);
    sb_out_str(&out, r->alive, sizeof r->alive);
    return fetch_rows(s, "retirees.each",
        "SELECT p.id_no, p.name, p.retire_month, p.work_start, p.phone, p.address, p.alive"
        RETIREES_WHERE " ORDER BY e.person_id" PAGE, &in, &out, offset, limit, retiree_call, &c);
}

/* ---- 职工退休到龄 ----------------------------------------------------------- */

/* Employees insured now whose stored statutory retirement month is in range. */
#define RETIRE_DUE_WHERE \
    " FROM enrolments e JOIN persons p ON p.id = e.person_id" \
    " WHERE e.unit_id = ? AND e.type_code = '310' AND e.kind = '在职'" \
    " AND " INSURED_ACTIVE_NOW " AND " STATUTORY_RETIRE " BETWEEN ? AND ?"

static void bind_retire_due(struct sbind *in, const struct retire_due_filter *f)
{
    sb_i64(in, f->unit_id);
    sb_month(in, f->from_ym);
    sb_month(in, f->to_ym);
}

int store_retire_due_count(struct store *s, const struct retire_due_filter *f, long *n)
{
    struct sbind in;

    sb_init(&in);
    bind_retire_due(&in, f);
    return count(s, "retire_due.count", "SELECT COUNT(*)" RETIRE_DUE_WHERE, &in, n);
}

struct retire_due_call { retire_due_row_fn fn; void *arg; struct retire_due_row row; };

static int retire_due_call(void *c)
{
    struct retire_due_call *rc = c;
    return rc->fn(&rc->row, rc->arg);
}

int store_retire_due_each(struct store *s, const struct retire_due_filter *f, long offset,
                          long limit, retire_due_row_fn fn, void *arg)
{
    struct sbind in, out;
    struct retire_due_call c;
    struct retire_due_row *r = &c.row;

    memset(&c, 0, sizeof c);
    c.fn = fn;
    c.arg = arg;

    sb_init(&in);
    bind_retire_due(&in, f);
    sb_init(&out);
    sb_out_str(&out, r->id_no, sizeof r->id_no);
    sb_out_str(&out, r->name, sizeof r->name);
    sb_out_int(&out, &r->male);
    sb_out_date(&out, &r->birth);
    sb_out_str(&out, r->person_type, sizeof r->person_type);
    sb_out_month(&out, &r->due_ym);
    return fetch_rows(s, "retire_due.each",
        "SELECT p.id_no, p.name, p.gender = 1, p.birth_date, e.person_type, " STATUTORY_RETIRE
        RETIRE_DUE_WHERE " ORDER BY p.birth_date, p.id_no" PAGE,
        &in, &out, offset, limit, retire_due_call, &c);
}
