/*
 * enrol — 参保登记 as one business operation (spec §5); see store/enrol.h.
 *
 * Order of work, all inside the caller's transaction:
 *   1. the rules that need no database (window, ID, start month) decide
 *      first (enroll_input_facts, enroll_decide_input);
 *   2. store_id_lock(id_no): two enrolments of one person serialise here, so
 *      the second sees the first's base record and enrolments;
 *   3. the facts (base records, normally insured where) are read and
 *      enroll_decide_facts() picks the first failing rule;
 *   4. on success the reference data and the months already charged are
 *      read, the rules library assesses month C and the back-payment S..C-1
 *      (charge_month, backpay_assess), then come the writes: base record (if
 *      none), enrolments, the declared wage from month C, the back-payment
 *      rows, the declarations.
 *
 * Round trips: the batch worker runs thousands of enrolments and waits on
 * each statement, so a row costs as few as the guarantees allow: one for the
 * lock, one for all the facts, the reference data (types, limits, rates)
 * once per transaction (struct enrol_ref), then the inserts, the
 * declarations in one statement.
 *
 * Decisions the spec left open (README):
 *   - wages.wage_fen keeps the wage AS DECLARED (the schema's convention);
 *     every amount uses it clamped to the limits of the month charged, and the
 *     result reports month C's clamped base and which limit was applied.
 *   - "normally insured for S" (store/insured.h INSURED_FOR_START) applies to
 *     every fact: an enrolment of any base record with this 证件号码 whose
 *     end_date is NULL or >= the 1st of S (and not before its start); it is
 *     灵活就业 (kind), transferred (transferred = 1, at a unit), in this unit or
 *     in another one.
 *   - an existing single base record is reused as it is (name and phone are
 *     changed by 参保人员信息维护, not by an enrolment); the typed name must
 *     equal the registered one (spec §10, the last rule of
 *     enroll_decide_facts), read with the other facts in the same query.
 *   - a birth date after today is an invalid ID (MSG_ID_INVALID).
 *   - 320 asked for by a unit that is not 机关事业单位 is refused with
 *     MSG_BAD_REQUEST (the page answers a forged form with 400 before this).
 *   - on a rule failure store_enrol rolls back, so not even the id_locks row
 *     stays; inside the caller's transaction (batch) the id_locks row of the
 *     ID may remain, which is no business data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/counts.h"
#include "store/check.h"
#include "store/db.h"
#include "store/declarations.h"
#include "store/enrol.h"
#include "store/enrol_impl.h"
#include "store/insured.h"
#include "store/json.h"

#define MAX_LIMIT_ROWS 16
#define MAX_RATE_ROWS  64

/* The limits and rates of the months an enrolment charges (rules/backpay.h). */
struct refdata {
    struct limit_period lim[MAX_LIMIT_ROWS];
    struct rate_period rate[MAX_RATE_ROWS];
    struct ref_tables t;     /* points into lim and rate */
};

#define MAX_TYPE_ROWS 32

/* See enrol.h. Each part is read at its first use in the transaction, at the
 * point where an uncached enrolment reads it, so even the first read of a
 * transaction happens where it always did. */
struct enrol_ref {
    int have_types;
    struct insurance_type types[MAX_TYPE_ROWS];
    size_t ntypes;
    int have_rd;
    int rd_first, rd_last;        /* the month range rd was read for */
    struct refdata rd;
};

int enrol_ref_new(struct enrol_ref **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : STORE_ERR;
}

void enrol_ref_reset(struct enrol_ref *ref)
{
    if (ref) {
        ref->have_types = 0;
        ref->have_rd = 0;
    }
}

void enrol_ref_free(struct enrol_ref **ref)
{
    if (ref) {
        free(*ref);
        *ref = NULL;
    }
}

int enrol_code_int(const char *code)
{
    int v = 0;
    for (; *code >= '0' && *code <= '9'; code++)
        v = v * 10 + (*code - '0');
    return v;
}

