/* report — what 报表打印 reads and keeps (report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules/report.h"
#include "store/db.h"
#include "store/report.h"

/* The display order: types by sort and code, then the payment types' rank. */
static int row_order(const void *a, const void *b)
{
    const struct report_row *x = a, *y = b;
    int c;

    if (x->type_sort != y->type_sort)
        return x->type_sort < y->type_sort ? -1 : 1;
    if ((c = strcmp(x->type_code, y->type_code)) != 0)
        return c;
    if ((c = payment_type_rank(x->payment_type) - payment_type_rank(y->payment_type)) != 0)
        return c;
    return strcmp(x->payment_type, y->payment_type);
}

/* The types with the rates in force in ym (0 when none covers it): a few rows. */
static int types_with_rates(struct store *s, int ym, struct report_row *out, size_t max,
                            size_t *n)
{
    struct sbind in, res;
    struct report_row t;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    memset(&t, 0, sizeof t);
    sb_init(&in);
    sb_month(&in, ym);
    sb_month(&in, ym);
    sb_init(&res);
    sb_out_str(&res, t.type_code, sizeof t.type_code);
    sb_out_str(&res, t.type_name, sizeof t.type_name);
    sb_out_int(&res, &t.type_sort);
    sb_out_int(&res, &t.unit_bp);
    sb_out_int(&res, &t.person_bp);
    sb_out_i64(&res, &t.unit_fixed_fen);
    sb_out_i64(&res, &t.person_fixed_fen);
    rc = db_query(s, "report.types",
        "SELECT t.code, t.name, t.sort, COALESCE(r.unit_bp, 0), COALESCE(r.person_bp, 0),"
        " COALESCE(r.unit_fixed_fen, 0), COALESCE(r.person_fixed_fen, 0)"
        " FROM insurance_types t LEFT JOIN rates r ON r.type_code = t.code"
        "  AND r.from_month <= ? AND (r.to_month IS NULL OR r.to_month >= ?)", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "report.types", st, &res)) == 0)
        if (*n < max)
            out[(*n)++] = t;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_report_rows(struct store *s, int64_t unit_id, int ym, const char *type_code,
                      struct report_row *out, size_t max, size_t *n)
{
    struct report_row types[32], t;
    struct sbind in, res;
    MYSQL_STMT *st;
    const char *code = type_code ? type_code : "";
    size_t ntypes;
    int rc;

    *n = 0;
    if (types_with_rates(s, ym, types, sizeof types / sizeof types[0], &ntypes) != 0)
        return STORE_ERR;
    memset(&t, 0, sizeof t);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_month(&in, ym);
    sb_str(&in, code);
    sb_str(&in, code);
    sb_init(&res);
    sb_out_str(&res, t.type_code, sizeof t.type_code);
    sb_out_str(&res, t.payment_type, sizeof t.payment_type);
    sb_out_long(&res, &t.persons);
    sb_out_i64(&res, &t.wage_fen);
    sb_out_i64(&res, &t.base_fen);
    sb_out_i64(&res, &t.unit_fen);
    sb_out_i64(&res, &t.person_fen);
    sb_out_i64(&res, &t.account_fen);
    sb_out_i64(&res, &t.interest_fen);
    sb_out_i64(&res, &t.late_fee_fen);
    /* The month's rows summed alone, an index-only range (012); the names and
     * rates are joined here in C. No derived table joined to the types:
     * MariaDB would "split" it into one range scan per type. A wage unknown on
     * a legacy row (NULL) counts as its base. */
    rc = db_query(s, "report.rows",
        "SELECT type_code, payment_type, COUNT(DISTINCT id_no), SUM(COALESCE(wage_fen, base_fen)),"
        " SUM(base_fen), SUM(unit_fen), SUM(person_fen), SUM(account_fen), SUM(interest_fen),"
        " SUM(late_fee_fen) FROM contributions"
        " WHERE unit_id = ? AND month = ? AND (? = '' OR type_code = ?)"
        " GROUP BY type_code, payment_type", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "report.rows", st, &res)) == 0) {
        if (*n >= max)
            continue;
        for (size_t k = 0; k < ntypes; k++)
            if (strcmp(types[k].type_code, t.type_code) == 0) {
                snprintf(t.type_name, sizeof t.type_name, "%s", types[k].type_name);
                t.type_sort = types[k].type_sort;
                t.unit_bp = types[k].unit_bp;
                t.person_bp = types[k].person_bp;
                t.unit_fixed_fen = types[k].unit_fixed_fen;
                t.person_fixed_fen = types[k].person_fixed_fen;
            }
        out[(*n)++] = t;
    }
    db_done(st);
    if (rc != STORE_NOTFOUND)
        return rc;
    qsort(out, *n, sizeof *out, row_order);
    return 0;
}

