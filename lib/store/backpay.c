/* backpay — 补缴删除 (spec §7a); see backpay.h. */
#include <stdio.h>
#include <string.h>
#include "store/backpay.h"
#include "store/counts.h"
#include "store/check.h"
#include "store/db.h"
#include "store/declarations.h"
#include "store/enrol.h"
#include "store/insured.h"
#include "store/json.h"

#define DELETE_MAX_MONTHS 64     /* see charged_months() */
#define DELETE_MAX_ROWS 128      /* a run of current-period months (<= backpay_max) x types */

int store_backpay_list(struct store *s, int64_t unit_id, int C, int backpay_max,
                       const struct portal_dt *opens, backpay_listed_fn fn, void *arg)
{
    static const char *const name = "backpay.list";
    struct sbind in, out;
    struct backpay_listed m;
    MYSQL_STMT *st;
    int rc;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_month(&in, C - backpay_max);
    sb_month(&in, C);
    sb_datetime(&in, opens);
    sb_init(&out);
    sb_out_str(&out, m.id_no, sizeof m.id_no);
    sb_out_str(&out, m.name, sizeof m.name);
    sb_out_month(&out, &m.month);
    sb_out_long(&out, &m.types);
    sb_out_i64(&out, &m.total_fen);
    /* ix_contributions_unit_report (023) narrows to the unit and the months */
    rc = db_query(s, name,
        "SELECT c.id_no, MIN(p.name), c.month, COUNT(*), SUM(c.unit_fen + c.person_fen)"
        " FROM contributions c JOIN persons p ON p.id = c.person_id"
        " WHERE c.unit_id = ? AND c.month >= ? AND c.month < ? AND c.payment_type = '补缴'"
        " AND c.created_at >= ?"
        " GROUP BY c.id_no, c.month ORDER BY c.id_no, c.month", &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, name, st, &out)) == 0)
        if (fn(&m, arg) != 0) {
            rc = STORE_ERR;
            break;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

/* The person's latest enrolment in this unit (kind 在职): its start and end
 * (end.y == 0: none). STORE_NOTFOUND when there is none. */
static int latest_enrolment(struct store *s, int64_t person_id, int64_t unit_id, int *start,
                            struct ymd *end)
{
    struct sbind in, out;

    sb_init(&in);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    sb_init(&out);
    sb_out_month(&out, start);
    sb_out_date(&out, end);
    return db_query_one(s, "backpay.enrolment",
        "SELECT start_month, end_date FROM enrolments"
        " WHERE person_id = ? AND unit_id = ? AND kind = '在职'"
        " ORDER BY start_month DESC, id DESC LIMIT 1", &in, &out);
}

/* The months this unit charged for the enrolment (from its start), at most
 * DELETE_MAX_MONTHS: a run of current-period months is at most backpay_max
 * long, so a longer list only adds months the rule refuses anyway. */
static int charged_months(struct store *s, const char *id_no, int64_t unit_id, int start,
                          const struct portal_dt *opens, struct charged_month *m, size_t *n)
{
    static const char *const name = "backpay.months";
    struct sbind in, out;
    struct charged_month row;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    sb_init(&in);
    sb_datetime(&in, opens);
    sb_str(&in, id_no);
    sb_i64(&in, unit_id);
    sb_month(&in, start);
    sb_init(&out);
    sb_out_month(&out, &row.month);
    sb_out_int(&out, &row.backpay);
    sb_out_int(&out, &row.this_period);
    rc = db_query(s, name,
        "SELECT month, MIN(payment_type = '补缴'), MIN(created_at >= ?) FROM contributions"
        " WHERE id_no = ? AND unit_id = ? AND month >= ? GROUP BY month ORDER BY month"
        " LIMIT 64", &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, name, st, &out)) == 0 && *n < DELETE_MAX_MONTHS)
        m[(*n)++] = row;
    db_done(st);
    return rc == STORE_ERR ? STORE_ERR : 0;
}

struct deleted_row {
    struct totals_row t;
    char code[4];
};

