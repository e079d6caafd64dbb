/* job — one batch job of the worker: its rows in chunks, one transaction a
 * chunk (see main.c for the design). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "worker.h"
#include "store/enrol.h"
#include "rules/rules.h"
#include "rules/enrolment.h"

/* ---- one chunk ------------------------------------------------------------ */

enum chunk_rc { CHUNK_PROGRESS, CHUNK_DONE, CHUNK_LOST, CHUNK_ERR, CHUNK_STOPPED };

static enum chunk_rc finish_job(struct worker *w, struct job *job)
{
    long pending = 0, okn = 0, failed = 0;
    char summary[MSG_TEXT_MAX] = "";
    struct portal_dt business_now;

    if (store_job_counts(w->db, job->id, &pending, &okn, &failed) != 0)
        return CHUNK_ERR;
    if (failed > 0)
        msg_format(summary, sizeof summary, MSG_JOB_ROWS_FAILED, (int)failed);
    conf_business_now(&w->cfg, &business_now);   /* 完成时间, as the pages show time */
    if (store_job_finish(w->db, job->id, time(NULL), &business_now, summary) != 0)
        return CHUNK_ERR;
    logf_("job %lld done: %ld rows, %ld ok, %ld failed", (long long)job->id,
          okn + failed, okn, failed);
    return CHUNK_DONE;
}

/* Per chunk: its rows, and their results (written in one go at its end). */
struct chunk_buf {
    struct job_row *rows;
    struct job_row_result *res;
    char (*msg)[MSG_TEXT_MAX];
};

/* One transaction over up to `max` pending rows. `force_fail`: the first
 * pending row is marked failed (系统繁忙) without being applied. */
static enum chunk_rc run_chunk_once(struct worker *w, struct job *job, const struct unit *u,
                                    struct chunk_buf *cb, size_t max, int force_fail)
{
    struct job_row *rows = cb->rows;
    size_t n = 0, i;
    long failed = 0;
    int cancelled = 0, rc;
    enum chunk_rc ret;
    char operator_name[STORE_OPERATOR_MAX];

    if (store_begin(w->db) != 0)
        return CHUNK_ERR;
    enrol_ref_reset(w->ref);
    rc = store_job_lock_owned(w->db, job->id, w->owner, &cancelled);
    if (rc == STORE_NOTFOUND || (rc == 0 && cancelled)) {
        store_rollback(w->db);
        return CHUNK_LOST;
    }
    if (rc != 0 || store_job_pending_rows(w->db, job->id, rows, max, &n) != 0)
        goto err;
    if (n > 0 && store_unit_operator(w->db, u, operator_name, sizeof operator_name) != 0)
        goto err;
    if (n == 0) {
        ret = finish_job(w, job);
        if (ret != CHUNK_DONE || store_commit(w->db) != 0)
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
    if (i == 0) {
        store_rollback(w->db);
        return CHUNK_STOPPED;
    }
    if (store_job_rows_finish(w->db, job->id, cb->res, i) != 0 ||
        store_job_progress(w->db, job->id, (long)i, failed, time(NULL) + w->lease_s) != 0 ||
        store_commit(w->db) != 0)
        goto err;
    return stop_flag ? CHUNK_STOPPED : CHUNK_PROGRESS;
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
    struct chunk_buf *cb;
    size_t max;
    int force_fail;
    enum chunk_rc rc;
};

static int chunk_tx(struct store *s, void *arg)
{
    struct chunk_call *k = arg;

    (void)s;    /* k->w->db */
    k->rc = run_chunk_once(k->w, k->job, k->u, k->cb, k->max, k->force_fail);
    return k->rc == CHUNK_ERR ? STORE_ERR : 0;
}

static enum chunk_rc run_chunk(struct worker *w, struct job *job, const struct unit *u,
                               struct chunk_buf *cb, size_t max, int force_fail)
{
    struct chunk_call k = {w, job, u, cb, max, force_fail, CHUNK_ERR};

    store_tx(w->db, chunk_tx, &k);
    return k.rc;
}

/* ---- one job ------------------------------------------------------------- */

void process_job(struct worker *w, struct job *job)
{
    struct unit u;
    struct chunk_buf cb = {calloc((size_t)w->chunk, sizeof *cb.rows),
                           calloc((size_t)w->chunk, sizeof *cb.res),
                           calloc((size_t)w->chunk, sizeof *cb.msg)};
    time_t t0 = time(NULL);
    long before = job->processed;
    int single = 0, errors = 0;

    logf_("job %lld claimed (%s, %ld/%ld rows processed)", (long long)job->id, job->kind,
          job->processed, job->total);
    if (!cb.rows || !cb.res || !cb.msg || store_unit_by_id(w->db, job->unit_id, &u) != 0 ||
        (strcmp(job->kind, JOB_KIND_ENROLL) != 0 && strcmp(job->kind, JOB_KIND_WAGES) != 0) ||
        job->start_ym < 0 ||
        (strcmp(job->kind, JOB_KIND_WAGES) == 0 &&
         store_wages_limits(w->db, ym_year(job->start_ym), &w->wage_limits) != 0)) {
        log_msg(LOG_WARN, "job %lld: cannot run it (unit, kind or parameters); released", (long long)job->id);
        store_job_release(w->db, job->id, w->owner);
        goto out;
    }
    /* the job's rows are declared by the account that uploaded it (spec §7b) */
    store_set_actor(w->db, job->account_id, job->operator_name);
    for (;;) {
        enum chunk_rc rc;
        if (stop_flag) {
            store_job_release(w->db, job->id, w->owner);
            break;
        }
        rc = run_chunk(w, job, &u, &cb, single > 0 ? 1 : (size_t)w->chunk, errors >= 2);
        if (rc == CHUNK_PROGRESS) {
            if (single > 0)
                single--;
            errors = 0;
            continue;
        }
        if (rc == CHUNK_DONE) {
            time_t dt = time(NULL) - t0;
            logf_("job %lld: %ld rows in %lds", (long long)job->id, job->total - before,
                  (long)dt);
            break;
        }
        if (rc == CHUNK_LOST) {
            logf_("job %lld deleted, cancelled or taken over: stopped", (long long)job->id);
            break;
        }
        if (rc == CHUNK_STOPPED) {
            store_job_release(w->db, job->id, w->owner);
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
