/*
 * Cluster: the portal on a three-node MariaDB Galera cluster with two portal
 * hosts behind one nginx (conf/cluster; spec §10, issue 14 item 4), over HTTP
 * against the real programs. Run by tests/cluster/run (make test-cluster),
 * which starts the cluster and exports, besides the integration tests'
 * variables: PORTAL_CLUSTER (the instance) and PORTAL_CONF naming node 3, the
 * node no test kills. A client's `via` sends its requests to one host.
 *
 *   - a session made on host 1 is the same on host 2;
 *   - one person enrolled at the same moment through both hosts (two nodes):
 *     one success, one 【…在本单位下存在正常参保…】 refusal, one base record,
 *     no month charged twice (the loser's commit fails certification, 1213,
 *     and store_tx runs it again from its start: it then sees the winner);
 *   - 40 persons enrolled into ONE unit by 2 x 8 threads through both hosts:
 *     every request answers 303 (the kept counts are sharded, 022_galera_hot,
 *     and store_tx backs off with jitter), the counts and totals on every node
 *     equal a recount of the rows, before and after `portal-admin recount`;
 *   - a 5,000-row batch with both workers running; the node of the worker
 *     that holds the job is killed with kill -9 in the middle: the job
 *     completes, processed = total, no row applied twice; the node rejoins
 *     by IST with the same row counts as the others;
 *   - the deck unit settled through one node: its figures to the fen on
 *     every node, and its 缴费通知单 identical from both hosts.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support/batch.h"
#include "support/deck.h"
#include "rules/rules.h"

static const char *inst(void)
{
    const char *s = getenv("PORTAL_CLUSTER");
    return s && *s ? s : "cluster";
}

static void via(struct client *c, const char *host)
{
    curl_slist_free_all(c->via_hdr);
    c->via_hdr = NULL;
    c->via = host;
}

/* The first column of the first row of a query on node n (1-3) directly. */
static long node_long(int n, const char *fmt, ...)
{
    char sqlpath[] = "/tmp/cl-sql-XXXXXX", cmd[512], line[128] = "";
    va_list ap;
    FILE *f;
    int fd = mkstemp(sqlpath);

    ck_assert(fd >= 0);
    f = fdopen(fd, "w");
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputs(";\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "conf/cluster sql %s %d portal < %s", inst(), n, sqlpath);
    f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    ck_assert_int_eq(pclose(f), 0);
    unlink(sqlpath);
    ck_assert_msg(line[0] >= '0' && line[0] <= '9', "node %d: no number in '%s'", n, line);
    return atol(line);
}

static void setup(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
}

/* ---- one session, two hosts ---------------------------------------------------------- */

START_TEST(login_on_host_1_continues_on_host_2)
{
    struct client c;
    struct resp r;
    char unit[40], cmd[512];

    make_unit(unit, sizeof unit, "企业", "集群会话测试公司");
    client_init(&c);
    via(&c, "1");
    ck_assert(login(&c, unit, PW));
    via(&c, "2");
    ck_assert_int_eq(http_get(&c, "/", &r), 200);
    ck_assert(has(&r, "集群会话测试公司"));
    resp_free(&r);
    /* nginx's access log: that page came from host 2's home program */
    snprintf(cmd, sizeof cmd, "tail -n 1 var/%s/log/nginx-access.log | grep -q '\"GET / HTTP/1.1\" 200 unix:.*/%s-h2/sock/home.sock'",
             inst(), inst());
    ck_assert_int_eq(system(cmd), 0);
    client_free(&c);
}
END_TEST

/* ---- the same person through both hosts ------------------------------------------------ */

struct racer {
    struct client *c;
    const char *id;
    pthread_barrier_t *go;
    long status;
    int ok, refused;
};

static void *race(void *arg)
{
    struct racer *a = arg;
    struct resp r;
    char *body, *eid = urlenc(a->id);

    if (asprintf(&body, "id_no=%s&name=%%E5%%B9%%B6%%E5%%8F%%91&phone=13800000000&wage=5000"
                        "&start_month=2022-07", eid) < 0)
        return NULL;
    pthread_barrier_wait(a->go);
    a->status = http_post(a->c, "/enroll", body, 1, &r);
    a->ok = a->status == 303;
    a->refused = has(&r, msg_text(MSG_ENROLL_INSURED_HERE));
    resp_free(&r);
    free(body);
    free(eid);
    return NULL;
}

START_TEST(same_person_through_both_hosts_one_wins)
{
    struct client a, b;
    struct resp g;
    char unit[40], id[19];
    pthread_barrier_t go;

    make_unit(unit, sizeof unit, "企业", "集群并发测试公司");
    set_today("2022-08-11 10:00");
    client_init(&a);
    client_init(&b);
    via(&a, "1");
    via(&b, "2");
    ck_assert(login(&a, unit, PW));
    ck_assert(login(&b, unit, PW));
    pthread_barrier_init(&go, NULL, 2);
    for (int round = 0; round < 6; round++) {
        struct racer ra = {&a, id, &go, 0, 0, 0}, rb = {&b, id, &go, 0, 0, 0};
        pthread_t ta, tb;
        make_id(id, 1980 + round, 11, 11, round % 2);
        ck_assert_int_eq(http_get(&a, "/enroll", &g), 200);
        resp_free(&g);
        ck_assert_int_eq(http_get(&b, "/enroll", &g), 200);
        resp_free(&g);
        ck_assert_int_eq(pthread_create(&ta, NULL, race, &ra), 0);
        ck_assert_int_eq(pthread_create(&tb, NULL, race, &rb), 0);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        ck_assert_msg(ra.status == 200 || ra.status == 303, "host 1 answered %ld", ra.status);
        ck_assert_msg(rb.status == 200 || rb.status == 303, "host 2 answered %ld", rb.status);
        ck_assert_msg(ra.ok + rb.ok == 1, "round %d: %d successes", round, ra.ok + rb.ok);
        ck_assert_msg(ra.refused + rb.refused == 1, "round %d: %d refusals", round, ra.refused + rb.refused);
        for (int n = 1; n <= 3; n++) {
            ck_assert_int_eq(node_long(n, "SELECT COUNT(*) FROM persons WHERE id_no='%s'", id), 1);
            ck_assert_int_eq(node_long(n, "SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id=e.person_id"
                                          " WHERE p.id_no='%s'", id), 6);
            ck_assert_int_eq(node_long(n, "SELECT COUNT(*) FROM contributions WHERE id_no='%s'", id), 12);
            ck_assert_int_eq(node_long(n, "SELECT COUNT(*) FROM declarations WHERE id_no='%s'"
                                          " AND type='参保人员增员申报'", id), 1);
        }
    }
    pthread_barrier_destroy(&go);
    client_free(&a);
    client_free(&b);
}
END_TEST

/* ---- many enrolments of ONE unit through both hosts ------------------------------------ */

#define HOT_THREADS 8            /* per host */
#define HOT_PERSONS 40

struct hot_worker {
    const char *unit;
    const char *host;
    int first, step;             /* its persons: first, first + step, ... */
    char (*ids)[19];
    pthread_barrier_t *go;
    long bad_status;             /* the first answer other than 303, else 0 */
    char said[128];              /* and the message it carried */
    int ok;
};

static void *hot_enrol(void *arg)
{
    struct hot_worker *w = arg;
    struct client c;
    struct resp r;

    client_init(&c);
    via(&c, w->host);
    if (!login(&c, w->unit, PW))
        w->bad_status = -1;
    pthread_barrier_wait(w->go);
    for (int i = w->first; i < HOT_PERSONS && w->bad_status == 0; i += w->step) {
        char *body, *eid = urlenc(w->ids[i]);
        long st;

        if (asprintf(&body, "id_no=%s&name=%%E7%%83%%AD%%E8%%A1%%8C&phone=13800000000"
                            "&wage=%d&start_month=2022-06", eid, 4000 + 37 * i) < 0)
            break;
        if (http_get(&c, "/enroll", &r) != 200)        /* a fresh csrf token */
            w->bad_status = -2;
        resp_free(&r);
        st = http_post(&c, "/enroll", body, 1, &r);
        if (st == 303)
            w->ok++;
        else if (w->bad_status == 0) {
            const char *m = r.body.p ? strstr(r.body.p, "【") : NULL;
            w->bad_status = st;
            snprintf(w->said, sizeof w->said, "%.120s", m ? m : "");
        }
        resp_free(&r);
        free(body);
        free(eid);
    }
    client_free(&c);
    return NULL;
}

/* The kept counts and totals of unit uid on node n that differ from a recount
 * of its enrolments and contributions (summed over the shards). */
static long node_counts_mismatches(int n, long uid)
{
    return node_long(n,
        "SET SESSION wsrep_sync_wait = 1; SELECT"
        " (SELECT COUNT(*) FROM (SELECT type_code, SUM(end_date IS NULL OR end_date >= start_month) e,"
        "  COUNT(DISTINCT person_id) p, SUM(kind = '在职' AND end_date IS NULL) w,"
        "  SUM(kind = '退休' AND end_date IS NULL) r FROM enrolments WHERE unit_id = %ld"
        "  GROUP BY type_code) a LEFT JOIN (SELECT type_code, SUM(enrolments) e, SUM(persons) p,"
        "  SUM(employees) w, SUM(retirees) r FROM unit_type_counts WHERE unit_id = %ld"
        "  GROUP BY type_code) c USING (type_code)"
        "  WHERE NOT (a.e <=> c.e AND a.p <=> c.p AND a.w <=> c.w AND a.r <=> c.r))"
        " + (SELECT COUNT(*) FROM (SELECT month, type_code, payment_type, COUNT(*) n,"
        "  SUM(base_fen) b, SUM(unit_fen) u, SUM(person_fen) p, SUM(account_fen) a"
        "  FROM contributions WHERE unit_id = %ld GROUP BY month, type_code, payment_type) x"
        "  LEFT JOIN (SELECT month, type_code, payment_type, SUM(persons) n, SUM(base_fen) b,"
        "  SUM(unit_fen) u, SUM(person_fen) p, SUM(account_fen) a FROM unit_month_totals"
        "  WHERE unit_id = %ld GROUP BY month, type_code, payment_type) t"
        "  USING (month, type_code, payment_type)"
        "  WHERE NOT (x.n <=> t.n AND x.b <=> t.b AND x.u <=> t.u AND x.p <=> t.p AND x.a <=> t.a))",
        uid, uid, uid, uid);
}

START_TEST(one_unit_enrolled_by_many_through_both_hosts_never_500)
{
    struct hot_worker w[2 * HOT_THREADS];
    pthread_t th[2 * HOT_THREADS];
    pthread_barrier_t go;
    char unit[40], ids[HOT_PERSONS][19];
    long uid, ok = 0;

    make_unit(unit, sizeof unit, "企业", "集群热行测试公司");
    uid = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit);
    set_today("2022-08-11 10:00");
    for (int i = 0; i < HOT_PERSONS; i++)
        make_id(ids[i], 1980 + i % 15, 1 + i % 12, 1 + i % 28, i % 2);   /* 27 to 42 years old */
    pthread_barrier_init(&go, NULL, 2 * HOT_THREADS);
    for (int k = 0; k < 2 * HOT_THREADS; k++) {
        w[k] = (struct hot_worker){unit, k < HOT_THREADS ? "1" : "2", k, 2 * HOT_THREADS, ids,
                                   &go, 0, "", 0};
        ck_assert_int_eq(pthread_create(&th[k], NULL, hot_enrol, &w[k]), 0);
    }
    for (int k = 0; k < 2 * HOT_THREADS; k++)
        pthread_join(th[k], NULL);
    pthread_barrier_destroy(&go);
    for (int k = 0; k < 2 * HOT_THREADS; k++) {
        ck_assert_msg(w[k].bad_status == 0, "thread %d (host %s) got %ld %s", k, w[k].host,
                      w[k].bad_status, w[k].said);
        ok += w[k].ok;
    }
    ck_assert_int_eq(ok, HOT_PERSONS);
    for (int n = 1; n <= 3; n++) {
        ck_assert_int_eq(node_long(n, "SET SESSION wsrep_sync_wait = 1; SELECT COALESCE(SUM(employees), 0)"
                                      " FROM unit_type_counts WHERE unit_id = %ld AND type_code = '310'",
                                   uid), HOT_PERSONS);
        ck_assert_int_eq(node_long(n, "SELECT COUNT(DISTINCT shard) > 1 FROM unit_type_counts"
                                      " WHERE unit_id = %ld", uid), 1);
        ck_assert_int_eq(node_counts_mismatches(n, uid), 0);
    }
    /* and what `portal-admin recount` rebuilds (one shard) is the same */
    ck_assert_int_eq(admin("recount"), 0);
    for (int n = 1; n <= 3; n++) {
        ck_assert_int_eq(node_counts_mismatches(n, uid), 0);
        ck_assert_int_eq(node_long(n, "SET SESSION wsrep_sync_wait = 1; SELECT COALESCE(SUM(employees), 0)"
                                      " FROM unit_type_counts WHERE unit_id = %ld AND type_code = '310'",
                                   uid), HOT_PERSONS);
    }
}
END_TEST

