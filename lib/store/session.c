/* session — login sessions (real clock, unix seconds), keyed by the hash of
 * the cookie value that lib/web computes, and the server secrets. */
#include <stdio.h>
#include <string.h>
#include <mysqld_error.h>
#include "store/db.h"
#include "store/info.h"

int store_session_create(struct store *s, const struct session *sess)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, sess->id);
    sb_i64(&in, sess->unit_id);
    sb_i64(&in, sess->account_id);
    sb_str(&in, sess->csrf);
    sb_i64(&in, (long long)sess->created);
    sb_i64(&in, (long long)sess->last_seen);
    return db_exec(s, "session.create",
        "INSERT INTO sessions (id, unit_id, account_id, csrf, created_at, last_seen)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        &in, NULL, NULL);
}

int store_session_shown_once(struct store *s, const char *id, const char *text)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, text ? text : "");
    sb_str(&in, id);
    return db_exec(s, "session.shown_once", "UPDATE sessions SET shown_once = ? WHERE id = ?",
                   &in, NULL, NULL);
}

int store_session_get(struct store *s, const char *id, struct session *out)
{
    struct sbind in, res;
    struct session x;

    memset(&x, 0, sizeof x);
    sb_init(&in);
    sb_str(&in, id);
    sb_init(&res);
    sb_out_str(&res, x.id, sizeof x.id);
    sb_out_i64(&res, &x.unit_id);
    sb_out_i64(&res, &x.account_id);
    sb_out_str(&res, x.csrf, sizeof x.csrf);
    sb_out_time(&res, &x.created);
    sb_out_time(&res, &x.last_seen);
    int rc = db_query_one(s, "session.get",
        "SELECT id, unit_id, account_id, csrf, created_at, last_seen FROM sessions WHERE id = ?",
        &in, &res);
    if (rc == 0)
        *out = x;
    return rc;
}

/* The parts of store_session_get_unit's statement; the counts as
 * store_unit_counts reads them (unit.c), the contact as store_unit_info_read
 * (info.c). */
#define SESS_COLS \
    "SELECT s.id, s.unit_id, s.account_id, a.role, a.name, a.login, a.must_change," \
    " s.shown_once, COALESCE(a.prev_login_at, 0), a.prev_login_addr," \
    " s.csrf, s.created_at, s.last_seen," \
    " u.id, u.unit_no, u.name, u.unit_type, u.credit_code"
/* The kept counts: the shards of (unit, '310') joined and summed once — one
 * read of the shards where two scalar subqueries read them twice and cost
 * MariaDB ~15 % more of the statement (README Benchmarks, 2026-11-30). The
 * join is grouped by the session's key: at most one row, none when the
 * session is unknown (STORE_NOTFOUND as before); every other column is the
 * one row's of sessions, units, accounts and unit_todo. */
#define SESS_COUNT_COLS \
    ", COALESCE(SUM(c.employees), 0), COALESCE(SUM(c.retirees), 0)," \
    " IF(t.refreshed_at > 0, t.ym, NULL), COALESCE(t.problems, 0)," \
    " COALESCE(t.retire_due, 0), COALESCE(t.failed_jobs, 0)"
#define SESS_CONTACT_COLS \
    ", u.contact_name, u.contact_phone, u.address, u.bank_name, u.bank_account_name," \
    " u.bank_account_no, u.legal_rep_phone, u.info_version"
#define SESS_FROM \
    " FROM sessions s JOIN units u ON u.id = s.unit_id" \
    " JOIN accounts a ON a.id = s.account_id AND a.unit_id = s.unit_id AND a.disabled = 0"
#define SESS_COUNT_JOIN " LEFT JOIN unit_todo t ON t.unit_id = u.id" \
    " LEFT JOIN unit_type_counts c ON c.unit_id = u.id AND c.type_code = '310'"
#define SESS_WHERE " WHERE s.id = ?"
#define SESS_COUNT_GROUP " GROUP BY s.id"

int store_session_get_unit(struct store *s, const char *id, unsigned with, struct session *out,
                           struct unit *unit, struct unit_counts *counts,
                           struct unit_contact *contact, int *version)
{
    static const struct { const char *name, *sql; } stmt[4] = {
        {"session.get_unit", SESS_COLS SESS_FROM SESS_WHERE},
        {"session.get_unit_counts",
         SESS_COLS SESS_COUNT_COLS SESS_FROM SESS_COUNT_JOIN SESS_WHERE SESS_COUNT_GROUP},
        {"session.get_unit_contact", SESS_COLS SESS_CONTACT_COLS SESS_FROM SESS_WHERE},
        {"session.get_unit_counts_contact",
         SESS_COLS SESS_COUNT_COLS SESS_CONTACT_COLS SESS_FROM SESS_COUNT_JOIN SESS_WHERE
         SESS_COUNT_GROUP},
    };
    struct sbind in, res;
    struct session x;
    struct unit u;
    struct unit_counts c = {0, 0, -1, 0, 0, 0};
    struct unit_contact uc;
    int v = 0;

