/*
 * Integration: 经办人 accounts (spec §7b, issue 18 items 1-5, 7) over HTTP
 * against the real stack: the 管理员 adds, disables, enables and resets
 * accounts at /accounts (each a declaration 经办人账户维护, never a password
 * in it), the initial password shown once and changed at the first login,
 * /password's rules and the other sessions it ends, login with `operator`
 * and throttling per (unit, account), roles checked by the runtime (a table
 * over every route of conf/routes: a 查询 account's POST is refused and
 * changes nothing), the acting account in declarations and jobs, IDOR
 * between units' accounts, CSRF on every new form, a disabled account's old
 * cookie refused, and no password hash in any page or CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"

static char unit_a[40], unit_b[40];
static struct client adm_a, adm_b;   /* the 管理员 of unit A, of unit B */

static void setup(void)
{
    set_today("2022-08-20 10:00");
    make_unit(unit_a, sizeof unit_a, "企业", "账户测试公司甲");
    make_unit(unit_b, sizeof unit_b, "企业", "账户测试公司乙");
    client_init(&adm_a);
    client_init(&adm_b);
    if (!login(&adm_a, unit_a, PW) || !login(&adm_b, unit_b, PW)) {
        fprintf(stderr, "it_accounts: login failed\n");
        exit(1);
    }
}

static void teardown(void)
{
    client_free(&adm_a);
    client_free(&adm_b);
    set_today("");
}

/* POST /login with an operator; returns the status, Location into loc. */
static long login_op(struct client *c, const char *unit_no, const char *op, const char *pw,
                     char *loc, size_t n)
{
    struct resp r;
    struct buf b = {0};
    char *u = urlenc(unit_no), *o = urlenc(op), *p = urlenc(pw);
    long st;

    http_get(c, "/login", &r);
    resp_free(&r);
    buf_printf(&b, "unit_no=%s&operator=%s&password=%s", u, o, p);
    st = http_post(c, "/login", b.p, 1, &r);
    if (loc) {
        loc[0] = '\0';
        resp_header(&r, "Location", loc, n);
    }
    resp_free(&r);
    buf_free(&b);
    free(u);
    free(o);
    free(p);
    return st;
}

static long account_id(const char *unit_no, const char *login)
{
    return sql_long("SELECT a.id FROM accounts a JOIN units u ON u.id = a.unit_id"
                    " WHERE u.unit_no = '%s' AND a.login = '%s'", unit_no, login);
}

