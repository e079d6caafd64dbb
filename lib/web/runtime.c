/*
 * runtime — the pre-fork master and the per-request pipeline of every page
 * program. Preconditions are checked here once, in this order: database,
 * route (404/405), inputs (400/413), session (303 to /login), CSRF (403),
 * role (403, or 303 to /password while the password is an initial one).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "web/web.h"
#include "web/internal.h"
#include "base/log.h"

#define MAX_WORKERS CONF_MAX_WORKERS

static volatile sig_atomic_t stopping;
static volatile sig_atomic_t in_request;

static void on_master_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

/* A worker told to stop while idle in accept() leaves at once; mid-request it
 * finishes the request first. */
static void on_worker_signal(int sig)
{
    (void)sig;
    if (!in_request)
        _exit(0);
    stopping = 1;
}

static const struct route *find_route(const struct page_def *def, const char *method,
                                      const char *path, int *path_known)
{
    const struct route *rt;
    int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;

    *path_known = 0;
    for (rt = def->routes; rt->path; rt++) {
        int match = (rt->flags & ROUTE_PREFIX)
                        ? strncmp(path, rt->path, strlen(rt->path)) == 0
                        : strcmp(path, rt->path) == 0;
        if (!match)
            continue;
        *path_known = 1;
        if (strcmp(rt->method, method) == 0 || (is_get && strcmp(rt->method, "GET") == 0))
            return rt;
    }
    return NULL;
}

/* Fills what the request knows before anything can fail. */
static void req_init(struct req *r, FCGX_Request *fx, const struct portal_conf *cfg,
                     const struct page_def *def)
{
    const char *uri;

    memset(r, 0, sizeof *r);
    r->fcgi = fx;
    r->cfg = cfg;
    r->page = def;
    r->real_now = conf_real_now();
    r->policy = cfg->policy;
    conf_business_now(cfg, &r->now);
    r->method = FCGX_GetParam("REQUEST_METHOD", fx->envp);
    r->addr = FCGX_GetParam("REMOTE_ADDR", fx->envp);
    uri = FCGX_GetParam("DOCUMENT_URI", fx->envp);
    if (!uri)
        uri = FCGX_GetParam("SCRIPT_NAME", fx->envp);
    r->path = uri ? uri : "/";
    if (!r->method)
        r->method = "GET";
    if (!r->addr)
        r->addr = "";
}

/* The page to come back to after a new login (spec §11 /login?next=): the
 * path, for a GET its query too, when the page answers a GET there; "" for
 * none (the home page, a path that is no plain local path). */
static void next_of(const struct req *r, const struct page_def *def, struct buf *next)
{
    const char *qs = FCGX_GetParam("QUERY_STRING", r->fcgi->envp);
    int is_get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0, known;

    if (strcmp(r->path, "/") == 0 || !find_route(def, "GET", r->path, &known))
        return;
    buf_puts(next, r->path);
    if (is_get && qs && *qs)
        buf_printf(next, "?%s", qs);
    if (next->p && !web_local_path(next->p, WEB_NEXT_MAX)) {   /* the query made it too long */
        next->len = 0;
        buf_puts(next, r->path);
    }
    if (next->p && !web_local_path(next->p, WEB_NEXT_MAX))
        next->len = 0;
}

/* 303 to /login (expired=1 when a session cookie had expired), with next=. */
static int to_login(struct req *r, const struct page_def *def, int expired)
{
    struct buf loc = {0}, next = {0};
    int rc;

    next_of(r, def, &next);
    buf_puts(&loc, expired ? "/login?expired=1" : "/login");
    if (next.len) {
        buf_puts(&loc, expired ? "&next=" : "?next=");
        buf_url(&loc, next.p);
    }
    rc = loc.p ? web_redirect(r, loc.p) : web_fail(r, "building the login redirect");
    buf_free(&loc);
    buf_free(&next);
    return rc;
}

/* A refusal before the session is known (route, inputs) still shows the
 * logged-in frame and menu to a clerk with a session: the session is read
 * for the error page only, after the refusal was decided, so neither the
 * order of the refusals nor their statuses change. */
