/* person — base records, enrolments and declared wages (imports, demo). */
#include <string.h>
#include "store/counts.h"
#include "store/db.h"
#include "rules/rules.h"

int store_insurance_types(struct store *s, struct insurance_type *out, size_t max, size_t *n)
{
    struct sbind res;
    struct insurance_type t;
    MYSQL_STMT *st;
    int rc;

    *n = 0;
    sb_init(&res);
    sb_out_str(&res, t.code, sizeof t.code);
    sb_out_str(&res, t.name, sizeof t.name);
    sb_out_int(&res, &t.mandatory);
    sb_out_int(&res, &t.civil_servant_only);
    sb_out_int(&res, &t.sort);
    rc = db_query(s, "insurance_types.all",
        "SELECT code, name, mandatory, civil_servant_only, sort FROM insurance_types"
        " WHERE special = 0 ORDER BY sort, code", NULL, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "insurance_types.all", st, &res)) == 0)
        if (*n < max)
            out[(*n)++] = t;
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

int store_id_lock(struct store *s, const char *id_no)
{
    struct sbind in;

    sb_init(&in);
    sb_str(&in, id_no);
    /* Not INSERT IGNORE: on an existing row it takes a shared lock, and two
     * transactions that both hold it deadlock when both ask FOR UPDATE.
     * ON DUPLICATE KEY UPDATE takes the exclusive lock at once (the second
     * transaction simply waits), for a new row and an existing one alike:
     * the inserted row is X-locked by its insert, an existing one by the
     * duplicate check, both until the transaction ends. A SELECT ... FOR
     * UPDATE after it would lock nothing more (checked with two sessions:
     * a second FOR UPDATE, LOCK IN SHARE MODE or upsert waits either way),
     * so this is one round trip.
     * On Galera the row lock is of this node only: `touched` + 1 writes the
     * row every time, so two nodes' transactions on one ID conflict at
     * certification and the second runs again (store_tx, schema/019). */
    return db_exec(s, "id_lock.upsert",
                   "INSERT INTO id_locks (id_no) VALUES (?) ON DUPLICATE KEY UPDATE touched = touched + 1",
                   &in, NULL, NULL) == 0 ? 0 : STORE_ERR;
}

void store_person_bind(struct sbind *in, const struct person_new *p,
                       const struct portal_dt *now)
{
    sb_str(in, p->id_no);
    sb_str(in, p->name);
    sb_i64(in, p->male ? 1 : 2);
    sb_date(in, p->birth);
    sb_str(in, p->phone ? p->phone : "");
    sb_str(in, p->address ? p->address : "");
    sb_date(in, p->work_start);
    sb_month(in, p->retire_ym);
    sb_str(in, p->alive ? p->alive : "在世");
    sb_str(in, p->category ? p->category : "职工");
    sb_datetime(in, now);
    /* the statutory retirement months, stored (017_check_fast) */
    sb_month(in, retire_month(p->birth, p->male, 0));
    sb_month(in, retire_month(p->birth, p->male, 1));
}

int store_person_add(struct store *s, const struct person_new *p,
                     const struct portal_dt *now, int64_t *id)
{
    struct sbind in;

    sb_init(&in);
    store_person_bind(&in, p, now);
    return db_exec(s, "person.add", PERSON_INSERT " VALUES " PERSON_VALUES, &in, NULL, id);
}

int store_person_count(struct store *s, const char *id_no, long *n)
{
    struct sbind in, res;

    sb_init(&in);
    sb_str(&in, id_no);
    sb_init(&res);
    sb_out_long(&res, n);
    int rc = db_query_one(s, "person.count",
        "SELECT COUNT(*) FROM persons WHERE id_no = ?", &in, &res);
    return rc == STORE_NOTFOUND ? STORE_ERR : rc;
}

