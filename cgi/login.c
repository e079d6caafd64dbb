/*
 * /login — 单位编号 + password, and the optional 账号 (operator) of an 经办人
 * account (empty: the unit's 管理员). Spec §7b, §10, §11, issue 2 item 5,
 * issue 13 items 3, 19, issue 18 item 2. Throttling counts per (unit,
 * account); an unknown unit, an unknown or disabled account and a wrong
 * password get the same message after the same hashing time. A login with an
 * initial or reset password goes to /password.
 *   GET  200 form, keeping next= (a local path) in a hidden field; 303 to next
 *        (else /) when already logged in
 *   POST 303 to next when it is a local path (web_local_path), else to /, on
 *        success; 200 form with a message on failure, lock, delay or a field
 *        with control characters; 403 bad CSRF; 400 undeclared fields
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "web/web.h"
#include "rules/messages.h"

enum key { K_UNIT_NO, K_OPERATOR, K_PASSWORD, K_EXPIRED, K_OUT, K_NEXT, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_UNIT_NO] = {"unit_no", F_TEXT, 32, "单位编号"},
    [K_OPERATOR] = {"operator", F_TEXT, 64, "账号"},
    [K_PASSWORD] = {"password", F_TEXT, 128, "密码"},
    [K_EXPIRED] = {"expired", F_FLAG, 0, NULL},
    [K_OUT] = {"out", F_FLAG, 0, NULL},
    /* longer than WEB_NEXT_MAX is no 400: it sends the clerk to / */
    [K_NEXT] = {"next", F_TEXT, 0, NULL},
};

/* Where a login leads: next= when it is a local path, else /. */
static const char *next_page(const struct req *r)
{
    const struct field *next = &r->field[K_NEXT];
    return next->state == FIELD_OK && web_local_path(next->text, WEB_NEXT_MAX) ? next->text : "/";
}

static int show_form(struct req *r, const char *unit_no)
{
    const char *next = next_page(r);
    const char *op = r->field[K_OPERATOR].state == FIELD_OK ? r->field[K_OPERATOR].text : NULL;

    hdf_set_value(r->hdf, "Page.Title", "单位登录");
    hdf_set_value(r->hdf, "Page.Key", "login");
    hdf_set_value(r->hdf, "Page.Public", "1");
    if (unit_no)
        hdf_set_value(r->hdf, "Form.UnitNo", unit_no);
    if (unit_no && op)
        hdf_set_value(r->hdf, "Form.Operator", op);
    if (strcmp(next, "/") != 0)
        hdf_set_value(r->hdf, "Form.Next", next);
    return web_render(r, 200, "login.cs");
}

static int login_get(struct req *r)
{
    if (r->has_session)
        return web_redirect(r, next_page(r));
    if (r->field[K_EXPIRED].flag)
        web_msg(r, "fail", msg_text(MSG_SESSION_EXPIRED));
    else if (r->field[K_OUT].flag)
        web_msg(r, "ok", msg_text(MSG_LOGGED_OUT));
    return show_form(r, NULL);
}

/* A unit is locked while its newest failure is less than LockMinutes old
 * and at least UnitMaxFailures failures fell within WindowMinutes before that
 * newest one. Returns 1 and the end of the lock when locked, -1 on a
 * database error. */
static int unit_locked(struct req *r, const char *unit_no, const char *op, time_t *until)
{
    time_t window = (time_t)r->cfg->login.window_minutes * 60;
    time_t lock = (time_t)r->cfg->login.lock_minutes * 60;
    int count = 0;
    time_t last = 0;

    if (store_login_failures_unit(r->db, unit_no, op, r->real_now - lock, &count, &last) != 0)
        return -1;
    if (last == 0)
        return 0;
    if (store_login_failures_unit(r->db, unit_no, op, last - window, &count, &last) != 0)
        return -1;
    if (count < r->cfg->login.unit_max_failures)
        return 0;
    *until = last + lock;
    return r->real_now < *until;
}

