/*
 * enrol_batch — 参保登记 of many persons at once, set-based (issue 15 item 3):
 * the batch worker's chunk. See store_enrol_batch in enrol.h.
 *
 * The same operation as store_enrol_in_tx_ref, row for row (every rule,
 * message, amount and declaration from the same functions, enrol_impl.h),
 * with the database work of all rows done in a fixed number of statements:
 *   1. stage 1 (no database) per row: enrol_stage1;
 *   2. the id_locks of all the rows' IDs in one upsert, in ascending order
 *      (two chunks lock their common IDs in one order: no deadlock);
 *   3. the facts of all IDs in one locking read (JSON_IDS: one parameter),
 *      enroll_decide_facts per row;
 *   4. the base records of the new persons in one multi-row INSERT
 *      (store_person_bind), their ids read back in one query;
 *   5. the months already charged of all IDs in one locking read (only when
 *      the start month is before month C), then per row enrol_assess;
 *   6. the unit's counts (summed deltas: store_unit_counts_add,
 *      store_totals_add_sums), enrolments, wages, back-payment rows, the
 *      declarations and, last, the 基础信息核查 marks (store_check_dirty_many), each
 *      in multi-row INSERTs of up to ROWBUF_ROWS rows.
 * The IDs of one pass are distinct: a canonical ID met again in the same
 * call (the upload refuses duplicates, so only as a safety) goes to the next
 * pass, which sees what the earlier one wrote, as one-by-one would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/check.h"
#include "store/counts.h"
#include "store/db.h"
#include "store/declarations.h"
#include "store/enrol.h"
#include "store/enrol_impl.h"
#include "store/insured.h"

/* One row of a pass. */
struct brow {
    size_t i;                     /* index into in[] and res[] */
    struct enroll_facts f;
    int64_t person_id;            /* the base record (existing or new); 0 before */
    int is_new;                   /* no base record: one is inserted */
    char registered[REGISTERED_NAME_MAX];
    size_t paid_off, npaid;       /* its slice of the pass's months already charged */
    char codes[ENROL_MAX_TYPES][4];   /* the assessment's types, as spelt */
    int ntypes;
    struct enrol_decl_text *text; /* the declarations' texts (successful rows) */
    struct declaration decl[2];
    size_t ndecl;
};

struct idx {
    const char *id_no;
    size_t k;                     /* index into the pass's rows */
};

static int idx_cmp(const void *a, const void *b)
{
    return strcmp(((const struct idx *)a)->id_no, ((const struct idx *)b)->id_no);
}

static struct brow *find(struct idx *ix, size_t n, struct brow *rows, const char *id_no)
{
    struct idx key = {id_no, 0}, *hit = bsearch(&key, ix, n, sizeof *ix, idx_cmp);

    return hit ? &rows[hit->k] : NULL;
}

/* The id_locks rows of ids (sorted) in one statement. */
static int lock_ids(struct store *s, const char *const *ids, size_t n)
{
    struct rowbuf rb;
    int rc = 0;

    if (n == 0)
        return 0;
    if (rowbuf_init(&rb, s, "batch.id_locks", "INSERT INTO id_locks (id_no) VALUES ", "(?)",
                    " ON DUPLICATE KEY UPDATE touched = touched + 1") != 0)
        return STORE_ERR;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct sbind *b = rowbuf_next(&rb);
        if (!b)
            rc = STORE_ERR;
        else
            sb_str(b, ids[i]);
    }
    if (rc == 0 && rowbuf_flush(&rb) != 0)
        rc = STORE_ERR;
    rowbuf_free(&rb);
    return rc;
}

/* gather_facts (enrol.c) for every row at once: IDs without a base record
 * return no row and keep the zero facts. */
static int batch_facts(struct store *s, const struct unit *u, int S, const char *list,
                       struct idx *ix, size_t nix, struct brow *rows)
{
    struct sbind in, out;
    MYSQL_STMT *st;
    char id_no[19], registered[REGISTERED_NAME_MAX];
    long n = 0;
    int64_t person_id = 0;
    int flex = 0, transferred = 0, here = 0, other = 0, rc;

