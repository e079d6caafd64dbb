/* jobs — batch jobs and job rows (spec §8); see store/jobs.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "store/jobs.h"

const char *const job_enroll_columns[JOB_CELLS + JOB_FAILED_EXTRA] = {
    "证件号码", "姓名", "月申报工资", "联系电话", "失败原因", "原行号"};

/* ---- creation ------------------------------------------------------------- */

/* Multi-row inserts of 2^k rows (k = 0..8): a few statements cover any n. */
#define ROWS_MAX_SHIFT 8
static const char *const ins_names[ROWS_MAX_SHIFT + 1] = {
    "job_rows.ins1", "job_rows.ins2", "job_rows.ins4", "job_rows.ins8", "job_rows.ins16",
    "job_rows.ins32", "job_rows.ins64", "job_rows.ins128", "job_rows.ins256"};

static char *ins_sql(size_t rows)
{
    struct { char *p; size_t len; } b;
    static const char head[] =
        "INSERT INTO job_rows (job_id, line_no, raw, status, message) VALUES ";
    static const char one[] = "(?, ?, JSON_ARRAY(?, ?, ?, ?), ?, ?)";
    b.len = sizeof head - 1 + rows * (sizeof one + 1) + 1;
    b.p = malloc(b.len);
    if (!b.p)
        return NULL;
    strcpy(b.p, head);
    for (size_t i = 0; i < rows; i++) {
        if (i)
            strcat(b.p, ",");
        strcat(b.p, one);
    }
    return b.p;
}

static int insert_rows(struct store *s, int64_t job_id, const struct job_row_new *rows,
                       int shift, struct sbind *sb)
{
    size_t k = (size_t)1 << shift;
    char *sql;
    int rc;

    for (size_t i = 0; i < k; i++) {
        const struct job_row_new *r = &rows[i];
        sb_init(&sb[i]);
        sb_i64(&sb[i], job_id);
        sb_i64(&sb[i], (long long)r->line_no);
        for (int c = 0; c < JOB_CELLS; c++)
            sb_str(&sb[i], r->cell[c] ? r->cell[c] : "");
        sb_str(&sb[i], r->fail_msg ? "failed" : "pending");
        sb_str(&sb[i], r->fail_msg ? r->fail_msg : "");
    }
    sql = ins_sql(k);
    if (!sql) {
        db_fail(s, ins_names[shift], "out of memory");
        return STORE_ERR;
    }
    rc = db_exec_rows(s, ins_names[shift], sql, sb, k);
    free(sql);
    return rc;
}

