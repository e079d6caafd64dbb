/* worker — what the files of the batch worker (cgi/worker/) share. */
#ifndef PORTAL_WORKER_H
#define PORTAL_WORKER_H
#include <signal.h>
#include <time.h>
#include "base/conf.h"
#include "base/log.h"
#include "store/jobs.h"
#include "store/wages.h"

/* Set by SIGTERM/SIGINT: finish the current chunk (a wage job's: row), commit,
 * release, exit. */
extern volatile sig_atomic_t stop_flag;

struct worker {
    struct portal_conf cfg;
    struct store *db;
    struct store *out;        /* an export's file is written here while db streams */
    struct enrol_ref *ref;    /* reference data of the current chunk's transaction */
    struct wage_limits wage_limits;   /* a wage job's year's limits (read at its claim) */
    char owner[129];          /* "host:pid" */
    char host[64];
    int lease_s;              /* Worker.LeaseSeconds */
    int chunk;                /* Worker.ChunkRows */
    int once;
    int index;                /* 0..Worker.Processes-1: only 0 purges and keeps 本期待办 */
    time_t last_purge;
    time_t last_progress;     /* the last update of a job's processed cache */
    time_t last_todo;         /* 本期待办: the last look for new declarations */
    int todo_day;             /* the business day of the last refresh of every unit */
    int64_t todo_units;       /* the daily refresh: the last unit done, -1 when none runs */
};

/* One INFO line on stderr (base/log.h: time, portal-worker[pid], level). */
void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Interruptible sleep (a signal ends it early). */
void nap(int ms);

/* Runs a claimed chunk of a job of rows until it is done, lost (the job
 * deleted or cancelled, the chunk taken over), or the worker is told to stop. */
void process_chunk(struct worker *w, struct job *job, const struct job_chunk *chunk);
/* Finishes the jobs of rows with no chunk left (each exactly once, whichever
 * worker comes first) and refreshes their units' 本期待办. */
void finish_jobs(struct worker *w);
/* The row work of one chunk (chunk.c), inside the caller's transaction:
 * rows[0..n) applied, res[i] and msg[i] their results, *failed how many
 * failed. Returns how many rows were done (the first ones: fewer than n only
 * for a 工资年度申报 chunk interrupted by stop_flag), or -1 on a database
 * error (the caller rolls back). */
struct job_row_result;
int chunk_apply(struct worker *w, const struct job *job, const struct unit *u,
                const char *operator_name, struct job_row *rows, size_t n,
                struct job_row_result *res, char (*msg)[MSG_TEXT_MAX], long *failed);
/* Runs a claimed export job (export.c): from a fresh snapshot to the file. */
void process_export(struct worker *w, struct job *job);

#endif
