/* conf — configuration loading and the business clock (see conf.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "web/conf.h"

static void log_neoerr(const char *what, NEOERR *err)
{
    STRING s;
    string_init(&s);
    nerr_error_traceback(err, &s);
    fprintf(stderr, "portal: %s: %s\n", what, s.buf ? s.buf : "?");
    string_clear(&s);
    nerr_ignore(&err);
}

int conf_load(HDF **out, const char *path)
{
    HDF *hdf = NULL;
    NEOERR *err;

    *out = NULL;
    if (!path || !*path)
        path = getenv("PORTAL_CONF");
    if (!path || !*path)
        path = "conf/portal.hdf";
    err = hdf_init(&hdf);
    if (err == STATUS_OK)
        err = hdf_read_file(hdf, path);
    if (err != STATUS_OK) {
        log_neoerr(path, err);
        hdf_destroy(&hdf);
        return -1;
    }
    *out = hdf;
    return 0;
}

void conf_store(HDF *hdf, struct store_config *cfg)
{
    cfg->socket   = hdf_get_value(hdf, "Db.Socket", "");
    cfg->host     = hdf_get_value(hdf, "Db.Host", "127.0.0.1");
    cfg->port     = (unsigned)hdf_get_int_value(hdf, "Db.Port", 3306);
    cfg->user     = hdf_get_value(hdf, "Db.User", "portal");
    cfg->password = hdf_get_value(hdf, "Db.Password", "");
    cfg->database = hdf_get_value(hdf, "Db.Name", "portal");
}

void conf_policy(HDF *hdf, struct policy *p)
{
    policy_default(p);
    p->open_day      = hdf_get_int_value(hdf, "Policy.WindowOpenDay", p->open_day);
    p->close_day     = hdf_get_int_value(hdf, "Policy.WindowCloseDay", p->close_day);
    p->close_hour    = hdf_get_int_value(hdf, "Policy.WindowCloseHour", p->close_hour);
    p->backpay_max   = hdf_get_int_value(hdf, "Policy.BackpayMaxMonths", p->backpay_max);
    p->max_age_women = hdf_get_int_value(hdf, "Policy.MaxEnrolAgeWomen", p->max_age_women);
    p->max_age_men   = hdf_get_int_value(hdf, "Policy.MaxEnrolAgeMen", p->max_age_men);
}

int conf_open_store(HDF *hdf, struct store **out)
{
    struct store_config cfg;
    conf_store(hdf, &cfg);
    return store_open(out, &cfg);
}

time_t conf_real_now(void)
{
    return time(NULL);
}

static void real_portal_now(struct portal_dt *now)
{
    dt_from_unix((long long)conf_real_now(), now);
}

static int read_small_file(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    size_t got;
    if (!f)
        return -1;
    got = fread(buf, 1, n - 1, f);
    fclose(f);
    buf[got] = '\0';
    while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r' || buf[got - 1] == ' '))
        buf[--got] = '\0';
    return 0;
}

int conf_business_now(HDF *hdf, struct portal_dt *now)
{
    char text[64] = "";
    const char *file = hdf ? hdf_get_value(hdf, "Clock.TodayFile", "") : "";
    const char *env = getenv("PORTAL_TODAY");
    const char *src = NULL;

    real_portal_now(now);
    if (file && *file && read_small_file(file, text, sizeof text) == 0 && text[0])
        src = text;
    else if (env && *env)
        src = env;
    if (!src)
        return 0;
    if (parse_datetime(src, now) != 0) {
        fprintf(stderr, "portal: ignoring malformed business date '%.40s'\n", src);
        real_portal_now(now);
        return -1;
    }
    /* A date alone means that day at 09:00, office hours: deterministic for
     * tests and demos, and inside the window on the 6th. */
    if (strlen(src) == 10) {
        now->hh = 9;
        now->mm = 0;
        now->ss = 0;
    }
    return 0;
}
