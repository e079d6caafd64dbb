/* undo — 撤销本期增员 / 撤销本期减员 (spec §7a); see undo.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/backpay.h"
#include "store/counts.h"
#include "store/check.h"
#include "store/db.h"
#include "store/declarations.h"
#include "store/json.h"
#include "store/undo.h"

/* 补缴/补差 rows of one enrolment: months (<= backpay_max, <= 120) x types, and 补差 */
#define UNDO_MAX_ROWS 2048

/* The declaration to withdraw. */
struct target {
    char type[64];
    int period;
    char id_no[19];
    char name[401];
    struct portal_dt created;
    struct ymd end;            /* a 减员's end date (after_data) */
    char reason[64];           /* a 减员's reason */
};

static int read_target(struct store *s, int64_t unit_id, int64_t id, struct target *t)
{
    struct sbind in, out;
    char end[16];

    memset(t, 0, sizeof *t);
    end[0] = '\0';
    sb_init(&in);
    sb_i64(&in, id);
    sb_i64(&in, unit_id);
    sb_init(&out);
    sb_out_str(&out, t->type, sizeof t->type);
    sb_out_month(&out, &t->period);
    sb_out_str(&out, t->id_no, sizeof t->id_no);
    sb_out_str(&out, t->name, sizeof t->name);
    sb_out_dt(&out, &t->created);
    sb_out_str(&out, end, sizeof end);
    sb_out_str(&out, t->reason, sizeof t->reason);
    int rc = db_query_one(s, "undo.target",
        "SELECT type, period, COALESCE(id_no, ''), COALESCE(name, ''), created_at,"
        " COALESCE(JSON_UNQUOTE(JSON_EXTRACT(after_data, '$.end_date')), ''),"
        " COALESCE(JSON_UNQUOTE(JSON_EXTRACT(after_data, '$.stop_reason')), '')"
        " FROM declarations WHERE id = ? AND unit_id = ?", &in, &out);
    if (rc == 0 && end[0] && parse_date(end, &t->end) != 0)
        t->end.y = 0;
    return rc;
}

int store_declaration_withdrawn_by(struct store *s, int64_t unit_id, int64_t decl_id,
                                   int64_t *by)
{
    struct sbind in, out;
    int rc;

    *by = 0;
    sb_init(&in);
    sb_i64(&in, decl_id);
    sb_i64(&in, unit_id);
    sb_init(&out);
    sb_out_i64(&out, by);
    rc = db_query_one(s, "undo.withdrawn_by",
        "SELECT MIN(id) FROM declarations WHERE reverses_id = ? AND unit_id = ?", &in, &out);
    return rc == STORE_ERR ? STORE_ERR : 0;
}

/* The enrolment rows an 增员 made (its business time): how many, their start. */
#define ENROL_MADE " FROM enrolments" ENROL_WHERE
#define ENROL_WHERE " WHERE person_id = ? AND unit_id = ? AND kind = '在职' AND created_at = ?"
/* The enrolment rows a 减员 ended. */
#define STOP_MADE " FROM enrolments" STOP_WHERE
#define STOP_WHERE " WHERE person_id = ? AND unit_id = ? AND kind = '在职'" \
    " AND end_date = ? AND stop_reason = ? AND status = '暂停缴费'"

static void bind_made(struct sbind *in, int64_t person_id, int64_t unit_id, const struct target *t)
{
    sb_i64(in, person_id);
    sb_i64(in, unit_id);
    if (strcmp(t->type, "参保人员增员申报") == 0)
        sb_datetime(in, &t->created);
    else {
        sb_date(in, t->end);
        sb_str(in, t->reason);
    }
}

static int made_rows(struct store *s, int64_t person_id, int64_t unit_id, const struct target *t,
                     long *n, int *start)
{
    struct sbind in, out;
    int enrol = strcmp(t->type, "参保人员增员申报") == 0;

    sb_init(&in);
    bind_made(&in, person_id, unit_id, t);
    sb_init(&out);
    sb_out_long(&out, n);
    sb_out_month(&out, start);
    return db_query_one(s, enrol ? "undo.enrol_rows" : "undo.stop_rows",
        enrol ? "SELECT COUNT(*), MIN(start_month)" ENROL_MADE
              : "SELECT COUNT(*), MIN(start_month)" STOP_MADE, &in, &out) == 0 ? 0 : STORE_ERR;
}

