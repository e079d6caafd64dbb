/* account — unit logins and login throttling. */
#include <stdio.h>
#include <string.h>
#include "store/db.h"

int store_account_by_unit_no(struct store *s, const char *unit_no, struct account *out)
{
    struct sbind in, res;
    struct account a;

    sb_init(&in);
    sb_str(&in, unit_no);
    sb_init(&res);
    sb_out_i64(&res, &a.unit_id);
    sb_out_str(&res, a.unit_no, sizeof a.unit_no);
    sb_out_str(&res, a.pwhash, sizeof a.pwhash);
    int rc = db_query_one(s, "account.by_unit_no",
        "SELECT u.id, u.unit_no, a.pwhash FROM units u JOIN accounts a ON a.unit_id = u.id"
        " WHERE u.unit_no = ?", &in, &res);
    if (rc == 0)
        *out = a;
    return rc;
}

int store_account_set_password(struct store *s, int64_t unit_id, const char *pwhash)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_str(&in, pwhash);
    /* updated_at is an audit time of the real clock, not a business date. */
    return db_exec(s, "account.set_password",
        "INSERT INTO accounts (unit_id, pwhash, updated_at) VALUES (?, ?, NOW())"
        " ON DUPLICATE KEY UPDATE pwhash = VALUES(pwhash), updated_at = VALUES(updated_at)",
        &in, NULL, NULL);
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

/* sql binds key, then key2 unless NULL, then since. */
static int count_since(struct store *s, const char *name, const char *sql, const char *key,
                       const char *key2, time_t since, int *count, time_t *last)
{
    struct sbind in, res;
    long n = 0;
    time_t t = 0;

    sb_init(&in);
    sb_str(&in, key);
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

int store_login_failures_unit(struct store *s, const char *unit_no, time_t since, int *count,
                              time_t *last)
{
    return count_since(s, "login_failures.by_unit",
        "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures WHERE unit_no = ? AND at >= ?",
        unit_no ? unit_no : "", NULL, since, count, last);
}

int store_login_failures_pair(struct store *s, const char *unit_no, const char *addr,
                              time_t since, int *count, time_t *last)
{
    /* ix_login_failures_unit narrows to the unit's few rows */
    return count_since(s, "login_failures.by_pair",
        "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures"
        " WHERE unit_no = ? AND addr = ? AND at >= ?",
        unit_no ? unit_no : "", addr ? addr : "", since, count, last);
}

int store_login_failure_add(struct store *s, const char *unit_no, const char *addr, time_t at)
{
    struct sbind in;
    char unit_cut[65], addr_cut[65];

    /* Typed input of any length: keep what fits the columns. */
    cut_utf8(unit_cut, sizeof unit_cut, unit_no);
    cut_utf8(addr_cut, sizeof addr_cut, addr);
    sb_init(&in);
    sb_str(&in, unit_cut);
    sb_str(&in, addr_cut);
    sb_i64(&in, (long long)at);
    return db_exec(s, "login_failures.add",
        "INSERT INTO login_failures (unit_no, addr, at) VALUES (?, ?, ?)", &in, NULL, NULL);
}

int store_login_failures_clear(struct store *s, const char *unit_no)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, unit_no);
    return db_exec(s, "login_failures.clear",
        "DELETE FROM login_failures WHERE unit_no = ?", &in, NULL, NULL);
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
