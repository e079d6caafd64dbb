/* export — an export job of the worker (职工缴费明细导出, spec §8, §9 item 7).
 *
 * The rows come from one consistent snapshot on the worker's connection
 * (store/export.h: a read-only transaction, the result streamed, never
 * buffered whole) and are formatted into CSV chunks of about JOB_FILE_CHUNK
 * bytes. A full chunk goes to a writer thread, which compresses it (the file
 * is stored as one gzip stream, in job_files rows of at most JOB_FILE_CHUNK
 * bytes) and stores it on a second connection (w->out) while the next one is
 * read: each chunk ONE transaction that locks the job row, checks this worker
 * still owns it, stores what the compressor gave and the progress and renews
 * the lease; the last one ends the gzip stream and marks the job done. So the file is complete exactly when the job is done, and a worker
 * whose job was taken over writes nothing more. Whoever runs an export —
 * first claim, takeover of a dead worker, a lease that ran out — drops the
 * partial file first and starts again from a fresh snapshot (spec §8).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "worker.h"
#include "base/buf.h"
#include "base/csv.h"
#include "base/gzip.h"
#include "store/export.h"
#include "rules/rules.h"

#define ROW_MAX 1024   /* bytes of one CSV row at most (an export_row's strings) */

static const char *const export_columns[] = {"证件号码", "姓名", "险种", "缴费类型",
                                             "缴费基数", "单位缴费", "个人缴费", "划入个人账户"};

enum out_rc { OUT_OK, OUT_LOST, OUT_ERR };

/* A chunk: its bytes and the rows in them. */
struct chunk {
    struct buf b;
    long rows;
};

/* The reader's chunk `fill`; the writer's slot `full` (handed over under mu). */
struct export_out {
    struct worker *w;
    const struct job *job;
    struct chunk fill, full;
    struct gzip gz;       /* the writer's: the file is stored as one gzip stream */
    struct buf gz_out;    /* compressed bytes not yet stored */
    int seq;              /* the writer's next chunk number */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int has_full, last, quit;   /* under mu */
    enum out_rc wrc;            /* the writer's latest result, under mu */
    enum out_rc rc;             /* the reader's own (its thread only) */
    double write_s;       /* seconds the writer spent (the log line) */
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Inside the writer's transaction: the compressed bytes so far become the
 * next rows of the file, JOB_FILE_CHUNK bytes at most each. */
static int put_pieces(struct export_out *o)
{
    const struct buf *z = &o->gz_out;

    for (size_t off = 0; off < z->len; off += JOB_FILE_CHUNK) {
        size_t n = z->len - off < JOB_FILE_CHUNK ? z->len - off : JOB_FILE_CHUNK;
        if (store_job_file_put(o->w->out, o->job->id, o->seq + (int)(off / JOB_FILE_CHUNK),
                               z->p + off, n) != 0)
            return -1;
    }
    return 0;
}

/* One transaction on w->out: the job still ours, the CSV chunk c (compressed
 * by the caller into o->gz_out) stored, the progress and the lease; with
 * `last` the job done. Run by store_tx: again from its start on a
 * certification conflict. */
struct put_call {
    struct export_out *o;
    const struct chunk *c;
    int last;
    enum out_rc rc;
};

static int put_tx(struct store *s, void *arg)
{
    struct put_call *k = arg;
    struct export_out *o = k->o;
    struct worker *w = o->w;
    struct portal_dt business_now;
    int cancelled = 0, rc;

    k->rc = OUT_ERR;
    if (store_begin(s) != 0)
        return STORE_ERR;
    rc = store_job_lock_owned(s, o->job->id, w->owner, &cancelled);
    if (rc == STORE_NOTFOUND || (rc == 0 && cancelled)) {
        store_rollback(s);
        k->rc = OUT_LOST;
        return 0;
    }
    conf_business_now(&w->cfg, &business_now);   /* 完成时间, as the pages show time */
    if (rc != 0 || put_pieces(o) != 0 ||
        store_job_progress(s, o->job->id, k->c->rows, 0, time(NULL) + w->lease_s) != 0 ||
        (k->last && store_job_finish(s, o->job->id, time(NULL), &business_now, "") != 0) ||
        store_commit(s) != 0) {
        store_rollback(s);
        return STORE_ERR;
    }
    k->rc = OUT_OK;
    return 0;
}

static enum out_rc put_chunk(struct export_out *o, const struct chunk *c, int last)
{
    struct put_call k = {o, c, last, OUT_ERR};