/* ---- the batch, a node killed -------------------------------------------------------- */

#define BATCH_ROWS 5000

/* The pid of host h's (1, 2) worker, or 0. */
static long worker_of_host(int h)
{
    char path[256];
    long p = 0;
    FILE *f;
    snprintf(path, sizeof path, "var/%s-h%d/pid/worker-child.pid", inst(), h);
    f = fopen(path, "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld", &p) != 1)
        p = 0;
    fclose(f);
    return p;
}

/* The portal host (1, 2) whose worker is process pid, or 0. */
static int host_of_worker(long pid)
{
    for (int h = 1; h <= 2; h++)
        if (pid > 0 && worker_of_host(h) == pid)
            return h;
    return 0;
}

static const char *const TABLES[] = {"persons", "enrolments", "contributions", "wages", "declarations",
                                     "job_rows", "job_chunks", "jobs", "units", "sessions", NULL};

START_TEST(batch_survives_a_killed_node_which_rejoins_by_ist)
{
    struct client c;
    struct resp r;
    struct buf csv = {0};
    char unit[40], id[19], owner[160], *colon, cmd[512];
    long job = 0, pid, processed = 0;
    int host = 0;

    make_unit(unit, sizeof unit, "企业", "集群批量测试公司");
    set_today("2022-08-15 10:00");
    batch_client(&c, unit);
    buf_printf(&csv, "%s\r\n", BATCH_HEADER);
    for (int i = 0; i < BATCH_ROWS; i++) {
        batch_gen_id(id, "3207");
        buf_printf(&csv, "%s,集群批量,%d,13800000000\r\n", id, 4000 + i % 1000);
    }
    ck_assert_int_eq(batch_upload(&c, "2022-09", 0, csv.p, csv.len, &job, &r), 303);
    resp_free(&r);
    buf_free(&csv);
    ck_assert(job > 0);

    /* some chunks done, not all; the two workers claim chunks of the job
     * (job_chunks): the node of a worker that holds one is killed */
    for (int i = 0; i < 6000; i++) {
        processed = sql_long("SELECT processed FROM jobs WHERE id = %ld", job);
        if (processed >= 600)
            break;
        usleep(50000);
    }
    ck_assert_msg(processed >= 600 && processed < BATCH_ROWS,
                  "job %ld: %ld rows processed when the node was to be killed", job, processed);
    sql_str(owner, sizeof owner, "SELECT COALESCE(MAX(owner), '') FROM job_chunks WHERE job_id = %ld"
            " AND done = 0 AND owner IS NOT NULL", job);
    colon = strrchr(owner, ':');
    pid = colon ? atol(colon + 1) : 0;
    host = host_of_worker(pid);
    if (host == 0)
        host = 1;    /* both between two chunks at that moment */
    /* host H's programs and worker use node H first */
    snprintf(cmd, sizeof cmd, "conf/cluster kill-node %s %d >/dev/null", inst(), host);
    ck_assert_int_eq(system(cmd), 0);
    printf("cluster: job %ld at %ld of %d rows, a chunk held by %s (host %d): node %d killed\n", job,
           processed, BATCH_ROWS, owner[0] ? owner : "none", host, host);

    batch_wait_done(job, 900);
    ck_assert_int_eq(sql_long("SELECT processed FROM jobs WHERE id = %ld", job), BATCH_ROWS);
    ck_assert_int_eq(sql_long("SELECT total FROM jobs WHERE id = %ld", job), BATCH_ROWS);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND status = 'ok'", job),
                     BATCH_ROWS);
    /* no row applied twice: one base record, one 增员 declaration, one
     * contribution a month and type per person */
    ck_assert_int_eq(sql_long("SELECT COUNT(DISTINCT e.person_id) FROM enrolments e JOIN units u"
                              " ON u.id = e.unit_id WHERE u.unit_no = '%s'", unit), BATCH_ROWS);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                              " WHERE u.unit_no = '%s' AND d.type = '参保人员增员申报'", unit), BATCH_ROWS);
    ck_assert_int_eq(sql_long("SELECT COUNT(DISTINCT d.id_no) FROM declarations d JOIN units u ON u.id = d.unit_id"
                              " WHERE u.unit_no = '%s' AND d.type = '参保人员增员申报'", unit), BATCH_ROWS);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM (SELECT e.person_id, e.type_code FROM enrolments e"
                              " JOIN units u ON u.id = e.unit_id WHERE u.unit_no = '%s'"
                              " GROUP BY e.person_id, e.type_code HAVING COUNT(*) > 1) x", unit), 0);
    /* both hosts' workers processed chunks of the job: each chunk keeps the
     * worker that did it ("host:pid"; both hosts run on this machine, the
     * pid tells them apart) */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND done = 0", job), 0);
    for (int h = 1; h <= 2; h++) {
        long wp = worker_of_host(h), n;
        ck_assert_msg(wp > 0, "no worker pid for host %d", h);
        n = sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld AND owner LIKE '%%:%ld'", job, wp);
        printf("cluster: host %d's worker (pid %ld) processed %ld of %ld chunks\n", h, wp, n,
               sql_long("SELECT COUNT(*) FROM job_chunks WHERE job_id = %ld", job));
        ck_assert_msg(n > 0, "host %d's worker processed no chunk of job %ld", h, job);
    }

    /* the killed node rejoins by IST (its gcache position is kept), and has
     * the same rows as the others */
    snprintf(cmd, sizeof cmd, "conf/cluster start-node %s %d >/dev/null && conf/cluster wait-synced %s %d 3",
             inst(), host, inst(), host);
    ck_assert_int_eq(system(cmd), 0);
    /* its log since that start: writesets received by IST, no copy (the rsync
     * script says "rsync IST completed" then, "rsync SST completed" after a copy) */
    snprintf(cmd, sizeof cmd, "tac var/%s/node%d/mariadb.log | sed '/Starting MariaDB/q' > var/%s/rejoin.log"
             " && grep -q 'IST received' var/%s/rejoin.log && ! grep -q 'SST completed' var/%s/rejoin.log",
             inst(), host, inst(), inst(), inst());
    ck_assert_msg(system(cmd) == 0, "node %d did not rejoin by IST alone (var/%s/node%d/mariadb.log)",
                  host, inst(), host);
    for (int t = 0; TABLES[t]; t++) {
        long n1 = node_long(1, "SELECT COUNT(*) FROM %s", TABLES[t]);
        for (int n = 2; n <= 3; n++)
            ck_assert_msg(node_long(n, "SELECT COUNT(*) FROM %s", TABLES[t]) == n1,
                          "%s: node %d differs from node 1 (%ld rows)", TABLES[t], n, n1);
    }
    client_free(&c);
}
END_TEST

