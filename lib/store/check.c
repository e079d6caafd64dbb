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

/* The six checks as rows (kind, id_no, person, name, text, fen); each is
 * set-based over the unit. Kind 3 reads the stored statutory retirement month
 * (017_check_fast: the cadre age for person type 公务员在职). */
#define CHECK_SQL \
    "SELECT 1 AS k, p.id_no, p.id AS pid, p.name, '' AS t, 0 AS f" HERE \
    " AND EXISTS (SELECT 1 FROM persons q WHERE q.id_no = p.id_no AND q.id <> p.id)" \
    " UNION ALL SELECT 2, p.id_no, p.id, p.name, '', 0" HERE " AND e.kind = '在职'" \
    " AND EXISTS (SELECT 1 FROM enrolments o WHERE o.person_id = p.id AND o.unit_id <> e.unit_id" \
    "  AND o.type_code = '310' AND o.kind = '在职' AND o.end_date IS NULL" \
    "  AND (o.end_date IS NULL OR o.end_date >= o.start_month))" \
    " UNION ALL SELECT 3, p.id_no, p.id, p.name, DATE_FORMAT(p.birth_date, '%Y-%m-%d'), 0" HERE \
    " AND e.kind = '在职' AND " STATUTORY_RETIRE " < ?" \
    " UNION ALL SELECT 4, x.id_no, x.pid, x.name, '', x.w" \
    " FROM (SELECT p.id_no, p.id AS pid, p.name," \
    "  (SELECT w.wage_fen FROM wages w WHERE w.person_id = p.id AND w.unit_id = e.unit_id" \
    "   AND w.from_month <= ? ORDER BY w.from_month DESC LIMIT 1) AS w" HERE \
    "  AND e.kind = '在职') x WHERE ? > 0 AND (x.w < ? OR x.w > ?)" \
    " UNION ALL SELECT 5, p.id_no, p.id, p.name, p.phone, 0" HERE \
    " AND NOT (p.phone REGEXP '^[0-9]+(-[0-9]+)*$'" \
    "  AND CHAR_LENGTH(REPLACE(p.phone, '-', '')) BETWEEN 7 AND 20)" \
    " UNION ALL SELECT 6, p.id_no, p.id, p.name, '', 0" \
    " FROM enrolments e JOIN persons p ON p.id = e.person_id" \
    " WHERE e.unit_id = ? AND e.type_code = '320' AND " INSURED_ACTIVE_NOW " AND ? = 0"

static void bind_params(struct sbind *in, const struct check_params *p)
{
    sb_i64(in, p->unit_id);                     /* 1 */
    sb_i64(in, p->unit_id);                     /* 2 */
    sb_i64(in, p->unit_id);                     /* 3 */
    sb_month(in, p->cur_ym);
    sb_month(in, p->cur_ym);                    /* 4 */
    sb_i64(in, p->unit_id);
    sb_i64(in, p->upper_fen);
    sb_i64(in, p->lower_fen);
    sb_i64(in, p->upper_fen);
    sb_i64(in, p->unit_id);                     /* 5 */
    sb_i64(in, p->unit_id);                     /* 6 */
    sb_i64(in, p->civil_unit ? 1 : 0);
}

