/*
 * adjust — 零星基数调整 (spec §7a, /wages/adjust) as one business operation.
 *
 * store_wage_adjust() opens a transaction, checks the window, the ID and F
 * (adjust_decide, rules/beyond.h), locks the 证件号码, finds the person
 * normally insured in this unit for C (store_insured_here), and on success:
 * for every (month, type) of F..C-1 this unit charged, a 补差 row of the
 * amount at the new wage (clamped to that month's limits, at its rates)
 * minus the sum of this unit's rows of that person, month and type
 * (adjust_differences; zero differences write nothing, a negative one is a
 * 退费); the unit's totals kept (store/counts.h); the new wage row from F
 * replacing this unit's later rows of that year (store_wage_adjust_write),
 * so the settlement charges month C on at the new wage; the declaration
 * 缴费申报与变更 (before: F and the wage in force at F; after: the new wage
 * and the difference rows). A refusal writes nothing.
 */
#ifndef PORTAL_STORE_ADJUST_H
#define PORTAL_STORE_ADJUST_H
#include "store/store.h"
#include "rules/rules.h"

struct adjust_input {
    const char *id_no;         /* as typed */
    int from_ym;               /* F */
    long long wage_fen;        /* the new 月申报工资 (> 0; the page checks) */
};

struct adjust_result {
    enum msg_id msg;           /* the first failing rule's, or MSG_ADJUST_OK */
    char text[512];
    int ok;
    char id_no[19];
    char name[401];
    int rows;                  /* 补差 rows written */
    long long total_fen;       /* their unit + person amounts */
    int64_t decl_id;
};

int store_wage_adjust(struct store *s, const struct unit *u, const struct adjust_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, struct adjust_result *res);

#endif
