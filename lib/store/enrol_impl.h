/*
 * enrol_impl — what enrol.c shares with enrol_batch.c (the batch worker's
 * set-based enrolment of a chunk): one source for every rule, assessment,
 * message and declaration text. Internal to lib/store.
 */
#ifndef PORTAL_STORE_ENROL_IMPL_H
#define PORTAL_STORE_ENROL_IMPL_H
#include "store/enrol.h"
#include "rules/enrolment.h"

/* back-payment: policy_valid() allows backpay_max up to 120 months */
#define MAX_BACKPAY_MONTHS 120
#define MAX_BACKPAY_ROWS (MAX_BACKPAY_MONTHS * ENROL_MAX_TYPES)

/* persons.name is VARCHAR(100): 400 bytes of UTF-8 at most */
#define REGISTERED_NAME_MAX 404

/* The facts of spec §5 over `persons p LEFT JOIN enrolments e ON e.person_id
 * = p.id AND INSURED_FOR_START` of one ID: base records, the first one's id,
 * 灵活就业, transferred, in this unit (?), in another unit (?), the registered
 * name (used when there is one base record). */
#define ENROL_FACTS_COLS \
    "COUNT(DISTINCT p.id), COALESCE(MIN(p.id), 0)," \
    " COALESCE(MAX(e.kind = '灵活就业'), 0)," \
    " COALESCE(MAX(e.transferred = 1 AND e.unit_id IS NOT NULL), 0)," \
    " COALESCE(MAX(e.unit_id = ?), 0)," \
    " COALESCE(MAX(e.unit_id <> ?), 0), COALESCE(MIN(p.name), '')"

#define CONTRIB_COLS "INSERT INTO contributions (id_no, month, type_code, person_id, unit_id," \
    " payment_type, wage_fen, base_fen, unit_fen, person_fen, account_fen, interest_fen," \
    " late_fee_fen, created_at) VALUES "
#define CONTRIB_ROW "(?, ?, ?, ?, ?, '补缴', ?, ?, ?, ?, ?, 0, 0, ?)"

/* What an enrolment charges, assessed before anything is written: the types
 * (codes[k] is types[k] as the database spells it), month C, and the
 * back-payment rows of S..C-1. ~45 KB: on the caller's stack or heap. */
struct assessment {
    char codes[ENROL_MAX_TYPES][4];
    int types[ENROL_MAX_TYPES];
    int ntypes;
    struct month_charge month_c;
    struct backpay_row rows[MAX_BACKPAY_ROWS];
    struct backpay_result bp;
};

/* The (month, type) rows already charged to one ID, read beforehand for
 * many IDs at once; enrol_assess filters them as its own query would. */
struct enrol_paid_row {
    int month;
    char code[4];
};
struct enrol_paid {
    const struct enrol_paid_row *row;
    size_t n;
};

int enrol_code_int(const char *code);
const char *enrol_code_str(const struct assessment *a, int type_code);
/* Stage 1 of spec §5 (no database): fills res (id, C, sex, birth); 1 when a
 * rule decided (res->msg set, nothing to write), 0 to go on with *f. */
int enrol_stage1(const struct unit *u, const struct enrol_input *in, const struct policy *p,
                 const struct portal_dt *now, struct enroll_facts *f, struct enrol_result *res);
/* The assessment; pre: the months already charged (NULL: read them). */
int enrol_assess(struct store *s, struct enrol_ref *ref, const struct unit *u,
                 const struct enrol_input *in, const char *id_no, int C,
                 const struct enrol_paid *pre, struct assessment *a);
void enrol_set_msg(struct enrol_result *res, enum msg_id id, const struct policy *p);
void enrol_set_result(struct enrol_result *res, const struct assessment *a,
                      const struct policy *p);
const char *enrol_input_person_type(const struct enrol_input *in);
/* The after data of 参保人员增员申报 and 职工补缴核定: 0, or -1 when too long. */
int enrol_json(char *buf, size_t n, const struct enrol_input *in,
               const struct enrol_result *res, const struct assessment *a);
int enrol_backpay_json(char *buf, size_t n, const struct enrol_result *res);

/* What varies between the declarations of one enrolment. */
struct declaration {
    const char *type;
    const char *result;
    const char *after_json;
};
/* The texts the declarations point into. */
struct enrol_decl_text {
    char json[2048], backpay[1024], detail[512];
};
/* The declarations of a successful enrolment (res set by enrol_set_result):
 * 参保人员增员申报 and, when months were assessed, 职工补缴核定; decl[2]. */
int enrol_decl_build(struct store *s, const struct enrol_input *in, const struct enrol_result *res,
                     const struct assessment *a, struct enrol_decl_text *t,
                     struct declaration *decl, size_t *ndecl);

#endif