/* The address rule, per (address, unit): after n failures of this unit from
 * this address within WindowMinutes, the next attempt waits AddrDelaySeconds
 * * 2^(n-1), at most AddrMaxDelaySeconds, after the newest of them. Other
 * units behind the same address (a NAT, a proxy) are not slowed down.
 * Returns 1 and the end of the wait while waiting, -1 on a database error. */
static int pair_delayed(struct req *r, const char *unit_no, const char *op, time_t *until)
{
    time_t window = (time_t)r->cfg->login.window_minutes * 60;
    time_t delay = r->cfg->login.addr_delay_seconds, cap = r->cfg->login.addr_max_delay_seconds;
    int count = 0;
    time_t last = 0;

    if (store_login_failures_pair(r->db, unit_no, op, r->addr, r->real_now - window, &count,
                                  &last) != 0)
        return -1;
    if (count == 0)
        return 0;
    *until = (time_t)throttle_until(count, (long long)last, (long long)delay, (long long)cap);
    return r->real_now < *until;
}

/* The form with a message quoting a time (to the minute, or to the second
 * for the short waits of the address rule). */
static int show_until(struct req *r, enum msg_id id, time_t until, const char *unit_no)
{
    char when[20], text[512];
    struct portal_dt t;
    dt_from_unix((long long)until, &t);
    format_datetime(when, &t);
    if (id != MSG_LOGIN_DELAYED)
        when[16] = '\0';   /* to the minute */
    msg_format(text, sizeof text, id, when);
    web_msg(r, "fail", text);
    return show_form(r, unit_no);
}

/* The refusals before the password is checked: a field with control
 * characters, a missing field, the unit's lock, the (address, unit) delay.
 * None of them counts as a failure. 1 when answered, 0 to go on, -1 on a
 * database error. */
static int refused_early(struct req *r, const char *unit_no, const char *op,
                         const char *password)
{
    time_t until = 0;
    int rc;

    if (web_text_field_errors(r)) {
        web_msg(r, "fail", web_field_first_error(r));
        return show_form(r, NULL) == 0 ? 1 : -1;
    }
    if (!unit_no || !password) {
        web_msg(r, "fail", msg_text(MSG_LOGIN_FAILED));
        return show_form(r, unit_no) == 0 ? 1 : -1;
    }
    if ((rc = unit_locked(r, unit_no, op, &until)) != 0)
        return rc < 0 ? -1 : show_until(r, MSG_LOGIN_LOCKED_UNIT, until, unit_no) == 0 ? 1 : -1;
    if ((rc = pair_delayed(r, unit_no, op, &until)) != 0)
        return rc < 0 ? -1 : show_until(r, MSG_LOGIN_DELAYED, until, unit_no) == 0 ? 1 : -1;
    return 0;
}

static int login_post(struct req *r)
{
    const char *unit_no = r->field[K_UNIT_NO].text;
    const char *password = r->field[K_PASSWORD].text;
    const char *op = r->field[K_OPERATOR].text ? r->field[K_OPERATOR].text : "";
    struct account acc;
    time_t until = 0;
    int rc, found;

    if ((rc = refused_early(r, unit_no, op, password)) != 0)
        return rc < 0 ? -1 : 0;
    rc = store_account_for_login(r->db, unit_no, op, &acc);
    if (rc == STORE_ERR)
        return -1;
    found = rc == 0 && !acc.disabled;
    if (web_password_matches(password, found ? acc.pwhash : NULL) && found) {
        if (store_account_login_ok(r->db, unit_no, op, acc.id, r->addr, r->real_now) != 0 ||
            web_session_start(r, &acc) != 0)
            return -1;
        return web_redirect(r, acc.must_change ? "/password?first=1" : next_page(r));
    }
    if (store_login_failure_add(r->db, unit_no, op, r->addr, r->real_now) != 0)
        return -1;
    /* the failure that reaches the limit already says how long the lock lasts */
    if (unit_locked(r, unit_no, op, &until) > 0)
        return show_until(r, MSG_LOGIN_LOCKED_UNIT, until, unit_no);
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
