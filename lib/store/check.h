/*
 * check — 基础信息核查 (spec §7b, issue 18 item 6): the unit's data problems.
 * Every check is one set-based statement over the unit's persons insured now
 * (310, no end date), scoped to the unit; all six are one UNION ALL whose rows
 * store_todo_refresh keeps in check_problems (017_check_fast), with the count
 * of each kind in unit_todo. The page reads the kept rows (a page of the
 * primary key); writers mark the unit dirty, the worker (or the page itself)
 * refreshes it.
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
    int cur_ym;                          /* the business month: wages in force then;
                                            retirement before it */
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

/* What unit_todo holds for the unit: dirty (a change since the last refresh,
 * or never refreshed), when it was refreshed (real clock, 0 never), the rows of
 * each kind (counts[0] the total). */
struct check_state {
    int dirty;
    time_t refreshed_at;
    long counts[CHECK__END];
};
int store_check_state(struct store *s, int64_t unit_id, struct check_state *cs);
/* The kept rows (check_problems) by kind, then 证件号码, skipping offset, at
 * most limit (< 0: all, streamed: fn must run no statement). fn returns 0 to
 * go on. */
typedef int (*check_row_fn)(const struct check_row *row, void *arg);
int store_check_each(struct store *s, int64_t unit_id, long offset, long limit,
                     check_row_fn fn, void *arg);

/* The checks' parameters for unit u at the business now: this year's wage
 * limits (read here). */
int store_check_params(struct store *s, const struct unit *u, const struct portal_dt *now,
                       struct check_params *p);

/* The dirty mark, in the writer's transaction: every writer that can change a
 * check's result (persons, enrolments, wages, the unit's type) marks its unit
 * and, with the 证件号码 it touched (NULL: none), every unit where a person of
 * that 证件号码 is enrolled (their checks 1 and 2 look across units). */
int store_check_dirty(struct store *s, int64_t unit_id, const char *id_no);
/* store_check_dirty for n IDs at once, in one statement (a batch chunk). */
int store_check_dirty_many(struct store *s, int64_t unit_id, const char *const *id_nos,
                           size_t n);
/* Marks every unit refreshed so far (`portal-admin` commands that write many
 * units or the wage limits; units never refreshed are dirty anyway). */
int store_check_dirty_all(struct store *s);

/* Fills persons.statutory_retire(_cadre) by the rule (rules/policy.h
 * retire_month) where NULL, or for every person when all: one set-based
 * UPDATE from a temporary table of every birth month in range. */
int store_persons_fill_retire(struct store *s, int all);

/* ---- 本期待办 (the home page), kept by the worker ---- */
struct unit_todo {
    int found;                 /* 0: not computed yet */
    long problems, retire_due, failed_jobs;
};
/* Rebuilds unit_id's check rows and its 本期待办 at the business now (real_now:
 * the refresh time and the jobs' retention) in one transaction of its own,
 * and clears the dirty mark unless a writer marked the unit since the refresh
 * began (025: the refresh claims the unit first, in a transaction of its own,
 * computes without holding the unit's unit_todo row, and writes that row
 * last: a batch chunk marking the unit never waits for the computing). */
int store_todo_refresh(struct store *s, int64_t unit_id, const struct portal_dt *now,
                       time_t real_now);
/* Tests only (it_store): when set, called inside the refresh after its
 * computing, before it writes the unit's unit_todo row. */
extern void (*store_todo_test_between)(int64_t unit_id);
/* Refreshes the next `limit` units after unit id *after, which moves on; -1
 * when there were none left (the worker's daily run, a slice at a time). A
 * unit with a job of rows not done is passed over: the job's end refreshes
 * it (finish_jobs), a refresh meanwhile would hold up the job's chunks. */
int store_todo_refresh_units(struct store *s, int64_t *after, int limit,
                             const struct portal_dt *now, time_t real_now);
/* Refreshes every unit (`portal-admin recount`). */
int store_todo_refresh_all(struct store *s, const struct portal_dt *now, time_t real_now);
/* Refreshes at most `limit` units marked dirty (the worker, every few
 * seconds), but none with a job of rows not done (as above). */
int store_todo_refresh_dirty(struct store *s, int limit, const struct portal_dt *now,
                             time_t real_now);

#endif
