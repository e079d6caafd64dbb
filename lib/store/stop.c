/* stop — 停保登记 (spec §6); see stop.h for the decisions it makes. */
#include <stdio.h>
#include <string.h>
#include "store/counts.h"
#include "store/check.h"
#include "store/db.h"
#include "store/insured.h"
#include "store/json.h"
#include "store/stop.h"

/* The enrolments a stop at E ends (see stop.h, "normally insured":
 * INSURED_AT_END). The same condition is used to decide and to write.
 * Parameters: person, unit, then INSURED_AT_END's. */
#define STOP_COND " WHERE e.person_id = ? AND e.unit_id = ? AND " INSURED_AT_END
#define STOP_ROWS " FROM enrolments e" STOP_COND

static void bind_rows(struct sbind *in, int64_t person_id, int64_t unit_id, struct ymd end)
{
    sb_i64(in, person_id);
    sb_i64(in, unit_id);
    insured_at_end(in, end);
}

/* Base record count, and when exactly one: its id, name and retirement facts. */
static int gather_person(struct store *s, const char *id_no, int cur_ym, long *count,
                         int64_t *person_id, char *name, size_t name_size, int *retired)
{
    struct sbind in, out;
    int rc;

    if (store_person_count(s, id_no, count) != 0)
        return STORE_ERR;
    if (*count != 1)
        return 0;
    sb_init(&in);
    sb_month(&in, cur_ym);
    sb_str(&in, id_no);
    sb_init(&out);
    sb_out_i64(&out, person_id);
    sb_out_str(&out, name, name_size);
    sb_out_int(&out, retired);
    rc = db_query_one(s, "stop.person",
        "SELECT p.id, p.name,"
        " (p.retire_month IS NOT NULL AND p.retire_month <= ?)"
        "  OR EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id"
        "             AND e.kind = '退休' AND " INSURED_ACTIVE_NOW ")"
        " FROM persons p WHERE p.id_no = ?", &in, &out);
    return rc == 0 ? 0 : STORE_ERR;
}

static int count_rows(struct store *s, int64_t person_id, int64_t unit_id, struct ymd end,
                      long *n)
{
    struct sbind in, out;

    sb_init(&in);
    bind_rows(&in, person_id, unit_id, end);
    sb_init(&out);
    sb_out_long(&out, n);
    return db_query_one(s, "stop.count", "SELECT COUNT(*)" STOP_ROWS, &in, &out) == 0
           ? 0 : STORE_ERR;
}

/* The declaration, with the rows' state before (read here, before the update)
 * and after. */
