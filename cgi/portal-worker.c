/*
 * portal-worker — the batch worker daemon (spec §8).
 *
 *   portal-worker [--conf FILE] [--once]
 *
 * Loop: claim a job (SELECT ... FOR UPDATE SKIP LOCKED in a short transaction
 * recording owner "host:pid" and a lease of Worker.LeaseSeconds, 60), process
 * its pending rows in chunks, renew the lease with every chunk, mark it done.
 * --once: process what is claimable, then exit.
 *
 * Exactly once: a chunk is ONE transaction that locks the job row (checking
 * this worker still owns it), locks its pending rows, applies each row
 * (store_enrol_in_tx) and writes each row's status and the job's progress.
 * A crash (kill -9) rolls the chunk back as a whole; a database error in a
 * chunk rolls it back and its rows are retried one transaction each, a row
 * that still fails on a healthy database is marked failed (系统繁忙).
 * Takeover: a lease that ran out lets any worker claim the job; a job owned
 * by a dead process of this host (kill(pid, 0) == ESRCH) is taken over at
 * once, so a restarted worker continues without waiting for the lease.
 * Rows are judged at the job's as_of (the business time of the upload).
 * The reference data (types, limits, rates) is read once per chunk
 * transaction (struct enrol_ref, reset after every store_begin).
 * SIGTERM/SIGINT: the current row is finished, its chunk committed, the claim
 * released, and the worker exits 0.
 * Purge: every minute, jobs done more than 24 hours ago (real clock) are
 * deleted with their rows and files.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "web/conf.h"
#include "store/jobs.h"
#include "store/enrol.h"
#include "rules/rules.h"
#include "rules/enrolment.h"

#define MAX_LIVE 64

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

struct worker {
    HDF *conf;
    struct store *db;
    struct enrol_ref *ref;    /* reference data of the current chunk's transaction */
    struct policy policy;
    char owner[129];
    char host[64];
    int lease_s;
    int chunk;
    int once;
    time_t last_purge;
};

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
    va_list ap;
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    char ts[32];
    gmtime_r(&t, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &tm);
    fprintf(stderr, "%s portal-worker[%ld]: ", ts, (long)getpid());
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Interruptible sleep (a signal ends it early). */
static void nap(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    if (!stop_flag)
        nanosleep(&ts, NULL);
}

/* ---- one row ------------------------------------------------------------ */

/* The single-person page's checks (cgi/enroll.c), then the operation.
 * *ok and msg are the row's result; returns STORE_ERR on a database error. */
static int process_row(struct worker *w, const struct job *job, const struct unit *u,
                       const struct job_row *row, int *ok, char *msg, size_t n)
{
    const char *id_no = row->cell[0], *name = row->cell[1], *wage = row->cell[2],
               *phone = row->cell[3];
    struct enrol_input in;
    struct enrol_result res;
    enum msg_id problem[ENROL_F__N];
    enum enrol_field bad;
    long long fen = 0;

    *ok = 0;
    bad = enrol_fields_check(id_no, name, phone, wage, &fen, problem);
    if (bad != ENROL_F__N) {
        msg_format(msg, n, problem[bad], enrol_field_label(bad));
        return 0;
    }

    memset(&in, 0, sizeof in);
    in.id_no = id_no;
    in.name = name;
    in.phone = phone;
    in.wage_fen = fen;
    in.start_ym = job->start_ym;
    in.civil_servant = job->civil_servant;
    if (store_enrol_in_tx_ref(w->db, w->ref, u, &in, &w->policy, &job->as_of, u->unit_no, job->id,
                              &res) != 0)
        return STORE_ERR;
    *ok = res.ok;
    snprintf(msg, n, "%s", res.text);
    return 0;
}

/* ---- one chunk ------------------------------------------------------------ */

enum chunk_rc { CHUNK_PROGRESS, CHUNK_DONE, CHUNK_LOST, CHUNK_ERR, CHUNK_STOPPED };

static enum chunk_rc finish_job(struct worker *w, struct job *job)
{
    long pending = 0, okn = 0, failed = 0;
    char summary[MSG_TEXT_MAX] = "";

