/*
 * Integration: several workers on one job of rows (spec §8, issue 15 item 3):
 * the stack's worker and a second portal-worker started here (as another
 * host, --host it-other, with a lease of 5 s) claim chunks of the same job:
 * both take part, every row is applied once, processed = total; the second
 * worker killed with kill -9 while it holds a chunk: the stack's worker takes
 * the chunk over when its lease has run out (it is not of its host, so not
 * at once), no row twice; the job deleted while both run: both stop.
 * Needs the worker running in the stack.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "support/batch.h"

#define OTHER "it-other"
static char unit[40];
static pid_t other_pid;     /* stopped by the teardown if a test failed */

static void setup(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit, sizeof unit, "企业", "分块测试公司");
    set_today("2022-08-15 10:00");
}

/* A second worker, as host OTHER, lease 5 s, its log in PORTAL_VAR/log. */
static pid_t spawn_worker(void)
{
    const char *conf = getenv("PORTAL_CONF"), *var = getenv("PORTAL_VAR"),
               *build = getenv("BUILD");
    char path[1024], bin[1024], logp[1024];
    struct buf b = {0};
    FILE *in, *out;
    size_t got;
    char blk[4096];
    pid_t pid;

    ck_assert_ptr_nonnull(conf);
    ck_assert_ptr_nonnull(var);
    snprintf(path, sizeof path, "%s/worker-other.hdf", var);
    snprintf(bin, sizeof bin, "%s/portal-worker", build ? build : "build");
    snprintf(logp, sizeof logp, "%s/log/worker-other.log", var);
    in = fopen(conf, "r");
    ck_assert_ptr_nonnull(in);
    while ((got = fread(blk, 1, sizeof blk, in)) > 0)
        buf_printf(&b, "%.*s", (int)got, blk);
    fclose(in);
    out = fopen(path, "w");
    ck_assert_ptr_nonnull(out);
    fprintf(out, "%s\nWorker.LeaseSeconds = 5\n", b.p);
    fclose(out);
    buf_free(&b);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (!freopen(logp, "a", stderr))
            _exit(127);
        execl(bin, bin, "--conf", path, "--host", OTHER, (char *)NULL);
        _exit(127);
    }
    other_pid = pid;
    return pid;
}

static void stop_worker(pid_t pid, int sig)
{
    int st = 0;
    ck_assert_int_eq(kill(pid, sig), 0);
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    other_pid = 0;
}

static void teardown(void)
{
    if (other_pid > 0) {
        kill(other_pid, SIGKILL);
        waitpid(other_pid, NULL, 0);
        other_pid = 0;
    }
}

static long upload(struct client *c, int n)
{
    struct buf f = {0};
    struct resp r;
    char id[19];
    long job = 0;
    buf_printf(&f, "%s\n", BATCH_HEADER);
    for (int i = 0; i < n; i++) {
        batch_gen_id(id, "3211");
        buf_printf(&f, "%s,分块%d,%d,1380000%04d\n", id, i, 4000 + i % 1000, i % 10000);
    }
    ck_assert_int_eq(batch_upload(c, "2022-07", 0, f.p, f.len, &job, &r), 303);
    resp_free(&r);
    buf_free(&f);
    ck_assert_int_gt(job, 0);
    return job;
}

/* Every row of the job applied exactly once. */
static void assert_each_row_once(long job, int n)
{
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND status = 'ok'", job), n);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld"
                              " AND type = '参保人员增员申报'", job), n);
    ck_assert_int_eq(sql_long("SELECT COUNT(DISTINCT id_no) FROM declarations WHERE job_id = %ld"
                              " AND type = '参保人员增员申报'", job), n);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM (SELECT e.person_id, e.type_code FROM enrolments e"
                              " JOIN persons p ON p.id = e.person_id JOIN declarations d ON d.job_id = %ld"
                              " AND d.type = '参保人员增员申报' AND d.id_no = p.id_no"
                              " GROUP BY e.person_id, e.type_code HAVING COUNT(*) > 1) x", job), 0);
}

static void assert_processed(struct client *c, long job, int n)
{
    struct resp r;
    char path[64], want[64];
    ck_assert_int_eq(sql_long("SELECT processed FROM jobs WHERE id = %ld", job), n);
    snprintf(path, sizeof path, "/jobs/%ld?format=json", job);
    ck_assert_int_eq(http_get(c, path, &r), 200);
    snprintf(want, sizeof want, "\"total\":%d,\"processed\":%d", n, n);
    ck_assert_msg(has(&r, want), "%s lacks %s", path, want);
    ck_assert(has(&r, "\"done\":true"));
    resp_free(&r);
}