    if (gzip_put(&o->gz, c->b.p, c->b.len, last, &o->gz_out) != 0)
        return OUT_ERR;
    store_tx(o->w->out, put_tx, &k);
    if (k.rc != OUT_OK)
        return k.rc;
    o->seq += (int)((o->gz_out.len + JOB_FILE_CHUNK - 1) / JOB_FILE_CHUNK);
    buf_reset(&o->gz_out);
    return OUT_OK;
}

/* The writer thread: each chunk handed over, until the last, a failure or quit. */
static void *writer(void *arg)
{
    struct export_out *o = arg;
    enum out_rc rc = OUT_OK;
    int last = 0;

    pthread_mutex_lock(&o->mu);
    while (rc == OUT_OK && !last) {
        while (!o->has_full && !o->quit)
            pthread_cond_wait(&o->cv, &o->mu);
        if (!o->has_full)
            break;   /* quit */
        last = o->last;
        pthread_mutex_unlock(&o->mu);
        double t0 = mono();
        rc = put_chunk(o, &o->full, last);
        o->write_s += mono() - t0;
        pthread_mutex_lock(&o->mu);
        buf_reset(&o->full.b);
        o->full.rows = 0;
        o->has_full = 0;
        o->wrc = rc;
        pthread_cond_broadcast(&o->cv);
    }
    pthread_mutex_unlock(&o->mu);
    return NULL;
}

/* Hands the reader's chunk to the writer once the slot is free (swapping the
 * buffers); OUT_OK, or what the writer failed with. */
static enum out_rc hand_over(struct export_out *o, int last)
{
    struct chunk t;
    enum out_rc rc;

    pthread_mutex_lock(&o->mu);
    while (o->has_full && o->wrc == OUT_OK)
        pthread_cond_wait(&o->cv, &o->mu);
    rc = o->wrc;
    if (rc == OUT_OK) {
        t = o->full;
        o->full = o->fill;
        o->fill = t;
        o->has_full = 1;
        o->last = last;
        pthread_cond_broadcast(&o->cv);
    }
    pthread_mutex_unlock(&o->mu);
    return rc;
}

/* Drops a partial file of an earlier run and sets the total (one
 * transaction, through store_tx). */
struct start_call {
    struct export_out *o;
    long total;
    enum out_rc rc;
};

static int start_tx(struct store *s, void *arg)
{
    struct start_call *k = arg;
    struct worker *w = k->o->w;
    int cancelled = 0, rc;

    k->rc = OUT_ERR;
    if (store_begin(s) != 0)
        return STORE_ERR;
    rc = store_job_lock_owned(s, k->o->job->id, w->owner, &cancelled);
    if (rc == STORE_NOTFOUND || (rc == 0 && cancelled)) {
        store_rollback(s);
        k->rc = OUT_LOST;
        return 0;
    }
    if (rc != 0 || store_job_file_reset(s, k->o->job->id, k->total) != 0 ||
        store_commit(s) != 0) {
        store_rollback(s);
        return STORE_ERR;
    }
    k->rc = OUT_OK;
    return 0;
}

static enum out_rc start_file(struct export_out *o, long total)
{
    struct start_call k = {o, total, OUT_ERR};

