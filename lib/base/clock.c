/* clock — the business "now" and the real clock (see conf.h). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include "base/conf.h"
#include "base/log.h"

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

int conf_business_now(const struct portal_conf *cfg, struct portal_dt *now)
{
    char text[64] = "";
    const char *file = cfg ? cfg->today_file : "";
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
        log_msg(LOG_WARN, "ignoring malformed business date '%.40s'", src);
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
