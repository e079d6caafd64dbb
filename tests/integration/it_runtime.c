/*
 * Integration: the runtime's reliability promises (spec §10, issue 2 item 4) —
 * a killed FastCGI worker is replaced at once and no request fails meanwhile;
 * the database going away gives the Chinese 503 page, and the portal recovers
 * by itself when it comes back (reconnect + re-prepare).
 */
#include <dirent.h>
#include <libgen.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support/it.h"
#include "rules/messages.h"

static char unit[40];
static char inst_dir[1024];   /* var/<instance> */
static char inst[1024];

static void setup(void)
{
    char conf[1024];
    curl_global_init(CURL_GLOBAL_ALL);
    snprintf(conf, sizeof conf, "%s", getenv("PORTAL_CONF") ? getenv("PORTAL_CONF") : "var/test/portal.hdf");
    snprintf(inst_dir, sizeof inst_dir, "%s", dirname(conf));
    snprintf(inst, sizeof inst, "%s", strrchr(inst_dir, '/') ? strrchr(inst_dir, '/') + 1 : inst_dir);
    make_unit(unit, sizeof unit, "企业", "运行时测试单位");
    set_today("");
    sql("DELETE FROM login_failures");
}

static pid_t master_pid(const char *program)
{
    char path[1200];
    FILE *f;
    long pid = 0;
    snprintf(path, sizeof path, "%s/pid/cgi-%s.pid", inst_dir, program);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "no pid file %s", path);
    ck_assert_int_eq(fscanf(f, "%ld", &pid), 1);
    fclose(f);
    return (pid_t)pid;
}

/* The children of a process, from /proc/<pid>/task/<pid>/children. */
static int children(pid_t parent, pid_t *out, int max)
{
    char path[128];
    FILE *f;
    long v;
    int n = 0;
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)parent, (int)parent);
    f = fopen(path, "r");
    if (!f)
        return 0;
    while (n < max && fscanf(f, "%ld", &v) == 1)
        out[n++] = (pid_t)v;
    fclose(f);
    return n;
}

/* 1 when pid no longer runs (absent, or a zombie waiting for its master). */
static int gone(pid_t pid)
{
    char path[64], buf[512], *p;
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    f = fopen(path, "r");
    if (!f)
        return 1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    p = strrchr(buf, ')');
    return p && p[1] == ' ' && p[2] == 'Z';
}

START_TEST(killed_worker_is_replaced_and_no_request_fails)
{
    struct client c;
    struct resp r;
    pid_t master, kids[64], after[64];
    int n, m = 0, i;

    client_init(&c);
    ck_assert(login(&c, unit, PW));
    master = master_pid("home");
    n = children(master, kids, 64);
    ck_assert_int_ge(n, 1);
    ck_assert_int_eq(kill(kids[0], SIGKILL), 0);
    /* a signal is delivered asynchronously: a request that reached the dying
     * worker's accept() is lost with it (nginx answers 502) — that is the
     * crash itself; the promise is that nothing fails once it is gone */
    for (i = 0; i < 50 && !gone(kids[0]); i++)
        usleep(100000);
    ck_assert(gone(kids[0]));
    for (i = 0; i < 30; i++) {
        ck_assert_int_eq(http_get(&c, "/", &r), 200);
        resp_free(&r);
    }
    for (i = 0; i < 50; i++) {
        m = children(master, after, 64);
        if (m == n)
            break;
        usleep(100000);
    }
    ck_assert_int_eq(m, n);
    for (i = 0; i < m; i++)
        ck_assert_int_ne(after[i], kids[0]);
    client_free(&c);
}
END_TEST