int store_report_persons(struct store *s, int64_t unit_id, int ym, const char *type_code,
                         long *persons)
{
    struct sbind in, res;
    const char *code = type_code ? type_code : "";

    *persons = 0;
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_month(&in, ym);
    sb_str(&in, code);
    sb_str(&in, code);
    sb_init(&res);
    sb_out_long(&res, persons);
    return db_query_one(s, "report.persons",
        "SELECT COUNT(DISTINCT id_no) FROM contributions"
        " WHERE unit_id = ? AND month = ? AND (? = '' OR type_code = ?)", &in, &res);
}

int store_unit_first_month(struct store *s, int64_t unit_id, int *first_ym)
{
    struct sbind in, res;

    *first_ym = -1;
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_month(&res, first_ym);
    /* the first entry of each type in ix_enrolments_unit_first: one probe a
     * type, whatever the unit's size (025 dropped ix_enrolments_unit_start,
     * whose one dive this was; a bare MIN over unit_id scans the unit) */
    return db_query_one(s, "report.first_month",
        "SELECT MIN(x.m) FROM (SELECT (SELECT e.start_month FROM enrolments e"
        "  FORCE INDEX (ix_enrolments_unit_first) WHERE e.unit_id = ? AND e.type_code = t.code"
        "  ORDER BY e.start_month LIMIT 1) AS m FROM insurance_types t) x", &in, &res);
}

int store_unit_legal_rep_get(struct store *s, int64_t unit_id, struct unit_legal_rep *out)
{
    struct sbind in, res;

    memset(out, 0, sizeof *out);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_str(&res, out->name, sizeof out->name);
    sb_out_str(&res, out->id_no, sizeof out->id_no);
    return db_query_one(s, "report.legal_rep_get",
        "SELECT legal_rep_name, legal_rep_id_no FROM units WHERE id = ?", &in, &res);
}

