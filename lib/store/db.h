/*
 * db — internals shared by the store's files (not part of the public API).
 *
 * struct store owns one MYSQL connection and a cache of prepared statements
 * keyed by a static name ("unit.by_no"): each statement is prepared once per
 * connection; store_ensure() drops the cache after a reconnect.
 *
 * struct sbind collects the parameters of one execution (sb_*) and the result
 * columns of one query (sb_out_*), so a store function reads:
 *
 *     struct sbind in, out;
 *     sb_init(&in);  sb_str(&in, unit_no);
 *     sb_init(&out); sb_out_i64(&out, &u->id); sb_out_str(&out, u->name, sizeof u->name);
 *     return db_query_one(s, "unit.by_no", SQL, &in, &out);
 *
 * Values bound with sb_* are copied into the sbind (strings are lent: they
 * must live until the execution). Output integers, months and dates are copied
 * to their destinations by db_fetch() after each row.
 */
#ifndef PORTAL_STORE_DB_H
#define PORTAL_STORE_DB_H

#include <mysql.h>
#include "store/store.h"

#define STORE_STMT_MAX 128
#define SB_MAX 32
/* run(): the request's first statement found the server gone and reconnected:
 * prepare and run it again (internal to db.c) */
#define STORE_RETRY 3

struct stmt_slot {
    const char *name;
    MYSQL_STMT *st;
};

#define STORE_HOSTS_MAX 8
struct store_host {
    char *socket, *host;      /* one of them */
    unsigned port;
};

struct store {
    MYSQL *db;
    char *user, *password, *database;
    struct store_host host[STORE_HOSTS_MAX];   /* Db.Hosts, or Db.Socket/Host/Port */
    int nhost, cur;
    int long_statements;      /* store_config.long_statements */           /* cur: the server of the connection (or tried first) */
    unsigned last_errno;      /* the server's error number of the last failure */
    int committing;           /* COMMIT sent: a lost connection leaves the outcome unknown */
    int in_tx;                /* inside store_tx: a deadlock or lock wait timeout is run again */
    struct stmt_slot stmt[STORE_STMT_MAX];
    int nstmt;
    int fresh;                /* no statement has run yet in this request */
    char err[512];
    int64_t actor_id;         /* store_set_actor: the acting account, 0 = none */
    char actor_name[101];
    uint64_t rng;             /* xorshift state, seeded per store (clock, pid, address) */
    unsigned shard;           /* the counts shard of the open transaction (store_begin) */
};
/* wages.entered_us of a row inserted now (022_galera_hot): the real clock in
 * microseconds, which orders wage rows of one month; never the id (Galera
 * interleaves the ids of its nodes). Readers: ORDER BY from_month, entered_us, id. */
#define SQL_NOW_US "CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)"
/* A pseudo-random number of this store (shards, retry jitter). */
uint32_t store_rand(struct store *s);

enum sb_kind { SB_IN, SB_OUT_STR, SB_OUT_I64, SB_OUT_INT, SB_OUT_LONG, SB_OUT_TIME,
               SB_OUT_MONTH, SB_OUT_DATE, SB_OUT_DT };

struct sbind {
    MYSQL_BIND b[SB_MAX];
    unsigned long len[SB_MAX];
    long long i[SB_MAX];
    MYSQL_TIME t[SB_MAX];
    my_bool nul[SB_MAX];
    enum sb_kind kind[SB_MAX];
    void *dst[SB_MAX];
    size_t size[SB_MAX];
    int n;
    int overflow;             /* more than SB_MAX binds: a programming error */
};

void sb_init(struct sbind *sb);
/* parameters */
void sb_str(struct sbind *sb, const char *s);          /* NULL => SQL NULL */
void sb_blob(struct sbind *sb, const void *data, size_t len);  /* lent, as sb_str */
void sb_i64(struct sbind *sb, long long v);
void sb_id_or_null(struct sbind *sb, int64_t id);      /* id <= 0 => SQL NULL */
void sb_month(struct sbind *sb, int ym);               /* ym < 0 => NULL; DATE of the 1st */
void sb_date(struct sbind *sb, struct ymd d);          /* d.y == 0 => NULL */
void sb_datetime(struct sbind *sb, const struct portal_dt *dt); /* NULL => NULL */
/* result columns, in SELECT order; NULL gives "", 0, -1 (month) or {0,0,0} */
void sb_out_str(struct sbind *sb, char *buf, size_t size);
void sb_out_i64(struct sbind *sb, int64_t *dst);
void sb_out_int(struct sbind *sb, int *dst);
void sb_out_long(struct sbind *sb, long *dst);
void sb_out_time(struct sbind *sb, time_t *dst);
void sb_out_month(struct sbind *sb, int *ym);
void sb_out_date(struct sbind *sb, struct ymd *d);
void sb_out_dt(struct sbind *sb, struct portal_dt *dt);