static long decl_count(const char *unit_no)
{
    return sql_long("SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                    " WHERE u.unit_no = '%s'", unit_no);
}

/* The initial password of the message on /accounts (shown once), into pw. */
static void shown_password(const struct resp *r, char pw[13])
{
    const char *p = strstr(r->body.p, "首次登录须修改):");
    ck_assert_msg(p != NULL, "no initial password on the page");
    p += strlen("首次登录须修改):");
    memcpy(pw, p, 12);
    pw[12] = '\0';
}

/* The 管理员 c adds an account; the initial password into pw. */
static void add_account(struct client *c, const char *login, const char *name, const char *role,
                        char pw[13])
{
    struct resp r, g;
    struct buf b = {0};
    char *n = urlenc(name), *ro = urlenc(role);

    http_get(c, "/accounts", &g);
    resp_free(&g);
    buf_printf(&b, "name=%s&login=%s&phone=13912345678&role=%s", n, login, ro);
    ck_assert_int_eq(http_post(c, "/accounts", b.p, 1, &r), 303);
    ck_assert_int_eq(http_follow(c, &r, &g), 200);
    shown_password(&g, pw);
    ck_assert(!has(&g, "$y$"));
    resp_free(&g);
    resp_free(&r);
    buf_free(&b);
    free(n);
    free(ro);
}

/* Changes the password of c's account from old to pw; the status. */
static long change_password(struct client *c, const char *old, const char *pw, const char *pw2,
                            struct resp *r)
{
    struct resp g;
    struct buf b = {0};
    char *o = urlenc(old), *p = urlenc(pw), *p2 = urlenc(pw2);
    long st;

    http_get(c, "/password", &g);
    resp_free(&g);
    buf_printf(&b, "old_password=%s&new_password=%s&new_password2=%s", o, p, p2);
    st = http_post(c, "/password", b.p, 1, r);
    buf_free(&b);
    free(o);
    free(p);
    free(p2);
    return st;
}

/* A client logged in as a fresh account of unit A with its own password
 * (the first login's change done): returns the password in pw. */
static void clerk(struct client *c, const char *login, const char *name, const char *role,
                  char pw[32])
{
    char init[13], loc[256];
    struct resp r;

    add_account(&adm_a, login, name, role, init);
    client_init(c);
    ck_assert_int_eq(login_op(c, unit_a, login, init, loc, sizeof loc), 303);
    ck_assert_ptr_nonnull(strstr(loc, "/password?first=1"));
    snprintf(pw, 32, "Zq9#Kt7$Wm3x");
    ck_assert_int_eq(change_password(c, init, pw, pw, &r), 303);
    resp_free(&r);
}

START_TEST(admin_adds_an_account_shown_once_declared_without_password)
{
    char pw[13];
    struct resp r;
    long before = decl_count(unit_a);
    char after[2048];

    add_account(&adm_a, "zhang01", "张三", "经办人", pw);
    /* shown once: the next view has no password */
    ck_assert_int_eq(http_get(&adm_a, "/accounts", &r), 200);
    ck_assert(!has(&r, "首次登录须修改):"));
    ck_assert(has(&r, "zhang01") && has(&r, "张三") && has(&r, "待修改初始密码"));
    ck_assert(!has(&r, "$y$"));
    resp_free(&r);
    ck_assert_int_eq(decl_count(unit_a), before + 1);
    sql_str(after, sizeof after, "SELECT CONCAT(type, '|', operator, '|', after_data)"
            " FROM declarations d JOIN units u ON u.id = d.unit_id WHERE u.unit_no = '%s'"
            " ORDER BY d.id DESC LIMIT 1", unit_a);
    ck_assert_msg(strncmp(after, "经办人账户维护|", strlen("经办人账户维护|")) == 0, "%s", after);
    ck_assert_ptr_nonnull(strstr(after, "zhang01"));
    ck_assert_ptr_null(strstr(after, "$y$"));
    ck_assert_ptr_null(strstr(after, pw));
    /* the declaration page and the CSV of 已审核数据查询 hold no hash either */
    ck_assert_int_eq(http_get(&adm_a, "/declarations/approved?format=csv", &r), 200);
    ck_assert(has(&r, "经办人账户维护"));
    ck_assert(!has(&r, "$y$") && !has(&r, pw));
    resp_free(&r);
}
END_TEST

START_TEST(add_refuses_bad_fields_and_a_taken_login_writing_nothing)
{
    static const struct { const char *body; const char *msg; } cases[] = {
        {"name=&login=li01&phone=13912345678&role=经办人", "请填写姓名。"},
        {"name=李四&login=li_01&phone=13912345678&role=经办人", NULL},
        {"name=李四&login=li01&phone=0512-1234&role=经办人", NULL},
        {"name=李四&login=li01&phone=13912345678&role=管理员", NULL},
    };
    const enum msg_id ids[] = {MSG_OK, MSG_ACC_LOGIN_BAD, MSG_ACC_PHONE_BAD, MSG_ACC_ROLE_BAD};
    struct resp r, g;
    char pw[13];
    long before, n;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        before = decl_count(unit_a);
        http_get(&adm_a, "/accounts", &g);
        resp_free(&g);
        ck_assert_int_eq(http_post(&adm_a, "/accounts", cases[i].body, 1, &r), 200);
        ck_assert(has(&r, cases[i].msg ? cases[i].msg : msg_text(ids[i])));
        ck_assert_int_eq(decl_count(unit_a), before);
        resp_free(&r);
    }
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM accounts a JOIN units u ON u.id = a.unit_id"
                              " WHERE u.unit_no = '%s' AND a.login = 'li01'", unit_a), 0);
    add_account(&adm_a, "dup01", "甲", "查询", pw);
    before = decl_count(unit_a);
    http_get(&adm_a, "/accounts", &g);
    resp_free(&g);
    ck_assert_int_eq(http_post(&adm_a, "/accounts",
                               "name=乙&login=dup01&phone=13912345678&role=经办人", 1, &r), 200);
    ck_assert(has(&r, msg_text(MSG_ACC_LOGIN_TAKEN)));
    resp_free(&r);
    ck_assert_int_eq(decl_count(unit_a), before);
    n = sql_long("SELECT COUNT(*) FROM accounts a JOIN units u ON u.id = a.unit_id"
                 " WHERE u.unit_no = '%s' AND a.login = 'dup01'", unit_a);
    ck_assert_int_eq(n, 1);
    /* the same login in another unit is another account */
    add_account(&adm_b, "dup01", "丙", "经办人", pw);
}
END_TEST

