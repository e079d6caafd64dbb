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
};

/*
 * Order: window (MSG_WINDOW_CLOSED), ID (MSG_ID_INVALID), start month
 * (MSG_ENROLL_NEXT_MONTH, MSG_ENROLL_LATER, MSG_ENROLL_TOO_EARLY), several
 * base records (MSG_DUPLICATE_BASE), age (MSG_ENROLL_AGE_WOMEN / _MEN:
 * age >= the limit), flexible employment (MSG_ENROLL_FLEXIBLE), transferred
 * (MSG_ENROLL_TRANSFERRED), this unit (MSG_ENROLL_INSURED_HERE), another
 * unit (MSG_ENROLL_INSURED_ELSEWHERE); else MSG_OK. The caller then picks
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
 * Order: window (MSG_WINDOW_CLOSED), ID (MSG_ID_INVALID), end date
 * (MSG_STOP_END_DATE), no base record (MSG_STOP_NO_BASE), several
 * (MSG_DUPLICATE_BASE), retiree (MSG_STOP_RETIREE), not normally insured
 * here (MSG_STOP_NOT_INSURED); else MSG_OK (show MSG_STOP_OK).
 */
enum msg_id stop_decide(const struct stop_facts *f);

#endif
