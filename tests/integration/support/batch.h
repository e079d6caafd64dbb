/*
 * batch — fixtures of the batch-upload tests (it_batch, it_jobs): run-unique
 * IDs, a logged-in client with a CSRF token from /enroll/batch, uploads, and
 * waiting for the worker.
 */
#ifndef PORTAL_IT_BATCH_H
#define PORTAL_IT_BATCH_H
#include <stddef.h>
#include "it.h"

#define BATCH_HEADER "证件号码,姓名,月申报工资,联系电话"

/* Run-unique valid IDs of men born 1980..1990 in region `region` (4 digits,
 * e.g. "3206"; one region per test binary, so they never meet make_id's). */
void batch_gen_id(char out[19], const char *region);
/* Logs in as unit and reads /enroll/batch (the CSRF token). */
void batch_client(struct client *c, const char *unit);
/* Uploads to /enroll/batch; returns the status; *job (may be NULL) gets the
 * id on 303, else 0. */
long batch_upload(struct client *c, const char *month, int civil, const char *data, size_t len,
                  long *job, struct resp *r);
/* Waits until the worker marked the job done; aborts the test after `seconds`. */
void batch_wait_done(long job, int seconds);
/* The pid of the stack's worker (pid/worker-child.pid next to PORTAL_CONF;
 * the supervisor rewrites it when it restarts the worker). */
long batch_worker_pid(void);
/* Waits (at most 10 s) until the supervisor has restarted the worker killed
 * as old_pid. */
void batch_wait_new_worker(long old_pid);
/* The unit's jobs in the database. */
long batch_jobs_of(const char *unit);

#endif