    sb_init(&in);
    sb_i64(&in, u->id);
    sb_i64(&in, u->id);
    sb_str(&in, list);
    insured_for_start(&in, S);
    sb_init(&out);
    sb_out_str(&out, id_no, sizeof id_no);
    sb_out_long(&out, &n);
    sb_out_i64(&out, &person_id);
    sb_out_int(&out, &flex);
    sb_out_int(&out, &transferred);
    sb_out_int(&out, &here);
    sb_out_int(&out, &other);
    sb_out_str(&out, registered, sizeof registered);
    rc = db_query(s, "batch.facts",
        "SELECT j.id_no, " ENROL_FACTS_COLS
        " FROM " JSON_IDS " j STRAIGHT_JOIN persons p ON p.id_no = j.id_no"
        " LEFT JOIN enrolments e FORCE INDEX (ix_enrolments_person) ON e.person_id = p.id AND "
        INSURED_FOR_START
        " GROUP BY j.id_no LOCK IN SHARE MODE", &in, &out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "batch.facts", st, &out)) == 0) {
        struct brow *r = find(ix, nix, rows, id_no);
        if (!r)
            continue;
        r->f.base_records = (int)n;
        r->f.flexible_insured = flex;
        r->f.transferred_insured = transferred;
        r->f.insured_this_unit = here;
        r->f.insured_other_unit = other;
        r->person_id = person_id;
        snprintf(r->registered, sizeof r->registered, "%s", registered);
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

/* The ids of the base records just inserted for the IDs of list. */
static int new_person_ids(struct store *s, const char *list, struct idx *ix, size_t nix,
                          struct brow *rows)
{
    struct sbind in, out;
    MYSQL_STMT *st;
    char id_no[19];
    int64_t id = 0;
    int rc;

    sb_init(&in);
    sb_str(&in, list);
    sb_init(&out);
    sb_out_str(&out, id_no, sizeof id_no);
    sb_out_i64(&out, &id);
    rc = db_query(s, "batch.person_ids",
        "SELECT p.id_no, p.id FROM " JSON_IDS " j STRAIGHT_JOIN persons p ON p.id_no = j.id_no",
        &in, &out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "batch.person_ids", st, &out)) == 0) {
        struct brow *r = find(ix, nix, rows, id_no);
        if (r && r->is_new)
            r->person_id = id;
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

/* paid_months (enrol.c) of every ID of list at once, unfiltered by type
 * (enrol_assess filters): into *paid (malloc'ed), each row's in one slice
 * (paid_off, npaid). */
static int batch_paid(struct store *s, const char *list, int first, int last,
                      struct idx *ix, size_t nix, struct brow *rows,
                      struct enrol_paid_row **paid, size_t *npaid)
{
    struct sbind in, out;
    MYSQL_STMT *st;
    char id_no[19], code[4], prev[19] = "";
    int m = 0, rc;
    size_t cap = 0;
    struct brow *r = NULL;

    *paid = NULL;
    *npaid = 0;
    sb_init(&in);
    sb_str(&in, list);
    sb_month(&in, first);
    sb_month(&in, last);
    sb_init(&out);
    sb_out_str(&out, id_no, sizeof id_no);
    sb_out_month(&out, &m);
    sb_out_str(&out, code, sizeof code);
    /* the index named as the chunk's other joins name theirs (63a1b74): the
     * only one that starts with id_no; on statistics left stale by a bulk
     * load the alternative is a scan of contributions */
    rc = db_query(s, "batch.paid",
        "SELECT c.id_no, c.month, c.type_code FROM " JSON_IDS " j"
        " STRAIGHT_JOIN contributions c FORCE INDEX (uq_contributions_once)"
        " ON c.id_no = j.id_no AND c.month BETWEEN ? AND ?"
        " ORDER BY c.id_no LOCK IN SHARE MODE", &in, &out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "batch.paid", st, &out)) == 0) {
        if (strcmp(prev, id_no) != 0) {   /* ordered by ID: one slice each */
            snprintf(prev, sizeof prev, "%s", id_no);
            r = find(ix, nix, rows, id_no);
            if (r) {
                r->paid_off = *npaid;
                r->npaid = 0;
            }
        }
        if (!r)
            continue;
        if (*npaid == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            struct enrol_paid_row *p = realloc(*paid, ncap * sizeof *p);
            if (!p) {
                db_done(st);
                db_fail(s, "batch.paid", "out of memory");
                return STORE_ERR;
            }
            *paid = p;
            cap = ncap;
        }
        (*paid)[*npaid].month = m;
        memcpy((*paid)[*npaid].code, code, sizeof code);
        (*npaid)++;
        r->npaid++;
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

/* The counts rows of every type: enrolments and employees count each
 * enrolment (active, covering its start month), persons only a person
 * without an earlier enrolment of the type in the unit
 * (store_unit_counts_enrolled's rules). */
struct type_delta {
    char code[4];
    struct counts_delta d;
};

static struct type_delta *delta_of(struct type_delta *t, size_t *nt, const char *code)
{
    for (size_t k = 0; k < *nt; k++)
        if (strcmp(t[k].code, code) == 0)
            return &t[k];
    if (*nt >= ENROL_MAX_TYPES * 2)
        return NULL;
    memset(&t[*nt], 0, sizeof t[*nt]);
    memcpy(t[*nt].code, code, 4);
    return &t[(*nt)++];
}

/* Subtracts, from the persons deltas, the existing persons of ids (json)
 * already enrolled in the unit in a type. */
static int earlier_enrolments(struct store *s, int64_t unit_id, const char *ids,
                              struct type_delta *t, size_t nt)
{
    struct sbind in, out;
    MYSQL_STMT *st;
    char code[4];
    long n = 0;
    int rc;

    sb_init(&in);
    sb_str(&in, ids);
    sb_i64(&in, unit_id);
    sb_init(&out);
    sb_out_str(&out, code, sizeof code);
    sb_out_long(&out, &n);
    rc = db_query(s, "batch.earlier",
        "SELECT e.type_code, COUNT(DISTINCT e.person_id) FROM " JSON_IDS64 " j"
        " STRAIGHT_JOIN enrolments e FORCE INDEX (ix_enrolments_person) ON e.person_id = j.id"
        " WHERE e.unit_id = ?"
        " GROUP BY e.type_code", &in, &out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "batch.earlier", st, &out)) == 0)
        for (size_t k = 0; k < nt; k++)
            if (strcmp(t[k].code, code) == 0)
                t[k].d.persons -= n;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

