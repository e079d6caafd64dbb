/*
 * check — 基础信息核查 (spec §7b, issue 18 item 6): the unit's data problems.
 * Every check is one set-based statement over the unit's persons insured now
 * (310, no end date), scoped to p->unit_id; all six are one UNION ALL.
 */
#ifndef PORTAL_STORE_CHECK_H
#define PORTAL_STORE_CHECK_H
#include "store/store.h"

enum check_kind {
    CHECK_DUP_BASE = 1,        /* several base records (persons rows) for the 证件号码 */
    CHECK_ELSEWHERE,           /* insured now in another unit too */
    CHECK_PAST_RETIREMENT,     /* 在职 past the statutory retirement month */
    CHECK_WAGE_LIMITS,         /* wage in force outside this year's limits */
    CHECK_PHONE,               /* phone missing or malformed */
    CHECK_CIVIL_SERVANT,       /* 320 in a unit that is not 机关事业单位 */
    CHECK__END
};

struct check_params {
    int64_t unit_id;
    int cur_ym;                          /* the business month: wages in force then */
    int birth_lo[3], birth_hi[3];        /* born so that retirement is before cur_ym:
                                            [0] men, [1] women cadres, [2] women workers
                                            (rules/policy.h retire_birth_range; lo > hi: none) */
    long long lower_fen, upper_fen;      /* this year's limits; upper 0 = unknown (skip) */
    int civil_unit;                      /* the unit is 机关事业单位 */
};

struct check_row {
    int kind;                  /* enum check_kind */
    char id_no[19];
    char name[101];
    char text[64];             /* the phone, the birth date */
    int64_t fen;               /* the wage in force (CHECK_WAGE_LIMITS) */
};

/* How many rows of each kind: counts[kind], counts[0] the total. */
int store_check_counts(struct store *s, const struct check_params *p, long counts[CHECK__END]);
/* The rows by kind, then 证件号码, skipping offset, at most limit (< 0: all,
 * streamed: fn must run no statement). fn returns 0 to go on. */
typedef int (*check_row_fn)(const struct check_row *row, void *arg);
int store_check_each(struct store *s, const struct check_params *p, long offset, long limit,
                     check_row_fn fn, void *arg);

/* The checks' parameters for unit u at the business now: this year's wage
 * limits (read here), the birth ranges of retirement before now's month. */
int store_check_params(struct store *s, const struct unit *u, const struct portal_dt *now,
                       struct check_params *p);

/* ---- 本期待办 (the home page), kept by the worker ---- */
struct unit_todo {
    int found;                 /* 0: not computed yet */
    long problems, retire_due, failed_jobs;
};
/* Computes and stores unit_id's 本期待办 at the business now (real_now: the
 * refresh time and the jobs' retention). */
int store_todo_refresh(struct store *s, int64_t unit_id, const struct portal_dt *now,
                       time_t real_now);
/* The newest declaration's id (0 when none): where refresh_since starts. */
int store_declarations_newest(struct store *s, int64_t *id);
/* Refreshes the next `limit` units after unit id *after, which moves on; -1
 * when there were none left (the worker's daily run, a slice at a time). */
int store_todo_refresh_units(struct store *s, int64_t *after, int limit,
                             const struct portal_dt *now, time_t real_now);
/* Refreshes every unit (`portal-admin recount`). */
int store_todo_refresh_all(struct store *s, const struct portal_dt *now, time_t real_now);
/* The units with a declaration of id above *after (at most 100), each
 * refreshed; *after moves to the newest seen. */
int store_todo_refresh_since(struct store *s, int64_t *after, const struct portal_dt *now,
                             time_t real_now);

#endif
