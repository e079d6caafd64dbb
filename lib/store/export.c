/* export — a unit's contributions of one month, streamed from one snapshot;
 * see store/export.h. */
#include <string.h>
#include "store/db.h"
#include "store/export.h"

#define EXPORT_WHERE \
    " WHERE c.unit_id = ? AND c.month = ? AND (? = '' OR c.type_code = ?)"

static void bind_filter(struct sbind *in, int64_t unit_id, int ym, const char *type)
{
    sb_init(in);
    sb_i64(in, unit_id);
    sb_month(in, ym);
    sb_str(in, type);
    sb_str(in, type);
}

int store_export_begin(struct store *s, int64_t unit_id, int ym, const char *type,
                       long *count)
{
    struct sbind in, res;

    if (db_simple(s, "export.begin",
                  "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY") != 0)
        return STORE_ERR;
    bind_filter(&in, unit_id, ym, type);
    sb_init(&res);
    sb_out_long(&res, count);
    return db_query_one(s, "export.count",
                        "SELECT COUNT(*) FROM contributions c" EXPORT_WHERE, &in, &res);
}

int store_export_rows(struct store *s, int64_t unit_id, int ym, const char *type,
                      int (*fn)(const struct export_row *row, void *arg), void *arg)
{
    struct sbind in, res;
    struct export_row row;
    MYSQL_STMT *st;
    int rc;

    memset(&row, 0, sizeof row);
    bind_filter(&in, unit_id, ym, type);
    sb_init(&res);
    sb_out_str(&res, row.id_no, sizeof row.id_no);
    sb_out_str(&res, row.name, sizeof row.name);
    sb_out_str(&res, row.type_name, sizeof row.type_name);
    sb_out_str(&res, row.payment_type, sizeof row.payment_type);
    sb_out_i64(&res, &row.base_fen);
    sb_out_i64(&res, &row.unit_fen);
    sb_out_i64(&res, &row.person_fen);
    sb_out_i64(&res, &row.account_fen);
    /* STRAIGHT_JOIN: contributions first, by ix_contributions_unit_report (023); the
     * optimizer otherwise may start from insurance_types and read every
     * contribution of each type (3x slower on a 10,000-person unit) */
#define EXPORT_ROWS \
        "SELECT STRAIGHT_JOIN c.id_no, p.name, t.name, c.payment_type, c.base_fen, c.unit_fen, c.person_fen," \
        " c.account_fen FROM contributions c JOIN persons p ON p.id = c.person_id" \
        " JOIN insurance_types t ON t.code = c.type_code" EXPORT_WHERE \
        " ORDER BY c.id_no, t.sort, c.payment_type"
    /* One prepared statement for one 险种 and another for all: MariaDB 10.11
     * re-executing the statement first run with a type (t.sort then constant,
     * its ORDER BY term dropped from the plan) with '' kept that plan and
     * returned a person's types out of order. */
    if (type && *type)
        rc = db_query_stream(s, "export.rows_type", EXPORT_ROWS, &in, &res, &st);
    else
        rc = db_query_stream(s, "export.rows", EXPORT_ROWS, &in, &res, &st);
#undef EXPORT_ROWS
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "export.rows", st, &res)) == 0)
        if (fn(&row, arg) != 0)
            break;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_export_end(struct store *s)
{
    return store_commit(s);
}
