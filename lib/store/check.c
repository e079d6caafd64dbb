/* check — 基础信息核查: six set-based checks over one unit (check.h). */
#include <string.h>
#include "store/db.h"
#include "store/check.h"
#include "store/insured.h"

/* The unit's persons insured now in 310 (kind 在职 where the check says so). */
#define HERE " FROM enrolments e JOIN persons p ON p.id = e.person_id" \
    " WHERE e.unit_id = ? AND e.type_code = '310' AND " INSURED_ACTIVE_NOW
#define BORN_IN " AND p.birth_date >= ? AND p.birth_date < ?"

#define CHECK_SQL \
    "SELECT 1 AS k, p.id_no, p.name, '' AS t, 0 AS f" HERE \
    " AND EXISTS (SELECT 1 FROM persons q WHERE q.id_no = p.id_no AND q.id <> p.id)" \
    " UNION ALL SELECT 2, p.id_no, p.name, '', 0" HERE " AND e.kind = '在职'" \
    " AND EXISTS (SELECT 1 FROM enrolments o WHERE o.person_id = p.id AND o.unit_id <> e.unit_id" \
    "  AND o.type_code = '310' AND o.kind = '在职' AND o.end_date IS NULL" \
    "  AND (o.end_date IS NULL OR o.end_date >= o.start_month))" \
    " UNION ALL SELECT 3, p.id_no, p.name, DATE_FORMAT(p.birth_date, '%Y-%m-%d'), 0" HERE \
    " AND e.kind = '在职' AND ((p.gender = 1" BORN_IN ")" \
    "  OR (p.gender = 2 AND e.person_type = '公务员在职'" BORN_IN ")" \
    "  OR (p.gender = 2 AND e.person_type <> '公务员在职'" BORN_IN "))" \
    " UNION ALL SELECT 4, x.id_no, x.name, '', x.w FROM (SELECT p.id_no, p.name," \
    "  (SELECT w.wage_fen FROM wages w WHERE w.person_id = p.id AND w.unit_id = e.unit_id" \
    "   AND w.from_month <= ? ORDER BY w.from_month DESC LIMIT 1) AS w" HERE \
    "  AND e.kind = '在职') x WHERE ? > 0 AND (x.w < ? OR x.w > ?)" \
    " UNION ALL SELECT 5, p.id_no, p.name, p.phone, 0" HERE \
    " AND NOT (p.phone REGEXP '^[0-9]+(-[0-9]+)*$'" \
    "  AND CHAR_LENGTH(REPLACE(p.phone, '-', '')) BETWEEN 7 AND 20)" \
    " UNION ALL SELECT 6, p.id_no, p.name, '', 0" \
    " FROM enrolments e JOIN persons p ON p.id = e.person_id" \
    " WHERE e.unit_id = ? AND e.type_code = '320' AND " INSURED_ACTIVE_NOW " AND ? = 0"

static void bind_params(struct sbind *in, const struct check_params *p)
{
    sb_i64(in, p->unit_id);                     /* 1 */
    sb_i64(in, p->unit_id);                     /* 2 */
    sb_i64(in, p->unit_id);                     /* 3 */
    for (int g = 0; g < 3; g++) {
        int none = p->birth_lo[g] > p->birth_hi[g];
        sb_month(in, none ? -1 : p->birth_lo[g]);
        sb_month(in, none ? -1 : p->birth_hi[g] + 1);
    }
    sb_month(in, p->cur_ym);                    /* 4 */
    sb_i64(in, p->unit_id);
    sb_i64(in, p->upper_fen);
    sb_i64(in, p->lower_fen);
    sb_i64(in, p->upper_fen);
    sb_i64(in, p->unit_id);                     /* 5 */
    sb_i64(in, p->unit_id);                     /* 6 */
    sb_i64(in, p->civil_unit ? 1 : 0);
}

int store_check_counts(struct store *s, const struct check_params *p, long counts[CHECK__END])
{
    struct sbind in, out;
    MYSQL_STMT *st;
    int kind = 0, rc;
    long n = 0;

    memset(counts, 0, sizeof(long) * CHECK__END);
    sb_init(&in);
    bind_params(&in, p);
    sb_init(&out);
    sb_out_int(&out, &kind);
    sb_out_long(&out, &n);
    if (db_query(s, "check.counts", "SELECT c.k, COUNT(*) FROM (" CHECK_SQL ") c GROUP BY c.k",
                 &in, &out, &st) != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "check.counts", st, &out)) == 0)
        if (kind > 0 && kind < CHECK__END) {
            counts[kind] = n;
            counts[0] += n;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

int store_check_each(struct store *s, const struct check_params *p, long offset, long limit,
                     check_row_fn fn, void *arg)
{
    static const char *const name = "check.each";
    struct sbind in, out;
    struct check_row row;
    MYSQL_STMT *st;
    int rc;

    memset(&row, 0, sizeof row);
    sb_init(&in);
    bind_params(&in, p);
    sb_i64(&in, limit < 0 ? 0x3fffffffffffffffLL : limit);
    sb_i64(&in, offset);
    sb_init(&out);
    sb_out_int(&out, &row.kind);
    sb_out_str(&out, row.id_no, sizeof row.id_no);
    sb_out_str(&out, row.name, sizeof row.name);
    sb_out_str(&out, row.text, sizeof row.text);
    sb_out_i64(&out, &row.fen);
    {
        static const char *const sql =
            "SELECT c.k, c.id_no, c.name, c.t, c.f FROM (" CHECK_SQL ") c"
            " ORDER BY c.k, c.id_no LIMIT ? OFFSET ?";
        rc = limit < 0 ? db_query_stream(s, name, sql, &in, &out, &st)
                       : db_query(s, name, sql, &in, &out, &st);
    }
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, name, st, &out)) == 0)
        if (fn(&row, arg) != 0) {
            db_fail(s, name, "the row's reader stopped");
            rc = STORE_ERR;
            break;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}