START_TEST(database_down_gives_503_page_and_portal_recovers)
{
    struct client c;
    struct resp r;
    client_init(&c);
    ck_assert(login(&c, unit, PW));
    ck_assert_int_eq(http_get(&c, "/", &r), 200);
    resp_free(&r);

    ck_assert_int_eq(run("conf/stack db-stop %s >/dev/null 2>&1", inst), 0);
    ck_assert_int_eq(http_get(&c, "/", &r), 503);
    ck_assert(has(&r, msg_text(MSG_DB_DOWN)));
    ck_assert(has(&r, "<html"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/login", &r), 503);
    resp_free(&r);

    ck_assert_int_eq(run("conf/stack db-start %s >/dev/null 2>&1", inst), 0);
    /* the same session works again: every worker reconnects on its next request */
    ck_assert_int_eq(http_get(&c, "/", &r), 200);
    ck_assert(has(&r, "运行时测试单位"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/", &r), 200);
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* No ping before each request (issue 15 item 1): a connection the server
 * dropped (a restart, wait_timeout) is found by the request's first
 * statement, which reconnects and runs again — the clerk sees nothing. */
START_TEST(a_dropped_connection_is_replaced_by_the_next_request_unseen)
{
    struct client c;
    struct resp r;
    char ids[4096];
    char *p, *save = NULL;
    int i, killed = 0;

    client_init(&c);
    ck_assert(login(&c, unit, PW));
    for (i = 0; i < 8; i++) {        /* every worker has its connection and statements */
        ck_assert_int_eq(http_get(&c, "/", &r), 200);
        resp_free(&r);
    }
    sql_str(ids, sizeof ids, "SELECT GROUP_CONCAT(id) FROM information_schema.processlist"
                             " WHERE user = 'portal' AND id <> CONNECTION_ID()");
    for (p = strtok_r(ids, ",", &save); p; p = strtok_r(NULL, ",", &save), killed++)
        sql("KILL CONNECTION %ld", strtol(p, NULL, 10));
    ck_assert_int_gt(killed, 1);
    for (i = 0; i < 8; i++) {
        ck_assert_int_eq(http_get(&c, "/", &r), 200);
        ck_assert(has(&r, "运行时测试单位"));
        resp_free(&r);
        ck_assert_int_eq(http_get(&c, "/query/unit", &r), 200);
        resp_free(&r);
    }
    client_free(&c);
}
END_TEST

/* ---- kept FastCGI connections (issue 15 item 1) ---------------------------------- */

/* The directory of the program sockets: that of the instance's MariaDB socket
 * (var/INST/sock, or /tmp/portal-… when that path is too long). */
static void sock_dir(char *out, size_t n)
{
    char conf[1100], line[1024];
    FILE *f;

    snprintf(conf, sizeof conf, "%s/portal.hdf", inst_dir);
    f = fopen(conf, "r");
    ck_assert_msg(f != NULL, "cannot read %s", conf);
    out[0] = '\0';
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "Db.Socket = ", 12) == 0) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, n, "%s", dirname(line + 12));
        }
    fclose(f);
    ck_assert_msg(out[0], "no Db.Socket in %s", conf);
}

/* A connection to a program's socket, as nginx opens it; reads time out after 10 s. */
static int fcgi_connect(const char *program)
{
    struct sockaddr_un a;
    struct timeval tv = {10, 0};
    char dir[900];
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    sock_dir(dir, sizeof dir);
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    snprintf(a.sun_path, sizeof a.sun_path, "%s/%s.sock", dir, program);
    ck_assert_int_ge(fd, 0);
    ck_assert_msg(connect(fd, (struct sockaddr *)&a, sizeof a) == 0, "connect %s", a.sun_path);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static void put_record(unsigned char *b, size_t *n, int type, const void *body, size_t len)
{
    unsigned char h[8] = {1, (unsigned char)type, 0, 1, (unsigned char)(len >> 8),
                          (unsigned char)len, 0, 0};
    memcpy(b + *n, h, 8);
    memcpy(b + *n + 8, body, len);
    *n += 8 + len;
}

static void put_param(unsigned char *p, size_t *n, const char *k, const char *v)
{
    p[(*n)++] = (unsigned char)strlen(k);
    p[(*n)++] = (unsigned char)strlen(v);
    memcpy(p + *n, k, strlen(k));
    *n += strlen(k);
    memcpy(p + *n, v, strlen(v));
    *n += strlen(v);
}

/* One GET of path over fd with FCGI_KEEP_CONN, as nginx sends it with
 * fastcgi_keep_conn on; returns the status of the answer (0: none within
 * the read timeout, or the connection closed). The connection stays open. */
static int fcgi_get(int fd, const char *path)
{
    static const unsigned char begin[8] = {0, 1, 1, 0, 0, 0, 0, 0};   /* RESPONDER, KEEP_CONN */
    unsigned char req[1024], params[512], h[8], body[65536 + 256];
    size_t n = 0, np = 0;
    int status = 0;

    put_param(params, &np, "REQUEST_METHOD", "GET");
    put_param(params, &np, "DOCUMENT_URI", path);
    put_param(params, &np, "SCRIPT_NAME", path);
    put_param(params, &np, "QUERY_STRING", "");
    put_param(params, &np, "REMOTE_ADDR", "127.0.0.1");
    put_record(req, &n, 1, begin, sizeof begin);
    put_record(req, &n, 4, params, np);
    put_record(req, &n, 4, "", 0);
    put_record(req, &n, 5, "", 0);
    ck_assert_int_eq(write(fd, req, n), (ssize_t)n);
    for (;;) {
        size_t len, got = 0;
        ssize_t k;

        while (got < 8 && (k = read(fd, h + got, 8 - got)) > 0)
            got += (size_t)k;
        if (got < 8)
            return 0;
        len = ((size_t)h[4] << 8 | h[5]) + h[6];
        for (got = 0; got < len && (k = read(fd, body + got, len - got)) > 0;)
            got += (size_t)k;
        if (got < len)
            return 0;
        if (h[1] == 6 && status == 0 && len > 12 && memcmp(body, "Status: ", 8) == 0)
            status = atoi((char *)body + 8);
        if (h[1] == 3)              /* FCGI_END_REQUEST */
            return status;
    }
}

/* nginx keeps its connections to a program open between requests (fastcgi_keep_conn,
 * upstream keepalive): connections held open and idle — more of them than the program
 * has workers — never hold up a request sent on another connection, and each is
 * served again when its next request comes. */
START_TEST(idle_kept_connections_hold_up_no_request)
{
    struct client c;
    struct resp r;
    int fd[6], i;

    for (i = 0; i < 6; i++) {
        fd[i] = fcgi_connect("login");
        ck_assert_int_eq(fcgi_get(fd[i], "/login"), 200);
    }
    client_init(&c);
    for (i = 0; i < 4; i++) {
        ck_assert_int_eq(http_get(&c, "/login", &r), 200);
        ck_assert(has(&r, "登录"));
        resp_free(&r);
    }
    for (i = 5; i >= 0; i--)
        ck_assert_int_eq(fcgi_get(fd[i], "/login"), 200);
    for (i = 0; i < 6; i++)
        close(fd[i]);
    ck_assert_int_eq(http_get(&c, "/login", &r), 200);
    resp_free(&r);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime");
    TCase *t = tcase_create("reliability");

    /* fixtures use ck_assert: they must run inside the runner */
    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_set_timeout(t, 180);
    tcase_add_test(t, killed_worker_is_replaced_and_no_request_fails);
    tcase_add_test(t, a_dropped_connection_is_replaced_by_the_next_request_unseen);
    tcase_add_test(t, idle_kept_connections_hold_up_no_request);
    tcase_add_test(t, database_down_gives_503_page_and_portal_recovers);
    suite_add_tcase(s, t);
    return it_run(s);
}
