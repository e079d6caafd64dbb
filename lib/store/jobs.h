/*
 * jobs — batch jobs and their rows (spec §8): persistence for the upload pages,
 * the job pages and the worker daemon (cgi/worker/).
 *
 * A job row records the unit, the kind (功能名称), when it was created and
 * completed on both clocks — the real clock (created_at, done_at: retention)
 * and the business clock (as_of, the business now of the upload, which its
 * rows are judged at and which is shown as 创建时间; done_as_of, shown as
 * 完成时间) —, counters, and the worker's claim (owner "host:pid" and
 * lease_until, real-clock unix seconds). Job rows hold the
 * uploaded cells (a JSON array of the four template columns), a status
 * (pending / ok / failed) and the message shown for a failed row.
 *
 * Times: `real_now` arguments are the real clock (unix seconds); the store
 * writes them as Asia/Shanghai DATETIMEs (created_at, done_at). Retention (24
 * hours after completion) is on the real clock.
 *
 * Every function returns 0, STORE_NOTFOUND or STORE_ERR (store.h). Every
 * lookup by id that a page makes is scoped by unit_id: a job of another unit
 * is STORE_NOTFOUND.
 */
#ifndef PORTAL_STORE_JOBS_H
#define PORTAL_STORE_JOBS_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "store/store.h"

#define JOB_KIND_ENROLL "批量增员申报"
#define JOB_KIND_EXPORT "职工缴费明细导出"
#define JOB_KIND_WAGES "工资年度申报"     /* store/wages.h: params start_month = Y-01 */
#define JOB_FILE_CHUNK (1 << 20)    /* bytes of one job_files row at most */
#define JOB_RETAIN_SECONDS (24 * 3600)
#define JOB_CELLS 4                 /* 证件号码, 姓名, 月申报工资, 联系电话 */
#define JOB_CELL_MAX 1024           /* bytes of a cell (the CSV reader's limit) */
#define JOB_FAILED_EXTRA 2          /* failed.csv's 失败原因, 原行号 after the cells */

/* The enrolment upload's columns: the template's header (JOB_CELLS), then the
 * two that failed.csv appends and a re-upload may keep (they are ignored). */
extern const char *const job_enroll_columns[JOB_CELLS + JOB_FAILED_EXTRA];

struct job {
    int64_t id;
    int64_t unit_id;
    char kind[33];
    struct portal_dt created_at;    /* real clock, Asia/Shanghai */
    struct portal_dt as_of;         /* business now of the upload (创建时间) */
    long total, processed, failed;  /* failed: rows with status failed */
    int has_error;
    char error_summary[1001];
    int done;
    struct portal_dt done_at;       /* real clock; y == 0 while not done */
    struct portal_dt done_as_of;    /* business now at completion (完成时间); y == 0
                                       while not done */
    int expired;                    /* done more than 24 hours ago (real clock) */
    int cancelled;
    int start_ym;                   /* params: 本次参保时间 (enrolment jobs), -1 if none */
    int civil_servant;              /* params: 公务员医疗保险 ticked */
    char result_name[201];          /* an export's file name, "" for uploads */
    int export_ym;                  /* params: an export's 费款所属期, -1 if none */
    char export_type[4];            /* params: an export's 险种 code, "" = all */
    int64_t account_id;             /* the account that made it (spec §7b), 0 = none */
    char operator_name[101];        /* its 姓名 then */
};

/* One data line of an uploaded file, as the page hands it to store_job_create. */
struct job_row_new {
    size_t line_no;
    const char *cell[JOB_CELLS];    /* NULL = "" */
    const char *fail_msg;           /* non-NULL: the row is failed at once with this
                                       message (a duplicate ID, a malformed line) */
};

/* Creates the job and all its rows in one transaction (multi-row inserts);
 * rows failed at once count as processed. *id gets the new job's id. */
int store_job_create(struct store *s, int64_t unit_id, const char *kind,
                     time_t real_now, const struct portal_dt *as_of, int start_ym,
                     int civil_servant, const struct job_row_new *rows, size_t n,
                     int64_t *id);

/* Creates an export job (kind JOB_KIND_EXPORT, no rows; total is set by the
 * worker from its snapshot) for month ym and 险种 type ("" = all), whose file
 * will be offered as result_name. *id gets the new job's id. */
