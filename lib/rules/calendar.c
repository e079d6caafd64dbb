#include "rules/calendar.h"

#include <stdio.h>

int ym_make(int y, int m) { return y * 12 + (m - 1); }
int ym_year(int ym) { return ym / 12; }
int ym_month(int ym) { return ym % 12 + 1; }

int is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && is_leap_year(y))
        return 29;
    return days[m - 1];
}

int ymd_valid(struct ymd d)
{
    return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
           d.d >= 1 && d.d <= days_in_month(d.y, d.m);
}

static int cmp_int(int a, int b) { return (a > b) - (a < b); }

int ymd_cmp(struct ymd a, struct ymd b)
{
    if (a.y != b.y)
        return cmp_int(a.y, b.y);
    if (a.m != b.m)
        return cmp_int(a.m, b.m);
    return cmp_int(a.d, b.d);
}

int dt_cmp(const struct portal_dt *a, const struct portal_dt *b)
{
    const int ka[6] = {a->y, a->m, a->d, a->hh, a->mm, a->ss};
    const int kb[6] = {b->y, b->m, b->d, b->hh, b->mm, b->ss};

    for (int i = 0; i < 6; i++)
        if (ka[i] != kb[i])
            return cmp_int(ka[i], kb[i]);
    return 0;
}

int ymd_to_ym(struct ymd d) { return ym_make(d.y, d.m); }

struct ymd dt_date(const struct portal_dt *dt)
{
    struct ymd d = {dt->y, dt->m, dt->d};
    return d;
}

struct ymd month_first_day(int ym)
{
    struct ymd d = {ym_year(ym), ym_month(ym), 1};
    return d;
}

struct ymd month_last_day(int ym)
{
    struct ymd d = {ym_year(ym), ym_month(ym), 0};
    d.d = days_in_month(d.y, d.m);
    return d;
}

/* Exactly n ASCII digits; stops (and fails) at NUL like at any non-digit. */
static int take_digits(const char *s, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* "YYYY-MM" at s, range-checked; does not look past s[6]. */
static int take_month(const char *s, int *y, int *m)
{
    if (take_digits(s, 4, y) || s[4] != '-' || take_digits(s + 5, 2, m))
        return -1;
    if (*y < CAL_YEAR_MIN || *y > CAL_YEAR_MAX || *m < 1 || *m > 12)
        return -1;
    return 0;
}

static int take_date(const char *s, struct ymd *d)
{
    if (take_month(s, &d->y, &d->m) || s[7] != '-' || take_digits(s + 8, 2, &d->d))
        return -1;
    return ymd_valid(*d) ? 0 : -1;
}

int parse_month(const char *s, int *ym)
{
    int y, m;

    if (!s || !ym || take_month(s, &y, &m) || s[7] != '\0')
        return -1;
    *ym = ym_make(y, m);
    return 0;
}

int parse_date(const char *s, struct ymd *out)
{
    struct ymd d;

    if (!s || !out || take_date(s, &d) || s[10] != '\0')
        return -1;
    *out = d;
    return 0;
}

int parse_datetime(const char *s, struct portal_dt *out)
{
    struct ymd d;
    struct portal_dt t = {0, 0, 0, 0, 0, 0};

    if (!s || !out || take_date(s, &d))
        return -1;
    t.y = d.y;
    t.m = d.m;
    t.d = d.d;
    if (s[10] != '\0') {
        if (s[10] != ' ' || take_digits(s + 11, 2, &t.hh) || s[13] != ':' ||
            take_digits(s + 14, 2, &t.mm))
            return -1;
        if (s[16] == ':') {
            if (take_digits(s + 17, 2, &t.ss) || s[19] != '\0')
                return -1;
        } else if (s[16] != '\0') {
            return -1;
        }
        if (t.hh > 23 || t.mm > 59 || t.ss > 59)
            return -1;
    }
    *out = t;
    return 0;
}

/* Writes v as exactly `width` zero-padded digits (v taken modulo 10^width). */
static void put_num(char *p, int v, int width)
{
    if (v < 0)
        v = -v;
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void format_month(char buf[8], int ym)
{
    put_num(buf, ym_year(ym), 4);
    buf[4] = '-';
    put_num(buf + 5, ym_month(ym), 2);
    buf[7] = '\0';
}

void format_date(char buf[11], struct ymd d)
{
    put_num(buf, d.y, 4);
    buf[4] = '-';
    put_num(buf + 5, d.m, 2);
    buf[7] = '-';
    put_num(buf + 8, d.d, 2);
    buf[10] = '\0';
}

void format_datetime(char buf[20], const struct portal_dt *dt)
{
    struct ymd d = dt_date(dt);

    format_date(buf, d);
    buf[10] = ' ';
    put_num(buf + 11, dt->hh, 2);
    buf[13] = ':';
    put_num(buf + 14, dt->mm, 2);
    buf[16] = ':';
    put_num(buf + 17, dt->ss, 2);
    buf[19] = '\0';
}

int format_month_cn(char *buf, size_t n, int ym)
{
    int len;

    if (!buf || n == 0)
        return -1;
    len = snprintf(buf, n, "%d年%d月", ym_year(ym), ym_month(ym));
    return (len < 0 || (size_t)len >= n) ? -1 : 0;
}

void dt_from_unix(long long t, struct portal_dt *out)
{
    /* civil-from-days (Howard Hinnant's algorithm): pure integer arithmetic */
    long long secs = t + 8 * 3600;
    long long days = secs / 86400, rem = secs % 86400;
    long long z, era, doe, yoe, doy, mp;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    z = days + 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    out->d = (int)(doy - (153 * mp + 2) / 5 + 1);
    out->m = (int)(mp < 10 ? mp + 3 : mp - 9);
    out->y = (int)(yoe + era * 400 + (out->m <= 2));
    out->hh = (int)(rem / 3600);
    out->mm = (int)(rem % 3600 / 60);
    out->ss = (int)(rem % 60);
}
