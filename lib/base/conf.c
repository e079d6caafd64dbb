/* conf — the typed configuration (see conf.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/conf.h"
#include "base/log.h"

#define OFF(field) offsetof(struct portal_conf, field)
#define FROM_RULES INT_MIN   /* the default is policy_default()'s */

/* Every key with its default, in one place. */
static const struct str_key {
    const char *key;
    size_t off;
    const char *def;
} str_keys[] = {
    {"Db.Socket", OFF(db.socket), ""},
    {"Db.Host", OFF(db.host), "127.0.0.1"},
    {"Db.Hosts", OFF(db.hosts), ""},
    {"Db.User", OFF(db.user), "portal"},
    {"Db.Password", OFF(db.password), ""},
    {"Db.Name", OFF(db.database), "portal"},
    {"Paths.Templates", OFF(templates), "templates"},
    {"Paths.Schema", OFF(schema), "schema"},
    {"Clock.TodayFile", OFF(today_file), ""},
};

static const struct int_key {
    const char *key;
    size_t off;
    int def, min, max;
} int_keys[] = {
    {"Server.Workers", OFF(workers), 2, 1, CONF_MAX_WORKERS},
    {"Session.IdleMinutes", OFF(session.idle_minutes), 30, 1, 10080},
    {"Session.AbsoluteHours", OFF(session.absolute_hours), 12, 1, 720},
    {"Session.CookieSecure", OFF(session.cookie_secure), 0, 0, 1},
    {"Login.UnitMaxFailures", OFF(login.unit_max_failures), 5, 1, 1000},
    {"Login.AddrDelaySeconds", OFF(login.addr_delay_seconds), 2, 1, 3600},
    {"Login.AddrMaxDelaySeconds", OFF(login.addr_max_delay_seconds), 300, 1, 86400},
    {"Login.WindowMinutes", OFF(login.window_minutes), 15, 1, 1440},
    {"Login.LockMinutes", OFF(login.lock_minutes), 15, 1, 1440},
    {"Policy.WindowOpenDay", OFF(policy.open_day), FROM_RULES, 2, 28},
    {"Policy.WindowCloseDay", OFF(policy.close_day), FROM_RULES, 1, 27},
    {"Policy.WindowCloseHour", OFF(policy.close_hour), FROM_RULES, 0, 23},
    {"Policy.BackpayMaxMonths", OFF(policy.backpay_max), FROM_RULES, 0, 120},
    {"Policy.MaxEnrolAgeWomen", OFF(policy.max_age_women), FROM_RULES, 1, 150},
    {"Policy.MaxEnrolAgeMen", OFF(policy.max_age_men), FROM_RULES, 1, 150},
    {"Form.MaxFields", OFF(form.max_fields), 64, 1, 100000},
    {"Form.MaxValueBytes", OFF(form.max_value_bytes), 4096, 1, 1 << 30},
    {"Form.MaxBodyBytes", OFF(form.max_body_bytes), 65536, 1, 1 << 30},
    {"Upload.MaxBytes", OFF(upload.max_bytes), 16 << 20, 1, 1 << 30},
    {"Upload.MaxRows", OFF(upload.max_rows), 20000, 1, 1000000},
    {"Worker.LeaseSeconds", OFF(worker.lease_seconds), 60, 5, 86400},
    {"Worker.ChunkRows", OFF(worker.chunk_rows), 200, 1, 5000},
    {"Worker.Processes", OFF(worker.processes), 1, 1, CONF_MAX_WORKER_PROCESSES},
};

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define DB_PORT_DEFAULT 3306

static const char **str_at(struct portal_conf *cfg, size_t off)
{
    return (const char **)(void *)((char *)cfg + off);
}

static int *int_at(struct portal_conf *cfg, size_t off)
{
    return (int *)(void *)((char *)cfg + off);
}

void conf_defaults(struct portal_conf *cfg)
{
    size_t i;

    memset(cfg, 0, sizeof *cfg);
    policy_default(&cfg->policy);
    for (i = 0; i < N_ELEMS(str_keys); i++)
        *str_at(cfg, str_keys[i].off) = str_keys[i].def;
    for (i = 0; i < N_ELEMS(int_keys); i++)
        if (int_keys[i].def != FROM_RULES)
            *int_at(cfg, int_keys[i].off) = int_keys[i].def;
    cfg->db.port = DB_PORT_DEFAULT;
}