/* The rows the run deletes. */
static int run_rows(struct store *s, const char *id_no, int64_t unit_id, int from, int to,
                    struct deleted_row *rows, size_t *n)
{
    static const char *const name = "backpay.rows";
    struct sbind in, out;
    struct deleted_row r;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    memset(&r, 0, sizeof r);
    sb_init(&in);
    sb_str(&in, id_no);
    sb_i64(&in, unit_id);
    sb_month(&in, from);
    sb_month(&in, to);
    sb_init(&out);
    sb_out_month(&out, &r.t.month);
    sb_out_str(&out, r.code, sizeof r.code);
    sb_out_i64(&out, &r.t.base_fen);
    sb_out_i64(&out, &r.t.unit_fen);
    sb_out_i64(&out, &r.t.person_fen);
    sb_out_i64(&out, &r.t.account_fen);
    rc = db_query(s, name,
        "SELECT month, type_code, base_fen, unit_fen, person_fen, account_fen FROM contributions"
        " WHERE id_no = ? AND unit_id = ? AND payment_type = '补缴' AND month BETWEEN ? AND ?"
        " ORDER BY month, type_code FOR UPDATE", &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, name, st, &out)) == 0) {
        if (*n == DELETE_MAX_ROWS) {
            db_done(st);
            db_fail(s, name, "more rows than a run of back-paid months holds");
            return STORE_ERR;
        }
        rows[(*n)++] = r;
    }
    db_done(st);
    for (size_t i = 0; i < *n; i++)
        rows[i].t.type_code = rows[i].code;
    return rc == STORE_ERR ? STORE_ERR : 0;
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

static void json_kend(struct json *j, struct ymd end)
{
    char d[11];
    if (end.y) {
        format_date(d, end);
        json_kstr(j, "end_date", d);
    } else
        json_kstr(j, "end_date", NULL);
}

/* Before: the enrolment and every deleted row with its amounts. */
static int before_json(char *buf, size_t cap, int start, struct ymd end,
                       const struct deleted_row *rows, size_t n)
{
    struct json j;
    long long total = 0;

    json_init(&j, buf, cap);
    json_object(&j);
    json_kmonth(&j, "start_month", start);
    json_kend(&j, end);
    json_key(&j, "deleted");
    json_array(&j);
    for (size_t i = 0; i < n; i++) {
        json_object(&j);
        json_kmonth(&j, "month", rows[i].t.month);
        json_kstr(&j, "type", rows[i].code);
        json_kfen(&j, "base", rows[i].t.base_fen);
        json_kfen(&j, "unit", rows[i].t.unit_fen);
        json_kfen(&j, "person", rows[i].t.person_fen);
        json_close(&j);
        total += rows[i].t.unit_fen + rows[i].t.person_fen;
    }
    json_close(&j);
    json_kfen(&j, "total", total);
    json_close(&j);
    return json_end(&j);
}

/* After: the enrolment (or that it was removed), nothing of the run left. */
static int after_json(char *buf, size_t cap, const struct backpay_delete_out *d, struct ymd end)
{
    struct json j;

    json_init(&j, buf, cap);
    json_object(&j);
    if (d->remove)
        json_kstr(&j, "enrolment", "参保记录已删除(未覆盖任何月份)");
    else {
        json_kmonth(&j, "start_month", d->new_start);
        json_kend(&j, end);
    }
    json_kfen(&j, "total", 0);
    json_close(&j);
    return json_end(&j);
}

