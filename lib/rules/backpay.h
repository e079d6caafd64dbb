/*
 * backpay — what a person owes for given months: each month's wage clamped
 * to that month's limits, each type at that month's rate (spec §5 职工补缴核定;
 * the same assessment serves 单独补缴 and 零星基数调整 of §7a). Pure: the
 * caller passes the reference data (limits and rates by month range, as the
 * database holds them) and the (month, type) pairs already charged; the
 * result goes into caller-owned arrays.
 */
#ifndef PORTAL_RULES_BACKPAY_H
#define PORTAL_RULES_BACKPAY_H

#include <stddef.h>
#include "rules/insurance.h"
#include "rules/policy.h"

/* Insurance types of one enrolment at most (six mandatory, 320, room). */
#define CHARGE_MAX_TYPES 8

/* Reference data valid from month `from` through `to` (ym, inclusive; to < 0:
 * open ended). */
struct limit_period { int from, to; long long lower_fen, upper_fen; };
struct rate_period  { int from, to; struct rate r; };   /* r.type_code says the type */

struct ref_tables {
    const struct limit_period *limits;
    size_t nlimits;
    const struct rate_period *rates;
    size_t nrates;
};

/* The first limits (rate of type_code) in force in month m, or NULL. */
const struct limit_period *limit_in_force(const struct ref_tables *t, int m);
const struct rate *rate_in_force(const struct ref_tables *t, int m, int type_code);

enum charge_err {
    CHARGE_OK = 0,
    CHARGE_ENOLIMIT,     /* no limits for a month: *bad_month says which */
    CHARGE_ENORATE,      /* no rate for a type in a month (*bad_month, *bad_type) */
    CHARGE_ETOOMANY      /* more rows (types) than the caller's array holds */
};

/* One month at one wage: month m's limits, the clamped base, each type's
 * amounts (amounts[k] for types[k]). */
struct month_charge {
    long long lower_fen, upper_fen;
    long long base_fen;
    enum clamp clamp;                       /* which limit was applied */
    struct amounts amounts[CHARGE_MAX_TYPES];
};

/* Month m for wage_fen (>= 0) and ntypes (<= CHARGE_MAX_TYPES) types.
 * CHARGE_OK, CHARGE_ENOLIMIT, CHARGE_ENORATE or CHARGE_ETOOMANY; *out is
 * complete only on CHARGE_OK. */
enum charge_err charge_month(const struct ref_tables *t, int m, long long wage_fen,
                             const int *types, size_t ntypes, struct month_charge *out);

/* A (month, type) already charged to the person (by any unit, any payment type). */
struct month_type { int month; int type_code; };

/* One assessed (month, type). */
struct backpay_row {
    int month;
    int type_code;
    long long base_fen;      /* the wage clamped to the month's limits */
    struct amounts a;
};

struct backpay_in {
    int first, last;                    /* the months S..C-1 (backpay_range); none when first > last */
    long long wage_fen;                 /* as declared, >= 0 */
    const int *types;                   /* the types to charge, in order */
    size_t ntypes;
    const struct month_type *charged;   /* skipped; may be NULL when ncharged == 0 */
    size_t ncharged;
};

struct backpay_result {
    size_t nrows;                /* rows written to the caller's array */
    int months_assessed;         /* months with at least one row */
    int first_ym, last_ym;       /* the first and last such month (when months_assessed > 0) */
    long long total_fen;         /* sum of unit + person amounts of all rows */
    int bad_month, bad_type;     /* what was missing, on CHARGE_ENOLIMIT / CHARGE_ENORATE */
};

/*
 * The back-payment assessment: for every month m of first..last and every
 * type not in `charged` for m, one row at the wage clamped to m's limits and
 * m's rate of the type (contribution()), in month order, then type order.
 * Every month of the range needs limits (even one already fully charged);
 * a rate is needed only for a (month, type) that is assessed.
 * Rows go to rows[0..max_rows). CHARGE_OK, or CHARGE_ENOLIMIT,
 * CHARGE_ENORATE (bad_month, bad_type say what), CHARGE_ETOOMANY; *out is
 * complete only on CHARGE_OK.
 */
enum charge_err backpay_assess(const struct ref_tables *t, const struct backpay_in *in,
                               struct backpay_row *rows, size_t max_rows,
                               struct backpay_result *out);

#endif