    if (store_job_counts(w->db, job->id, &pending, &okn, &failed) != 0)
        return CHUNK_ERR;
    if (failed > 0)
        msg_format(summary, sizeof summary, MSG_JOB_ROWS_FAILED, (int)failed);
    if (store_job_finish(w->db, job->id, time(NULL), summary) != 0)
        return CHUNK_ERR;
    logf_("job %lld done: %ld rows, %ld ok, %ld failed", (long long)job->id,
          okn + failed, okn, failed);
    return CHUNK_DONE;
}

/* One transaction over up to `max` pending rows. `force_fail`: the first
 * pending row is marked failed (系统繁忙) without being applied. */
static enum chunk_rc run_chunk(struct worker *w, struct job *job, const struct unit *u,
                               struct job_row *rows, size_t max, int force_fail)
{
    size_t n = 0, i;
    long failed = 0;
    int cancelled = 0, rc;
    enum chunk_rc ret;
    char msg[MSG_TEXT_MAX];

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
    if (n == 0) {
        ret = finish_job(w, job);
        if (ret != CHUNK_DONE || store_commit(w->db) != 0)
            goto err;
        return CHUNK_DONE;
    }
    for (i = 0; i < n; i++) {
        int ok = 0;
        if (stop_flag)
            break;   /* the rows done so far are committed below */
        if (force_fail) {
            snprintf(msg, sizeof msg, "%s", msg_text(MSG_INTERNAL));
            n = 1;
        } else if (process_row(w, job, u, &rows[i], &ok, msg, sizeof msg) != 0) {
            goto err;
        }
        if (!ok)
            failed++;
        if (store_job_row_finish(w->db, job->id, rows[i].line_no, ok, msg) != 0)
            goto err;
    }
    if (i == 0) {
        store_rollback(w->db);
        return CHUNK_STOPPED;
    }
    if (store_job_progress(w->db, job->id, (long)i, failed, time(NULL) + w->lease_s) != 0 ||
        store_commit(w->db) != 0)
        goto err;
    return stop_flag ? CHUNK_STOPPED : CHUNK_PROGRESS;
err:
    store_rollback(w->db);
    return CHUNK_ERR;
}

/* ---- one job ------------------------------------------------------------- */

static void process_job(struct worker *w, struct job *job)
{
    struct unit u;
    struct job_row *rows = calloc((size_t)w->chunk, sizeof *rows);
    time_t t0 = time(NULL);
    long before = job->processed;
    int single = 0, errors = 0;

    logf_("job %lld claimed (%s, %ld/%ld rows processed)", (long long)job->id, job->kind,
          job->processed, job->total);
    if (!rows || store_unit_by_id(w->db, job->unit_id, &u) != 0 ||
        strcmp(job->kind, JOB_KIND_ENROLL) != 0 || job->start_ym < 0) {
        logf_("job %lld: cannot run it (unit, kind or parameters); released", (long long)job->id);
        store_job_release(w->db, job->id, w->owner);
        free(rows);
        return;
    }
    for (;;) {
        enum chunk_rc rc;
        if (stop_flag) {
            store_job_release(w->db, job->id, w->owner);
            break;
        }
        rc = run_chunk(w, job, &u, rows, single > 0 ? 1 : (size_t)w->chunk, errors >= 2);
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
            logf_("job %lld: database unavailable; waiting", (long long)job->id);
            nap(2000);
            continue;   /* the lease may run out meanwhile: then CHUNK_LOST */
        }
        if (single == 0) {
            single = w->chunk;   /* retry this chunk's rows one transaction each */
            continue;
        }
        errors++;
        if (errors >= 3) {
            logf_("job %lld: giving up on a row after repeated errors", (long long)job->id);
            errors = 0;
        }
    }
    free(rows);
}

