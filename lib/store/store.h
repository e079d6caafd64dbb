/*
 * store — MariaDB access for the portal.
 *
 * One connection per process (struct store). Every statement is a prepared
 * statement, prepared once per connection and re-prepared after a reconnect.
 * Every connection: utf8mb4, time_zone='+08:00', LOAD DATA LOCAL disabled.
 * One file per aggregate (account.c, session.c, person.c, ...).
 *
 * Return convention for every function below unless it says otherwise:
 *   0            success (for lookups: found)
 *   STORE_NOTFOUND  lookup found nothing (out-params untouched)
 *   STORE_ERR    database error; the detail is logged to stderr and kept in
 *                store_error(); the caller shows a generic Chinese error page.
 * Strings returned in structs are copied into fixed buffers owned by the caller.
 */
#ifndef PORTAL_STORE_H
#define PORTAL_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "rules/calendar.h"   /* struct ymd, struct portal_dt, ym months */

#define STORE_NOTFOUND 1
#define STORE_ERR     (-1)
#define STORE_DUP     2   /* unique key violation (e.g. unit_no already exists) */

struct store;

/* Connection settings; usually filled from the HDF config (Db.*). Borrowed. */
struct store_config {
    const char *socket;   /* unix socket path, or NULL/"" to use host:port */
    const char *host;
    unsigned    port;
    /* Several servers (a Galera cluster): "HOST:PORT" or "/socket/path" items
     * separated by commas or spaces; when set, Socket/Host/Port are not used.
     * The first is tried first; a connection that fails or is lost is made
     * again to the next one that answers (and is a ready Galera node). */
    const char *hosts;
    const char *user;
    const char *password;
    const char *database;
    /* 1: no read/write timeout on the connection (portal-admin: the settlement
     * of a city's month runs statements of many minutes); 0: a server that
     * stops answering is given up after a minute (pages, worker). */
    int long_statements;
};

/* Opens a connection. On failure returns STORE_ERR and *out is NULL.
 * The store copies everything it needs from cfg. */
int  store_open(struct store **out, const struct store_config *cfg);
/* Closes and frees; accepts NULL and *s == NULL; sets *s = NULL. */
void store_close(struct store **s);
/* Marks the start of a request; connects when the store has no connection.
 * No ping (a round trip every request): when the server has gone away since
 * (a restart, wait_timeout), the request's first statement finds it, the
 * store reconnects (forgetting its prepared statements, prepared again) and
 * runs that statement once more — nothing of the request was written yet.
 * Returns 0 when usable, STORE_ERR when the database is down. */
int  store_ensure(struct store *s);
/* 1 while the store holds a connection; 0 after a reconnect failed (the
 * database is down: the page answers 503, not 500). */
int  store_connected(const struct store *s);
/* Last error text (for logs only, never for users). Lent; valid until the next call. */
const char *store_error(const struct store *s);
/* Forgets the last error (the runtime does at the start of each request, so a
 * request's log names its own error, never an older one). Accepts NULL. */
void store_error_clear(struct store *s);

/* Transactions: every business operation is exactly one. */
/* store_tx runs fn(s, arg), a whole business transaction (store_begin ..
 * store_commit, rolled back on failure), and runs it again from its start
 * when it failed with a deadlock or lock wait timeout (1213, 1205: on Galera
 * a certification conflict with another node's commit, reported at COMMIT),
 * or when the server went away before COMMIT was sent (then on a new
 * connection, to the next of Db.Hosts): at most STORE_TX_ATTEMPTS runs and
 * STORE_TX_BUDGET_MS of time in all, waiting between runs a random time in a
 * window that doubles each run (exponential backoff with full jitter).
 * fn must start from its inputs each time (reset its outputs first).
 * Returns what the last run of fn returned. */
#define STORE_TX_ATTEMPTS 12
#define STORE_TX_BUDGET_MS 3000
/* The kept counts and totals are split over this many rows per key
 * (022_galera_hot, store/counts.h); each transaction writes one shard. */
