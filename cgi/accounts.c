/*
 * /accounts — 经办人账户管理 (spec §7b, issue 18 item 1), the 管理员 only
 * (ROUTE_ADMIN: any other role gets the 403 page from the runtime). Every
 * query is scoped to the session's unit: another unit's account id is a 404.
 *   GET  /accounts                 200 the unit's accounts and the add form;
 *                                  the message of the last change (once)
 *   POST /accounts                 add: 303 to /accounts, the initial password
 *                                  shown there once; 200 the form with field
 *                                  messages (nothing written)
 *   POST /accounts/ID/disable      303 to /accounts: disabled, its sessions ended
 *   POST /accounts/ID/enable       303 to /accounts
 *   POST /accounts/ID/reset        303 to /accounts: a new initial password
 *                                  shown once, its sessions ended
 *                                  404 another unit's or an unknown id, or the
 *                                  管理员's own (it cannot be disabled or reset here)
 *   Every change is a declaration 经办人账户维护 (before/after, never the
 *   password). 400 undeclared fields; 403 bad CSRF or not the 管理员.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/web.h"

enum key { K_NAME, K_LOGIN, K_PHONE, K_ROLE, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_NAME] = {"name", F_TEXT, 400, "姓名"},
    [K_LOGIN] = {"login", F_TEXT, 400, "账号"},
    [K_PHONE] = {"phone", F_TEXT, 400, "手机号"},
    [K_ROLE] = {"role", F_TEXT, 32, "角色"},
};

struct rows {
    struct req *r;
    int n;
};

static void set_str(HDF *hdf, const char *prefix, const char *name, const char *v)
{
    char k[64];
    snprintf(k, sizeof k, "%s.%s", prefix, name);
    hdf_set_value(hdf, k, v);
}

static void set_int(HDF *hdf, const char *prefix, const char *name, long long v)
{
    char k[64], t[24];
    snprintf(k, sizeof k, "%s.%s", prefix, name);
    snprintf(t, sizeof t, "%lld", v);
    hdf_set_value(hdf, k, t);
}

static int add_row(const struct account *a, void *arg)
{
    struct rows *rows = arg;
    HDF *hdf = rows->r->hdf;
    char p[32], when[20];
    struct portal_dt t;

    snprintf(p, sizeof p, "Accounts.%d", rows->n++);
    set_int(hdf, p, "Id", a->id);
    set_int(hdf, p, "IsAdmin", a->login[0] == '\0');
    set_int(hdf, p, "Disabled", a->disabled);
    set_int(hdf, p, "MustChange", a->must_change);
    set_str(hdf, p, "Login", a->login);
    set_str(hdf, p, "Name", a->name);
    set_str(hdf, p, "Phone", a->phone);
    set_str(hdf, p, "Role", a->role);
    if (a->last_login_at) {
        dt_from_unix((long long)a->last_login_at, &t);
        format_datetime(when, &t);
        when[16] = '\0';
        set_str(hdf, p, "LastLogin", when);
    }
    return 0;
}

static int show_page(struct req *r, int status)
{
    hdf_set_value(r->hdf, "Page.Title", "经办人账户管理");
    hdf_set_value(r->hdf, "Page.Key", "accounts");
    struct rows rows = {r, 0};

    if (store_accounts_each(r->db, r->unit.id, add_row, &rows) != 0)
        return -1;
    return web_render(r, status, "accounts.cs");
}

static int accounts_get(struct req *r)
{
    if (r->sess.shown_once[0]) {
        web_msg(r, "ok", r->sess.shown_once);
        if (store_session_shown_once(r->db, r->sess.id, "") != 0)
            return -1;
    }
    return show_page(r, 200);
}

/* Ends a change: the message for the next view, then 303 to /accounts. */
static int done(struct req *r, const char *text)
{
    if (store_session_shown_once(r->db, r->sess.id, text) != 0)
        return -1;
    return web_redirect(r, "/accounts");
}

