/*
 * portal-worker — the batch worker daemon (spec §8).
 *
 *   portal-worker [--conf FILE] [--once] [--host NAME]
 *
 * Loop: claim a chunk of a job's rows (SELECT ... FOR UPDATE SKIP LOCKED in a
 * short transaction recording owner "host:pid" and a lease of
 * Worker.LeaseSeconds, 60, on the chunk; the first claim of a job cuts it into
 * chunks of Worker.ChunkRows pending rows, store/jobs.h), process it, claim
 * the next; several workers (on several hosts) share one job that way. The
 * job is finished exactly once, when no chunk is left (finish_jobs).
 * --once: process what is claimable, then exit. --host: the host part of
 * the owner name instead of gethostname() (two "hosts" on one machine).
 *
 * Exactly once: a chunk is ONE transaction that locks the chunk row (checking
 * this worker still owns it and the job is not deleted), locks its pending
 * rows, applies them (chunk.c: the rows of 批量增员申报 set-based,
 * store_enrol_batch — a fixed number of statements per chunk; 工资年度申报
 * row by row) and writes the rows' statuses and the chunk's done mark; the
 * job row is not locked, so the workers of one job do not wait for each
 * other (its processed figure is counted from the rows,
 * store_job_progress_cache).
 * A crash (kill -9) rolls the chunk back as a whole; a database error in a
 * chunk rolls it back and its rows are retried one transaction each, a row
 * that still fails on a healthy database is marked failed (系统繁忙).
 * Takeover: a lease that ran out lets any worker claim the chunk; a chunk
 * (or an export) owned by a dead process of this host (kill(pid, 0) ==
 * ESRCH) is taken over at once, so a restarted worker continues without
 * waiting for the lease.
 * Rows are judged at the job's as_of (the business time of the upload).
 * The reference data (types, limits, rates) is read once per chunk
 * transaction (struct enrol_ref, reset after every store_begin).
 * SIGTERM/SIGINT: the current chunk is finished (批量增员申报: the whole
 * chunk, applied at once; 工资年度申报: up to the current row) and committed,
 * the chunk's claim released, and the worker exits 0.
 * Export jobs (export.c) run from a fresh snapshot each time they are
 * claimed or taken over: the partial file of a dead worker is dropped.
 * Purge: every minute, jobs done more than 24 hours ago (real clock) are
 * deleted with their rows and files.
 * Worker.Processes = N > 1 (not with --once): the process forks N claiming
 * processes, each with its own connection and owner "host:pid", so the
 * chunks of one job run N at a time on this host; it restarts one that
 * exits (after 1 s, as the stack's supervisor does), forwards SIGTERM/SIGINT
 * to them and waits for them. Each dies with it (PR_SET_PDEATHSIG SIGKILL):
 * a kill -9 of the master is a crash of every process, and the next
 * master's processes take their chunks over at once (dead owners of this
 * host). Only the first purges and refreshes 本期待办 while idle.
 */
#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
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

/* Whether owner ("host:pid") is a dead process of this host. */
static int owner_dead_here(const struct worker *w, const char *owner)
{
    size_t hl = strlen(w->host);
    char *end;
    long pid;

    if (strncmp(owner, w->host, hl) != 0 || owner[hl] != ':' || strcmp(owner, w->owner) == 0)
        return 0;
    pid = strtol(owner + hl + 1, &end, 10);
    if (*end || pid <= 0)
        return 0;
    return pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH);
}

/* Export jobs owned by dead workers of this host are taken over at once. */
static int take_over_dead(struct worker *w, struct job *job)
{
    int64_t ids[MAX_LIVE];
    char owners[MAX_LIVE][129];
    size_t n = 0;
    time_t now = time(NULL);

    if (store_job_live_owners(w->db, now, ids, owners, MAX_LIVE, &n) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!owner_dead_here(w, owners[i]))
            continue;
        if (store_job_take_over(w->db, ids[i], owners[i], w->owner, now + w->lease_s, job) == 0) {
            logf_("job %lld: owner %s is dead, taken over", (long long)ids[i], owners[i]);
            return 1;
        }
    }
    return 0;
}

/* Chunks held by dead workers of this host are taken over at once (a chunk
 * of a worker of another host, after its lease). */
static int take_over_dead_chunk(struct worker *w, struct job_chunk *chunk, struct job *job)
{
    struct job_chunk live[MAX_LIVE];
    char owners[MAX_LIVE][129];
    size_t n = 0;
    time_t now = time(NULL);

    if (store_chunk_live_owners(w->db, now, live, owners, MAX_LIVE, &n) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!owner_dead_here(w, owners[i]))
            continue;
        if (store_chunk_take_over(w->db, &live[i], owners[i], w->owner, now + w->lease_s,
                                  job) == 0) {
            *chunk = live[i];
            logf_("job %lld chunk %d: owner %s is dead, taken over", (long long)live[i].job_id,
                  live[i].chunk_no, owners[i]);
            return 1;
        }
    }
    return 0;
}

