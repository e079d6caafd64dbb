/*
 * admin — what the commands of portal-admin (cgi/admin/, one file per
 * command) share: the command context, argument parsing, messages, files,
 * passwords, loading one person, settling one month.
 */
#ifndef PORTAL_ADMIN_H
#define PORTAL_ADMIN_H
#include <stddef.h>
#include <time.h>
#include "base/conf.h"
#include "rules/rules.h"
#include "store/store.h"

#define EXIT_USAGE 2

/* ---- the shared context of a command (opened by the command when needed) ---- */
struct ctx {
    const char *conf_path;     /* --conf, or NULL: see open_ctx */
    char conf_found[4096];     /* the configuration open_ctx chose */
    struct portal_conf cfg;
    struct store *db;
    struct portal_dt now;      /* business now */
};
/* Configuration, business now, database. 0, or -1 after a message that
 * names the configuration tried. The configuration: --conf, else
 * $PORTAL_CONF, else for an installed program (PREFIX/bin/portal-admin, not
 * in a checkout: conf_checkout_of) /etc/portal/portal.hdf; inside a checkout
 * its local instance (var/run/portal.hdf, as `make run`/`make start` leave
 * it) found from the working directory or from where the program lies
 * (build/portal-admin), else conf/portal.hdf. */
int  open_ctx(struct ctx *c);
void close_ctx(struct ctx *c);

/* The commands: argv holds the command's own arguments; each returns the exit status. */
int cmd_migrate(struct ctx *c, int argc, char **argv);
int cmd_unit_add(struct ctx *c, int argc, char **argv);
int cmd_passwd(struct ctx *c, int argc, char **argv);
int cmd_import(struct ctx *c, int argc, char **argv);
int cmd_session_purge(struct ctx *c, int argc, char **argv);
int cmd_recount(struct ctx *c, int argc, char **argv);
int cmd_demo(struct ctx *c, int argc, char **argv);
int cmd_settle(struct ctx *c, int argc, char **argv);
int cmd_gen(struct ctx *c, int argc, char **argv);
int cmd_unit_legal_rep(struct ctx *c, int argc, char **argv);    /* unit_report.c */
int cmd_unit_scheme(struct ctx *c, int argc, char **argv);       /* unit_report.c */

/* ---- small helpers (common.c) ---- */
/* "portal-admin: " + the message + newline on stderr. */
void die_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The result of a scheduled command (settle, session-purge): on a terminal a
 * line on stdout, else (timer, cron) an INFO log line on stderr. */
void result_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Counts UTF-8 characters (the schema's VARCHAR lengths are characters). */
size_t utf8_chars(const char *s);
/* Seconds since t0 (CLOCK_MONOTONIC). */
double elapsed(const struct timespec *t0);
/*
 * Options: "--name value" or "--name=value". `spec` lists the accepted names;
 * values land in vals[] in the same order (NULL when absent). Positional
 * arguments go to pos[] (at most npos). --help sets *help.
 * Returns 0, or -1 after printing what is wrong.
 */
int parse_opts(int argc, char **argv, const char *const *spec, const char **vals,
               const char **pos, int npos, int *npos_out, int *help);
/* 1 when the option has a value, else 0 after a message. */
int need(const char *val, const char *opt);
/* Reads a whole file; gives *out (free it). 0, or -1 after a message. */
int read_file(const char *path, char **out, size_t *len);
/* yescrypt with a fresh salt; gives a malloc'd hash, or NULL after a message. */
char *hash_password(const char *pw);
/* The password from --password, or one line of stdin for "-" (keeps it out of ps).
 * 0, or -1 after a message. */
int get_password(const char *opt, char *buf, size_t size);

/* ---- loading one person (person.c; import-persons and demo) ---- */
enum pstatus { PS_WORKING, PS_RETIRED, PS_FLEXIBLE, PS_TRANSFERRED, PS_NONE };
extern const char *const pstatus_names[];   /* in enum order, NULL-terminated */

struct person_load {
    struct person_new p;
    char id_no[19];
    enum pstatus status;
    const struct unit *unit;     /* NULL for 灵活就业 / 未参保 */
    int start_ym;                /* -1 for 未参保 */
    long long wage_fen;          /* -1: none */
    struct ymd end_date;         /* demo only: a closed enrolment */
};

struct enrol_ref;
/* Checks that the reference data has insurance types (through ref, see
 * store/enrol.h). 0, or -1 after a message. */
int load_types_ready(struct store *db, struct enrol_ref *ref);
/* Base record + enrolments + wage of one person, inside the caller's
 * transaction (ref reset after its store_begin). 0, or -1. */
int load_person(struct store *db, struct enrol_ref *ref, const struct person_load *pl,
                const struct portal_dt *now);

/* ---- settle.c ---- */
/* Settles one month and prints what it did (shared by settle and demo).
 * Returns 0, SETTLE_NOREF (reference data missing: said on stderr) or -1. */
int settle_one(struct ctx *c, int ym, int quiet);

#endif
