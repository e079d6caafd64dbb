/* person_info — one person of the unit for 单位参保人员信息查询 (spec §9 item 2). */
#include <string.h>
#include "store/db.h"
#include "store/insured.h"
#include "store/person_info.h"

int store_person_of_unit(struct store *s, int64_t unit_id, const char *id_no,
                         struct person_info *out)
{
    struct sbind in, res;
    struct person_info p;
    int rc;

    memset(&p, 0, sizeof p);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_str(&in, id_no);
    sb_init(&res);
    sb_out_i64(&res, &p.person_id);
    sb_out_str(&res, p.name, sizeof p.name);
    sb_out_str(&res, p.phone, sizeof p.phone);
    sb_out_str(&res, p.address, sizeof p.address);
    sb_out_str(&res, p.person_type, sizeof p.person_type);
    /* one statement whether the ID is elsewhere or nowhere: the same answer
     * and the same work (ix_persons_id_no, then ix_enrolments_person) */
    rc = db_query_one(s, "person_info.of_unit",
        "SELECT p.id, p.name, p.phone, p.address, e.person_type FROM persons p"
        " JOIN enrolments e ON e.person_id = p.id AND e.unit_id = ?"
        "  AND " INSURED_COVERS_A_MONTH
        " WHERE p.id_no = ? ORDER BY e.start_month DESC, e.id DESC LIMIT 1", &in, &res);
    if (rc == 0)
        *out = p;
    return rc;
}

/* The parameters of the enrolments statement, in its order. */
static void bind_enrolments(struct sbind *in, int64_t unit_id, int64_t person_id, int ym)
{
    sb_init(in);
    insured_covering_month(in, ym);
    sb_month(in, ym);
    for (int i = 0; i < 2; i++) {
        sb_month(in, ym);
        sb_month(in, ym);
    }
    sb_i64(in, person_id);
    sb_i64(in, unit_id);
}

#define LIMIT_OF(col) \
    "COALESCE((SELECT l." col " FROM base_limits l WHERE l.from_month <= ?" \
    " AND (l.to_month IS NULL OR l.to_month >= ?) ORDER BY l.from_month DESC LIMIT 1), -1)"

int store_person_enrolments(struct store *s, int64_t unit_id, int64_t person_id, int ym,
                            struct person_enrolment *out, size_t max, size_t *n)
{
    struct sbind in, res;
    struct person_enrolment e;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    memset(&e, 0, sizeof e);
    bind_enrolments(&in, unit_id, person_id, ym);
    sb_init(&res);
    sb_out_str(&res, e.type_code, sizeof e.type_code);
    sb_out_str(&res, e.type_name, sizeof e.type_name);
    sb_out_str(&res, e.kind, sizeof e.kind);
    sb_out_str(&res, e.status, sizeof e.status);
    sb_out_month(&res, &e.start_month);
    sb_out_date(&res, &e.end_date);
    sb_out_int(&res, &e.covers_month);
    sb_out_i64(&res, &e.wage_fen);
    sb_out_i64(&res, &e.lower_fen);
    sb_out_i64(&res, &e.upper_fen);
    rc = db_query(s, "person_info.enrolments",
        "SELECT e.type_code, t.name, e.kind, e.status, e.start_month, e.end_date,"
        " " INSURED_COVERING_MONTH ","
        " COALESCE((SELECT w.wage_fen FROM wages w WHERE w.person_id = e.person_id"
        "  AND w.unit_id = e.unit_id AND w.from_month <= ?"
        "  ORDER BY w.from_month DESC, w.entered_us DESC, w.id DESC LIMIT 1),"
        " (SELECT w.wage_fen FROM wages w WHERE w.person_id = e.person_id"
        "  AND w.unit_id = e.unit_id ORDER BY w.from_month, w.entered_us DESC, w.id DESC LIMIT 1), -1),"
        " " LIMIT_OF("lower_fen") ", " LIMIT_OF("upper_fen")
        " FROM enrolments e JOIN insurance_types t ON t.code = e.type_code"
        " WHERE e.person_id = ? AND e.unit_id = ? AND " INSURED_COVERS_A_MONTH
        " ORDER BY t.sort, t.code, e.start_month DESC, e.id DESC", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "person_info.enrolments", st, &res)) == 0)
        if (*n < max)
            out[(*n)++] = e;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}