static int job_create_once(struct store *s, int64_t unit_id, const char *kind,
                           time_t real_now, const struct portal_dt *as_of, int start_ym,
                           int civil_servant, const struct job_row_new *rows, size_t n,
                           int64_t *id)
{
    struct sbind in;
    struct sbind *sb = NULL;
    struct portal_dt created;
    char month[8] = "";
    long failed = 0;
    size_t done = 0;
    int rc = STORE_ERR;

    for (size_t i = 0; i < n; i++)
        if (rows[i].fail_msg)
            failed++;
    if (start_ym >= 0)
        format_month(month, start_ym);
    dt_from_unix(real_now, &created);
    sb = calloc((size_t)1 << ROWS_MAX_SHIFT, sizeof *sb);
    if (!sb) {
        db_fail(s, "job.create", "out of memory");
        return STORE_ERR;
    }
    if (store_begin(s) != 0)
        goto out;
    sb_init(&in);
    sb_str(&in, kind);
    sb_i64(&in, unit_id);
    sb_datetime(&in, &created);
    sb_datetime(&in, as_of);
    sb_i64(&in, (long long)n);
    sb_i64(&in, failed);
    sb_i64(&in, failed > 0);
    sb_str(&in, start_ym >= 0 ? month : NULL);
    sb_i64(&in, civil_servant ? 1 : 0);
    sb_id_or_null(&in, s->actor_id);
    sb_str(&in, s->actor_name);
    if (db_exec(s, "job.create",
                "INSERT INTO jobs (kind, unit_id, created_at, as_of, total, processed, has_error,"
                " params, account_id, operator) VALUES (?, ?, ?, ?, ?, ?, ?,"
                " JSON_OBJECT('start_month', ?, 'civil_servant', ?), ?, ?)",
                &in, NULL, id) != 0)
        goto fail;
    while (done < n) {
        int shift = ROWS_MAX_SHIFT;
        while (((size_t)1 << shift) > n - done)
            shift--;
        if (insert_rows(s, *id, rows + done, shift, sb) != 0)
            goto fail;
        done += (size_t)1 << shift;
    }
    if (store_commit(s) != 0)
        goto fail;
    rc = 0;
    goto out;
fail:
    store_rollback(s);
out:
    free(sb);
    return rc;
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct job_create_call {
    int64_t unit_id;
    const char *kind;
    time_t real_now;
    const struct portal_dt *as_of;
    int start_ym;
    int civil_servant;
    const struct job_row_new *rows;
    size_t n;
    int64_t *id;
};

static int job_create_tx(struct store *s, void *arg)
{
    struct job_create_call *c = arg;

    return job_create_once(s, c->unit_id, c->kind, c->real_now, c->as_of, c->start_ym, c->civil_servant, c->rows, c->n, c->id);
}

int store_job_create(struct store *s, int64_t unit_id, const char *kind,
                     time_t real_now, const struct portal_dt *as_of, int start_ym,
                     int civil_servant, const struct job_row_new *rows, size_t n,
                     int64_t *id)
{
    struct job_create_call c = {unit_id, kind, real_now, as_of, start_ym, civil_servant, rows, n, id};

    return store_tx(s, job_create_tx, &c);
}

int store_export_job_create(struct store *s, int64_t unit_id, time_t real_now,
                            const struct portal_dt *as_of, int ym, const char *type,
                            const char *result_name, int64_t *id)
{
    struct sbind in;
    struct portal_dt created;
    char month[8];

    format_month(month, ym);
    dt_from_unix(real_now, &created);
    sb_init(&in);
    sb_str(&in, JOB_KIND_EXPORT);
    sb_i64(&in, unit_id);
    sb_datetime(&in, &created);
    sb_datetime(&in, as_of);
    sb_str(&in, month);
    sb_str(&in, type);
    sb_str(&in, result_name);
    sb_id_or_null(&in, s->actor_id);
    sb_str(&in, s->actor_name);
    return db_exec(s, "job.create_export",
                   "INSERT INTO jobs (kind, unit_id, created_at, as_of, params, result_name,"
                   " account_id, operator)"
                   " VALUES (?, ?, ?, ?, JSON_OBJECT('month', ?, 'type', ?), ?, ?, ?)",
                   &in, NULL, id);
}

/* ---- reading -------------------------------------------------------------- */

/* processed: a job of rows not done counts its pending rows (several workers
 * share it; jobs.processed is a cache, exact when done: store_job_finish). */
#define JOB_COLS \
    "j.id, j.unit_id, j.kind, j.created_at, j.as_of, j.total," \
    " IF(j.kind = '" JOB_KIND_EXPORT "' OR j.done = 1, j.processed, j.total -" \
    " (SELECT COUNT(*) FROM job_rows p WHERE p.job_id = j.id AND p.status = 'pending'))," \
    " (SELECT COUNT(*) FROM job_rows r WHERE r.job_id = j.id AND r.status = 'failed')," \
    " j.has_error, j.error_summary, j.done, j.done_at, j.done_as_of," \
    " j.done = 1 AND j.done_at < ?," \
    " j.cancelled, JSON_VALUE(j.params, '$.start_month')," \
    " COALESCE(JSON_VALUE(j.params, '$.civil_servant'), '0'), COALESCE(j.result_name, '')," \
    " JSON_VALUE(j.params, '$.month'), COALESCE(JSON_VALUE(j.params, '$.type'), '')," \
    " COALESCE(j.account_id, 0), j.operator"

struct job_out {
    struct sbind res;
    char month[16], cs[8], export_month[16];
};

static void job_bind(struct job_out *o, struct job *j)
{
    memset(j, 0, sizeof *j);
    sb_init(&o->res);
    sb_out_i64(&o->res, &j->id);
    sb_out_i64(&o->res, &j->unit_id);
    sb_out_str(&o->res, j->kind, sizeof j->kind);
    sb_out_dt(&o->res, &j->created_at);
    sb_out_dt(&o->res, &j->as_of);
    sb_out_long(&o->res, &j->total);
    sb_out_long(&o->res, &j->processed);
    sb_out_long(&o->res, &j->failed);
    sb_out_int(&o->res, &j->has_error);
    sb_out_str(&o->res, j->error_summary, sizeof j->error_summary);
    sb_out_int(&o->res, &j->done);
    sb_out_dt(&o->res, &j->done_at);
    sb_out_dt(&o->res, &j->done_as_of);
    sb_out_int(&o->res, &j->expired);
    sb_out_int(&o->res, &j->cancelled);
    sb_out_str(&o->res, o->month, sizeof o->month);
    sb_out_str(&o->res, o->cs, sizeof o->cs);
    sb_out_str(&o->res, j->result_name, sizeof j->result_name);
    sb_out_str(&o->res, o->export_month, sizeof o->export_month);
    sb_out_str(&o->res, j->export_type, sizeof j->export_type);
    sb_out_i64(&o->res, &j->account_id);
    sb_out_str(&o->res, j->operator_name, sizeof j->operator_name);
}

static void job_finish(struct job_out *o, struct job *j)
{
    if (parse_month(o->month, &j->start_ym) != 0)
        j->start_ym = -1;
    j->civil_servant = strcmp(o->cs, "1") == 0 || strcmp(o->cs, "true") == 0;
    if (parse_month(o->export_month, &j->export_ym) != 0)
        j->export_ym = -1;
}

int store_job_get(struct store *s, int64_t unit_id, int64_t job_id, time_t real_now,
                  struct job *out)
{
    struct sbind in;
    struct job_out o;
    struct portal_dt expiry;
    int rc;

    dt_from_unix(real_now - JOB_RETAIN_SECONDS, &expiry);
    job_bind(&o, out);
    sb_init(&in);
    sb_datetime(&in, &expiry);
    sb_i64(&in, job_id);
    sb_i64(&in, unit_id);
    rc = db_query_one(s, "job.get",
        "SELECT " JOB_COLS " FROM jobs j WHERE j.id = ? AND j.unit_id = ?", &in, &o.res);
    if (rc == 0)
        job_finish(&o, out);
    return rc;
}

int store_jobs_list(struct store *s, int64_t unit_id, time_t real_now, struct job *out,
                    size_t max, size_t *n)
{
    struct sbind in;
    struct job_out o;
    struct job j;
    struct portal_dt expiry;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    dt_from_unix(real_now - JOB_RETAIN_SECONDS, &expiry);
    job_bind(&o, &j);
    sb_init(&in);
    sb_datetime(&in, &expiry);
    sb_i64(&in, unit_id);
    sb_i64(&in, (long long)max);
    rc = db_query(s, "job.list",
        "SELECT " JOB_COLS " FROM jobs j WHERE j.unit_id = ?"
        " ORDER BY j.created_at DESC, j.id DESC LIMIT ?",
        &in, &o.res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "job.list", st, &o.res)) == 0) {
        job_finish(&o, &j);
        if (*n < max)
            out[(*n)++] = j;
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_job_delete(struct store *s, int64_t unit_id, int64_t job_id)
{
    struct sbind in;
    uint64_t affected = 0;

    sb_init(&in);
    sb_i64(&in, job_id);
    sb_i64(&in, unit_id);
    /* job_rows and job_files go with it (ON DELETE CASCADE). The job row is
     * locked first, as the worker locks it first in each chunk: no deadlock. */
    if (db_exec(s, "job.delete", "DELETE FROM jobs WHERE id = ? AND unit_id = ?", &in,
                &affected, NULL) != 0)
        return STORE_ERR;
    return affected ? 0 : STORE_NOTFOUND;
}

static void row_bind(struct sbind *res, struct job_row *r)
{
    sb_init(res);
    sb_out_long(res, &r->line_no);
    for (int c = 0; c < JOB_CELLS; c++)
        sb_out_str(res, r->cell[c], sizeof r->cell[c]);
    sb_out_str(res, r->status, sizeof r->status);
    sb_out_str(res, r->message, sizeof r->message);
}

#define ROW_COLS \
    "line_no, JSON_VALUE(raw, '$[0]'), JSON_VALUE(raw, '$[1]'), JSON_VALUE(raw, '$[2]')," \
    " JSON_VALUE(raw, '$[3]'), status, message"

int store_job_failed_rows(struct store *s, int64_t unit_id, int64_t job_id,
                          int (*fn)(const struct job_row *row, void *arg), void *arg)
{
    struct sbind in, res;
    struct job_row *row = calloc(1, sizeof *row);
    MYSQL_STMT *st;
    int rc;

    if (!row) {
        db_fail(s, "job.failed_rows", "out of memory");
        return STORE_ERR;
    }
    row_bind(&res, row);
    sb_init(&in);
    sb_i64(&in, job_id);
    sb_i64(&in, unit_id);
    rc = db_query(s, "job.failed_rows",
        "SELECT " ROW_COLS " FROM job_rows WHERE job_id = ? AND status = 'failed'"
        " AND job_id IN (SELECT id FROM jobs WHERE unit_id = ?) ORDER BY line_no",
        &in, &res, &st);
    if (rc == 0) {
        while ((rc = db_fetch(s, "job.failed_rows", st, &res)) == 0)
            if (fn(row, arg) != 0)
                break;
        db_done(st);
        if (rc == STORE_NOTFOUND)
            rc = 0;
    }
    free(row);
    return rc;
}

int store_job_file_read(struct store *s, int64_t unit_id, int64_t job_id,
                        int (*fn)(const char *data, size_t len, void *arg), void *arg)
{
    struct sbind in, res;
    char *chunk = malloc(JOB_FILE_CHUNK + 1);
    MYSQL_STMT *st;
    int rc;

    if (!chunk) {
        db_fail(s, "job.file_read", "out of memory");
        return STORE_ERR;
    }
    sb_init(&in);
    sb_i64(&in, job_id);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_str(&res, chunk, JOB_FILE_CHUNK + 1);
    rc = db_query_stream(s, "job.file_read",
        "SELECT f.data FROM job_files f JOIN jobs j ON j.id = f.job_id"
        " WHERE f.job_id = ? AND j.unit_id = ? ORDER BY f.seq", &in, &res, &st);
    if (rc == 0) {
        /* chunks are CSV text without NUL bytes: the length is the string's */
        while ((rc = db_fetch(s, "job.file_read", st, &res)) == 0)
            if (fn(chunk, res.len[0], arg) != 0)
                break;
        db_done(st);
        if (rc == STORE_NOTFOUND)
            rc = 0;
    }
    free(chunk);
    return rc;
}

int store_job_counts(struct store *s, int64_t job_id, long *pending, long *ok, long *failed)
{
    struct sbind in, res;

    sb_init(&in);
    sb_i64(&in, job_id);
    sb_init(&res);
    sb_out_long(&res, pending);
    sb_out_long(&res, ok);
    sb_out_long(&res, failed);
    return db_query_one(s, "job.counts",
        "SELECT COALESCE(SUM(status = 'pending'), 0), COALESCE(SUM(status = 'ok'), 0),"
        " COALESCE(SUM(status = 'failed'), 0) FROM job_rows WHERE job_id = ?", &in, &res);
}

/* ---- the worker ----------------------------------------------------------- */

static int job_by_id_any(struct store *s, int64_t job_id, struct job *out)
{
    struct sbind in;
    struct job_out o;
    struct portal_dt expiry = {1970, 1, 1, 0, 0, 0};
    int rc;

    job_bind(&o, out);
    sb_init(&in);
    sb_datetime(&in, &expiry);
    sb_i64(&in, job_id);
    rc = db_query_one(s, "job.get_any", "SELECT " JOB_COLS " FROM jobs j WHERE j.id = ?",
                      &in, &o.res);
    if (rc == 0)
        job_finish(&o, out);
    return rc;
}

static int job_claim_once(struct store *s, const char *owner, time_t real_now, time_t lease_until,
                          struct job *out)
{
    struct sbind in, res;
    uint64_t affected = 0;
    int64_t id = 0;
    int rc;

    if (store_begin(s) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_str(&in, JOB_KIND_EXPORT);
    sb_i64(&in, real_now);
    sb_init(&res);
    sb_out_i64(&res, &id);
    rc = db_query_one(s, "job.claim_pick",
        "SELECT id FROM jobs WHERE done = 0 AND cancelled = 0 AND kind = ?"
        " AND (lease_until IS NULL OR lease_until < ?) ORDER BY created_at, id LIMIT 1"
        " FOR UPDATE SKIP LOCKED", &in, &res);
    if (rc != 0) {
        store_rollback(s);
        return rc;
    }
    /* SKIP LOCKED and the row lock are of this server only: on Galera a
     * worker on another node may pick the same job at the same moment. The
     * claim is this UPDATE, still conditional: the first commit wins, the
     * other fails certification (1213 at COMMIT), store_tx runs it again
     * and its SELECT then sees the job leased. */
    sb_init(&in);
    sb_str(&in, owner);
    sb_i64(&in, lease_until);
    sb_i64(&in, id);
    sb_i64(&in, real_now);
    if (db_exec(s, "job.claim_set", "UPDATE jobs SET owner = ?, lease_until = ? WHERE id = ?"
                " AND done = 0 AND cancelled = 0 AND (lease_until IS NULL OR lease_until < ?)",
                &in, &affected, NULL) != 0) {
        store_rollback(s);
        return STORE_ERR;
    }
    if (affected != 1) {
        store_rollback(s);
        return STORE_NOTFOUND;
    }
    if (store_commit(s) != 0) {
        store_rollback(s);
        return STORE_ERR;
    }
    return job_by_id_any(s, id, out);
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct job_claim_call {
    const char *owner;
    time_t real_now;
    time_t lease_until;
    struct job *out;
};

static int job_claim_tx(struct store *s, void *arg)
{
    struct job_claim_call *c = arg;

    return job_claim_once(s, c->owner, c->real_now, c->lease_until, c->out);
}

int store_job_claim(struct store *s, const char *owner, time_t real_now, time_t lease_until,
                    struct job *out)
{
    struct job_claim_call c = {owner, real_now, lease_until, out};

    return store_tx(s, job_claim_tx, &c);
}

int store_job_take_over(struct store *s, int64_t job_id, const char *dead_owner,
                        const char *owner, time_t lease_until, struct job *out)
{
    struct sbind in;
    uint64_t affected = 0;

    sb_init(&in);
    sb_str(&in, owner);
    sb_i64(&in, lease_until);
    sb_i64(&in, job_id);
    sb_str(&in, dead_owner);
    if (db_exec(s, "job.take_over",
                "UPDATE jobs SET owner = ?, lease_until = ? WHERE id = ? AND owner = ?"
                " AND done = 0", &in, &affected, NULL) != 0)
        return STORE_ERR;
    if (!affected)
        return STORE_NOTFOUND;
    return job_by_id_any(s, job_id, out);
}

int store_job_live_owners(struct store *s, time_t real_now, int64_t *ids, char (*owners)[129],
                          size_t max, size_t *n)
{
    struct sbind in, res;
    int64_t id;
    char owner[129];
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    sb_init(&in);
    sb_i64(&in, real_now);
    sb_init(&res);
    sb_out_i64(&res, &id);
    sb_out_str(&res, owner, sizeof owner);
    rc = db_query(s, "job.live_owners",
        "SELECT id, owner FROM jobs WHERE done = 0 AND owner IS NOT NULL AND lease_until >= ?"
        " ORDER BY id", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "job.live_owners", st, &res)) == 0)
        if (*n < max) {
            ids[*n] = id;
            memcpy(owners[*n], owner, sizeof owner);
            (*n)++;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_job_lock_owned(struct store *s, int64_t job_id, const char *owner, int *cancelled)
{
    struct sbind in, res;
    char cur[129];
    int rc;

    sb_init(&in);
    sb_i64(&in, job_id);
    sb_init(&res);
    sb_out_str(&res, cur, sizeof cur);
    sb_out_int(&res, cancelled);
    rc = db_query_one(s, "job.lock",
        "SELECT COALESCE(owner, ''), cancelled FROM jobs WHERE id = ? AND done = 0 FOR UPDATE",
        &in, &res);
    if (rc != 0)
        return rc;
    return strcmp(cur, owner) == 0 ? 0 : STORE_NOTFOUND;
}

int store_job_file_reset(struct store *s, int64_t job_id, long total)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, job_id);
    if (db_exec(s, "job.file_drop", "DELETE FROM job_files WHERE job_id = ?", &in, NULL,
                NULL) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, total);
    sb_i64(&in, job_id);
    return db_exec(s, "job.file_total", "UPDATE jobs SET total = ?, processed = 0 WHERE id = ?",
                   &in, NULL, NULL);
}

int store_job_file_put(struct store *s, int64_t job_id, int seq, const char *data, size_t len)
{
    struct sbind in;

    if (len > JOB_FILE_CHUNK) {
        db_fail(s, "job.file_put", "chunk over JOB_FILE_CHUNK");
        return STORE_ERR;
    }
    sb_init(&in);
    sb_i64(&in, job_id);
    sb_i64(&in, seq);
    sb_blob(&in, data, len);
    return db_exec(s, "job.file_put", "INSERT INTO job_files (job_id, seq, data) VALUES (?, ?, ?)",
                   &in, NULL, NULL);
}

int store_job_row_finish(struct store *s, int64_t job_id, long line_no, int ok,
                         const char *message)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, ok ? "ok" : "failed");
    sb_str(&in, message ? message : "");
    sb_i64(&in, job_id);
    sb_i64(&in, line_no);
    return db_exec(s, "job_row.finish",
        "UPDATE job_rows SET status = ?, message = LEFT(?, 500) WHERE job_id = ? AND line_no = ?"
        " AND status = 'pending'", &in, NULL, NULL);
}