static int write_declaration(struct store *s, const struct unit *u, int C, const char *id_no,
                             const char *name, const char *operator_name,
                             const struct portal_dt *now, const char *result,
                             const char *after_json, int64_t person_id, struct ymd end,
                             int64_t *decl_id)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, u->id);
    sb_month(&in, C);
    sb_str(&in, id_no);
    sb_str(&in, name);
    sb_str(&in, operator_name ? operator_name : "");
    sb_id_or_null(&in, s->actor_id);
    sb_datetime(&in, now);
    sb_str(&in, result);
    sb_str(&in, after_json);
    bind_rows(&in, person_id, u->id, end);
    if (store_check_dirty(s, u->id, id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    return db_exec(s, "stop.declaration",
        "INSERT INTO declarations (unit_id, type, period, id_no, name, operator, account_id, created_at,"
        " review_status, result, before_data, after_data)"
        " SELECT ?, '参保人员减员申报', ?, ?, ?, ?, ?, ?, '已审核', ?,"
        "  JSON_OBJECT('enrolments', JSON_ARRAYAGG(JSON_OBJECT('type', type_code,"
        "   'start_month', DATE_FORMAT(start_month, '%Y-%m'), 'end_date', end_date,"
        "   'status', status, 'stop_reason', stop_reason))), ?"
        STOP_ROWS, &in, NULL, decl_id) == 0 ? 0 : STORE_ERR;
}

static int end_rows(struct store *s, int64_t person_id, int64_t unit_id, struct ymd end,
                    const char *reason, const struct portal_dt *now, int *n)
{
    struct sbind in;
    uint64_t affected = 0;

    sb_init(&in);
    sb_date(&in, end);
    sb_str(&in, reason);
    sb_datetime(&in, now);
    bind_rows(&in, person_id, unit_id, end);
    /* the unit's counts: this person's share out before, in after (store/counts.h) */
    if (store_unit_counts_person(s, unit_id, person_id, -1) != 0 ||
        db_exec(s, "stop.end",
            "UPDATE enrolments e SET e.end_date = ?, e.status = '暂停缴费', e.stop_reason = ?,"
            " e.updated_at = ?" STOP_COND, &in, &affected, NULL) != 0 ||
        store_unit_counts_person(s, unit_id, person_id, +1) != 0)
        return STORE_ERR;
    *n = (int)affected;
    return 0;
}

/* The declaration's after data. */
static int after_json(char *buf, size_t n, const char *end_s, const char *reason,
                      const struct portal_dt *now)
{
    struct json j;
    char at[20];

    format_datetime(at, now);
    json_init(&j, buf, n);
    json_object(&j);
    json_kstr(&j, "end_date", end_s);
    json_kstr(&j, "status", "暂停缴费");
    json_kstr(&j, "stop_reason", reason);
    json_kstr(&j, "changed_at", at);
    json_close(&j);
    return json_end(&j);
}

/* Inside the open transaction: 0 (decided; written on success) or STORE_ERR. */
static int stop_in_tx(struct store *s, const struct unit *u, const struct stop_input *in,
                      const struct policy *p, const struct portal_dt *now,
                      const char *operator_name, struct stop_result *res)
{
    struct stop_facts f;
    int64_t person_id = 0;
    long count = 0, rows = 0;
    int C;
    char end_s[11], result[MSG_TEXT_MAX], after[256];

    /* stage 1, the rules that need no database */
    C = stop_input_facts(p, now, in->id_no, in->end_date, &f, res->id_no);
    res->current_ym = C;
    res->msg = stop_decide_input(&f);
    if (res->msg != MSG_OK)
        return 0;

    /* stage 2, over the facts the database holds */
    if (store_id_lock(s, res->id_no) != 0 ||
        gather_person(s, res->id_no, ymd_to_ym(dt_date(now)), &count, &person_id,
                      res->name, sizeof res->name, &f.retired) != 0)
        return STORE_ERR;
    f.base_records = count > 1 ? 2 : (int)count;
    if (count == 1 && !f.retired) {
        if (count_rows(s, person_id, u->id, in->end_date, &rows) != 0)
            return STORE_ERR;
        f.insured_this_unit = rows > 0;
    }
    res->msg = stop_decide_facts(&f);
    if (res->msg != MSG_OK)
        return 0;

    format_date(end_s, in->end_date);
    if (msg_format(result, sizeof result, MSG_STOP_RESULT, end_s, in->reason) != 0)
        result[0] = '\0';
    if (after_json(after, sizeof after, end_s, in->reason, now) != 0) {
        db_fail(s, "stop", "declaration data too long");
        return STORE_ERR;
    }
    if (write_declaration(s, u, C, res->id_no, res->name, operator_name, now, result,
                          after, person_id, in->end_date, &res->decl_id) != 0 ||
        end_rows(s, person_id, u->id, in->end_date, in->reason, now, &res->types_stopped) != 0)
        return STORE_ERR;
    res->msg = MSG_STOP_OK;
    res->ok = 1;
    return 0;
}

/* store_tx_ok: the whole transaction again on a certification conflict (1213). */
struct stop_call {
    const struct unit *u;
    const struct stop_input *in;
    const struct policy *p;
    const struct portal_dt *now;
    const char *operator_name;
    struct stop_result *res;
};

static int stop_tx(struct store *s, void *arg)
{
    struct stop_call *c = arg;

    memset(c->res, 0, sizeof *c->res);
    return stop_in_tx(s, c->u, c->in, c->p, c->now, c->operator_name, c->res) != 0 ? STORE_ERR : 0;
}

int store_stop(struct store *s, const struct unit *u, const struct stop_input *in,
               const struct policy *p, const struct portal_dt *now,
               const char *operator_name, struct stop_result *res)
{
    struct stop_call c = {u, in, p, now, operator_name, res};

    memset(res, 0, sizeof *res);
    if (!stop_reason_valid(in->reason)) {
        db_fail(s, "stop", "reason not in the fixed list");
        return STORE_ERR;
    }
    if (store_tx_ok(s, stop_tx, &c, &res->ok) != 0)
        return STORE_ERR;
    msg_policy_text(res->msg, p, res->text, sizeof res->text);
    return 0;
}
