/*
 * Integration: the admin CLI finds its instance (issue 13 item 14). After
 * `make run`, `build/portal-admin settle` in the checkout reads the local
 * instance's configuration (var/run/portal.hdf) by itself; when it cannot
 * reach the database, the message names the configuration it tried.
 * The test builds a checkout-like directory whose var/run/portal.hdf includes
 * the test stack's configuration, so it runs against the real MariaDB.
 * Also the demo accounts' salts (issue 13 item 20).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "support/it.h"
#include "base/conf.h"

static char dir[64];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* A directory D with D/var/run/portal.hdf = the test stack's config + extra. */
static void make_checkout(const char *extra)
{
    char path[256], text[1024];
    snprintf(dir, sizeof dir, "/tmp/it-admin-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/var", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/var/run", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/var/run/portal.hdf", dir);
    snprintf(text, sizeof text, "#include \"%s\"\n%s", getenv("PORTAL_CONF"), extra);
    write_file(path, text);
}

static void remove_checkout(void)
{
    ck_assert_int_eq(run("rm -rf '%s'", dir), 0);
}

/* Runs the admin CLI in dir without --conf and without $PORTAL_CONF; its
 * stderr into err. Returns the exit status. */
static int admin_in_checkout(const char *args, char *err, size_t n)
{
    char path[128];
    int st;
    FILE *f;
    size_t got;
    snprintf(path, sizeof path, "%s/stderr", dir);
    st = run("cd '%s' && env -u PORTAL_CONF '%s' %s >/dev/null 2>'%s'", dir, getenv("PORTAL_ADMIN"),
             args, path);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    got = fread(err, 1, n - 1, f);
    err[got] = '\0';
    fclose(f);
    return st;
}

START_TEST(admin_finds_the_local_instance_of_the_checkout)
{
    char err[4096];
    make_checkout("");
    ck_assert_msg(admin_in_checkout("session-purge", err, sizeof err) == 0, "%s", err);
    remove_checkout();
}
END_TEST

START_TEST(admin_error_names_the_configuration_it_tried)
{
    char err[4096], want[256];
    make_checkout("Db.Socket = /nonexistent/mysql.sock\n");
    ck_assert_int_ne(admin_in_checkout("settle", err, sizeof err), 0);
    snprintf(want, sizeof want, "%s/var/run/portal.hdf", dir);
    ck_assert_msg(strstr(err, want) != NULL, "%s", err);
    ck_assert_msg(strstr(err, "Db.Socket = /nonexistent/mysql.sock") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "make start") != NULL, "%s", err);
    /* a configuration that cannot be read is named too */
    ck_assert_int_ne(admin_in_checkout("--conf /nonexistent/portal.hdf settle", err, sizeof err), 0);
    ck_assert_msg(strstr(err, "无法读取配置文件 /nonexistent/portal.hdf") != NULL, "%s", err);
    remove_checkout();
}
END_TEST

/* issue 13 item 20: the demo accounts share a password, never a salt. The
 * demo runs in a database of its own, so the other tests' data stays as it is. */
START_TEST(demo_accounts_each_have_their_own_salt)
{
    struct portal_conf conf;
    char cfg[] = "/tmp/it-demo-conf-XXXXXX", text[1024];
    int fd;
    FILE *f;

    ck_assert_int_eq(conf_load(&conf, getenv("PORTAL_CONF")), 0);
    ck_assert_int_eq(run("mariadb --no-defaults -S '%s' -u root -e \"DROP DATABASE IF EXISTS it_demo;"
                         " CREATE DATABASE it_demo CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                         " GRANT ALL PRIVILEGES ON it_demo.* TO 'portal'@'localhost'\"",
                         conf.db.socket), 0);
    fd = mkstemp(cfg);
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    snprintf(text, sizeof text, "#include \"%s\"\nDb.Name = it_demo\n", getenv("PORTAL_CONF"));
    fputs(text, f);
    fclose(f);
    ck_assert_int_eq(run("'%s' --conf '%s' migrate >/dev/null && '%s' --conf '%s' demo >/dev/null",
                         getenv("PORTAL_ADMIN"), cfg, getenv("PORTAL_ADMIN"), cfg), 0);
    /* three 管理员, and the hospital's 经办人 and 查询 accounts (spec §7b) */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM it_demo.accounts"), 5);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM it_demo.accounts a JOIN it_demo.units u"
                              " ON u.id = a.unit_id WHERE u.unit_no = '32059900000000117'"
                              " AND a.must_change = 0 AND a.role IN ('经办人', '查询')"), 2);
    /* $y$params$salt$hash: the first three parts differ when the salts do */
    ck_assert_int_eq(sql_long("SELECT COUNT(DISTINCT SUBSTRING_INDEX(pwhash, '$', 4)) FROM it_demo.accounts"), 5);
    /* issue 8: the hospital's reports of the last 12 months are not empty (12 months of
     * 正常应缴, each with the declared wage stored), it has a 法定代表人 and 离休人员医疗保障 */
    ck_assert_int_ge(sql_long("SELECT COUNT(DISTINCT c.month) FROM it_demo.contributions c"
                              " JOIN it_demo.units u ON u.id = c.unit_id"
                              " WHERE u.unit_no = '32059900000000117' AND c.payment_type = '正常应缴'"
                              " AND c.wage_fen IS NOT NULL"), 12);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM it_demo.units WHERE legal_rep_name <> ''"
                              " AND legal_rep_id_no <> ''"), 3);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM it_demo.unit_schemes s JOIN it_demo.units u"
                              " ON u.id = s.unit_id WHERE u.unit_no = '32059900000000117'"
                              " AND s.type_code = '370'"), 1);
    ck_assert_int_eq(run("mariadb --no-defaults -S '%s' -u root -e 'DROP DATABASE it_demo'", conf.db.socket), 0);
    unlink(cfg);
    conf_free(&conf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("admin");
    TCase *t = tcase_create("admin_cli");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, admin_finds_the_local_instance_of_the_checkout);
    tcase_add_test(t, admin_error_names_the_configuration_it_tried);
    tcase_add_test(t, demo_accounts_each_have_their_own_salt);
    suite_add_tcase(s, t);
    return it_run(s);
}