#define STORE_COUNT_SHARDS 16
typedef int (*store_tx_fn)(struct store *s, void *arg);
int  store_tx(struct store *s, store_tx_fn fn, void *arg);
/* store_tx for the usual frame of a business operation: each run opens the
 * transaction, runs fn(s, arg) inside it, and commits when fn returned 0 with
 * *ok set (fn sets it: the operation was accepted), else rolls back (a
 * refusal writes nothing; a failure of fn returns fn's value). *ok is 0 after
 * any failure. Returns 0, fn's non-zero value, or STORE_ERR (the commit). */
int  store_tx_ok(struct store *s, store_tx_fn fn, void *arg, int *ok);
/* How many runs store_tx repeated since the process started (tests, logs). */
long store_tx_retries(void);
/* Galera (spec §10, README "Running on several servers"): when the server is
 * a wsrep node, checks binlog_format=ROW, every table of the database InnoDB
 * with a primary key, and names each problem in why. 0 when fine or not
 * Galera, 1 with why filled, STORE_ERR. */
int  store_galera_check(struct store *s, char *why, size_t whylen);
int  store_begin(struct store *s);
/* store_begin at READ COMMITTED: no gap locks, so transactions that insert
 * different new keys next to each other (two workers' chunks of one job's
 * persons) do not deadlock; every row they change is locked by its own key
 * (id_locks serialises an ID). */
int  store_begin_read_committed(struct store *s);
int  store_commit(struct store *s);
int  store_rollback(struct store *s);   /* safe to call when no transaction is open */
/* After every request: rolls back a transaction a handler left open (cheap:
 * reads the server status the last reply carried). */
int  store_end_request(struct store *s);

/* ---- units and accounts ------------------------------------------------ */

struct unit {
    int64_t id;
    char unit_no[33];
    char name[301];
    char unit_type[64];       /* 企业, 机关, 全额拨款事业单位, ... */
    char credit_code[33];     /* 统一社会信用代码 */
};

/* An account of a unit (spec §7b): the 管理员 (login "", made by unit-add),
 * 经办人 and 查询 accounts the 管理员 adds. */
#define ROLE_ADMIN  "管理员"
#define ROLE_CLERK  "经办人"
#define ROLE_VIEWER "查询"
struct account {
    int64_t id;
    int64_t unit_id;
    char unit_no[33];
    char login[33];           /* "" for the 管理员 */
    char name[101];           /* 姓名, shown as 经办人 */
    char phone[33];
    char role[16];            /* ROLE_* */
    char pwhash[256];         /* yescrypt, "$y$..." */
    int must_change;          /* an initial or reset password: change it first */
    int disabled;
    time_t last_login_at, prev_login_at;   /* 0 = never */
    char last_login_addr[65], prev_login_addr[65];
};

int store_unit_by_id(struct store *s, int64_t unit_id, struct unit *out);
int store_account_by_unit_no(struct store *s, const char *unit_no, struct account *out);
/* The account `login` ("" = the 管理员) of the unit numbered unit_no, disabled
 * or not: 0, STORE_NOTFOUND, STORE_ERR. */
int store_account_for_login(struct store *s, const char *unit_no, const char *login,
                            struct account *out);
/* The account `id` of unit_id only (another unit's id is STORE_NOTFOUND). */
int store_account_get(struct store *s, int64_t unit_id, int64_t id, struct account *out);
/* Each account of the unit, the 管理员 first, then by login. */
typedef int (*account_fn)(const struct account *a, void *arg);
int store_accounts_each(struct store *s, int64_t unit_id, account_fn fn, void *arg);
/* A successful login: the previous last login becomes prev_login_*. */
int store_account_logged_in(struct store *s, int64_t id, const char *addr, time_t now);
/* store_login_failures_clear and store_account_logged_in in one store_tx
 * (run again on a conflict): what a successful login writes before its session. */
int store_account_login_ok(struct store *s, const char *unit_no, const char *operator_login,
                           int64_t id, const char *addr, time_t now);
