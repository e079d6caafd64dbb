/* payments — a unit's contributions for 业务查询 (spec §9 items 1 and 2). */
#include <string.h>
#include "store/db.h"
#include "store/payments.h"

int store_payment_totals(struct store *s, int64_t unit_id, int ym, const char *type_code,
                         struct payment_total *out, size_t max, size_t *n)
{
    struct sbind in, res;
    struct payment_total t;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    memset(&t, 0, sizeof t);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_month(&in, ym);
    sb_str(&in, type_code);
    sb_init(&res);
    sb_out_str(&res, t.payment_type, sizeof t.payment_type);
    sb_out_long(&res, &t.persons);
    sb_out_i64(&res, &t.base_fen);
    sb_out_i64(&res, &t.unit_fen);
    sb_out_i64(&res, &t.person_fen);
    sb_out_i64(&res, &t.account_fen);
    rc = db_query(s, "payments.totals",
        /* kept by every writer of contributions (store/counts.h): a few
         * rows, whatever the unit's size; a type whose rows were all
         * removed keeps a row of zero persons, which shows nothing */
        "SELECT payment_type, SUM(persons), SUM(base_fen), SUM(unit_fen), SUM(person_fen),"
        " SUM(account_fen) FROM unit_month_totals WHERE unit_id = ? AND month = ? AND type_code = ?"
        " GROUP BY payment_type HAVING SUM(persons) > 0"       /* shards: 022_galera_hot */
        " ORDER BY FIELD(payment_type, '正常应缴', '补缴', '补差'), payment_type",
        &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "payments.totals", st, &res)) == 0)
        if (*n < max)
            out[(*n)++] = t;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_person_payments(struct store *s, int64_t unit_id, const char *id_no, int first,
                          int last, person_payment_fn fn, void *arg)
{
    struct sbind in, res;
    struct person_payment p;
    MYSQL_STMT *st;
    int rc;

    memset(&p, 0, sizeof p);
    sb_init(&in);
    sb_str(&in, id_no);
    sb_month(&in, first);
    sb_month(&in, last);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_month(&res, &p.month);
    sb_out_str(&res, p.type_code, sizeof p.type_code);
    sb_out_str(&res, p.type_name, sizeof p.type_name);
    sb_out_str(&res, p.payment_type, sizeof p.payment_type);
    sb_out_i64(&res, &p.base_fen);
    sb_out_i64(&res, &p.unit_fen);
    sb_out_i64(&res, &p.person_fen);
    sb_out_i64(&res, &p.account_fen);
    /* uq_contributions (id_no, month, type_code): at most months x types rows */
    rc = db_query(s, "payments.person",
        "SELECT c.month, c.type_code, t.name, c.payment_type, c.base_fen, c.unit_fen,"
        " c.person_fen, c.account_fen FROM contributions c"
        " JOIN insurance_types t ON t.code = c.type_code"
        " WHERE c.id_no = ? AND c.month BETWEEN ? AND ? AND c.unit_id = ?"
        " ORDER BY c.month DESC, t.sort, t.code", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "payments.person", st, &res)) == 0)
        if (fn(&p, arg) != 0) {
            rc = STORE_ERR;
            break;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}
