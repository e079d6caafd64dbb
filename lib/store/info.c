/* info — 单位信息维护 and 参保人员信息维护 (spec §7); see store/info.h. */
#include <stdio.h>
#include <string.h>
#include "store/check.h"
#include "store/db.h"
#include "store/declarations.h"
#include "store/info.h"
#include "store/insured.h"
#include "store/json.h"

#define CHANGES_MAX 8
#define RESULT_VALUE_MAX 120      /* bytes of one value in the result text (the data keep all) */
#define DATA_MAX 6000

/* One editable field: its column, label, and the value before/after. */
struct diff {
    const char *col, *label;
    const char *before, *after;
};

static size_t changed(const struct diff *all, size_t n, struct diff *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].before, all[i].after) != 0)
            out[k++] = all[i];
    return k;
}

static int data_json(const struct diff *d, size_t n, int after, char *buf, size_t cap)
{
    struct json j;

    json_init(&j, buf, cap);
    json_object(&j);
    for (size_t i = 0; i < n; i++)
        json_kstr(&j, d[i].col, after ? d[i].after : d[i].before);
    json_close(&j);
    return json_end(&j);
}

/* The declaration of the changes d[0..n). */
static int write_declaration(struct store *s, int64_t unit_id, const char *type, int period_ym,
                             const char *id_no, const char *name, const char *operator_name,
                             const struct portal_dt *now, const struct diff *d, size_t n,
                             int64_t *decl_id)
{
    struct info_change ch[CHANGES_MAX];
    char result[4000], before[DATA_MAX], after[DATA_MAX];
    const struct decl_new decl = {unit_id, type, period_ym, id_no, name, operator_name, 0, now,
                                  result, before, after, 0};

    for (size_t i = 0; i < n; i++) {
        ch[i].label = d[i].label;
        ch[i].before = d[i].before;
        ch[i].after = d[i].after;
    }
    if (info_changes_text(ch, n, RESULT_VALUE_MAX, result, sizeof result) != 0 ||
        data_json(d, n, 0, before, sizeof before) != 0 ||
        data_json(d, n, 1, after, sizeof after) != 0) {
        db_fail(s, type, "declaration data too long");
        return STORE_ERR;
    }
    if (store_check_dirty(s, unit_id, id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    return store_declaration_add(s, "info.declaration", &decl, decl_id);
}

/* The new value of column col among the changes d[0..n), or "" (unused). */
static const char *after_of(const struct diff *d, size_t n, const char *col)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].col, col) == 0)
            return d[i].after;
    return "";
}

/* ---- 单位信息维护 ---------------------------------------------------------- */

static const char *const all_cols[] = {"contact_name", "contact_phone", "address", "bank_name",
                                       "bank_account_name", "bank_account_no", "legal_rep_phone"};

#define UNIT_COLS "contact_name, contact_phone, address, bank_name, bank_account_name," \
                  " bank_account_no, legal_rep_phone, info_version"

void store_bind_unit_contact(struct sbind *o, struct unit_contact *c, int *version)
{
    sb_out_str(o, c->contact_name, sizeof c->contact_name);
    sb_out_str(o, c->contact_phone, sizeof c->contact_phone);
    sb_out_str(o, c->address, sizeof c->address);
    sb_out_str(o, c->bank_name, sizeof c->bank_name);
    sb_out_str(o, c->bank_account_name, sizeof c->bank_account_name);
    sb_out_str(o, c->bank_account_no, sizeof c->bank_account_no);
    sb_out_str(o, c->legal_rep_phone, sizeof c->legal_rep_phone);
    sb_out_int(o, version);
}

static void bind_unit_out(struct sbind *o, struct unit_contact *c, int *version)
{
    sb_init(o);
    store_bind_unit_contact(o, c, version);
}