/* ---- settlement and the notice ------------------------------------------------------- */

/* Removes the digits of data-ends-in="…" from the page (in place); its new length. */
static size_t without_ends_in(char *p, size_t len)
{
    static const char key[] = "data-ends-in=\"";
    char *q = p ? memmem(p, len, key, sizeof key - 1) : NULL;
    size_t n = 0;

    if (!q)
        return len;
    q += sizeof key - 1;
    while (q + n < p + len && q[n] >= '0' && q[n] <= '9')
        n++;
    memmove(q, q + n, (size_t)(p + len - (q + n)));
    return len - n;
}

START_TEST(deck_settled_through_one_node_same_on_every_node_and_host)
{
    struct client c;
    struct resp r1, r2;
    char deck[40];
    static const char *const figures[] = {"271,206.06", "1,028,842.86", "1,300,048.92", NULL};

    /* portal-admin settle 2022-08 through node 3 (PORTAL_CONF) */
    deck_unit(deck, sizeof deck, "集群通知单测试医院");
    for (int n = 1; n <= 3; n++) {
        ck_assert_int_eq(node_long(n, "SELECT SUM(c.unit_fen) FROM contributions c JOIN units u ON u.id = c.unit_id"
                                      " WHERE u.unit_no = '%s' AND c.month = '2022-08-01'", deck), 102884286);
        ck_assert_int_eq(node_long(n, "SELECT SUM(c.person_fen) FROM contributions c JOIN units u ON u.id = c.unit_id"
                                      " WHERE u.unit_no = '%s' AND c.month = '2022-08-01'", deck), 27120606);
        ck_assert_int_eq(node_long(n, "SELECT COUNT(DISTINCT c.id_no) FROM contributions c JOIN units u"
                                      " ON u.id = c.unit_id WHERE u.unit_no = '%s' AND c.month = '2022-08-01'",
                                      deck), DECK_N);
    }
    set_today("2022-09-20");
    client_init(&c);
    via(&c, "1");
    ck_assert(login(&c, deck, PW));
    ck_assert_int_eq(http_get(&c, "/report/notice?month=2022-08", &r1), 200);
    via(&c, "2");
    ck_assert_int_eq(http_get(&c, "/report/notice?month=2022-08", &r2), 200);
    for (int i = 0; figures[i]; i++)
        ck_assert_msg(has(&r1, figures[i]), "%s", figures[i]);
    /* the footer's seconds until the session ends count down with the real
     * clock: two requests may straddle a second */
    size_t n1 = without_ends_in(r1.body.p, r1.body.len), n2 = without_ends_in(r2.body.p, r2.body.len);
    ck_assert_int_eq(n1, n2);
    ck_assert(memcmp(r1.body.p, r2.body.p, n1) == 0);
    resp_free(&r1);
    resp_free(&r2);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cluster");
    TCase *t = tcase_create("galera");
    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_set_timeout(t, 1200);
    tcase_add_test(t, login_on_host_1_continues_on_host_2);
    tcase_add_test(t, same_person_through_both_hosts_one_wins);
    tcase_add_test(t, one_unit_enrolled_by_many_through_both_hosts_never_500);
    tcase_add_test(t, deck_settled_through_one_node_same_on_every_node_and_host);
    tcase_add_test(t, batch_survives_a_killed_node_which_rejoins_by_ist);
    suite_add_tcase(s, t);
    return it_run(s);
}