/* (month, type) sums of the back-payment rows. */
struct sums {
    struct totals_sum *row;
    size_t n, cap;
    char (*code)[4];              /* the type_code strings the rows point to */
};

static int sums_add(struct sums *sm, int month, const char *code, const struct backpay_row *r)
{
    for (size_t k = 0; k < sm->n; k++)
        if (sm->row[k].month == month && strcmp(sm->code[k], code) == 0) {
            sm->row[k].persons++;
            sm->row[k].base_fen += r->base_fen;
            sm->row[k].unit_fen += r->a.unit_fen;
            sm->row[k].person_fen += r->a.person_fen;
            sm->row[k].account_fen += r->a.account_fen;
            return 0;
        }
    if (sm->n == sm->cap) {
        size_t ncap = sm->cap ? sm->cap * 2 : 64;
        struct totals_sum *p = realloc(sm->row, ncap * sizeof *p);
        char (*c)[4];
        if (!p)
            return STORE_ERR;
        sm->row = p;
        c = realloc(sm->code, ncap * sizeof *c);
        if (!c)
            return STORE_ERR;
        sm->code = c;
        sm->cap = ncap;
    }
    memcpy(sm->code[sm->n], code, 4);
    sm->row[sm->n] = (struct totals_sum){month, NULL, 1, r->base_fen, r->a.unit_fen,
                                         r->a.person_fen, r->a.account_fen};
    sm->n++;
    return 0;
}

/* One pass over rows whose canonical IDs are distinct (see the top). */
static int batch_pass(struct store *s, struct enrol_ref *ref, const struct unit *u,
                      const struct enrol_input *in, const struct policy *p,
                      const struct portal_dt *now, const char *operator_name, int64_t job_id,
                      struct enrol_result *res, struct brow *rows, size_t n)
{
    struct idx *ix = NULL;
    const char **ids = NULL;
    char *list = NULL, *newlist = NULL, *oldlist = NULL;
    struct enrol_paid_row *paid = NULL;
    struct enrol_decl_text *texts = NULL;
    struct assessment *a = NULL;
    struct type_delta td[ENROL_MAX_TYPES * 2];
    size_t ntd = 0, npaid = 0, nok = 0, nnew = 0, nold = 0;
    int64_t *oldids = NULL;
    struct sums sm = {NULL, 0, 0, NULL};
    struct rowbuf rb;
    int rc = STORE_ERR, S = in[rows[0].i].start_ym, C = res[rows[0].i].current_ym;
    int first = 0, last = -1;

