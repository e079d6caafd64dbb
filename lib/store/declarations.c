/* declarations — 申报信息查询 (spec §9). */
#include <string.h>
#include "store/db.h"
#include "store/declarations.h"

const char *const decl_types[] = {
    "参保人员增员申报", "职工补缴核定", "参保人员减员申报", "缴费申报与变更",
    "单位信息维护", "参保人员信息维护", NULL
};

int decl_type_valid(const char *t)
{
    for (size_t i = 0; t && decl_types[i]; i++)
        if (strcmp(t, decl_types[i]) == 0)
            return 1;
    return 0;
}

/* One WHERE for both queries; "? IS NULL OR" keeps one prepared statement
 * per query while every filter stays optional. unit_id comes first, so the
 * (unit_id, ...) indexes of 001_core narrow the scan to one unit. */
#define DECL_WHERE \
    " FROM declarations WHERE unit_id = ? AND review_status = ?" \
    " AND (? IS NULL OR type = ?)" \
    " AND (? IS NULL OR created_at >= ?)" \
    " AND (? IS NULL OR created_at < DATE_ADD(?, INTERVAL 1 DAY))" \
    " AND (? IS NULL OR period = ?)"

static void bind_filter(struct sbind *in, const struct decl_filter *f)
{
    sb_i64(in, f->unit_id);
    sb_str(in, f->review);
    sb_str(in, f->type);
    sb_str(in, f->type);
    sb_date(in, f->from);
    sb_date(in, f->from);
    sb_date(in, f->to);
    sb_date(in, f->to);
    sb_month(in, f->period_ym);
    sb_month(in, f->period_ym);
}

int store_declarations_count(struct store *s, const struct decl_filter *f, long *n)
{
    struct sbind in, out;
    int rc;

    sb_init(&in);
    bind_filter(&in, f);
    sb_init(&out);
    sb_out_long(&out, n);
    rc = db_query_one(s, "decl.count", "SELECT COUNT(*)" DECL_WHERE, &in, &out);
    return rc == STORE_NOTFOUND ? STORE_ERR : rc;
}

int store_declarations_each(struct store *s, const struct decl_filter *f, long offset,
                            long limit, decl_row_fn fn, void *arg)
{
    static const char *const name = "decl.page";
    struct sbind in, out;
    struct decl_row row;
    MYSQL_STMT *st;
    int rc;

    sb_init(&in);
    bind_filter(&in, f);
    sb_i64(&in, limit < 0 ? (long long)1 << 62 : limit);
    sb_i64(&in, offset < 0 ? 0 : offset);
    sb_init(&out);
    sb_out_i64(&out, &row.id);
    sb_out_str(&out, row.type, sizeof row.type);
    sb_out_month(&out, &row.period_ym);
    sb_out_str(&out, row.id_no, sizeof row.id_no);
    sb_out_str(&out, row.name, sizeof row.name);
    sb_out_str(&out, row.operator_name, sizeof row.operator_name);
    sb_out_dt(&out, &row.created);
    sb_out_str(&out, row.review, sizeof row.review);
    sb_out_str(&out, row.result, sizeof row.result);
    rc = db_query(s, name,
        "SELECT id, type, period, id_no, name, operator, created_at, review_status, result"
        DECL_WHERE " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, name, st, &out)) == 0) {
        if (fn(&row, arg) != 0) {
            rc = STORE_ERR;
            break;
        }
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}