static int refuse(struct req *r, int status)
{
    /* the database failing here leaves the logged-out frame, which will do */
    if (session_load(r) < 0 || (r->has_session && session_prepare_csrf(r) != 0))
        r->has_session = 0;
    return web_error(r, status, NULL);
}

/* The role check after CSRF (spec §7b), from the route's flags: 0 to go on,
 * else the request has been answered. A session whose password is an initial
 * or reset one reaches only the routes marked ROUTE_FIRST (/password,
 * /logout) until it is changed. */
static int role_refused(struct req *r)
{
    unsigned f = r->route->flags;
    int is_post = strcmp(r->method, "POST") == 0;

    if (!r->has_session || (f & ROUTE_PUBLIC))
        return 0;
    if (r->sess.must_change && !(f & ROUTE_FIRST))
        return web_redirect(r, "/password?first=1"), 1;
    if ((f & ROUTE_ADMIN) && strcmp(r->sess.role, ROLE_ADMIN) != 0)
        return web_error(r, 403, msg_text(MSG_ROLE_REFUSED)), 1;
    if (is_post && !(f & ROUTE_ANY_ROLE) && strcmp(r->sess.role, ROLE_VIEWER) == 0)
        return web_error(r, 403, msg_text(MSG_ROLE_REFUSED)), 1;
    return 0;
}

/* The preconditions after the database, in order: route, inputs, session,
 * CSRF, role. Returns 1 when the request may reach its handler, 0 when it has been
 * answered. */
static int admit(struct req *r, const struct page_def *def)
{
    int path_known = 0, rc;

    req_read_cookies(r);
    r->route = find_route(def, r->method, r->path, &path_known);
    if (!r->route)
        return refuse(r, path_known ? 405 : 404), 0;
    rc = req_read_input(r, def);
    if (rc != 0)
        return refuse(r, rc), 0;
    rc = session_load(r);
    if (rc < 0)
        return web_fail(r, "loading the session"), 0;
    if (!r->has_session && !(r->route->flags & ROUTE_PUBLIC))
        return to_login(r, def, rc == 1), 0;
    if (session_prepare_csrf(r) != 0)
        return web_fail(r, "preparing the CSRF token"), 0;
    if (strcmp(r->method, "POST") == 0 && !csrf_ok(r))
        return web_error(r, 403, msg_text(MSG_CSRF)), 0;
    return !role_refused(r);
}

/* One request, start to finish. Every allocation made for it is released
 * before it returns; every 500 is logged with its context (web_fail). */
static void serve(FCGX_Request *fx, const struct portal_conf *cfg, struct store **db,
                  const struct page_def *def)
{
    struct req r;

    req_init(&r, fx, cfg, def);
    store_error_clear(*db);
    if (req_hdf_init(&r) != 0) {
        web_fail(&r, "setting up the page data");
        goto out;
    }

    if (!*db)
        store_open(db, &cfg->db);
    r.db = *db;
    store_set_actor(*db, 0, NULL);   /* set again from this request's session */
    if (!*db || store_ensure(*db) != 0) {
        r.failed_at = "connecting to the database";
        web_error(&r, 503, NULL);
        goto out;
    }

    if (admit(&r, def) && (r.route->handler(&r) != 0 || !r.responded)) {
        store_rollback(r.db);
        web_fail(&r, r.responded ? "the handler failed after answering"
                                 : "the handler failed");
    }
out:
    if (r.db)
        store_end_request(r.db);
    req_release(&r);
}

/* Connections a worker keeps open between requests (nginx's `fastcgi_keep_conn on`
 * with an upstream `keepalive` pool): past this many it stops accepting and
 * leaves new connections to the other workers. */
#define KEPT_MAX 32

/* One request on slot x: read it (x's kept connection, or a fresh one accepted
 * from the listener), serve it, finish it (the connection stays open when nginx
 * asked for FCGI_KEEP_CONN). Returns -1 when there was no request: the kept
 * connection was closed by nginx, or another worker took the new connection. */
