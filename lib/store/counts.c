/* counts — unit_type_counts and unit_month_totals, kept by every writer
 * (counts.h says who calls what). */
#include <stdio.h>
#include <string.h>
#include "store/counts.h"
#include "store/db.h"
#include "store/insured.h"

#define ADD_COUNTS \
    " ON DUPLICATE KEY UPDATE enrolments = unit_type_counts.enrolments + VALUES(enrolments)," \
    " persons = unit_type_counts.persons + VALUES(persons)," \
    " employees = unit_type_counts.employees + VALUES(employees)," \
    " retirees = unit_type_counts.retirees + VALUES(retirees)"

int store_unit_counts_enrolled(struct store *s, const struct enrolment_new *e,
                               const char (*codes)[4], size_t n)
{
    struct sbind in;
    char list[64] = "";
    size_t k = 0;
    int active = e->end_date.y == 0;
    int covers = active || ym_make(e->end_date.y, e->end_date.m) >= e->start_ym;

    if (e->unit_id <= 0 || n == 0)
        return 0;
    for (size_t i = 0; i < n && k + 5 < sizeof list; i++)
        k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? "," : "", codes[i]);
    sb_init(&in);
    sb_i64(&in, e->unit_id);
    sb_i64(&in, s->shard);
    sb_i64(&in, covers);
    sb_i64(&in, e->unit_id);
    sb_i64(&in, e->person_id);
    sb_i64(&in, active && strcmp(e->kind, "在职") == 0);
    sb_i64(&in, active && strcmp(e->kind, "退休") == 0);
    sb_str(&in, list);
    /* a person new to the type in the unit adds one person (before the insert) */
    return db_exec(s, "counts.enrolled",
        "INSERT INTO unit_type_counts (unit_id, type_code, shard, enrolments, persons, employees,"
        " retirees) SELECT ?, t.code, ?, ?,"
        "  NOT EXISTS (SELECT 1 FROM enrolments x WHERE x.unit_id = ?"
        "   AND x.person_id = ? AND x.type_code = t.code), ?, ?"
        " FROM insurance_types t WHERE FIND_IN_SET(t.code, ?)" ADD_COUNTS, &in, NULL, NULL);
}

int store_unit_counts_person(struct store *s, int64_t unit_id, int64_t person_id, int sign)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, s->shard);
    for (int i = 0; i < 4; i++)
        sb_i64(&in, sign);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    return db_exec(s, "counts.person",
        "INSERT INTO unit_type_counts (unit_id, type_code, shard, enrolments, persons, employees,"
        " retirees) SELECT e.unit_id, e.type_code, ?, ? * SUM(" INSURED_COVERS_A_MONTH "), ? * 1,"
        "  ? * SUM(e.kind = '在职' AND " INSURED_ACTIVE_NOW "),"
        "  ? * SUM(e.kind = '退休' AND " INSURED_ACTIVE_NOW ")"
        " FROM enrolments e WHERE e.person_id = ? AND e.unit_id = ?"
        " GROUP BY e.unit_id, e.type_code" ADD_COUNTS, &in, NULL, NULL);
}

#define ADD_TOTALS \
    " ON DUPLICATE KEY UPDATE persons = unit_month_totals.persons + VALUES(persons)," \
    " base_fen = unit_month_totals.base_fen + VALUES(base_fen)," \
    " unit_fen = unit_month_totals.unit_fen + VALUES(unit_fen)," \
    " person_fen = unit_month_totals.person_fen + VALUES(person_fen)," \
    " account_fen = unit_month_totals.account_fen + VALUES(account_fen)"
#define TOTALS_COLS "INSERT INTO unit_month_totals (unit_id, month, type_code, payment_type," \
    " shard, persons, base_fen, unit_fen, person_fen, account_fen) VALUES "
#define TOTALS_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define TOTALS_CHUNK 8

/* A person has one contribution per (month, type) (uq_contributions), so
 * each row is one person of its (month, type, payment type). Rows of one
 * call are distinct (month, type) pairs or add up the same. */
int store_totals_add(struct store *s, int64_t unit_id, const char *payment_type,
                     const struct totals_row *rows, size_t n, int sign)
{
    static const char *const names[TOTALS_CHUNK + 1] = {
        "", "totals.add1", "totals.add2", "totals.add3", "totals.add4",
        "totals.add5", "totals.add6", "totals.add7", "totals.add8"
    };
    static char sql[TOTALS_CHUNK + 1]
                   [sizeof TOTALS_COLS + TOTALS_CHUNK * (sizeof TOTALS_ROW + 2) + sizeof ADD_TOTALS];
    struct sbind b[TOTALS_CHUNK];

    if (unit_id <= 0)
        return 0;
    for (size_t done = 0; done < n; ) {
        size_t k = n - done > TOTALS_CHUNK ? TOTALS_CHUNK : n - done;
        if (!sql[k][0]) {
            char *p = stpcpy(sql[k], TOTALS_COLS);
            for (size_t i = 0; i < k; i++)
                p = stpcpy(stpcpy(p, i ? ", " : ""), TOTALS_ROW);
            stpcpy(p, ADD_TOTALS);
        }
        for (size_t i = 0; i < k; i++) {
            const struct totals_row *r = &rows[done + i];
            sb_init(&b[i]);
            sb_i64(&b[i], unit_id);
            sb_month(&b[i], r->month);
            sb_str(&b[i], r->type_code);
            sb_str(&b[i], payment_type);
            sb_i64(&b[i], s->shard);
            sb_i64(&b[i], sign);
            sb_i64(&b[i], sign * r->base_fen);
            sb_i64(&b[i], sign * r->unit_fen);
            sb_i64(&b[i], sign * r->person_fen);
            sb_i64(&b[i], sign * r->account_fen);
        }
        if (db_exec_rows(s, names[k], sql[k], b, k) != 0)
            return STORE_ERR;
        done += k;
    }
    return 0;
}