static int write_declaration(struct store *s, const struct unit *u, int C,
                             const struct backpay_delete_result *res, const char *operator_name,
                             const struct portal_dt *now, const char *result,
                             const char *before, const char *after, int64_t *decl_id)
{
    if (store_check_dirty(s, u->id, res->id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    const struct decl_new d = {u->id, "补缴删除", C, res->id_no, res->name, operator_name, 0, now,
                               result, before, after, 0};
    return store_declaration_add(s, "backpay.declaration", &d, decl_id);
}

/* The deletion itself: rows, the enrolment, counts and totals. */
static int delete_run(struct store *s, int64_t unit_id, int64_t person_id, const char *id_no,
                      const struct backpay_delete_input *in, int start,
                      const struct backpay_delete_out *d, const struct deleted_row *rows,
                      size_t n, const struct portal_dt *now)
{
    struct sbind del, enr;
    struct totals_row t[DELETE_MAX_ROWS];

    for (size_t i = 0; i < n; i++)
        t[i] = rows[i].t;
    sb_init(&del);
    sb_str(&del, id_no);
    sb_i64(&del, unit_id);
    sb_month(&del, in->from);
    sb_month(&del, in->to);
    sb_init(&enr);
    if (!d->remove) {
        sb_month(&enr, d->new_start);
        sb_datetime(&enr, now);
    }
    sb_i64(&enr, person_id);
    sb_i64(&enr, unit_id);
    sb_month(&enr, start);
    if (store_unit_counts_person(s, unit_id, person_id, -1) != 0 ||
        db_exec(s, "backpay.delete",
            "DELETE FROM contributions WHERE id_no = ? AND unit_id = ? AND payment_type = '补缴'"
            " AND month BETWEEN ? AND ?", &del, NULL, NULL) != 0 ||
        store_totals_add(s, unit_id, "补缴", t, n, -1) != 0)
        return STORE_ERR;
    if (d->remove ?
        db_exec(s, "backpay.remove",
            "DELETE FROM enrolments WHERE person_id = ? AND unit_id = ? AND kind = '在职'"
            " AND start_month = ?", &enr, NULL, NULL) != 0 :
        db_exec(s, "backpay.move",
            "UPDATE enrolments SET start_month = ?, updated_at = ?"
            " WHERE person_id = ? AND unit_id = ? AND kind = '在职' AND start_month = ?",
            &enr, NULL, NULL) != 0)
        return STORE_ERR;
    return store_unit_counts_person(s, unit_id, person_id, +1);
}

/* The person (exactly one base record): id and name. */
int store_person_one(struct store *s, const char *id_no, long *count, int64_t *person_id,
                       char *name, size_t name_size)
{
    struct sbind in, out;

    if (store_person_count(s, id_no, count) != 0)
        return STORE_ERR;
    if (*count != 1)
        return 0;
    sb_init(&in);
    sb_str(&in, id_no);
    sb_init(&out);
    sb_out_i64(&out, person_id);
    sb_out_str(&out, name, name_size);
    return db_query_one(s, "backpay.person", "SELECT id, name FROM persons WHERE id_no = ?",
                        &in, &out) == 0 ? 0 : STORE_ERR;
}

static int delete_in_tx(struct store *s, const struct unit *u,
                        const struct backpay_delete_input *in, const struct policy *p,
                        const struct portal_dt *now, const char *operator_name,
                        struct backpay_delete_result *res)
{
    struct decl_state ds;
    struct charged_month months[DELETE_MAX_MONTHS];
    static struct deleted_row rows[DELETE_MAX_ROWS];   /* one request at a time per worker */
    struct backpay_delete_in din;
    struct backpay_delete_out dout;
    struct ymd end;
    int64_t person_id = 0;
    long count = 0;
    size_t nmonths = 0, nrows = 0;
    int start = -1, rc;
    char before[16384], after[512], result[MSG_TEXT_MAX], f[8], t[8];

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
    if (store_id_lock(s, res->id_no) != 0 ||
        store_person_one(s, res->id_no, &count, &person_id, res->name, sizeof res->name) != 0)
        return STORE_ERR;
    if (count > 1) {
        res->msg = MSG_DUPLICATE_BASE;
        return 0;
    }
    rc = count == 1 ? latest_enrolment(s, person_id, u->id, &start, &end) : STORE_NOTFOUND;
    if (rc == STORE_NOTFOUND) {
        res->msg = MSG_PERSON_NOT_OF_UNIT;
        return 0;
    }
    if (rc != 0 || charged_months(s, res->id_no, u->id, start, &ds.opens_at, months, &nmonths) != 0)
        return STORE_ERR;

    memset(&din, 0, sizeof din);
    din.months = months;
    din.n = nmonths;
    din.from = in->from;
    din.to = in->to;
    din.C = ds.month;
    din.ended_before_C = end.y != 0 && ymd_to_ym(end) < ds.month;
    res->msg = backpay_delete_decide(&din, &dout);
    if (res->msg != MSG_OK)
        return 0;

    if (run_rows(s, res->id_no, u->id, in->from, in->to, rows, &nrows) != 0)
        return STORE_ERR;
    format_month(f, in->from);
    format_month(t, in->to);
    if (msg_format(result, sizeof result, MSG_BACKPAY_DELETE_RESULT, f, t) != 0)
        result[0] = '\0';
    if (before_json(before, sizeof before, start, end, rows, nrows) != 0 ||
        after_json(after, sizeof after, &dout, end) != 0) {
        db_fail(s, "backpay", "declaration data too long");
        return STORE_ERR;
    }
    if (write_declaration(s, u, ds.month, res, operator_name, now, result, before, after,
                          &res->decl_id) != 0 ||
        delete_run(s, u->id, person_id, res->id_no, in, start, &dout, rows, nrows, now) != 0)
        return STORE_ERR;
    res->months = dout.ndelete;
    res->new_start = dout.new_start;
    res->removed = dout.remove;
    res->msg = MSG_BACKPAY_DELETE_OK;
    res->ok = 1;
    return 0;
}

/* store_tx_ok: the whole transaction again on a certification conflict (1213). */
struct backpay_delete_call {
    const struct unit *u;
    const struct backpay_delete_input *in;
    const struct policy *p;
    const struct portal_dt *now;
    const char *operator_name;
    struct backpay_delete_result *res;
};

static int backpay_delete_tx(struct store *s, void *arg)
{
    struct backpay_delete_call *c = arg;

    memset(c->res, 0, sizeof *c->res);
    return delete_in_tx(s, c->u, c->in, c->p, c->now, c->operator_name, c->res) != 0 ? STORE_ERR
                                                                                      : 0;
}

int store_backpay_delete(struct store *s, const struct unit *u,
                         const struct backpay_delete_input *in, const struct policy *p,
                         const struct portal_dt *now, const char *operator_name,
                         struct backpay_delete_result *res)
{
    struct backpay_delete_call c = {u, in, p, now, operator_name, res};

    memset(res, 0, sizeof *res);
    if (store_tx_ok(s, backpay_delete_tx, &c, &res->ok) != 0)
        return STORE_ERR;
    msg_policy_text(res->msg, p, res->text, sizeof res->text);
    return 0;
}

/* ---- 单独补缴 ------------------------------------------------------------------ */

/* The latest enrolment of kind 在职 in this unit normally insured for C:
 * its start and its types. *ncodes 0 when there is none. */
int store_insured_here(struct store *s, int64_t person_id, int64_t unit_id, int C, int *start,
                        char (*codes)[4], int *ncodes)
{
    static const char *const name = "backpay.here";
    struct sbind in, out;
    MYSQL_STMT *st;
    char code[4];
    int m, rc;

    *ncodes = 0;
    sb_init(&in);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    insured_for_start(&in, C);
    sb_init(&out);
    sb_out_month(&out, &m);
    sb_out_str(&out, code, sizeof code);
    rc = db_query(s, name,
        "SELECT e.start_month, e.type_code FROM enrolments e"
        " WHERE e.person_id = ? AND e.unit_id = ? AND e.kind = '在职' AND " INSURED_FOR_START
        " ORDER BY e.start_month DESC, e.type_code", &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, name, st, &out)) == 0) {
        if (*ncodes > 0 && m != *start)
            continue;          /* an older enrolment */
        if (*ncodes == ENROL_MAX_TYPES)
            continue;
        *start = m;
        memcpy(codes[(*ncodes)++], code, 4);
    }
    db_done(st);
    return rc == STORE_ERR ? STORE_ERR : 0;
}

