/*
 * /login — 单位编号 + password. Spec §10, issue 2 item 5.
 *   GET  200 form (303 to / when already logged in)
 *   POST 303 to / on success; 200 form with a message on failure or lock;
 *        403 bad CSRF; 400 undeclared fields
 */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "web/web.h"
#include "rules/messages.h"

enum key { K_UNIT_NO, K_PASSWORD, K_EXPIRED, K_OUT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_UNIT_NO] = {"unit_no", F_TEXT, 32, NULL},
    [K_PASSWORD] = {"password", F_TEXT, 128, NULL},
    [K_EXPIRED] = {"expired", F_FLAG, 0, NULL},
    [K_OUT] = {"out", F_FLAG, 0, NULL},
};

static int show_form(struct req *r, const char *unit_no)
{
    hdf_set_value(r->hdf, "Page.Title", "单位登录");
    hdf_set_value(r->hdf, "Page.Key", "login");
    hdf_set_value(r->hdf, "Page.Public", "1");
    if (unit_no)
        hdf_set_value(r->hdf, "Form.UnitNo", unit_no);
    return web_render(r, 200, "login.cs");
}

static int login_get(struct req *r)
{
    if (r->has_session)
        return web_redirect(r, "/");
    if (r->field[K_EXPIRED].flag)
        web_msg(r, "fail", msg_text(MSG_SESSION_EXPIRED));
    else if (r->field[K_OUT].flag)
        web_msg(r, "ok", msg_text(MSG_LOGGED_OUT));
    return show_form(r, NULL);
}

/* Checks a password against a yescrypt hash. The dummy hash makes an unknown
 * unit cost the same time as a wrong password. Returns 1 on match. */
static int password_matches(const char *password, const char *hash)
{
    static char dummy[CRYPT_OUTPUT_SIZE];
    struct crypt_data *cd = calloc(1, sizeof *cd);
    const char *out;
    int ok = 0;

    if (!cd)
        return 0;
    if (!hash) {
        if (!dummy[0]) {
            char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
            const char *h = salt ? crypt_r("dummy-password", salt, cd) : NULL;
            if (h && h[0] == '$')
                snprintf(dummy, sizeof dummy, "%s", h);
            free(salt);
        }
        hash = dummy[0] ? dummy : "$y$j9T$invalid$";
    }
    out = crypt_r(password, hash, cd);
    ok = out && out[0] == '$' && strlen(out) == strlen(hash) &&
         strcmp(out, hash) == 0 && hash != dummy;
    free(cd);
    return ok;
}

/* A unit (or an address) is locked while its newest failure is less than
 * LockMinutes old and at least MaxFailures failures fell within WindowMinutes
 * before that newest one. Returns 1 and the end of the lock when locked. */
static int locked(struct req *r, const char *unit_no, int by_unit, time_t *until)
{
    time_t window = (time_t)r->cfg->login.window_minutes * 60;
    time_t lock = (time_t)r->cfg->login.lock_minutes * 60;
    int max = by_unit ? r->cfg->login.unit_max_failures : r->cfg->login.addr_max_failures;
    int uc = 0, ac = 0, count;
    time_t ul = 0, al = 0, last;

    if (store_login_failures(r->db, unit_no, r->addr, r->real_now - lock, &uc, &ul, &ac, &al) != 0)
        return -1;
    last = by_unit ? ul : al;
    if (last == 0)
        return 0;
    if (store_login_failures(r->db, unit_no, r->addr, last - window, &uc, &ul, &ac, &al) != 0)
        return -1;
    count = by_unit ? uc : ac;
    if (count < max)
        return 0;
    *until = last + lock;
    return r->real_now < *until;
}

static int show_locked(struct req *r, enum msg_id id, time_t until, const char *unit_no)
{
    char when[20], text[512];
    struct portal_dt t;
    dt_from_unix((long long)until, &t);
    format_datetime(when, &t);
    when[16] = '\0';   /* to the minute */
    msg_format(text, sizeof text, id, when);
    web_msg(r, "fail", text);
    return show_form(r, unit_no);
}

static int login_post(struct req *r)
{
    const char *unit_no = r->field[K_UNIT_NO].text;
    const char *password = r->field[K_PASSWORD].text;
    struct account acc;
    time_t until = 0;
    int rc, found;

    if (!unit_no || !password) {
        web_msg(r, "fail", msg_text(MSG_LOGIN_FAILED));
        return show_form(r, unit_no);
    }
    rc = locked(r, unit_no, 0, &until);
    if (rc < 0)
        return -1;
    if (rc)
        return show_locked(r, MSG_LOGIN_LOCKED_ADDR, until, unit_no);
    rc = locked(r, unit_no, 1, &until);
    if (rc < 0)
        return -1;
    if (rc)
        return show_locked(r, MSG_LOGIN_LOCKED_UNIT, until, unit_no);

    rc = store_account_by_unit_no(r->db, unit_no, &acc);
    if (rc == STORE_ERR)
        return -1;
    found = rc == 0;
    if (password_matches(password, found ? acc.pwhash : NULL) && found) {
        if (store_login_failures_clear(r->db, unit_no) != 0 ||
            web_session_start(r, acc.unit_id) != 0)
            return -1;
        return web_redirect(r, "/");
    }
    if (store_login_failure_add(r->db, unit_no, r->addr, r->real_now) != 0)
        return -1;
    /* the failure that reaches the limit already says how long the lock lasts */
    rc = locked(r, unit_no, 1, &until);
    if (rc > 0)
        return show_locked(r, MSG_LOGIN_LOCKED_UNIT, until, unit_no);
    rc = locked(r, unit_no, 0, &until);
    if (rc > 0)
        return show_locked(r, MSG_LOGIN_LOCKED_ADDR, until, unit_no);
    web_msg(r, "fail", msg_text(MSG_LOGIN_FAILED));
    return show_form(r, unit_no);
}

static const struct route routes[] = {
    {"GET", "/login", login_get, ROUTE_PUBLIC},
    {"POST", "/login", login_post, ROUTE_PUBLIC},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"login", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
