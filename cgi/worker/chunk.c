/* chunk — the row work of one chunk of a batch job (job.c owns the frame:
 * the job's lock, the chunk's rows, their statuses, the progress, the
 * transaction). 批量增员申报: the rows' field checks (cgi/enroll.c's), then
 * ONE set-based enrolment of every valid row (store_enrol_batch: a fixed
 * number of statements per chunk, whatever its size); 工资年度申报 rows
 * one by one (store_wages_row). Writes only through w->db, in the caller's
 * transaction: re-run from its start by store_tx, it does the same again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "worker.h"
#include "store/enrol.h"
#include "rules/rules.h"
#include "rules/enrolment.h"

/* A 工资年度申报 row (store/wages.h): the year is the job's start month's. */
static int process_wages_row(struct worker *w, const struct job *job, const struct unit *u,
                             const char *operator_name, const struct job_row *row, int *ok,
                             char *msg, size_t n)
{
    const char *cells[WAGES_CELLS] = {row->cell[0], row->cell[1], row->cell[2]};

    return store_wages_row(w->db, u, ym_year(job->start_ym), &w->wage_limits, cells,
                           &job->as_of, operator_name, job->id, ok, msg, n);
}

static int chunk_wages(struct worker *w, const struct job *job, const struct unit *u,
                       const char *operator_name, struct job_row *rows, size_t n,
                       struct job_row_result *res, char (*msg)[MSG_TEXT_MAX], long *failed)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int ok = 0;
        if (stop_flag)
            break;   /* the rows done so far are committed by the caller */
        if (process_wages_row(w, job, u, operator_name, &rows[i], &ok, msg[i], MSG_TEXT_MAX) != 0)
            return -1;
        if (!ok)
            (*failed)++;
        res[i] = (struct job_row_result){rows[i].line_no, ok, msg[i]};
    }
    return (int)i;
}

int chunk_apply(struct worker *w, const struct job *job, const struct unit *u,
                const char *operator_name, struct job_row *rows, size_t n,
                struct job_row_result *res, char (*msg)[MSG_TEXT_MAX], long *failed)
{
    struct enrol_input *in;
    struct enrol_result *er;
    size_t *at, m = 0;
    int rc = -1;

    *failed = 0;
    if (strcmp(job->kind, JOB_KIND_WAGES) == 0)
        return chunk_wages(w, job, u, operator_name, rows, n, res, msg, failed);
    if (stop_flag)
        return 0;
    in = calloc(n, sizeof *in);
    er = calloc(n, sizeof *er);
    at = calloc(n, sizeof *at);
    if (!in || !er || !at) {
        log_msg(LOG_ERROR, "job %lld: out of memory for a chunk", (long long)job->id);
        goto out;
    }
    /* the single-person page's checks (cgi/enroll.c) */
    for (size_t i = 0; i < n; i++) {
        enum msg_id problem[ENROL_F__N];
        long long fen = 0;
        enum enrol_field bad = enrol_fields_check(rows[i].cell[0], rows[i].cell[1],
                                                  rows[i].cell[3], rows[i].cell[2], &fen, problem);
        res[i] = (struct job_row_result){rows[i].line_no, 0, msg[i]};
        if (bad != ENROL_F__N) {
            msg_format(msg[i], MSG_TEXT_MAX, problem[bad], enrol_field_label(bad));
            continue;
        }
        in[m] = (struct enrol_input){rows[i].cell[0], rows[i].cell[1], rows[i].cell[3], fen,
                                     job->start_ym, job->civil_servant};
        at[m++] = i;
    }
    /* the operation, declared by operator_name, for every valid row at once */
    if (m > 0 && store_enrol_batch(w->db, w->ref, u, in, m, &w->cfg.policy, &job->as_of,
                                   operator_name, job->id, er) != 0)
        goto out;
    for (size_t k = 0; k < m; k++) {
        res[at[k]].ok = er[k].ok;
        snprintf(msg[at[k]], MSG_TEXT_MAX, "%s", er[k].text);
    }
    for (size_t i = 0; i < n; i++)
        if (!res[i].ok)
            (*failed)++;
    rc = (int)n;
out:
    free(in);
    free(er);
    free(at);
    return rc;
}
