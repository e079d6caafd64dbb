/*
 * calendar — dates, months and date-times of the portal (Asia/Shanghai wall
 * clock; no time zones here: the caller turns the clock into a portal_dt).
 *
 * Months are plain ints: ym = y*12 + (m-1). Consecutive months are
 * consecutive ints, so "C-1", "S..C-1" and "C - 6" are integer arithmetic.
 * Every function here is pure; none allocates; none fails except where the
 * return value says so.
 */
#ifndef PORTAL_RULES_CALENDAR_H
#define PORTAL_RULES_CALENDAR_H

#include <stddef.h>

/* Years the parsers accept ("1900-01-01" is a common placeholder in the
 * agency's data; nothing in the portal lives past 2999). */
#define CAL_YEAR_MIN 1900
#define CAL_YEAR_MAX 2999

struct ymd {
    int y, m, d;
};

struct portal_dt {
    int y, m, d, hh, mm, ss;
};

/* Month index. ym_year/ym_month require ym >= 0. */
int ym_make(int y, int m);
int ym_year(int ym);
int ym_month(int ym);          /* 1..12 */

int is_leap_year(int y);
/* 28..31; 0 when m is not 1..12. */
int days_in_month(int y, int m);

/* 1 when the date exists in the Gregorian calendar (any year 1..9999). */
int ymd_valid(struct ymd d);
/* <0, 0, >0 like strcmp. */
int ymd_cmp(struct ymd a, struct ymd b);
int dt_cmp(const struct portal_dt *a, const struct portal_dt *b);
int ymd_to_ym(struct ymd d);
struct ymd dt_date(const struct portal_dt *dt);
struct ymd month_first_day(int ym);
struct ymd month_last_day(int ym);

/*
 * Strict parsers: 0 on success, -1 on anything else (NULL, wrong widths,
 * leading/trailing junk or spaces, signs, a day that does not exist, a year
 * outside CAL_YEAR_MIN..CAL_YEAR_MAX). On failure *out is not written.
 *   parse_month     "YYYY-MM"
 *   parse_date      "YYYY-MM-DD"
 *   parse_datetime  "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS"
 *                   (one space; 00..23, 00..59, 00..59; missing parts are 0)
 */
int parse_month(const char *s, int *ym);
int parse_date(const char *s, struct ymd *out);
int parse_datetime(const char *s, struct portal_dt *out);

/*
 * Formatters into caller-owned buffers of the fixed sizes shown (years are
 * written with 4 digits, so keep them within 0..9999):
 *   format_month    "2022-09"              (8 bytes)
 *   format_date     "2022-09-30"           (11 bytes)
 *   format_datetime "2022-09-30 17:00:00"  (20 bytes)
 * format_month_cn writes "2022年9月" into buf of size n; 0 on success, -1 when
 * it does not fit (buf then holds a truncated, NUL-terminated string if n > 0).
 * FORMAT_MONTH_CN_MAX is always enough.
 */
#define FORMAT_MONTH_CN_MAX 32
void format_month(char buf[8], int ym);
void format_date(char buf[11], struct ymd d);
void format_datetime(char buf[20], const struct portal_dt *dt);

/* Unix seconds -> the wall clock of Asia/Shanghai (UTC+8 all year, no DST
 * since 1991: a fixed offset, so no zone files are needed). */
void dt_from_unix(long long t, struct portal_dt *out);
int  format_month_cn(char *buf, size_t n, int ym);

#endif