/* The 管理员's 姓名 (unit-add --admin-name). */
int store_account_set_admin_name(struct store *s, int64_t unit_id, const char *name);
/* The operations of /accounts, each one transaction with its declaration
 * 经办人账户维护 (before/after without the password) written by the acting
 * account (store_set_actor); *decl_id gets the declaration.
 *   add:     a new 经办人/查询 account with an initial password (must_change);
 *            STORE_DUP when the login is taken in the unit.
 *   disable / enable: the account's state; disabling deletes its sessions.
 *   reset:   a new initial password (must_change), its sessions deleted.
 * The 管理员 account is never disabled (STORE_NOTFOUND, as for another unit's
 * id). `now` is the business now of the declaration. */
/* The bare insert of an account (no transaction, no declaration): the demo
 * data. STORE_DUP when the login is taken. */
int store_account_insert(struct store *s, int64_t unit_id, const struct account *a,
                         const char *pwhash, int must_change, int64_t *id);
int store_account_add(struct store *s, int64_t unit_id, const struct account *a,
                      const char *pwhash, const struct portal_dt *now, int64_t *id,
                      int64_t *decl_id);
int store_account_set_disabled(struct store *s, int64_t unit_id, int64_t id, int disabled,
                               const struct portal_dt *now, int64_t *decl_id);
int store_account_reset(struct store *s, int64_t unit_id, int64_t id, const char *pwhash,
                        const struct portal_dt *now, int64_t *decl_id);
/* /password: the new hash replaces the old one in one statement (must_change
 * cleared) and every other session of the account ends (keep_session). */
int store_account_change_password(struct store *s, int64_t id, const char *pwhash,
                                  const char *keep_session);
/* The acting account of this connection's writes (the runtime sets it from
 * the session for each request, the worker from each job; 0 = none, e.g. the
 * admin CLI): declarations and jobs record its id and, through
 * store_unit_operator, its 姓名 at the time. */
void store_set_actor(struct store *s, int64_t account_id, const char *name);
int64_t store_actor_id(const struct store *s);

/* ---- login throttling (real clock; times are unix seconds) -------------- */

/* Counts the failures since `since` of this (unit_no, operator) — the typed
 * 单位编号 and 账号, "" for the 管理员 — from any address, and the newest one's
 * time (0 when none). */
int store_login_failures_unit(struct store *s, const char *unit_no, const char *operator_login,
                              time_t since, int *count, time_t *last);
/* The same for this (unit_no, operator) from this address only. */
int store_login_failures_pair(struct store *s, const char *unit_no, const char *operator_login,
                              const char *addr, time_t since, int *count, time_t *last);
int store_login_failure_add(struct store *s, const char *unit_no, const char *operator_login,
                            const char *addr, time_t at);
/* Forgets the failures of a unit after a successful login. */
int store_login_failures_clear(struct store *s, const char *unit_no, const char *operator_login);

/* ---- sessions (real clock) ----------------------------------------------- */

struct session {
    char id[65];              /* SHA-256 hex of the cookie value (lib/web hashes it) */
    int64_t unit_id;
    int64_t account_id;
    char role[16];            /* the account's, read with the session */
    char account_name[101];
    char login[33];
    int must_change;
    char shown_once[201];     /* a message shown on the next /accounts view only */
    time_t prev_login_at;     /* 上次登录 of the account, 0 = none */
    char prev_login_addr[65];
    char csrf[65];            /* 32 hex chars */
    time_t created;
    time_t last_seen;
};

int store_session_create(struct store *s, const struct session *sess);
/* Sets (or, with "", clears) the session's shown_once message. */
int store_session_shown_once(struct store *s, const char *id, const char *text);
int store_session_get(struct store *s, const char *id, struct session *out);
/* The unit's persons active now (the home page's counts; kept: 014_speed). */
struct unit_counts {
    long insured, retired;
    /* 本期待办 as the worker keeps it (unit_todo); todo_ym < 0: not yet */
    int todo_ym;
    long problems, retire_due, failed_jobs;
};
/* The session, its account and its unit in one round trip (every page's first
 * statement), with what the page asks for besides (`with`), so that the page then
 * needs no other query: SESSION_WITH_COUNTS the unit's counts and 本期待办 (the home
 * page; counts may be NULL without it), SESSION_WITH_CONTACT the unit's editable
 * data and its info_version (单位信息维护; contact and version may be NULL without
 * it). A page that asks for nothing gets the three-table join only: the counts'
 * subqueries cost the server more than the rest of the statement. */