/* Rebuilds p->unit_id's rows (in the caller's transaction) and counts them. */
static int rebuild(struct store *s, const struct check_params *p, long counts[CHECK__END])
{
    struct sbind in, out;
    MYSQL_STMT *st;
    int kind = 0, rc;
    long n = 0;

    memset(counts, 0, sizeof(long) * CHECK__END);
    sb_init(&in);
    sb_i64(&in, p->unit_id);
    if (db_exec(s, "check.clear", "DELETE FROM check_problems WHERE unit_id = ?",
                &in, NULL, NULL) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, p->unit_id);
    bind_params(&in, p);
    if (db_exec(s, "check.rebuild",
            "INSERT INTO check_problems (unit_id, kind, id_no, person_id, name, text, fen)"
            " SELECT DISTINCT ?, c.k, c.id_no, c.pid, c.name, c.t, c.f FROM (" CHECK_SQL ") c",
            &in, NULL, NULL) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, p->unit_id);
    sb_init(&out);
    sb_out_int(&out, &kind);
    sb_out_long(&out, &n);
    if (db_query(s, "check.counts",
                 "SELECT kind, COUNT(*) FROM check_problems WHERE unit_id = ? GROUP BY kind",
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

int store_check_state(struct store *s, int64_t unit_id, struct check_state *cs)
{
    struct sbind in, out;
    int rc;

    memset(cs, 0, sizeof *cs);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&out);
    sb_out_int(&out, &cs->dirty);
    sb_out_time(&out, &cs->refreshed_at);
    for (int k = 1; k < CHECK__END; k++)
        sb_out_long(&out, &cs->counts[k]);
    rc = db_query_one(s, "check.state",
        "SELECT dirty OR refreshed_at = 0, refreshed_at, k1, k2, k3, k4, k5, k6"
        " FROM unit_todo WHERE unit_id = ?", &in, &out);
    if (rc == STORE_NOTFOUND) {
        cs->dirty = 1;             /* never refreshed */
        return 0;
    }
    if (rc != 0)
        return STORE_ERR;
    for (int k = 1; k < CHECK__END; k++)
        cs->counts[0] += cs->counts[k];
    return 0;
}

int store_check_each(struct store *s, int64_t unit_id, long offset, long limit,
                     check_row_fn fn, void *arg)
{
    static const char *const name = "check.each";
    struct sbind in, out;
    struct check_row row;
    MYSQL_STMT *st;
    int rc;

    memset(&row, 0, sizeof row);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_i64(&in, limit < 0 ? 0x3fffffffffffffffLL : limit);
    sb_i64(&in, offset);
    sb_init(&out);
    sb_out_int(&out, &row.kind);
    sb_out_str(&out, row.id_no, sizeof row.id_no);
    sb_out_str(&out, row.name, sizeof row.name);
    sb_out_str(&out, row.text, sizeof row.text);
    sb_out_i64(&out, &row.fen);
    {
        /* the primary key's order: a page reads its rows and the skipped keys */
        static const char *const sql =
            "SELECT kind, id_no, name, text, fen FROM check_problems WHERE unit_id = ?"
            " ORDER BY kind, id_no, person_id LIMIT ? OFFSET ?";
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
    int rc;

    memset(p, 0, sizeof *p);
    p->unit_id = u->id;
    p->cur_ym = ym_make(now->y, now->m);
    p->civil_unit = unit_is_public(u->unit_type);
    rc = store_wages_limits(s, now->y, &lim);
    if (rc == STORE_ERR)
        return STORE_ERR;
    if (rc == 0) {
        p->lower_fen = lim.lower_fen;
        p->upper_fen = lim.upper_fen;
    }
    return 0;
}

int store_check_dirty(struct store *s, int64_t unit_id, const char *id_no)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_str(&in, id_no ? id_no : "");
    /* ascending unit ids: two writers lock shared rows in one order.
     * A unit already dirty costs no write: an upsert whose update changes
     * nothing does not update the row (MariaDB's write_record compares the
     * rows first; the reason 019's id_locks needed `touched`), so on a Galera
     * cluster it adds no key to the write-set and two nodes marking one dirty
     * unit do not conflict; only the first mark after a refresh writes.
     * Locally the duplicate check still X-locks the row until the commit, so
     * a refresh's claim of the unit on THIS node waits for the writer (see
     * todo_claim), and the writer waits at most for a refresh's claim or its
     * last statement, never for its computing. A refresh on ANOTHER node is not certified against a
     * mark that wrote nothing: it may clear the mark while the writer's rows
     * are not yet committed, leaving the unit's 核查 counts one change behind
     * until the next mark (README "Running on several servers"). */
    return db_exec(s, "check.dirty",
        "INSERT INTO unit_todo (unit_id, ym, refreshed_at, dirty)"
        " SELECT x.u, '2000-01-01', 0, 1 FROM (SELECT ? AS u UNION"
        "  SELECT e.unit_id FROM persons q JOIN enrolments e ON e.person_id = q.id"
        "  WHERE q.id_no = ? AND e.unit_id IS NOT NULL) x WHERE x.u > 0 ORDER BY x.u"
        " ON DUPLICATE KEY UPDATE dirty = 1", &in, NULL, NULL) == 0 ? 0 : STORE_ERR;
}

int store_check_dirty_many(struct store *s, int64_t unit_id, const char *const *id_nos,
                           size_t n)
{
    struct sbind in;
    char *list;
    int rc;

    if (n == 0)
        return 0;
    list = db_id_list(id_nos, n);
    if (!list) {
        db_fail(s, "check.dirty_many", "out of memory");
        return STORE_ERR;
    }
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_str(&in, list);
    /* as store_check_dirty, the unit and every unit any of the IDs is enrolled in.
     * The join order and index spelled out: on statistics left stale by a bulk
     * load (ix_persons_id_no estimated at 801 rows a key) this statement ran
     * 0.4-2.9 s a chunk instead of ~50 ms (README Benchmarks, 22:16 UTC). */
    rc = db_exec(s, "check.dirty_many",
        "INSERT INTO unit_todo (unit_id, ym, refreshed_at, dirty)"
        " SELECT x.u, '2000-01-01', 0, 1 FROM (SELECT ? AS u UNION"
        "  SELECT e.unit_id FROM " JSON_IDS " j STRAIGHT_JOIN persons q ON q.id_no = j.id_no"
        "  STRAIGHT_JOIN enrolments e FORCE INDEX (ix_enrolments_person) ON e.person_id = q.id"
        "  WHERE e.unit_id IS NOT NULL) x WHERE x.u > 0 ORDER BY x.u"
        " ON DUPLICATE KEY UPDATE dirty = 1", &in, NULL, NULL) == 0 ? 0 : STORE_ERR;
    free(list);
    return rc;
}

int store_check_dirty_all(struct store *s)
{
    struct sbind in;

    /* a unit claimed by a refresh under way (dirty = 2) too: that refresh may
     * have read before this change, and its end leaves dirty = 1 as it is */
    sb_init(&in);
    return db_exec(s, "check.dirty_all", "UPDATE unit_todo SET dirty = 1 WHERE dirty <> 1",
                   &in, NULL, NULL) == 0 ? 0 : STORE_ERR;
}

/* The statutory retirement months of every birth month from..to (ym) and sex,
 * by the rule (rules/policy.h retire_month), into the temporary table
 * retire_map, then copied to the persons rows that lack them (all when all). */
#define MAP_CHUNK 64
#define MAP_ROW "(?, ?, ?, ?)"
static int fill_retire(struct store *s, int from, int to, int all)
{
    static char sql[sizeof "INSERT IGNORE INTO retire_map VALUES "
                    + MAP_CHUNK * (sizeof MAP_ROW + 2)];
    struct sbind b[MAP_CHUNK];
    struct sbind in;
    size_t k = 0;

    if (!sql[0]) {
        char *q = stpcpy(sql, "INSERT IGNORE INTO retire_map VALUES ");
        for (size_t i = 0; i < MAP_CHUNK; i++)
            q = stpcpy(stpcpy(q, i ? ", " : ""), MAP_ROW);
    }
    if (db_simple(s, "retire.map_drop", "DROP TEMPORARY TABLE IF EXISTS retire_map") != 0 ||
        db_simple(s, "retire.map", "CREATE TEMPORARY TABLE retire_map (birth DATE NOT NULL,"
                  " gender TINYINT NOT NULL, worker DATE NOT NULL, cadre DATE NOT NULL,"
                  " PRIMARY KEY (birth, gender)) ENGINE=MEMORY") != 0)
        return STORE_ERR;
    /* rows (birth month, sex) in order; the last chunk is padded with its last
     * row again (IGNOREd) so one statement serves every chunk */
    for (int r = 0, last = (to - from + 1) * 2 - 1; r <= last; ) {
        for (k = 0; k < MAP_CHUNK; k++) {
            int row = r + (int)k > last ? last : r + (int)k;
            int ym = from + row / 2, male = row % 2 == 0;
            struct ymd birth = {ym / 12, ym % 12 + 1, 1};
            sb_init(&b[k]);
            sb_month(&b[k], ym);
            sb_i64(&b[k], male ? 1 : 2);
            sb_month(&b[k], retire_month(birth, male, 0));
            sb_month(&b[k], retire_month(birth, male, 1));
        }
        if (db_exec_rows(s, "retire.map_rows", sql, b, k) != 0)
            return STORE_ERR;
        r += MAP_CHUNK;
    }
    sb_init(&in);
    sb_i64(&in, all);
    return db_exec(s, "retire.fill",
        "UPDATE persons p JOIN retire_map m ON m.gender = p.gender"
        " AND m.birth = p.birth_date - INTERVAL (DAYOFMONTH(p.birth_date) - 1) DAY"
        " SET p.statutory_retire = m.worker, p.statutory_retire_cadre = m.cadre"
        " WHERE ? OR p.statutory_retire IS NULL", &in, NULL, NULL) != 0 ||
        db_simple(s, "retire.map_drop", "DROP TEMPORARY TABLE IF EXISTS retire_map") != 0
        ? STORE_ERR : 0;
}

int store_persons_fill_retire(struct store *s, int all)
{
    struct sbind in, out;
    int lo = -1, hi = -1, rc;

    sb_init(&in);
    sb_i64(&in, all);
    sb_init(&out);
    sb_out_month(&out, &lo);
    sb_out_month(&out, &hi);
    rc = db_query_one(s, "retire.range",
        "SELECT MIN(birth_date) - INTERVAL (DAYOFMONTH(MIN(birth_date)) - 1) DAY,"
        " MAX(birth_date) - INTERVAL (DAYOFMONTH(MAX(birth_date)) - 1) DAY"
        " FROM persons WHERE ? OR statutory_retire IS NULL", &in, &out);
    if (rc == STORE_ERR)
        return STORE_ERR;
    if (rc != 0 || lo < 0 || hi < lo)
        return 0;                  /* none to fill */
    if (lo < ym_make(1850, 1))
        lo = ym_make(1850, 1);
    if (hi > ym_make(2150, 12))
        hi = ym_make(2150, 12);
    return fill_retire(s, lo, hi, all);
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

/* The refresh's claim of the unit, in a transaction of its own (025): dirty
 * = 2 and its number. It waits only for a writer that marked the unit and has
 * not committed yet (a batch chunk's mark is its last statement), and its
 * data is then committed and read by the refresh; a writer that marks the
 * unit after the claim sets dirty = 1, which the refresh's end leaves. */
struct todo_claim_call { int64_t unit_id, claim; };

static int todo_claim_tx(struct store *s, void *arg)
{
    const struct todo_claim_call *c = arg;
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, c->claim);
    sb_i64(&in, c->unit_id);
    if (store_begin(s) != 0)
        return STORE_ERR;
    if (db_exec(s, "todo.claim",
            "INSERT INTO unit_todo (unit_id, ym, refreshed_at, dirty, claim)"
            " SELECT id, '2000-01-01', 0, 2, ? FROM units WHERE id = ?"
            " ON DUPLICATE KEY UPDATE dirty = 2, claim = VALUES(claim)", &in, NULL, NULL) != 0) {
        store_rollback(s);
        return STORE_ERR;
    }
    return store_commit(s) == 0 ? 0 : STORE_ERR;
}

/* run again on a conflict (two nodes of a cluster claiming one unit) */
static int todo_claim(struct store *s, int64_t unit_id, int64_t claim)
{
    struct todo_claim_call c = {unit_id, claim};

    return store_tx(s, todo_claim_tx, &c);
}

void (*store_todo_test_between)(int64_t unit_id);

/* The refresh's statements, in its transaction, after its claim. */
static int refresh_in_tx(struct store *s, int64_t unit_id, int64_t claim,
                         const struct portal_dt *now, time_t real_now)
{
    struct unit u;
    struct check_params p;
    struct retire_due_filter f;
    struct sbind in;
    long counts[CHECK__END], due = 0, jobs = 0;
    int cur = ym_make(now->y, now->m), rc;

    /* refreshes of one unit one after the other (each rebuilds its
     * check_problems rows): the unit's unit_todo_runs row, locked until the
     * commit. No writer touches it: a writer's mark never waits for the
     * refresh's computing, and reads (READ COMMITTED) lock nothing. */
    sb_init(&in);
    sb_i64(&in, unit_id);
    if (db_exec(s, "todo.run",
            "INSERT INTO unit_todo_runs (unit_id) SELECT id FROM units WHERE id = ?"
            " ON DUPLICATE KEY UPDATE unit_id = unit_id", &in, NULL, NULL) != 0)
        return STORE_ERR;
    rc = store_unit_by_id(s, unit_id, &u);
    if (rc != 0)
        return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
    memset(&f, 0, sizeof f);
    f.unit_id = unit_id;
    f.from_ym = cur;
    f.to_ym = cur + 1;
    if (store_check_params(s, &u, now, &p) != 0 || rebuild(s, &p, counts) != 0 ||
        store_retire_due_count(s, &f, &due) != 0 || failed_jobs(s, unit_id, real_now, &jobs) != 0)
        return STORE_ERR;
    if (store_todo_test_between)
        store_todo_test_between(unit_id);
    /* the unit's row last, for the time of this statement and the commit:
     * the mark cleared only when it is still this refresh's claim */
    sb_init(&in);
    sb_month(&in, cur);
    sb_i64(&in, counts[0]);
    for (int k = 1; k < CHECK__END; k++)
        sb_i64(&in, counts[k]);
    sb_i64(&in, due);
    sb_i64(&in, jobs);
    sb_i64(&in, (long long)real_now);
    sb_i64(&in, claim);
    sb_i64(&in, unit_id);
    return db_exec(s, "todo.save",
        "UPDATE unit_todo SET ym = ?, problems = ?, k1 = ?, k2 = ?, k3 = ?, k4 = ?, k5 = ?,"
        " k6 = ?, retire_due = ?, failed_jobs = ?, refreshed_at = ?,"
        " dirty = IF(dirty = 2 AND claim = ?, 0, dirty) WHERE unit_id = ?",
        &in, NULL, NULL) == 0 ? 0 : STORE_ERR;
}

int store_todo_refresh(struct store *s, int64_t unit_id, const struct portal_dt *now,
                       time_t real_now)
{
    /* a number of this refresh's own (never 0, the column's default) */
    int64_t claim = (int64_t)(((uint64_t)store_rand(s) << 31) ^ store_rand(s)) + 1;

    if (todo_claim(s, unit_id, claim) != 0)
        return STORE_ERR;
    /* READ COMMITTED: each statement reads what is committed when it runs,
     * and INSERT ... SELECT locks no row it reads (no writer waits for a
     * refresh) */
    if (db_simple(s, "todo.isolation", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED") != 0 ||
        store_begin(s) != 0)
        return STORE_ERR;
    if (refresh_in_tx(s, unit_id, claim, now, real_now) != 0) {
        store_rollback(s);
        return STORE_ERR;       /* the unit stays claimed: dirty for every reader */
    }
    return store_commit(s) == 0 ? 0 : STORE_ERR;
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
        if (ids[i] > 0)    /* 0: passed over (todo.units_idle) */
            rc = store_todo_refresh(s, ids[i], now, real_now);
    free(ids);
    return rc;
}

/* A unit with a job of rows not done: its chunks mark it dirty and hold its
 * unit_todo row until they commit, and a refresh holds that row for the
 * whole rebuild (seconds for a big unit), so a refresh while the job runs
 * makes every chunk wait for it (the chunks of the other workers while one
 * worker is idle). The worker leaves such a unit to the job's end:
 * finish_jobs refreshes it then. */
#define NO_JOB_RUNNING(u) \
    " NOT EXISTS (SELECT 1 FROM jobs j WHERE j.unit_id = " u " AND j.done = 0" \
    " AND j.cancelled = 0 AND j.kind IN ('" JOB_KIND_ENROLL "', '" JOB_KIND_WAGES "'))"

static int refresh_units(struct store *s, int64_t *after, int limit, int idle_only,
                         const struct portal_dt *now, time_t real_now)
{
    struct sbind in;
    int64_t before = *after;
    int rc;

    sb_init(&in);
    sb_i64(&in, *after);
    sb_i64(&in, limit);
    /* the second column moves the cursor: a unit skipped is passed over */
    rc = idle_only
        ? refresh_each(s, "todo.units_idle",
                       "SELECT IF(" NO_JOB_RUNNING("u.id") ", u.id, 0), u.id FROM units u"
                       " WHERE u.id > ? ORDER BY u.id LIMIT ?", &in, now, real_now, after)
        : refresh_each(s, "todo.units", "SELECT id, id FROM units WHERE id > ? ORDER BY id LIMIT ?",
                       &in, now, real_now, after);
    if (rc == 0 && *after == before)
        *after = -1;           /* past the last unit */
    return rc;
}

int store_todo_refresh_units(struct store *s, int64_t *after, int limit,
                             const struct portal_dt *now, time_t real_now)
{
    return refresh_units(s, after, limit, 1, now, real_now);
}

int store_todo_refresh_all(struct store *s, const struct portal_dt *now, time_t real_now)
{
    int64_t after = 0;

    while (after >= 0)
        if (refresh_units(s, &after, 500, 0, now, real_now) != 0)
            return STORE_ERR;
    return 0;
}

int store_todo_refresh_dirty(struct store *s, int limit, const struct portal_dt *now,
                             time_t real_now)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, limit);
    return refresh_each(s, "todo.dirty",
        "SELECT t.unit_id, t.unit_id FROM unit_todo t WHERE t.dirty IN (1, 2) AND"
        NO_JOB_RUNNING("t.unit_id") " ORDER BY t.unit_id LIMIT ?",
        &in, now, real_now, NULL);
}