/* A whole decimal number within min..max, or -1 with the reason in why. */
static int parse_int(const char *key, const char *text, int min, int max, int *out, char *why,
                     size_t whylen)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max) {
        snprintf(why, whylen, "%s = '%.40s': must be a whole number from %d to %d", key, text,
                 min, max);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int read_ints(struct portal_conf *cfg, HDF *hdf, char *why, size_t whylen)
{
    int port = DB_PORT_DEFAULT;
    const char *v;
    size_t i;

    for (i = 0; i < N_ELEMS(int_keys); i++) {
        const struct int_key *k = &int_keys[i];
        v = hdf_get_value(hdf, k->key, NULL);
        if (v && parse_int(k->key, v, k->min, k->max, int_at(cfg, k->off), why, whylen) != 0)
            return -1;
    }
    v = hdf_get_value(hdf, "Db.Port", NULL);
    if (v && parse_int("Db.Port", v, 0, 65535, &port, why, whylen) != 0)
        return -1;
    cfg->db.port = (unsigned)port;
    return 0;
}

/* Policy.WageWindowOpen / Policy.WageWindowClose, "MM-DD HH:MM". */
static int read_wage_window(struct portal_conf *cfg, HDF *hdf, char *why, size_t whylen)
{
    static const char *const keys[2] = {"Policy.WageWindowOpen", "Policy.WageWindowClose"};
    int *md[2] = {&cfg->policy.wage_open_md, &cfg->policy.wage_close_md};
    int *mi[2] = {&cfg->policy.wage_open_min, &cfg->policy.wage_close_min};

    for (int i = 0; i < 2; i++) {
        const char *v = hdf_get_value(hdf, keys[i], NULL);
        if (v && parse_md_hm(v, md[i], mi[i]) != 0) {
            snprintf(why, whylen, "%s = '%.40s': must be MM-DD HH:MM", keys[i], v);
            return -1;
        }
    }
    return 0;
}

int conf_from_hdf(struct portal_conf *cfg, HDF *hdf, char *why, size_t whylen)
{
    char dummy[8];
    size_t i;

    if (!why) {
        why = dummy;
        whylen = sizeof dummy;
    }
    conf_defaults(cfg);
    for (i = 0; i < N_ELEMS(str_keys); i++)
        *str_at(cfg, str_keys[i].off) = hdf_get_value(hdf, str_keys[i].key, str_keys[i].def);
    if (read_ints(cfg, hdf, why, whylen) != 0 || read_wage_window(cfg, hdf, why, whylen) != 0)
        goto bad;
    /* the per-key ranges leave one rule to policy_valid: the window closes before it opens */
    if (policy_valid(&cfg->policy) != 0) {
        if (cfg->policy.close_day >= cfg->policy.open_day)
            snprintf(why, whylen, "Policy.WindowCloseDay (%d) must be less than "
                                  "Policy.WindowOpenDay (%d)",
                     cfg->policy.close_day, cfg->policy.open_day);
        else
            snprintf(why, whylen, "Policy.WageWindowOpen must be before Policy.WageWindowClose"
                                  " (both in one calendar year)");
        goto bad;
    }
    cfg->hdf_ = hdf;
    return 0;
bad:
    conf_defaults(cfg);
    hdf_destroy(&hdf);
    return -1;
}

void neoerr_log(const char *prefix, NEOERR *err)
{
    STRING s;
    string_init(&s);
    nerr_error_traceback(err, &s);
    log_msg(LOG_ERROR, "%s: %s", prefix, s.buf ? s.buf : "?");
    string_clear(&s);
    nerr_ignore(&err);
}

/* dir holds the checkout's marks (see conf_checkout_of). */
static int is_checkout(const char *dir)
{
    char path[4200];
    struct stat st;

    snprintf(path, sizeof path, "%s/Makefile", dir);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    snprintf(path, sizeof path, "%s/conf/stack", dir);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int conf_checkout_of(const char *exe, char *root, size_t n)
{
    char dir[4096], *slash;
    int up;

    if (!exe || snprintf(dir, sizeof dir, "%s", exe) >= (int)sizeof dir)
        return 0;
    for (up = 0; up < 4; up++) {
        slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            return 0;
        *slash = '\0';
        if (is_checkout(dir)) {
            if (root)
                snprintf(root, n, "%s", dir);
            return 1;
        }
    }
    return 0;
}

const char *conf_default_path(void)
{
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (len <= 0)
        return "conf/portal.hdf";   /* no /proc: behave as in a checkout */
    exe[len] = '\0';
    return conf_checkout_of(exe, NULL, 0) ? "conf/portal.hdf" : CONF_INSTALLED_PATH;
}

int conf_load(struct portal_conf *cfg, const char *path)
{
    HDF *hdf = NULL;
    NEOERR *err;
    char why[256];

    conf_defaults(cfg);
    if (!path || !*path)
        path = getenv("PORTAL_CONF");
    if (!path || !*path)
        path = conf_default_path();
    err = hdf_init(&hdf);
    if (err == STATUS_OK)
        err = hdf_read_file(hdf, path);
    if (err != STATUS_OK) {
        char prefix[4200];
        snprintf(prefix, sizeof prefix, "%s", path);
        neoerr_log(prefix, err);
        hdf_destroy(&hdf);
        return -1;
    }
    if (conf_from_hdf(cfg, hdf, why, sizeof why) != 0) {
        log_msg(LOG_ERROR, "%s: %s", path, why);
        return -1;
    }
    return 0;
}

void conf_free(struct portal_conf *cfg)
{
    HDF *hdf = cfg->hdf_;
    conf_defaults(cfg);
    hdf_destroy(&hdf);
}