#define SESSION_WITH_COUNTS  0x1u
#define SESSION_WITH_CONTACT 0x2u
struct unit_contact;
int store_session_get_unit(struct store *s, const char *id, unsigned with, struct session *out,
                           struct unit *unit, struct unit_counts *counts,
                           struct unit_contact *contact, int *version);
int store_session_touch(struct store *s, const char *id, time_t now);
int store_session_delete(struct store *s, const char *id);
/* Deletes sessions idle since before idle_before or created before created_before. */
int store_session_purge(struct store *s, time_t idle_before, time_t created_before);

/* The server secret `name` (64 hex into out): stores `candidate` (64 hex, made
 * by the caller from a good random source) when there is none yet, so every
 * program on every host shares the first one made. 0 or STORE_ERR. */
int store_secret(struct store *s, const char *name, const char *candidate, time_t now,
                 char out[65]);

/* ---- home page counts ---------------------------------------------------- */

/* Persons normally insured in the unit now (any active enrolment), and retirees. */
int store_unit_counts(struct store *s, int64_t unit_id, long *insured, long *retired);


/* ======================================================================
 * Additions (schema, admin CLI, imports). Months are ym ints
 * (y*12 + m-1, rules/calendar.h), stored as the DATE of the month's 1st;
 * a ym < 0 means "none" (SQL NULL) and a struct ymd with y == 0 likewise.
 * `now` arguments are the business now (conf_business_now) written to
 * created_at columns; SQL never reads the clock for business dates.
 * ====================================================================== */

/* ---- migrations (admin CLI only) ----------------------------------------- */

/* Creates the schema_migrations table if it does not exist. */
int store_migrations_init(struct store *s);
/* *applied = 1 when the migration named `version` (its file name) is recorded. */
int store_migration_applied(struct store *s, const char *version, int *applied);
int store_migration_record(struct store *s, const char *version);
/* Runs one statement of trusted SQL text (a migration file), unprepared, no
 * parameters. Never pass anything derived from user input. */
int store_exec_trusted(struct store *s, const char *sql);

/* ---- units and accounts ---------------------------------------------------- */

/* Editable unit data (单位信息维护). */
struct unit_contact {
    char contact_name[101];      /* 经办人 */
    char contact_phone[33];
    char address[301];
    char bank_name[201];         /* 开户银行 */
    char bank_account_name[301]; /* 户名 */
    char bank_account_no[65];    /* 账号 */
    char legal_rep_phone[33];    /* 法定代表人电话 */
};

/* Inserts a unit (u->id ignored); *id gets the new id. STORE_DUP when the
 * unit_no exists. The unit type must be one of the seven of the schema. */
int store_unit_add(struct store *s, const struct unit *u, const struct portal_dt *now,
                   int64_t *id);
int store_unit_by_no(struct store *s, const char *unit_no, struct unit *out);
/* When the unit was created (the business now of unit-add / demo). */
int store_unit_created_at(struct store *s, int64_t unit_id, struct portal_dt *out);
int store_unit_contact_get(struct store *s, int64_t unit_id, struct unit_contact *out);
/* STORE_NOTFOUND when no such unit. */
int store_unit_contact_set(struct store *s, int64_t unit_id, const struct unit_contact *c);
/* The 经办人 every declaration records, whatever the operation (增员 on the
 * page or in a batch row, 减员): the acting account's 姓名 (store_set_actor:
 * the session's account, a job's account); without one (the admin CLI, jobs
 * from before accounts) the unit's contact name (单位信息维护) when set, else
 * its 单位编号. Read at the time of the operation; copied into
 * out[0..n). 0, or STORE_ERR (out then holds the 单位编号). */
#define STORE_OPERATOR_MAX 101
int store_unit_operator(struct store *s, const struct unit *u, char *out, size_t n);
/* Sets (creates or replaces) the unit's login password hash. */
int store_account_set_password(struct store *s, int64_t unit_id, const char *pwhash);

/* Deletes login failures older than `before` (unix seconds). */
int store_login_failures_purge(struct store *s, time_t before, long *deleted);

/* ---- reference data -------------------------------------------------------- */