/* UPDATE ... JOIN a derived table of 2^k (job, line, status, message) rows. */
static const char *const fin_names[ROWS_MAX_SHIFT + 1] = {
    "job_rows.fin1", "job_rows.fin2", "job_rows.fin4", "job_rows.fin8", "job_rows.fin16",
    "job_rows.fin32", "job_rows.fin64", "job_rows.fin128", "job_rows.fin256"};

static char *fin_sql(size_t rows)
{
    static const char head[] = "UPDATE job_rows r JOIN (";
    static const char first[] = "SELECT ? AS job_id, ? AS line_no, ? AS status, ? AS message";
    static const char more[] = " UNION ALL SELECT ?, ?, ?, ?";
    static const char tail[] =
        ") v ON r.job_id = v.job_id AND r.line_no = v.line_no"
        " SET r.status = v.status, r.message = LEFT(v.message, 500) WHERE r.status = 'pending'";
    size_t len = sizeof head + sizeof first + rows * sizeof more + sizeof tail;
    char *p = malloc(len);

    if (!p)
        return NULL;
    strcpy(p, head);
    strcat(p, first);
    for (size_t i = 1; i < rows; i++)
        strcat(p, more);
    strcat(p, tail);
    return p;
}

int store_job_rows_finish(struct store *s, int64_t job_id, const struct job_row_result *rows,
                          size_t n)
{
    struct sbind *sb = calloc((size_t)1 << ROWS_MAX_SHIFT, sizeof *sb);
    size_t done = 0;
    int rc = 0;

    if (!sb) {
        db_fail(s, "job_rows.finish", "out of memory");
        return STORE_ERR;
    }
    while (rc == 0 && done < n) {
        int shift = ROWS_MAX_SHIFT;
        size_t k;
        char *sql;
        while (((size_t)1 << shift) > n - done)
            shift--;
        k = (size_t)1 << shift;
        for (size_t i = 0; i < k; i++) {
            const struct job_row_result *r = &rows[done + i];
            sb_init(&sb[i]);
            sb_i64(&sb[i], job_id);
            sb_i64(&sb[i], (long long)r->line_no);
            sb_str(&sb[i], r->ok ? "ok" : "failed");
            sb_str(&sb[i], r->message ? r->message : "");
        }
        sql = fin_sql(k);
        if (!sql) {
            db_fail(s, fin_names[shift], "out of memory");
            rc = STORE_ERR;
            break;
        }
        rc = db_exec_rows(s, fin_names[shift], sql, sb, k);
        free(sql);
        done += k;
    }
    free(sb);
    return rc;
}

