/*
 * /password — 修改密码: one's own password (spec §7b, issue 18 item 5). Every
 * role may use it, and it is the one page (with /logout) a session reaches
 * while its password is an initial or reset one.
 *   GET  200 the form (first=1: the notice that the initial password must be
 *        changed first; done=1: the change succeeded)
 *   POST 303 to /password?done=1: the new hash replaced the old one in one
 *        statement and every other session of the account ended (this one
 *        stays); 200 the form with field messages (the old password wrong,
 *        the rules of rules/account.h, the two new ones differ): nothing
 *        changed; 400 undeclared fields; 403 bad CSRF
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"

enum key { K_OLD, K_NEW, K_NEW2, K_FIRST, K_DONE, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_OLD] = {"old_password", F_TEXT, 256, "原密码"},
    [K_NEW] = {"new_password", F_TEXT, 256, "新密码"},
    [K_NEW2] = {"new_password2", F_TEXT, 256, "确认新密码"},
    [K_FIRST] = {"first", F_FLAG, 0, NULL},
    [K_DONE] = {"done", F_FLAG, 0, NULL},
};

static int show_form(struct req *r)
{
    hdf_set_value(r->hdf, "Page.Title", "修改密码");
    hdf_set_value(r->hdf, "Page.Key", "password");
    hdf_set_value(r->hdf, "Account.Login", r->sess.login[0] ? r->sess.login : "(管理员,登录时不填账号)");
    hdf_set_value(r->hdf, "Account.Name", r->sess.account_name);
    return web_render(r, 200, "password.cs");
}

static int password_get(struct req *r)
{
    if (r->field[K_DONE].flag)
        web_msg(r, "ok", msg_text(MSG_PW_CHANGED));
    else if (r->sess.must_change)
        web_msg(r, "fail", msg_text(MSG_PW_FIRST));
    return show_form(r);
}

static int password_post(struct req *r)
{
    const char *old = r->field[K_OLD].text, *pw = r->field[K_NEW].text,
               *pw2 = r->field[K_NEW2].text;
    struct account a;
    char hash[256];
    enum msg_id m;
    int rc;

    if (web_text_field_errors(r)) {
        web_msg(r, "fail", web_field_first_error(r));
        return show_form(r);
    }
    rc = store_account_get(r->db, r->unit.id, r->sess.account_id, &a);
    if (rc != 0)
        return -1;
    if (!old || !web_password_matches(old, a.pwhash)) {
        web_field_error(r, K_OLD, old ? MSG_PW_OLD_WRONG : MSG_FIELD_REQUIRED);
    } else if ((m = password_rule(pw, r->unit.unit_no, a.login)) != MSG_OK) {
        web_field_error(r, K_NEW, pw ? m : MSG_FIELD_REQUIRED);
    } else if (!pw2 || strcmp(pw, pw2) != 0) {
        web_field_error(r, K_NEW2, MSG_PW_MISMATCH);
    } else {
        if (web_password_hash(pw, hash, sizeof hash) != 0 ||
            store_account_change_password(r->db, a.id, hash, r->sess.id) != 0)
            return -1;
        return web_redirect(r, "/password?done=1");
    }
    web_msg(r, "fail", web_field_first_error(r));
    return show_form(r);
}

static const struct route routes[] = {
    {"GET", "/password", password_get, ROUTE_FIRST},
    {"POST", "/password", password_post, ROUTE_ANY_ROLE | ROUTE_FIRST},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"password", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