int store_export_job_create(struct store *s, int64_t unit_id, time_t real_now,
                            const struct portal_dt *as_of, int ym, const char *type,
                            const char *result_name, int64_t *id);

/* One job of the unit (STORE_NOTFOUND for another unit's job). */
int store_job_get(struct store *s, int64_t unit_id, int64_t job_id, time_t real_now,
                  struct job *out);
/* The unit's jobs, newest first, at most max. */
int store_jobs_list(struct store *s, int64_t unit_id, time_t real_now, struct job *out,
                    size_t max, size_t *n);
/* Deletes a job of the unit and its rows/files (a running job's remaining rows
 * are thereby cancelled; rows already applied stay applied). */
int store_job_delete(struct store *s, int64_t unit_id, int64_t job_id);

/* A job row as read back (failed.csv, the worker). */
struct job_row {
    long line_no;
    char cell[JOB_CELLS][JOB_CELL_MAX + 1];
    char status[9];
    char message[501];
};
/* Calls fn for each failed row of the unit's job in line order; fn returns 0
 * to go on. */
int store_job_failed_rows(struct store *s, int64_t unit_id, int64_t job_id,
                          int (*fn)(const struct job_row *row, void *arg), void *arg);
/* Calls fn with each chunk of the unit's job's result file in order (rows
 * streamed, one chunk in memory); fn returns 0 to go on. STORE_NOTFOUND for
 * another unit's job. */
int store_job_file_read(struct store *s, int64_t unit_id, int64_t job_id,
                        int (*fn)(const char *data, size_t len, void *arg), void *arg);
/* Counts of a job's rows by status (any unit: tests, the worker). */
int store_job_counts(struct store *s, int64_t job_id, long *pending, long *ok, long *failed);

/* ---- the worker ---------------------------------------------------------- */

/* Claims the oldest export job (JOB_KIND_EXPORT: claimed whole, export.c)
 * that is not done, not cancelled and whose lease is absent or ran out before
 * real_now (SELECT ... FOR UPDATE SKIP LOCKED, in its own transaction): sets
 * owner and lease_until. STORE_NOTFOUND when none. Jobs of rows are shared by
 * claiming chunks (store_chunk_claim). */
int store_job_claim(struct store *s, const char *owner, time_t real_now, time_t lease_until,
                    struct job *out);
/* Takes over a job whose current owner is `dead_owner` (a worker of this host
 * that is known to be dead), compare-and-set on the owner. STORE_NOTFOUND when
 * the owner changed meanwhile. */
int store_job_take_over(struct store *s, int64_t job_id, const char *dead_owner,
                        const char *owner, time_t lease_until, struct job *out);
/* Owners of jobs not done whose lease still runs (for the dead-worker check). */
int store_job_live_owners(struct store *s, time_t real_now, int64_t *ids, char (*owners)[129],
                          size_t max, size_t *n);

/* Inside the worker's chunk transaction: locks the job row and checks that
 * this worker still owns it (STORE_NOTFOUND when the job was deleted or
 * another worker took it over). */
int store_job_lock_owned(struct store *s, int64_t job_id, const char *owner, int *cancelled);
/* Inside the transaction: drops the job's result file (a dead worker's partial
 * one) and starts its progress again at 0 of total. */
int store_job_file_reset(struct store *s, int64_t job_id, long total);
/* Inside the transaction: chunk seq (0, 1, …) of the job's result file. */
int store_job_file_put(struct store *s, int64_t job_id, int seq, const char *data, size_t len);
/* Inside the transaction: the row's final status ("ok"/"failed") and message. */
int store_job_row_finish(struct store *s, int64_t job_id, long line_no, int ok,
                         const char *message);
/* One row's result for store_job_rows_finish. */
struct job_row_result {
    long line_no;
    int ok;
    const char *message;
};
/* Inside the transaction: the final status and message of n rows (a chunk),
 * in a few multi-row statements (rows still pending only, as
 * store_job_row_finish). */
int store_job_rows_finish(struct store *s, int64_t job_id, const struct job_row_result *rows,
                          size_t n);
/* Inside the transaction: adds to processed, sets has_error when failed > 0,
 * renews the lease. */
int store_job_progress(struct store *s, int64_t job_id, long processed, long failed,
                       time_t lease_until);