static int unit_save_in_tx(struct store *s, const struct unit *u, const struct unit_contact *c,
                           int version, int period_ym, const struct portal_dt *now,
                           const char *operator_name, struct info_save *res)
{
    struct unit_contact cur;
    int cur_version = 0;
    struct sbind in, out;
    struct diff d[CHANGES_MAX];
    size_t n;

    sb_init(&in);
    sb_i64(&in, u->id);
    bind_unit_out(&out, &cur, &cur_version);
    if (db_query_one(s, "info.unit_lock", "SELECT " UNIT_COLS " FROM units WHERE id = ? FOR UPDATE",
                     &in, &out) != 0)
        return STORE_ERR;
    if (cur_version != version) {
        res->msg = MSG_INFO_CONFLICT;
        return 0;
    }
    {
        const struct diff all[] = {
            {"contact_name", "经办人", cur.contact_name, c->contact_name},
            {"contact_phone", "联系电话", cur.contact_phone, c->contact_phone},
            {"address", "地址", cur.address, c->address},
            {"bank_name", "开户银行", cur.bank_name, c->bank_name},
            {"bank_account_name", "户名", cur.bank_account_name, c->bank_account_name},
            {"bank_account_no", "账号", cur.bank_account_no, c->bank_account_no},
            {"legal_rep_phone", "法定代表人电话", cur.legal_rep_phone, c->legal_rep_phone},
        };
        n = changed(all, sizeof all / sizeof all[0], d);
    }
    if (n == 0) {
        res->msg = MSG_NO_CHANGE;
        return 0;
    }
    /* only the changed columns are written: a value longer than the read
     * buffers (legacy data) is never cut by a save of another field */
    sb_init(&in);
    for (size_t k = 0; k < sizeof all_cols / sizeof all_cols[0]; k++) {
        int ch = 0;
        for (size_t i = 0; i < n; i++)
            ch |= strcmp(d[i].col, all_cols[k]) == 0;
        sb_i64(&in, ch);
        sb_str(&in, after_of(d, n, all_cols[k]));
    }
    sb_i64(&in, u->id);
    if (db_exec(s, "info.unit_update",
            "UPDATE units SET contact_name = IF(?, ?, contact_name),"
            " contact_phone = IF(?, ?, contact_phone), address = IF(?, ?, address),"
            " bank_name = IF(?, ?, bank_name), bank_account_name = IF(?, ?, bank_account_name),"
            " bank_account_no = IF(?, ?, bank_account_no),"
            " legal_rep_phone = IF(?, ?, legal_rep_phone),"
            " info_version = info_version + 1 WHERE id = ?", &in, NULL, NULL) != 0 ||
        write_declaration(s, u->id, "单位信息维护", period_ym, NULL, NULL, operator_name, now,
                          d, n, &res->decl_id) != 0)
        return STORE_ERR;
    res->msg = MSG_SAVED;
    res->ok = 1;
    return 0;
}

/* store_tx_ok: the whole transaction again on a certification conflict (1213). */
struct unit_info_save_call {
    const struct unit *u;
    const struct unit_contact *c;
    int version;
    int period_ym;
    const struct portal_dt *now;
    const char *operator_name;
    struct info_save *res;
};

static int unit_info_save_tx(struct store *s, void *arg)
{
    struct unit_info_save_call *k = arg;

    memset(k->res, 0, sizeof *k->res);
    return unit_save_in_tx(s, k->u, k->c, k->version, k->period_ym, k->now, k->operator_name,
                           k->res) != 0 ? STORE_ERR : 0;
}

int store_unit_info_save(struct store *s, const struct unit *u, const struct unit_contact *c,
                         int version, int period_ym, const struct portal_dt *now,
                         const char *operator_name, struct info_save *res)
{
    struct unit_info_save_call call = {u, c, version, period_ym, now, operator_name, res};

    memset(res, 0, sizeof *res);
    return store_tx_ok(s, unit_info_save_tx, &call, &res->ok) != 0 ? STORE_ERR : 0;
}

/* ---- 参保人员信息维护 -------------------------------------------------------- */

/* The ID's base records that are of this unit, with whether each is
 * normally insured here for S = C; up to 2 read. `lock` adds FOR UPDATE. */
static int person_read(struct store *s, int64_t unit_id, const char *id_no, int period_ym,
                       int lock, struct person_view *v, int64_t *person_id)
{
    struct sbind in, out;
    MYSQL_STMT *st;
    struct person_edit e;
    int64_t id = 0;
    long count = 0;
    int version = 0, gender = 0, insured = 0, rc;
    struct ymd birth = {0, 0, 0};

    memset(v, 0, sizeof *v);
    if (store_person_count(s, id_no, &count) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, unit_id);
    insured_for_start(&in, period_ym);
    sb_str(&in, id_no);
    sb_i64(&in, unit_id);
    sb_init(&out);
    sb_out_i64(&out, &id);
    sb_out_str(&out, e.name, sizeof e.name);
    sb_out_str(&out, e.phone, sizeof e.phone);
    sb_out_str(&out, e.address, sizeof e.address);
    sb_out_int(&out, &version);
    sb_out_int(&out, &gender);
    sb_out_date(&out, &birth);
    sb_out_int(&out, &insured);
    rc = db_query(s, lock ? "info.person_lock" : "info.person_read",
        lock ?
        "SELECT p.id, p.name, p.phone, p.address, p.info_version, p.gender, p.birth_date,"
        " EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.unit_id = ? AND "
        INSURED_FOR_START ")"
        " FROM persons p WHERE p.id_no = ? AND EXISTS (SELECT 1 FROM enrolments e"
        "  WHERE e.person_id = p.id AND e.unit_id = ? AND " INSURED_COVERS_A_MONTH ")"
        " ORDER BY p.id LIMIT 2 FOR UPDATE"
        :
        "SELECT p.id, p.name, p.phone, p.address, p.info_version, p.gender, p.birth_date,"
        " EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.unit_id = ? AND "
        INSURED_FOR_START ")"
        " FROM persons p WHERE p.id_no = ? AND EXISTS (SELECT 1 FROM enrolments e"
        "  WHERE e.person_id = p.id AND e.unit_id = ? AND " INSURED_COVERS_A_MONTH ")"
        " ORDER BY p.id LIMIT 2",
        &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "info.person", st, &out)) == 0) {
        if (v->found++ == 0) {
            v->e = e;
            v->version = version;
            v->gender = gender;
            v->birth = birth;
            v->editable = insured;
            *person_id = id;
        }
    }
    db_done(st);
    if (rc != STORE_NOTFOUND)
        return rc;
    v->found = v->found > 0;
    v->base_records = count > 1 ? 2 : 1;
    if (v->base_records > 1)
        v->editable = 0;
    snprintf(v->id_no, sizeof v->id_no, "%s", id_no);
    return 0;
}

