/*
 * enrol — 参保登记 as one business operation (spec §5), shared by the
 * single-person page (/enroll) and the batch worker.
 *
 * The operation locks the 证件号码 (store_id_lock), gathers the facts of spec
 * §5 from the database, lets the rules library decide (enroll_decide), and on
 * success writes the base record (if none), the enrolments (six types, plus
 * 320 when ticked), the declared wage from month C (clamped), the back-payment
 * contributions for S..C-1 (payment type 补缴, every (month, type) the person
 * has no contribution for, at that month's limits and rates) and the
 * declarations (参保人员增员申报; 职工补缴核定 when months were assessed).
 * A rule failure writes nothing.
 */
#ifndef PORTAL_STORE_ENROL_H
#define PORTAL_STORE_ENROL_H
#include "store/store.h"
#include "rules/rules.h"

#define ENROL_MAX_TYPES 8

struct enrol_input {
    const char *id_no;        /* as typed (checked by the operation) */
    const char *name;
    const char *phone;
    long long   wage_fen;     /* 月申报工资 as declared (clamped by the operation) */
    int         start_ym;     /* 本次参保时间 S */
    int         civil_servant;/* 公务员医疗保险 ticked (refused for units that are not 机关事业单位) */
};

struct enrol_result {
    enum msg_id msg;          /* the first failing rule's message, or one of the two success messages */
    char text[512];           /* the message exactly as shown (policy numbers filled in) */
    int ok;                   /* 1 when enrolled */
    int current_ym;           /* C */
    int months_assessed;      /* back-paid months (0..backpay_max) */
    int first_ym, last_ym;    /* the back-paid range when months_assessed > 0 */
    long long base_fen;       /* the wage clamped to month C's limits */
    enum clamp clamp;         /* which limit was applied */
    long long lower_fen, upper_fen;  /* month C's limits */
    long long backpay_total_fen;     /* sum of all back-paid amounts (unit + person) */
    int ntypes;
    int type_code[ENROL_MAX_TYPES];
    struct amounts monthly[ENROL_MAX_TYPES];   /* month C amounts per type at base_fen */
    /* added for the result page and the batch worker (set once the ID is valid) */
    char id_no[19];           /* the canonical 证件号码 (x upper-cased); "" when invalid */
    int male;                 /* from the ID */
    struct ymd birth;         /* from the ID */
    int backpay_rows;         /* contribution rows written (month x type) */
    long long wage_fen;       /* the wage as declared (stored as is; see enrol.c) */
    int64_t decl_id;          /* on success: the 参保人员增员申报 declaration (/declarations/ID) */
};

/* The operation inside a transaction the caller has opened (the batch worker
 * writes the row's status in the same transaction). On a rule failure nothing
 * is written and 0 is returned with res->ok == 0. Returns STORE_ERR on a
 * database error: the caller rolls back. `now` is the business time the
 * operation is judged at (for a batch row: the upload time). operator is what
 * the declarations record as 经办人. */
int store_enrol_in_tx(struct store *s, const struct unit *u, const struct enrol_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, int64_t job_id, struct enrol_result *res);

/* Reference data (insurance types; base limits and rates of the months an
 * enrolment charges) read once per transaction instead of once per
 * enrolment, for a caller that runs many enrolments in one transaction (the
 * batch worker's chunks). The transaction's first plain read fixes its
 * REPEATABLE READ snapshot, so every later read of these tables in it
 * returns the same rows: reusing them changes nothing. The cache is only
 * valid inside one transaction: call enrol_ref_reset() after every
 * store_begin(). Owned by the caller; enrol_ref_free accepts NULL and *ref
 * == NULL and sets *ref = NULL. enrol_ref_new returns 0 or STORE_ERR (out
 * of memory). */
struct enrol_ref;
int  enrol_ref_new(struct enrol_ref **out);
void enrol_ref_reset(struct enrol_ref *ref);
void enrol_ref_free(struct enrol_ref **ref);

/* The limits and rates in force in any month of first..last, read through
 * ref (once per transaction and range); *t lent until ref changes. 0 or
 * STORE_ERR. */
int enrol_ref_tables(struct store *s, struct enrol_ref *ref, int first, int last,
                     const struct ref_tables **t);

/* The insurance types an enrolment takes: the mandatory ones of the
 * reference data in display order, plus 320 when civil (enrol_takes_civil).
 * codes has room for ENROL_MAX_TYPES. Read through ref (see above). Returns
 * 0, or STORE_ERR on a database error or when the reference data holds no
 * type. Shared by 参保登记 and the legacy import (portal-admin). */
int store_enrol_types(struct store *s, struct enrol_ref *ref, int civil, char (*codes)[4],
                      int *ncodes);

/* store_enrol_in_tx reusing the reference data in ref (see above);
 * identical results and writes. */
int store_enrol_in_tx_ref(struct store *s, struct enrol_ref *ref, const struct unit *u,
                          const struct enrol_input *in, const struct policy *p,
                          const struct portal_dt *now, const char *operator_name,
                          int64_t job_id, struct enrol_result *res);

/* store_enrol_in_tx_ref for in[0..n) at once, set-based (enrol_batch.c; the
 * batch worker's chunk): res[i] is what store_enrol_in_tx_ref would give for
 * in[i] had the rows been enrolled one after the other in this order, and
 * the writes are the same rows (ids aside), in a number of statements that
 * does not grow with n (a few per ROWBUF_ROWS rows). The rows share start_ym
 * and civil_servant (one job). The id_locks of all the rows' IDs are taken
 * in one statement, in ascending order. 0 or STORE_ERR (the caller rolls
 * back: nothing of the call stays). */
int store_enrol_batch(struct store *s, struct enrol_ref *ref, const struct unit *u,
                      const struct enrol_input *in, size_t n, const struct policy *p,
                      const struct portal_dt *now, const char *operator_name, int64_t job_id,
                      struct enrol_result *res);

/* 单独补缴 (spec §7a), inside the caller's transaction, the ID locked: the
 * months first..last for the types codes[0..ncodes) at wage_fen clamped to
 * each month's limits, at its rates, every (month, type) already charged to
 * the 证件号码 (any unit) skipped — the assessment of 参保登记 — and the rows
 * written (补缴, wage_fen as declared; the unit's totals kept). *out says
 * what was assessed (nrows 0: nothing). 0 or STORE_ERR. */
int store_backpay_months(struct store *s, const char *id_no, int64_t person_id, int64_t unit_id,
                         const char (*codes)[4], int ncodes, int first, int last,
                         long long wage_fen, const struct portal_dt *now,
                         struct backpay_result *out);

/* The same as its own transaction (begin, operation, commit or rollback). */
int store_enrol(struct store *s, const struct unit *u, const struct enrol_input *in,
                const struct policy *p, const struct portal_dt *now,
                const char *operator_name, struct enrol_result *res);

#endif
