/* Unit tests for lib/base/conf.c: the typed configuration — defaults, the
 * shipped conf/portal.hdf, overrides, and every refusal naming its key. */
#include "unit.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/conf.h"

/* Loads HDF text (trusted test input) into *cfg; returns conf_from_hdf's result. */
static int from_text(struct portal_conf *cfg, const char *text, char *why, size_t n)
{
    HDF *hdf = NULL;
    ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
    ck_assert_ptr_eq(hdf_read_string(hdf, text), STATUS_OK);
    return conf_from_hdf(cfg, hdf, why, n);
}

static int db_port(const struct portal_conf *c) { return (int)c->db.port; }
static int workers(const struct portal_conf *c) { return c->workers; }
static int idle(const struct portal_conf *c) { return c->session.idle_minutes; }
static int absolute(const struct portal_conf *c) { return c->session.absolute_hours; }
static int secure(const struct portal_conf *c) { return c->session.cookie_secure; }
static int unit_max(const struct portal_conf *c) { return c->login.unit_max_failures; }
static int addr_delay(const struct portal_conf *c) { return c->login.addr_delay_seconds; }
static int addr_cap(const struct portal_conf *c) { return c->login.addr_max_delay_seconds; }
static int window(const struct portal_conf *c) { return c->login.window_minutes; }
static int lock(const struct portal_conf *c) { return c->login.lock_minutes; }
static int open_day(const struct portal_conf *c) { return c->policy.open_day; }
static int close_day(const struct portal_conf *c) { return c->policy.close_day; }
static int close_hour(const struct portal_conf *c) { return c->policy.close_hour; }
static int backpay(const struct portal_conf *c) { return c->policy.backpay_max; }
static int age_women(const struct portal_conf *c) { return c->policy.max_age_women; }
static int age_men(const struct portal_conf *c) { return c->policy.max_age_men; }
static int max_fields(const struct portal_conf *c) { return c->form.max_fields; }
static int max_value(const struct portal_conf *c) { return c->form.max_value_bytes; }
static int max_body(const struct portal_conf *c) { return c->form.max_body_bytes; }
static int up_bytes(const struct portal_conf *c) { return c->upload.max_bytes; }
static int up_rows(const struct portal_conf *c) { return c->upload.max_rows; }
static int lease(const struct portal_conf *c) { return c->worker.lease_seconds; }
static int chunk(const struct portal_conf *c) { return c->worker.chunk_rows; }
static int processes(const struct portal_conf *c) { return c->worker.processes; }

/* key, getter, default (README), an accepted override */
static const struct {
    const char *key;
    int (*get)(const struct portal_conf *);
    int def, other;
} ints[] = {
    {"Db.Port", db_port, 3306, 3307},
    {"Server.Workers", workers, 2, 8},
    {"Session.IdleMinutes", idle, 30, 45},
    {"Session.AbsoluteHours", absolute, 12, 8},
    {"Session.CookieSecure", secure, 0, 1},
    {"Login.UnitMaxFailures", unit_max, 5, 3},
    {"Login.AddrDelaySeconds", addr_delay, 2, 5},
    {"Login.AddrMaxDelaySeconds", addr_cap, 300, 60},
    {"Login.WindowMinutes", window, 15, 30},
    {"Login.LockMinutes", lock, 15, 60},
    {"Policy.WindowOpenDay", open_day, 11, 12},
    {"Policy.WindowCloseDay", close_day, 6, 5},
    {"Policy.WindowCloseHour", close_hour, 17, 18},
    {"Policy.BackpayMaxMonths", backpay, 6, 12},
    {"Policy.MaxEnrolAgeWomen", age_women, 50, 55},
    {"Policy.MaxEnrolAgeMen", age_men, 60, 63},
    {"Form.MaxFields", max_fields, 64, 100},
    {"Form.MaxValueBytes", max_value, 4096, 8192},
    {"Form.MaxBodyBytes", max_body, 65536, 131072},
    {"Upload.MaxBytes", up_bytes, 16777216, 8388608},
    {"Upload.MaxRows", up_rows, 20000, 5000},
    {"Worker.LeaseSeconds", lease, 60, 120},
    {"Worker.ChunkRows", chunk, 200, 50},
    {"Worker.Processes", processes, 1, 3},
};