/* 增员: a month of the enrolment (from `start`) settled by this unit. */
static int settled(struct store *s, const char *id_no, int64_t unit_id, int start, int *yes)
{
    struct sbind in, out;
    long n = 0;

    sb_init(&in);
    sb_str(&in, id_no);
    sb_i64(&in, unit_id);
    sb_month(&in, start);
    sb_init(&out);
    sb_out_long(&out, &n);
    if (db_query_one(s, "undo.settled",
        "SELECT COUNT(*) FROM contributions WHERE id_no = ? AND unit_id = ?"
        " AND payment_type = '正常应缴' AND month >= ?", &in, &out) != 0)
        return STORE_ERR;
    *yes = n > 0;
    return 0;
}

/* 减员: an enrolment of the 证件号码 made after it (at or after its business
 * time: the clock has seconds; the rows it ended themselves excepted). */
static int enrolled_since(struct store *s, const char *id_no, int64_t unit_id,
                          const struct target *t, int *yes)
{
    struct sbind in, out;
    long n = 0;

    sb_init(&in);
    sb_str(&in, id_no);
    sb_datetime(&in, &t->created);
    sb_i64(&in, unit_id);
    sb_date(&in, t->end);
    sb_str(&in, t->reason);
    sb_init(&out);
    sb_out_long(&out, &n);
    if (db_query_one(s, "undo.since",
        "SELECT COUNT(*) FROM enrolments e JOIN persons p ON p.id = e.person_id"
        " WHERE p.id_no = ? AND e.created_at >= ? AND NOT (e.unit_id <=> ? AND e.kind = '在职'"
        " AND e.end_date <=> ? AND e.stop_reason <=> ? AND e.status = '暂停缴费')",
        &in, &out) != 0)
        return STORE_ERR;
    *yes = n > 0;
    return 0;
}

struct paid_row {
    struct totals_row t;
    char code[4];
    char payment[16];
};

/* 撤销增员's contributions: this unit's 补缴 and 补差 rows of the person from
 * the enrolment's start, out of the totals, then deleted. */
static int remove_backpay(struct store *s, const char *id_no, int64_t unit_id, int start,
                          long long *total, int *nrows)
{
    static const char *const name = "undo.paid";
    struct sbind in, out;
    struct paid_row r, *rows;
    MYSQL_STMT *st;
    size_t n = 0;
    int rc;

    *total = 0;
    *nrows = 0;
    rows = calloc(UNDO_MAX_ROWS, sizeof *rows);
    if (!rows) {
        db_fail(s, name, "out of memory");
        return STORE_ERR;
    }
    memset(&r, 0, sizeof r);
    sb_init(&in);
    sb_str(&in, id_no);
    sb_i64(&in, unit_id);
    sb_month(&in, start);
    sb_init(&out);
    sb_out_month(&out, &r.t.month);
    sb_out_str(&out, r.code, sizeof r.code);
    sb_out_str(&out, r.payment, sizeof r.payment);
    sb_out_i64(&out, &r.t.base_fen);
    sb_out_i64(&out, &r.t.unit_fen);
    sb_out_i64(&out, &r.t.person_fen);
    sb_out_i64(&out, &r.t.account_fen);
    rc = db_query(s, name,
        "SELECT month, type_code, payment_type, base_fen, unit_fen, person_fen, account_fen"
        " FROM contributions WHERE id_no = ? AND unit_id = ? AND month >= ?"
        " AND payment_type IN ('补缴', '补差') FOR UPDATE", &in, &out, &st);
    if (rc != 0)
        goto out;
    while ((rc = db_fetch(s, name, st, &out)) == 0) {
        if (n == UNDO_MAX_ROWS) {
            db_done(st);
            db_fail(s, name, "too many rows");
            rc = STORE_ERR;
            goto out;
        }
        rows[n++] = r;
    }
    db_done(st);
    if (rc == STORE_ERR)
        goto out;
    rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rows[i].t.type_code = rows[i].code;
        *total += rows[i].t.unit_fen + rows[i].t.person_fen;
        rc = store_totals_add(s, unit_id, rows[i].payment, &rows[i].t, 1, -1);
    }
    if (rc == 0 && db_exec(s, "undo.paid_delete",
            "DELETE FROM contributions WHERE id_no = ? AND unit_id = ? AND month >= ?"
            " AND payment_type IN ('补缴', '补差')", &in, NULL, NULL) != 0)
        rc = STORE_ERR;
    *nrows = (int)n;
