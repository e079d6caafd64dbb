/*
 * payments — a unit's contributions as 业务查询 reads them (spec §9 items 1
 * and 2). Every query is scoped to unit_id (the session's unit): another
 * unit's contributions never match, whatever the other arguments say.
 */
#ifndef PORTAL_STORE_PAYMENTS_H
#define PORTAL_STORE_PAYMENTS_H
#include "store/store.h"

/* One payment type's totals of one month and one insurance type. */
struct payment_total {
    char payment_type[16];    /* 正常应缴 / 补缴 */
    long persons;             /* distinct 证件号码 */
    int64_t base_fen, unit_fen, person_fen, account_fen;
};

/* The totals of unit_id's contributions of month ym in type `type_code`,
 * one per payment type that has any, in the order 正常应缴, 补缴, into
 * out[0..max); *n how many. Read from unit_month_totals (014_speed), which
 * every writer of contributions keeps (store/counts.h).
 * 0 or STORE_ERR. */
#define PAYMENT_TYPES_MAX 4
int store_payment_totals(struct store *s, int64_t unit_id, int ym, const char *type_code,
                         struct payment_total *out, size_t max, size_t *n);

/* One contribution row of a person. */
struct person_payment {
    int month;                /* ym */
    char type_code[4];
    char type_name[101];
    char payment_type[16];
    int64_t base_fen, unit_fen, person_fen, account_fen;
};

/* The contributions charged to unit_id for the 证件号码 id_no (every base
 * record of it) in months first..last, newest month first, then in the
 * types' display order. fn returns 0 to go on, non-zero to stop (returned as
 * STORE_ERR). The row is lent for the call only. 0 or STORE_ERR. */
typedef int (*person_payment_fn)(const struct person_payment *row, void *arg);
int store_person_payments(struct store *s, int64_t unit_id, const char *id_no, int first,
                          int last, person_payment_fn fn, void *arg);

#endif