int store_job_progress(struct store *s, int64_t job_id, long processed, long failed,
                       time_t lease_until)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, processed);
    sb_i64(&in, failed > 0);
    sb_i64(&in, lease_until);
    sb_i64(&in, job_id);
    return db_exec(s, "job.progress",
        "UPDATE jobs SET processed = processed + ?, has_error = has_error OR ?,"
        " lease_until = ? WHERE id = ?", &in, NULL, NULL);
}

int store_job_finish(struct store *s, int64_t job_id, time_t real_now,
                     const struct portal_dt *business_now, const char *summary)
{
    struct sbind in;
    struct portal_dt at;

    dt_from_unix(real_now, &at);
    sb_init(&in);
    sb_datetime(&in, &at);
    sb_datetime(&in, business_now);
    sb_str(&in, summary ? summary : "");
    sb_i64(&in, job_id);
    return db_exec(s, "job.finish",
        "UPDATE jobs SET done = 1, done_at = ?, done_as_of = ?, error_summary = LEFT(?, 1000),"
        " has_error = EXISTS (SELECT 1 FROM job_rows r WHERE r.job_id = jobs.id"
        " AND r.status = 'failed'), owner = NULL, lease_until = NULL,"
        " processed = IF(kind = '" JOB_KIND_EXPORT "', processed,"
        " (SELECT COUNT(*) FROM job_rows r WHERE r.job_id = jobs.id AND r.status <> 'pending'))"
        " WHERE id = ?",
        &in, NULL, NULL);
}