int store_unit_legal_rep_set(struct store *s, int64_t unit_id, const struct unit_legal_rep *rep)
{
    struct sbind in;
    long n = 0;
    struct sbind res;

    sb_init(&in);
    sb_str(&in, rep->name);
    sb_str(&in, rep->id_no);
    sb_i64(&in, unit_id);
    if (db_exec(s, "report.legal_rep_set",
                "UPDATE units SET legal_rep_name = ?, legal_rep_id_no = ? WHERE id = ?",
                &in, NULL, NULL) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_long(&res, &n);
    /* affected rows are 0 for an unchanged row too: ask whether it exists */
    if (db_query_one(s, "report.unit_exists", "SELECT COUNT(*) FROM units WHERE id = ?",
                     &in, &res) != 0)
        return STORE_ERR;
    return n ? 0 : STORE_NOTFOUND;
}

int store_unit_schemes(struct store *s, int64_t unit_id, struct unit_scheme *out, size_t max,
                       size_t *n)
{
    struct sbind in, res;
    struct unit_scheme t;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    memset(&t, 0, sizeof t);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_str(&res, t.code, sizeof t.code);
    sb_out_str(&res, t.name, sizeof t.name);
    sb_out_date(&res, &t.registered_on);
    rc = db_query(s, "report.schemes",
        "SELECT t.code, t.name, u.registered_on FROM unit_schemes u"
        " JOIN insurance_types t ON t.code = u.type_code"
        " WHERE u.unit_id = ? ORDER BY t.sort, t.code", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "report.schemes", st, &res)) == 0)
        if (*n < max)
            out[(*n)++] = t;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_unit_scheme_set(struct store *s, int64_t unit_id, const char *code, struct ymd on,
                          const struct portal_dt *now)
{
    struct sbind in;
    uint64_t n = 0;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_date(&in, on);
    sb_datetime(&in, now);
    sb_str(&in, code);
    if (db_exec(s, "report.scheme_set",
                "INSERT INTO unit_schemes (unit_id, type_code, registered_on, created_at)"
                " SELECT ?, code, ?, ? FROM insurance_types WHERE code = ? AND special = 1"
                " ON DUPLICATE KEY UPDATE registered_on = VALUES(registered_on)",
                &in, &n, NULL) != 0)
        return STORE_ERR;
    if (n > 0)
        return 0;
    /* 0 rows: no such scheme, or the same date again */
    {
        struct sbind q, res;
        long k = 0;
        sb_init(&q);
        sb_i64(&q, unit_id);
        sb_str(&q, code);
        sb_init(&res);
        sb_out_long(&res, &k);
        if (db_query_one(s, "report.scheme_exists",
                         "SELECT COUNT(*) FROM unit_schemes WHERE unit_id = ? AND type_code = ?",
                         &q, &res) != 0)
            return STORE_ERR;
        return k ? 0 : STORE_NOTFOUND;
    }
}

int store_unit_scheme_remove(struct store *s, int64_t unit_id, const char *code)
{
    struct sbind in;
    uint64_t n = 0;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_str(&in, code);
    if (db_exec(s, "report.scheme_remove",
                "DELETE FROM unit_schemes WHERE unit_id = ? AND type_code = ?", &in, &n, NULL) != 0)
        return STORE_ERR;
    return n ? 0 : STORE_NOTFOUND;
}

int store_certificate_find(struct store *s, int64_t unit_id, struct certificate *c)
{
    struct sbind in, res;

    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_date(&in, c->made_on);
    sb_str(&in, c->unit_no);
    sb_str(&in, c->unit_name);
    sb_str(&in, c->states);
    sb_init(&res);
    sb_out_str(&res, c->code, sizeof c->code);
    return db_query_one(s, "report.certificate_find",
        "SELECT code FROM certificates WHERE unit_id = ? AND made_on = ? AND unit_no = ?"
        " AND unit_name = ? AND states = ? ORDER BY created_at, code LIMIT 1", &in, &res);
}

int store_certificate_add(struct store *s, int64_t unit_id, const struct certificate *c,
                          const struct portal_dt *now)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, c->code);
    sb_i64(&in, unit_id);
    sb_str(&in, c->unit_no);
    sb_str(&in, c->unit_name);
    sb_date(&in, c->made_on);
    sb_str(&in, c->states);
    sb_datetime(&in, now);
    return db_exec(s, "report.certificate_add",
        "INSERT INTO certificates (code, unit_id, unit_no, unit_name, made_on, states, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", &in, NULL, NULL);
}

int store_certificate_get(struct store *s, const char *code, struct certificate *out)
{
    struct sbind in, res;

    memset(out, 0, sizeof *out);
    sb_init(&in);
    sb_str(&in, code);
    sb_init(&res);
    sb_out_str(&res, out->code, sizeof out->code);
    sb_out_str(&res, out->unit_no, sizeof out->unit_no);
    sb_out_str(&res, out->unit_name, sizeof out->unit_name);
    sb_out_date(&res, &out->made_on);
    sb_out_str(&res, out->states, sizeof out->states);
    return db_query_one(s, "report.certificate_get",
        "SELECT code, unit_no, unit_name, made_on, states FROM certificates WHERE code = ?",
        &in, &res);
}
