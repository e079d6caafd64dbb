/*
 * declarations — 申报信息查询 (spec §9): the declarations of one unit,
 * filtered and paged. Every query is scoped to filter->unit_id (the session's
 * unit): another unit's rows never match, whatever the other filters say.
 */
#ifndef PORTAL_STORE_DECLARATIONS_H
#define PORTAL_STORE_DECLARATIONS_H
#include "store/store.h"

/* The business types of declarations (the CHECK of declarations.type), in
 * menu order; NULL-terminated. */
extern const char *const decl_types[];
/* 1 when t is one of decl_types. */
int decl_type_valid(const char *t);

struct decl_filter {
    int64_t unit_id;          /* required */
    const char *review;       /* 已审核 / 待审核 (required) */
    const char *type;         /* one of decl_types, or NULL = all */
    struct ymd from, to;      /* inclusive, on created_at (经办时间); y == 0 = open */
    int period_ym;            /* 申报期 (declarations.period); < 0 = any */
    int64_t account_id;       /* the acting account (spec §7b); 0 = any */
};

struct decl_row {
    int64_t id;
    char type[64];
    int period_ym;            /* -1 when none */
    char id_no[19];           /* "" when none (unit-level declarations) */
    char name[401];
    char operator_name[401];
    struct portal_dt created; /* 经办时间 */
    char review[32];
    char result[4001];
};

/* Number of rows matching f. */
int store_declarations_count(struct store *s, const struct decl_filter *f, long *n);

/* Calls fn for each matching row, newest first (经办时间, then id), skipping
 * `offset` rows and passing at most `limit` (limit < 0: all). fn returns 0
 * to go on, non-zero to stop (returned as STORE_ERR). The row is lent for
 * the call only. */
typedef int (*decl_row_fn)(const struct decl_row *row, void *arg);
int store_declarations_each(struct store *s, const struct decl_filter *f, long offset,
                            long limit, decl_row_fn fn, void *arg);

/* One declaration with its before/after data (JSON, as stored; "" when none). */
#define DECL_DATA_MAX 8192
struct decl_detail {
    struct decl_row row;
    char before[DECL_DATA_MAX];
    char after[DECL_DATA_MAX];
};

/* The declaration `id` of unit_id (the session's unit): 0, STORE_NOTFOUND
 * when there is none or it is another unit's, STORE_ERR. */
int store_declaration_get(struct store *s, int64_t unit_id, int64_t id, struct decl_detail *out);

/* The 职工补缴核定 written together with the 参保人员增员申报 `of` (same unit
 * and 证件号码, the next one after it, before any later 增员 of that 证件号码):
 * 0, STORE_NOTFOUND when that enrolment assessed no month, STORE_ERR. */
int store_declaration_backpay_of(struct store *s, int64_t unit_id, const struct decl_row *of,
                                 struct decl_detail *out);

/* How the keys the store writes into before/after data (enrol.c, stop.c)
 * read on a page: the label, and what kind of value each holds. An unknown
 * key is labelled with itself, DECL_V_TEXT. */
enum decl_value_kind {
    DECL_V_TEXT,     /* as stored; null = 无 */
    DECL_V_FEN,      /* yuan, "5000.00" */
    DECL_V_TYPE,     /* an insurance type code */
    DECL_V_CLAMP,    /* none / lower / upper */
    DECL_V_MONTHS    /* a number of months; 0 = 无 */
};
const char *decl_key_label(const char *key, enum decl_value_kind *kind);

/* ---- writing: one declaration as every operation records it ----
 * 已审核 at once; the acting account is s->actor_id (spec §7b), the operator
 * the name the caller shows for it. Every INSERT INTO declarations is
 * DECL_INSERT " VALUES " DECL_VALUES (a batch: several DECL_VALUES) bound
 * by store_declaration_bind, or store_declaration_add for one; only
 * 参保人员减员申报 (stop.c) writes its own, its before_data gathered from the
 * rows it ends in the same INSERT … SELECT. */
struct decl_new {
    int64_t unit_id;
    const char *type;            /* one of decl_types */
    int period_ym;               /* 申报期; < 0: none */
    const char *id_no, *name;    /* NULL: none */
    const char *operator_name;   /* NULL: "" */
    int64_t job_id;              /* the batch job it came from; 0: none */
    const struct portal_dt *at;  /* 经办时间 */
    const char *result;
    const char *before, *after;  /* JSON; NULL: none */
    int64_t reverses_id;         /* the declaration an undo reverses; 0: none */
};
#define DECL_INSERT "INSERT INTO declarations (unit_id, type, period, id_no, name, operator," \
    " account_id, job_id, created_at, review_status, result, before_data, after_data, reverses_id)"
#define DECL_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?, '已审核', ?, ?, ?, ?)"
struct sbind;
void store_declaration_bind(const struct store *s, struct sbind *in, const struct decl_new *d);
/* One declaration; its id in *id (may be NULL). `what` names the statement
 * (logs). 0 or STORE_ERR. */
int store_declaration_add(struct store *s, const char *what, const struct decl_new *d, int64_t *id);

#endif