static const struct {
    const char *key, *def;
    size_t off;
} strs[] = {
    {"Db.Socket", "", offsetof(struct portal_conf, db.socket)},
    {"Db.Host", "127.0.0.1", offsetof(struct portal_conf, db.host)},
    {"Db.User", "portal", offsetof(struct portal_conf, db.user)},
    {"Db.Password", "", offsetof(struct portal_conf, db.password)},
    {"Db.Name", "portal", offsetof(struct portal_conf, db.database)},
    {"Paths.Templates", "templates", offsetof(struct portal_conf, templates)},
    {"Paths.Schema", "schema", offsetof(struct portal_conf, schema)},
    {"Clock.TodayFile", "", offsetof(struct portal_conf, today_file)},
};

static const char *str_of(const struct portal_conf *c, int i)
{
    return *(const char *const *)(const void *)((const char *)c + strs[i].off);
}

START_TEST(defaults_without_a_file)
{
    struct portal_conf c;
    conf_defaults(&c);
    ck_assert_msg(ints[_i].get(&c) == ints[_i].def, "%s: %d, want %d", ints[_i].key,
                  ints[_i].get(&c), ints[_i].def);
    conf_free(&c);
}
END_TEST

START_TEST(defaults_of_an_empty_file)
{
    struct portal_conf c;
    ck_assert_int_eq(from_text(&c, "", NULL, 0), 0);
    ck_assert_int_eq(ints[_i].get(&c), ints[_i].def);
    conf_free(&c);
}
END_TEST

START_TEST(string_defaults)
{
    struct portal_conf c;
    ck_assert_int_eq(from_text(&c, "", NULL, 0), 0);
    ck_assert_str_eq(str_of(&c, _i), strs[_i].def);
    conf_free(&c);
}
END_TEST

START_TEST(shipped_file_holds_the_defaults)
{
    struct portal_conf c;
    ck_assert_int_eq(conf_load(&c, "conf/portal.hdf"), 0);
    ck_assert_int_eq(ints[_i].get(&c), ints[_i].def);
    conf_free(&c);
}
END_TEST

START_TEST(integer_override)
{
    struct portal_conf c;
    char text[128];
    snprintf(text, sizeof text, "%s = %d\n", ints[_i].key, ints[_i].other);
    ck_assert_int_eq(from_text(&c, text, NULL, 0), 0);
    ck_assert_int_eq(ints[_i].get(&c), ints[_i].other);
    conf_free(&c);
}
END_TEST

START_TEST(string_override)
{
    struct portal_conf c;
    char text[128];
    snprintf(text, sizeof text, "%s = /some/where\n", strs[_i].key);
    ck_assert_int_eq(from_text(&c, text, NULL, 0), 0);
    ck_assert_str_eq(str_of(&c, _i), "/some/where");
    conf_free(&c);
}
END_TEST

/* Each refusal names its key. */
static const struct {
    const char *text, *key;
} refused[] = {
    {"Server.Workers = -1", "Server.Workers"},
    {"Server.Workers = 0", "Server.Workers"},
    {"Server.Workers = 65", "Server.Workers"},
    {"Server.Workers = two", "Server.Workers"},
    {"Server.Workers = 2x", "Server.Workers"},
    {"Server.Workers = ", "Server.Workers"},
    {"Db.Port = 70000", "Db.Port"},
    {"Db.Port = -1", "Db.Port"},
    {"Session.IdleMinutes = 0", "Session.IdleMinutes"},
    {"Session.AbsoluteHours = 0", "Session.AbsoluteHours"},
    {"Session.CookieSecure = 2", "Session.CookieSecure"},
    {"Login.UnitMaxFailures = 0", "Login.UnitMaxFailures"},
    {"Login.AddrDelaySeconds = 0", "Login.AddrDelaySeconds"},
    {"Login.AddrMaxDelaySeconds = 86401", "Login.AddrMaxDelaySeconds"},
    {"Login.WindowMinutes = 0", "Login.WindowMinutes"},
    {"Login.LockMinutes = 0", "Login.LockMinutes"},
    {"Policy.WindowOpenDay = 29", "Policy.WindowOpenDay"},
    {"Policy.WindowCloseDay = 0", "Policy.WindowCloseDay"},
    {"Policy.WindowCloseHour = 24", "Policy.WindowCloseHour"},
    {"Policy.BackpayMaxMonths = -1", "Policy.BackpayMaxMonths"},
    {"Policy.BackpayMaxMonths = 121", "Policy.BackpayMaxMonths"},
    {"Policy.MaxEnrolAgeWomen = 0", "Policy.MaxEnrolAgeWomen"},
    {"Policy.MaxEnrolAgeMen = 151", "Policy.MaxEnrolAgeMen"},
    /* policy_valid: the window closes (day C) before it opens (day C-1) */
    {"Policy.WindowCloseDay = 11", "Policy.WindowCloseDay"},
    {"Policy.WindowOpenDay = 5", "Policy.WindowOpenDay"},
    /* the wage window (spec §7): MM-DD HH:MM, open before close */
    {"Policy.WageWindowOpen = 12-32 00:00", "Policy.WageWindowOpen"},
    {"Policy.WageWindowOpen = 12-01", "Policy.WageWindowOpen"},
    {"Policy.WageWindowClose = 12-25 24:00", "Policy.WageWindowClose"},
    {"Policy.WageWindowClose = 11-30 23:59", "Policy.WageWindowClose"},
    {"Form.MaxFields = 0", "Form.MaxFields"},
    {"Form.MaxValueBytes = 0", "Form.MaxValueBytes"},
    {"Form.MaxBodyBytes = 0", "Form.MaxBodyBytes"},
    {"Upload.MaxBytes = 0", "Upload.MaxBytes"},
    {"Upload.MaxRows = 0", "Upload.MaxRows"},
    {"Worker.LeaseSeconds = 4", "Worker.LeaseSeconds"},
    {"Worker.ChunkRows = 0", "Worker.ChunkRows"},
    {"Worker.ChunkRows = 5001", "Worker.ChunkRows"},
};

