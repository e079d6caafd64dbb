/* Unit tests for lib/base/log.c: every log line carries the time with its
 * offset, the program's name and pid, and a level (issue 16 item 7), and a
 * message of several lines gets that prefix on each line. */
#include "unit.h"
#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"

/* What log_msg wrote while fd pointed at a temporary file. */
static void capture(char *out, size_t n, enum log_level level, const char *msg)
{
    char path[] = "/tmp/test_log.XXXXXX";
    int fd = mkstemp(path);
    ssize_t got;

    ck_assert_int_ge(fd, 0);
    log_set_fd(fd);
    log_msg(level, "%s", msg);
    log_set_fd(-1);
    got = pread(fd, out, n - 1, 0);
    ck_assert_int_ge(got, 0);
    out[got] = '\0';
    close(fd);
    unlink(path);
}

/* 1 when every line of text matches the line format with this name, level and
 * one of the expected messages, in order. */
static int lines_match(const char *text, const char *name, const char *level,
                       const char *const *msgs, int nmsgs)
{
    char pat[512];
    regex_t re;
    const char *p = text;
    int i, ok = 1;

    snprintf(pat, sizeof pat,
             "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4} %s\\[%ld\\] %s (.*)$",
             name, (long)getpid(), level);
    ck_assert_int_eq(regcomp(&re, pat, REG_EXTENDED), 0);
    for (i = 0; i < nmsgs && ok; i++) {
        char line[1024];
        regmatch_t m[2];
        const char *nl = strchr(p, '\n');
        size_t len;
        if (!nl)
            { ok = 0; break; }
        len = (size_t)(nl - p);
        ck_assert_uint_lt(len, sizeof line);
        memcpy(line, p, len);
        line[len] = '\0';
        ok = regexec(&re, line, 2, m, 0) == 0 &&
             strlen(msgs[i]) == (size_t)(m[1].rm_eo - m[1].rm_so) &&
             strncmp(line + m[1].rm_so, msgs[i], strlen(msgs[i])) == 0;
        p = nl + 1;
    }
    regfree(&re);
    return ok && *p == '\0';
}

static const struct level_case {
    enum log_level level;
    const char *name;
} levels[] = {
    {LOG_ERROR, "ERROR"},
    {LOG_WARN, "WARN"},
    {LOG_INFO, "INFO"},
};

START_TEST(every_line_has_time_program_pid_and_level)
{
    char out[2048];
    const char *msg[] = {"500 GET /enroll: the handler failed; store: x"};

    log_init("enroll");
    capture(out, sizeof out, levels[_i].level, msg[0]);
    ck_assert_msg(lines_match(out, "enroll", levels[_i].name, msg, 1), "line: %s", out);
}
END_TEST

START_TEST(each_line_of_a_traceback_gets_the_prefix)
{
    char out[2048];
    const char *msg[] = {"/etc/portal/portal.hdf: Traceback (innermost last):",
                         "  File \"neo_hdf.c\", line 1851, in hdf_read_file()",
                         "NotFoundError: File /etc/portal/portal.hdf not found"};

    log_init("portal-admin");
    capture(out, sizeof out, LOG_ERROR,
            "/etc/portal/portal.hdf: Traceback (innermost last):\n"
            "  File \"neo_hdf.c\", line 1851, in hdf_read_file()\n"
            "NotFoundError: File /etc/portal/portal.hdf not found\n");
    ck_assert_msg(lines_match(out, "portal-admin", "ERROR", msg, 3), "lines: %s", out);
}
END_TEST

START_TEST(without_a_name_the_program_is_portal)
{
    char out[1024];
    const char *msg[] = {"ignoring malformed business date 'x'"};

    log_init(NULL);
    capture(out, sizeof out, LOG_WARN, msg[0]);
    ck_assert_msg(lines_match(out, "portal", "WARN", msg, 1), "line: %s", out);
}
END_TEST

/* Under systemd ($JOURNAL_STREAM names stderr) each line leads with its syslog
 * priority, so that journalctl -p warning finds the warnings and errors. */
static const struct prio_case {
    enum log_level level;
    const char *prio;
} prios[] = {
    {LOG_ERROR, "<3>"},
    {LOG_WARN, "<4>"},
    {LOG_INFO, "<6>"},
};

START_TEST(into_the_journal_each_line_leads_with_its_priority)
{
    char path[] = "/tmp/test_log.XXXXXX", env[64], out[1024];
    int fd = mkstemp(path);
    struct stat st;
    ssize_t got;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(fstat(fd, &st), 0);
    snprintf(env, sizeof env, "%llu:%llu", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino);
    setenv("JOURNAL_STREAM", env, 1);
    log_init("home");
    log_set_fd(fd);
    log_msg(prios[_i].level, "one\ntwo");
    log_set_fd(-1);
    unsetenv("JOURNAL_STREAM");
    got = pread(fd, out, sizeof out - 1, 0);
    ck_assert_int_gt(got, 0);
    out[got] = '\0';
    close(fd);
    unlink(path);
    ck_assert_msg(strncmp(out, prios[_i].prio, 3) == 0, "line: %s", out);
    ck_assert_msg(strstr(out, "\n") && strncmp(strstr(out, "\n") + 1, prios[_i].prio, 3) == 0,
                  "second line: %s", out);
    ck_assert_msg(strstr(out, " home[") != NULL, "line: %s", out);
}
END_TEST

START_TEST(not_into_the_journal_no_priority)
{
    char out[1024];

    setenv("JOURNAL_STREAM", "1:1", 1);   /* another stream than our file */
    log_init("home");
    capture(out, sizeof out, LOG_ERROR, "x");
    unsetenv("JOURNAL_STREAM");
    ck_assert_msg(out[0] >= '0' && out[0] <= '9', "line: %s", out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("log");

    setenv("TZ", "Asia/Shanghai", 1);
    loop(s, "every_line_has_time_program_pid_and_level", every_line_has_time_program_pid_and_level,
         (int)N_(levels));
    loop(s, "each_line_of_a_traceback_gets_the_prefix", each_line_of_a_traceback_gets_the_prefix, 1);
    loop(s, "without_a_name_the_program_is_portal", without_a_name_the_program_is_portal, 1);
    loop(s, "into_the_journal_each_line_leads_with_its_priority",
         into_the_journal_each_line_leads_with_its_priority, (int)N_(prios));
    loop(s, "not_into_the_journal_no_priority", not_into_the_journal_no_priority, 1);
    return run_suite(s);
}