/* Inside the transaction: marks the job done at real_now (and at the business
 * time business_now) with its error summary (has_error from the failed rows;
 * a job of rows: processed from its rows), releases the claim. */
int store_job_finish(struct store *s, int64_t job_id, time_t real_now,
                     const struct portal_dt *business_now, const char *summary);
/* Releases a claim (SIGTERM): owner and lease cleared so another worker
 * can continue at once. Own transaction (autocommit). */
int store_job_release(struct store *s, int64_t job_id, const char *owner);
/* Deletes jobs done before `before` (real clock) with their rows and files. */
int store_jobs_purge(struct store *s, time_t before, long *deleted);

/* ---- chunks: several workers on one job of rows (schema/021) ---------------
 *
 * A job of rows (JOB_KIND_ENROLL, JOB_KIND_WAGES) is cut into chunks by the
 * first worker that claims from it: ranges of line numbers with at most
 * chunk_rows pending rows each. A worker claims one chunk at a time (owner
 * and lease on the chunk), processes it in one transaction that holds the
 * chunk row (store_chunk_hold) and marks it done (store_chunk_progress); the
 * job is finished once, when no chunk is left (store_job_finish_lock). A
 * lease that ran out lets another worker claim the chunk. */
struct job_chunk {
    int64_t job_id;
    int chunk_no;
    long first_line, last_line;
};
/* In its own short transaction: cuts the oldest jobs of rows that have no
 * chunks yet, then claims the first chunk not done whose lease is absent or
 * ran out before real_now (SELECT ... FOR UPDATE SKIP LOCKED, then a
 * conditional UPDATE of owner and lease_until: on Galera the second of two
 * claims of one chunk fails certification and runs again, store_tx). *job
 * gets the chunk's job. STORE_NOTFOUND when none is claimable. */
int store_chunk_claim(struct store *s, const char *owner, time_t real_now, time_t lease_until,
                      int chunk_rows, struct job_chunk *out, struct job *job);
/* Takes over a chunk whose owner is `dead_owner` (a dead worker of this
 * host), compare-and-set on the owner; STORE_NOTFOUND when it changed. */
int store_chunk_take_over(struct store *s, const struct job_chunk *c, const char *dead_owner,
                          const char *owner, time_t lease_until, struct job *job);
/* Chunks not done whose lease still runs, with their owners (for the
 * dead-worker check). */
int store_chunk_live_owners(struct store *s, time_t real_now, struct job_chunk *out,
                            char (*owners)[129], size_t max, size_t *n);
/* Inside the chunk's transaction: locks the chunk row and checks this worker
 * still owns it and it is not done (STORE_NOTFOUND when the job was deleted,
 * or the chunk taken over or done); *cancelled from the job (not locked: the
 * workers of one job do not wait for each other). */
int store_chunk_hold(struct store *s, const struct job_chunk *c, const char *owner,
                     int *cancelled);
/* Inside the transaction: up to max pending rows of the chunk in line order,
 * locked. */
int store_chunk_rows(struct store *s, const struct job_chunk *c, struct job_row *out,
                     size_t max, size_t *n);
/* Inside the transaction: renews the chunk's lease; done = 1 marks it done
 * (its owner is kept: who processed it). */
int store_chunk_progress(struct store *s, const struct job_chunk *c, int done,
                         time_t lease_until);
/* Releases a chunk's claim (SIGTERM); autocommit. */
int store_chunk_release(struct store *s, const struct job_chunk *c, const char *owner);
/* After a chunk's commit, autocommit: jobs.processed := total - pending rows
 * (never lower than before). A cache for SQL readers, best effort: the pages
 * count the rows (store_job_get), store_job_finish writes the exact figure. */
int store_job_progress_cache(struct store *s, int64_t job_id);
/* Jobs of rows that are cut, not done, and have no chunk left to do: to be
 * finished (at most max, with their units). */
int store_jobs_finishable(struct store *s, int64_t *ids, int64_t *unit_ids, size_t max,
                          size_t *n);
/* Inside the finishing transaction: locks the job row; 0 when it is not done
 * and no chunk of it is left, else STORE_NOTFOUND (done by another worker
 * meanwhile, or deleted). */
int store_job_finish_lock(struct store *s, int64_t job_id);

#endif