START_TEST(invalid_value_is_refused_naming_its_key)
{
    struct portal_conf c;
    char why[256] = "";
    ck_assert_int_eq(from_text(&c, refused[_i].text, why, sizeof why), -1);
    ck_assert_msg(strstr(why, refused[_i].key) != NULL, "'%s' -> '%s'", refused[_i].text, why);
    /* a refused configuration leaves the defaults, and nothing to free */
    ck_assert_int_eq(c.workers, 2);
    ck_assert_ptr_null(c.hdf_);
    conf_free(&c);
}
END_TEST

START_TEST(wage_window_is_read)
{
    struct portal_conf c;
    char why[256] = "";
    ck_assert_int_eq(from_text(&c, "Policy.WageWindowOpen = 11-15 08:30\n"
                                   "Policy.WageWindowClose = 12-20 12:00\n", why, sizeof why), 0);
    ck_assert_int_eq(c.policy.wage_open_md, 1115);
    ck_assert_int_eq(c.policy.wage_open_min, 510);
    ck_assert_int_eq(c.policy.wage_close_md, 1220);
    ck_assert_int_eq(c.policy.wage_close_min, 720);
    conf_free(&c);
    ck_assert_int_eq(from_text(&c, "", why, sizeof why), 0);
    ck_assert_int_eq(c.policy.wage_open_md, 1201);
    ck_assert_int_eq(c.policy.wage_close_md, 1225);
    ck_assert_int_eq(c.policy.wage_close_min, 17 * 60);
    conf_free(&c);
}
END_TEST

/* Writes text to a new temporary file named in path ("/tmp/test_conf_XXXXXX"). */
static void temp_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

START_TEST(load_refuses_a_bad_file_and_a_missing_one)
{
    struct portal_conf c;
    char path[] = "/tmp/test_conf_XXXXXX";
    temp_file(path, "Server.Workers = -1\n");
    ck_assert_int_eq(conf_load(&c, path), -1);
    ck_assert_int_eq(c.workers, 2);
    unlink(path);
    ck_assert_int_eq(conf_load(&c, path), -1);
    conf_free(&c);
}
END_TEST

START_TEST(load_takes_portal_conf_from_the_environment)
{
    struct portal_conf c;
    char path[] = "/tmp/test_conf_XXXXXX";
    temp_file(path, "Server.Workers = 7\nDb.Name = other\n");
    setenv("PORTAL_CONF", path, 1);
    ck_assert_int_eq(conf_load(&c, NULL), 0);
    ck_assert_int_eq(c.workers, 7);
    ck_assert_str_eq(c.db.database, "other");
    ck_assert_int_eq(c.policy.open_day, 11);   /* the rest keeps its defaults */
    conf_free(&c);
    ck_assert_int_eq(c.workers, 2);
    unsetenv("PORTAL_CONF");
    unlink(path);
}
END_TEST

