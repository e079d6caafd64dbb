/* adjust — 零星基数调整 (spec §7a); see adjust.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/adjust.h"
#include "store/backpay.h"
#include "store/counts.h"
#include "store/check.h"
#include "store/db.h"
#include "store/declarations.h"
#include "store/enrol.h"
#include "store/json.h"
#include "store/wages.h"

/* F..C-1 is at most 24 months (F not before January of C-1's year) */
#define ADJUST_MAX_ROWS (24 * ENROL_MAX_TYPES)

struct have_rows {
    struct adjust_have h[ADJUST_MAX_ROWS];
    char code[ADJUST_MAX_ROWS][4];
    size_t n;
    struct adjust_row d[ADJUST_MAX_ROWS];
    size_t nd;
};

static int code_int(const char *code)
{
    int v = 0;
    for (; *code >= '0' && *code <= '9'; code++)
        v = v * 10 + (*code - '0');
    return v;
}

static const char *code_of(const struct have_rows *h, int type_code)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->h[i].type_code == type_code)
            return h->code[i];
    return "";
}

/* What this unit's rows of F..C-1 add up to, per (month, type). */
static int read_have(struct store *s, const char *id_no, int64_t unit_id, int first, int last,
                     struct have_rows *h)
{
    static const char *const name = "adjust.have";
    struct sbind in, out;
    struct adjust_have r;
    char code[4];
    MYSQL_STMT *st;
    int rc;

    h->n = 0;
    memset(&r, 0, sizeof r);
    sb_init(&in);
    sb_str(&in, id_no);
    sb_i64(&in, unit_id);
    sb_month(&in, first);
    sb_month(&in, last);
    sb_init(&out);
    sb_out_month(&out, &r.month);
    sb_out_str(&out, code, sizeof code);
    sb_out_i64(&out, (int64_t *)&r.wage_fen);
    sb_out_i64(&out, (int64_t *)&r.base_fen);
    sb_out_i64(&out, (int64_t *)&r.unit_fen);
    sb_out_i64(&out, (int64_t *)&r.person_fen);
    sb_out_i64(&out, (int64_t *)&r.account_fen);
    rc = db_query(s, name,
        "SELECT month, type_code, SUM(COALESCE(wage_fen, base_fen)), SUM(base_fen), SUM(unit_fen),"
        " SUM(person_fen), SUM(account_fen) FROM contributions"
        " WHERE id_no = ? AND unit_id = ? AND month BETWEEN ? AND ?"
        " GROUP BY month, type_code ORDER BY month, type_code", &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, name, st, &out)) == 0) {
        if (h->n == ADJUST_MAX_ROWS) {
            db_done(st);
            db_fail(s, name, "more (month, type) rows than F..C-1 holds");
            return STORE_ERR;
        }
        r.type_code = code_int(code);
        memcpy(h->code[h->n], code, 4);
        h->h[h->n++] = r;
    }
    db_done(st);
    return rc == STORE_ERR ? STORE_ERR : 0;
}

#define DIFF_SQL "INSERT INTO contributions (id_no, month, type_code, person_id, unit_id," \
    " payment_type, wage_fen, base_fen, unit_fen, person_fen, account_fen, interest_fen," \
    " late_fee_fen, created_at) VALUES (?, ?, ?, ?, ?, '补差', ?, ?, ?, ?, ?, 0, 0, ?)"