int store_enrolment_add(struct store *s, const struct enrolment_new *e, const char *type_code,
                        const struct portal_dt *now)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, e->person_id);
    sb_id_or_null(&in, e->unit_id);
    sb_str(&in, e->kind);
    sb_str(&in, e->person_type);
    sb_str(&in, type_code);
    sb_month(&in, e->start_ym);
    sb_date(&in, e->end_date);
    sb_str(&in, e->stop_reason);
    sb_i64(&in, e->transferred ? 1 : 0);
    sb_str(&in, e->status ? e->status : "参保缴费");
    sb_datetime(&in, now);
    sb_datetime(&in, now);
    if (store_unit_counts_enrolled(s, e, (const char (*)[4])type_code, 1) != 0)
        return STORE_ERR;
    return db_exec(s, "enrolment.add",
        "INSERT INTO enrolments (person_id, unit_id, kind, person_type, type_code, start_month,"
        " end_date, stop_reason, transferred, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &in, NULL, NULL);
}

int store_wage_add(struct store *s, int64_t person_id, int64_t unit_id, int from_ym,
                   long long wage_fen, const struct portal_dt *now)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, person_id);
    sb_id_or_null(&in, unit_id);
    sb_month(&in, from_ym);
    sb_i64(&in, wage_fen);
    sb_datetime(&in, now);
    return db_exec(s, "wage.add",
        "INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at, entered_us)"
        " VALUES (?, ?, ?, ?, ?, " SQL_NOW_US ")", &in, NULL, NULL);
}

/* One multi-row INSERT per person instead of one per type: a demo or import
 * of thousands of persons spends its time in round trips. The statement for
 * n rows is built once per process (the text is the same for every connection). */
#define ENROL_COLS ENROLMENT_INSERT " VALUES "
#define ENROL_ROW ENROLMENT_VALUES

void store_enrolment_bind(struct sbind *b, const struct enrolment_new *e, const char *type_code,
                          const struct portal_dt *now)
{
    sb_i64(b, e->person_id);
    sb_id_or_null(b, e->unit_id);
    sb_str(b, e->kind);
    sb_str(b, e->person_type);
    sb_str(b, type_code);
    sb_month(b, e->start_ym);
    sb_date(b, e->end_date);
    sb_str(b, e->stop_reason);
    sb_i64(b, e->transferred ? 1 : 0);
    sb_str(b, e->status ? e->status : "参保缴费");
    sb_datetime(b, now);
    sb_datetime(b, now);
}

int store_enrolments_add(struct store *s, const struct enrolment_new *e,
                         const char (*type_codes)[4], size_t n, const struct portal_dt *now)
{
    static const char *const names[STORE_ENROL_MAX_TYPES + 1] = {
        "", "enrolments.add1", "enrolments.add2", "enrolments.add3", "enrolments.add4",
        "enrolments.add5", "enrolments.add6", "enrolments.add7", "enrolments.add8"
    };
    static char sql[STORE_ENROL_MAX_TYPES + 1]
                   [sizeof ENROL_COLS + STORE_ENROL_MAX_TYPES * (sizeof ENROL_ROW + 2)];
    struct sbind row[STORE_ENROL_MAX_TYPES];

    if (n == 0)
        return 0;
    if (n > STORE_ENROL_MAX_TYPES) {
        db_fail(s, "enrolments.add", "too many insurance types");
        return STORE_ERR;
    }
    if (!sql[n][0]) {
        char *p = sql[n];
        p = stpcpy(p, ENROL_COLS);
        for (size_t i = 0; i < n; i++)
            p = stpcpy(stpcpy(p, i ? ", " : ""), ENROL_ROW);
    }
    for (size_t i = 0; i < n; i++) {
        struct sbind *b = &row[i];
        sb_init(b);
        store_enrolment_bind(b, e, type_codes[i], now);
    }
    if (store_unit_counts_enrolled(s, e, type_codes, n) != 0)
        return STORE_ERR;
    return db_exec_rows(s, names[n], sql[n], row, n);
}
