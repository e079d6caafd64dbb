/*
 * backpay — 补缴删除 (spec §7a, /backpay): the unit's back-paid months of the
 * current declaration period, and their deletion as one business operation.
 *
 * store_backpay_delete() opens a transaction, checks the window and the ID,
 * locks the 证件号码 (store_id_lock), finds the person's latest enrolment
 * in this unit (kind 在职; none: MSG_PERSON_NOT_OF_UNIT, the same words
 * whether or not the ID exists), reads the months this unit charged for it
 * (from its start month on), lets the rules decide (backpay_delete_decide,
 * rules/beyond.h) and on success deletes the run's contributions of this
 * unit, moves the enrolment's start (every type's row) to the first month
 * kept or C — or removes its rows when every month is deleted and it ended
 * before C —, keeps the counts and totals (store/counts.h) and records the
 * declaration 补缴删除 (before: the enrolment and the deleted rows with their
 * amounts; after: the enrolment). A rule failure writes nothing.
 * "Created in the current period": the rows' created_at (business time) is
 * on or after the opening of period C's window.
 */
#ifndef PORTAL_STORE_BACKPAY_H
#define PORTAL_STORE_BACKPAY_H
#include "store/store.h"
#include "rules/rules.h"

/* One back-paid month of one person, as /backpay lists it. */
struct backpay_listed {
    char id_no[19];
    char name[401];
    int month;                 /* ym */
    long types;                /* rows (insurance types) of the month */
    int64_t total_fen;         /* unit + person amounts of the month */
};
typedef int (*backpay_listed_fn)(const struct backpay_listed *m, void *arg);

/* The unit's 补缴 months created in the current declaration period (whose
 * window opened at `opens`; months C-backpay_max..C-1), by 证件号码 and
 * month; fn returning non-zero stops with STORE_ERR. 0 or STORE_ERR. */
int store_backpay_list(struct store *s, int64_t unit_id, int C, int backpay_max,
                       const struct portal_dt *opens, backpay_listed_fn fn, void *arg);

struct backpay_delete_input {
    const char *id_no;         /* as typed */
    int from, to;              /* the run (ym); the page checks both are months */
};

struct backpay_delete_result {
    enum msg_id msg;           /* the first failing rule's, or MSG_BACKPAY_DELETE_OK */
    char text[512];            /* as shown (policy numbers filled in) */
    int ok;
    char id_no[19];            /* canonical; "" when invalid */
    char name[401];
    int months;                /* months deleted */
    int new_start;             /* the enrolment's start after (ym) */
    int removed;               /* 1: its rows were removed */
    int64_t decl_id;           /* the 补缴删除 declaration */
};

/* The operation as its own transaction at business time `now`: 0 (res->ok
 * says whether it succeeded; on a rule failure nothing is written) or
 * STORE_ERR (rolled back). */
int store_backpay_delete(struct store *s, const struct unit *u,
                         const struct backpay_delete_input *in, const struct policy *p,
                         const struct portal_dt *now, const char *operator_name,
                         struct backpay_delete_result *res);


/*
 * 单独补缴 (spec §7a, /backpay/add) as its own transaction: for a person
 * normally insured in this unit for C (store/insured.h INSURED_FOR_START with
 * S = C; the latest such enrolment of kind 在职), the months S..start-1 at
 * the wage given (clamped per month, at each month's rates; months already
 * charged to the 证件号码 skipped: store_backpay_months), decided by
 * backpay_add_decide (rules/beyond.h; "another unit insured in a month":
 * an enrolment of the 证件号码 outside this unit, covering a month, that
 * started by start-1 and did not end before the 1st of S); the enrolment's
 * start (every type's row) moves to the first month assessed; declaration
 * 职工补缴核定 (before: the start; after: the months and amounts).
 * 0 (res->ok) or STORE_ERR; a refusal writes nothing.
 */
struct backpay_add_input {
    const char *id_no;         /* as typed */
    int start_ym;              /* the new start S */
    long long wage_fen;        /* 月申报工资 for those months (> 0; the page checks) */
};

struct backpay_add_result {
    enum msg_id msg;           /* the first failing rule's, or MSG_BACKPAY_ADD_OK */
    char text[512];
    int ok;
    char id_no[19];
    char name[401];
    int first_ym, last_ym, months;
    long long total_fen;
    int64_t decl_id;           /* the 职工补缴核定 declaration */
};

int store_backpay_add(struct store *s, const struct unit *u, const struct backpay_add_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, struct backpay_add_result *res);

/* Shared with 零星基数调整 (store/adjust.h), inside a transaction:
 * store_person_one: the number of base records of id_no (*count) and, when
 * exactly one, its id and name. store_insured_here: the latest enrolment of
 * kind 在职 in the unit normally insured for C (INSURED_FOR_START with S = C):
 * its start and types (codes has room for ENROL_MAX_TYPES; *ncodes 0: none).
 * Both 0 or STORE_ERR. */
int store_person_one(struct store *s, const char *id_no, long *count, int64_t *person_id,
                     char *name, size_t name_size);
int store_insured_here(struct store *s, int64_t person_id, int64_t unit_id, int C, int *start,
                       char (*codes)[4], int *ncodes);

#endif
