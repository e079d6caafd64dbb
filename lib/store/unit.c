/* unit — employers (用人单位) and their home-page counts. */
#include <stdio.h>
#include "store/db.h"
#include "store/insured.h"

#define UNIT_COLS "SELECT id, unit_no, name, unit_type, credit_code FROM units "

static void bind_unit(struct sbind *res, struct unit *u)
{
    sb_init(res);
    sb_out_i64(res, &u->id);
    sb_out_str(res, u->unit_no, sizeof u->unit_no);
    sb_out_str(res, u->name, sizeof u->name);
    sb_out_str(res, u->unit_type, sizeof u->unit_type);
    sb_out_str(res, u->credit_code, sizeof u->credit_code);
}

int store_unit_by_id(struct store *s, int64_t unit_id, struct unit *out)
{
    struct sbind in, res;
    struct unit u;

    sb_init(&in);
    sb_i64(&in, unit_id);
    bind_unit(&res, &u);
    int rc = db_query_one(s, "unit.by_id", UNIT_COLS "WHERE id = ?", &in, &res);
    if (rc == 0)
        *out = u;
    return rc;
}

int store_unit_by_no(struct store *s, const char *unit_no, struct unit *out)
{
    struct sbind in, res;
    struct unit u;

    sb_init(&in);
    sb_str(&in, unit_no);
    bind_unit(&res, &u);
    int rc = db_query_one(s, "unit.by_no", UNIT_COLS "WHERE unit_no = ?", &in, &res);
    if (rc == 0)
        *out = u;
    return rc;
}

int store_unit_add(struct store *s, const struct unit *u, const struct portal_dt *now,
                   int64_t *id)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, u->unit_no);
    sb_str(&in, u->name);
    sb_str(&in, u->unit_type);
    sb_str(&in, u->credit_code);
    sb_datetime(&in, now);
    return db_exec(s, "unit.add",
        "INSERT INTO units (unit_no, name, unit_type, credit_code, created_at)"
        " VALUES (?, ?, ?, ?, ?)", &in, NULL, id);
}

int store_unit_contact_get(struct store *s, int64_t unit_id, struct unit_contact *out)
{
    struct sbind in, res;
    struct unit_contact c;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_str(&res, c.contact_name, sizeof c.contact_name);
    sb_out_str(&res, c.contact_phone, sizeof c.contact_phone);
    sb_out_str(&res, c.address, sizeof c.address);
    sb_out_str(&res, c.bank_name, sizeof c.bank_name);
    sb_out_str(&res, c.bank_account_name, sizeof c.bank_account_name);
    sb_out_str(&res, c.bank_account_no, sizeof c.bank_account_no);
    sb_out_str(&res, c.legal_rep_phone, sizeof c.legal_rep_phone);
    int rc = db_query_one(s, "unit.contact_get",
        "SELECT contact_name, contact_phone, address, bank_name, bank_account_name,"
        " bank_account_no, legal_rep_phone FROM units WHERE id = ?", &in, &res);
    if (rc == 0)
        *out = c;
    return rc;
}

int store_unit_operator(struct store *s, const struct unit *u, char *out, size_t n)
{
    struct unit_contact c;
    int rc;

    if (s->actor_id > 0) {       /* the acting account's 姓名 (spec §7b) */
        snprintf(out, n, "%s", s->actor_name);
        return 0;
    }
    rc = store_unit_contact_get(s, u->id, &c);

    snprintf(out, n, "%s", rc == 0 && c.contact_name[0] ? c.contact_name : u->unit_no);
    return rc == 0 ? 0 : STORE_ERR;
}

int store_unit_contact_set(struct store *s, int64_t unit_id, const struct unit_contact *c)
{
    struct sbind in;
    struct unit u;
    int rc;

    sb_init(&in);
    sb_str(&in, c->contact_name);
    sb_str(&in, c->contact_phone);
    sb_str(&in, c->address);
    sb_str(&in, c->bank_name);
    sb_str(&in, c->bank_account_name);
    sb_str(&in, c->bank_account_no);
    sb_str(&in, c->legal_rep_phone);
    sb_i64(&in, unit_id);
    rc = db_exec(s, "unit.contact_set",
        "UPDATE units SET contact_name = ?, contact_phone = ?, address = ?, bank_name = ?,"
        " bank_account_name = ?, bank_account_no = ?, legal_rep_phone = ? WHERE id = ?",
        &in, NULL, NULL);
    if (rc != 0)
        return rc;
    /* "0 rows affected" also means "nothing changed": ask whether the unit exists. */
    return store_unit_by_id(s, unit_id, &u);
}

/* Active now (INSURED_ACTIVE_NOW: no end date). A stop is recorded with the
 * end date it takes effect, so a person stopped at the end of this month no
 * longer counts. Every enrolment has its 310 row and a person has at most one
 * active one, so the active 310 enrolments are the persons; their counts are
 * kept by the triggers of 014_speed (unit_type_counts): one primary-key
 * lookup, whatever the unit's size. */
int store_unit_counts(struct store *s, int64_t unit_id, long *insured, long *retired)
{
    struct sbind in, res;
    long a = 0, b = 0;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_long(&res, &a);
    sb_out_long(&res, &b);
    int rc = db_query_one(s, "unit.counts",
        "SELECT COALESCE(SUM(employees), 0), COALESCE(SUM(retirees), 0) FROM unit_type_counts"
        " WHERE unit_id = ? AND type_code = '310'",   /* its shards (022_galera_hot) */
        &in, &res);
    if (rc != 0 && rc != STORE_NOTFOUND)
        return rc;
    *insured = a;      /* no row: nobody was ever enrolled */
    *retired = b;
    return 0;
}

int store_unit_created_at(struct store *s, int64_t unit_id, struct portal_dt *out)
{
    struct sbind in, res;
    struct portal_dt dt;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_dt(&res, &dt);
    int rc = db_query_one(s, "unit.created_at", "SELECT created_at FROM units WHERE id = ?",
                          &in, &res);
    if (rc == 0)
        *out = dt;
    return rc;
}
