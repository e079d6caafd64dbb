/* job — one batch job of the worker: its rows in chunks, one transaction a
 * chunk (see main.c for the design). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "worker.h"
#include "store/check.h"
#include "store/enrol.h"
#include "rules/rules.h"
#include "rules/enrolment.h"

/* ---- one chunk ------------------------------------------------------------ */

enum chunk_rc { CHUNK_PROGRESS, CHUNK_DONE, CHUNK_LOST, CHUNK_ERR, CHUNK_STOPPED };

/* Per chunk: its rows, and their results (written in one go at its end). */
struct chunk_buf {
    struct job_row *rows;
    struct job_row_result *res;
    char (*msg)[MSG_TEXT_MAX];
};

/* One transaction over up to `max` pending rows of the claimed chunk: holds
 * the chunk (still this worker's, not done, the job neither deleted nor
 * cancelled), applies the rows, writes their statuses, renews the chunk's
 * lease and marks it done when its last row is written. `force_fail`: the
 * first pending row is marked failed (系统繁忙) without being applied. */
static enum chunk_rc run_chunk_once(struct worker *w, struct job *job, const struct unit *u,
                                    const struct job_chunk *chunk, struct chunk_buf *cb,
                                    size_t max, int force_fail)
{
    struct job_row *rows = cb->rows;
    size_t n = 0, i;
    long failed = 0;
    int cancelled = 0, rc, chunk_done;
    char operator_name[STORE_OPERATOR_MAX];

    /* READ COMMITTED: the chunks of two workers insert persons with IDs next
     * to each other; under REPEATABLE READ the gap locks of their lookups
     * deadlock them (store.h) */
    if (store_begin_read_committed(w->db) != 0)
        return CHUNK_ERR;
    enrol_ref_reset(w->ref);
    rc = store_chunk_hold(w->db, chunk, w->owner, &cancelled);
    if (rc == STORE_NOTFOUND || (rc == 0 && cancelled)) {
        store_rollback(w->db);
        return CHUNK_LOST;
    }
    if (rc != 0 || store_chunk_rows(w->db, chunk, rows, max, &n) != 0)
        goto err;
    if (n > 0 && store_unit_operator(w->db, u, operator_name, sizeof operator_name) != 0)
        goto err;
    if (n == 0) {
        if (store_chunk_progress(w->db, chunk, 1, time(NULL) + w->lease_s) != 0 ||
            store_commit(w->db) != 0)
            goto err;
        return CHUNK_DONE;
    }
    if (force_fail) {
        snprintf(cb->msg[0], MSG_TEXT_MAX, "%s", msg_text(MSG_INTERNAL));
        cb->res[0] = (struct job_row_result){rows[0].line_no, 0, cb->msg[0]};
        i = 1;
        failed = 1;
    } else {
        /* the row work (chunk.c): set-based, the rows done in order */
        rc = chunk_apply(w, job, u, operator_name, rows, n, cb->res, cb->msg, &failed);
        if (rc < 0)
            goto err;
        i = (size_t)rc;
    }
    (void)failed;    /* the pages count the failed rows */
    if (i == 0) {
        store_rollback(w->db);
        return CHUNK_STOPPED;
    }
    /* rows are read in line order: the chunk is done when its last line is */
    chunk_done = i == n && rows[n - 1].line_no >= chunk->last_line;
    if (store_job_rows_finish(w->db, job->id, cb->res, i) != 0 ||
        store_chunk_progress(w->db, chunk, chunk_done, time(NULL) + w->lease_s) != 0 ||
        store_commit(w->db) != 0)
        goto err;
    if (stop_flag && !chunk_done)
        return CHUNK_STOPPED;
    return chunk_done ? CHUNK_DONE : CHUNK_PROGRESS;
err:
    store_rollback(w->db);
    return CHUNK_ERR;
}

/* run_chunk_once through store_tx: the chunk again from its start on a
 * certification conflict (1213) or a server lost before COMMIT (then on the
 * next of Db.Hosts); its SELECT of pending rows makes a re-run exactly once. */
struct chunk_call {
    struct worker *w;
    struct job *job;
    const struct unit *u;
    const struct job_chunk *chunk;
    struct chunk_buf *cb;
    size_t max;
    int force_fail;
    enum chunk_rc rc;
};

static int chunk_tx(struct store *s, void *arg)
{
    struct chunk_call *k = arg;

    (void)s;    /* k->w->db */
    k->rc = run_chunk_once(k->w, k->job, k->u, k->chunk, k->cb, k->max, k->force_fail);
    return k->rc == CHUNK_ERR ? STORE_ERR : 0;
}

static enum chunk_rc run_chunk(struct worker *w, struct job *job, const struct unit *u,
                               const struct job_chunk *chunk, struct chunk_buf *cb, size_t max,
                               int force_fail)
{
    struct chunk_call k = {w, job, u, chunk, cb, max, force_fail, CHUNK_ERR};

    store_tx(w->db, chunk_tx, &k);
    return k.rc;
}

/* ---- one claimed chunk ---------------------------------------------------- */