/* The range's rows grouped once (one read of them: the totals, the check that
 * they are the caller's only, and the caller's sums all come from this small
 * table, a few rows per unit). Every payment type of the month is grouped: a
 * row of another transaction in the range, of any type, is a conflict. */
static const char SQL_RANGE_DROP[] = "DROP TEMPORARY TABLE IF EXISTS totals_range";
static const char SQL_RANGE_CREATE[] =
    "CREATE TEMPORARY TABLE totals_range (unit_id BIGINT NULL,"
    " type_code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
    " payment_type VARCHAR(8) NOT NULL, n BIGINT NOT NULL, base_fen BIGINT NOT NULL,"
    " unit_fen BIGINT NOT NULL, person_fen BIGINT NOT NULL, account_fen BIGINT NOT NULL)"
    " ENGINE=InnoDB";

static int add_range(struct store *s, int ym, const char *payment_type, int64_t after_id,
                     uint64_t rows, struct totals_sum *sum)
{
    struct sbind in, out;
    long n = -1;
    int64_t unit_fen = 0, person_fen = 0;

    sb_init(&in);
    sb_i64(&in, after_id);
    sb_month(&in, ym);
    /* a primary-key range: the rows the caller's statement just inserted.
     * FORCE INDEX: left to itself the optimizer reads ix_contributions_unit_report
     * whole (every month of the table's history). */
    if (db_exec(s, "totals.range",
            "INSERT INTO totals_range (unit_id, type_code, payment_type, n, base_fen, unit_fen,"
            " person_fen, account_fen)"
            " SELECT unit_id, type_code, payment_type, COUNT(*), SUM(base_fen), SUM(unit_fen),"
            "  SUM(person_fen), SUM(account_fen) FROM contributions FORCE INDEX (PRIMARY)"
            " WHERE id > ? AND month = ? GROUP BY unit_id, type_code, payment_type",
            &in, NULL, NULL) != 0)
        return STORE_ERR;
    /* one statement read the range: when it held only the caller's rows (all
     * of payment_type, all there along), the sums are theirs alone */
    sb_init(&out);
    sb_out_long(&out, &n);
    sb_out_i64(&out, &unit_fen);
    sb_out_i64(&out, &person_fen);
    if (db_query_one(s, "totals.range_rows", "SELECT COALESCE(SUM(n), 0),"
                     " COALESCE(SUM(unit_fen), 0), COALESCE(SUM(person_fen), 0) FROM totals_range",
                     NULL, &out) != 0)
        return STORE_ERR;
    if (n < 0 || (uint64_t)n != rows) {
        db_conflict(s, "totals.add_range", "rows of another transaction in the range: run again");
        return STORE_ERR;
    }
    sb_init(&in);
    sb_month(&in, ym);
    sb_i64(&in, s->shard);
    sb_str(&in, payment_type);
    if (db_exec(s, "totals.add_range",
            "INSERT INTO unit_month_totals (unit_id, month, type_code, payment_type, shard,"
            " persons, base_fen, unit_fen, person_fen, account_fen)"
            " SELECT unit_id, ?, type_code, payment_type, ?, n, base_fen, unit_fen, person_fen,"
            "  account_fen FROM totals_range WHERE unit_id IS NOT NULL AND payment_type = ?"
            ADD_TOTALS, &in, NULL, NULL) != 0)
        return STORE_ERR;
    if (sum) {
        sum->month = ym;
        sum->type_code = NULL;
        sum->persons = n;
        sum->unit_fen = unit_fen;
        sum->person_fen = person_fen;
    }
    return 0;
}

int store_totals_add_range(struct store *s, int ym, const char *payment_type, int64_t after_id,
                           uint64_t rows, struct totals_sum *sum)
{
    int rc;

    if (db_simple(s, "totals.range_drop", SQL_RANGE_DROP) != 0 ||
        db_simple(s, "totals.range_create", SQL_RANGE_CREATE) != 0)
        return STORE_ERR;
    rc = add_range(s, ym, payment_type, after_id, rows, sum);
    if (db_simple(s, "totals.range_drop", SQL_RANGE_DROP) != 0)
        rc = STORE_ERR;
    return rc;
}

