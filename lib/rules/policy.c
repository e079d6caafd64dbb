#include <string.h>
#include "rules/policy.h"

void policy_default(struct policy *p)
{
    p->open_day = 11;
    p->close_day = 6;
    p->close_hour = 17;
    p->backpay_max = 6;
    p->max_age_women = 50;
    p->max_age_men = 60;
    p->wage_open_md = 1201;
    p->wage_open_min = 0;
    p->wage_close_md = 1225;
    p->wage_close_min = 17 * 60;
}

static int md_valid(int md)
{
    int m = md / 100, d = md % 100;
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(2001, m);
}

int policy_valid(const struct policy *p)
{
    if (!p)
        return -1;
    if (p->close_day < 1 || p->close_day >= p->open_day || p->open_day > 28)
        return -1;
    if (p->close_hour < 0 || p->close_hour > 23)
        return -1;
    if (p->backpay_max < 0 || p->backpay_max > 120)
        return -1;
    if (p->max_age_women < 1 || p->max_age_women > 150 ||
        p->max_age_men < 1 || p->max_age_men > 150)
        return -1;
    /* the wage window lies inside one calendar year and is not empty */
    if (!md_valid(p->wage_open_md) || !md_valid(p->wage_close_md) ||
        p->wage_open_min < 0 || p->wage_open_min >= 1440 ||
        p->wage_close_min < 0 || p->wage_close_min >= 1440 ||
        p->wage_open_md * 1440 + p->wage_open_min >= p->wage_close_md * 1440 + p->wage_close_min)
        return -1;
    return 0;
}

static int two_digits(const char *s)
{
    return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' ? (s[0] - '0') * 10 + s[1] - '0'
                                                                     : -1;
}

int parse_md_hm(const char *s, int *md, int *minute)
{
    int mo, d, h, mi;

    if (!s || strlen(s) != 11 || s[2] != '-' || s[5] != ' ' || s[8] != ':')
        return -1;
    mo = two_digits(s);
    d = two_digits(s + 3);
    h = two_digits(s + 6);
    mi = two_digits(s + 9);
    if (mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || !md_valid(mo * 100 + d))
        return -1;
    *md = mo * 100 + d;
    *minute = h * 60 + mi;
    return 0;
}

static struct portal_dt wage_dt(int y, int md, int minute)
{
    struct portal_dt t = {y, md / 100, md % 100, minute / 60, minute % 60, 0};
    return t;
}

void wage_window_at(const struct policy *p, const struct portal_dt *now, struct wage_window *out)
{
    struct portal_dt o = wage_dt(now->y, p->wage_open_md, p->wage_open_min);
    struct portal_dt c = wage_dt(now->y, p->wage_close_md, p->wage_close_min);

    out->open = dt_cmp(now, &o) >= 0 && dt_cmp(now, &c) < 0;
    if (dt_cmp(now, &c) >= 0) {   /* this year's window is over: next year's */
        o.y++;
        c.y++;
    }
    out->year = o.y + 1;
    out->opens_at = o;
    out->closes_at = c;
}

int decl_month(const struct policy *p, struct ymd today)
{
    int M = ym_make(today.y, today.m);

    return today.d >= p->open_day ? M + 1 : M;
}

void decl_window(const struct policy *p, int C, struct portal_dt *opens, struct portal_dt *closes)
{
    struct portal_dt o = {ym_year(C - 1), ym_month(C - 1), p->open_day, 0, 0, 0};
    struct portal_dt c = {ym_year(C), ym_month(C), p->close_day, p->close_hour, 0, 0};

    *opens = o;
    *closes = c;
}

void decl_state_at(const struct policy *p, const struct portal_dt *now, struct decl_state *out)
{
    int M = ym_make(now->y, now->m);
    int before_close = now->d < p->close_day ||
                       (now->d == p->close_day && now->hh < p->close_hour);

    out->month = decl_month(p, dt_date(now));
    out->window_open = now->d >= p->open_day || before_close;
    decl_window(p, out->month, &out->opens_at, &out->closes_at);
    out->settling = !out->window_open;
    out->settle_month = out->settling ? M : 0;
    out->settled_through = before_close ? M - 1 : M;
}

enum start_check start_month_check(const struct policy *p, const struct portal_dt *now, int S)
{
    int M = ym_make(now->y, now->m);
    int C = decl_month(p, dt_date(now));