    memset(&rb, 0, sizeof rb);
    ix = calloc(n, sizeof *ix);
    ids = calloc(n, sizeof *ids);
    texts = calloc(n, sizeof *texts);
    oldids = calloc(n, sizeof *oldids);
    a = malloc(sizeof *a);
    if (!ix || !ids || !texts || !oldids || !a) {
        db_fail(s, "batch", "out of memory");
        goto out;
    }
    for (size_t k = 0; k < n; k++)
        ix[k] = (struct idx){res[rows[k].i].id_no, k};
    qsort(ix, n, sizeof *ix, idx_cmp);
    for (size_t k = 0; k < n; k++)
        ids[k] = ix[k].id_no;         /* ascending: the lock order */
    list = db_id_list(ids, n);
    if (!list) {
        db_fail(s, "batch", "out of memory");
        goto out;
    }

    /* stage 2, over the facts the database holds */
    if (lock_ids(s, ids, n) != 0 || batch_facts(s, u, S, list, ix, n, rows) != 0)
        goto out;
    nok = 0;
    for (size_t k = 0; k < n; k++) {
        struct brow *r = &rows[k];
        enum msg_id decided;
        r->f.name = in[r->i].name;
        r->f.registered_name = r->f.base_records == 1 ? r->registered : NULL;
        decided = enroll_decide_facts(&r->f);
        if (decided != MSG_OK) {
            enrol_set_msg(&res[r->i], decided, p);
            r->i = (size_t)-1;        /* decided: nothing to write */
            continue;
        }
        if (r->f.base_records != 1)
            r->person_id = 0;
        r->is_new = r->person_id == 0;
        if (r->is_new)
            nnew++;
        else
            oldids[nold++] = r->person_id;
        rows[nok++] = *r;
    }
    n = nok;
    if (n == 0) {
        rc = 0;
        goto out;
    }
    /* the index again, over the rows that go on */
    for (size_t k = 0; k < n; k++)
        ix[k] = (struct idx){res[rows[k].i].id_no, k};
    qsort(ix, n, sizeof *ix, idx_cmp);

    /* the new base records, in row order */
    if (nnew > 0) {
        size_t j = 0;
        if (rowbuf_init(&rb, s, "batch.persons", PERSON_INSERT " VALUES ", PERSON_VALUES, "") != 0)
            goto out;
        for (size_t k = 0; k < n; k++) {
            const struct enrol_input *e = &in[rows[k].i];
            const struct enrol_result *r = &res[rows[k].i];
            struct person_new pn;
            struct sbind *b;
            if (!rows[k].is_new)
                continue;
            memset(&pn, 0, sizeof pn);
            pn.id_no = r->id_no;
            pn.name = e->name;
            pn.male = r->male;
            pn.birth = r->birth;
            pn.phone = e->phone;
            pn.retire_ym = -1;
            pn.category = e->civil_servant ? "公务员" : "职工";
            if (!(b = rowbuf_next(&rb)))
                goto out;
            store_person_bind(b, &pn, now);
            ids[j++] = r->id_no;
        }
        if (rowbuf_flush(&rb) != 0)
            goto out;
        rowbuf_free(&rb);
        newlist = db_id_list(ids, j);
        if (!newlist) {
            db_fail(s, "batch", "out of memory");
            goto out;
        }
        if (new_person_ids(s, newlist, ix, n, rows) != 0)
            goto out;
        for (size_t k = 0; k < n; k++)
            if (rows[k].is_new && rows[k].person_id == 0) {
                db_fail(s, "batch.person_ids", "a new base record was not found");
                goto out;
            }
    }

    /* the months already charged, for the back-payment S..C-1 */
    if (backpay_range(S, C, &first, &last) > MAX_BACKPAY_MONTHS) {
        db_fail(s, "enrol", "back-payment longer than 120 months");
        goto out;
    }
    if (first <= last) {
        /* the same range and list as ix: one statement */
        for (size_t k = 0; k < n; k++)
            ids[k] = ix[k].id_no;
        free(list);
        list = db_id_list(ids, n);
        if (!list) {
            db_fail(s, "batch", "out of memory");
            goto out;
        }
        if (batch_paid(s, list, first, last, ix, n, rows, &paid, &npaid) != 0)
            goto out;
    }

