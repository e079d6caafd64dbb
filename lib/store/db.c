/*
 * db — the connection, the prepared-statement cache, transactions and the
 * binding helpers every other file of the store uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <mysqld_error.h>
#include <errmsg.h>
#include "store/db.h"
#include "base/log.h"

static char *dup_or_null(const char *s)
{
    return (s && *s) ? strdup(s) : NULL;
}

void db_fail(struct store *s, const char *name, const char *detail)
{
    snprintf(s->err, sizeof s->err, "%s: %s", name, detail ? detail : "?");
    log_msg(LOG_ERROR, "store: %s", s->err);
}

/* db_fail for a failure the server numbered e: a deadlock or lock wait
 * timeout inside store_tx is run again (tx_again), so it is logged as a
 * warning, not an error (a conflict that is retried is not a failure; store_tx
 * logs the retry itself, and an error if it gives up). */
static void db_fail_e(struct store *s, const char *name, const char *detail, unsigned e)
{
    if (s->in_tx && (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)) {
        snprintf(s->err, sizeof s->err, "%s: %s", name, detail ? detail : "?");
        log_msg(LOG_WARN, "store: %s (a conflict: the transaction is run again)", s->err);
        return;
    }
    db_fail(s, name, detail);
}

void db_conflict(struct store *s, const char *name, const char *detail)
{
    db_fail(s, name, detail);
    s->last_errno = ER_LOCK_DEADLOCK;
}

static void forget_statements(struct store *s)
{
    for (int i = 0; i < s->nstmt; i++)
        if (s->stmt[i].st)
            mysql_stmt_close(s->stmt[i].st);
    memset(s->stmt, 0, sizeof s->stmt);
    s->nstmt = 0;
}

/* 1 for the errors after which the connection is of no use: the server went
 * away or was killed, or it is a Galera node that is not (any more) part of
 * the primary component (1047 WSREP has not yet prepared node). */
static int conn_dead(unsigned e)
{
    return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_CONNECTION_ERROR ||
           e == ER_CONNECTION_KILLED || e == ER_UNKNOWN_COM_ERROR || e == ER_SERVER_SHUTDOWN;
}

/* The session: utf8mb4, the zone, and on a Galera node its readiness and
 * read-your-writes (wsrep_sync_wait: a page redirected after a POST may be
 * served through another node, which must have applied the write first). */
static int session_setup(struct store *s)
{
    const char *zone = "SET time_zone = '+08:00'";
    const char *wsrep = "SELECT @@wsrep_on, @@wsrep_sync_wait,"
        " (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
        "  WHERE VARIABLE_NAME = 'WSREP_READY')";
    const char *sync = "SET SESSION wsrep_sync_wait = 1";
    MYSQL_RES *res;
    MYSQL_ROW row;
    int on = 0, syncwait = 0, ready = 1;

    /* A private server has no zone tables: a fixed offset, Asia/Shanghai has no DST. */
    if (mysql_real_query(s->db, zone, strlen(zone)) != 0) {
        db_fail(s, "connect.time_zone", mysql_error(s->db));
        return STORE_ERR;
    }
    if (mysql_real_query(s->db, wsrep, strlen(wsrep)) != 0)
        return 0;   /* a server built without wsrep: not Galera */
    res = mysql_store_result(s->db);
    if (res && (row = mysql_fetch_row(res)) != NULL) {
        on = row[0] && atoi(row[0]) == 1;
        syncwait = row[1] ? atoi(row[1]) : 0;
        ready = row[2] && strcmp(row[2], "ON") == 0;
    }
    if (res)
        mysql_free_result(res);
    if (!on)
        return 0;
    if (!ready) {
        db_fail(s, "connect.wsrep", "this Galera node is not ready (not in the primary component, or joining)");
        return STORE_ERR;
    }
    if (!(syncwait & 1) && mysql_real_query(s->db, sync, strlen(sync)) != 0) {
        db_fail(s, "connect.wsrep_sync_wait", mysql_error(s->db));
        return STORE_ERR;
    }
    return 0;
}

