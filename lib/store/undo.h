/*
 * undo — 撤销本期增员 / 撤销本期减员 (spec §7a, /declarations/ID/undo) as one
 * business operation, and what the declaration pages need to offer it.
 *
 * store_undo() opens a transaction, checks the window, reads the declaration
 * of this unit (STORE_NOTFOUND: none), locks its 证件号码, gathers the facts
 * and lets undo_decide (rules/beyond.h) decide. The rows a declaration
 * made or changed are found by its business time: an 增员's enrolment,
 * wage and 补缴 rows carry its created_at; a 减员's enrolments carry its
 * end date and reason (and status 暂停缴费).
 *   撤销增员: the enrolment rows (every type), this unit's 补缴 and 补差
 *             rows of the person from the enrolment's start, and the wage
 *             row the 增员 wrote are deleted; a base record it created stays.
 *             Refused when a month of the enrolment was settled (正常应缴).
 *   撤销减员: the end date, reason and status of the enrolments it ended
 *             are restored (active, 参保缴费). Refused when any enrolment of
 *             the person was made after it (another unit's, or this one's).
 * Counts and totals kept (store/counts.h); the declaration 撤销增员 /
 * 撤销减员 points at the one withdrawn (reverses_id). A refusal writes nothing.
 */
#ifndef PORTAL_STORE_UNDO_H
#define PORTAL_STORE_UNDO_H
#include "store/store.h"
#include "rules/rules.h"

struct undo_result {
    enum msg_id msg;           /* the first failing rule's, or MSG_OK */
    char text[512];
    int ok;
    int64_t decl_id;           /* the 撤销 declaration */
};

/* 0 (res->ok), STORE_NOTFOUND (no such declaration of this unit) or STORE_ERR. */
int store_undo(struct store *s, const struct unit *u, int64_t decl_id, const struct policy *p,
               const struct portal_dt *now, const char *operator_name, struct undo_result *res);

/* The 撤销 declaration that withdrew decl_id (*by 0: none). 0 or STORE_ERR. */
int store_declaration_withdrawn_by(struct store *s, int64_t unit_id, int64_t decl_id,
                                   int64_t *by);

#endif
