/* unit_info — the unit's insurance types for 单位信息查询 (spec §9 item 3). */
#include <string.h>
#include "store/db.h"
#include "store/insured.h"
#include "store/unit_info.h"

int store_unit_types(struct store *s, int64_t unit_id, struct unit_type_info *out, size_t max,
                     size_t *n)
{
    struct sbind in, res;
    struct unit_type_info t;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    memset(&t, 0, sizeof t);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_init(&res);
    sb_out_str(&res, t.code, sizeof t.code);
    sb_out_str(&res, t.name, sizeof t.name);
    sb_out_month(&res, &t.first_month);
    sb_out_int(&res, &t.active);
    sb_out_long(&res, &t.employees);
    sb_out_long(&res, &t.retirees);
    rc = db_query(s, "unit_info.types",
        "SELECT t.code, t.name, x.first_month, x.active, x.employees, x.retirees"
        " FROM (SELECT e.type_code, MIN(e.start_month) AS first_month,"
        "        MAX(" INSURED_ACTIVE_NOW ") AS active,"
        "        COUNT(DISTINCT CASE WHEN e.kind = '在职' AND " INSURED_ACTIVE_NOW
        "              THEN e.person_id END) AS employees,"
        "        COUNT(DISTINCT CASE WHEN e.kind = '退休' AND " INSURED_ACTIVE_NOW
        "              THEN e.person_id END) AS retirees"
        "       FROM enrolments e WHERE e.unit_id = ? AND " INSURED_COVERS_A_MONTH
        "       GROUP BY e.type_code) x"
        " JOIN insurance_types t ON t.code = x.type_code ORDER BY t.sort, t.code",
        &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "unit_info.types", st, &res)) == 0)
        if (*n < max)
            out[(*n)++] = t;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}