    store_tx(o->w->out, start_tx, &k);
    if (k.rc != OUT_OK)
        return k.rc;
    return csv_begin_with_header(&o->fill.b, export_columns,
                                 sizeof export_columns / sizeof export_columns[0]) == 0
               ? OUT_OK : OUT_ERR;
}

static int put_money(struct buf *b, int64_t fen)
{
    char text[FORMAT_FEN_MAX];
    return format_fen(text, sizeof text, fen) < 0 || csv_put(b, text) != 0;
}

/* store_export_rows' callback: one CSV row; a full chunk goes to the writer. */
static int put_row(const struct export_row *row, void *arg)
{
    struct export_out *o = arg;
    struct buf *b = &o->fill.b;

    if (stop_flag)
        return 1;   /* o->rc stays OUT_OK: the caller sees stop_flag */
    if (csv_put_text(b, row->id_no) || csv_put(b, row->name) || csv_put(b, row->type_name) ||
        csv_put(b, row->payment_type) || put_money(b, row->base_fen) ||
        put_money(b, row->unit_fen) || put_money(b, row->person_fen) ||
        put_money(b, row->account_fen) || csv_end_row(b)) {
        o->rc = OUT_ERR;
        return 1;
    }
    o->fill.rows++;
    if (b->len + ROW_MAX > JOB_FILE_CHUNK && (o->rc = hand_over(o, 0)) != OUT_OK)
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

/* Streams the snapshot into chunks for the writer thread; the last chunk
 * marks the job done. OUT_OK, OUT_LOST or OUT_ERR. */
static enum out_rc stream(struct export_out *o)
{
    const struct job *job = o->job;
    pthread_t th;

    if (gzip_begin(&o->gz) != 0)
        return OUT_ERR;
    if (pthread_create(&th, NULL, writer, o) != 0) {
        gzip_end(&o->gz);
        return OUT_ERR;
    }
    if (store_export_rows(o->w->db, job->unit_id, job->export_ym, job->export_type, put_row,
                          o) != 0 && o->rc == OUT_OK)
        o->rc = OUT_ERR;
    if (o->rc == OUT_OK && stop_flag)
        o->rc = OUT_ERR;
    if (o->rc == OUT_OK)
        o->rc = hand_over(o, 1);
    pthread_mutex_lock(&o->mu);
    if (o->rc != OUT_OK)
        o->quit = 1;   /* nothing more for the writer: the job is released */
    pthread_cond_broadcast(&o->cv);
    pthread_mutex_unlock(&o->mu);
    pthread_join(th, NULL);
    gzip_end(&o->gz);
    /* the reader's failure, else the writer's result for the last chunk */
    return o->rc != OUT_OK ? o->rc : o->wrc;
}

/* Snapshot, file, done: OUT_OK, OUT_LOST or OUT_ERR. */
static enum out_rc run_export(struct worker *w, const struct job *job, struct export_out *o)
{
    long total = 0;
    enum out_rc rc;

    if (store_export_begin(w->db, job->unit_id, job->export_ym, job->export_type, &total) != 0)
        return OUT_ERR;
    rc = start_file(o, total);
    if (rc == OUT_OK)
        rc = stream(o);
    if (store_export_end(w->db) != 0)
        store_rollback(w->db);
    return rc;
}

void process_export(struct worker *w, struct job *job)
{
    struct export_out o;
    double t0 = mono();
    enum out_rc rc;

    memset(&o, 0, sizeof o);
    o.w = w;
    o.job = job;
    pthread_mutex_init(&o.mu, NULL);
    pthread_cond_init(&o.cv, NULL);
    logf_("job %lld claimed (%s)", (long long)job->id, job->kind);
    if (job->export_ym < 0 || out_ready(w) != 0) {
        log_msg(LOG_WARN, "job %lld: cannot run it (parameters or database); released", (long long)job->id);
        store_job_release(w->db, job->id, w->owner);
        nap(2000);
        rc = OUT_ERR;
    } else if ((rc = run_export(w, job, &o)) == OUT_OK) {
        logf_("job %lld done: %d chunks in %.3fs (the writer busy %.3fs)", (long long)job->id,
              o.seq, mono() - t0, o.write_s);
    } else if (rc == OUT_LOST) {
        logf_("job %lld deleted, cancelled or taken over: stopped", (long long)job->id);
    } else {
        log_msg(LOG_WARN, "job %lld: export failed (%s); released, to be started again", (long long)job->id,
              stop_flag ? "stopping" : "database error");
        store_job_release(w->db, job->id, w->owner);
        if (!stop_flag)
            nap(2000);
    }
    buf_free(&o.fill.b);
    buf_free(&o.full.b);
    buf_free(&o.gz_out);
    pthread_cond_destroy(&o.cv);
    pthread_mutex_destroy(&o.mu);
}