/* The limits and rates in force in any month of [first, last]. */
static int read_refdata(struct store *s, int first, int last, struct refdata *rd)
{
    struct sbind in, out;
    MYSQL_STMT *st;
    struct limit_period l;
    struct rate_period rr;
    char code[4];
    int to_account, rc;

    memset(rd, 0, sizeof *rd);
    rd->t.limits = rd->lim;
    rd->t.rates = rd->rate;
    sb_init(&in);
    sb_month(&in, last);
    sb_month(&in, first);
    sb_init(&out);
    sb_out_month(&out, &l.from);
    sb_out_month(&out, &l.to);
    sb_out_i64(&out, (int64_t *)&l.lower_fen);
    sb_out_i64(&out, (int64_t *)&l.upper_fen);
    rc = db_query(s, "enrol.limits",
        "SELECT from_month, to_month, lower_fen, upper_fen FROM base_limits"
        " WHERE from_month <= ? AND (to_month IS NULL OR to_month >= ?) ORDER BY from_month",
        &in, &out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "enrol.limits", st, &out)) == 0)
        if (rd->t.nlimits < MAX_LIMIT_ROWS)
            rd->lim[rd->t.nlimits++] = l;
    db_done(st);
    if (rc != STORE_NOTFOUND)
        return STORE_ERR;

    sb_init(&out);
    sb_out_str(&out, code, sizeof code);
    sb_out_month(&out, &rr.from);
    sb_out_month(&out, &rr.to);
    sb_out_int(&out, &rr.r.unit_bp);
    sb_out_int(&out, &rr.r.person_bp);
    sb_out_i64(&out, (int64_t *)&rr.r.unit_fixed_fen);
    sb_out_i64(&out, (int64_t *)&rr.r.person_fixed_fen);
    sb_out_int(&out, &to_account);
    rc = db_query(s, "enrol.rates",
        "SELECT type_code, from_month, to_month, unit_bp, person_bp, unit_fixed_fen,"
        " person_fixed_fen, person_to_account FROM rates"
        " WHERE from_month <= ? AND (to_month IS NULL OR to_month >= ?) ORDER BY type_code, from_month",
        &in, &out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "enrol.rates", st, &out)) == 0) {
        rr.r.type_code = enrol_code_int(code);
        rr.r.account_bp = to_account ? 10000 : 0;
        if (rd->t.nrates < MAX_RATE_ROWS)
            rd->rate[rd->t.nrates++] = rr;
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

/* read_refdata once per transaction and month range. */
static int load_refdata(struct store *s, struct enrol_ref *ref, int first, int last,
                        const struct ref_tables **t)
{
    if (!ref->have_rd || ref->rd_first != first || ref->rd_last != last) {
        ref->have_rd = 0;
        if (read_refdata(s, first, last, &ref->rd) != 0)
            return STORE_ERR;
        ref->have_rd = 1;
        ref->rd_first = first;
        ref->rd_last = last;
    }
    *t = &ref->rd.t;
    return 0;
}

int enrol_ref_tables(struct store *s, struct enrol_ref *ref, int first, int last,
                     const struct ref_tables **t)
{
    return load_refdata(s, ref, first, last, t);
}

/* persons.name is VARCHAR(100): 400 bytes of UTF-8 at most */

/* The facts of spec §5 that the database holds, for start month S, and the
 * registered name of a person with one base record (spec §10's name rule). The read
 * is one locking read: it sees the latest committed rows even when the
 * caller's transaction (a batch chunk) took its REPEATABLE READ snapshot
 * before store_id_lock waited for a concurrent enrolment of the same ID. */
static int gather_facts(struct store *s, const struct unit *u, const char *id_no, int S,
                        struct enroll_facts *f, int64_t *person_id,
                        char registered[REGISTERED_NAME_MAX])
{
    struct sbind in, out;
    long n = 0;
    int flex = 0, transferred = 0, here = 0, other = 0;

    /* base records: every persons row of the ID; "normally insured for S"
     * (INSURED_FOR_START): an enrolment of any of them, active or ended
     * on/after the 1st of S, in any unit, of any kind (retirees included),
     * covering some month. A base record without such
     * an enrolment joins NULLs, which give NULL or 0 in every MAX() below. */
    sb_init(&in);
    sb_i64(&in, u->id);
    sb_i64(&in, u->id);
    insured_for_start(&in, S);
    sb_str(&in, id_no);
    sb_init(&out);
    sb_out_long(&out, &n);
    sb_out_i64(&out, person_id);
    sb_out_int(&out, &flex);
    sb_out_int(&out, &transferred);
    sb_out_int(&out, &here);
    sb_out_int(&out, &other);
    sb_out_str(&out, registered, REGISTERED_NAME_MAX);
    if (db_query_one(s, "enrol.facts",
        "SELECT " ENROL_FACTS_COLS
        " FROM persons p LEFT JOIN enrolments e"
        " ON e.person_id = p.id AND " INSURED_FOR_START
        " WHERE p.id_no = ? LOCK IN SHARE MODE",
        &in, &out) != 0)
        return STORE_ERR;
    f->base_records = (int)n;
    f->flexible_insured = flex;
    f->transferred_insured = transferred;
    f->insured_this_unit = here;
    f->insured_other_unit = other;
    f->registered_name = n == 1 ? registered : NULL;
    return 0;
}

/* See enrol.h. */
int store_enrol_types(struct store *s, struct enrol_ref *ref, int civil, char (*codes)[4],
                      int *ncodes)
{
    const struct insurance_type *t = ref->types;
    size_t n;
    int k = 0;

    if (!ref->have_types) {
        if (store_insurance_types(s, ref->types, MAX_TYPE_ROWS, &ref->ntypes) != 0)
            return STORE_ERR;
        ref->have_types = 1;
    }
    n = ref->ntypes;
    for (size_t i = 0; i < n && k < ENROL_MAX_TYPES; i++)
        if (t[i].mandatory || (civil && t[i].civil_servant_only && enrol_code_int(t[i].code) == INS_CIVIL))
            memcpy(codes[k++], t[i].code, 4);
    if (k == 0) {
        db_fail(s, "enrol.types", "no insurance types in the reference data");
        return STORE_ERR;
    }
    *ncodes = k;
    return 0;
}

/* The (month, type) of first..last already charged to the person (any unit),
 * of the enrolment's types only: at most MAX_BACKPAY_ROWS. */
static int paid_months(struct store *s, const char *id_no, int first, int last,
                       char (*codes)[4], int ncodes, struct month_type *paid, size_t *npaid)
{
    struct sbind in, out;
    MYSQL_STMT *st;
    char code[4];
    int m, rc;

    *npaid = 0;
    sb_init(&in);
    sb_str(&in, id_no);
    sb_month(&in, first);
    sb_month(&in, last);
    sb_init(&out);
    sb_out_month(&out, &m);
    sb_out_str(&out, code, sizeof code);
    rc = db_query(s, "enrol.paid",
        "SELECT month, type_code FROM contributions WHERE id_no = ? AND month BETWEEN ? AND ?"
        " LOCK IN SHARE MODE",
        &in, &out, &st);
    if (rc != 0)
        return STORE_ERR;
    while ((rc = db_fetch(s, "enrol.paid", st, &out)) == 0) {
        if (m < first || m > last)
            continue;
        for (int k = 0; k < ncodes; k++)
            if (strcmp(codes[k], code) == 0 && *npaid < MAX_BACKPAY_ROWS)
                paid[(*npaid)++] = (struct month_type){ m, enrol_code_int(code) };
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : STORE_ERR;
}

/* The reference data's spelling of a type code. */
const char *enrol_code_str(const struct assessment *a, int type_code)
{
    for (int k = 0; k < a->ntypes; k++)
        if (a->types[k] == type_code)
            return a->codes[k];
    return "";
}

/* The log line of a failed assessment: the reference data is incomplete. */
static int assess_failed(struct store *s, enum charge_err e, const char *which)
{
    char why[128];

    snprintf(why, sizeof why, "%s %s", e == CHARGE_ENOLIMIT ? "no base limits for"
             : e == CHARGE_ENORATE ? "no rate for an insurance type in" : "too many rows for",
             which);
    db_fail(s, "enrol", why);
    return STORE_ERR;
}

/* Reads what the assessment needs (types, limits and rates, the months
 * already charged) and lets the rules assess month C and S..C-1. */
int enrol_assess(struct store *s, struct enrol_ref *ref, const struct unit *u,
                 const struct enrol_input *in, const char *id_no, int C,
                 const struct enrol_paid *pre, struct assessment *a)
{
    const struct ref_tables *t;
    struct month_type paid[MAX_BACKPAY_ROWS];
    struct backpay_in bin;
    enum charge_err e;
    size_t npaid = 0;
    int S = in->start_ym;

    if (store_enrol_types(s, ref, enrol_takes_civil(ENROL_KIND_WORKING, in->civil_servant,
                                                    u->unit_type), a->codes, &a->ntypes) != 0)
        return STORE_ERR;
    for (int k = 0; k < a->ntypes; k++)
        a->types[k] = enrol_code_int(a->codes[k]);
    memset(&bin, 0, sizeof bin);
    if (backpay_range(S, C, &bin.first, &bin.last) > MAX_BACKPAY_MONTHS) {
        db_fail(s, "enrol", "back-payment longer than 120 months");
        return STORE_ERR;
    }
    if (load_refdata(s, ref, S < C ? S : C, C, &t) != 0)
        return STORE_ERR;
    e = charge_month(t, C, in->wage_fen, a->types, (size_t)a->ntypes, &a->month_c);
    if (e != CHARGE_OK)
        return assess_failed(s, e, "the declaration month");
    if (bin.first <= bin.last && pre) {
        /* read for many IDs at once (enrol_batch.c): paid_months' filter */
        for (size_t i = 0; i < pre->n; i++) {
            if (pre->row[i].month < bin.first || pre->row[i].month > bin.last)
                continue;
            for (int k = 0; k < a->ntypes; k++)
                if (strcmp(a->codes[k], pre->row[i].code) == 0 && npaid < MAX_BACKPAY_ROWS)
                    paid[npaid++] = (struct month_type){ pre->row[i].month,
                                                         enrol_code_int(pre->row[i].code) };
        }
    } else if (bin.first <= bin.last &&
        paid_months(s, id_no, bin.first, bin.last, a->codes, a->ntypes, paid, &npaid) != 0)
        return STORE_ERR;
    bin.wage_fen = in->wage_fen;
    bin.types = a->types;
    bin.ntypes = (size_t)a->ntypes;
    bin.charged = paid;
    bin.ncharged = npaid;
    e = backpay_assess(t, &bin, a->rows, MAX_BACKPAY_ROWS, &a->bp);
    return e == CHARGE_OK ? 0 : assess_failed(s, e, "a back-paid month");
}

#define CONTRIB_CHUNK 8

/* Multi-row INSERTs of at most CONTRIB_CHUNK rows: at most CONTRIB_CHUNK
 * prepared statements per connection, a handful of round trips per person. */
static int insert_backpay(struct store *s, const char *id_no, int64_t person_id, int64_t unit_id,
                          long long wage_fen, const struct assessment *a,
                          const struct portal_dt *now)
{
    static const char *const names[CONTRIB_CHUNK + 1] = {
        "", "enrol.contrib1", "enrol.contrib2", "enrol.contrib3", "enrol.contrib4",
        "enrol.contrib5", "enrol.contrib6", "enrol.contrib7", "enrol.contrib8"
    };
    static char sql[CONTRIB_CHUNK + 1][sizeof CONTRIB_COLS + CONTRIB_CHUNK * (sizeof CONTRIB_ROW + 2)];
    struct sbind b[CONTRIB_CHUNK];
    struct totals_row t[CONTRIB_CHUNK];
    size_t n = a->bp.nrows;

    for (size_t done = 0; done < n; ) {
        size_t k = n - done > CONTRIB_CHUNK ? CONTRIB_CHUNK : n - done;
        if (!sql[k][0]) {
            char *p = stpcpy(sql[k], CONTRIB_COLS);
            for (size_t i = 0; i < k; i++)
                p = stpcpy(stpcpy(p, i ? ", " : ""), CONTRIB_ROW);
        }
        for (size_t i = 0; i < k; i++) {
            const struct backpay_row *r = &a->rows[done + i];
            sb_init(&b[i]);
            sb_str(&b[i], id_no);
            sb_month(&b[i], r->month);
            sb_str(&b[i], enrol_code_str(a, r->type_code));
            sb_i64(&b[i], person_id);
            sb_i64(&b[i], unit_id);
            sb_i64(&b[i], wage_fen);    /* as declared: the reports' 职工工资总额 */
            sb_i64(&b[i], r->base_fen);
            sb_i64(&b[i], r->a.unit_fen);
            sb_i64(&b[i], r->a.person_fen);
            sb_i64(&b[i], r->a.account_fen);
            sb_datetime(&b[i], now);
            t[i].month = r->month;
            t[i].type_code = enrol_code_str(a, r->type_code);
            t[i].base_fen = r->base_fen;
            t[i].unit_fen = r->a.unit_fen;
            t[i].person_fen = r->a.person_fen;
            t[i].account_fen = r->a.account_fen;
        }
        int rc = db_exec_rows(s, names[k], sql[k], b, k);
        if (rc != 0)
            return STORE_ERR;   /* a duplicate too: the lock should have made it impossible */
        /* 单位缴费明细查询's totals (store/counts.h) */
        if (store_totals_add(s, unit_id, "补缴", t, k, +1) != 0)
            return STORE_ERR;
        done += k;
    }
    return 0;
}

/* See enrol.h: 单独补缴's assessment and rows. */
int store_backpay_months(struct store *s, const char *id_no, int64_t person_id, int64_t unit_id,
                         const char (*codes)[4], int ncodes, int first, int last,
                         long long wage_fen, const struct portal_dt *now,
                         struct backpay_result *out)
{
    struct assessment *a;
    struct refdata *rd;
    struct month_type *paid;
    struct backpay_in bin;
    enum charge_err e;
    size_t npaid = 0;
    int rc = STORE_ERR;

    memset(out, 0, sizeof *out);
    if (ncodes < 1 || ncodes > ENROL_MAX_TYPES || first > last ||
        last - first + 1 > MAX_BACKPAY_MONTHS) {
        db_fail(s, "backpay.assess", "no types or a range beyond 120 months");
        return STORE_ERR;
    }
    a = calloc(1, sizeof *a);
    rd = calloc(1, sizeof *rd);
    paid = calloc(MAX_BACKPAY_ROWS, sizeof *paid);
    if (!a || !rd || !paid) {
        db_fail(s, "backpay.assess", "out of memory");
        goto out;
    }
    a->ntypes = ncodes;
    for (int k = 0; k < ncodes; k++) {
        memcpy(a->codes[k], codes[k], 4);
        a->types[k] = enrol_code_int(codes[k]);
    }
    if (read_refdata(s, first, last, rd) != 0 ||
        paid_months(s, id_no, first, last, a->codes, a->ntypes, paid, &npaid) != 0)
        goto out;
    memset(&bin, 0, sizeof bin);
    bin.first = first;
    bin.last = last;
    bin.wage_fen = wage_fen;
    bin.types = a->types;
    bin.ntypes = (size_t)a->ntypes;
    bin.charged = paid;
    bin.ncharged = npaid;
    e = backpay_assess(&rd->t, &bin, a->rows, MAX_BACKPAY_ROWS, &a->bp);
    if (e != CHARGE_OK) {
        assess_failed(s, e, "a back-paid month");
        goto out;
    }
    if (a->bp.nrows > 0 && insert_backpay(s, id_no, person_id, unit_id, wage_fen, a, now) != 0)
        goto out;
    *out = a->bp;
    rc = 0;
out:
    free(a);
    free(rd);
    free(paid);
    return rc;
}

/* The enrolment's declarations (one or two) in one INSERT, in order; *first_id
 * gets the first one's id (a multi-row INSERT numbers its rows in order). */
static int add_declarations(struct store *s, const struct unit *u, int period, const char *id_no,
                            const char *name, const char *operator_name, int64_t job_id,
                            const struct portal_dt *now, const struct declaration *d, size_t n,
                            int64_t *first_id)
{
    static const char *const names[3] = { "", "enrol.declaration1", "enrol.declaration2" };
    static const char *const sql[3] = { "", DECL_INSERT " VALUES " DECL_VALUES,
                                        DECL_INSERT " VALUES " DECL_VALUES ", " DECL_VALUES };
    struct sbind b[2];

    if (n < 1 || n > 2) {
        db_fail(s, "enrol.declaration", "one or two declarations per enrolment");
        return STORE_ERR;
    }
    if (store_check_dirty(s, u->id, id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    for (size_t i = 0; i < n; i++) {
        const struct decl_new one = {u->id, d[i].type, period, id_no, name, operator_name, job_id,
                                     now, d[i].result, NULL, d[i].after_json, 0};
        store_declaration_bind(s, &b[i], &one);
    }
    if (db_exec_rows(s, names[n], sql[n], b, n) != 0)
        return STORE_ERR;
    *first_id = (int64_t)mysql_stmt_insert_id(db_stmt(s, names[n], sql[n]));
    return 0;
}

/* The result's message and its text; res->ok is the caller's. */
void enrol_set_msg(struct enrol_result *res, enum msg_id id, const struct policy *p)
{
    res->msg = id;
    if (msg_policy_text(id, p, res->text, sizeof res->text) != 0)
        snprintf(res->text, sizeof res->text, "%s", msg_text(id));
}

const char *enrol_input_person_type(const struct enrol_input *in)
{
    return enrol_person_type(ENROL_KIND_WORKING, in->civil_servant);
}

static void json_kmonth(struct json *j, const char *key, int ym)
{
    char m[8];
    format_month(m, ym);
    json_kstr(j, key, m);
}

static void json_kfen(struct json *j, const char *key, long long fen)
{
    char yuan[FORMAT_FEN_MAX];
    format_fen(yuan, sizeof yuan, fen);
    json_kstr(j, key, yuan);
}

/* The after data of the 参保人员增员申报 declaration. */
int enrol_json(char *buf, size_t n, const struct enrol_input *in,
                      const struct enrol_result *res, const struct assessment *a)
{
    static const char *const clamp_names[] = { "none", "lower", "upper" };
    struct json j;

    json_init(&j, buf, n);
    json_object(&j);
    json_kmonth(&j, "start_month", in->start_ym);
    json_kmonth(&j, "period", res->current_ym);
    json_kfen(&j, "wage", in->wage_fen);
    json_kfen(&j, "base", res->base_fen);
    json_kfen(&j, "lower", res->lower_fen);
    json_kfen(&j, "upper", res->upper_fen);
    json_kstr(&j, "clamp", clamp_names[res->clamp == CLAMP_LOWER ? 1 : res->clamp == CLAMP_UPPER ? 2 : 0]);
    json_kstr(&j, "person_type", enrol_input_person_type(in));
    json_key(&j, "types");
    json_array(&j);
    for (int k = 0; k < a->ntypes; k++)
        json_str(&j, a->codes[k]);
    json_close(&j);
    json_kint(&j, "backpay_months", res->months_assessed);
    json_kfen(&j, "backpay_total", res->backpay_total_fen);
    json_key(&j, "monthly");   /* month C's amounts per type (the result page's table) */
    json_array(&j);
    for (int k = 0; k < a->ntypes; k++) {
        json_object(&j);
        json_kstr(&j, "type", a->codes[k]);
        json_kfen(&j, "unit", res->monthly[k].unit_fen);
        json_kfen(&j, "person", res->monthly[k].person_fen);
        json_close(&j);
    }
    json_close(&j);
    json_close(&j);
    return json_end(&j);
}

/* The after data of the 职工补缴核定 declaration. */
int enrol_backpay_json(char *buf, size_t n, const struct enrol_result *res)
{
    struct json j;

    json_init(&j, buf, n);
    json_object(&j);
    json_kmonth(&j, "from", res->first_ym);
    json_kmonth(&j, "to", res->last_ym);
    json_kint(&j, "months", res->months_assessed);
    json_kint(&j, "rows", res->backpay_rows);
    json_kfen(&j, "total", res->backpay_total_fen);
    json_close(&j);
    return json_end(&j);
}

/* The base record (when there is none), the enrolments, the declared wage. */
static int write_person(struct store *s, const struct unit *u, const struct enrol_input *in,
                        const struct enrol_result *res, const struct assessment *a,
                        const struct portal_dt *now, int64_t *person_id)
{
    struct enrolment_new e;

    if (*person_id == 0) {
        struct person_new pn;
        memset(&pn, 0, sizeof pn);
        pn.id_no = res->id_no;
        pn.name = in->name;
        pn.male = res->male;
        pn.birth = res->birth;
        pn.phone = in->phone;
        pn.retire_ym = -1;
        pn.category = in->civil_servant ? "公务员" : "职工";
        if (store_person_add(s, &pn, now, person_id) != 0)
            return STORE_ERR;
    }
    memset(&e, 0, sizeof e);
    e.person_id = *person_id;
    e.unit_id = u->id;
    e.kind = enrol_kind_name(ENROL_KIND_WORKING);
    e.person_type = enrol_input_person_type(in);
    e.start_ym = in->start_ym;
    if (store_enrolments_add(s, &e, (const char (*)[4])a->codes, (size_t)a->ntypes, now) != 0)
        return STORE_ERR;
    return store_wage_add(s, *person_id, u->id, res->current_ym, in->wage_fen, now);
}

/* See enrol_impl.h. */
int enrol_decl_build(struct store *s, const struct enrol_input *in, const struct enrol_result *res,
                     const struct assessment *a, struct enrol_decl_text *t,
                     struct declaration *decl, size_t *ndecl)
{
    char total[FORMAT_FEN_MAX], mfirst[8], mlast[8];

    *ndecl = 0;
    if (enrol_json(t->json, sizeof t->json, in, res, a) != 0) {
        db_fail(s, "enrol", "declaration data too long");
        return STORE_ERR;
    }
    decl[(*ndecl)++] = (struct declaration){ "参保人员增员申报", res->text, t->json };
    if (res->months_assessed > 0) {
        format_fen(total, sizeof total, res->backpay_total_fen);
        format_month(mfirst, res->first_ym);
        format_month(mlast, res->last_ym);
        snprintf(t->detail, sizeof t->detail, "补缴%s至%s,共%d个月,%d条,补缴金额合计%s元",
                 mfirst, mlast, res->months_assessed, res->backpay_rows, total);
        if (enrol_backpay_json(t->backpay, sizeof t->backpay, res) != 0) {
            db_fail(s, "enrol", "declaration data too long");
            return STORE_ERR;
        }
        decl[(*ndecl)++] = (struct declaration){ "职工补缴核定", t->detail, t->backpay };
    }
    return 0;
}

/* 参保人员增员申报 and, when months were assessed, 职工补缴核定. */
static int write_declarations(struct store *s, const struct unit *u, const struct enrol_input *in,
                              const struct enrol_result *res, const struct assessment *a,
                              const char *operator_name, int64_t job_id,
                              const struct portal_dt *now, int64_t *decl_id)
{
    struct declaration decl[2];
    struct enrol_decl_text t;
    size_t ndecl = 0;

    if (enrol_decl_build(s, in, res, a, &t, decl, &ndecl) != 0)
        return STORE_ERR;
    return add_declarations(s, u, res->current_ym, res->id_no, in->name, operator_name, job_id,
                            now, decl, ndecl, decl_id);
}

/* The result of a successful enrolment (before its declarations). */
void enrol_set_result(struct enrol_result *res, const struct assessment *a, const struct policy *p)
{
    res->lower_fen = a->month_c.lower_fen;
    res->upper_fen = a->month_c.upper_fen;
    res->base_fen = a->month_c.base_fen;
    res->clamp = a->month_c.clamp;
    res->ntypes = a->ntypes;
    for (int k = 0; k < a->ntypes; k++) {
        res->type_code[k] = a->types[k];
        res->monthly[k] = a->month_c.amounts[k];
    }
    res->months_assessed = a->bp.months_assessed;
    res->first_ym = a->bp.first_ym;
    res->last_ym = a->bp.last_ym;
    res->backpay_total_fen = a->bp.total_fen;
    res->backpay_rows = (int)a->bp.nrows;
    enrol_set_msg(res, enroll_success_msg(res->months_assessed), p);
    res->ok = 1;
}

/* The assessment (rules) and the writes of a successful enrolment. */
static int write_enrolment(struct store *s, struct enrol_ref *ref, const struct unit *u,
                           const struct enrol_input *in, const struct policy *p,
                           const struct portal_dt *now,
                           const char *operator_name, int64_t job_id, int64_t person_id,
                           struct enrol_result *res)
{
    struct assessment a;

    if (enrol_assess(s, ref, u, in, res->id_no, res->current_ym, NULL, &a) != 0)
        return STORE_ERR;
    if (write_person(s, u, in, res, &a, now, &person_id) != 0)
        return STORE_ERR;
    if (a.bp.nrows > 0 && insert_backpay(s, res->id_no, person_id, u->id, in->wage_fen, &a, now) != 0)
        return STORE_ERR;
    enrol_set_result(res, &a, p);
    return write_declarations(s, u, in, res, &a, operator_name, job_id, now, &res->decl_id);
}

int store_enrol_in_tx(struct store *s, const struct unit *u, const struct enrol_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, int64_t job_id, struct enrol_result *res)
{
    struct enrol_ref ref;   /* nothing cached: read as the operation needs it */

    memset(&ref, 0, sizeof ref);
    return store_enrol_in_tx_ref(s, &ref, u, in, p, now, operator_name, job_id, res);
}

int enrol_stage1(const struct unit *u, const struct enrol_input *in, const struct policy *p,
                 const struct portal_dt *now, struct enroll_facts *f, struct enrol_result *res)
{
    struct id_info info;
    enum msg_id decided;

    memset(res, 0, sizeof *res);
    res->wage_fen = in->wage_fen;
    res->current_ym = enroll_input_facts(p, now, in->id_no, in->start_ym, f, res->id_no, &info);
    if (f->id == ID_OK) {
        res->male = info.male;
        res->birth = info.birth;
    } else {
        res->id_no[0] = '\0';   /* also for a birth after today */
    }
    decided = enroll_decide_input(f);
    if (decided != MSG_OK) {
        enrol_set_msg(res, decided, p);
        return 1;
    }
    if (in->civil_servant && !unit_is_public(u->unit_type)) {
        enrol_set_msg(res, MSG_BAD_REQUEST, p);
        return 1;
    }
    if (in->wage_fen < 0 || !in->name || !*in->name) {
        enrol_set_msg(res, MSG_BAD_REQUEST, p);
        return 1;
    }
    return 0;
}

int store_enrol_in_tx_ref(struct store *s, struct enrol_ref *ref, const struct unit *u,
                          const struct enrol_input *in, const struct policy *p,
                          const struct portal_dt *now, const char *operator_name,
                          int64_t job_id, struct enrol_result *res)
{
    struct policy def;
    struct enroll_facts f;
    int64_t person_id = 0;
    enum msg_id decided;
    char registered[REGISTERED_NAME_MAX];

    if (!p) {
        policy_default(&def);
        p = &def;
    }
    /* stage 1, the rules that need no database */
    if (enrol_stage1(u, in, p, now, &f, res) != 0)
        return 0;

    /* stage 2, over the facts the database holds */
    if (store_id_lock(s, res->id_no) != 0)
        return STORE_ERR;
    f.name = in->name;
    if (gather_facts(s, u, res->id_no, in->start_ym, &f, &person_id, registered) != 0)
        return STORE_ERR;
    decided = enroll_decide_facts(&f);
    if (decided != MSG_OK) {
        enrol_set_msg(res, decided, p);
        return 0;
    }
    if (write_enrolment(s, ref, u, in, p, now, operator_name, job_id,
                        f.base_records == 1 ? person_id : 0, res) != 0) {
        res->ok = 0;
        return STORE_ERR;
    }
    return 0;
}

static int enrol_once(struct store *s, const struct unit *u, const struct enrol_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, struct enrol_result *res)
{
    int rc;

    if (store_begin(s) != 0)
        return STORE_ERR;
    rc = store_enrol_in_tx(s, u, in, p, now, operator_name, 0, res);
    if (rc != 0 || !res->ok) {
        /* a rule failure writes nothing, not even the id_locks row */
        if (store_rollback(s) != 0 && rc == 0)
            return STORE_ERR;
        return rc;
    }
    if (store_commit(s) != 0) {
        store_rollback(s);
        res->ok = 0;
        return STORE_ERR;
    }
    return 0;
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct enrol_call {
    const struct unit *u;
    const struct enrol_input *in;
    const struct policy *p;
    const struct portal_dt *now;
    const char *operator_name;
    struct enrol_result *res;
};

static int enrol_tx(struct store *s, void *arg)
{
    struct enrol_call *c = arg;

    return enrol_once(s, c->u, c->in, c->p, c->now, c->operator_name, c->res);
}

int store_enrol(struct store *s, const struct unit *u, const struct enrol_input *in,
                const struct policy *p, const struct portal_dt *now,
                const char *operator_name, struct enrol_result *res)
{
    struct enrol_call c = {u, in, p, now, operator_name, res};

    return store_tx(s, enrol_tx, &c);
}