    /* per row: the assessment (rules), the back-payment rows, the result */
    if (rowbuf_init(&rb, s, "batch.contrib", CONTRIB_COLS, CONTRIB_ROW, "") != 0)
        goto out;
    for (size_t k = 0; k < n; k++) {
        struct brow *r = &rows[k];
        const struct enrol_input *e = &in[r->i];
        struct enrol_result *er = &res[r->i];
        struct enrol_paid pre = {paid ? paid + r->paid_off : NULL, r->npaid};
        if (enrol_assess(s, ref, u, e, er->id_no, C, &pre, a) != 0)
            goto out;
        memcpy(r->codes, a->codes, sizeof r->codes);
        r->ntypes = a->ntypes;
        for (int t = 0; t < a->ntypes; t++) {
            struct type_delta *d = delta_of(td, &ntd, a->codes[t]);
            if (!d) {
                db_fail(s, "batch", "too many insurance types");
                goto out;
            }
            d->d.enrolments++;
            d->d.persons++;
            d->d.employees++;         /* kind 在职, active */
        }
        for (size_t q = 0; q < a->bp.nrows; q++) {
            const struct backpay_row *br = &a->rows[q];
            const char *code = "";
            struct sbind *b = rowbuf_next(&rb);
            for (int t = 0; t < a->ntypes; t++)
                if (a->types[t] == br->type_code)
                    code = r->codes[t];   /* lives until the end of the pass */
            if (!b)
                goto out;
            sb_str(b, er->id_no);
            sb_month(b, br->month);
            sb_str(b, code);
            sb_i64(b, r->person_id);
            sb_i64(b, u->id);
            sb_i64(b, e->wage_fen);   /* as declared: the reports' 职工工资总额 */
            sb_i64(b, br->base_fen);
            sb_i64(b, br->a.unit_fen);
            sb_i64(b, br->a.person_fen);
            sb_i64(b, br->a.account_fen);
            sb_datetime(b, now);
            if (sums_add(&sm, br->month, code, br) != 0) {
                db_fail(s, "batch", "out of memory");
                goto out;
            }
        }
        enrol_set_result(er, a, p);
        r->text = &texts[k];
        if (enrol_decl_build(s, e, er, a, r->text, r->decl, &r->ndecl) != 0)
            goto out;
    }
    if (rowbuf_flush(&rb) != 0)
        goto out;
    rowbuf_free(&rb);
    /* 单位缴费明细查询's totals, summed (store/counts.h) */
    for (size_t k = 0; k < sm.n; k++)
        sm.row[k].type_code = sm.code[k];
    if (store_totals_add_sums(s, u->id, "补缴", sm.row, sm.n) != 0)
        goto out;

    /* the unit's counts, before the enrolments (the earlier ones only) */
    for (size_t k = 0; k < ntd; k++)
        td[k].d.type_code = td[k].code;
    if (nold > 0) {
        oldlist = db_id64_list(oldids, nold);
        if (!oldlist) {
            db_fail(s, "batch", "out of memory");
            goto out;
        }
        if (earlier_enrolments(s, u->id, oldlist, td, ntd) != 0)
            goto out;
    }
    {
        struct counts_delta cd[ENROL_MAX_TYPES * 2];
        size_t ncd = 0;
        for (size_t k = 0; k < ntd; k++)
            if (td[k].d.enrolments > 0)
                cd[ncd++] = td[k].d;
        if (store_unit_counts_add(s, u->id, cd, ncd) != 0)
            goto out;
    }

    /* the enrolments, then the declared wages */
    if (rowbuf_init(&rb, s, "batch.enrolments", ENROLMENT_INSERT " VALUES ", ENROLMENT_VALUES,
                    "") != 0)
        goto out;
    for (size_t k = 0; k < n; k++) {
        const struct enrol_input *e = &in[rows[k].i];
        struct enrolment_new en;
        memset(&en, 0, sizeof en);
        en.person_id = rows[k].person_id;
        en.unit_id = u->id;
        en.kind = enrol_kind_name(ENROL_KIND_WORKING);
        en.person_type = enrol_input_person_type(e);
        en.start_ym = e->start_ym;
        for (int t = 0; t < rows[k].ntypes; t++) {
            struct sbind *b = rowbuf_next(&rb);
            if (!b)
                goto out;
            store_enrolment_bind(b, &en, rows[k].codes[t], now);
        }
    }
    if (rowbuf_flush(&rb) != 0)
        goto out;
    rowbuf_free(&rb);
    if (rowbuf_init(&rb, s, "batch.wages",
            "INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at, entered_us)"
            " VALUES ", "(?, ?, ?, ?, ?, " SQL_NOW_US ")", "") != 0)
        goto out;
    for (size_t k = 0; k < n; k++) {
        struct sbind *b = rowbuf_next(&rb);
        if (!b)
            goto out;
        sb_i64(b, rows[k].person_id);
        sb_id_or_null(b, u->id);
        sb_month(b, res[rows[k].i].current_ym);
        sb_i64(b, in[rows[k].i].wage_fen);
        sb_datetime(b, now);
    }
    if (rowbuf_flush(&rb) != 0)
        goto out;
    rowbuf_free(&rb);