static int serve_one(FCGX_Request *x, const struct portal_conf *cfg, struct store **db,
                     const struct page_def *def)
{
    if (FCGX_Accept_r(x) < 0)
        return -1;
    in_request = 1;
    serve(x, cfg, db, def);
    FCGX_Finish_r(x);
    in_request = 0;
    return 0;
}

/* The worker's loop. A worker never blocks on one connection: it polls the
 * listener and every connection it keeps, and serves whichever has a request,
 * one at a time. A kept connection idle in nginx's pool therefore never holds up
 * a request that nginx sent on another connection (fcgi2 alone would block in
 * read() on the kept one). The listener is non-blocking: when several workers
 * wake for one new connection, the losers' accept() fails with EAGAIN and they
 * go back to polling. Without keep_conn every connection closes after its
 * request, as before. */
static int worker_main(int sock, const struct portal_conf *cfg, const struct page_def *def)
{
    FCGX_Request fx[KEPT_MAX];
    struct pollfd pf[KEPT_MAX + 1];
    int slot_of[KEPT_MAX + 1];
    struct store *db = NULL;
    struct sigaction sa;
    int i, flags;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_worker_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (store_open(&db, &cfg->db) != 0)
        log_msg(LOG_WARN, "database not reachable yet; will retry per request");
    flags = fcntl(sock, F_GETFL);
    if (flags < 0 || fcntl(sock, F_SETFL, flags | O_NONBLOCK) != 0) {
        log_msg(LOG_ERROR, "cannot make the listening socket non-blocking: %s", strerror(errno));
        store_close(&db);
        return 1;
    }
    for (i = 0; i < KEPT_MAX; i++)
        FCGX_InitRequest(&fx[i], sock, 0);
    while (!stopping) {
        int n = 0, free_slot = -1, ready;

        in_request = 0;
        for (i = 0; i < KEPT_MAX; i++) {
            if (fx[i].ipcFd >= 0) {
                pf[n].fd = fx[i].ipcFd;
                pf[n].events = POLLIN;
                slot_of[n++] = i;
            } else if (free_slot < 0) {
                free_slot = i;
            }
        }
        if (free_slot >= 0) {          /* room for one more: the listener too */
            pf[n].fd = sock;
            pf[n].events = POLLIN;
            slot_of[n++] = free_slot;
        }
        ready = poll(pf, (nfds_t)n, -1);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            log_msg(LOG_ERROR, "poll: %s", strerror(errno));
            break;
        }
        for (i = 0; i < n && !stopping; i++)
            if (pf[i].revents)
                serve_one(&fx[slot_of[i]], cfg, &db, def);
    }
    for (i = 0; i < KEPT_MAX; i++)
        if (fx[i].ipcFd >= 0)
            FCGX_Free(&fx[i], 1);
    store_close(&db);
    tpl_cache_free();
    return 0;
}

static pid_t spawn(int sock, const struct portal_conf *cfg, const struct page_def *def)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(worker_main(sock, cfg, def));
    if (pid < 0)
        log_msg(LOG_ERROR, "fork: %s", strerror(errno));
    return pid;
}

static void usage(const char *prog)
{
    fprintf(stderr, "usage: %s --conf FILE [--socket PATH] [--workers N]\n"
                    "without --socket the listening socket is fd 0 (spawn-fcgi, systemd)\n",
            prog);
}

/* --conf, --socket, --workers; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, const char **conf_path, const char **sock_path,
                      int *workers)
{
    static const struct option opts[] = {
        {"conf", required_argument, NULL, 'c'},
        {"socket", required_argument, NULL, 's'},
        {"workers", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int opt;

    while ((opt = getopt_long(argc, argv, "c:s:w:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'c': *conf_path = optarg; break;
        case 's': *sock_path = optarg; break;
        case 'w': *workers = atoi(optarg); break;   /* operator input, bounded below */
        default: usage(argv[0]); return opt == 'h' ? 0 : 2;
        }
    }
    return -1;
}

/* The mode of a fresh socket: read-write for whom the umask lets in (0660
 * under the units' UMask=0007), never execute. bind(2) alone would leave
 * 0777 & ~umask; the socket's group is the program's (the units' Group=,
 * the group nginx's user is put in). */