/* The 补差 rows and the unit's totals. */
static int insert_differences(struct store *s, const char *id_no, int64_t person_id,
                              int64_t unit_id, const struct have_rows *h,
                              const struct portal_dt *now)
{
    for (size_t i = 0; i < h->nd; i++) {
        const struct adjust_row *d = &h->d[i];
        struct totals_row t;
        struct sbind in;

        sb_init(&in);
        sb_str(&in, id_no);
        sb_month(&in, d->month);
        sb_str(&in, code_of(h, d->type_code));
        sb_i64(&in, person_id);
        sb_i64(&in, unit_id);
        sb_i64(&in, d->wage_fen);
        sb_i64(&in, d->base_fen);
        sb_i64(&in, d->a.unit_fen);
        sb_i64(&in, d->a.person_fen);
        sb_i64(&in, d->a.account_fen);
        sb_datetime(&in, now);
        t.month = d->month;
        t.type_code = code_of(h, d->type_code);
        t.base_fen = d->base_fen;
        t.unit_fen = d->a.unit_fen;
        t.person_fen = d->a.person_fen;
        t.account_fen = d->a.account_fen;
        if (db_exec(s, "adjust.insert", DIFF_SQL, &in, NULL, NULL) != 0 ||
            store_totals_add(s, unit_id, "补差", &t, 1, +1) != 0)
            return STORE_ERR;
    }
    return 0;
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

static int before_json(char *buf, size_t cap, int F, int has_old, long long old_fen)
{
    struct json j;

    json_init(&j, buf, cap);
    json_object(&j);
    json_kstr(&j, "kind", "零星基数调整");
    json_kmonth(&j, "from_month", F);
    if (has_old)
        json_kfen(&j, "wage", old_fen);
    else
        json_kstr(&j, "wage", NULL);
    json_close(&j);
    return json_end(&j);
}

static int after_json(char *buf, size_t cap, int F, long long fen, const struct have_rows *h,
                      long long total)
{
    struct json j;

    json_init(&j, buf, cap);
    json_object(&j);
    json_kstr(&j, "kind", "零星基数调整");
    json_kmonth(&j, "from_month", F);
    json_kfen(&j, "wage", fen);
    json_key(&j, "differences");
    json_array(&j);
    for (size_t i = 0; i < h->nd; i++) {
        json_object(&j);
        json_kmonth(&j, "month", h->d[i].month);
        json_kstr(&j, "type", code_of(h, h->d[i].type_code));
        json_kfen(&j, "base", h->d[i].base_fen);
        json_kfen(&j, "unit", h->d[i].a.unit_fen);
        json_kfen(&j, "person", h->d[i].a.person_fen);
        json_close(&j);
    }
    json_close(&j);
    json_kfen(&j, "total", total);
    json_close(&j);
    return json_end(&j);
}

static int write_declaration(struct store *s, const struct unit *u, int C,
                             const struct adjust_result *res, const char *operator_name,
                             const struct portal_dt *now, const char *result,
                             const char *before, const char *after, int64_t *decl_id)
{
    if (store_check_dirty(s, u->id, res->id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    const struct decl_new d = {u->id, "缴费申报与变更", C, res->id_no, res->name, operator_name, 0,
                               now, result, before, after, 0};
    return store_declaration_add(s, "adjust.declaration", &d, decl_id);
}

/* The differences of F..C-1 (rules) and their rows. */
static int differences(struct store *s, const struct adjust_input *in, const char *id_no,
                       int64_t person_id, int64_t unit_id, int C, struct have_rows *h,
                       const struct portal_dt *now)
{
    struct enrol_ref *ref = NULL;
    const struct ref_tables *t;
    enum charge_err e;
    int bad = 0, rc = STORE_ERR;

    h->nd = 0;
    if (in->from_ym > C - 1)
        return 0;                       /* F = C: no month charged yet */
    if (read_have(s, id_no, unit_id, in->from_ym, C - 1, h) != 0)
        return STORE_ERR;
    if (h->n == 0)
        return 0;
    if (enrol_ref_new(&ref) != 0 || enrol_ref_tables(s, ref, in->from_ym, C - 1, &t) != 0)
        goto out;
    e = adjust_differences(t, in->wage_fen, h->h, h->n, h->d, ADJUST_MAX_ROWS, &h->nd, &bad);
    if (e != CHARGE_OK) {
        db_fail(s, "adjust", "no limits or rates for a month of F..C-1");
        goto out;
    }
    rc = insert_differences(s, id_no, person_id, unit_id, h, now);
out:
    enrol_ref_free(&ref);
    return rc;
}

static int adjust_in_tx(struct store *s, const struct unit *u, const struct adjust_input *in,
                        const struct policy *p, const struct portal_dt *now,
                        const char *operator_name, struct adjust_result *res,
                        struct have_rows *h)
{
    struct decl_state ds;
    struct adjust_facts f;
    char codes[ENROL_MAX_TYPES][4];
    int ncodes = 0, has_old = 0;
    int64_t person_id = 0;
    long count = 0;
    long long old_fen = 0, total = 0;
    char before[512], after[16384], result[MSG_TEXT_MAX], fm[8], w[FORMAT_FEN_MAX];

    decl_state_at(p, now, &ds);
    if (!ds.window_open) {
        res->msg = MSG_WINDOW_CLOSED;
        return 0;
    }
    if (id_check(in->id_no, res->id_no, NULL) != ID_OK) {
        res->id_no[0] = '\0';
        res->msg = MSG_ID_INVALID;
        return 0;
    }
    memset(&f, 0, sizeof f);
    f.F = in->from_ym;
    f.C = ds.month;
    f.base_records = 1;
    f.insured_here = 1;
    f.start = f.F;
    res->msg = adjust_decide(&f);       /* F's own rules, before the facts */
    if (res->msg != MSG_OK)
        return 0;
    if (store_id_lock(s, res->id_no) != 0 ||
        store_person_one(s, res->id_no, &count, &person_id, res->name, sizeof res->name) != 0)
        return STORE_ERR;
    f.base_records = count > 1 ? 2 : (int)count;
    if (count == 1 &&
        store_insured_here(s, person_id, u->id, ds.month, &f.start, codes, &ncodes) != 0)
        return STORE_ERR;
    f.insured_here = ncodes > 0;
    res->msg = adjust_decide(&f);
    if (res->msg != MSG_OK)
        return 0;

    if (store_wage_in_force(s, person_id, u->id, f.F, &old_fen, &has_old) != 0 ||
        differences(s, in, res->id_no, person_id, u->id, ds.month, h, now) != 0 ||
        store_wage_adjust_write(s, person_id, u->id, f.F, in->wage_fen, now) != 0)
        return STORE_ERR;
    for (size_t i = 0; i < h->nd; i++)
        total += h->d[i].a.unit_fen + h->d[i].a.person_fen;
    format_month(fm, f.F);
    format_fen(w, sizeof w, in->wage_fen);
    if (msg_format(result, sizeof result, MSG_ADJUST_RESULT, fm, w) != 0)
        result[0] = '\0';
    if (before_json(before, sizeof before, f.F, has_old, old_fen) != 0 ||
        after_json(after, sizeof after, f.F, in->wage_fen, h, total) != 0) {
        db_fail(s, "adjust", "declaration data too long");
        return STORE_ERR;
    }
    if (write_declaration(s, u, ds.month, res, operator_name, now, result, before, after,
                          &res->decl_id) != 0)
        return STORE_ERR;
    res->rows = (int)h->nd;
    res->total_fen = total;
    res->msg = MSG_ADJUST_OK;
    res->ok = 1;
    return 0;
}

/* store_tx_ok: the whole transaction again on a certification conflict (1213). */
struct wage_adjust_call {
    const struct unit *u;
    const struct adjust_input *in;
    const struct policy *p;
    const struct portal_dt *now;
    const char *operator_name;
    struct adjust_result *res;
    struct have_rows *h;
};

static int wage_adjust_tx(struct store *s, void *arg)
{
    struct wage_adjust_call *c = arg;

    memset(c->res, 0, sizeof *c->res);
    memset(c->h, 0, sizeof *c->h);
    return adjust_in_tx(s, c->u, c->in, c->p, c->now, c->operator_name, c->res, c->h) != 0
           ? STORE_ERR : 0;
}

int store_wage_adjust(struct store *s, const struct unit *u, const struct adjust_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, struct adjust_result *res)
{
    struct wage_adjust_call c = {u, in, p, now, operator_name, res, NULL};
    int rc;

    memset(res, 0, sizeof *res);
    if (in->wage_fen <= 0) {
        db_fail(s, "adjust", "wage not positive");
        return STORE_ERR;
    }
    c.h = calloc(1, sizeof *c.h);
    if (!c.h) {
        db_fail(s, "adjust", "out of memory");
        return STORE_ERR;
    }
    rc = store_tx_ok(s, wage_adjust_tx, &c, &res->ok) != 0 ? STORE_ERR : 0;
    free(c.h);
    if (rc == 0)
        msg_policy_text(res->msg, p, res->text, sizeof res->text);
    return rc;
}
