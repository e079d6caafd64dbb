/*
 * decide — the business rules of 参保登记 (spec §5) and 停保登记 (spec §6) as
 * pure decisions over facts the store gathers. Each returns the FIRST rule
 * that fails, in the spec's order, or MSG_OK. The caller shows
 * msg_policy_text(result, policy, ...) and writes nothing on failure.
 */
#ifndef PORTAL_RULES_DECIDE_H
#define PORTAL_RULES_DECIDE_H

#include "rules/idcard.h"
#include "rules/messages.h"
#include "rules/policy.h"

struct enroll_facts {
    int window_open;          /* decl_state_at(...).window_open */
    enum id_result id;        /* id_check() */
    enum start_check start;   /* start_month_check() */
    int base_records;         /* person base records with this ID (0 = new person) */
    int male;                 /* from the ID */
    int age;                  /* age_on(birth, today) in full years */
    int flexible_insured;     /* currently insured as 灵活就业 */
    int transferred_insured;  /* transferred and normally insured at the new unit */
    int insured_this_unit;    /* normally insured (for start S) in this unit */
    int insured_other_unit;   /* ... in another unit */
    const struct policy *policy;  /* age limits; NULL: policy_default() */
    const char *name;             /* 姓名 as typed (trimmed); lent */
    const char *registered_name;  /* the base record's 姓名 when base_records == 1; lent */
};

/*
 * 参保登记 decides in two stages, in this sequence on every path (the /enroll
 * form and the batch worker through store_enrol, the batch upload for what
 * all rows share):
 *   1. enroll_input_facts() derives the facts that need no database from
 *      the input and the business time; enroll_decide_input() decides the
 *      window, the ID and the start month;
 *   2. only then does the store read the facts it holds (base records,
 *      normally insured where) and enroll_decide_facts() decides the rest.
 * A new rule touches one of the two functions, and the store's facts query
 * only when it needs a fact the database holds.
 */

/* Stage 1 facts: f is cleared, then window_open (decl_state_at), id
 * (id_check; a birth date after today is ID_EBIRTH: no real person's ID),
 * start (start_month_check), policy, and, when the ID is valid, male and age
 * (age_on today). canon gets the canonical ID (x upper-cased) and *info the
 * ID's birth and gender when it is valid (id_check's rules). Returns the
 * declaration month C. */
int enroll_input_facts(const struct policy *p, const struct portal_dt *now, const char *id_no,
                       int start_ym, struct enroll_facts *f, char canon[19],
                       struct id_info *info);

/* Stage 1: window (MSG_WINDOW_CLOSED), ID (MSG_ID_INVALID), start month
 * (enroll_start_msg); else MSG_OK. Reads only those three facts. */
enum msg_id enroll_decide_input(const struct enroll_facts *f);

/* Stage 2: several base records (MSG_DUPLICATE_BASE), age, flexible
 * employment, transferred, this unit, another unit, and last the typed name
 * against the registered one (see enroll_decide); else MSG_OK. Reads only
 * those facts (and the policy's age limits). */
enum msg_id enroll_decide_facts(const struct enroll_facts *f);

/* The start month's message: START_OK gives MSG_OK, the failures
 * MSG_ENROLL_NEXT_MONTH, MSG_ENROLL_LATER, MSG_ENROLL_TOO_EARLY; a value
 * outside the enum MSG_BAD_REQUEST. */
enum msg_id enroll_start_msg(enum start_check start);

/* What every row of a 批量增员 file shares (one start month, one upload
 * time), checked at the upload: window, then start month, as stage 1 with
 * the ID left out. MSG_OK or the message that every row would get. */
enum msg_id enroll_decide_batch(const struct policy *p, const struct portal_dt *now, int start_ym);

/*
 * Both stages over facts already gathered.
 * Order: window (MSG_WINDOW_CLOSED), ID (MSG_ID_INVALID), start month
 * (MSG_ENROLL_NEXT_MONTH, MSG_ENROLL_LATER, MSG_ENROLL_TOO_EARLY), several
 * base records (MSG_DUPLICATE_BASE), age (MSG_ENROLL_AGE_WOMEN / _MEN:
 * age >= the limit), flexible employment (MSG_ENROLL_FLEXIBLE), transferred
 * (MSG_ENROLL_TRANSFERRED), this unit (MSG_ENROLL_INSURED_HERE), another
 * unit (MSG_ENROLL_INSURED_ELSEWHERE), and last — spec §10's input hygiene,
 * after every rule of §5's table — a person with one base record whose
 * registered name differs from the typed one, byte for byte
 * (MSG_NAME_MISMATCH; a NULL name or registered name is no mismatch: the
 * caller gathered no name); else MSG_OK. The caller then picks
 * MSG_ENROLL_OK_BACKPAID or MSG_ENROLL_OK_NO_BACKPAY.
 * Facts after a failing rule need not be gathered (they are not read).
 */
enum msg_id enroll_decide(const struct enroll_facts *f);

/* The success message of spec §5 for the number of months assessed. */
enum msg_id enroll_success_msg(int months_assessed);

struct stop_facts {
    int window_open;          /* decl_state_at(...).window_open */
    enum id_result id;        /* id_check() */
    int end_date_ok;          /* stop_date_valid(end, C) */
    int base_records;         /* person base records with this ID */
    int retired;              /* the person is a retiree */
    int insured_this_unit;    /* normally insured in this unit */
};

/*
 * 停保登记 in the same two stages: stop_input_facts() and stop_decide_input()
 * (window, ID, end date: no database), then the store reads the person and
 * stop_decide_facts() (base records, retiree, normally insured here).
 */

/* Stage 1 facts: f is cleared, then window_open, id (id_check; canon gets
 * the canonical ID) and end_date_ok (stop_date_valid for C; end.y == 0, an
 * absent or malformed date, is not ok). Returns the declaration month C. */
int stop_input_facts(const struct policy *p, const struct portal_dt *now, const char *id_no,
                     struct ymd end, struct stop_facts *f, char canon[19]);

/* Stage 1: window (MSG_WINDOW_CLOSED), ID (MSG_ID_INVALID), end date
 * (MSG_STOP_END_DATE); else MSG_OK. */
enum msg_id stop_decide_input(const struct stop_facts *f);

/* Stage 2: no base record (MSG_STOP_NO_BASE), several (MSG_DUPLICATE_BASE),
 * retiree (MSG_STOP_RETIREE), not normally insured here
 * (MSG_STOP_NOT_INSURED); else MSG_OK. */
enum msg_id stop_decide_facts(const struct stop_facts *f);

/*
 * Both stages over facts already gathered.
 * Order: window (MSG_WINDOW_CLOSED), ID (MSG_ID_INVALID), end date
 * (MSG_STOP_END_DATE), no base record (MSG_STOP_NO_BASE), several
 * (MSG_DUPLICATE_BASE), retiree (MSG_STOP_RETIREE), not normally insured
 * here (MSG_STOP_NOT_INSURED); else MSG_OK (show MSG_STOP_OK).
 */
enum msg_id stop_decide(const struct stop_facts *f);

#endif
