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
 * this worker still owns it), locks its pending rows, applies them (chunk.c:
 * the rows of 批量增员申报 set-based, store_enrol_batch — a fixed number of
 * statements per chunk; 工资年度申报 row by row) and writes the rows'
 * statuses and the job's progress.
 * A crash (kill -9) rolls the chunk back as a whole; a database error in a
 * chunk rolls it back and its rows are retried one transaction each, a row
 * that still fails on a healthy database is marked failed (系统繁忙).
 * Takeover: a lease that ran out lets any worker claim the job; a job owned
 * by a dead process of this host (kill(pid, 0) == ESRCH) is taken over at
 * once, so a restarted worker continues without waiting for the lease.
 * Rows are judged at the job's as_of (the business time of the upload).
 * The reference data (types, limits, rates) is read once per chunk
 * transaction (struct enrol_ref, reset after every store_begin).
 * SIGTERM/SIGINT: the current chunk is finished (批量增员申报: the whole
 * chunk, applied at once; 工资年度申报: up to the current row) and committed,
 * the claim released, and the worker exits 0.
 * Export jobs (export.c) run from a fresh snapshot each time they are
 * claimed or taken over: the partial file of a dead worker is dropped.
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
#include "worker.h"
#include "store/check.h"
#include "store/enrol.h"

#define MAX_LIVE 64
/* Idle: how long before looking for a job again. An export is waited for by
 * its clerk: a job is picked up within 0.1 s (one indexed query each time). */
#define IDLE_POLL_MS 100

volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(LOG_INFO, fmt, ap);
    va_end(ap);
}

void nap(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    if (!stop_flag)
        nanosleep(&ts, NULL);
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

/* 本期待办 and 基础信息核查 (store/check.h), only while no job waits: the units
 * marked dirty by a change every few seconds, TODO_SLICE at a time; every unit
 * when the business day changes (and at start: first the statutory retirement
 * months of persons written by hand), TODO_SLICE units a turn, so a job waits
 * for one slice at most. Returns 1 while more is to do. */
#define TODO_SLICE 10
static int todo(struct worker *w)
{
    time_t now = time(NULL);
    struct portal_dt biz;

    if (now - w->last_todo < 5 && w->todo_units < 0)
        return 0;
    w->last_todo = now;
    conf_business_now(&w->cfg, &biz);
    if (biz.d != w->todo_day) {
        if (store_persons_fill_retire(w->db, 0) != 0)
            return 0;
        w->todo_day = biz.d;
        w->todo_units = 0;          /* every unit, from the first */
    }
    if (w->todo_units >= 0) {
        if (store_todo_refresh_units(w->db, &w->todo_units, TODO_SLICE, &biz, now) != 0)
            return 0;
        if (w->todo_units < 0)
            logf_("本期待办 refreshed for every unit");
        return w->todo_units >= 0;
    }
    store_todo_refresh_dirty(w->db, TODO_SLICE, &biz, now);
    return 0;
}

static int usage(FILE *f)
{
    fputs("用法: portal-worker [--conf FILE] [--once]\n"
          "  批量任务后台处理程序(spec §8)。--once: 处理完当前可领取的任务后退出。\n", f);
    return f == stdout ? 0 : 2;
}

/* Options into *w and *conf_path; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct worker *w, const char **conf_path)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conf") == 0 && i + 1 < argc)
            *conf_path = argv[++i];
        else if (strncmp(argv[i], "--conf=", 7) == 0)
            *conf_path = argv[i] + 7;
        else if (strcmp(argv[i], "--once") == 0)
            w->once = 1;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout);
        else
            return usage(stderr);
    }
    return -1;
}

static void on_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;   /* no SA_RESTART: a sleep ends at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Configuration, reference-data cache and owner name. 0, or -1 (logged). */
static int worker_init(struct worker *w, const char *conf_path)
{
    if (conf_load(&w->cfg, conf_path) != 0)
        return -1;
    if (enrol_ref_new(&w->ref) != 0) {
        conf_free(&w->cfg);
        return -1;
    }
    w->lease_s = w->cfg.worker.lease_seconds;
    w->chunk = w->cfg.worker.chunk_rows;
    if (gethostname(w->host, sizeof w->host) != 0)
        snprintf(w->host, sizeof w->host, "localhost");
    w->host[sizeof w->host - 1] = '\0';
    snprintf(w->owner, sizeof w->owner, "%s:%ld", w->host, (long)getpid());
    return 0;
}

static void worker_free(struct worker *w)
{
    store_close(&w->db);
    store_close(&w->out);
    enrol_ref_free(&w->ref);
    conf_free(&w->cfg);
}

/* Claims and runs jobs until told to stop (or, with --once, until none is left). */
static void run(struct worker *w)
{
    int rc;

    while (!stop_flag) {
        struct job job;
        if (store_ensure(w->db) != 0) {
            nap(2000);
            continue;
        }
        purge(w);
        rc = store_job_claim(w->db, w->owner, time(NULL), time(NULL) + w->lease_s, &job);
        if (rc == STORE_NOTFOUND && take_over_dead(w, &job))
            rc = 0;
        if (rc == 0) {
            if (strcmp(job.kind, JOB_KIND_EXPORT) == 0)
                process_export(w, &job);
            else
                process_job(w, &job);
            {
                struct portal_dt biz;
                conf_business_now(&w->cfg, &biz);
                store_todo_refresh(w->db, job.unit_id, &biz, time(NULL));
            }
            continue;
        }
        if (w->once)
            break;
        if (rc == STORE_NOTFOUND && todo(w))
            continue;            /* more units to refresh: no nap, but jobs first */
        nap(rc == STORE_NOTFOUND ? IDLE_POLL_MS : 2000);
    }
}

int main(int argc, char **argv)
{
    struct worker w;
    const char *conf_path = NULL;
    int rc;

    memset(&w, 0, sizeof w);
    setenv("TZ", "Asia/Shanghai", 0);
    tzset();
    log_init("portal-worker");
    if ((rc = parse_args(argc, argv, &w, &conf_path)) >= 0)
        return rc;
    on_signals();
    if (worker_init(&w, conf_path) != 0)
        return 1;
    while (!stop_flag && store_open(&w.db, &w.cfg.db) != 0) {
        if (w.once) {
            worker_free(&w);
            return 1;
        }
        nap(2000);
    }
    if (!stop_flag) {
        /* on a Galera cluster: ROW binlog, InnoDB tables with primary keys */
        char why[1024];
        if (store_galera_check(w.db, why, sizeof why) == 1) {
            log_msg(LOG_ERROR, "the database does not meet Galera's needs: %s", why);
            worker_free(&w);
            return 1;
        }
    }
    if (!stop_flag) {
        logf_("started as %s (lease %ds, chunks of %d rows)", w.owner, w.lease_s, w.chunk);
        run(&w);
        logf_("stopping");
    }
    worker_free(&w);
    return 0;
}
