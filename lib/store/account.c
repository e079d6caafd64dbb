/* account — the accounts of a unit (管理员, 经办人, 查询: spec §7b) and login
 * throttling per (unit, account). */
#include <stdio.h>
#include <string.h>
#include "store/db.h"
#include "store/declarations.h"
#include "store/json.h"

static void cut_utf8(char *dst, size_t n, const char *src);


#define ACCOUNT_COLS "a.id, a.unit_id, u.unit_no, a.login, a.name, a.phone, a.role, a.pwhash," \
    " a.must_change, a.disabled, COALESCE(a.last_login_at, 0), a.last_login_addr," \
    " COALESCE(a.prev_login_at, 0), a.prev_login_addr"

static void bind_account(struct sbind *res, struct account *a)
{
    sb_init(res);
    sb_out_i64(res, &a->id);
    sb_out_i64(res, &a->unit_id);
    sb_out_str(res, a->unit_no, sizeof a->unit_no);
    sb_out_str(res, a->login, sizeof a->login);
    sb_out_str(res, a->name, sizeof a->name);
    sb_out_str(res, a->phone, sizeof a->phone);
    sb_out_str(res, a->role, sizeof a->role);
    sb_out_str(res, a->pwhash, sizeof a->pwhash);
    sb_out_int(res, &a->must_change);
    sb_out_int(res, &a->disabled);
    sb_out_time(res, &a->last_login_at);
    sb_out_str(res, a->last_login_addr, sizeof a->last_login_addr);
    sb_out_time(res, &a->prev_login_at);
    sb_out_str(res, a->prev_login_addr, sizeof a->prev_login_addr);
}

int store_account_for_login(struct store *s, const char *unit_no, const char *login,
                            struct account *out)
{
    struct sbind in, res;
    struct account a;

    memset(&a, 0, sizeof a);
    sb_init(&in);
    sb_str(&in, unit_no);
    sb_str(&in, login ? login : "");
    bind_account(&res, &a);
    int rc = db_query_one(s, "account.for_login",
        "SELECT " ACCOUNT_COLS " FROM units u JOIN accounts a ON a.unit_id = u.id"
        " WHERE u.unit_no = ? AND a.login = ?", &in, &res);
    if (rc == 0)
        *out = a;
    return rc;
}

int store_account_by_unit_no(struct store *s, const char *unit_no, struct account *out)
{
    return store_account_for_login(s, unit_no, "", out);
}

int store_account_get(struct store *s, int64_t unit_id, int64_t id, struct account *out)
{
    struct sbind in, res;
    struct account a;

    memset(&a, 0, sizeof a);
    sb_init(&in);
    sb_i64(&in, id);
    sb_i64(&in, unit_id);
    bind_account(&res, &a);
    int rc = db_query_one(s, "account.get",
        "SELECT " ACCOUNT_COLS " FROM accounts a JOIN units u ON u.id = a.unit_id"
        " WHERE a.id = ? AND a.unit_id = ?", &in, &res);
    if (rc == 0)
        *out = a;
    return rc;
}