    /* the declarations in row order, then the 基础信息核查 marks (issue 18's
     * 本期待办) last: the unit's unit_todo row stays X-locked from its mark to
     * the commit, and the chunks of the other workers of the job (and a
     * refresh of the unit) wait for it, so the mark comes as late as it can */
    if (rowbuf_init(&rb, s, "batch.declarations", DECL_INSERT " VALUES ", DECL_VALUES, "") != 0)
        goto out;
    for (size_t k = 0; k < n; k++) {
        const struct enrol_result *er = &res[rows[k].i];
        for (size_t d = 0; d < rows[k].ndecl; d++) {
            const struct decl_new one = {u->id, rows[k].decl[d].type, er->current_ym, er->id_no,
                                         in[rows[k].i].name, operator_name, job_id, now,
                                         rows[k].decl[d].result, NULL,
                                         rows[k].decl[d].after_json, 0};
            struct sbind *b = rowbuf_next(&rb);
            if (!b)
                goto out;
            store_declaration_bind(s, b, &one);
        }
    }
    if (rowbuf_flush(&rb) != 0)
        goto out;
    for (size_t k = 0; k < n; k++)
        ids[k] = res[rows[k].i].id_no;
    if (store_check_dirty_many(s, u->id, ids, n) != 0)
        goto out;
    rc = 0;
out:
    rowbuf_free(&rb);
    free(ix);
    free(ids);
    free(list);
    free(newlist);
    free(oldlist);
    free(oldids);
    free(paid);
    free(texts);
    free(a);
    free(sm.row);
    free(sm.code);
    return rc;
}

int store_enrol_batch(struct store *s, struct enrol_ref *ref, const struct unit *u,
                      const struct enrol_input *in, size_t n, const struct policy *p,
                      const struct portal_dt *now, const char *operator_name, int64_t job_id,
                      struct enrol_result *res)
{
    struct policy def;
    struct brow *rows;
    struct enroll_facts *fs;
    unsigned char *done;
    size_t left = 0;
    int rc = 0;

    if (n == 0)
        return 0;
    if (!p) {
        policy_default(&def);
        p = &def;
    }
    rows = calloc(n, sizeof *rows);
    fs = calloc(n, sizeof *fs);
    done = calloc(n, 1);
    if (!rows || !fs || !done) {
        free(rows);
        free(fs);
        free(done);
        db_fail(s, "batch", "out of memory");
        return STORE_ERR;
    }
    /* stage 1, the rules that need no database */
    for (size_t i = 0; i < n; i++) {
        if (in[i].start_ym != in[0].start_ym || in[i].civil_servant != in[0].civil_servant) {
            db_fail(s, "batch", "rows of one call share the start month and 公务员");
            rc = STORE_ERR;
            goto out;
        }
        if (enrol_stage1(u, &in[i], p, now, &fs[i], &res[i]) != 0)
            done[i] = 1;
        else
            left++;
    }
    /* passes of distinct IDs, in row order */
    while (left > 0 && rc == 0) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            int seen = 0;
            if (done[i])
                continue;
            for (size_t k = 0; k < m && !seen; k++)
                seen = strcmp(res[rows[k].i].id_no, res[i].id_no) == 0;
            if (seen)
                continue;
            memset(&rows[m], 0, sizeof rows[m]);
            rows[m].i = i;
            rows[m].f = fs[i];        /* stage 1's facts; stage 2 adds the rest */
            m++;
        }
        for (size_t k = 0; k < m; k++)
            done[rows[k].i] = 1;
        left -= m;
        rc = batch_pass(s, ref, u, in, p, now, operator_name, job_id, res, rows, m);
    }
out:
    free(rows);
    free(fs);
    free(done);
    return rc;
}
