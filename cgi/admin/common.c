/* common — the helpers and the context every admin command uses (see admin.h). */
#include <crypt.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "admin.h"
#include "base/log.h"

/* On a terminal a message for the person typing; anywhere else (a timer's
 * journal, cron's log file) a log line with time, pid and level. */
void die_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (isatty(STDERR_FILENO)) {
        fputs("portal-admin: ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    } else {
        log_vmsg(LOG_ERROR, fmt, ap);
    }
    va_end(ap);
}

void result_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (isatty(STDOUT_FILENO)) {
        vprintf(fmt, ap);
        putchar('\n');
    } else {
        fflush(stdout);
        log_vmsg(LOG_INFO, fmt, ap);
    }
    va_end(ap);
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

double elapsed(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int parse_opts(int argc, char **argv, const char *const *spec, const char **vals,
                      const char **pos, int npos, int *npos_out, int *help)
{
    int np = 0;

    *help = 0;
    for (int i = 0; spec[i]; i++)
        vals[i] = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help = 1;
            return 0;
        }
        if (strncmp(a, "--", 2) == 0) {
            const char *eq = strchr(a, '=');
            size_t len = eq ? (size_t)(eq - a) : strlen(a);
            int k = -1;
            for (int j = 0; spec[j]; j++)
                if (strlen(spec[j]) == len && strncmp(spec[j], a, len) == 0)
                    k = j;
            if (k < 0) {
                die_msg("未知选项 %.*s (用 --help 查看用法)", (int)len, a);
                return -1;
            }
            if (eq)
                vals[k] = eq + 1;
            else if (i + 1 < argc)
                vals[k] = argv[++i];
            else {
                die_msg("选项 %s 缺少取值", a);
                return -1;
            }
            continue;
        }
        if (np >= npos) {
            die_msg("多余的参数 %s (用 --help 查看用法)", a);
            return -1;
        }
        pos[np++] = a;
    }
    if (npos_out)
        *npos_out = np;
    return 0;
}

int need(const char *val, const char *opt)
{
    if (val && *val)
        return 1;
    die_msg("缺少必填选项 %s (用 --help 查看用法)", opt);
    return 0;
}

int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;

    *out = NULL;
    if (!f) {
        die_msg("无法打开文件 %s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (cap - n < 65536) {
            size_t ncap = cap ? cap * 2 : 131072;
            char *q = realloc(p, ncap + 1);
            if (!q) {
                die_msg("内存不足");
                goto out;
            }
            p = q;
            cap = ncap;
        }
        size_t got = fread(p + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                die_msg("读取文件 %s 失败", path);
                goto out;
            }
            break;
        }
    }
    p[n] = '\0';
    *out = p;
    *len = n;
    p = NULL;
    rc = 0;
out:
    free(p);
    fclose(f);
    return rc;
}

char *hash_password(const char *pw)
{
    char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
    void *data = NULL;
    int size = 0;
    char *h, *copy = NULL;

    if (!salt) {
        die_msg("crypt_gensalt_ra 失败: %s", strerror(errno));
        return NULL;
    }
    h = crypt_ra(pw, salt, &data, &size);
    if (h && h[0] == '$')
        copy = strdup(h);
    else
        die_msg("生成密码散列失败");
    free(data);
    free(salt);
    return copy;
}

/* One line of standard input; on a terminal asked for and not echoed. */
static int read_password_line(char *buf, size_t size)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0, ok;

    if (tty) {
        fputs("密码: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ok = fgets(buf, (int)size, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    return ok ? 0 : -1;
}

int get_password(const char *opt, char *buf, size_t size)
{
    if (strcmp(opt, "-") == 0) {
        /* the password never shows in ps (argv) nor, on a terminal, on the screen */
        if (read_password_line(buf, size) != 0) {
            die_msg("未从标准输入读到密码");
            return -1;
        }
        buf[strcspn(buf, "\r\n")] = '\0';
    } else {
        if (strlen(opt) >= size) {
            die_msg("密码过长");
            return -1;
        }
        strcpy(buf, opt);
    }
    if (strlen(buf) < 8) {
        die_msg("密码至少8位");
        return -1;
    }
    return 0;
}

/* ---- the shared context of a command ---- */

/* dir/var/run/portal.hdf, made absolute, into out when it exists. */
static int local_instance(const char *dir, char *out, size_t n)
{
    char path[4096], *abs;
    struct stat st;
    if ((size_t)snprintf(path, sizeof path, "%s/var/run/portal.hdf", dir) >= sizeof path ||
        stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(abs = realpath(path, NULL)))
        return 0;
    snprintf(out, n, "%s", abs);   /* absolute, for the messages */
    free(abs);
    return 1;
}

/* See admin.h: which configuration a command reads. */
static const char *choose_conf(struct ctx *c)
{
    char exe[4096], root[4096];
    const char *env = getenv("PORTAL_CONF");
    ssize_t len;

    if (c->conf_path && *c->conf_path)
        return c->conf_path;
    if (env && *env)
        return env;
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        /* installed (PREFIX/bin/portal-admin): the server's configuration */
        if (!conf_checkout_of(exe, root, sizeof root))
            return CONF_INSTALLED_PATH;
    }
    if (local_instance(".", c->conf_found, sizeof c->conf_found))
        return c->conf_found;
    /* build/portal-admin or build/asan/portal-admin: the checkout is above */
    if (len > 0 && local_instance(root, c->conf_found, sizeof c->conf_found))
        return c->conf_found;
    return "conf/portal.hdf";
}

int open_ctx(struct ctx *c)
{
    const char *path = choose_conf(c);
    const struct store_config *db = &c->cfg.db;

    if (conf_load(&c->cfg, path) != 0) {
        die_msg("无法读取配置文件 %s", path);
        return -1;
    }
    if (conf_business_now(&c->cfg, &c->now) != 0)
        die_msg("PORTAL_TODAY 格式不正确,改用系统时间");
    /* statements of minutes (settle, gen, recount): no read timeout */
    c->cfg.db.long_statements = 1;
    if (store_open(&c->db, db) != 0) {
        if (db->socket && *db->socket)
            die_msg("无法连接数据库 %s (配置文件 %s, Db.Socket = %s)", db->database, path, db->socket);
        else
            die_msg("无法连接数据库 %s (配置文件 %s, Db.Host = %s, Db.Port = %u)", db->database, path,
                    db->host, db->port);
        if (strstr(path, "var/run/portal.hdf"))
            die_msg("本地实例未启动? 先运行 make start");
        else
            die_msg("用 --conf 或 $PORTAL_CONF 指定实例的配置文件 (make run 的是 var/run/portal.hdf)");
        return -1;
    }
    return 0;
}

void close_ctx(struct ctx *c)
{
    store_close(&c->db);
    conf_free(&c->cfg);
}
