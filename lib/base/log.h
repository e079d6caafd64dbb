/*
 * log — the one format of every log line of every program (pages, worker,
 * admin CLI's failures reported by the libraries):
 *
 *     2026-11-29 14:03:07 +0800 login[4242] ERROR 500 POST /login: …
 *
 * local time with its offset (the programs run with TZ=Asia/Shanghai), the
 * program's name and pid, a level, the message. A message of several lines
 * (ClearSilver's traceback) gets the prefix on each line, so that grep and
 * journalctl show every line with its program. Lines go to stderr (the
 * journal under systemd, the program's log file otherwise), written with one
 * write(2) each so that the workers of one program never interleave inside a
 * line. When stderr is the journal ($JOURNAL_STREAM), each line starts with
 * its syslog priority ("<3>" ERROR, "<4>" WARN, "<6>" INFO), which journald
 * keeps as the entry's priority (journalctl -p warning).
 */
#ifndef PORTAL_LOG_H
#define PORTAL_LOG_H
#include <stdarg.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO };

/* The program's name in every line ("login", "portal-worker"); not copied:
 * a string literal or argv[0]-like storage that lives as long as the program.
 * Before log_init (or with NULL) the name is "portal". */
void log_init(const char *name);

/* One log line (or one per line of the formatted text). */
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap);

/* Tests: lines go to fd instead of 2 (-1 restores stderr). */
void log_set_fd(int fd);

#endif
