/*
 * settle — the monthly settlement 结算 (正常应缴, spec §6a) and the generator
 * of bench data it is measured with.
 *
 * Settlement of contribution month M, set-based (a few INSERT ... SELECT, no
 * loop over persons in C), in one transaction:
 *
 *   covered     an enrolment covers M (store/insured.h INSURED_COVERING_MONTH) when
 *                   kind = '在职' AND start_month <= M
 *                   AND (end_date IS NULL OR end_date >= the last day of M)
 *               and it does not start after its end
 *               i.e. the person is insured for the whole month: ending at
 *               C-1 (stop, spec §6) means no contribution for C. End dates are
 *               month ends (stop_date_valid), so for them this is the same as
 *               001_core's "end_date >= M"; a legacy mid-month end date does
 *               not cover its month. Retirees (退休) and flexible employment
 *               (灵活就业, no unit) are not charged through units.
 *   wage        the declared wage in force for M: the wages row of that person
 *               and unit with the latest from_month <= M (the newest row on a
 *               tie); when every row starts after M (an enrolment back-dated
 *               before its first declaration), the earliest row; with no row
 *               at all, 0, which the clamp turns into the lower limit.
 *   base        the wage clamped to M's base_limits row.
 *   amounts     at M's rates row of each type, exactly as rules contribution():
 *                   unit    = (base * unit_bp + 5000) DIV 10000 + unit_fixed_fen
 *                   person  = (base * person_bp + 5000) DIV 10000 + person_fixed_fen
 *                   account = person when person_to_account (310), else 0
 *               (integer arithmetic on non-negative BIGINTs: round half up,
 *               the same as amount_fen(); it_settle proves it against
 *               contribution() for many bases including the .5-fen edges).
 *   skipped     an (id_no, M, type) already charged — back-paid (补缴) or
 *               settled before — is left alone (the unique key of
 *               contributions, ON DUPLICATE KEY UPDATE no-op): running the
 *               settlement twice inserts nothing the second time.
 *
 * Reference data must be complete for M: exactly one base_limits row and, for
 * every insurance type, exactly one rates row covering M; otherwise nothing is
 * written and SETTLE_NOREF is returned (the CLI says what is missing).
 *
 * The connection needs the CREATE TEMPORARY TABLES privilege (the per-person
 * base of M, what is already charged and the rows to charge are staged in
 * temporary tables: MEMORY and Aria, settle.c), and the server the MEMORY and
 * Aria engines (MariaDB's defaults).
 */
#ifndef PORTAL_STORE_SETTLE_H
#define PORTAL_STORE_SETTLE_H

#include "store/store.h"

#define SETTLE_NOREF 3    /* reference data missing or ambiguous for the month */

struct settle_result {
    long persons_covered;     /* persons (per unit) with an enrolment covering M */
    long rows;                /* contribution rows inserted by this run */
    long persons;             /* distinct 证件号码 charged by this run */
    long long unit_fen, person_fen;   /* sums of what this run inserted */
    char missing[128];        /* SETTLE_NOREF: what is missing, e.g. "缴费基数上下限" */
};

/*
 * Settles month ym (its own transaction; nothing is written on failure).
 * `now` is written to created_at. Returns 0, SETTLE_NOREF or STORE_ERR.
 */
int store_settle_month(struct store *s, int ym, const struct portal_dt *now,
                       struct settle_result *out);

/* The first month of the earliest base_limits row (*ym), STORE_NOTFOUND when
 * there is none. */
int store_limits_first_month(struct store *s, int *ym);

/* ---- bench data ---------------------------------------------------------- */

/*
 * Generates `units` units (企业, unit_no "BENCH" + 8 digits, numbered after
 * the bench units already present) and `persons` persons spread round-robin
 * over them, each enrolled as 职工在职 in the mandatory types from start_ym
 * with one declared wage from start_ym: about 3% below the lower limit, 2%
 * above the upper one, the rest in between, in fen (so the rounding is
 * exercised); `seed` varies the wages. IDs are valid GB 11643 numbers of the
 * fictional region 329900, numbered after the bench persons already present,
 * so repeated runs add. Set-based (INSERT ... SELECT from the Sequence
 * engine's seq_1_to_N), one transaction, foreign-key checks off for the
 * session while it runs (the rows are consistent by construction).
 * Returns 0 or STORE_ERR; *first_unit / *first_person get the numbers of the
 * first unit and person made (1-based across runs).
 */
#define GEN_MAX_UNITS   100000
#define GEN_MAX_PERSONS 5000000
/* portal-admin gen writes at most this many persons per transaction */
#define GEN_STEP        100000
int store_bench_generate(struct store *s, long units, long persons, int start_ym,
                         unsigned long seed, const struct portal_dt *now,
                         long *first_unit, long *first_person);

#endif
