/* export — an export job of the worker (职工缴费明细导出, spec §8, §9 item 7).
 *
 * The rows come from one consistent snapshot on the worker's connection
 * (store/export.h: a read-only transaction, the result streamed, never
 * buffered whole); the CSV is written in chunks of at most JOB_FILE_CHUNK
 * bytes on a second connection (w->out), each chunk ONE transaction that
 * locks the job row, checks this worker still owns it, stores the chunk and
 * the progress and renews the lease; the last one also marks the job done.
 * So the file is complete exactly when the job is done, and a worker whose
 * job was taken over writes nothing more. Whoever runs an export — first
 * claim, takeover of a dead worker, a lease that ran out — drops the partial
 * file first and starts again from a fresh snapshot (spec §8).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "worker.h"
#include "base/buf.h"
#include "base/csv.h"
#include "store/export.h"
#include "rules/rules.h"

#define ROW_MAX 1024   /* bytes of one CSV row at most (an export_row's strings) */

static const char *const export_columns[] = {"证件号码", "姓名", "险种", "缴费类型",
                                             "缴费基数", "单位缴费", "个人缴费", "划入个人账户"};

enum out_rc { OUT_OK, OUT_LOST, OUT_ERR };

struct export_out {
    struct worker *w;
    const struct job *job;
    struct buf b;
    int seq;
    long rows;          /* rows in b, not yet written */
    enum out_rc rc;
};

/* One transaction on w->out: the job still ours, the chunk in b (if any),
 * the progress and the lease; with `last` also the job done. */
static enum out_rc write_chunk(struct export_out *o, int last)
{
    struct worker *w = o->w;
    struct portal_dt business_now;
    int cancelled = 0, rc;

    if (store_begin(w->out) != 0)
        return OUT_ERR;
    rc = store_job_lock_owned(w->out, o->job->id, w->owner, &cancelled);
    if (rc == STORE_NOTFOUND || (rc == 0 && cancelled)) {
        store_rollback(w->out);
        return OUT_LOST;
    }
    conf_business_now(&w->cfg, &business_now);   /* 完成时间, as the pages show time */
    if (rc != 0 ||
        (o->b.len && store_job_file_put(w->out, o->job->id, o->seq, o->b.p, o->b.len) != 0) ||
        store_job_progress(w->out, o->job->id, o->rows, 0, time(NULL) + w->lease_s) != 0 ||
        (last && store_job_finish(w->out, o->job->id, time(NULL), &business_now, "") != 0) ||
        store_commit(w->out) != 0) {
        store_rollback(w->out);
        return OUT_ERR;
    }
    if (o->b.len)
        o->seq++;
    o->rows = 0;
    buf_reset(&o->b);
    return OUT_OK;
}

/* Drops a partial file of an earlier run and sets the total. */
static enum out_rc start_file(struct export_out *o, long total)
{
    struct worker *w = o->w;
    int cancelled = 0, rc;

    if (store_begin(w->out) != 0)
        return OUT_ERR;
    rc = store_job_lock_owned(w->out, o->job->id, w->owner, &cancelled);
    if (rc == STORE_NOTFOUND || (rc == 0 && cancelled)) {
        store_rollback(w->out);
        return OUT_LOST;
    }
    if (rc != 0 || store_job_file_reset(w->out, o->job->id, total) != 0 ||
        store_commit(w->out) != 0) {
        store_rollback(w->out);
        return OUT_ERR;
    }
    return csv_begin_with_header(&o->b, export_columns,
                                 sizeof export_columns / sizeof export_columns[0]) == 0
               ? OUT_OK : OUT_ERR;
}

static int put_money(struct buf *b, int64_t fen)
{
    char text[FORMAT_FEN_MAX];
    return format_fen(text, sizeof text, fen) < 0 || csv_put(b, text) != 0;
}

/* store_export_rows' callback: one CSV row; a full chunk is written. */
static int put_row(const struct export_row *row, void *arg)
{
    struct export_out *o = arg;
    struct buf *b = &o->b;

    if (stop_flag) {
        o->rc = OUT_ERR;
        return 1;
    }
    if (csv_put_text(b, row->id_no) || csv_put(b, row->name) || csv_put(b, row->type_name) ||
        csv_put(b, row->payment_type) || put_money(b, row->base_fen) ||
        put_money(b, row->unit_fen) || put_money(b, row->person_fen) ||
        put_money(b, row->account_fen) || csv_end_row(b)) {
        o->rc = OUT_ERR;
        return 1;
    }
    o->rows++;
    if (b->len + ROW_MAX > JOB_FILE_CHUNK && (o->rc = write_chunk(o, 0)) != OUT_OK)
        return 1;
    return 0;
}

/* The second connection, opened on first use and kept. 0 or -1. */
static int out_ready(struct worker *w)
{
    if (!w->out && store_open(&w->out, &w->cfg.db) != 0)
        return -1;
    return store_ensure(w->out) == 0 ? 0 : -1;
}

/* Snapshot, file, done: OUT_OK, OUT_LOST or OUT_ERR. */
static enum out_rc run_export(struct worker *w, const struct job *job, struct export_out *o)
{
    long total = 0;

    if (store_export_begin(w->db, job->unit_id, job->export_ym, job->export_type, &total) != 0)
        return OUT_ERR;
    o->rc = start_file(o, total);
    if (o->rc == OUT_OK &&
        store_export_rows(w->db, job->unit_id, job->export_ym, job->export_type, put_row, o) != 0)
        o->rc = OUT_ERR;
    if (o->rc != OUT_OK || store_export_end(w->db) != 0) {
        store_rollback(w->db);
        return o->rc == OUT_OK ? OUT_ERR : o->rc;
    }
    return write_chunk(o, 1);
}

void process_export(struct worker *w, struct job *job)
{
    struct export_out o;
    time_t t0 = time(NULL);
    enum out_rc rc;

    memset(&o, 0, sizeof o);
    o.w = w;
    o.job = job;
    logf_("job %lld claimed (%s)", (long long)job->id, job->kind);
    if (job->export_ym < 0 || out_ready(w) != 0) {
        logf_("job %lld: cannot run it (parameters or database); released", (long long)job->id);
        store_job_release(w->db, job->id, w->owner);
        nap(2000);
        return;
    }
    rc = run_export(w, job, &o);
    buf_free(&o.b);
    if (rc == OUT_OK) {
        logf_("job %lld done: %d chunks in %lds", (long long)job->id, o.seq,
              (long)(time(NULL) - t0));
    } else if (rc == OUT_LOST) {
        logf_("job %lld deleted, cancelled or taken over: stopped", (long long)job->id);
    } else {
        logf_("job %lld: export failed (%s); released, to be started again", (long long)job->id,
              stop_flag ? "stopping" : "database error");
        store_job_release(w->db, job->id, w->owner);
        if (!stop_flag)
            nap(2000);
    }
}