struct insurance_type {
    char code[4];
    char name[101];
    int mandatory;               /* one of the six always enrolled together */
    int civil_servant_only;      /* 320: 机关事业单位 only, when ticked */
    int sort;
};
/* All types one enrols in, in display order; *n <= max. The schemes for
 * special groups (special = 1, 012_reports) are not among them. */
int store_insurance_types(struct store *s, struct insurance_type *out, size_t max, size_t *n);

/* ---- persons, enrolments, wages ------------------------------------------ */

/* Serialises work on one 证件号码 until the transaction ends: creates or
 * X-locks its id_locks row (one INSERT ... ON DUPLICATE KEY UPDATE, which
 * X-locks a new row and an existing one alike). Call it inside the
 * transaction, before reading the persons/enrolments of the ID; a concurrent
 * caller waits (up to innodb_lock_wait_timeout, then STORE_ERR). */
int store_id_lock(struct store *s, const char *id_no);

struct person_new {
    const char *id_no;           /* 18 chars, normalised (upper-case X) */
    const char *name;
    int male;
    struct ymd birth;
    const char *phone;           /* NULL = "" */
    const char *address;         /* 居住地; NULL = "" */
    struct ymd work_start;       /* 参加工作时间; y == 0 = unknown */
    int retire_ym;               /* 退休年月; -1 = none */
    const char *alive;           /* 在世 / 死亡; NULL = 在世 */
    const char *category;        /* 职工 / 公务员; NULL = 职工 */
};
/* The INSERT of base records: PERSON_INSERT " VALUES " PERSON_VALUES, one
 * PERSON_VALUES a person bound by store_person_bind (the one place that
 * derives persons.statutory_retire/_cadre); store_person_add for one. */
#define PERSON_INSERT "INSERT INTO persons (id_no, name, gender, birth_date, phone, address," \
    " work_start, retire_month, alive, category, created_at, statutory_retire," \
    " statutory_retire_cadre)"
#define PERSON_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
struct sbind;
void store_person_bind(struct sbind *in, const struct person_new *p,
                       const struct portal_dt *now);
/* Always creates a new base record (duplicates of an id_no are allowed). */
int store_person_add(struct store *s, const struct person_new *p,
                     const struct portal_dt *now, int64_t *id);
/* Number of base records with this id_no. */
int store_person_count(struct store *s, const char *id_no, long *n);

struct enrolment_new {
    int64_t person_id;
    int64_t unit_id;             /* <= 0: none (灵活就业) */
    const char *kind;            /* 在职 / 退休 / 灵活就业 */
    const char *person_type;     /* 职工在职 / 公务员在职 / 退休人员 / 灵活就业人员 */
    int start_ym;
    struct ymd end_date;         /* y == 0: active */
    const char *stop_reason;     /* NULL, or 离职/调出/死亡/其他 */
    int transferred;
    const char *status;          /* NULL = 参保缴费 */
};
/* ENROLMENT_INSERT " VALUES " ENROLMENT_VALUES..., one row bound by
 * store_enrolment_bind (the unit's counts are the caller's: store/counts.h). */
#define ENROLMENT_INSERT "INSERT INTO enrolments (person_id, unit_id, kind, person_type," \
    " type_code, start_month, end_date, stop_reason, transferred, status, created_at, updated_at)"
#define ENROLMENT_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
void store_enrolment_bind(struct sbind *b, const struct enrolment_new *e, const char *type_code,
                          const struct portal_dt *now);
/* One enrolment row for one insurance type. */
int store_enrolment_add(struct store *s, const struct enrolment_new *e, const char *type_code,
                        const struct portal_dt *now);
/* The same enrolment in several insurance types at once (one statement). */
#define STORE_ENROL_MAX_TYPES 8
int store_enrolments_add(struct store *s, const struct enrolment_new *e,
                         const char (*type_codes)[4], size_t n, const struct portal_dt *now);
/* Declared monthly wage from from_ym on (unit_id <= 0: none). */
int store_wage_add(struct store *s, int64_t person_id, int64_t unit_id, int from_ym,
                   long long wage_fen, const struct portal_dt *now);

#endif