int store_job_release(struct store *s, int64_t job_id, const char *owner)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, job_id);
    sb_str(&in, owner);
    return db_exec(s, "job.release",
        "UPDATE jobs SET owner = NULL, lease_until = NULL WHERE id = ? AND owner = ?",
        &in, NULL, NULL);
}

int store_jobs_purge(struct store *s, time_t before, long *deleted)
{
    struct sbind in;
    struct portal_dt at;
    uint64_t affected = 0;

    dt_from_unix(before, &at);
    sb_init(&in);
    sb_datetime(&in, &at);
    if (db_exec(s, "jobs.purge", "DELETE FROM jobs WHERE done = 1 AND done_at < ? LIMIT 100",
                &in, &affected, NULL) != 0)
        return STORE_ERR;
    if (deleted)
        *deleted = (long)affected;
    return 0;
}

/* ---- chunks --------------------------------------------------------------- */

/* Inside the claim: cuts job_id into chunks unless it is cut; STORE_NOTFOUND
 * when another worker holds the job row (it is cutting it, or finishing). */
static int chunk_cut(struct store *s, int64_t job_id, int chunk_rows)
{
    struct sbind in, res;
    int chunked = 0, rc;

    sb_init(&in);
    sb_i64(&in, job_id);
    sb_init(&res);
    sb_out_int(&res, &chunked);
    rc = db_query_one(s, "chunk.cut_lock",
        "SELECT chunked FROM jobs WHERE id = ? AND done = 0 FOR UPDATE SKIP LOCKED", &in, &res);
    if (rc != 0 || chunked)
        return rc;
    /* ranges of chunk_rows line numbers, of the rows still pending (a job
     * claimed whole before this migration may have some done) */
    sb_init(&in);
    sb_i64(&in, chunk_rows);
    sb_i64(&in, job_id);
    sb_i64(&in, chunk_rows);
    if (db_exec(s, "chunk.cut",
                "INSERT INTO job_chunks (job_id, chunk_no, first_line, last_line)"
                " SELECT job_id, (line_no - 1) DIV ?, MIN(line_no), MAX(line_no) FROM job_rows"
                " WHERE job_id = ? AND status = 'pending' GROUP BY job_id, (line_no - 1) DIV ?",
                &in, NULL, NULL) != 0)
        return STORE_ERR;
    /* the write that makes two cuts of one job conflict (on Galera too) */
    sb_init(&in);
    sb_i64(&in, job_id);
    return db_exec(s, "chunk.cut_mark", "UPDATE jobs SET chunked = 1 WHERE id = ?", &in, NULL,
                   NULL);
}