/* Logs "store: <name>: <detail>" to stderr and keeps it in s->err. */
void db_fail(struct store *s, const char *name, const char *detail);
/* Like db_fail, for a transaction that saw another's rows it must not count:
 * fails it as a deadlock (1213), which store_tx runs again. */
void db_conflict(struct store *s, const char *name, const char *detail);
/* The cached prepared statement for name (prepared from sql on first use). */
MYSQL_STMT *db_stmt(struct store *s, const char *name, const char *sql);
/* Executes a statement that returns no rows. affected/insert_id may be NULL.
 * Returns 0, STORE_DUP on a unique-key violation, or STORE_ERR. */
int db_exec(struct store *s, const char *name, const char *sql, struct sbind *in,
            uint64_t *affected, int64_t *insert_id);
/* Executes a query and buffers its rows; *out_st is then fetched with db_fetch
 * and released with db_done. Returns 0 or STORE_ERR. */
int db_query(struct store *s, const char *name, const char *sql, struct sbind *in,
             struct sbind *out, MYSQL_STMT **out_st);
/* The same without buffering: each db_fetch reads one row from the server,
 * so a result of any size takes the memory of one row (an export streamed
 * to the client). Until db_done, which discards what was not fetched, the
 * connection runs no other statement. */
int db_query_stream(struct store *s, const char *name, const char *sql, struct sbind *in,
                    struct sbind *out, MYSQL_STMT **out_st);
/* 0 with a row copied, STORE_NOTFOUND after the last row, STORE_ERR. */
int db_fetch(struct store *s, const char *name, MYSQL_STMT *st, struct sbind *out);
void db_done(MYSQL_STMT *st);
/* db_query + one db_fetch + db_done: 0, STORE_NOTFOUND or STORE_ERR. */
int db_query_one(struct store *s, const char *name, const char *sql, struct sbind *in,
                 struct sbind *out);
/* Executes a multi-row INSERT whose parameters are rows[0..n) in order (each
 * an sbind of the same shape). Returns 0, STORE_DUP or STORE_ERR. */
int db_exec_rows(struct store *s, const char *name, const char *sql, struct sbind *rows,
                 size_t n);
/* db_exec_rows with a statement prepared for this one execution and closed
 * after it (not cached): a multi-row INSERT whose row count varies (the
 * batch worker's chunks). Returns 0, STORE_DUP or STORE_ERR. */
int db_exec_rows_once(struct store *s, const char *name, const char *sql, struct sbind *rows,
                      size_t n);

/* The rows of one multi-row INSERT of any length, filled one row at a time
 * (rowbuf_next, then sb_* on the row it returns) and sent ROWBUF_ROWS rows a
 * statement: a full statement is prepared once per connection (cached under
 * `name`), the last, shorter one for its execution only. The SQL is
 * head, then row once per row separated by ", ", then tail (may be "").
 * The strings bound must live until rowbuf_flush/rowbuf_free. */
#define ROWBUF_ROWS 256
struct rowbuf {
    struct store *s;
    const char *name, *head, *row, *tail;
    struct sbind *rows;          /* ROWBUF_ROWS of them */
    size_t n;
    char *full_sql;              /* the statement of ROWBUF_ROWS rows */
    int err;                     /* a failed flush or allocation */
};
int rowbuf_init(struct rowbuf *rb, struct store *s, const char *name, const char *head,
                const char *row, const char *tail);
/* The next row (sb_init'ed), after sending the full buffer; NULL on an error. */
struct sbind *rowbuf_next(struct rowbuf *rb);
/* Sends what is buffered: 0, STORE_DUP or STORE_ERR (also for an earlier
 * failure of rowbuf_next). */
int rowbuf_flush(struct rowbuf *rb);
void rowbuf_free(struct rowbuf *rb);

/* A set of 证件号码 bound as ONE parameter (a JSON array, db_id_list) and
 * read as a table: `FROM ` JSON_IDS ` j STRAIGHT_JOIN persons p ON p.id_no =
 * j.id_no` looks each one up by index (STRAIGHT_JOIN: the list first), with
 * a statement prepared once whatever the number of IDs. */
#define JSON_IDS "JSON_TABLE(?, '$[*]' COLUMNS (id_no CHAR(18) CHARACTER SET ascii" \
    " COLLATE ascii_bin PATH '$'))"
/* The same for ids (BIGINT): `JSON_IDS64 j`, column j.id. */
#define JSON_IDS64 "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$'))"
/* The JSON array of ids[0..n) (digits and letters only: other characters
 * are dropped), malloc'ed; NULL when out of memory. */
char *db_id_list(const char *const *ids, size_t n);
char *db_id64_list(const int64_t *ids, size_t n);

/* A constant statement without parameters (transactions). */
int db_simple(struct store *s, const char *name, const char *sql);

#endif
