/* batch — fixtures of the batch-upload tests; see batch.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "batch.h"
#include "rules/rules.h"

void batch_gen_id(char out[19], const char *region)
{
    static long k = -1;
    long day;
    if (k < 0)
        k = (long)(time(NULL) % 40) * 500;
    day = k / 500;
    snprintf(out, 19, "%.4s%02u%04u%02u%02u%03u", region, (unsigned)(getpid() % 100),
             (unsigned)(1980 + day / (12 * 28)) % 10000u, (unsigned)((day / 28) % 12 + 1),
             (unsigned)(day % 28 + 1), (unsigned)((k % 500) * 2 + 1));
    out[17] = id_check_char(out);
    out[18] = '\0';
    k++;
}

void batch_client(struct client *c, const char *unit)
{
    struct resp r;
    client_init(c);
    ck_assert(login(c, unit, PW));
    ck_assert_int_eq(http_get(c, "/enroll/batch", &r), 200);   /* csrf token */
    resp_free(&r);
}

long batch_upload(struct client *c, const char *month, int civil, const char *data, size_t len,
                  long *job, struct resp *r)
{
    const char *fields[] = {"start_month", month, civil ? "civil_servant" : NULL, "1", NULL};
    char loc[256];
    long st = http_post_file(c, "/enroll/batch", fields, "file", "upload.csv", data, len, r);
    if (job) {
        *job = 0;
        if (st == 303 && resp_header(r, "Location", loc, sizeof loc) == 0)
            sscanf(loc, "/jobs/%ld", job);
    }
    return st;
}

void batch_wait_done(long job, int seconds)
{
    for (int i = 0; i < seconds * 20; i++) {
        if (sql_long("SELECT COALESCE(MAX(done), -1) FROM jobs WHERE id = %ld", job) == 1)
            return;
        usleep(50000);
    }
    ck_abort_msg("job %ld not done after %d s", job, seconds);
}

long batch_jobs_of(const char *unit)
{
    return sql_long("SELECT COUNT(*) FROM jobs j JOIN units u ON u.id = j.unit_id"
                    " WHERE u.unit_no = '%s'", unit);
}

long batch_worker_pid(void)
{
    const char *conf = getenv("PORTAL_CONF");
    char path[1024], *slash;
    FILE *f;
    long pid = 0;
    snprintf(path, sizeof path, "%s", conf);
    slash = strrchr(path, '/');
    ck_assert_ptr_nonnull(slash);
    snprintf(slash, sizeof path - (size_t)(slash - path), "/pid/worker-child.pid");
    /* the supervisor rewrites the file when it restarts the worker */
    for (int i = 0; i < 100 && pid <= 0; i++) {
        f = fopen(path, "r");
        if (f) {
            if (fscanf(f, "%ld", &pid) != 1)
                pid = 0;
            fclose(f);
        }
        if (pid <= 0)
            usleep(50000);
    }
    ck_assert_msg(pid > 0, "no pid in %s: is the worker running?", path);
    return pid;
}

void batch_wait_new_worker(long old_pid)
{
    long pid = old_pid;
    for (int i = 0; i < 100 && pid == old_pid; i++) {
        usleep(100000);
        pid = batch_worker_pid();
    }
    ck_assert_int_ne(pid, old_pid);
}