static mode_t socket_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* The listening socket: a fresh unix socket, or fd 0 (spawn-fcgi, systemd). */
static int open_listener(const char *sock_path)
{
    int sock;

    if (!sock_path)
        return 0;                 /* inherited from spawn-fcgi or systemd */
    unlink(sock_path);
    sock = FCGX_OpenSocket(sock_path, 128);
    if (sock < 0) {
        log_msg(LOG_ERROR, "cannot listen on %s: %s", sock_path, strerror(errno));
        return -1;
    }
    if (chmod(sock_path, socket_mode()) != 0) {
        log_msg(LOG_ERROR, "cannot set the mode of %s: %s", sock_path, strerror(errno));
        close(sock);
        return -1;
    }
    return sock;
}

/* Marks the dead worker's slot free and says why it died. */
static void reap(pid_t *kids, int workers, pid_t dead, int status)
{
    for (int i = 0; i < workers; i++) {
        if (kids[i] != dead)
            continue;
        kids[i] = 0;
        if (!stopping && (WIFSIGNALED(status) || WEXITSTATUS(status) != 0))
            log_msg(LOG_ERROR, "worker %d died (%s %d), replacing it", (int)dead,
                    WIFSIGNALED(status) ? "signal" : "status",
                    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
}

/* The master: keeps `workers` workers alive until told to stop, then stops them. */
static void supervise(int sock, const struct portal_conf *cfg, const struct page_def *def,
                      int workers)
{
    pid_t kids[MAX_WORKERS] = {0};
    time_t last_spawn[MAX_WORKERS] = {0};
    int i;

    while (!stopping) {
        int status, pending = 0;
        pid_t dead;
        time_t now = time(NULL);
        for (i = 0; i < workers; i++) {
            if (kids[i] > 0)
                continue;
            /* a worker that keeps dying at start-up is respawned at most once a second */
            if (now - last_spawn[i] >= 1) {
                last_spawn[i] = now;
                kids[i] = spawn(sock, cfg, def);
            }
            if (kids[i] <= 0)
                pending = 1;
        }
        /* with a respawn pending, poll instead of blocking until the next death */
        dead = waitpid(-1, &status, pending ? WNOHANG : 0);
        if (dead == 0) {
            usleep(100000);
            continue;
        }
        if (dead > 0)
            reap(kids, workers, dead, status);
        /* dead < 0: EINTR, a signal; the loop re-checks `stopping` */
    }
    for (i = 0; i < workers; i++)
        if (kids[i] > 0)
            kill(kids[i], SIGTERM);
    for (i = 0; i < workers; i++)
        if (kids[i] > 0)
            waitpid(kids[i], NULL, 0);
}

int web_main(int argc, char **argv, const struct page_def *def)
{
    const char *conf_path = NULL, *sock_path = NULL;
    int workers = 0, sock, rc;
    struct sigaction sa;
    struct portal_conf cfg;

    if ((rc = parse_args(argc, argv, &conf_path, &sock_path, &workers)) >= 0)
        return rc;
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    log_init(def->name);
    if (fields_check_table(def->fields, def->nfields) != 0) {
        log_msg(LOG_ERROR, "the page's field table has a key without a name");
        return 2;
    }
    if (conf_load(&cfg, conf_path) != 0)
        return 1;
    if (workers <= 0)
        workers = cfg.workers;
    if (workers < 1 || workers > MAX_WORKERS) {
        log_msg(LOG_ERROR, "workers must be 1..%d", MAX_WORKERS);
        conf_free(&cfg);
        return 2;
    }
    if (FCGX_Init() != 0 || (sock = open_listener(sock_path)) < 0) {
        conf_free(&cfg);
        return 1;
    }

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_master_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    log_msg(LOG_INFO, "master serving %s with %d workers", sock_path ? sock_path : "fd 0", workers);
    supervise(sock, &cfg, def, workers);
    if (sock_path)
        unlink(sock_path);
    conf_free(&cfg);
    return 0;
}