static int connect_one(struct store *s, const struct store_host *h)
{
    unsigned int off = 0, timeout = 5, rw_timeout = 60;

    s->db = mysql_init(NULL);
    if (!s->db) {
        db_fail(s, "connect", "mysql_init: out of memory");
        return STORE_ERR;
    }
    /* LOAD DATA LOCAL would let a hostile server read our files. */
    mysql_options(s->db, MYSQL_OPT_LOCAL_INFILE, &off);
    mysql_options(s->db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(s->db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    /* a server that stops answering (a node cut off) is given up after a
     * minute, so the next one is tried; not for portal-admin, whose
     * statements may rightly run longer (the settlement of 1.2 M rows took
     * 2 minutes under load, and was cut off and failed) */
    if (!s->long_statements) {
        mysql_options(s->db, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
        mysql_options(s->db, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
    }
    if (!mysql_real_connect(s->db, h->socket ? NULL : h->host, s->user, s->password,
                            s->database, h->socket ? 0 : h->port, h->socket, 0)) {
        db_fail(s, "connect", mysql_error(s->db));
        mysql_close(s->db);
        s->db = NULL;
        return STORE_ERR;
    }
    if (session_setup(s) != 0) {
        mysql_close(s->db);
        s->db = NULL;
        return STORE_ERR;
    }
    return 0;
}

/* The current server, else each next one in turn (Db.Hosts). */
static int connect_db(struct store *s)
{
    for (int k = 0; k < s->nhost; k++) {
        int i = (s->cur + k) % s->nhost;
        if (connect_one(s, &s->host[i]) == 0) {
            if (k > 0) {
                const struct store_host *h = &s->host[i];
                if (h->socket)
                    log_msg(LOG_WARN, "store: connected to the next server %s", h->socket);
                else
                    log_msg(LOG_WARN, "store: connected to the next server %s:%u", h->host, h->port);
            }
            s->cur = i;
            return 0;
        }
    }
    /* next time, start after the server that failed first */
    if (s->nhost > 1)
        s->cur = (s->cur + 1) % s->nhost;
    return STORE_ERR;
}

/* Drops a connection that is of no use any more (conn_dead): the next
 * store_ensure connects again, to the next server if this one is gone. */
static void drop_connection(struct store *s)
{
    forget_statements(s);
    if (s->db)
        mysql_close(s->db);
    s->db = NULL;
    if (s->nhost > 1)
        s->cur = (s->cur + 1) % s->nhost;
}

/* "HOST:PORT", "HOST" (port 3306) or "/socket" into h. */
static int parse_host(struct store_host *h, const char *item, size_t len)
{
    char buf[256];
    char *colon, *end;
    long port = 3306;

    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, item, len);
    buf[len] = '\0';
    if (buf[0] == '/') {
        h->socket = strdup(buf);
        return h->socket ? 0 : -1;
    }
    colon = strrchr(buf, ':');
    if (colon) {
        *colon = '\0';
        port = strtol(colon + 1, &end, 10);
        if (*end || port <= 0 || port > 65535)
            return -1;
    }
    h->host = strdup(buf[0] ? buf : "127.0.0.1");
    h->port = (unsigned)port;
    return h->host ? 0 : -1;
}

static int parse_hosts(struct store *s, const struct store_config *cfg)
{
    const char *p = cfg->hosts;

    if (!p || !*p) {
        struct store_host *h = &s->host[0];
        h->socket = dup_or_null(cfg->socket);
        h->host = dup_or_null(cfg->host && *cfg->host ? cfg->host : "127.0.0.1");
        h->port = cfg->port ? cfg->port : 3306;
        s->nhost = 1;
        return 0;
    }
    while (*p) {
        size_t len = strcspn(p, ", \t");
        if (len) {
            if (s->nhost == STORE_HOSTS_MAX || parse_host(&s->host[s->nhost], p, len) != 0) {
                log_msg(LOG_ERROR, "store: Db.Hosts: bad or too many servers in '%s'", cfg->hosts);
                return -1;
            }
            s->nhost++;
        }
        p += len;
        p += strspn(p, ", \t");
    }
    return s->nhost ? 0 : -1;
}

int store_open(struct store **out, const struct store_config *cfg)
{
    struct store *s;

    *out = NULL;
    s = calloc(1, sizeof *s);
    if (!s) {
        log_msg(LOG_ERROR, "store: open: out of memory");
        return STORE_ERR;
    }
    s->user = dup_or_null(cfg->user);
    s->password = dup_or_null(cfg->password);
    s->database = dup_or_null(cfg->database);
    s->long_statements = cfg->long_statements;
    {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        s->rng = ((uint64_t)now.tv_nsec << 20) ^ (uint64_t)now.tv_sec ^ ((uint64_t)getpid() << 40)
                 ^ (uint64_t)(uintptr_t)s;
        if (s->rng == 0)
            s->rng = 0x9e3779b97f4a7c15ULL;
    }
    if (parse_hosts(s, cfg) != 0 || connect_db(s) != 0) {
        store_close(&s);
        return STORE_ERR;
    }
    *out = s;
    return 0;
}

void store_close(struct store **sp)
{
    struct store *s;

    if (!sp || !*sp)
        return;
    s = *sp;
    forget_statements(s);
    if (s->db)
        mysql_close(s->db);
    for (int i = 0; i < s->nhost; i++) {
        free(s->host[i].socket);
        free(s->host[i].host);
    }
    free(s->user);
    free(s->password);
    free(s->database);
    free(s);
    *sp = NULL;
}

/* No ping: a round trip on every request for a rare event. A connection the
 * server dropped (restart, wait_timeout) is found by the request's first
 * statement, which then reconnects and runs once more (retry_first below). */
int store_ensure(struct store *s)
{
    s->fresh = 1;
    if (s->db)
        return 0;
    forget_statements(s);
    return connect_db(s);
}

int store_connected(const struct store *s)
{
    return s && s->db;
}

static int conn_dead(unsigned e);

static int gone_away(unsigned e)
{
    return conn_dead(e);
}

/* After statement `name` failed with error e: 1 when it was the request's
 * first statement and the server had gone away, and a new connection is up
 * (its statements to be prepared again): the caller runs it once more —
 * nothing of this request has been written. 0 otherwise; a failed reconnect
 * leaves the store unconnected (the page answers 503). */
static int retry_first(struct store *s, const char *name, unsigned e)
{
    /* a transaction the last reply said was open died with the connection:
     * its statement alone must not run again outside of it */
    int first = s->fresh && s->db && !(s->db->server_status & SERVER_STATUS_IN_TRANS);

    s->fresh = 0;
    s->last_errno = e;
    if (!first || !gone_away(e)) {
        /* a connection of no use is dropped: store_ensure makes a new one */
        if (conn_dead(e))
            drop_connection(s);
        return 0;
    }
    forget_statements(s);
    mysql_close(s->db);
    s->db = NULL;
    if (connect_db(s) != 0)
        return 0;
    log_msg(LOG_WARN, "store: %s: the server had gone away; reconnected, running it again", name);
    s->err[0] = '\0';      /* a later failure of this request logs its own error */
    return 1;
}

const char *store_error(const struct store *s)
{
    return s ? s->err : "no store";
}

void store_error_clear(struct store *s)
{
    if (s)
        s->err[0] = '\0';
}

int db_simple(struct store *s, const char *name, const char *sql)
{
    if (!s->db) {
        db_fail(s, name, "not connected");
        return STORE_ERR;
    }
    if (mysql_real_query(s->db, sql, strlen(sql)) != 0) {
        unsigned e = mysql_errno(s->db);
        db_fail_e(s, name, mysql_error(s->db), e);
        if (retry_first(s, name, e))
            return db_simple(s, name, sql);
        return STORE_ERR;
    }
    s->fresh = 0;
    return 0;
}

uint32_t store_rand(struct store *s)
{
    uint64_t x = s->rng;        /* xorshift64* */

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    s->rng = x;
    return (uint32_t)((x * 0x2545F4914F6CDD1DULL) >> 32);
}

int store_begin(struct store *s)
{
    s->committing = 0;
    s->last_errno = 0;
    /* the counts shard of this transaction (022_galera_hot, store/counts.h) */
    s->shard = store_rand(s) % STORE_COUNT_SHARDS;
    return db_simple(s, "begin", "START TRANSACTION");
}

int store_begin_read_committed(struct store *s)
{
    s->committing = 0;
    s->last_errno = 0;
    if (db_simple(s, "begin.isolation", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED") != 0)
        return STORE_ERR;
    return db_simple(s, "begin", "START TRANSACTION");
}

int store_commit(struct store *s)
{
    int rc;

    s->committing = 1;
    rc = db_simple(s, "commit", "COMMIT");
    if (rc == 0)
        s->committing = 0;
    return rc;
}

static long tx_retries;

long store_tx_retries(void)
{
    return tx_retries;
}

/* 1 when a failed run of a transaction may run again: a deadlock or lock wait
 * timeout (the server rolled it back: on Galera, 1213 is the certification
 * conflict), or a connection lost before COMMIT was sent (nothing of it was
 * committed) and a new one is up. */
static int tx_again(struct store *s)
{
    unsigned e = s->last_errno;

    if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT) {
        store_rollback(s);
        return 1;
    }
    if (conn_dead(e) && !s->committing) {
        if (s->db)
            drop_connection(s);
        return connect_db(s) == 0;
    }
    return 0;
}

/* Milliseconds since some fixed point (CLOCK_MONOTONIC). */
static long long mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int store_tx(struct store *s, store_tx_fn fn, void *arg)
{
    int rc = STORE_ERR;
    long long deadline = mono_ms() + STORE_TX_BUDGET_MS;

    for (int attempt = 1; attempt <= STORE_TX_ATTEMPTS; attempt++) {
        int outer = s->in_tx;
        s->last_errno = 0;
        s->committing = 0;
        /* the last run's conflict is not retried: logged as an error */
        s->in_tx = attempt < STORE_TX_ATTEMPTS;
        rc = fn(s, arg);
        s->in_tx = outer;
        if (rc != STORE_ERR || attempt == STORE_TX_ATTEMPTS || !tx_again(s))
            break;
        /* the other transaction is committing: wait a random part of a
         * window that doubles with each run (5, 10, 20 .. 320 ms: "full
         * jitter"), so two losers do not meet again; never past the budget */
        long long cap = 5LL << (attempt - 1 < 6 ? attempt - 1 : 6);
        long long wait = 1 + (long long)(store_rand(s) % (uint32_t)cap);
        long long left = deadline - mono_ms();
        if (left <= wait) {
            log_msg(LOG_ERROR, "store: %s (no time left to run the transaction again)", s->err);
            break;
        }
        tx_retries++;
        log_msg(LOG_WARN, "store: transaction failed (%u, %s): running it again in %lld ms"
                " (run %d of at most %d)", s->last_errno, s->err, wait, attempt + 1,
                STORE_TX_ATTEMPTS);
        s->err[0] = '\0';
        struct timespec ts = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    return rc;
}

struct tx_frame {
    store_tx_fn fn;
    void *arg;
    int *ok;
};

static int frame_run(struct store *s, void *arg)
{
    struct tx_frame *f = arg;
    int rc;

    if (store_begin(s) != 0)
        return STORE_ERR;
    rc = f->fn(s, f->arg);
    if (rc != 0) {
        store_rollback(s);
        *f->ok = 0;
        return rc;
    }
    if (*f->ok ? store_commit(s) != 0 : store_rollback(s) != 0) {
        store_rollback(s);
        *f->ok = 0;
        return STORE_ERR;
    }
    return 0;
}

int store_tx_ok(struct store *s, store_tx_fn fn, void *arg, int *ok)
{
    struct tx_frame f = {fn, arg, ok};

    return store_tx(s, frame_run, &f);
}

int store_galera_check(struct store *s, char *why, size_t whylen)
{
    const char *vars = "SELECT @@wsrep_on, @@binlog_format";
    MYSQL_RES *res;
    MYSQL_ROW row;
    int on = 0, n = 0;
    size_t len = 0;

    why[0] = '\0';
    if (!s->db)
        return STORE_ERR;
    if (mysql_real_query(s->db, vars, strlen(vars)) != 0)
        return 0;    /* no wsrep in this server */
    res = mysql_store_result(s->db);
    if (res && (row = mysql_fetch_row(res)) != NULL) {
        on = row[0] && atoi(row[0]) == 1;
        if (on && (!row[1] || strcmp(row[1], "ROW") != 0)) {
            len += (size_t)snprintf(why + len, whylen - len, "binlog_format=%s (Galera needs ROW); ",
                                    row[1] ? row[1] : "?");
            n++;
        }
    }
    if (res)
        mysql_free_result(res);
    if (!on)
        return 0;
    {
        /* tables of another engine are not replicated; a table without a
         * primary key is replicated row by row by full scans, and its
         * deletes may differ between nodes. Two plain queries: MariaDB
         * 10.11 crashed on a correlated subquery over information_schema
         * run by many programs at once. */
        static const char *const probe[2] = {
            "SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES"
            " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"
            " AND (ENGINE IS NULL OR ENGINE <> 'InnoDB')",
            "SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES"
            " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"
            " AND TABLE_NAME NOT IN (SELECT TABLE_NAME FROM information_schema.STATISTICS"
            "  WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'PRIMARY')"};
        for (int q = 0; q < 2; q++) {
            if (mysql_real_query(s->db, probe[q], strlen(probe[q])) != 0) {
                db_fail(s, "galera_check", mysql_error(s->db));
                return STORE_ERR;
            }
            res = mysql_store_result(s->db);
            while (res && (row = mysql_fetch_row(res)) != NULL && len < whylen - 1) {
                len += (size_t)snprintf(why + len, whylen - len, "table %s: %s; ", row[0],
                                        q ? "no primary key" : "not InnoDB");
                n++;
            }
            if (res)
                mysql_free_result(res);
        }
    }
    if (len >= whylen)
        why[whylen - 1] = '\0';
    return n ? 1 : 0;
}

int store_rollback(struct store *s)
{
    if (!s || !s->db)
        return 0;
    return db_simple(s, "rollback", "ROLLBACK");
}

int store_end_request(struct store *s)
{
    /* the server reports an open transaction in every reply: no round trip
     * unless a handler really left one behind */
    if (!s || !s->db || !(s->db->server_status & SERVER_STATUS_IN_TRANS))
        return 0;
    return store_rollback(s);
}

int store_exec_trusted(struct store *s, const char *sql)
{
    MYSQL_RES *res;

    if (db_simple(s, "exec", sql) != 0)
        return STORE_ERR;
    /* A script statement may return rows (SELECT); drain them. */
    res = mysql_store_result(s->db);
    if (res)
        mysql_free_result(res);
    return 0;
}

/* ---- the statement cache ---------------------------------------------------- */

MYSQL_STMT *db_stmt(struct store *s, const char *name, const char *sql)
{
    MYSQL_STMT *st;

    for (int i = 0; i < s->nstmt; i++)
        if (s->stmt[i].name == name || strcmp(s->stmt[i].name, name) == 0)
            return s->stmt[i].st;
    if (!s->db) {
        db_fail(s, name, "not connected");
        return NULL;
    }
    if (s->nstmt == STORE_STMT_MAX) {
        db_fail(s, name, "statement cache full (raise STORE_STMT_MAX)");
        return NULL;
    }
    st = mysql_stmt_init(s->db);
    if (!st) {
        db_fail(s, name, mysql_error(s->db));
        return NULL;
    }
    if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
        unsigned e = mysql_stmt_errno(st);
        db_fail_e(s, name, mysql_stmt_error(st), e);
        mysql_stmt_close(st);
        return retry_first(s, name, e) ? db_stmt(s, name, sql) : NULL;
    }
    s->stmt[s->nstmt].name = name;
    s->stmt[s->nstmt].st = st;
    s->nstmt++;
    return st;
}

static int run(struct store *s, const char *name, MYSQL_STMT *st, struct sbind *in)
{
    unsigned long want = mysql_stmt_param_count(st);

    if (in && in->overflow) {
        db_fail(s, name, "too many parameters for struct sbind");
        return STORE_ERR;
    }
    if ((unsigned long)(in ? in->n : 0) != want) {
        char msg[96];
        snprintf(msg, sizeof msg, "bound %d parameters, statement has %lu",
                 in ? in->n : 0, want);
        db_fail(s, name, msg);
        return STORE_ERR;
    }
    if (want && mysql_stmt_bind_param(st, in->b) != 0) {
        db_fail(s, name, mysql_stmt_error(st));
        return STORE_ERR;
    }
    if (mysql_stmt_execute(st) != 0) {
        unsigned e = mysql_stmt_errno(st);
        db_fail_e(s, name, mysql_stmt_error(st), e);
        if (retry_first(s, name, e))
            return STORE_RETRY;
        return e == ER_DUP_ENTRY ? STORE_DUP : STORE_ERR;
    }
    s->fresh = 0;
    return 0;
}

int db_exec(struct store *s, const char *name, const char *sql, struct sbind *in,
            uint64_t *affected, int64_t *insert_id)
{
    MYSQL_STMT *st = db_stmt(s, name, sql);
    int rc;

    if (!st)
        return STORE_ERR;
    rc = run(s, name, st, in);
    if (rc == STORE_RETRY)
        return db_exec(s, name, sql, in, affected, insert_id);
    if (rc != 0)
        return rc;
    if (affected)
        *affected = mysql_stmt_affected_rows(st);
    if (insert_id)
        *insert_id = (int64_t)mysql_stmt_insert_id(st);
    return 0;
}

int db_exec_rows(struct store *s, const char *name, const char *sql, struct sbind *rows,
                 size_t n)
{
    MYSQL_STMT *st = db_stmt(s, name, sql);
    MYSQL_BIND *all;
    size_t per = n ? (size_t)rows[0].n : 0;
    int rc = STORE_ERR;

    if (!st)
        return STORE_ERR;
    if (n == 0 || per * n != mysql_stmt_param_count(st)) {
        db_fail(s, name, "bound parameters do not match the statement");
        return STORE_ERR;
    }
    all = malloc(per * n * sizeof *all);
    if (!all) {
        db_fail(s, name, "out of memory");
        return STORE_ERR;
    }
    /* The copies keep pointing into rows[] (buffers, lengths, null flags). */
    for (size_t i = 0; i < n; i++) {
        if (rows[i].overflow || (size_t)rows[i].n != per) {
            db_fail(s, name, "rows of different shapes");
            goto out;
        }
        memcpy(&all[i * per], rows[i].b, per * sizeof *all);
    }
    if (mysql_stmt_bind_param(st, all) != 0) {
        db_fail(s, name, mysql_stmt_error(st));
        goto out;
    }
    if (mysql_stmt_execute(st) != 0) {
        unsigned e = mysql_stmt_errno(st);
        db_fail_e(s, name, mysql_stmt_error(st), e);
        rc = e == ER_DUP_ENTRY ? STORE_DUP : STORE_ERR;
        if (retry_first(s, name, e)) {
            free(all);
            return db_exec_rows(s, name, sql, rows, n);
        }
        goto out;
    }
    s->fresh = 0;
    rc = 0;
out:
    free(all);
    return rc;
}

/* Binds rows[0..n) (each an sbind of the same shape) to st. */
static int bind_rows(struct store *s, const char *name, MYSQL_STMT *st, struct sbind *rows,
                     size_t n, MYSQL_BIND **all)
{
    size_t per = n ? (size_t)rows[0].n : 0;

    *all = NULL;
    if (n == 0 || per * n != mysql_stmt_param_count(st)) {
        db_fail(s, name, "bound parameters do not match the statement");
        return STORE_ERR;
    }
    *all = malloc(per * n * sizeof **all);
    if (!*all) {
        db_fail(s, name, "out of memory");
        return STORE_ERR;
    }
    for (size_t i = 0; i < n; i++) {
        if (rows[i].overflow || (size_t)rows[i].n != per) {
            db_fail(s, name, "rows of different shapes");
            return STORE_ERR;
        }
        memcpy(&(*all)[i * per], rows[i].b, per * sizeof **all);
    }
    if (mysql_stmt_bind_param(st, *all) != 0) {
        db_fail(s, name, mysql_stmt_error(st));
        return STORE_ERR;
    }
    return 0;
}

int db_exec_rows_once(struct store *s, const char *name, const char *sql, struct sbind *rows,
                      size_t n)
{
    MYSQL_STMT *st;
    MYSQL_BIND *all = NULL;
    int rc = STORE_ERR;

    if (!s->db) {
        db_fail(s, name, "not connected");
        return STORE_ERR;
    }
    st = mysql_stmt_init(s->db);
    if (!st) {
        db_fail(s, name, mysql_error(s->db));
        return STORE_ERR;
    }
    if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
        s->last_errno = mysql_stmt_errno(st);
        db_fail_e(s, name, mysql_stmt_error(st), s->last_errno);
        if (conn_dead(s->last_errno))
            drop_connection(s);
        goto out;
    }
    if (bind_rows(s, name, st, rows, n, &all) != 0)
        goto out;
    if (mysql_stmt_execute(st) != 0) {
        s->last_errno = mysql_stmt_errno(st);
        db_fail_e(s, name, mysql_stmt_error(st), s->last_errno);
        rc = s->last_errno == ER_DUP_ENTRY ? STORE_DUP : STORE_ERR;
        if (conn_dead(s->last_errno)) {
            mysql_stmt_close(st);
            st = NULL;
            drop_connection(s);
        }
        goto out;
    }
    s->fresh = 0;
    rc = 0;
out:
    free(all);
    if (st)
        mysql_stmt_close(st);
    return rc;
}

/* "head row, row, ... tail" for n rows; malloc'ed. */
static char *rows_sql(const char *head, const char *row, const char *tail, size_t n)
{
    size_t lh = strlen(head), lr = strlen(row), lt = strlen(tail);
    char *sql = malloc(lh + n * (lr + 2) + lt + 1), *p;

    if (!sql)
        return NULL;
    p = stpcpy(sql, head);
    for (size_t i = 0; i < n; i++)
        p = stpcpy(stpcpy(p, i ? ", " : ""), row);
    stpcpy(p, tail);
    return sql;
}

int rowbuf_init(struct rowbuf *rb, struct store *s, const char *name, const char *head,
                const char *row, const char *tail)
{
    memset(rb, 0, sizeof *rb);
    rb->s = s;
    rb->name = name;
    rb->head = head;
    rb->row = row;
    rb->tail = tail ? tail : "";
    rb->rows = malloc(ROWBUF_ROWS * sizeof *rb->rows);
    if (!rb->rows) {
        rb->err = STORE_ERR;
        db_fail(s, name, "out of memory");
        return STORE_ERR;
    }
    return 0;
}

struct sbind *rowbuf_next(struct rowbuf *rb)
{
    struct sbind *b;

    if (rb->err)
        return NULL;
    if (rb->n == ROWBUF_ROWS && rowbuf_flush(rb) != 0)
        return NULL;
    b = &rb->rows[rb->n++];
    sb_init(b);
    return b;
}

int rowbuf_flush(struct rowbuf *rb)
{
    char *sql;
    int rc;

    if (rb->err)
        return rb->err;
    if (rb->n == 0)
        return 0;
    if (rb->n == ROWBUF_ROWS) {
        if (!rb->full_sql && !(rb->full_sql = rows_sql(rb->head, rb->row, rb->tail, rb->n))) {
            db_fail(rb->s, rb->name, "out of memory");
            return rb->err = STORE_ERR;
        }
        /* cached under name: the text is the same for every full statement */
        rc = db_exec_rows(rb->s, rb->name, rb->full_sql, rb->rows, rb->n);
    } else {
        sql = rows_sql(rb->head, rb->row, rb->tail, rb->n);
        if (!sql) {
            db_fail(rb->s, rb->name, "out of memory");
            return rb->err = STORE_ERR;
        }
        rc = db_exec_rows_once(rb->s, rb->name, sql, rb->rows, rb->n);
        free(sql);
    }
    rb->n = 0;
    if (rc != 0)
        rb->err = rc;
    return rc;
}

void rowbuf_free(struct rowbuf *rb)
{
    free(rb->rows);
    rb->rows = NULL;
    /* full_sql is the cached statement's text: db_stmt keeps only the name,
     * the text is needed again only to prepare it on a new connection */
    free(rb->full_sql);
    rb->full_sql = NULL;
    rb->n = 0;
}

char *db_id_list(const char *const *ids, size_t n)
{
    size_t len = 3;
    char *out, *p;

    for (size_t i = 0; i < n; i++)
        len += strlen(ids[i]) + 3;
    out = malloc(len);
    if (!out)
        return NULL;
    p = out;
    *p++ = '[';
    for (size_t i = 0; i < n; i++) {
        if (i)
            *p++ = ',';
        *p++ = '"';
        for (const char *c = ids[i]; *c; c++)
            if ((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z'))
                *p++ = *c;
        *p++ = '"';
    }
    *p++ = ']';
    *p = '\0';
    return out;
}

char *db_id64_list(const int64_t *ids, size_t n)
{
    char *out = malloc(n * 21 + 3), *p;

    if (!out)
        return NULL;
    p = out;
    *p++ = '[';
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s%lld", i ? "," : "", (long long)ids[i]);
    *p++ = ']';
    *p = '\0';
    return out;
}

/* db_query and db_query_stream: the rows buffered in the client, or left on
 * the server to be fetched one by one. */
static int query(struct store *s, const char *name, const char *sql, struct sbind *in,
                 struct sbind *out, MYSQL_STMT **out_st, int buffered)
{
    MYSQL_STMT *st = db_stmt(s, name, sql);

    *out_st = NULL;
    if (!st)
        return STORE_ERR;
    if (out->overflow || (unsigned)out->n != mysql_stmt_field_count(st)) {
        db_fail(s, name, "result columns do not match the bound outputs");
        return STORE_ERR;
    }
    switch (run(s, name, st, in)) {
    case 0: break;
    case STORE_RETRY: return query(s, name, sql, in, out, out_st, buffered);
    default: return STORE_ERR;
    }
    if (mysql_stmt_bind_result(st, out->b) != 0 ||
        (buffered && mysql_stmt_store_result(st) != 0)) {
        s->last_errno = mysql_stmt_errno(st);
        db_fail_e(s, name, mysql_stmt_error(st), s->last_errno);
        mysql_stmt_free_result(st);
        return STORE_ERR;
    }
    *out_st = st;
    return 0;
}

int db_query(struct store *s, const char *name, const char *sql, struct sbind *in,
             struct sbind *out, MYSQL_STMT **out_st)
{
    return query(s, name, sql, in, out, out_st, 1);
}

int db_query_stream(struct store *s, const char *name, const char *sql, struct sbind *in,
                    struct sbind *out, MYSQL_STMT **out_st)
{
    return query(s, name, sql, in, out, out_st, 0);
}

static void copy_out(struct sbind *sb)
{
    for (int k = 0; k < sb->n; k++) {
        int nul = sb->nul[k];
        MYSQL_TIME *t = &sb->t[k];
        switch (sb->kind[k]) {
        case SB_OUT_STR: {
            char *buf = sb->dst[k];
            size_t n = sb->len[k];
            if (nul)
                n = 0;
            if (n > sb->size[k] - 1)
                n = sb->size[k] - 1;
            buf[n] = '\0';
            break;
        }
        case SB_OUT_I64:
            *(int64_t *)sb->dst[k] = nul ? 0 : (int64_t)sb->i[k];
            break;
        case SB_OUT_INT:
            *(int *)sb->dst[k] = nul ? 0 : (int)sb->i[k];
            break;
        case SB_OUT_LONG:
            *(long *)sb->dst[k] = nul ? 0 : (long)sb->i[k];
            break;
        case SB_OUT_TIME:
            *(time_t *)sb->dst[k] = nul ? 0 : (time_t)sb->i[k];
            break;
        case SB_OUT_MONTH:
            *(int *)sb->dst[k] = nul ? -1 : ym_make((int)t->year, (int)t->month);
            break;
        case SB_OUT_DATE: {
            struct ymd *d = sb->dst[k];
            d->y = nul ? 0 : (int)t->year;
            d->m = nul ? 0 : (int)t->month;
            d->d = nul ? 0 : (int)t->day;
            break;
        }
        case SB_OUT_DT: {
            struct portal_dt *dt = sb->dst[k];
            memset(dt, 0, sizeof *dt);
            if (!nul) {
                dt->y = (int)t->year; dt->m = (int)t->month; dt->d = (int)t->day;
                dt->hh = (int)t->hour; dt->mm = (int)t->minute; dt->ss = (int)t->second;
            }
            break;
        }
        case SB_IN:
            break;
        }
    }
}

int db_fetch(struct store *s, const char *name, MYSQL_STMT *st, struct sbind *out)
{
    int rc = mysql_stmt_fetch(st);

    if (rc == MYSQL_NO_DATA)
        return STORE_NOTFOUND;
    /* Truncation only happens to strings longer than their buffer; copy_out
     * cuts them at the buffer size. Buffers are sized from the schema. */
    if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) {
        /* on Galera a transaction aborted by another node's commit (1213)
         * may learn it here, reading a row: store_tx needs the number */
        s->last_errno = mysql_stmt_errno(st);
        db_fail_e(s, name, mysql_stmt_error(st), s->last_errno);
        return STORE_ERR;
    }
    copy_out(out);
    return 0;
}

void db_done(MYSQL_STMT *st)
{
    if (st)
        mysql_stmt_free_result(st);
}

int db_query_one(struct store *s, const char *name, const char *sql, struct sbind *in,
                 struct sbind *out)
{
    MYSQL_STMT *st;
    int rc = db_query(s, name, sql, in, out, &st);

    if (rc != 0)
        return rc;
    rc = db_fetch(s, name, st, out);
    db_done(st);
    return rc;
}

/* ---- binding helpers ------------------------------------------------------- */

void sb_init(struct sbind *sb)
{
    memset(sb, 0, sizeof *sb);
}

static MYSQL_BIND *next(struct sbind *sb, enum sb_kind kind)
{
    MYSQL_BIND *b;

    if (sb->n >= SB_MAX) {
        sb->overflow = 1;
        return NULL;
    }
    b = &sb->b[sb->n];
    sb->kind[sb->n] = kind;
    b->length = &sb->len[sb->n];
    b->is_null = &sb->nul[sb->n];
    sb->n++;
    return b;
}

void sb_str(struct sbind *sb, const char *str)
{
    MYSQL_BIND *b = next(sb, SB_IN);
    int k = sb->n - 1;

    if (!b)
        return;
    b->buffer_type = MYSQL_TYPE_STRING;
    if (!str) {
        sb->nul[k] = 1;
        return;
    }
    b->buffer = (void *)str;
    sb->len[k] = strlen(str);
    b->buffer_length = sb->len[k];
}

void sb_blob(struct sbind *sb, const void *data, size_t len)
{
    MYSQL_BIND *b = next(sb, SB_IN);
    int k = sb->n - 1;

    if (!b)
        return;
    b->buffer_type = MYSQL_TYPE_BLOB;
    b->buffer = (void *)data;
    sb->len[k] = len;
    b->buffer_length = len;
}

void sb_i64(struct sbind *sb, long long v)
{
    MYSQL_BIND *b = next(sb, SB_IN);
    int k = sb->n - 1;

    if (!b)
        return;
    sb->i[k] = v;
    b->buffer_type = MYSQL_TYPE_LONGLONG;
    b->buffer = &sb->i[k];
}

void sb_id_or_null(struct sbind *sb, int64_t id)
{
    sb_i64(sb, id);
    if (id <= 0 && !sb->overflow)
        sb->nul[sb->n - 1] = 1;
}

static void bind_time(struct sbind *sb, enum enum_field_types type, int null,
                      int y, int m, int d, int hh, int mi, int ss)
{
    MYSQL_BIND *b = next(sb, SB_IN);
    int k = sb->n - 1;

    if (!b)
        return;
    b->buffer_type = type;
    b->buffer = &sb->t[k];
    if (null) {
        sb->nul[k] = 1;
        return;
    }
    sb->t[k].year = (unsigned)y;
    sb->t[k].month = (unsigned)m;
    sb->t[k].day = (unsigned)d;
    sb->t[k].hour = (unsigned)hh;
    sb->t[k].minute = (unsigned)mi;
    sb->t[k].second = (unsigned)ss;
    sb->t[k].time_type = type == MYSQL_TYPE_DATE ? MYSQL_TIMESTAMP_DATE : MYSQL_TIMESTAMP_DATETIME;
}

void sb_month(struct sbind *sb, int ym)
{
    if (ym < 0)
        bind_time(sb, MYSQL_TYPE_DATE, 1, 0, 0, 0, 0, 0, 0);
    else
        bind_time(sb, MYSQL_TYPE_DATE, 0, ym_year(ym), ym_month(ym), 1, 0, 0, 0);
}

void sb_date(struct sbind *sb, struct ymd d)
{
    bind_time(sb, MYSQL_TYPE_DATE, d.y == 0, d.y, d.m, d.d, 0, 0, 0);
}

void sb_datetime(struct sbind *sb, const struct portal_dt *dt)
{
    if (!dt)
        bind_time(sb, MYSQL_TYPE_DATETIME, 1, 0, 0, 0, 0, 0, 0);
    else
        bind_time(sb, MYSQL_TYPE_DATETIME, 0, dt->y, dt->m, dt->d, dt->hh, dt->mm, dt->ss);
}

void sb_out_str(struct sbind *sb, char *buf, size_t size)
{
    MYSQL_BIND *b = next(sb, SB_OUT_STR);
    int k = sb->n - 1;

    if (!b)
        return;
    b->buffer_type = MYSQL_TYPE_STRING;
    b->buffer = buf;
    b->buffer_length = size - 1;    /* room for the NUL copy_out adds */
    sb->dst[k] = buf;
    sb->size[k] = size;
}

static void out_int(struct sbind *sb, enum sb_kind kind, void *dst)
{
    MYSQL_BIND *b = next(sb, kind);
    int k = sb->n - 1;

    if (!b)
        return;
    b->buffer_type = MYSQL_TYPE_LONGLONG;
    b->buffer = &sb->i[k];
    sb->dst[k] = dst;
}

void sb_out_i64(struct sbind *sb, int64_t *dst) { out_int(sb, SB_OUT_I64, dst); }
void sb_out_int(struct sbind *sb, int *dst)     { out_int(sb, SB_OUT_INT, dst); }
void sb_out_long(struct sbind *sb, long *dst)   { out_int(sb, SB_OUT_LONG, dst); }
void sb_out_time(struct sbind *sb, time_t *dst) { out_int(sb, SB_OUT_TIME, dst); }

static void out_time(struct sbind *sb, enum sb_kind kind, enum enum_field_types type, void *dst)
{
    MYSQL_BIND *b = next(sb, kind);
    int k = sb->n - 1;

    if (!b)
        return;
    b->buffer_type = type;
    b->buffer = &sb->t[k];
    sb->dst[k] = dst;
}

void sb_out_month(struct sbind *sb, int *ym)           { out_time(sb, SB_OUT_MONTH, MYSQL_TYPE_DATE, ym); }
void sb_out_date(struct sbind *sb, struct ymd *d)      { out_time(sb, SB_OUT_DATE, MYSQL_TYPE_DATE, d); }
void sb_out_dt(struct sbind *sb, struct portal_dt *dt) { out_time(sb, SB_OUT_DT, MYSQL_TYPE_DATETIME, dt); }