#define CLAIM_JOBS 8    /* jobs of rows looked at by one claim, oldest first */

static int chunk_claim_once(struct store *s, const char *owner, time_t real_now,
                            time_t lease_until, int chunk_rows, struct job_chunk *out,
                            struct job *job)
{
    struct sbind in, res;
    int64_t ids[CLAIM_JOBS], id = 0;
    int chunked[CLAIM_JOBS], ch = 0;
    size_t n = 0;
    MYSQL_STMT *st;
    uint64_t affected = 0;
    int rc;

    if (store_begin_read_committed(s) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_str(&in, JOB_KIND_ENROLL);
    sb_str(&in, JOB_KIND_WAGES);
    sb_i64(&in, CLAIM_JOBS);
    sb_init(&res);
    sb_out_i64(&res, &id);
    sb_out_int(&res, &ch);
    rc = db_query(s, "chunk.jobs",
        "SELECT id, chunked FROM jobs WHERE done = 0 AND cancelled = 0 AND kind IN (?, ?)"
        " ORDER BY created_at, id LIMIT ?", &in, &res, &st);
    if (rc != 0)
        goto err;
    while ((rc = db_fetch(s, "chunk.jobs", st, &res)) == 0)
        if (n < CLAIM_JOBS) {
            ids[n] = id;
            chunked[n++] = ch;
        }
    db_done(st);
    if (rc != STORE_NOTFOUND)
        goto err;
    for (size_t i = 0; i < n; i++) {
        memset(out, 0, sizeof *out);
        if (!chunked[i]) {
            rc = chunk_cut(s, ids[i], chunk_rows);
            if (rc == STORE_NOTFOUND)
                continue;
            if (rc != 0)
                goto err;
        }
        sb_init(&in);
        sb_i64(&in, ids[i]);
        sb_i64(&in, real_now);
        sb_init(&res);
        sb_out_int(&res, &out->chunk_no);
        sb_out_long(&res, &out->first_line);
        sb_out_long(&res, &out->last_line);
        rc = db_query_one(s, "chunk.pick",
            "SELECT chunk_no, first_line, last_line FROM job_chunks WHERE job_id = ? AND done = 0"
            " AND (lease_until IS NULL OR lease_until < ?) ORDER BY chunk_no LIMIT 1"
            " FOR UPDATE SKIP LOCKED", &in, &res);
        if (rc == STORE_NOTFOUND)
            continue;
        if (rc != 0)
            goto err;
        out->job_id = ids[i];
        /* SKIP LOCKED is of this server only: on Galera the claim is this
         * conditional UPDATE; the first commit wins, the other fails
         * certification (1213), store_tx runs it again, and it then sees
         * the chunk leased (as job_claim_once). */
        sb_init(&in);
        sb_str(&in, owner);
        sb_i64(&in, lease_until);
        sb_i64(&in, out->job_id);
        sb_i64(&in, out->chunk_no);
        sb_i64(&in, real_now);
        if (db_exec(s, "chunk.claim",
                    "UPDATE job_chunks SET owner = ?, lease_until = ? WHERE job_id = ?"
                    " AND chunk_no = ? AND done = 0 AND (lease_until IS NULL OR lease_until < ?)",
                    &in, &affected, NULL) != 0)
            goto err;
        if (affected != 1)
            continue;
        if (store_commit(s) != 0)
            goto err;
        return job_by_id_any(s, out->job_id, job);
    }
    /* nothing to claim; the cuts made are kept */
    if (store_commit(s) != 0)
        goto err;
    return STORE_NOTFOUND;
err:
    store_rollback(s);
    return STORE_ERR;
}

struct chunk_claim_call {
    const char *owner;
    time_t real_now, lease_until;
    int chunk_rows;
    struct job_chunk *out;
    struct job *job;
};

static int chunk_claim_tx(struct store *s, void *arg)
{
    struct chunk_claim_call *c = arg;

    return chunk_claim_once(s, c->owner, c->real_now, c->lease_until, c->chunk_rows, c->out,
                            c->job);
}

int store_chunk_claim(struct store *s, const char *owner, time_t real_now, time_t lease_until,
                      int chunk_rows, struct job_chunk *out, struct job *job)
{
    struct chunk_claim_call c = {owner, real_now, lease_until, chunk_rows, out, job};

    return store_tx(s, chunk_claim_tx, &c);
}

int store_chunk_take_over(struct store *s, const struct job_chunk *c, const char *dead_owner,
                          const char *owner, time_t lease_until, struct job *job)
{
    struct sbind in;
    uint64_t affected = 0;

    sb_init(&in);
    sb_str(&in, owner);
    sb_i64(&in, lease_until);
    sb_i64(&in, c->job_id);
    sb_i64(&in, c->chunk_no);
    sb_str(&in, dead_owner);
    if (db_exec(s, "chunk.take_over",
                "UPDATE job_chunks SET owner = ?, lease_until = ? WHERE job_id = ? AND chunk_no = ?"
                " AND owner = ? AND done = 0", &in, &affected, NULL) != 0)
        return STORE_ERR;
    if (!affected)
        return STORE_NOTFOUND;
    return job_by_id_any(s, c->job_id, job);
}

int store_chunk_live_owners(struct store *s, time_t real_now, struct job_chunk *out,
                            char (*owners)[129], size_t max, size_t *n)
{
    struct sbind in, res;
    struct job_chunk c;
    char owner[129];
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    memset(&c, 0, sizeof c);
    sb_init(&in);
    sb_i64(&in, real_now);
    sb_init(&res);
    sb_out_i64(&res, &c.job_id);
    sb_out_int(&res, &c.chunk_no);
    sb_out_long(&res, &c.first_line);
    sb_out_long(&res, &c.last_line);
    sb_out_str(&res, owner, sizeof owner);
    rc = db_query(s, "chunk.live_owners",
        "SELECT job_id, chunk_no, first_line, last_line, owner FROM job_chunks"
        " WHERE done = 0 AND lease_until >= ? AND owner IS NOT NULL ORDER BY job_id, chunk_no",
        &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "chunk.live_owners", st, &res)) == 0)
        if (*n < max) {
            out[*n] = c;
            memcpy(owners[*n], owner, sizeof owner);
            (*n)++;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_chunk_hold(struct store *s, const struct job_chunk *c, const char *owner,
                     int *cancelled)
{
    struct sbind in, res;
    char cur[129];
    int done = 0, rc;

    *cancelled = 0;
    sb_init(&in);
    sb_i64(&in, c->job_id);
    sb_i64(&in, c->chunk_no);
    sb_init(&res);
    sb_out_str(&res, cur, sizeof cur);
    sb_out_int(&res, &done);
    rc = db_query_one(s, "chunk.hold",
        "SELECT COALESCE(owner, ''), done FROM job_chunks WHERE job_id = ? AND chunk_no = ?"
        " FOR UPDATE", &in, &res);
    if (rc != 0)
        return rc;
    if (done || strcmp(cur, owner) != 0)
        return STORE_NOTFOUND;
    sb_init(&in);
    sb_i64(&in, c->job_id);
    sb_init(&res);
    sb_out_int(&res, cancelled);
    return db_query_one(s, "chunk.job", "SELECT cancelled FROM jobs WHERE id = ? AND done = 0",
                        &in, &res);
}

int store_chunk_rows(struct store *s, const struct job_chunk *c, struct job_row *out,
                     size_t max, size_t *n)
{
    struct sbind in, res;
    struct job_row *row = calloc(1, sizeof *row);
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    if (!row) {
        db_fail(s, "chunk.rows", "out of memory");
        return STORE_ERR;
    }
    row_bind(&res, row);
    sb_init(&in);
    sb_i64(&in, c->job_id);
    sb_i64(&in, c->first_line);
    sb_i64(&in, c->last_line);
    sb_i64(&in, (long long)max);
    rc = db_query(s, "chunk.rows",
        "SELECT " ROW_COLS " FROM job_rows WHERE job_id = ? AND line_no BETWEEN ? AND ?"
        " AND status = 'pending' ORDER BY line_no LIMIT ? FOR UPDATE", &in, &res, &st);
    if (rc == 0) {
        while ((rc = db_fetch(s, "chunk.rows", st, &res)) == 0)
            if (*n < max)
                out[(*n)++] = *row;
        db_done(st);
        if (rc == STORE_NOTFOUND)
            rc = 0;
    }
    free(row);
    return rc;
}

int store_chunk_progress(struct store *s, const struct job_chunk *c, int done,
                         time_t lease_until)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, done ? 1 : 0);
    sb_i64(&in, lease_until);
    sb_i64(&in, c->job_id);
    sb_i64(&in, c->chunk_no);
    return db_exec(s, "chunk.progress",
        "UPDATE job_chunks SET done = ?, lease_until = ? WHERE job_id = ? AND chunk_no = ?",
        &in, NULL, NULL);
}