int store_accounts_each(struct store *s, int64_t unit_id, account_fn fn, void *arg)
{
    struct sbind in, res;
    struct account a;
    MYSQL_STMT *st;
    int rc;

    memset(&a, 0, sizeof a);
    sb_init(&in);
    sb_i64(&in, unit_id);
    bind_account(&res, &a);
    if (db_query(s, "account.each",
        "SELECT " ACCOUNT_COLS " FROM accounts a JOIN units u ON u.id = a.unit_id"
        " WHERE a.unit_id = ? ORDER BY a.login <> '', a.login", &in, &res, &st) != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "account.each", st, &res)) == 0)
        if (fn(&a, arg) != 0) {
            rc = STORE_ERR;
            break;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

int store_account_logged_in(struct store *s, int64_t id, const char *addr, time_t now)
{
    struct sbind in;
    char addr_cut[65];

    snprintf(addr_cut, sizeof addr_cut, "%s", addr ? addr : "");
    sb_init(&in);
    sb_i64(&in, (long long)now);
    sb_str(&in, addr_cut);
    sb_i64(&in, id);
    /* MariaDB assigns left to right: prev_* take the old last_* first */
    return db_exec(s, "account.logged_in",
        "UPDATE accounts SET prev_login_at = last_login_at, prev_login_addr = last_login_addr,"
        " last_login_at = ?, last_login_addr = ? WHERE id = ?", &in, NULL, NULL);
}

/* A login that succeeded: the pair's failures forgotten and the account's
 * last login moved to prev_*, in one transaction that store_tx runs again on a
 * conflict (on a Galera cluster, clerks of one account logging in through two
 * nodes at once update the same account row: one would answer 500). */
struct login_ok {
    const char *unit_no, *op, *addr;
    int64_t id;
    time_t now;
    int ok;
};

static int login_ok_tx(struct store *s, void *arg)
{
    struct login_ok *c = arg;

    if (store_login_failures_clear(s, c->unit_no, c->op) != 0 ||
        store_account_logged_in(s, c->id, c->addr, c->now) != 0)
        return STORE_ERR;
    c->ok = 1;
    return 0;
}

int store_account_login_ok(struct store *s, const char *unit_no, const char *operator_login,
                           int64_t id, const char *addr, time_t now)
{
    struct login_ok c = {unit_no, operator_login, addr, id, now, 0};

    return store_tx_ok(s, login_ok_tx, &c, &c.ok) != 0 || !c.ok ? STORE_ERR : 0;
}

int store_account_set_admin_name(struct store *s, int64_t unit_id, const char *name)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, name);
    sb_i64(&in, unit_id);
    return db_exec(s, "account.admin_name",
        "UPDATE accounts SET name = ? WHERE unit_id = ? AND login = ''", &in, NULL, NULL);
}

int store_account_set_password(struct store *s, int64_t unit_id, const char *pwhash)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, pwhash);
    sb_i64(&in, unit_id);
    /* the unit's 管理员; updated_at is an audit time of the real clock, not a
     * business date. Its 姓名 starts as the unit's contact, else the 单位编号. */
    return db_exec(s, "account.set_password",
        "INSERT INTO accounts (unit_id, login, name, role, pwhash, updated_at)"
        " SELECT u.id, '', IF(u.contact_name <> '', u.contact_name, u.unit_no), '管理员', ?, NOW()"
        " FROM units u WHERE u.id = ?"
        " ON DUPLICATE KEY UPDATE pwhash = VALUES(pwhash), updated_at = VALUES(updated_at)",
        &in, NULL, NULL);
}

/* The account as its declaration shows it (never the password). */
static void account_json(char *buf, size_t cap, const struct account *a)
{
    struct json j;

    json_init(&j, buf, cap);
    json_object(&j);
    json_kstr(&j, "account_login", a->login);
    json_kstr(&j, "account_name", a->name);
    json_kstr(&j, "account_phone", a->phone);
    json_kstr(&j, "account_role", a->role);
    json_kstr(&j, "account_state", a->disabled ? "已停用" : "正常");
    json_kstr(&j, "account_password", a->must_change ? "初始密码(须修改)" : "本人已设置");
    json_close(&j);
    json_end(&j);
}

/* The declaration 经办人账户维护 of one change to account `a`. */
static int account_declaration(struct store *s, int64_t unit_id, const struct portal_dt *now,
                               const char *result, const struct account *before,
                               const struct account *after, int64_t *decl_id)
{
    char b[1024] = "", a[1024] = "";
    struct decl_new d = {unit_id, "经办人账户维护", -1, NULL, after->name, s->actor_name, 0, now,
                         result, before ? b : NULL, a, 0};

    if (before)
        account_json(b, sizeof b, before);
    account_json(a, sizeof a, after);
    return store_declaration_add(s, "account.declaration", &d, decl_id);
}