START_TEST(business_now_from_the_today_file)
{
    struct portal_conf c;
    struct portal_dt now;
    char path[] = "/tmp/test_conf_XXXXXX", text[128];
    temp_file(path, "2022-08-11\n");
    snprintf(text, sizeof text, "Clock.TodayFile = %s\n", path);
    ck_assert_int_eq(from_text(&c, text, NULL, 0), 0);
    ck_assert_int_eq(conf_business_now(&c, &now), 0);
    ck_assert_int_eq(now.y, 2022);
    ck_assert_int_eq(now.m, 8);
    ck_assert_int_eq(now.d, 11);
    ck_assert_int_eq(now.hh, 9);   /* a date alone means 09:00 */
    conf_free(&c);
    unlink(path);
}
END_TEST

/* Issue 16 item 6: installed programs read /etc/portal/portal.hdf; inside a
 * checkout (Makefile and conf/stack one to four levels above the program)
 * the checkout's own configuration stays the default. */
static const struct checkout_case {
    const char *exe;      /* under the temporary tree */
    int in_checkout;
    const char *root;     /* under the temporary tree, when in_checkout */
} checkout_cases[] = {
    {"/src/build/cgi/login", 1, "/src"},
    {"/src/build/portal-admin", 1, "/src"},
    {"/src/build/asan/cgi/login", 1, "/src"},
    {"/opt/portal/bin/cgi/login", 0, NULL},
    {"/opt/portal/bin/portal-admin", 0, NULL},
    {"/src/a/b/c/d/e/login", 0, NULL},   /* five levels down: not the checkout's build */
};

static void touch(const char *dir, const char *rel)
{
    char path[512], cmd[600];
    FILE *f;

    snprintf(path, sizeof path, "%s%s", dir, rel);
    snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", path);
    ck_assert_int_eq(system(cmd), 0);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
}

START_TEST(installed_programs_default_to_etc_portal)
{
    char tmp[] = "/tmp/test_conf.XXXXXX", exe[512], root[512], want[512], cmd[600];
    const struct checkout_case *k = &checkout_cases[_i];

    ck_assert_ptr_nonnull(mkdtemp(tmp));
    touch(tmp, "/src/Makefile");
    touch(tmp, "/src/conf/stack");
    touch(tmp, "/opt/portal/conf/portal.hdf");   /* an install has conf/ but no Makefile */
    touch(tmp, k->exe);
    snprintf(exe, sizeof exe, "%s%s", tmp, k->exe);
    root[0] = '\0';
    ck_assert_int_eq(conf_checkout_of(exe, root, sizeof root), k->in_checkout);
    if (k->in_checkout) {
        snprintf(want, sizeof want, "%s%s", tmp, k->root);
        ck_assert_str_eq(root, want);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(this_test_binary_is_in_a_checkout)
{
    /* build/tests/test_conf: conf/portal.hdf, not /etc/portal/portal.hdf */
    ck_assert_str_eq(conf_default_path(), "conf/portal.hdf");
    ck_assert_int_eq(conf_checkout_of("/usr/local/bin/x", NULL, 0), 0);
    ck_assert_int_eq(conf_checkout_of("x", NULL, 0), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("conf");
    TCase *tc = tcase_create("conf");

    tcase_add_loop_test(tc, defaults_without_a_file, 0, (int)N_(ints));
    tcase_add_loop_test(tc, defaults_of_an_empty_file, 0, (int)N_(ints));
    tcase_add_loop_test(tc, string_defaults, 0, (int)N_(strs));
    tcase_add_loop_test(tc, shipped_file_holds_the_defaults, 0, (int)N_(ints));
    tcase_add_loop_test(tc, integer_override, 0, (int)N_(ints));
    tcase_add_loop_test(tc, string_override, 0, (int)N_(strs));
    tcase_add_loop_test(tc, invalid_value_is_refused_naming_its_key, 0, (int)N_(refused));
    tcase_add_test(tc, wage_window_is_read);
    tcase_add_test(tc, load_refuses_a_bad_file_and_a_missing_one);
    tcase_add_test(tc, load_takes_portal_conf_from_the_environment);
    tcase_add_test(tc, business_now_from_the_today_file);
    tcase_add_loop_test(tc, installed_programs_default_to_etc_portal, 0, (int)N_(checkout_cases));
    tcase_add_test(tc, this_test_binary_is_in_a_checkout);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