void process_chunk(struct worker *w, struct job *job, const struct job_chunk *chunk)
{
    struct unit u;
    struct chunk_buf cb = {calloc((size_t)w->chunk, sizeof *cb.rows),
                           calloc((size_t)w->chunk, sizeof *cb.res),
                           calloc((size_t)w->chunk, sizeof *cb.msg)};
    int single = 0, errors = 0;

    if (!cb.rows || !cb.res || !cb.msg || store_unit_by_id(w->db, job->unit_id, &u) != 0 ||
        (strcmp(job->kind, JOB_KIND_ENROLL) != 0 && strcmp(job->kind, JOB_KIND_WAGES) != 0) ||
        job->start_ym < 0 ||
        (strcmp(job->kind, JOB_KIND_WAGES) == 0 &&
         store_wages_limits(w->db, ym_year(job->start_ym), &w->wage_limits) != 0)) {
        log_msg(LOG_WARN, "job %lld: cannot run it (unit, kind or parameters); chunk %d released",
                (long long)job->id, chunk->chunk_no);
        store_chunk_release(w->db, chunk, w->owner);
        goto out;
    }
    /* the job's rows are declared by the account that uploaded it (spec §7b) */
    store_set_actor(w->db, job->account_id, job->operator_name);
    for (;;) {
        enum chunk_rc rc;
        if (stop_flag) {
            store_chunk_release(w->db, chunk, w->owner);
            break;
        }
        /* a chunk holds at most Worker.ChunkRows pending rows of the worker that
         * cut it: this worker's buffer takes up to w->chunk at a time */
        rc = run_chunk(w, job, &u, chunk, &cb, single > 0 ? 1 : (size_t)w->chunk, errors >= 2);
        if (rc == CHUNK_PROGRESS) {
            if (single > 0)
                single--;
            errors = 0;
            continue;
        }
        if (rc == CHUNK_DONE) {
            logf_("job %lld: chunk %d (lines %ld-%ld) done", (long long)job->id, chunk->chunk_no,
                  chunk->first_line, chunk->last_line);
            /* best effort, at most once a second a process (a count of the
             * job's pending rows and an update of its row: the pages count
             * the rows themselves; the job's end makes it exact) */
            if (time(NULL) != w->last_progress) {
                w->last_progress = time(NULL);
                store_job_progress_cache(w->db, job->id);
            }
            break;
        }
        if (rc == CHUNK_LOST) {
            logf_("job %lld deleted, cancelled or its chunk %d taken over: stopped",
                  (long long)job->id, chunk->chunk_no);
            break;
        }
        if (rc == CHUNK_STOPPED) {
            store_chunk_release(w->db, chunk, w->owner);
            break;
        }
        /* CHUNK_ERR */
        if (store_ensure(w->db) != 0) {
            log_msg(LOG_WARN, "job %lld: database unavailable; waiting", (long long)job->id);
            nap(2000);
            continue;   /* the lease may run out meanwhile: then CHUNK_LOST */
        }
        if (single == 0) {
            single = w->chunk;   /* retry this chunk's rows one transaction each */
            continue;
        }
        errors++;
        if (errors >= 3) {
            log_msg(LOG_ERROR, "job %lld: giving up on a row after repeated errors", (long long)job->id);
            errors = 0;
        }
    }
    store_set_actor(w->db, 0, NULL);
out:
    free(cb.rows);
    free(cb.res);
    free(cb.msg);
}

/* ---- finishing ------------------------------------------------------------- */

struct finish_call {
    struct worker *w;
    int64_t job_id;
};

/* One transaction: the job row locked, no chunk left, the summary written. */
static int finish_once(struct store *s, void *arg)
{
    struct worker *w = ((struct finish_call *)arg)->w;
    int64_t job_id = ((struct finish_call *)arg)->job_id;
    long pending = 0, okn = 0, failed = 0;
    char summary[MSG_TEXT_MAX] = "";
    struct portal_dt business_now;
    int rc;

    if (store_begin_read_committed(s) != 0)
        return STORE_ERR;
    rc = store_job_finish_lock(s, job_id);
    if (rc != 0) {
        store_rollback(s);
        return rc;
    }
    if (store_job_counts(s, job_id, &pending, &okn, &failed) != 0)
        goto err;
    if (failed > 0)
        msg_format(summary, sizeof summary, MSG_JOB_ROWS_FAILED, (int)failed);
    conf_business_now(&w->cfg, &business_now);   /* 完成时间, as the pages show time */
    if (store_job_finish(s, job_id, time(NULL), &business_now, summary) != 0 ||
        store_commit(s) != 0)
        goto err;
    logf_("job %lld done: %ld rows, %ld ok, %ld failed", (long long)job_id, okn + failed, okn,
          failed);
    return 0;
err:
    store_rollback(s);
    return STORE_ERR;
}

void finish_jobs(struct worker *w)
{
    int64_t ids[8], units[8];
    size_t k = 0;

    if (store_jobs_finishable(w->db, ids, units, 8, &k) != 0)
        return;
    for (size_t i = 0; i < k; i++) {
        struct finish_call arg = {w, ids[i]};
        struct portal_dt biz;
        /* the last chunk's worker, or any worker that sees it first: once (the
         * job row locked, or on Galera the second commit fails certification
         * and store_tx finds it done) */
        if (store_tx(w->db, finish_once, &arg) != 0)
            continue;
        conf_business_now(&w->cfg, &biz);
        store_todo_refresh(w->db, units[i], &biz, time(NULL));
    }
}
