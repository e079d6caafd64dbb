/*
 * conf — the portal's configuration, read once at start-up into a typed
 * struct (like cgit's ctx.cfg), and the business clock. Shared by the page
 * programs, the worker and the admin CLI.
 *
 * The configuration is a ClearSilver HDF file (trusted input only: an
 * operator's file, never user data). Every key, its default and its accepted
 * range are in one table in conf.c; README's Configuration table lists them.
 * A value that is not a whole number where one is expected, or out of its
 * range, or a policy that policy_valid() refuses, makes conf_load fail with a
 * message naming the key: a program stops at start-up, not at a request.
 */
#ifndef PORTAL_CONF_H
#define PORTAL_CONF_H
#include <stddef.h>
#include <time.h>
#include <ClearSilver.h>
#include "store/store.h"
#include "rules/rules.h"

struct portal_conf {
    struct store_config db;       /* Db.Socket, Db.Host, Db.Hosts, Db.Port, Db.User, Db.Password, Db.Name */
    const char *templates;        /* Paths.Templates */
    const char *schema;           /* Paths.Schema */
    int workers;                  /* Server.Workers: workers per page program, 1..CONF_MAX_WORKERS */
    struct {
        int idle_minutes;         /* Session.IdleMinutes */
        int absolute_hours;       /* Session.AbsoluteHours */
        int cookie_secure;        /* Session.CookieSecure: 0 or 1 */
    } session;
    struct {
        int unit_max_failures;    /* Login.UnitMaxFailures */
        int addr_delay_seconds;   /* Login.AddrDelaySeconds: the wait after the first
                                     failure of an (address, unit); doubles with each */
        int addr_max_delay_seconds;   /* Login.AddrMaxDelaySeconds: the cap of that wait */
        int window_minutes;       /* Login.WindowMinutes */
        int lock_minutes;         /* Login.LockMinutes */
    } login;
    struct policy policy;         /* Policy.* (spec §4); valid by policy_valid() */
    struct {
        int max_fields;           /* Form.MaxFields */
        int max_value_bytes;      /* Form.MaxValueBytes */
        int max_body_bytes;       /* Form.MaxBodyBytes */
    } form;
    struct {
        int max_bytes;            /* Upload.MaxBytes (= nginx client_max_body_size) */
        int max_rows;             /* Upload.MaxRows */
    } upload;
    struct {
        int lease_seconds;        /* Worker.LeaseSeconds */
        int chunk_rows;           /* Worker.ChunkRows */
        int processes;            /* Worker.Processes: claiming processes of portal-worker */
    } worker;
    const char *today_file;       /* Clock.TodayFile: "" in production */
    HDF *hdf_;                    /* private: owns every string above */
};

#define CONF_MAX_WORKERS 64
#define CONF_MAX_WORKER_PROCESSES 16

/* The defaults of every key, with no file (strings are static). */
void conf_defaults(struct portal_conf *cfg);

/* Where an installed program's configuration is (make install; README). */
#define CONF_INSTALLED_PATH "/etc/portal/portal.hdf"

/* 1 when the program `exe` (a path, e.g. from /proc/self/exe) lies in a
 * checkout of the portal — a directory one to four levels above it holds
 * the Makefile and conf/stack (build/cgi/login, build/asan/cgi/login) —
 * with that directory copied into root (n bytes); else 0 (an installed
 * program: PREFIX/bin/…). */
int conf_checkout_of(const char *exe, char *root, size_t n);

/* The configuration without --conf and $PORTAL_CONF: inside a checkout
 * "conf/portal.hdf" (relative: the defaults of the checkout one runs in),
 * for an installed program CONF_INSTALLED_PATH. Static storage. */
const char *conf_default_path(void);

/* Loads the configuration: the file named by `path`, else $PORTAL_CONF, else
 * conf_default_path(); keys absent from it keep their defaults. Returns 0, or -1
 * after one line on stderr naming the file and the key at fault (*cfg then
 * holds the defaults and nothing to free). Free with conf_free. */
int conf_load(struct portal_conf *cfg, const char *path);

/* The same from an HDF tree the caller built (tests): takes hdf over in every
 * case (conf_free, or the failure, destroys it). On failure `why` gets the
 * reason, naming the key (why may be NULL). Returns 0 or -1. */
int conf_from_hdf(struct portal_conf *cfg, HDF *hdf, char *why, size_t whylen);

/* Releases what conf_load gave; accepts a zeroed or default struct; leaves
 * the defaults behind. */
void conf_free(struct portal_conf *cfg);

/* Logs "<prefix>: <ClearSilver's traceback of err>" to stderr and frees err
 * (configuration files here, templates in lib/web). */
void neoerr_log(const char *prefix, NEOERR *err);

/* The business "now" (Asia/Shanghai): Clock.TodayFile if set and readable,
 * else $PORTAL_TODAY, else the real clock. cfg may be NULL (no file). The file
 * is read at every call (test stacks change it while running). Returns 0, or
 * -1 if an override is malformed (then *now is the real clock and a line is
 * logged). */
int conf_business_now(const struct portal_conf *cfg, struct portal_dt *now);
/* The real clock as unix seconds (sessions, throttling, retention). */
time_t conf_real_now(void);

#endif