int store_totals_add_rows(struct store *s, int ym, const char *payment_type, const char *table)
{
    struct sbind in;
    char sql[1024];

    snprintf(sql, sizeof sql,
        "INSERT INTO unit_month_totals (unit_id, month, type_code, payment_type, shard,"
        " persons, base_fen, unit_fen, person_fen, account_fen)"
        " SELECT unit_id, ?, type_code, ?, ?, COUNT(*), SUM(base_fen), SUM(unit_fen),"
        "  SUM(person_fen), SUM(account_fen) FROM %s WHERE unit_id IS NOT NULL"
        " GROUP BY unit_id, type_code" ADD_TOTALS, table);
    sb_init(&in);
    sb_month(&in, ym);
    sb_str(&in, payment_type);
    sb_i64(&in, s->shard);
    return db_exec(s, "totals.add_rows", sql, &in, NULL, NULL);
}

int store_unit_counts_add(struct store *s, int64_t unit_id, const struct counts_delta *d,
                          size_t n)
{
    struct rowbuf rb;
    int rc = 0;

    if (unit_id <= 0 || n == 0)
        return 0;
    if (rowbuf_init(&rb, s, "counts.add",
            "INSERT INTO unit_type_counts (unit_id, type_code, shard, enrolments, persons,"
            " employees, retirees) VALUES ", "(?, ?, ?, ?, ?, ?, ?)", ADD_COUNTS) != 0)
        return STORE_ERR;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct sbind *b = rowbuf_next(&rb);
        if (!b) {
            rc = STORE_ERR;
            break;
        }
        sb_i64(b, unit_id);
        sb_str(b, d[i].type_code);
        sb_i64(b, s->shard);
        sb_i64(b, d[i].enrolments);
        sb_i64(b, d[i].persons);
        sb_i64(b, d[i].employees);
        sb_i64(b, d[i].retirees);
    }
    if (rc == 0 && rowbuf_flush(&rb) != 0)
        rc = STORE_ERR;
    rowbuf_free(&rb);
    return rc;
}

int store_totals_add_sums(struct store *s, int64_t unit_id, const char *payment_type,
                          const struct totals_sum *rows, size_t n)
{
    struct rowbuf rb;
    int rc = 0;

    if (unit_id <= 0 || n == 0)
        return 0;
    if (rowbuf_init(&rb, s, "totals.add_sums", TOTALS_COLS, TOTALS_ROW, ADD_TOTALS) != 0)
        return STORE_ERR;
    for (size_t i = 0; i < n; i++) {
        const struct totals_sum *r = &rows[i];
        struct sbind *b = rowbuf_next(&rb);
        if (!b) {
            rc = STORE_ERR;
            break;
        }
        sb_i64(b, unit_id);
        sb_month(b, r->month);
        sb_str(b, r->type_code);
        sb_str(b, payment_type);
        sb_i64(b, s->shard);
        sb_i64(b, r->persons);
        sb_i64(b, r->base_fen);
        sb_i64(b, r->unit_fen);
        sb_i64(b, r->person_fen);
        sb_i64(b, r->account_fen);
    }
    if (rc == 0 && rowbuf_flush(&rb) != 0)
        rc = STORE_ERR;
    rowbuf_free(&rb);
    return rc;
}

/* unit_id <= 0 binds NULL: every unit */
static void bind_unit(struct sbind *in, int64_t unit_id)
{
    sb_id_or_null(in, unit_id);
    sb_id_or_null(in, unit_id);
}

#define OF_UNIT " (? IS NULL OR unit_id = ?)"

int store_counts_recount(struct store *s, int64_t unit_id)
{
    struct sbind in;

    sb_init(&in);
    bind_unit(&in, unit_id);
    if (db_exec(s, "counts.recount_clear", "DELETE FROM unit_type_counts WHERE" OF_UNIT,
                &in, NULL, NULL) != 0 ||
        db_exec(s, "counts.recount",
            "INSERT INTO unit_type_counts (unit_id, type_code, enrolments, persons, employees, retirees)"
            " SELECT e.unit_id, e.type_code, SUM(" INSURED_COVERS_A_MONTH "),"
            "  COUNT(DISTINCT e.person_id), SUM(e.kind = '在职' AND " INSURED_ACTIVE_NOW "),"
            "  SUM(e.kind = '退休' AND " INSURED_ACTIVE_NOW ")"
            " FROM enrolments e WHERE e.unit_id IS NOT NULL AND (? IS NULL OR e.unit_id = ?)"
            " GROUP BY e.unit_id, e.type_code", &in, NULL, NULL) != 0 ||
        db_exec(s, "totals.recount_clear", "DELETE FROM unit_month_totals WHERE" OF_UNIT,
                &in, NULL, NULL) != 0)
        return STORE_ERR;
    return db_exec(s, "totals.recount",
        "INSERT INTO unit_month_totals (unit_id, month, type_code, payment_type,"
        " persons, base_fen, unit_fen, person_fen, account_fen)"
        " SELECT unit_id, month, type_code, payment_type, COUNT(*), SUM(base_fen), SUM(unit_fen),"
        "  SUM(person_fen), SUM(account_fen) FROM contributions"
        " WHERE unit_id IS NOT NULL AND" OF_UNIT
        " GROUP BY unit_id, month, type_code, payment_type", &in, NULL, NULL);
}
