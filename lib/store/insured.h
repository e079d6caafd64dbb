/*
 * insured — "normally insured", the four meanings side by side. They differ
 * on purpose; each answers another question:
 *
 *   INSURED_FOR_START      §5 参保登记 with start month S: may the person be
 *                          enrolled from S? Any enrolment (any kind, any
 *                          unit, retirees included) that is active or ends
 *                          on or after the 1st of S. Parameter: S.
 *   INSURED_AT_END         §6 停保 with end date E (README "decisions"): kind
 *                          在职, started by E (start_month <= E) and still
 *                          insured after E (no end date, or one after E).
 *                          Parameters: E, E.
 *   INSURED_COVERING_MONTH §6a settlement of month M: kind 在职, started by M
 *                          and insured through M's last day (no end date, or
 *                          one on or after it). Parameters: M, last day of M.
 *   INSURED_ACTIVE_NOW     the home page's counts and the retiree test of
 *                          停保: no end date at all (a stop takes effect at
 *                          its end date but counts as done at once). The kind
 *                          is the caller's. No parameters.
 *
 * Each is an SQL condition over an enrolments row aliased `e`, in
 * parentheses, to be ANDed into a WHERE or a JOIN's ON; its parameters are
 * bound by the function of the same name, in the place of the condition's
 * `?` among the statement's others. All four exclude an enrolment that
 * covers no month, its start after its end (INSURED_COVERS_A_MONTH), which
 * §7a's 补缴删除 can produce: such an enrolment is never normally insured.
 * it_insured tests each against its definition at the edge dates.
 */
#ifndef PORTAL_STORE_INSURED_H
#define PORTAL_STORE_INSURED_H

#include "store/db.h"

#define INSURED_COVERS_A_MONTH "(e.end_date IS NULL OR e.end_date >= e.start_month)"

#define INSURED_FOR_START \
    "(" INSURED_COVERS_A_MONTH " AND (e.end_date IS NULL OR e.end_date >= ?))"
#define INSURED_AT_END \
    "(" INSURED_COVERS_A_MONTH " AND e.kind = '在职' AND e.start_month <= ?" \
    " AND (e.end_date IS NULL OR e.end_date > ?))"
#define INSURED_COVERING_MONTH \
    "(" INSURED_COVERS_A_MONTH " AND e.kind = '在职' AND e.start_month <= ?" \
    " AND (e.end_date IS NULL OR e.end_date >= ?))"
#define INSURED_ACTIVE_NOW \
    "(" INSURED_COVERS_A_MONTH " AND e.end_date IS NULL)"
/* The statutory retirement month of person p in enrolment e, as stored
 * (017_check_fast): the cadre age for person type 公务员在职. NULL until
 * filled (rows written by hand: store_persons_fill_retire). */
#define STATUTORY_RETIRE \
    "IF(e.person_type = '公务员在职', p.statutory_retire_cadre, p.statutory_retire)"

/* The parameters of each condition, appended to `in`. */
void insured_for_start(struct sbind *in, int start_ym);
void insured_at_end(struct sbind *in, struct ymd end);
void insured_covering_month(struct sbind *in, int ym);

#endif
