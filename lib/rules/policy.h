/*
 * policy — the declaration calendar and the person-level rules of spec §4-§6
 * and §9: declaration period and window, start month (back-payment) checks,
 * stop dates, ages, wage clamping, statutory retirement month.
 * Pure functions; the caller supplies "now" (clock or PORTAL_TODAY).
 */
#ifndef PORTAL_RULES_POLICY_H
#define PORTAL_RULES_POLICY_H

#include "rules/calendar.h"

/* Configuration knobs (spec §4). */
struct policy {
    int open_day;       /* window opens on this day of month C-1 at 00:00 (11) */
    int close_day;      /* ... and closes on this day of month C (6) */
    int close_hour;     /* ... at this hour, half-open: hh:00:00 is closed (17) */
    int backpay_max;    /* months of back-payment at most (6) */
    int max_age_women;  /* online enrolment refused from this age (50) */
    int max_age_men;    /* (60) */
    /* 工资年度申报 window of year Y (spec §7): from wage_open (MMDD, minute of
     * the day) to wage_close (half-open) of year Y-1; defaults 12-01 00:00 and
     * 12-25 17:00. Policy.WageWindowOpen / Policy.WageWindowClose. */
    int wage_open_md, wage_open_min;      /* 1201, 0 */
    int wage_close_md, wage_close_min;    /* 1225, 1020 */
};

void policy_default(struct policy *p);
/* 0 when usable: 1 <= close_day < open_day <= 28, 0 <= close_hour <= 23,
 * 0 <= backpay_max <= 120, ages 1..150. -1 otherwise (also for NULL). */
int policy_valid(const struct policy *p);

/* "MM-DD HH:MM" (a date of a non-leap year, 00:00..23:59) into month*100+day
 * and the minute of the day: 0, or -1 (nothing written) for anything else. */
int parse_md_hm(const char *s, int *md, int *minute);

/* The 工资年度申报 window (spec §7) as seen at `now`: open, for year Y,
 * from wage_open to wage_close of Y-1 (half-open). When open, `year` is the
 * year being declared and opens_at/closes_at that window; when closed, they
 * are the next window's (this calendar year's if it has not opened yet,
 * else next year's) and `year` the year it declares. */
struct wage_window {
    int open;
    int year;
    struct portal_dt opens_at, closes_at;
};
void wage_window_at(const struct policy *p, const struct portal_dt *now, struct wage_window *out);

/*
 * The declaration state at `now` (spec §4, §5, §6a). With the defaults, on
 * day >= 11 of month M the declaration month C is M+1, on days 1-10 it is M;
 * the window is open except from day 6 17:00:00 through the end of day 10
 * (the settlement period 结算期, in which month M is settled).
 */
struct decl_state {
    int month;                /* C, as ym */
    int window_open;          /* 1 inside the declaration window */
    struct portal_dt opens_at, closes_at;  /* the window of period C: opens day
                                 open_day of C-1 00:00:00, closes day close_day
                                 of C at close_hour:00:00 (exclusive) */
    int settling;             /* 1 in the settlement period */
    int settle_month;         /* the month being settled when settling, else 0 */
    int settled_through;      /* latest month whose settlement has begun: M
                                 from day close_day close_hour:00 on, else M-1 */
};

void decl_state_at(const struct policy *p, const struct portal_dt *now, struct decl_state *out);
/* C for a date (time of day does not change C). */
int  decl_month(const struct policy *p, struct ymd today);
/* The window of declaration period C (see decl_state). */
void decl_window(const struct policy *p, int C, struct portal_dt *opens, struct portal_dt *closes);

/*
 * The start month S of an enrolment (本次参保时间), in spec §5's order:
 *   START_ENEXT_BEFORE_SETTLE  day < open_day and S is the calendar month
 *                              after today's (= C+1): 当月结算期之前 ... 下个月
 *   START_ELATER               S > C
 *   START_ETOO_EARLY           S < C - backpay_max
 * The window itself is checked separately (enroll_decide).
 */
enum start_check {
    START_OK = 0,
    START_ENEXT_BEFORE_SETTLE,
    START_ELATER,
    START_ETOO_EARLY
};
enum start_check start_month_check(const struct policy *p, const struct portal_dt *now, int start_ym);

/*
 * Back-payment months for start S in period C: S..C-1 (month C itself is
 * charged by the settlement). Sets *first = S, *last = C-1 and returns the
 * number of months, 0 when S >= C; `for (m = *first; m <= *last; m++)` is
 * then empty.
 */
int backpay_range(int S, int C, int *first, int *last);

/* 1 when `end` is the last day of month C-1 or of month C (spec §6), else 0. */
int stop_date_valid(struct ymd end, int C);
/* The two end dates the stop form offers for period C: last day of C-1 and of C. */
void stop_end_choices(int C, struct ymd *prev_end, struct ymd *cur_end);

/* The fixed list of 减员原因 (also the CHECK of enrolments.stop_reason),
 * NULL-terminated, and 1 when reason is one of them. */
extern const char *const stop_reasons[];
int stop_reason_valid(const char *reason);

/*
 * Age in full years (周岁) on date `on`: N on the Nth birthday; a 29 February
 * birthday falls on 1 March in non-leap years. Negative iff on < birth.
 */
int age_on(struct ymd birth, struct ymd on);

enum clamp { CLAMP_NONE = 0, CLAMP_LOWER, CLAMP_UPPER };
/* The wage within [lower, upper] (lower <= upper); *which (may be NULL) says
 * which limit was applied. */
long long clamp_wage(long long wage_fen, long long lower_fen, long long upper_fen, enum clamp *which);
/* 当前缴费基数 (spec §9 单位参保人员信息查询): the declared wage in force in a
 * month clamped to that month's limits, as settlement charges it; no wage
 * declared (wage_fen < 0) counts as 0, so the lower limit. */
long long base_in_force(long long wage_fen, long long lower_fen, long long upper_fen);

/*
 * Statutory retirement (spec §9): old age 60 for men, 55 for women cadres
 * (cadre != 0: person type 公务员在职), 50 for other women; from 2025 the
 * gradual reform adds a delay of 0 (offset < 0) or min(MAX, offset/STEP + 1)
 * months, offset = (birth year - Y0)*12 + (birth month - 1), with
 * (Y0, STEP, MAX) = men (1965, 4, 36), women cadres (1970, 4, 36), women
 * workers (1975, 2, 60). `cadre` is ignored for men; the birth day is ignored.
 *   retire_age_months  old age * 12 + delay
 *   retire_month       birth month + retire_age_months, as ym
 *                      (man born 1965-01 -> 2025-02)
 */
int retire_age_months(struct ymd birth, int male, int cadre);
int retire_month(struct ymd birth, int male, int cadre);

/* Which rule retire_month applied, for 职工退休到龄查询: the old age in
 * years (60, 55, 50), the reform's delay in months, and the rule's name
 * ("男60", "女干部55", "女工人50"). */
struct retire_rule {
    int ym;                   /* the statutory retirement month */
    int old_age;
    int delay;
    const char *name;
};
void retire_rule_of(struct ymd birth, int male, int cadre, struct retire_rule *out);
/* The birth months (ym) of the people of one group (male, cadre) who reach
 * retirement in [from_ym, to_ym]: *lo..*hi, inclusive; returns 0, or -1 when
 * no birth month does (then *lo > *hi). retire_month grows with the birth
 * month within a group, so the set is one interval: a store can pre-filter
 * on it and the rule still decides each person. */
int retire_birth_range(int from_ym, int to_ym, int male, int cadre, int *lo, int *hi);

#endif