/* Jobs owned by dead workers of this host are taken over at once. */
static int take_over_dead(struct worker *w, struct job *job)
{
    int64_t ids[MAX_LIVE];
    char owners[MAX_LIVE][129];
    size_t n = 0, hl = strlen(w->host);
    time_t now = time(NULL);

    if (store_job_live_owners(w->db, now, ids, owners, MAX_LIVE, &n) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char *end;
        long pid;
        if (strncmp(owners[i], w->host, hl) != 0 || owners[i][hl] != ':' ||
            strcmp(owners[i], w->owner) == 0)
            continue;
        pid = strtol(owners[i] + hl + 1, &end, 10);
        if (*end || pid <= 0)
            continue;
        if (pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
            continue;
        if (store_job_take_over(w->db, ids[i], owners[i], w->owner, now + w->lease_s, job) == 0) {
            logf_("job %lld: owner %s is dead, taken over", (long long)ids[i], owners[i]);
            return 1;
        }
    }
    return 0;
}

static void purge(struct worker *w)
{
    time_t now = time(NULL);
    long deleted = 0, total = 0;

    if (now - w->last_purge < 60)
        return;
    w->last_purge = now;
    do {
        if (store_jobs_purge(w->db, now - JOB_RETAIN_SECONDS, &deleted) != 0)
            return;
        total += deleted;
    } while (deleted > 0 && !stop_flag);
    if (total)
        logf_("purged %ld jobs done more than 24 hours ago", total);
}

static int usage(FILE *f)
{
    fputs("用法: portal-worker [--conf FILE] [--once]\n"
          "  批量任务后台处理程序(spec §8)。--once: 处理完当前可领取的任务后退出。\n", f);
    return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    struct worker w;
    const char *conf_path = NULL;
    struct sigaction sa;
    int rc;

    memset(&w, 0, sizeof w);
    setenv("TZ", "Asia/Shanghai", 0);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conf") == 0 && i + 1 < argc)
            conf_path = argv[++i];
        else if (strncmp(argv[i], "--conf=", 7) == 0)
            conf_path = argv[i] + 7;
        else if (strcmp(argv[i], "--once") == 0)
            w.once = 1;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout);
        else
            return usage(stderr);
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;   /* no SA_RESTART: a sleep ends at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (conf_load(&w.conf, conf_path) != 0)
        return 1;
    if (enrol_ref_new(&w.ref) != 0) {
        hdf_destroy(&w.conf);
        return 1;
    }
    conf_policy(w.conf, &w.policy);
    w.lease_s = hdf_get_int_value(w.conf, "Worker.LeaseSeconds", 60);
    w.chunk = hdf_get_int_value(w.conf, "Worker.ChunkRows", 200);
    if (w.lease_s < 5)
        w.lease_s = 5;
    if (w.chunk < 1 || w.chunk > 5000)
        w.chunk = 200;
    if (gethostname(w.host, sizeof w.host) != 0)
        snprintf(w.host, sizeof w.host, "localhost");
    w.host[sizeof w.host - 1] = '\0';
    snprintf(w.owner, sizeof w.owner, "%s:%ld", w.host, (long)getpid());

    while (!stop_flag && conf_open_store(w.conf, &w.db) != 0) {
        if (w.once) {
            enrol_ref_free(&w.ref);
            hdf_destroy(&w.conf);
            return 1;
        }
        nap(2000);
    }
    if (stop_flag) {
        store_close(&w.db);
        enrol_ref_free(&w.ref);
        hdf_destroy(&w.conf);
        return 0;
    }
    logf_("started as %s (lease %ds, chunks of %d rows)", w.owner, w.lease_s, w.chunk);

    while (!stop_flag) {
        struct job job;
        if (store_ensure(w.db) != 0) {
            nap(2000);
            continue;
        }
        purge(&w);
        rc = store_job_claim(w.db, JOB_KIND_ENROLL, w.owner, time(NULL), time(NULL) + w.lease_s,
                             &job);
        if (rc == STORE_NOTFOUND && take_over_dead(&w, &job))
            rc = 0;
        if (rc == 0) {
            process_job(&w, &job);
            continue;
        }
        if (w.once)
            break;
        nap(rc == STORE_NOTFOUND ? 500 : 2000);
    }
    logf_("stopping");
    store_close(&w.db);
    enrol_ref_free(&w.ref);
    hdf_destroy(&w.conf);
    return 0;
}