int store_person_view(struct store *s, int64_t unit_id, const char *id_no, int period_ym,
                      struct person_view *out)
{
    int64_t id = 0;
    return person_read(s, unit_id, id_no, period_ym, 0, out, &id);
}

static int person_save_in_tx(struct store *s, const struct unit *u, const char *id_no,
                             const struct person_edit *e, int version, int period_ym,
                             const struct portal_dt *now, const char *operator_name,
                             struct info_save *res)
{
    struct person_view v;
    int64_t person_id = 0;
    struct sbind in;
    struct diff d[CHANGES_MAX];
    size_t n;

    if (store_id_lock(s, id_no) != 0 ||
        person_read(s, u->id, id_no, period_ym, 1, &v, &person_id) != 0)
        return STORE_ERR;
    if (!v.found) {
        res->msg = MSG_PERSON_NOT_OF_UNIT;
        return 0;
    }
    if (v.base_records > 1) {
        res->msg = MSG_DUPLICATE_BASE;
        return 0;
    }
    if (!v.editable) {
        res->msg = MSG_PERSON_READ_ONLY;
        return 0;
    }
    if (v.version != version) {
        res->msg = MSG_INFO_CONFLICT;
        return 0;
    }
    {
        const struct diff all[] = {
            {"name", "姓名", v.e.name, e->name},
            {"phone", "联系电话", v.e.phone, e->phone},
            {"residence", "居住地址", v.e.address, e->address},
        };
        n = changed(all, sizeof all / sizeof all[0], d);
    }
    if (n == 0) {
        res->msg = MSG_NO_CHANGE;
        return 0;
    }
    sb_init(&in);
    for (size_t k = 0; k < 3; k++) {
        static const char *const cols[3] = {"name", "phone", "residence"};
        int ch = 0;
        for (size_t i = 0; i < n; i++)
            ch |= strcmp(d[i].col, cols[k]) == 0;
        sb_i64(&in, ch);
        sb_str(&in, after_of(d, n, cols[k]));
    }
    sb_i64(&in, person_id);
    if (db_exec(s, "info.person_update",
            "UPDATE persons SET name = IF(?, ?, name), phone = IF(?, ?, phone),"
            " address = IF(?, ?, address),"
            " info_version = info_version + 1 WHERE id = ?", &in, NULL, NULL) != 0 ||
        write_declaration(s, u->id, "参保人员信息维护", period_ym, id_no, e->name,
                          operator_name, now, d, n, &res->decl_id) != 0)
        return STORE_ERR;
    res->msg = MSG_SAVED;
    res->ok = 1;
    return 0;
}

/* store_tx_ok: the whole transaction again on a certification conflict (1213). */
struct person_info_save_call {
    const struct unit *u;
    const char *id_no;
    const struct person_edit *e;
    int version;
    int period_ym;
    const struct portal_dt *now;
    const char *operator_name;
    struct info_save *res;
};

static int person_info_save_tx(struct store *s, void *arg)
{
    struct person_info_save_call *c = arg;

    memset(c->res, 0, sizeof *c->res);
    return person_save_in_tx(s, c->u, c->id_no, c->e, c->version, c->period_ym, c->now,
                             c->operator_name, c->res) != 0 ? STORE_ERR : 0;
}

int store_person_info_save(struct store *s, const struct unit *u, const char *id_no,
                           const struct person_edit *e, int version, int period_ym,
                           const struct portal_dt *now, const char *operator_name,
                           struct info_save *res)
{
    struct person_info_save_call c = {u, id_no, e, version, period_ym, now, operator_name, res};

    memset(res, 0, sizeof *res);
    return store_tx_ok(s, person_info_save_tx, &c, &res->ok) != 0 ? STORE_ERR : 0;
}