/* Is an enrolment of the 证件号码 outside this unit normally insured in a
 * month of S..start-1? */
static int insured_elsewhere(struct store *s, const char *id_no, int64_t unit_id, int S,
                             int start, int *yes)
{
    struct sbind in, out;
    long n = 0;

    sb_init(&in);
    sb_str(&in, id_no);
    sb_i64(&in, unit_id);
    sb_month(&in, start - 1);
    sb_month(&in, S);
    sb_init(&out);
    sb_out_long(&out, &n);
    if (db_query_one(s, "backpay.elsewhere",
        "SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
        " WHERE p.id_no = ? AND (e.unit_id IS NULL OR e.unit_id <> ?)"
        " AND " INSURED_COVERS_A_MONTH " AND e.start_month <= ?"
        " AND (e.end_date IS NULL OR e.end_date >= ?)", &in, &out) != 0)
        return STORE_ERR;
    *yes = n > 0;
    return 0;
}

static int add_json(char *buf, size_t cap, int start, const struct backpay_result *bp,
                    long long wage_fen, int after)
{
    struct json j;

    json_init(&j, buf, cap);
    json_object(&j);
    json_kmonth(&j, "start_month", after ? bp->first_ym : start);
    if (after) {
        json_kfen(&j, "wage", wage_fen);
        json_kmonth(&j, "from", bp->first_ym);
        json_kmonth(&j, "to", bp->last_ym);
        json_kint(&j, "months", bp->months_assessed);
        json_kint(&j, "rows", (long long)bp->nrows);
        json_kfen(&j, "total", bp->total_fen);
    }
    json_close(&j);
    return json_end(&j);
}

