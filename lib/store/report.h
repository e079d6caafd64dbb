/*
 * report — what 报表打印 reads and keeps (spec §9 reports; issue 8): a unit's
 * month per (险种, 缴费类型), the unit's first enrolment, 法定代表人, the
 * special-group schemes registered for it, and the 参保证明s with their 核验码.
 * Every read of a unit's data is scoped to unit_id (the session's unit).
 */
#ifndef PORTAL_STORE_REPORT_H
#define PORTAL_STORE_REPORT_H
#include "store/store.h"

/* One (险种, 缴费类型) of a unit's month, with the rates in force that month
 * (0 when none covers it). */
struct report_row {
    char type_code[4];
    char type_name[101];
    int type_sort;
    char payment_type[16];    /* 正常应缴, 补缴, … whatever the rows hold */
    long persons;             /* distinct 证件号码 */
    int64_t wage_fen;         /* 职工工资总额: declared wages, before clamping */
    int64_t base_fen;         /* 缴费基数总额: after clamping */
    int64_t unit_fen, person_fen, account_fen, interest_fen, late_fee_fen;
    int unit_bp, person_bp;
    int64_t unit_fixed_fen, person_fixed_fen;
};

/* The rows of unit_id's contributions of month ym (type_code NULL or "" = every
 * type), in the types' display order, then 正常应缴, 补缴, 补差, other payment
 * types (rules payment_type_rank); into out[0..max), *n how many (rows past
 * max are dropped). An index-only range of the month (012:
 * ix_contributions_unit_report). 0 or STORE_ERR. */
#define REPORT_ROWS_MAX 64
int store_report_rows(struct store *s, int64_t unit_id, int ym, const char *type_code,
                      struct report_row *out, size_t max, size_t *n);
/* Distinct persons of those rows (the 合计 row's 缴费人数). 0 or STORE_ERR. */
int store_report_persons(struct store *s, int64_t unit_id, int ym, const char *type_code,
                         long *persons);
/* The earliest start month of the unit's enrolments, -1 when it has none.
 * One probe a type (ix_enrolments_unit_first). 0 or STORE_ERR. */
int store_unit_first_month(struct store *s, int64_t unit_id, int *first_ym);

/* 法定代表人 姓名 and 证件号码 (set by the admin CLI). */
struct unit_legal_rep {
    char name[101];
    char id_no[33];
};
int store_unit_legal_rep_get(struct store *s, int64_t unit_id, struct unit_legal_rep *out);
/* STORE_NOTFOUND when no such unit. */
int store_unit_legal_rep_set(struct store *s, int64_t unit_id, const struct unit_legal_rep *in);

/* A scheme for special groups (insurance_types.special = 1) registered for a unit. */
struct unit_scheme {
    char code[4];
    char name[101];
    struct ymd registered_on;
};
#define UNIT_SCHEMES_MAX 8
int store_unit_schemes(struct store *s, int64_t unit_id, struct unit_scheme *out, size_t max,
                       size_t *n);
/* Registers (or re-dates) the scheme `code` for the unit; STORE_NOTFOUND when
 * code is no scheme for special groups. */
int store_unit_scheme_set(struct store *s, int64_t unit_id, const char *code, struct ymd on,
                          const struct portal_dt *now);
/* Removes it; STORE_NOTFOUND when it was not registered. */
int store_unit_scheme_remove(struct store *s, int64_t unit_id, const char *code);

/* A 参保证明 as made and as verified. states: "险种名称\t参保状态\n" per type. */
struct certificate {
    char code[13];
    char unit_no[33];
    char unit_name[301];
    struct ymd made_on;       /* 制表日期 */
    char states[4001];
};
/* The code of the unit's certificate made on c->made_on with the same name and
 * states, if one exists (a reload shows the same 核验码): 0 with c->code set,
 * STORE_NOTFOUND, STORE_ERR. */
int store_certificate_find(struct store *s, int64_t unit_id, struct certificate *c);
/* Keeps c under c->code; STORE_DUP when the code is taken (make another). */
int store_certificate_add(struct store *s, int64_t unit_id, const struct certificate *c,
                          const struct portal_dt *now);
/* The certificate of a code: 0, STORE_NOTFOUND, STORE_ERR. */
int store_certificate_get(struct store *s, const char *code, struct certificate *out);

#endif