int store_chunk_release(struct store *s, const struct job_chunk *c, const char *owner)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, c->job_id);
    sb_i64(&in, c->chunk_no);
    sb_str(&in, owner);
    return db_exec(s, "chunk.release",
        "UPDATE job_chunks SET owner = NULL, lease_until = NULL WHERE job_id = ? AND chunk_no = ?"
        " AND owner = ? AND done = 0", &in, NULL, NULL);
}

int store_job_progress_cache(struct store *s, int64_t job_id)
{
    struct sbind in, res;
    long pending = 0;

    sb_init(&in);
    sb_i64(&in, job_id);
    sb_init(&res);
    sb_out_long(&res, &pending);
    /* a plain read, then the write: no lock on the rows other workers hold */
    if (db_query_one(s, "job.pending_count",
                     "SELECT COUNT(*) FROM job_rows WHERE job_id = ? AND status = 'pending'",
                     &in, &res) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, pending);
    sb_i64(&in, job_id);
    return db_exec(s, "job.progress_cache",
        "UPDATE jobs SET processed = GREATEST(processed, total - ?) WHERE id = ? AND done = 0",
        &in, NULL, NULL);
}

int store_jobs_finishable(struct store *s, int64_t *ids, int64_t *unit_ids, size_t max,
                          size_t *n)
{
    struct sbind in, res;
    int64_t id = 0, unit_id = 0;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    sb_init(&in);
    sb_i64(&in, (long long)max);
    sb_init(&res);
    sb_out_i64(&res, &id);
    sb_out_i64(&res, &unit_id);
    rc = db_query(s, "jobs.finishable",
        "SELECT j.id, j.unit_id FROM jobs j WHERE j.done = 0 AND j.chunked = 1 AND NOT EXISTS"
        " (SELECT 1 FROM job_chunks c WHERE c.job_id = j.id AND c.done = 0)"
        " ORDER BY j.created_at, j.id LIMIT ?", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "jobs.finishable", st, &res)) == 0)
        if (*n < max) {
            unit_ids[*n] = unit_id;
            ids[(*n)++] = id;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_job_finish_lock(struct store *s, int64_t job_id)
{
    struct sbind in, res;
    int left = 0, rc;

    sb_init(&in);
    sb_i64(&in, job_id);
    sb_init(&res);
    sb_out_int(&res, &left);
    rc = db_query_one(s, "job.finish_lock",
        "SELECT chunked FROM jobs WHERE id = ? AND done = 0 FOR UPDATE", &in, &res);
    if (rc != 0)
        return rc;
    if (!left)
        return STORE_NOTFOUND;
    sb_init(&in);
    sb_i64(&in, job_id);
    sb_init(&res);
    sb_out_int(&res, &left);
    rc = db_query_one(s, "job.chunks_left",
        "SELECT EXISTS (SELECT 1 FROM job_chunks WHERE job_id = ? AND done = 0)", &in, &res);
    if (rc != 0)
        return rc;
    return left ? STORE_NOTFOUND : 0;
}