static int add_post(struct req *r)
{
    const char *name = r->field[K_NAME].text, *login = r->field[K_LOGIN].text,
               *phone = r->field[K_PHONE].text, *role = r->field[K_ROLE].text;
    struct account a;
    char pw[13], hash[256], text[512];
    int64_t id = 0, decl = 0;
    enum msg_id m;
    int bad = 0, rc;

    m = name ? info_text_check(name, 30) : MSG_FIELD_REQUIRED;
    if (m != MSG_OK)
        bad += web_field_error(r, K_NAME, m);
    if (!account_login_valid(login))
        bad += web_field_error(r, K_LOGIN, login ? MSG_ACC_LOGIN_BAD : MSG_FIELD_REQUIRED);
    if (!mobile_valid(phone))
        bad += web_field_error(r, K_PHONE, phone ? MSG_ACC_PHONE_BAD : MSG_FIELD_REQUIRED);
    if (!account_role_addable(role))
        bad += web_field_error(r, K_ROLE, MSG_ACC_ROLE_BAD);
    web_text_field_errors(r);
    hdf_set_value(r->hdf, "Form.Name", name ? name : "");
    hdf_set_value(r->hdf, "Form.Login", login ? login : "");
    hdf_set_value(r->hdf, "Form.Phone", phone ? phone : "");
    hdf_set_value(r->hdf, "Form.Role", role ? role : "");
    if (bad || web_field_first_error(r)) {
        web_msg(r, "fail", web_field_first_error(r));
        return show_page(r, 200);
    }
    memset(&a, 0, sizeof a);
    snprintf(a.login, sizeof a.login, "%s", login);
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.phone, sizeof a.phone, "%s", phone);
    snprintf(a.role, sizeof a.role, "%s", role);
    if (web_initial_password(r->unit.unit_no, login, pw) != 0 ||
        web_password_hash(pw, hash, sizeof hash) != 0)
        return -1;
    rc = store_account_add(r->db, r->unit.id, &a, hash, &r->now, &id, &decl);
    if (rc == STORE_DUP) {
        web_field_error(r, K_LOGIN, MSG_ACC_LOGIN_TAKEN);
        web_msg(r, "fail", web_field_first_error(r));
        return show_page(r, 200);
    }
    if (rc != 0)
        return -1;
    msg_format(text, sizeof text, MSG_ACC_ADDED, login, pw);
    return done(r, text);
}

/* /accounts/ID/ACTION: the id, or 0 when the path is not of that shape. */
static int64_t path_id(const char *path, const char **action)
{
    const char *p = path + strlen("/accounts/");
    char *end;
    long long id;

    if (*p < '1' || *p > '9')
        return 0;
    id = strtoll(p, &end, 10);
    if (*end != '/' || id <= 0)
        return 0;
    *action = end + 1;
    return id;
}

static int change_post(struct req *r)
{
    const char *action = "";
    int64_t id = path_id(r->path, &action), decl = 0;
    struct account a;
    char pw[13] = "", hash[256], text[512];
    int rc;

    if (!id || (strcmp(action, "disable") != 0 && strcmp(action, "enable") != 0 &&
                strcmp(action, "reset") != 0))
        return web_error(r, 404, msg_text(MSG_ACC_NOT_FOUND));
    rc = store_account_get(r->db, r->unit.id, id, &a);
    if (rc == STORE_NOTFOUND)
        return web_error(r, 404, msg_text(MSG_ACC_NOT_FOUND));
    if (rc != 0)
        return -1;
    if (!a.login[0])
        return web_error(r, 403, msg_text(MSG_ACC_ADMIN_FIXED));
    if (strcmp(action, "reset") == 0) {
        if (web_initial_password(r->unit.unit_no, a.login, pw) != 0 ||
            web_password_hash(pw, hash, sizeof hash) != 0)
            return -1;
        rc = store_account_reset(r->db, r->unit.id, id, hash, &r->now, &decl);
        msg_format(text, sizeof text, MSG_ACC_RESET, a.login, pw);
    } else {
        int off = strcmp(action, "disable") == 0;
        rc = store_account_set_disabled(r->db, r->unit.id, id, off, &r->now, &decl);
        msg_format(text, sizeof text, off ? MSG_ACC_DISABLED : MSG_ACC_ENABLED, a.login);
    }
    if (rc == STORE_NOTFOUND)
        return web_error(r, 404, msg_text(MSG_ACC_NOT_FOUND));
    return rc == 0 ? done(r, text) : -1;
}

static const struct route routes[] = {
    {"GET", "/accounts", accounts_get, ROUTE_ADMIN},
    {"POST", "/accounts", add_post, ROUTE_ADMIN},
    {"POST", "/accounts/", change_post, ROUTE_ADMIN | ROUTE_PREFIX},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"accounts", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
