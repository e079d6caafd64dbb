/*
 * wages — 工资年度申报 (缴费申报与变更, spec §7, issue 10): every write of a
 * declared wage by the annual declaration goes through store_wages_row(), so
 * that a later hook (per-unit counts, caches) has one place.
 *
 * Year Y's declaration writes, for each accepted row, the wage AS DECLARED
 * into `wages` from Y-01 (Y's first contribution month) for this unit,
 * replacing this unit's row of that person from Y-01 if one exists (a second
 * declaration in the same window, or the wage an enrolment of period Y-01
 * wrote): the settlement of every month of Y reads it (store/settle.c: the
 * unit's latest row from a month not after M) and clamps it to that month's
 * limits. One 缴费申报与变更 declaration per row, period Y-01, with the wage
 * in force for Y-01 before (null when none) and after.
 *
 * A row (rules/info.h wages_decide_row, in the spec's order): clean cells,
 * the ID's checksum, one base record, normally insured in this unit for Y-01
 * (§5's definition with S = Y-01, INSURED_FOR_START, any kind, restricted to
 * this unit), the registered name, a positive wage.
 *
 * 未申报人员: the unit's employees (kind 在职, a 310 enrolment — every
 * enrolment has one) normally insured for Y-01 whose 证件号码 is in no row of
 * the job (job_rows.id_cell, 013_info), read when asked (not a snapshot).
 */
#ifndef PORTAL_STORE_WAGES_H
#define PORTAL_STORE_WAGES_H
#include "store/store.h"
#include "store/jobs.h"
#include "rules/rules.h"

#define WAGES_CELLS 3             /* 证件号码, 姓名, 月申报工资 */

/* The upload's columns: the template's header, then failed.csv's two. */
extern const char *const wages_columns[WAGES_CELLS + JOB_FAILED_EXTRA];

/* Year Y's limits, as in force in Y-01 (the newest base_limits row
 * covering it); provisional from the row. STORE_NOTFOUND when none. */
struct wage_limits {
    long long lower_fen, upper_fen;
    int provisional;
};
int store_wages_limits(struct store *s, int year, struct wage_limits *out);

/* One row of a wage declaration job, inside the caller's transaction.
 * cells: 证件号码, 姓名, 月申报工资 as uploaded. *ok and msg (the row's result
 * or its failure) are set; on failure nothing is written. 0 or STORE_ERR. */
int store_wages_row(struct store *s, const struct unit *u, int year,
                    const struct wage_limits *lim, const char *const cells[WAGES_CELLS],
                    const struct portal_dt *as_of, const char *operator_name, int64_t job_id,
                    int *ok, char *msg, size_t n);

/* 未申报人员 of the unit's wage job `job_id` for year Y: how many, and each
 * (证件号码, 姓名) in 证件号码 order from `offset`, at most `limit` (< 0: all).
 * fn returns 0 to go on. */
int store_wages_missing_count(struct store *s, int64_t unit_id, int64_t job_id, int year,
                              long *n);
int store_wages_missing_each(struct store *s, int64_t unit_id, int64_t job_id, int year,
                             long offset, long limit,
                             int (*fn)(const char *id_no, const char *name, void *arg),
                             void *arg);

/* 零星基数调整 (spec §7a), inside the caller's transaction: the wage from
 * month `from`, replacing this unit's rows of the person from that month to
 * the end of its year. 0 or STORE_ERR. */
int store_wage_adjust_write(struct store *s, int64_t person_id, int64_t unit_id, int from,
                            long long fen, const struct portal_dt *as_of);
/* The declared wage of this unit's row in force in `month` (*found 0: none). */
int store_wage_in_force(struct store *s, int64_t person_id, int64_t unit_id, int month,
                        long long *fen, int *found);

#endif
