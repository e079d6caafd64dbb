/*
 * roster — the unit's persons (spec §9 queries 4-6): 单位花名册查询,
 * 离退休人员查询, 职工退休到龄查询. Every query is of one unit (the session's).
 *
 * A person belongs to a unit's roster when the person has a 310 enrolment
 * there (310 is one of the six types always enrolled together); the person's
 * row is the latest such enrolment (start month, then id): its kind, person
 * type and status (参保缴费, 暂停缴费, 终止参保). Rows come in person order
 * (ix_enrolments_roster of 011_roster).
 *
 * The *_each functions call fn per row, skipping `offset` rows, at most
 * `limit` (limit < 0: all, streamed from the server one row at a time, for
 * a CSV export of any size — fn must not use the store). fn returns 0 to go
 * on, non-zero to stop with STORE_ERR. Returns 0 or STORE_ERR.
 */
#ifndef PORTAL_STORE_ROSTER_H
#define PORTAL_STORE_ROSTER_H
#include "store/store.h"

/* The 状态 a roster row can have (the enrolment's status), NULL-terminated. */
extern const char *const roster_statuses[];
int roster_status_valid(const char *status);

struct roster_filter {
    int64_t unit_id;
    const char *id_no;        /* NULL: any */
    const char *name;         /* 姓名 contains; NULL: any */
    const char *status;       /* one of roster_statuses; NULL: any */
    int ym;                   /* the month whose wage is in force (the current one) */
};

struct roster_row {
    char id_no[19];
    char name[101];
    char kind[16];             /* 在职, 退休 */
    char person_type[32];     /* 职工在职, 公务员在职, 退休人员 */
    char status[16];
    int start_ym;
    struct ymd end_date;      /* y == 0: none */
    long long wage_fen;       /* the 月申报工资 in force in ym; -1: none */
    long long lower_fen, upper_fen;  /* ym's base limits; 0: none loaded */
};

typedef int (*roster_row_fn)(const struct roster_row *row, void *arg);
int store_roster_count(struct store *s, const struct roster_filter *f, long *n);
int store_roster_each(struct store *s, const struct roster_filter *f, long offset, long limit,
                      roster_row_fn fn, void *arg);

/* 离退休人员: the persons whose roster row is of kind 退休. */
struct retiree_filter {
    int64_t unit_id;
    const char *id_no;        /* NULL: any */
    const char *alive;        /* 在世 or 死亡; NULL: any */
};

struct retiree_row {
    char id_no[19];
    char name[101];
    int retire_ym;            /* -1: not recorded */
    struct ymd work_start;    /* y == 0: not recorded */
    char phone[33];
    char address[301];
    char alive[16];
};

typedef int (*retiree_row_fn)(const struct retiree_row *row, void *arg);
int store_retirees_count(struct store *s, const struct retiree_filter *f, long *n);
int store_retirees_each(struct store *s, const struct retiree_filter *f, long offset,
                        long limit, retiree_row_fn fn, void *arg);

/* 退休到龄: the unit's employees insured now (kind 在职, INSURED_ACTIVE_NOW)
 * whose statutory retirement month, as stored (STATUTORY_RETIRE: the cadre age
 * for person type 公务员在职), lies in [from_ym, to_ym]. Oldest first. */
struct retire_due_filter {
    int64_t unit_id;
    int from_ym, to_ym;
};

struct retire_due_row {
    char id_no[19];
    char name[101];
    int male;
    struct ymd birth;
    char person_type[32];
    int due_ym;                     /* the stored statutory retirement month */
};

typedef int (*retire_due_row_fn)(const struct retire_due_row *row, void *arg);
int store_retire_due_count(struct store *s, const struct retire_due_filter *f, long *n);
int store_retire_due_each(struct store *s, const struct retire_due_filter *f, long offset,
                          long limit, retire_due_row_fn fn, void *arg);

#endif