static int add_declaration(struct store *s, const struct unit *u, int C,
                           const struct backpay_add_result *res, const char *operator_name,
                           const struct portal_dt *now, const char *result,
                           const char *before, const char *after, int64_t *decl_id)
{
    if (store_check_dirty(s, u->id, res->id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    const struct decl_new d = {u->id, "职工补缴核定", C, res->id_no, res->name, operator_name, 0, now,
                               result, before, after, 0};
    return store_declaration_add(s, "backpay.add_declaration", &d, decl_id);
}

/* The enrolment's start moves to `to` (every type's row), counts kept. */
static int move_start(struct store *s, int64_t unit_id, int64_t person_id, int from, int to,
                      const struct portal_dt *now)
{
    struct sbind in;

    sb_init(&in);
    sb_month(&in, to);
    sb_datetime(&in, now);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    sb_month(&in, from);
    if (store_unit_counts_person(s, unit_id, person_id, -1) != 0 ||
        db_exec(s, "backpay.move",
            "UPDATE enrolments SET start_month = ?, updated_at = ?"
            " WHERE person_id = ? AND unit_id = ? AND kind = '在职' AND start_month = ?",
            &in, NULL, NULL) != 0)
        return STORE_ERR;
    return store_unit_counts_person(s, unit_id, person_id, +1);
}

static int add_in_tx(struct store *s, const struct unit *u, const struct backpay_add_input *in,
                     const struct policy *p, const struct portal_dt *now,
                     const char *operator_name, struct backpay_add_result *res)
{
    struct decl_state ds;
    struct backpay_add_facts f;
    struct backpay_result bp;
    char codes[ENROL_MAX_TYPES][4];
    int ncodes = 0, elsewhere = 0;
    int64_t person_id = 0;
    long count = 0;
    char before[256], after[1024], result[MSG_TEXT_MAX], a[8], b[8];

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
    f.S = in->start_ym;
    f.C = ds.month;
    f.backpay_max = p->backpay_max;
    if (f.S < f.C - f.backpay_max) {       /* before the facts, as §5 */
        res->msg = backpay_add_decide(&f);
        return 0;
    }
    if (store_id_lock(s, res->id_no) != 0 ||
        store_person_one(s, res->id_no, &count, &person_id, res->name, sizeof res->name) != 0)
        return STORE_ERR;
    f.base_records = count > 1 ? 2 : (int)count;
    if (count == 1 && store_insured_here(s, person_id, u->id, ds.month, &f.start, codes, &ncodes) != 0)
        return STORE_ERR;
    f.insured_here = ncodes > 0;
    if (f.insured_here && f.S < f.start &&
        insured_elsewhere(s, res->id_no, u->id, f.S, f.start, &elsewhere) != 0)
        return STORE_ERR;
    f.insured_elsewhere = elsewhere;
    res->msg = backpay_add_decide(&f);
    if (res->msg != MSG_OK)
        return 0;

    if (store_backpay_months(s, res->id_no, person_id, u->id, (const char (*)[4])codes, ncodes,
                             f.S, f.start - 1, in->wage_fen, now, &bp) != 0)
        return STORE_ERR;
    if (bp.nrows == 0) {
        res->msg = MSG_BACKPAY_ADD_NONE;
        return 0;
    }
    format_month(a, bp.first_ym);
    format_month(b, bp.last_ym);
    if (msg_format(result, sizeof result, MSG_BACKPAY_ADD_RESULT, a, b) != 0)
        result[0] = '\0';
    if (add_json(before, sizeof before, f.start, &bp, in->wage_fen, 0) != 0 ||
        add_json(after, sizeof after, f.start, &bp, in->wage_fen, 1) != 0) {
        db_fail(s, "backpay.add", "declaration data too long");
        return STORE_ERR;
    }
    if (move_start(s, u->id, person_id, f.start, bp.first_ym, now) != 0 ||
        add_declaration(s, u, ds.month, res, operator_name, now, result, before, after,
                        &res->decl_id) != 0)
        return STORE_ERR;
    res->first_ym = bp.first_ym;
    res->last_ym = bp.last_ym;
    res->months = bp.months_assessed;
    res->total_fen = bp.total_fen;
    res->msg = MSG_BACKPAY_ADD_OK;
    res->ok = 1;
    return 0;
}

/* store_tx_ok: the whole transaction again on a certification conflict (1213). */
struct backpay_add_call {
    const struct unit *u;
    const struct backpay_add_input *in;
    const struct policy *p;
    const struct portal_dt *now;
    const char *operator_name;
    struct backpay_add_result *res;
};

static int backpay_add_tx(struct store *s, void *arg)
{
    struct backpay_add_call *c = arg;

    memset(c->res, 0, sizeof *c->res);
    return add_in_tx(s, c->u, c->in, c->p, c->now, c->operator_name, c->res) != 0 ? STORE_ERR : 0;
}

int store_backpay_add(struct store *s, const struct unit *u, const struct backpay_add_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, struct backpay_add_result *res)
{
    struct backpay_add_call c = {u, in, p, now, operator_name, res};

    memset(res, 0, sizeof *res);
    if (in->wage_fen <= 0) {
        db_fail(s, "backpay.add", "wage not positive");
        return STORE_ERR;
    }
    if (store_tx_ok(s, backpay_add_tx, &c, &res->ok) != 0)
        return STORE_ERR;
    msg_policy_text(res->msg, p, res->text, sizeof res->text);
    return 0;
}