    if (now->d < p->open_day && S == M + 1)
        return START_ENEXT_BEFORE_SETTLE;
    if (S > C)
        return START_ELATER;
    if (S < C - p->backpay_max)
        return START_ETOO_EARLY;
    return START_OK;
}

int backpay_range(int S, int C, int *first, int *last)
{
    *first = S;
    *last = C - 1;
    return S < C ? C - S : 0;
}

static int ymd_eq(struct ymd a, struct ymd b) { return ymd_cmp(a, b) == 0; }

int stop_date_valid(struct ymd end, int C)
{
    return ymd_eq(end, month_last_day(C - 1)) || ymd_eq(end, month_last_day(C));
}

void stop_end_choices(int C, struct ymd *prev_end, struct ymd *cur_end)
{
    *prev_end = month_last_day(C - 1);
    *cur_end = month_last_day(C);
}

const char *const stop_reasons[] = {"离职", "调出", "死亡", "其他", NULL};

int stop_reason_valid(const char *reason)
{
    for (size_t i = 0; reason && stop_reasons[i]; i++)
        if (strcmp(reason, stop_reasons[i]) == 0)
            return 1;
    return 0;
}

int age_on(struct ymd birth, struct ymd on)
{
    int age = on.y - birth.y;
    int bm = birth.m, bd = birth.d;

    if (bm == 2 && bd == 29 && !is_leap_year(on.y)) {
        bm = 3;
        bd = 1;
    }
    if (on.m < bm || (on.m == bm && on.d < bd))
        age--;
    return age;
}

long long clamp_wage(long long wage, long long lower, long long upper, enum clamp *which)
{
    enum clamp c = CLAMP_NONE;

    if (wage < lower) {
        wage = lower;
        c = CLAMP_LOWER;
    } else if (wage > upper) {
        wage = upper;
        c = CLAMP_UPPER;
    }
    if (which)
        *which = c;
    return wage;
}

long long base_in_force(long long wage_fen, long long lower_fen, long long upper_fen)
{
    return clamp_wage(wage_fen < 0 ? 0 : wage_fen, lower_fen, upper_fen, NULL);
}

struct retire_group {
    int y0, old_age, step, max;
};

static const struct retire_group RETIRE_MEN = {1965, 60, 4, 36};
static const struct retire_group RETIRE_WOMEN_CADRES = {1970, 55, 4, 36};
static const struct retire_group RETIRE_WOMEN_WORKERS = {1975, 50, 2, 60};

int retire_age_months(struct ymd birth, int male, int cadre)
{
    const struct retire_group *g = male ? &RETIRE_MEN
                                 : cadre ? &RETIRE_WOMEN_CADRES : &RETIRE_WOMEN_WORKERS;
    int offset = (birth.y - g->y0) * 12 + (birth.m - 1);
    int delay = 0;

    if (offset >= 0) {
        delay = offset / g->step + 1;
        if (delay > g->max)
            delay = g->max;
    }
    return g->old_age * 12 + delay;
}

int retire_month(struct ymd birth, int male, int cadre)
{
    return ym_make(birth.y, birth.m) + retire_age_months(birth, male, cadre);
}

void retire_rule_of(struct ymd birth, int male, int cadre, struct retire_rule *out)
{
    const struct retire_group *g = male ? &RETIRE_MEN
                                 : cadre ? &RETIRE_WOMEN_CADRES : &RETIRE_WOMEN_WORKERS;
    int age = retire_age_months(birth, male, cadre);

    out->ym = ym_make(birth.y, birth.m) + age;
    out->old_age = g->old_age;
    out->delay = age - g->old_age * 12;
    out->name = male ? "男60" : cadre ? "女干部55" : "女工人50";
}

int retire_birth_range(int from_ym, int to_ym, int male, int cadre, int *lo, int *hi)
{
    const struct retire_group *g = male ? &RETIRE_MEN
                                 : cadre ? &RETIRE_WOMEN_CADRES : &RETIRE_WOMEN_WORKERS;
    /* a birth month b retires at b + old age + delay, delay in 0..max */
    int first = from_ym - g->old_age * 12 - g->max, last = to_ym - g->old_age * 12;

    *lo = 1;
    *hi = 0;
    for (int b = first < 0 ? 0 : first; b <= last; b++) {
        struct ymd birth = {ym_year(b), ym_month(b), 1};
        int r = retire_month(birth, male, cadre);
        if (r < from_ym || r > to_ym)
            continue;
        if (*lo > *hi)
            *lo = b;
        *hi = b;
    }
    return *lo > *hi ? -1 : 0;
}
