/*
 * stop — 停保登记 (参保人员减员申报) as one business operation (spec §6).
 *
 * store_stop() opens a transaction, checks the rules that need no database
 * (window, ID, end date), locks the 证件号码 (store_id_lock), gathers the
 * remaining facts, lets the rules library decide (stop_decide) and on success
 * ends EVERY insurance type's enrolment of the person in this unit (end_date,
 * status 暂停缴费, stop_reason, updated_at) and records the declaration
 * 参保人员减员申报 (period C, before/after values). It deletes no
 * contribution: months already assessed stay; the settlement charges a month
 * only to enrolments that cover it by start month and end date.
 *
 * "Normally insured in this unit" at the chosen end date E (the decision
 * this operation makes, documented in README; store/insured.h
 * INSURED_AT_END): an enrolment of the person in
 * this unit, kind 在职, that has started by E (start_month <= E) and is still
 * insured after E (end_date IS NULL OR end_date > E). So a person whose
 * enrolment already ended on or before E, or starts only after E, is not
 * normally insured here; a person stopped at the end of C may still be
 * stopped at the end of C-1 (moving the end earlier), which is how a clerk
 * corrects a stop (no undo button, spec §7).
 * "Retiree": the person has an active enrolment of kind 退休 (any unit), or
 * a 退休年月 on or before the current calendar month.
 * A rule failure writes nothing (the id_locks row of the lock aside, which
 * is the lock itself, not business data).
 */
#ifndef PORTAL_STORE_STOP_H
#define PORTAL_STORE_STOP_H
#include "store/store.h"
#include "rules/rules.h"


struct stop_input {
    const char *id_no;        /* as typed (checked by the operation) */
    struct ymd end_date;      /* 减员时间; y == 0 when absent or malformed */
    const char *reason;       /* one of stop_reasons (the page checks; the operation refuses others with STORE_ERR) */
};

struct stop_result {
    enum msg_id msg;          /* the first failing rule's message, or MSG_STOP_OK */
    char text[512];           /* the message exactly as shown (policy numbers filled in) */
    int ok;                   /* 1 when stopped */
    int current_ym;           /* C */
    char id_no[19];           /* canonical 证件号码; "" when invalid */
    char name[401];           /* 姓名 of the base record (when found) */
    int types_stopped;        /* enrolment rows ended (one per insurance type) */
    int64_t decl_id;          /* on success: the 参保人员减员申报 declaration (/declarations/ID) */
};

/* The operation as its own transaction, judged at business time `now`.
 * Returns 0 (res->ok says whether it succeeded; on a rule failure nothing
 * is written) or STORE_ERR on a database error (rolled back). */
int store_stop(struct store *s, const struct unit *u, const struct stop_input *in,
               const struct policy *p, const struct portal_dt *now,
               const char *operator_name, struct stop_result *res);

#endif
