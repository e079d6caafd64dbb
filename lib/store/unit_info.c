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
        /* the counts kept by 014_speed (summed over a type's shards) and,
         * per type, the first enrolment covering a month in start order
         * (ix_enrolments_unit_first): a few probes, whatever the unit's size */
        "SELECT t.code, t.name,"
        " (SELECT e.start_month FROM enrolments e FORCE INDEX (ix_enrolments_unit_first)"
        "   WHERE e.unit_id = c.unit_id"
        "   AND e.type_code = c.type_code AND " INSURED_COVERS_A_MONTH
        "   ORDER BY e.start_month LIMIT 1),"
        " c.employees + c.retirees > 0, c.employees, c.retirees"
        " FROM (SELECT unit_id, type_code, SUM(enrolments) AS enrolments,"
        "   SUM(employees) AS employees, SUM(retirees) AS retirees FROM unit_type_counts"
        "   WHERE unit_id = ? GROUP BY type_code) c"     /* its shards (022_galera_hot) */
        " JOIN insurance_types t ON t.code = c.type_code"
        " WHERE c.enrolments > 0 ORDER BY t.sort, t.code",
        &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "unit_info.types", st, &res)) == 0)
        if (*n < max)
            out[(*n)++] = t;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}
