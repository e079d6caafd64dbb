/* check — 基础信息核查: six set-based checks over one unit (check.h). */
#include <stdlib.h>
#include <string.h>
#include "store/jobs.h"
#include "store/db.h"
#include "store/check.h"
#include "store/insured.h"
#include "store/roster.h"
#include "store/wages.h"
#include "rules/rules.h"

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

int store_check_params(struct store *s, const struct unit *u, const struct portal_dt *now,
                       struct check_params *p)
{
    struct wage_limits lim;
    int cur = ym_make(now->y, now->m), rc;

    memset(p, 0, sizeof *p);
    p->unit_id = u->id;
    p->cur_ym = cur;
    p->civil_unit = unit_is_public(u->unit_type);
    /* retirement before this month: born up to each group's last birth month
     * retiring by cur - 1 */
    for (int g = 0; g < 3; g++)
        retire_birth_range(ym_make(1900, 1), cur - 1, g == 0, g == 1, &p->birth_lo[g],
                           &p->birth_hi[g]);
    rc = store_wages_limits(s, now->y, &lim);
    if (rc == STORE_ERR)
        return STORE_ERR;
    if (rc == 0) {
        p->lower_fen = lim.lower_fen;
        p->upper_fen = lim.upper_fen;
    }
    return 0;
}

/* Jobs done with failed rows, not yet past their 24 hours. */
static int failed_jobs(struct store *s, int64_t unit_id, time_t real_now, long *n)
{
    struct sbind in, out;
    struct portal_dt since;

    dt_from_unix((long long)real_now - JOB_RETAIN_SECONDS, &since);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_datetime(&in, &since);
    sb_init(&out);
    sb_out_long(&out, n);
    return db_query_one(s, "todo.failed_jobs",
        "SELECT COUNT(*) FROM jobs j WHERE j.unit_id = ? AND j.done = 1 AND j.done_at >= ?"
        " AND EXISTS (SELECT 1 FROM job_rows r WHERE r.job_id = j.id AND r.status = 'failed')",
        &in, &out) == 0 ? 0 : STORE_ERR;
}

int store_todo_refresh(struct store *s, int64_t unit_id, const struct portal_dt *now,
                       time_t real_now)
{
    struct unit u;
    struct check_params p;
    struct retire_due_filter f;
    struct sbind in;
    long counts[CHECK__END], due = 0, jobs = 0;
    int cur = ym_make(now->y, now->m), rc;

    rc = store_unit_by_id(s, unit_id, &u);
    if (rc != 0)
        return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
    memset(&f, 0, sizeof f);
    f.unit_id = unit_id;
    for (int g = 0; g < 3; g++)
        retire_birth_range(cur, cur + 1, g == 0, g == 1, &f.birth_lo[g], &f.birth_hi[g]);
    if (store_check_params(s, &u, now, &p) != 0 || store_check_counts(s, &p, counts) != 0 ||
        store_retire_due_count(s, &f, &due) != 0 || failed_jobs(s, unit_id, real_now, &jobs) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_month(&in, cur);
    sb_i64(&in, counts[0]);
    sb_i64(&in, due);
    sb_i64(&in, jobs);
    sb_i64(&in, (long long)real_now);
    return db_exec(s, "todo.save",
        "INSERT INTO unit_todo (unit_id, ym, problems, retire_due, failed_jobs, refreshed_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE ym = VALUES(ym),"
        " problems = VALUES(problems), retire_due = VALUES(retire_due),"
        " failed_jobs = VALUES(failed_jobs), refreshed_at = VALUES(refreshed_at)",
        &in, NULL, NULL) == 0 ? 0 : STORE_ERR;
}

/* Calls store_todo_refresh for each unit id the query returns (buffered first:
 * the refresh runs statements of its own). */
static int refresh_each(struct store *s, const char *name, const char *sql, struct sbind *in,
                        const struct portal_dt *now, time_t real_now, int64_t *max_seen)
{
    struct sbind out;
    MYSQL_STMT *st;
    int64_t id = 0, seen = 0, *ids = NULL;
    size_t n = 0, cap = 0;
    int rc;

    sb_init(&out);
    sb_out_i64(&out, &id);
    sb_out_i64(&out, &seen);
    if (db_query(s, name, sql, in, &out, &st) != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, name, st, &out)) == 0) {
        if (n == cap) {
            int64_t *more = realloc(ids, (cap = cap ? cap * 2 : 64) * sizeof *ids);
            if (!more) {
                rc = STORE_ERR;
                break;
            }
            ids = more;
        }
        ids[n++] = id;
        if (max_seen && seen > *max_seen)
            *max_seen = seen;
    }
    db_done(st);
    if (rc == STORE_NOTFOUND)
        rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = store_todo_refresh(s, ids[i], now, real_now);
    free(ids);
    return rc;
}

int store_todo_refresh_units(struct store *s, int64_t *after, int limit,
                             const struct portal_dt *now, time_t real_now)
{
    struct sbind in;
    int64_t before = *after;
    int rc;

    sb_init(&in);
    sb_i64(&in, *after);
    sb_i64(&in, limit);
    rc = refresh_each(s, "todo.units", "SELECT id, id FROM units WHERE id > ? ORDER BY id LIMIT ?",
                      &in, now, real_now, after);
    if (rc == 0 && *after == before)
        *after = -1;           /* past the last unit */
    return rc;
}

int store_todo_refresh_all(struct store *s, const struct portal_dt *now, time_t real_now)
{
    int64_t after = 0;

    while (after >= 0)
        if (store_todo_refresh_units(s, &after, 500, now, real_now) != 0)
            return STORE_ERR;
    return 0;
}

int store_todo_refresh_since(struct store *s, int64_t *after, const struct portal_dt *now,
                             time_t real_now)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, *after);
    return refresh_each(s, "todo.since",
        "SELECT unit_id, MAX(id) FROM (SELECT unit_id, id FROM declarations WHERE id > ?"
        " ORDER BY id LIMIT 1000) d GROUP BY unit_id", &in, now, real_now, after);
}

int store_declarations_newest(struct store *s, int64_t *id)
{
    struct sbind in, out;

    *id = 0;
    sb_init(&in);
    sb_init(&out);
    sb_out_i64(&out, id);
    return db_query_one(s, "todo.newest", "SELECT COALESCE(MAX(id), 0) FROM declarations",
                        &in, &out) == STORE_ERR ? STORE_ERR : 0;
}