static void purge(struct worker *w)
{
    time_t now = time(NULL);
    long deleted = 0, total = 0;

    if (w->index > 0 || now - w->last_purge < 60)
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

    if (w->index > 0 || (now - w->last_todo < 5 && w->todo_units < 0))
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
    fputs("用法: portal-worker [--conf FILE] [--once] [--host NAME]\n"
          "  批量任务后台处理程序(spec §8)。--once: 处理完当前可领取的任务后退出。\n"
          "  --host: 认领记录中的主机名(默认为本机主机名)。\n", f);
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
        else if (strcmp(argv[i], "--host") == 0 && i + 1 < argc && argv[i + 1][0])
            snprintf(w->host, sizeof w->host, "%s", argv[++i]);
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
    if (!w->host[0] && gethostname(w->host, sizeof w->host) != 0)
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

/* Claims and runs exports and chunks until told to stop (or, with --once,
 * until none is left). An export first (a clerk waits for it), then a chunk
 * of the oldest job of rows; between two chunks the jobs with none left are
 * finished. */
static void run(struct worker *w)
{
    int rc;

    while (!stop_flag) {
        struct job job;
        struct job_chunk chunk;
        time_t now;
        if (store_ensure(w->db) != 0) {
            nap(2000);
            continue;
        }
        purge(w);
        finish_jobs(w);
        now = time(NULL);
        rc = store_job_claim(w->db, w->owner, now, now + w->lease_s, &job);
        if (rc == STORE_NOTFOUND && take_over_dead(w, &job))
            rc = 0;
        if (rc == 0) {
            struct portal_dt biz;
            process_export(w, &job);
            conf_business_now(&w->cfg, &biz);
            store_todo_refresh(w->db, job.unit_id, &biz, time(NULL));
            continue;
        }
        if (rc == STORE_NOTFOUND) {
            rc = store_chunk_claim(w->db, w->owner, now, now + w->lease_s, w->chunk, &chunk, &job);
            if (rc == STORE_NOTFOUND && take_over_dead_chunk(w, &chunk, &job))
                rc = 0;
            if (rc == 0) {
                process_chunk(w, &job, &chunk);
                continue;
            }
        }
        if (w->once)
            break;
        if (rc == STORE_NOTFOUND && todo(w))
            continue;            /* more units to refresh: no nap, but jobs first */
        nap(rc == STORE_NOTFOUND ? IDLE_POLL_MS : 2000);
    }
    if (w->once && !stop_flag)
        finish_jobs(w);
}

/* One claiming process: its connection, then the loop. The exit status. */
static int serve(struct worker *w)
{
    while (!stop_flag && store_open(&w->db, &w->cfg.db) != 0) {
        if (w->once)
            return 1;
        nap(2000);
    }
    if (!stop_flag) {
        /* on a Galera cluster: ROW binlog, InnoDB tables with primary keys */
        char why[1024];
        if (store_galera_check(w->db, why, sizeof why) == 1) {
            log_msg(LOG_ERROR, "the database does not meet Galera's needs: %s", why);
            return 1;
        }
    }
    if (!stop_flag) {
        logf_("started as %s (lease %ds, chunks of %d rows)", w->owner, w->lease_s, w->chunk);
        run(w);
        logf_("stopping");
    }
    return 0;
}

/* A claiming process number `index`: its pid, or -1. */
static pid_t spawn(struct worker *w, int index)
{
    pid_t master = getpid(), pid = fork();
    int rc;

    if (pid != 0)
        return pid;
    /* the child: dies with the master (a kill -9 of it is a crash of all) */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != master)
        _exit(1);
    w->index = index;
    snprintf(w->owner, sizeof w->owner, "%s:%ld", w->host, (long)getpid());
    rc = serve(w);
    worker_free(w);
    _exit(rc);
}

/* Worker.Processes > 1: the master keeps n claiming processes running until
 * told to stop, then stops them (SIGTERM: each finishes its chunk). */
static int supervise(struct worker *w, int n)
{
    pid_t kids[CONF_MAX_WORKER_PROCESSES];
    int left = 0, forwarded = 0;

    logf_("master of %d claiming processes", n);
    for (int i = 0; i < n; i++) {
        kids[i] = spawn(w, i);
        if (kids[i] > 0)
            left++;
        else
            log_msg(LOG_ERROR, "fork: %s", strerror(errno));
    }
    /* polled (WNOHANG, then a nap a signal cuts short): a SIGTERM that comes
     * between a look at stop_flag and a blocking wait is not lost */
    while (left > 0) {
        int st, i;
        pid_t pid;
        if (stop_flag && !forwarded) {
            for (i = 0; i < n; i++)
                if (kids[i] > 0)
                    kill(kids[i], SIGTERM);
            forwarded = 1;
        }
        pid = waitpid(-1, &st, WNOHANG);
        if (pid < 0 && errno != EINTR)
            break;
        if (pid <= 0) {
            struct timespec ts = {0, 200 * 1000000L};
            nanosleep(&ts, NULL);
            continue;
        }
        for (i = 0; i < n && kids[i] != pid; i++)
            ;
        if (i == n)
            continue;
        kids[i] = -1;
        left--;
        if (stop_flag)
            continue;
        if (WIFSIGNALED(st))
            log_msg(LOG_WARN, "claiming process %ld killed by signal %d; restarting in 1s",
                    (long)pid, WTERMSIG(st));
        else
            log_msg(LOG_WARN, "claiming process %ld exited with status %d; restarting in 1s",
                    (long)pid, WEXITSTATUS(st));
        nap(1000);
        if (stop_flag)
            continue;
        kids[i] = spawn(w, i);
        if (kids[i] > 0)
            left++;
    }
    logf_("stopping");
    return 0;
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
    if (w.cfg.worker.processes > 1 && !w.once)
        rc = supervise(&w, w.cfg.worker.processes);
    else
        rc = serve(&w);
    worker_free(&w);
    return rc;
}