START_TEST(two_workers_share_one_job_by_chunks)
{
    enum { N = 3000 };
    struct client c;
    pid_t other = spawn_worker();
    long job, chunks;

    batch_client(&c, unit);
    job = upload(&c, N);
    batch_wait_done(job, 240);
    stop_worker(other, SIGTERM);
    /* cut in chunks of Worker.ChunkRows (200) lines, each done, and each
     * processed by one of the two workers: both took part */
    chunks = sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld", job);
    ck_assert_int_eq(chunks, N / 200 + 1);    /* lines 2..N+1 */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND done = 1", job), chunks);
    ck_assert_msg(sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND owner LIKE '" OTHER ":%%'", job) > 0,
                  "the second worker processed no chunk");
    ck_assert_msg(sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND owner NOT LIKE '" OTHER ":%%'", job) > 0,
                  "the stack's worker processed no chunk");
    assert_each_row_once(job, N);
    assert_processed(&c, job, N);
    client_free(&c);
}
END_TEST

START_TEST(chunk_of_a_killed_worker_is_taken_over_after_its_lease)
{
    enum { N = 3000 };
    struct client c;
    long job = 0, held = 0;
    char chunks[256] = "";

    batch_client(&c, unit);
    /* kill -9 the second worker while it holds a chunk (it may be between two
     * chunks at the kill: then again, with a new one) */
    for (int attempt = 0; attempt < 5 && held == 0; attempt++) {
        pid_t other = spawn_worker();
        if (job == 0)
            job = upload(&c, N);
        for (int i = 0; i < 6000; i++) {
            if (sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND done = 0"
                         " AND owner = '" OTHER ":%ld'", job, (long)other) > 0)
                break;
            usleep(10000);
        }
        stop_worker(other, SIGKILL);
        held = sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND done = 0"
                        " AND owner = '" OTHER ":%ld'", job, (long)other);
        if (held)
            sql_str(chunks, sizeof chunks, "SELECT GROUP_CONCAT(chunk_no) FROM job_chunks WHERE job_id = %ld"
                    " AND done = 0 AND owner = '" OTHER ":%ld'", job, (long)other);
    }
    ck_assert_msg(held > 0, "the second worker never held a chunk when killed");
    ck_assert_int_eq(sql_long("SELECT done FROM jobs WHERE id = %ld", job), 0);
    /* the stack's worker does the other chunks, then the dead one's once its
     * lease (5 s) has run out */
    batch_wait_done(job, 240);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND FIND_IN_SET(chunk_no, '%s')"
                              " AND done = 1 AND owner NOT LIKE '" OTHER ":%%'", job, chunks), held);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND done = 0", job), 0);
    assert_each_row_once(job, N);
    assert_processed(&c, job, N);
    client_free(&c);
}
END_TEST

START_TEST(deleting_the_job_stops_both_workers)
{
    enum { N = 4000 };
    struct client c;
    struct resp r;
    pid_t other = spawn_worker();
    long job, both = 0, applied, later;
    char path[64];

    batch_client(&c, unit);
    job = upload(&c, N);
    /* both workers at work on it: each has done a chunk (so rows are applied
     * before the delete) and the job is far from done */
    for (int i = 0; i < 12000 && !both; i++) {
        both = sql_long("SELECT COUNT(DISTINCT owner LIKE '" OTHER ":%%') FROM job_chunks"
                        " WHERE job_id = %ld AND done = 1", job) == 2;
        if (!both)
            usleep(10000);
    }
    ck_assert_msg(both, "the two workers did not both claim a chunk");
    ck_assert_int_eq(sql_long("SELECT done FROM jobs WHERE id = %ld", job), 0);
    snprintf(path, sizeof path, "/jobs/%ld/delete", job);
    ck_assert_int_eq(http_post(&c, path, "", 1, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", job), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld", job), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld", job), 0);
    applied = sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld AND type = '参保人员增员申报'", job);
    sleep(2);
    later = sql_long("SELECT COUNT(*) FROM declarations WHERE job_id = %ld AND type = '参保人员增员申报'", job);
    ck_assert_int_eq(applied, later);          /* neither worker goes on */
    ck_assert_int_gt(applied, 0);
    ck_assert_int_lt(applied, N);
    /* both alive and free: a new job is shared and done */
    ck_assert_int_eq(kill(other, 0), 0);
    job = upload(&c, 10);
    batch_wait_done(job, 60);
    assert_each_row_once(job, 10);
    stop_worker(other, SIGTERM);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("chunks");
    TCase *t = tcase_create("chunks");

    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_set_timeout(t, 600);
    tcase_add_test(t, two_workers_share_one_job_by_chunks);
    tcase_add_test(t, chunk_of_a_killed_worker_is_taken_over_after_its_lease);
    tcase_add_test(t, deleting_the_job_stops_both_workers);
    suite_add_tcase(s, t);
    return it_run(s);
}