static int end_sessions(struct store *s, int64_t account_id, const char *keep)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, account_id);
    sb_str(&in, keep ? keep : "");
    return db_exec(s, "account.end_sessions",
        "DELETE FROM sessions WHERE account_id = ? AND id <> ?", &in, NULL, NULL);
}

/* Commits when rc is 0, else rolls back; returns rc (or STORE_ERR when the
 * commit failed). */
static int finish(struct store *s, int rc)
{
    if (rc == 0 && store_commit(s) != 0)
        rc = STORE_ERR;
    if (rc != 0)
        store_rollback(s);
    return rc;
}

int store_account_insert(struct store *s, int64_t unit_id, const struct account *a,
                         const char *pwhash, int must_change, int64_t *id)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_str(&in, a->login);
    sb_str(&in, a->name);
    sb_str(&in, a->phone);
    sb_str(&in, a->role);
    sb_str(&in, pwhash);
    sb_i64(&in, must_change ? 1 : 0);
    return db_exec(s, "account.insert",
        "INSERT INTO accounts (unit_id, login, name, phone, role, pwhash, must_change, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, NOW())", &in, NULL, id);
}

static int account_add_once(struct store *s, int64_t unit_id, const struct account *a,
                            const char *pwhash, const struct portal_dt *now, int64_t *id,
                            int64_t *decl_id)
{
    struct account after = *a;
    int rc;

    if (store_begin(s) != 0)
        return STORE_ERR;
    rc = store_account_insert(s, unit_id, a, pwhash, 1, id);
    after.must_change = 1;
    after.disabled = 0;
    if (rc == 0)
        rc = account_declaration(s, unit_id, now, "新增经办人账户", NULL, &after, decl_id);
    return finish(s, rc);
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct account_add_call {
    int64_t unit_id;
    const struct account *a;
    const char *pwhash;
    const struct portal_dt *now;
    int64_t *id;
    int64_t *decl_id;
};

static int account_add_tx(struct store *s, void *arg)
{
    struct account_add_call *c = arg;

    return account_add_once(s, c->unit_id, c->a, c->pwhash, c->now, c->id, c->decl_id);
}

int store_account_add(struct store *s, int64_t unit_id, const struct account *a,
                      const char *pwhash, const struct portal_dt *now, int64_t *id,
                      int64_t *decl_id)
{
    struct account_add_call c = {unit_id, a, pwhash, now, id, decl_id};

    return store_tx(s, account_add_tx, &c);
}

/* Locks the unit's account `id` (not the 管理员) for a change. */
static int lock_account(struct store *s, int64_t unit_id, int64_t id, struct account *out)
{
    struct sbind in, res;
    struct account a;

    memset(&a, 0, sizeof a);
    sb_init(&in);
    sb_i64(&in, id);
    sb_i64(&in, unit_id);
    bind_account(&res, &a);
    int rc = db_query_one(s, "account.lock",
        "SELECT " ACCOUNT_COLS " FROM accounts a JOIN units u ON u.id = a.unit_id"
        " WHERE a.id = ? AND a.unit_id = ? AND a.login <> '' FOR UPDATE", &in, &res);
    if (rc == 0)
        *out = a;
    return rc;
}

static int account_set_disabled_once(struct store *s, int64_t unit_id, int64_t id, int disabled,
                                     const struct portal_dt *now, int64_t *decl_id)
{
    struct sbind in;
    struct account before, after;
    int rc;

    if (store_begin(s) != 0)
        return STORE_ERR;
    rc = lock_account(s, unit_id, id, &before);
    if (rc == 0) {
        sb_init(&in);
        sb_i64(&in, disabled ? 1 : 0);
        sb_i64(&in, id);
        rc = db_exec(s, "account.set_disabled",
            "UPDATE accounts SET disabled = ?, updated_at = NOW() WHERE id = ?", &in, NULL, NULL);
    }
    if (rc == 0 && disabled)
        rc = end_sessions(s, id, NULL);
    if (rc == 0) {
        after = before;
        after.disabled = disabled ? 1 : 0;
        rc = account_declaration(s, unit_id, now, disabled ? "停用经办人账户" : "启用经办人账户",
                                 &before, &after, decl_id);
    }
    return finish(s, rc);
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct account_set_disabled_call {
    int64_t unit_id;
    int64_t id;
    int disabled;
    const struct portal_dt *now;
    int64_t *decl_id;
};

static int account_set_disabled_tx(struct store *s, void *arg)
{
    struct account_set_disabled_call *c = arg;

    return account_set_disabled_once(s, c->unit_id, c->id, c->disabled, c->now, c->decl_id);
}

int store_account_set_disabled(struct store *s, int64_t unit_id, int64_t id, int disabled,
                               const struct portal_dt *now, int64_t *decl_id)
{
    struct account_set_disabled_call c = {unit_id, id, disabled, now, decl_id};

    return store_tx(s, account_set_disabled_tx, &c);
}

static int account_reset_once(struct store *s, int64_t unit_id, int64_t id, const char *pwhash,
                              const struct portal_dt *now, int64_t *decl_id)
{
    struct sbind in;
    struct account before, after;
    int rc;

    if (store_begin(s) != 0)
        return STORE_ERR;
    rc = lock_account(s, unit_id, id, &before);
    if (rc == 0) {
        sb_init(&in);
        sb_str(&in, pwhash);
        sb_i64(&in, id);
        rc = db_exec(s, "account.reset",
            "UPDATE accounts SET pwhash = ?, must_change = 1, updated_at = NOW() WHERE id = ?",
            &in, NULL, NULL);
    }
    if (rc == 0)
        rc = end_sessions(s, id, NULL);
    if (rc == 0) {
        after = before;
        after.must_change = 1;
        rc = account_declaration(s, unit_id, now, "重置经办人账户密码", &before, &after, decl_id);
    }
    return finish(s, rc);
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct account_reset_call {
    int64_t unit_id;
    int64_t id;
    const char *pwhash;
    const struct portal_dt *now;
    int64_t *decl_id;
};

static int account_reset_tx(struct store *s, void *arg)
{
    struct account_reset_call *c = arg;

    return account_reset_once(s, c->unit_id, c->id, c->pwhash, c->now, c->decl_id);
}

int store_account_reset(struct store *s, int64_t unit_id, int64_t id, const char *pwhash,
                        const struct portal_dt *now, int64_t *decl_id)
{
    struct account_reset_call c = {unit_id, id, pwhash, now, decl_id};

    return store_tx(s, account_reset_tx, &c);
}

static int account_change_password_once(struct store *s, int64_t id, const char *pwhash,
                                        const char *keep_session)
{
    struct sbind in;
    int rc;

    if (store_begin(s) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_str(&in, pwhash);
    sb_i64(&in, id);
    rc = db_exec(s, "account.change_password",
        "UPDATE accounts SET pwhash = ?, must_change = 0, updated_at = NOW() WHERE id = ?",
        &in, NULL, NULL);
    if (rc == 0)
        rc = end_sessions(s, id, keep_session);
    return finish(s, rc);
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct account_change_password_call {
    int64_t id;
    const char *pwhash;
    const char *keep_session;
};

static int account_change_password_tx(struct store *s, void *arg)
{
    struct account_change_password_call *c = arg;

    return account_change_password_once(s, c->id, c->pwhash, c->keep_session);
}

int store_account_change_password(struct store *s, int64_t id, const char *pwhash,
                                  const char *keep_session)
{
    struct account_change_password_call c = {id, pwhash, keep_session};

    return store_tx(s, account_change_password_tx, &c);
}

void store_set_actor(struct store *s, int64_t account_id, const char *name)
{
    if (!s)
        return;
    s->actor_id = account_id;
    snprintf(s->actor_name, sizeof s->actor_name, "%s", name ? name : "");
}

int64_t store_actor_id(const struct store *s)
{
    return s ? s->actor_id : 0;
}

/* Copies at most n-1 bytes of src, never cutting a UTF-8 sequence in two. */
static void cut_utf8(char *dst, size_t n, const char *src)
{
    size_t len = src ? strlen(src) : 0;

    if (len > n - 1) {
        len = n - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    if (len)
        memcpy(dst, src, len);
    dst[len] = '\0';
}

/* sql binds key, op, then key2 unless NULL, then since. */
static int count_since(struct store *s, const char *name, const char *sql, const char *key,
                       const char *op, const char *key2, time_t since, int *count, time_t *last)
{
    struct sbind in, res;
    long n = 0;
    time_t t = 0;
    char op_cut[65];

    cut_utf8(op_cut, sizeof op_cut, op);
    sb_init(&in);
    sb_str(&in, key);
    sb_str(&in, op_cut);
    if (key2)
        sb_str(&in, key2);
    sb_i64(&in, (long long)since);
    sb_init(&res);
    sb_out_long(&res, &n);
    sb_out_time(&res, &t);
    int rc = db_query_one(s, name, sql, &in, &res);
    if (rc == STORE_NOTFOUND)
        rc = 0;
    if (rc != 0)
        return rc;
    *count = (int)n;
    *last = t;
    return 0;
}

int store_login_failures_unit(struct store *s, const char *unit_no, const char *operator_login,
                              time_t since, int *count, time_t *last)
{
    return count_since(s, "login_failures.by_unit",
        "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures"
        " WHERE unit_no = ? AND operator = ? AND at >= ?",
        unit_no ? unit_no : "", operator_login, NULL, since, count, last);
}

int store_login_failures_pair(struct store *s, const char *unit_no, const char *operator_login,
                              const char *addr, time_t since, int *count, time_t *last)
{
    /* ix_login_failures_account narrows to the account's few rows */
    return count_since(s, "login_failures.by_pair",
        "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures"
        " WHERE unit_no = ? AND operator = ? AND addr = ? AND at >= ?",
        unit_no ? unit_no : "", operator_login, addr ? addr : "", since, count, last);
}

int store_login_failure_add(struct store *s, const char *unit_no, const char *operator_login,
                            const char *addr, time_t at)
{
    struct sbind in;
    char unit_cut[65], op_cut[65], addr_cut[65];

    /* Typed input of any length: keep what fits the columns. */
    cut_utf8(unit_cut, sizeof unit_cut, unit_no);
    cut_utf8(op_cut, sizeof op_cut, operator_login);
    cut_utf8(addr_cut, sizeof addr_cut, addr);
    sb_init(&in);
    sb_str(&in, unit_cut);
    sb_str(&in, op_cut);
    sb_str(&in, addr_cut);
    sb_i64(&in, (long long)at);
    return db_exec(s, "login_failures.add",
        "INSERT INTO login_failures (unit_no, operator, addr, at) VALUES (?, ?, ?, ?)",
        &in, NULL, NULL);
}

int store_login_failures_clear(struct store *s, const char *unit_no, const char *operator_login)
{
    struct sbind in;
    char op_cut[65];

    cut_utf8(op_cut, sizeof op_cut, operator_login);
    sb_init(&in);
    sb_str(&in, unit_no);
    sb_str(&in, op_cut);
    return db_exec(s, "login_failures.clear",
        "DELETE FROM login_failures WHERE unit_no = ? AND operator = ?", &in, NULL, NULL);
}

int store_login_failures_purge(struct store *s, time_t before, long *deleted)
{
    struct sbind in;
    uint64_t n = 0;

    sb_init(&in);
    sb_i64(&in, (long long)before);
    int rc = db_exec(s, "login_failures.purge",
        "DELETE FROM login_failures WHERE at < ?", &in, &n, NULL);
    if (rc == 0 && deleted)
        *deleted = (long)n;
    return rc;
}