    with &= SESSION_WITH_COUNTS | SESSION_WITH_CONTACT;
    memset(&x, 0, sizeof x);
    memset(&uc, 0, sizeof uc);
    sb_init(&in);
    sb_str(&in, id);
    sb_init(&res);
    sb_out_str(&res, x.id, sizeof x.id);
    sb_out_i64(&res, &x.unit_id);
    sb_out_i64(&res, &x.account_id);
    sb_out_str(&res, x.role, sizeof x.role);
    sb_out_str(&res, x.account_name, sizeof x.account_name);
    sb_out_str(&res, x.login, sizeof x.login);
    sb_out_int(&res, &x.must_change);
    sb_out_str(&res, x.shown_once, sizeof x.shown_once);
    sb_out_time(&res, &x.prev_login_at);
    sb_out_str(&res, x.prev_login_addr, sizeof x.prev_login_addr);
    sb_out_str(&res, x.csrf, sizeof x.csrf);
    sb_out_time(&res, &x.created);
    sb_out_time(&res, &x.last_seen);
    sb_out_i64(&res, &u.id);
    sb_out_str(&res, u.unit_no, sizeof u.unit_no);
    sb_out_str(&res, u.name, sizeof u.name);
    sb_out_str(&res, u.unit_type, sizeof u.unit_type);
    sb_out_str(&res, u.credit_code, sizeof u.credit_code);
    if (with & SESSION_WITH_COUNTS) {
        sb_out_long(&res, &c.insured);
        sb_out_long(&res, &c.retired);
        sb_out_month(&res, &c.todo_ym);
        sb_out_long(&res, &c.problems);
        sb_out_long(&res, &c.retire_due);
        sb_out_long(&res, &c.failed_jobs);
    }
    if (with & SESSION_WITH_CONTACT)
        store_bind_unit_contact(&res, &uc, &v);
    int rc = db_query_one(s, stmt[with].name, stmt[with].sql, &in, &res);
    if (rc == 0) {
        *out = x;
        *unit = u;
        if (counts)
            *counts = c;
        if (contact)
            *contact = uc;
        if (version)
            *version = v;
    }
    return rc;
}

int store_session_touch(struct store *s, const char *id, time_t now)
{
    struct sbind in;
    uint64_t n = 0;

    sb_init(&in);
    sb_i64(&in, (long long)now);
    sb_str(&in, id);
    int rc = db_exec(s, "session.touch",
        "UPDATE sessions SET last_seen = GREATEST(last_seen, ?) WHERE id = ?", &in, &n, NULL);
    (void)n;   /* 0 rows when last_seen did not change within the second: still fine */
    /* On a Galera cluster two requests of one session through two nodes in
     * the same second both write this row: one fails certification (1213,
     * after the server's own wsrep_retry_autocommit). The other has just set
     * last_seen to this moment: nothing is lost, the page goes on. */
    if (rc != 0 && (s->last_errno == ER_LOCK_DEADLOCK || s->last_errno == ER_LOCK_WAIT_TIMEOUT)) {
        store_error_clear(s);
        s->last_errno = 0;
        return 0;
    }
    return rc;
}

int store_session_delete(struct store *s, const char *id)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, id);
    return db_exec(s, "session.delete", "DELETE FROM sessions WHERE id = ?", &in, NULL, NULL);
}

int store_session_purge(struct store *s, time_t idle_before, time_t created_before)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, (long long)idle_before);
    sb_i64(&in, (long long)created_before);
    return db_exec(s, "session.purge",
        "DELETE FROM sessions WHERE last_seen < ? OR created_at < ?", &in, NULL, NULL);
}

int store_secret(struct store *s, const char *name, const char *candidate, time_t now,
                 char out[65])
{
    struct sbind in, res;
    char v[65] = "";
    int rc;

    /* the first program to ask stores its candidate; every later one reads it */
    sb_init(&in);
    sb_str(&in, name);
    sb_str(&in, candidate);
    sb_i64(&in, (long long)now);
    if (db_exec(s, "secret.add",
        "INSERT IGNORE INTO app_secrets (name, value, created_at) VALUES (?, ?, ?)",
        &in, NULL, NULL) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_str(&in, name);
    sb_init(&res);
    sb_out_str(&res, v, sizeof v);
    rc = db_query_one(s, "secret.get", "SELECT value FROM app_secrets WHERE name = ?", &in, &res);
    if (rc == 0)
        snprintf(out, 65, "%s", v);
    return rc == 0 ? 0 : STORE_ERR;
}
