/* log — see log.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "base/log.h"

static const char *prog = "portal";
static int out_fd = 2;
static int to_journal = -1;   /* -1: not known yet */

void log_init(const char *name)
{
    prog = name && *name ? name : "portal";
}

void log_set_fd(int fd)
{
    out_fd = fd >= 0 ? fd : 2;
    to_journal = -1;
}

/* Is out_fd the journal's stream? systemd says so in $JOURNAL_STREAM
 * ("device:inode" of the stream it gave as stdout/stderr). */
static int is_journal(void)
{
    const char *env = getenv("JOURNAL_STREAM");
    unsigned long long dev, ino;
    struct stat st;

    return env && sscanf(env, "%llu:%llu", &dev, &ino) == 2 && fstat(out_fd, &st) == 0 &&
           (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static const char *level_name(enum log_level level)
{
    switch (level) {
    case LOG_ERROR: return "ERROR";
    case LOG_WARN: return "WARN";
    default: return "INFO";
    }
}

/* "2026-11-29 14:03:07 +0800 login[4242] ERROR " into p; into the journal
 * led by the syslog priority ("<3>"), which journald takes off and keeps as
 * the line's priority (journalctl -p warning). */
static int line_prefix(char *p, size_t n, enum log_level level)
{
    static const char *const prio[] = {"<3>", "<4>", "<6>"};
    time_t t = time(NULL);
    struct tm tm;
    char ts[40];

    if (!localtime_r(&t, &tm) || !strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S %z", &tm))
        snprintf(ts, sizeof ts, "@%lld", (long long)t);
    if (to_journal < 0)
        to_journal = is_journal();
    return snprintf(p, n, "%s%s %s[%ld] %s ", to_journal ? prio[level] : "", ts, prog,
                    (long)getpid(), level_name(level));
}

static void write_all(const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(out_fd, p, len);
        if (w <= 0)
            return;   /* nowhere left to report it */
        p += w;
        len -= (size_t)w;
    }
}

void log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
    char text[4096], line[4608];
    const char *p, *nl;
    int pre;

    vsnprintf(text, sizeof text, fmt, ap);
    pre = line_prefix(line, sizeof line, level);
    if (pre < 0 || (size_t)pre >= sizeof line)
        pre = 0;
    for (p = text;; p = nl + 1) {
        size_t len;
        nl = strchr(p, '\n');
        len = nl ? (size_t)(nl - p) : strlen(p);
        if (len || !nl) {
            if (len > sizeof line - (size_t)pre - 1)
                len = sizeof line - (size_t)pre - 1;
            memcpy(line + pre, p, len);
            line[pre + len] = '\n';
            write_all(line, (size_t)pre + len + 1);
        }
        if (!nl || !nl[1])
            break;
    }
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(level, fmt, ap);
    va_end(ap);
}