START_TEST(first_login_goes_to_password_and_nowhere_else)
{
    char pw[13], loc[256];
    struct client c;
    struct resp r;

    add_account(&adm_a, "first01", "初次", "经办人", pw);
    client_init(&c);
    ck_assert_int_eq(login_op(&c, unit_a, "first01", pw, loc, sizeof loc), 303);
    ck_assert_ptr_nonnull(strstr(loc, "/password?first=1"));
    ck_assert_int_eq(http_get(&c, "/enroll", &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
    ck_assert_ptr_nonnull(strstr(loc, "/password?first=1"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/password?first=1", &r), 200);
    ck_assert(has(&r, msg_text(MSG_PW_FIRST)));
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* /password: each rule with its field message, nothing changed; then the
 * change, and the account's other sessions end. */
START_TEST(password_rules_and_other_sessions_end)
{
    static const struct { const char *old, *pw, *pw2; enum msg_id id; } cases[] = {
        {"wrong-old", "Zq9#Kt7$Wm3x", "Zq9#Kt7$Wm3x", MSG_PW_OLD_WRONG},
        {NULL, "Short1!", "Short1!", MSG_PW_TOO_SHORT},
        {NULL, "alllowercase1", "alllowercase1", MSG_PW_CLASSES},
        {NULL, NULL, NULL, MSG_PW_HAS_UNIT_NO},
        {NULL, "Pwpass01xX!", "Pwpass01xX!", MSG_PW_HAS_LOGIN},
        {NULL, "Zq9#Kt7$Wm3x", "Zq9#Kt7$Wm3y", MSG_PW_MISMATCH},
    };
    char init[13], loc[256], with_unit[64], hash[300], hash2[300];
    struct client c, other;
    struct resp r;

    add_account(&adm_a, "pass01", "改密", "经办人", init);
    client_init(&c);
    client_init(&other);
    ck_assert_int_eq(login_op(&c, unit_a, "pass01", init, loc, sizeof loc), 303);
    ck_assert_int_eq(login_op(&other, unit_a, "pass01", init, loc, sizeof loc), 303);
    snprintf(with_unit, sizeof with_unit, "Ab!%s", unit_a);
    sql_str(hash, sizeof hash, "SELECT pwhash FROM accounts WHERE id = %ld",
            account_id(unit_a, "pass01"));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *pw = cases[i].pw ? cases[i].pw : with_unit;
        ck_assert_int_eq(change_password(&c, cases[i].old ? cases[i].old : init, pw,
                                         cases[i].pw2 ? cases[i].pw2 : pw, &r), 200);
        ck_assert_msg(has(&r, msg_text(cases[i].id)), "case %zu", i);
        ck_assert(has(&r, "field-error"));
        resp_free(&r);
        sql_str(hash2, sizeof hash2, "SELECT pwhash FROM accounts WHERE id = %ld",
                account_id(unit_a, "pass01"));
        ck_assert_str_eq(hash, hash2);
    }
    ck_assert_int_eq(change_password(&c, init, "Zq9#Kt7$Wm3x", "Zq9#Kt7$Wm3x", &r), 303);
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/password?done=1", &r), 200);
    ck_assert(has(&r, msg_text(MSG_PW_CHANGED)));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/", &r), 200);        /* this session stays */
    ck_assert(has(&r, "改密"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&other, "/", &r), 303);    /* the other one ended */
    resp_free(&r);
    ck_assert_int_eq(login_op(&other, unit_a, "pass01", init, NULL, 0), 200);
    sql("DELETE FROM login_failures");   /* the wait after a failure is it_auth's */
    ck_assert_int_eq(login_op(&other, unit_a, "pass01", "Zq9#Kt7$Wm3x", loc, sizeof loc), 303);
    ck_assert_str_eq(loc, "/");
    client_free(&c);
    client_free(&other);
    sql("DELETE FROM login_failures");
}
END_TEST

START_TEST(login_same_message_for_unknown_unit_account_or_password)
{
    struct client c;
    struct resp r;
    char loc[256];
    static const char *const ops[] = {"nosuch", ""};

    client_init(&c);
    for (size_t i = 0; i < 2; i++) {
        struct buf b = {0};
        http_get(&c, "/login", &r);
        resp_free(&r);
        buf_printf(&b, "unit_no=%s&operator=%s&password=Wrong%%40123", unit_a, ops[i]);
        ck_assert_int_eq(http_post(&c, "/login", b.p, 1, &r), 200);
        ck_assert(has(&r, msg_text(MSG_LOGIN_FAILED)));
        resp_free(&r);
        buf_free(&b);
    }
    sql("DELETE FROM login_failures");
    /* a failure of one account does not slow down another of the same unit */
    ck_assert_int_eq(login_op(&c, unit_a, "nosuch", "x", NULL, 0), 200);
    ck_assert_int_eq(login_op(&c, unit_a, "", PW, loc, sizeof loc), 303);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM login_failures WHERE unit_no = '%s'"
                              " AND operator = 'nosuch'", unit_a), 1);
    client_free(&c);
    sql("DELETE FROM login_failures");
}
END_TEST

START_TEST(disable_ends_sessions_and_refuses_login_enable_restores)
{
    char pw[32], loc[256], path[96];
    struct client c;
    struct resp r;
    long id;

    clerk(&c, "off01", "停用", "经办人", pw);
    id = account_id(unit_a, "off01");
    ck_assert_int_eq(http_get(&c, "/", &r), 200);
    resp_free(&r);
    http_get(&adm_a, "/accounts", &r);
    resp_free(&r);
    snprintf(path, sizeof path, "/accounts/%ld/disable", id);
    ck_assert_int_eq(http_post(&adm_a, path, "", 1, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(http_get(&adm_a, "/accounts", &r), 200);
    ck_assert(has(&r, "已停用"));
    resp_free(&r);
    /* the old cookie is refused at once, even were its session row kept */
    ck_assert_int_eq(http_get(&c, "/", &r), 303);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM sessions WHERE account_id = %ld", id), 0);
    ck_assert_int_eq(login_op(&c, unit_a, "off01", pw, NULL, 0), 200);
    sql("DELETE FROM login_failures");
    snprintf(path, sizeof path, "/accounts/%ld/enable", id);
    http_get(&adm_a, "/accounts", &r);
    resp_free(&r);
    ck_assert_int_eq(http_post(&adm_a, path, "", 1, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(login_op(&c, unit_a, "off01", pw, loc, sizeof loc), 303);
    ck_assert_str_eq(loc, "/");
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                              " WHERE u.unit_no = '%s' AND d.type = '经办人账户维护'"
                              " AND d.before_data LIKE '%%off01%%'", unit_a), 2);
    client_free(&c);
}
END_TEST

START_TEST(reset_gives_a_new_initial_password_and_ends_sessions)
{
    char pw[32], init[13], loc[256], path[96];
    struct client c;
    struct resp r, g;
    long id;

    clerk(&c, "reset01", "重置", "查询", pw);
    id = account_id(unit_a, "reset01");
    http_get(&adm_a, "/accounts", &r);
    resp_free(&r);
    snprintf(path, sizeof path, "/accounts/%ld/reset", id);
    ck_assert_int_eq(http_post(&adm_a, path, "", 1, &r), 303);
    ck_assert_int_eq(http_follow(&adm_a, &r, &g), 200);
    shown_password(&g, init);
    resp_free(&g);
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/", &r), 303);
    resp_free(&r);
    ck_assert_int_eq(login_op(&c, unit_a, "reset01", pw, NULL, 0), 200);   /* the old one */
    sql("DELETE FROM login_failures");
    ck_assert_int_eq(login_op(&c, unit_a, "reset01", init, loc, sizeof loc), 303);
    ck_assert_ptr_nonnull(strstr(loc, "/password?first=1"));
    client_free(&c);
}
END_TEST

START_TEST(admin_cannot_disable_itself_nor_touch_another_units_accounts)
{
    char pw[13], path[96];
    struct resp r;
    static const char *const actions[] = {"disable", "enable", "reset"};
    long admin_a = account_id(unit_a, ""), other;

    add_account(&adm_a, "idor01", "越权", "经办人", pw);
    other = account_id(unit_a, "idor01");
    http_get(&adm_a, "/accounts", &r);
    resp_free(&r);
    snprintf(path, sizeof path, "/accounts/%ld/disable", admin_a);
    ck_assert_int_eq(http_post(&adm_a, path, "", 1, &r), 403);
    ck_assert(has(&r, msg_text(MSG_ACC_ADMIN_FIXED)));
    resp_free(&r);
    /* unit B's 管理员: A's accounts are unknown, whatever the id */
    ck_assert_int_eq(http_get(&adm_b, "/accounts", &r), 200);
    ck_assert(!has(&r, "idor01"));
    resp_free(&r);
    for (size_t i = 0; i < 3; i++) {
        long ids[2] = {other, admin_a};
        for (int k = 0; k < 2; k++) {
            snprintf(path, sizeof path, "/accounts/%ld/%s", ids[k], actions[i]);
            ck_assert_int_eq(http_post(&adm_b, path, "", 1, &r), 404);
            ck_assert(has(&r, msg_text(MSG_ACC_NOT_FOUND)));
            resp_free(&r);
        }
    }
    ck_assert_int_eq(sql_long("SELECT disabled + must_change FROM accounts WHERE id = %ld",
                              other), 1);
    snprintf(path, sizeof path, "/accounts/%ld/explode", other);
    ck_assert_int_eq(http_post(&adm_a, path, "", 1, &r), 404);
    resp_free(&r);
    ck_assert_int_eq(http_post(&adm_a, "/accounts/abc/disable", "", 1, &r), 404);
    resp_free(&r);
}
END_TEST

START_TEST(csrf_on_every_new_form)
{
    char path[96], pw[13];
    struct client c;
    struct resp r;
    long id;

    add_account(&adm_a, "csrf01", "令牌", "经办人", pw);
    id = account_id(unit_a, "csrf01");
    snprintf(path, sizeof path, "/accounts/%ld/disable", id);
    ck_assert_int_eq(http_post(&adm_a, "/accounts",
                               "name=x&login=csrf02&phone=13912345678&role=经办人", 0, &r), 403);
    ck_assert(has(&r, msg_text(MSG_CSRF)));
    resp_free(&r);
    ck_assert_int_eq(http_post(&adm_a, path, "", 0, &r), 403);
    resp_free(&r);
    ck_assert_int_eq(http_post(&adm_a, "/password",
                               "old_password=Test%401234&new_password=Zq9%23Kt7%24Wm3x"
                               "&new_password2=Zq9%23Kt7%24Wm3x", 0, &r), 403);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT disabled FROM accounts WHERE id = %ld", id), 0);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM accounts WHERE login = 'csrf02'"), 0);
    client_init(&c);
    ck_assert_int_eq(login(&c, unit_a, PW), 1);    /* the 管理员's password unchanged */
    client_free(&c);
}
END_TEST

/* The routes of conf/routes: "= /path program" and "^~ /prefix program". */
static size_t read_routes(char paths[][128], size_t max)
{
    char file[512], line[512];
    const char *root = getenv("PORTAL_SRC");
    FILE *f;
    size_t n = 0;

    snprintf(file, sizeof file, "%s/conf/routes", root ? root : ".");
    f = fopen(file, "r");
    ck_assert_msg(f != NULL, "cannot read %s", file);
    while (n < max && fgets(line, sizeof line, f)) {
        char kind[8], path[100], prog[64];
        if (line[0] == '#' || sscanf(line, "%7s %99s %63s", kind, path, prog) != 3)
            continue;
        /* a prefix gets a made-up tail: /jobs/1/delete, /accounts/1/disable */
        if (strcmp(kind, "^~") == 0 && path[strlen(path) - 1] == '/')
            snprintf(paths[n++], 128, "%s1/delete", path);
        else if (strcmp(kind, "=") == 0 || strcmp(kind, "^~") == 0)
            snprintf(paths[n++], 128, "%s", path);
    }
    fclose(f);
    snprintf(paths[n++], 128, "/no/such/page");   /* the catch-all */
    return n;
}

START_TEST(viewer_refused_on_every_business_post_of_every_route)
{
    /* what a 查询 account may POST (spec §7b); /login is public */
    static const char *const allowed[] = {"/login", "/logout", "/password", "/export/payments",
                                          "/jobs/1/delete"};
    static char paths[128][128];
    char pw[32];
    struct client c;
    struct resp r;
    size_t n = read_routes(paths, 120), refused = 0;
    long before;

    clerk(&c, "view01", "查看", "查询", pw);
    before = decl_count(unit_a);
    for (size_t i = 0; i < n; i++) {
        int ok = 0;
        long st;
        for (size_t k = 0; k < sizeof allowed / sizeof allowed[0]; k++)
            ok |= strcmp(paths[i], allowed[k]) == 0;
        if (ok)
            continue;
        http_get(&c, "/", &r);
        resp_free(&r);
        st = http_post(&c, paths[i], "", 1, &r);
        /* a path that answers no POST at all is a 405 before any role */
        ck_assert_msg(st == 403 || st == 405, "%s: %ld", paths[i], st);
        if (st == 403) {
            ck_assert_msg(has(&r, msg_text(MSG_ROLE_REFUSED)), "%s: not the role's 403", paths[i]);
            refused++;
        }
        resp_free(&r);
    }
    ck_assert_int_ge(refused, 8);   /* enroll, batch, stop, wages, unit, person, accounts, … */
    ck_assert_int_eq(decl_count(unit_a), before);
    /* it may still read them, and the menu shows no 网上经办 */
    ck_assert_int_eq(http_get(&c, "/enroll", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/", &r), 200);
    ck_assert(!has(&r, "href=\"/enroll\"") && !has(&r, "href=\"/accounts\""));
    ck_assert(has(&r, "href=\"/query/roster\"") && has(&r, "href=\"/password\""));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/accounts", &r), 403);
    ck_assert(has(&r, msg_text(MSG_ROLE_REFUSED)));
    resp_free(&r);
    /* and start an export and log out */
    http_get(&c, "/export/payments", &r);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/export/payments", "month=2022-07", 1, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE account_id = %ld AND operator = '查看'",
                              account_id(unit_a, "view01")), 1);
    /* it deletes its own export job, not the 管理员's */
    {
        char path[96];
        long own = sql_long("SELECT id FROM jobs WHERE account_id = %ld",
                            account_id(unit_a, "view01")), admins;
        http_get(&adm_a, "/export/payments", &r);
        resp_free(&r);
        ck_assert_int_eq(http_post(&adm_a, "/export/payments", "month=2022-07", 1, &r), 303);
        resp_free(&r);
        admins = sql_long("SELECT MAX(id) FROM jobs WHERE account_id = %ld", account_id(unit_a, ""));
        http_get(&c, "/jobs", &r);
        resp_free(&r);
        snprintf(path, sizeof path, "/jobs/%ld/delete", admins);
        ck_assert_int_eq(http_post(&c, path, "", 1, &r), 403);
        ck_assert(has(&r, msg_text(MSG_ROLE_REFUSED)));
        resp_free(&r);
        ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", admins), 1);
        snprintf(path, sizeof path, "/jobs/%ld/delete", own);
        ck_assert_int_eq(http_post(&c, path, "", 1, &r), 303);
        resp_free(&r);
        ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM jobs WHERE id = %ld", own), 0);
    }
    http_get(&c, "/", &r);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/logout", "", 1, &r), 303);
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(clerk_acts_and_the_declaration_names_it_not_accounts)
{
    char pw[32], name[128];
    struct client c;
    struct resp r;
    long id, decl;

    clerk(&c, "act01", "王经办", "经办人", pw);
    id = account_id(unit_a, "act01");
    ck_assert_int_eq(http_get(&c, "/unit", &r), 200);
    resp_free(&r);
    {
        long version = sql_long("SELECT info_version FROM units WHERE unit_no = '%s'", unit_a);
        char body[256];
        snprintf(body, sizeof body, "contact_name=%%E8%%81%%94%%E7%%B3%%BB%%E4%%BA%%BA"
                 "&contact_phone=13800000000&version=%ld", version);
        ck_assert_int_eq(http_post(&c, "/unit", body, 1, &r), 303);
        resp_free(&r);
    }
    decl = sql_long("SELECT MAX(d.id) FROM declarations d JOIN units u ON u.id = d.unit_id"
                    " WHERE u.unit_no = '%s' AND d.type = '单位信息维护'", unit_a);
    ck_assert_int_eq(sql_long("SELECT account_id FROM declarations WHERE id = %ld", decl), id);
    sql_str(name, sizeof name, "SELECT operator FROM declarations WHERE id = %ld", decl);
    ck_assert_str_eq(name, "王经办");
    /* 已审核数据查询 filters by the acting account */
    {
        char path[96];
        snprintf(path, sizeof path, "/declarations/approved?account=%ld", id);
        ck_assert_int_eq(http_get(&adm_a, path, &r), 200);
        ck_assert(has(&r, "单位信息维护") && has(&r, "王经办"));
        resp_free(&r);
        snprintf(path, sizeof path, "/declarations/approved?account=%ld&format=csv", id);
        ck_assert_int_eq(http_get(&adm_a, path, &r), 200);
        ck_assert(has(&r, "王经办") && !has(&r, "经办人账户维护"));   /* those were the 管理员's */
        resp_free(&r);
        /* another unit's 管理员 filtering by this account: nothing */
        ck_assert_int_eq(http_get(&adm_b, path, &r), 200);
        ck_assert(!has(&r, "王经办"));
        resp_free(&r);
    }
    /* a 经办人 is no 管理员 */
    ck_assert_int_eq(http_get(&c, "/accounts", &r), 403);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/accounts", "name=x&login=y&phone=13912345678&role=查询", 1, &r),
                     403);
    resp_free(&r);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("accounts");
    TCase *tc = tcase_create("accounts");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, admin_adds_an_account_shown_once_declared_without_password);
    tcase_add_test(tc, add_refuses_bad_fields_and_a_taken_login_writing_nothing);
    tcase_add_test(tc, first_login_goes_to_password_and_nowhere_else);
    tcase_add_test(tc, password_rules_and_other_sessions_end);
    tcase_add_test(tc, login_same_message_for_unknown_unit_account_or_password);
    tcase_add_test(tc, disable_ends_sessions_and_refuses_login_enable_restores);
    tcase_add_test(tc, reset_gives_a_new_initial_password_and_ends_sessions);
    tcase_add_test(tc, admin_cannot_disable_itself_nor_touch_another_units_accounts);
    tcase_add_test(tc, csrf_on_every_new_form);
    tcase_add_test(tc, viewer_refused_on_every_business_post_of_every_route);
    tcase_add_test(tc, clerk_acts_and_the_declaration_names_it_not_accounts);
    suite_add_tcase(s, tc);
    return it_run(s);
}