out:
    free(rows);
    return rc;
}

static int undo_enrol(struct store *s, int64_t person_id, int64_t unit_id, const struct target *t,
                      int start, long long *total, int *nrows)
{
    struct sbind in;

    if (store_unit_counts_person(s, unit_id, person_id, -1) != 0 ||
        remove_backpay(s, t->id_no, unit_id, start, total, nrows) != 0)
        return STORE_ERR;
    sb_init(&in);
    bind_made(&in, person_id, unit_id, t);
    if (db_exec(s, "undo.enrol_delete", "DELETE" ENROL_MADE, &in, NULL, NULL) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    sb_datetime(&in, &t->created);
    if (db_exec(s, "undo.wage_delete",
            "DELETE FROM wages WHERE person_id = ? AND unit_id = ? AND created_at = ?",
            &in, NULL, NULL) != 0)
        return STORE_ERR;
    return store_unit_counts_person(s, unit_id, person_id, +1);
}

static int undo_stop(struct store *s, int64_t person_id, int64_t unit_id, const struct target *t,
                     const struct portal_dt *now)
{
    struct sbind in;

    sb_init(&in);
    sb_datetime(&in, now);
    bind_made(&in, person_id, unit_id, t);
    if (store_unit_counts_person(s, unit_id, person_id, -1) != 0 ||
        db_exec(s, "undo.stop_restore",
            "UPDATE enrolments SET end_date = NULL, stop_reason = NULL, status = '参保缴费',"
            " updated_at = ?" STOP_WHERE, &in, NULL, NULL) != 0)
        return STORE_ERR;
    return store_unit_counts_person(s, unit_id, person_id, +1);
}

static int write_declaration(struct store *s, const struct unit *u, int C, int64_t reverses,
                             const struct target *t, const char *type,
                             const char *operator_name, const struct portal_dt *now,
                             const char *result, const char *before, const char *after,
                             int64_t *decl_id)
{
    if (store_check_dirty(s, u->id, t->id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    const struct decl_new d = {u->id, type, C, t->id_no, t->name, operator_name, 0, now,
                               result, before, after, reverses};
    return store_declaration_add(s, "undo.declaration", &d, decl_id);
}

static void json_kmonth(struct json *j, const char *key, int ym)
{
    char m[8];
    format_month(m, ym);
    json_kstr(j, key, m);
}

static int data_json(char *buf, size_t cap, int64_t id, int enrol, int before, int start,
                     const struct target *t, long long total, int nrows)
{
    struct json j;
    char d[11], fen[FORMAT_FEN_MAX];

    json_init(&j, buf, cap);
    json_object(&j);
    json_kint(&j, "declaration", id);
    if (enrol) {
        json_kstr(&j, "enrolment", before ? "参保缴费" : "已删除(撤销增员)");
        if (before) {
            json_kmonth(&j, "start_month", start);
            json_kint(&j, "rows", nrows);
            format_fen(fen, sizeof fen, total);
            json_kstr(&j, "total", fen);
        }
    } else {
        if (before && t->end.y) {
            format_date(d, t->end);
            json_kstr(&j, "end_date", d);
        } else
            json_kstr(&j, "end_date", NULL);
        json_kstr(&j, "status", before ? "暂停缴费" : "参保缴费");
        json_kstr(&j, "stop_reason", before ? t->reason : NULL);
    }
    json_close(&j);
    return json_end(&j);
}

static int undo_in_tx(struct store *s, const struct unit *u, int64_t id, const struct policy *p,
                      const struct portal_dt *now, const char *operator_name,
                      struct undo_result *res)
{
    struct decl_state ds;
    struct undo_facts f;
    struct target t;
    int64_t person_id = 0, by = 0;
    long count = 0, n = 0;
    int start = -1, yes = 0, nrows = 0, rc;
    long long total = 0;
    char name[401], before[512], after[512], result[MSG_TEXT_MAX], ids[24];

    rc = read_target(s, u->id, id, &t);
    if (rc != 0)
        return rc;                       /* STORE_NOTFOUND: the page's 404 */
    decl_state_at(p, now, &ds);
    if (!ds.window_open) {
        res->msg = MSG_WINDOW_CLOSED;
        return 0;
    }
    memset(&f, 0, sizeof f);
    f.kind = strcmp(t.type, "参保人员增员申报") == 0 ? UNDO_ENROL
           : strcmp(t.type, "参保人员减员申报") == 0 ? UNDO_STOP : UNDO_OTHER;
    f.period = t.period;
    f.C = ds.month;
    if (f.kind != UNDO_OTHER) {
        if (store_id_lock(s, t.id_no) != 0 ||
            store_person_one(s, t.id_no, &count, &person_id, name, sizeof name) != 0 ||
            store_declaration_withdrawn_by(s, u->id, id, &by) != 0)
            return STORE_ERR;
        f.withdrawn = by > 0;
        if (count == 1 && made_rows(s, person_id, u->id, &t, &n, &start) != 0)
            return STORE_ERR;
        f.rows = n > 0;
        if (f.rows && f.kind == UNDO_ENROL && settled(s, t.id_no, u->id, start, &yes) != 0)
            return STORE_ERR;
        f.settled = f.kind == UNDO_ENROL && yes;
        if (f.rows && f.kind == UNDO_STOP && enrolled_since(s, t.id_no, u->id, &t, &yes) != 0)
            return STORE_ERR;
        f.enrolled_since = f.kind == UNDO_STOP && yes;
    }
    res->msg = undo_decide(&f);
    if (res->msg != MSG_OK)
        return 0;

    if (f.kind == UNDO_ENROL ? undo_enrol(s, person_id, u->id, &t, start, &total, &nrows) != 0
                             : undo_stop(s, person_id, u->id, &t, now) != 0)
        return STORE_ERR;
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    if (msg_format(result, sizeof result, f.kind == UNDO_ENROL ? MSG_UNDO_ENROL_RESULT
                   : MSG_UNDO_STOP_RESULT, ids) != 0)
        result[0] = '\0';
    if (data_json(before, sizeof before, id, f.kind == UNDO_ENROL, 1, start, &t, total, nrows) != 0 ||
        data_json(after, sizeof after, id, f.kind == UNDO_ENROL, 0, start, &t, 0, 0) != 0) {
        db_fail(s, "undo", "declaration data too long");
        return STORE_ERR;
    }
    if (write_declaration(s, u, ds.month, id, &t, f.kind == UNDO_ENROL ? "撤销增员" : "撤销减员",
                          operator_name, now, result, before, after, &res->decl_id) != 0)
        return STORE_ERR;
    res->ok = 1;
    return 0;
}

/* store_tx_ok: the whole transaction again on a certification conflict (1213). */
struct undo_call {
    const struct unit *u;
    int64_t decl_id;
    const struct policy *p;
    const struct portal_dt *now;
    const char *operator_name;
    struct undo_result *res;
};

static int undo_tx(struct store *s, void *arg)
{
    struct undo_call *c = arg;

    memset(c->res, 0, sizeof *c->res);
    return undo_in_tx(s, c->u, c->decl_id, c->p, c->now, c->operator_name, c->res);
}

int store_undo(struct store *s, const struct unit *u, int64_t decl_id, const struct policy *p,
               const struct portal_dt *now, const char *operator_name, struct undo_result *res)
{
    struct undo_call c = {u, decl_id, p, now, operator_name, res};
    int rc;

    memset(res, 0, sizeof *res);
    rc = store_tx_ok(s, undo_tx, &c, &res->ok);
    if (rc != 0)
        return rc;
    msg_policy_text(res->msg, p, res->text, sizeof res->text);
    return 0;
}
