/*
 * settle — the monthly settlement (正常应缴) and the bench-data generator.
 * The rules are in settle.h; here are the statements, one per step.
 */
#include <stdio.h>
#include <string.h>
#include "store/counts.h"
#include "store/check.h"
#include "store/db.h"
#include "store/insured.h"
#include "store/settle.h"

/* ---- settlement ------------------------------------------------------------ */

/* The temporary tables (issue 15 item 4): the base and what is already
 * charged are looked up by key once per enrolment row of the month (1.2 M
 * lookups for 200,000 persons): MEMORY tables, their primary keys hashes, in
 * the session's max_heap_table_size (SQL_HEAP_SIZE: 1 GB, about 12 million
 * persons' base; a table over it fails the run, which writes nothing). The
 * staged rows (one per contribution) are only written and read whole: an
 * Aria table without a log, which grows on disk past its page cache. Measured
 * as InnoDB tables (200,000 persons), the base took 9.5 s and the staging
 * 4.7 s; now 6.4 s and 3.0 s.
 * The same session raises tmp_table_size with it: the base's GROUP BY of the
 * (person, unit) pairs works in an internal temporary table kept in memory
 * up to the smaller of the two, and at the default 16 MB it went to disk
 * (seen with 1,000,000 persons, Created_tmp_disk_tables): there (make
 * bench-large) the base took 96-102 s on disk and 30-35 s in memory, and the
 * re-run that writes nothing 219 s against 59 s. */
#define SETTLE_ROWS_ENGINE "Aria TRANSACTIONAL=0 ROW_FORMAT=FIXED"
static const char SQL_HEAP_SIZE[] =
    "SET SESSION max_heap_table_size = 1073741824, tmp_table_size = 1073741824";
static const char SQL_HEAP_DEFAULT[] =
    "SET SESSION max_heap_table_size = DEFAULT, tmp_table_size = DEFAULT";

/* The per-person base of the month being settled, with the person's
 * 证件号码 (read once per person here rather than once per type in step 3).
 * Dropped and created afresh by every run (a temporary table lives only in
 * this connection). */
static const char SQL_BASE_DROP[] = "DROP TEMPORARY TABLE IF EXISTS settle_base";
static const char SQL_BASE_CREATE[] =
    "CREATE TEMPORARY TABLE settle_base ("
    " person_id BIGINT NOT NULL, unit_id BIGINT NOT NULL,"
    " id_no CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, wage_fen BIGINT NOT NULL,"
    " base_fen BIGINT NOT NULL,"
    " PRIMARY KEY (person_id, unit_id)) ENGINE=MEMORY";
/* The (证件号码, type) already charged for M (back-paid or settled before).
 * Step 2 leaves them out with an anti-join on this table rather than a NOT
 * EXISTS on contributions itself: an INSERT ... SELECT that reads its own
 * target table is materialised into a temporary table first (1.2 million
 * rows for 200,000 persons), this one streams. */
static const char SQL_DONE_DROP[] = "DROP TEMPORARY TABLE IF EXISTS settle_done";
static const char SQL_DONE_CREATE[] =
    "CREATE TEMPORARY TABLE settle_done ("
    " id_no CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
    " type_code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
    " PRIMARY KEY (id_no, type_code)) ENGINE=MEMORY";

/* Exactly one limits row must cover M. */
static const char SQL_LIMITS[] =
    "SELECT COUNT(*), COALESCE(MIN(lower_fen), 0), COALESCE(MIN(upper_fen), 0)"
    " FROM base_limits WHERE from_month <= ? AND (to_month IS NULL OR to_month >= ?)";

/* The first insurance type without exactly one rates row covering M (the
 * schemes for special groups carry no rates: 012_reports). */
static const char SQL_RATES_CHECK[] =
    "SELECT t.code FROM insurance_types t"
    " WHERE t.special = 0 AND (SELECT COUNT(*) FROM rates r WHERE r.type_code = t.code"
    "        AND r.from_month <= ? AND (r.to_month IS NULL OR r.to_month >= ?)) <> 1"
    " ORDER BY t.sort LIMIT 1";

/* Step 1: one row per (person, unit) with an 在职 enrolment covering M: the
 * person's 证件号码 and the wage in force for M (see settle.h), as declared
 * (stored on each row: the reports' 职工工资总额) and clamped to M's limits.
 * The (person, unit) pairs first, from an index-only range scan of
 * ix_enrolments_settle (one pair per six enrolments) grouped in person order
 * (DISTINCT kept the index's order, start month first: 10 % slower here, and
 * on real data it would visit persons and wages out of order), then persons
 * by primary key once per pair (STRAIGHT_JOIN: not the persons table whole).
 * Looked up per enrolment row before grouping, persons cost six lookups a
 * person. */
static const char SQL_BASE_FILL[] =
    "INSERT INTO settle_base (person_id, unit_id, id_no, wage_fen, base_fen)"
    " SELECT y.person_id, y.unit_id, y.id_no, y.wage_fen, LEAST(GREATEST(y.wage_fen, ?), ?) FROM ("
    "  SELECT x.person_id, x.unit_id, p.id_no, COALESCE("
    "   (SELECT w.wage_fen FROM wages w WHERE w.person_id = x.person_id AND w.unit_id = x.unit_id"
    "      AND w.from_month <= ? ORDER BY w.from_month DESC, w.entered_us DESC, w.id DESC LIMIT 1),"
    "   (SELECT w.wage_fen FROM wages w WHERE w.person_id = x.person_id AND w.unit_id = x.unit_id"
    "      ORDER BY w.from_month, w.entered_us, w.id LIMIT 1),"
    "   0) AS wage_fen"
    "  FROM (SELECT e.person_id, e.unit_id FROM enrolments e"
    "        WHERE " INSURED_COVERING_MONTH " GROUP BY e.person_id, e.unit_id) x"
    "  STRAIGHT_JOIN persons p ON p.id = x.person_id) y";

/* Step 2: what is already charged for M, found through the unique key
 * (id_no, month, ...) of each covered person (a person with several base
 * records appears once per record: IGNORE keeps one row). */
static const char SQL_DONE_FILL[] =
    "INSERT IGNORE INTO settle_done (id_no, type_code)"
    " SELECT STRAIGHT_JOIN c.id_no, c.type_code FROM settle_base b"
    " JOIN contributions c ON c.id_no = b.id_no AND c.month = ?";

static const char SQL_MAX_ID[] = "SELECT COALESCE(MAX(id), 0) FROM contributions";

/* Step 3: every covered (enrolment, type) not yet charged, at M's rate,
 * staged in settle_rows (no index: written once, read whole twice).
 * STRAIGHT_JOIN: an index-only range scan of ix_enrolments_settle (006)
 * drives, then primary-key lookups in the two temporary tables (the
 * 证件号码 comes with the base: no lookup in persons per row); left to
 * itself the optimizer starts from the 7 rates rows and reads every
 * enrolment row through the clustered index. */
static const char SQL_ROWS_DROP[] = "DROP TEMPORARY TABLE IF EXISTS settle_rows";
static const char SQL_ROWS_CREATE[] =
    "CREATE TEMPORARY TABLE settle_rows ("
    " id_no CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
    " type_code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
    " person_id BIGINT NOT NULL, unit_id BIGINT NOT NULL, wage_fen BIGINT NOT NULL,"
    " base_fen BIGINT NOT NULL, unit_fen BIGINT NOT NULL, person_fen BIGINT NOT NULL,"
    " account_fen BIGINT NOT NULL) ENGINE=" SETTLE_ROWS_ENGINE;
static const char SQL_ROWS_FILL[] =
    "INSERT INTO settle_rows (id_no, type_code, person_id, unit_id, wage_fen, base_fen,"
    " unit_fen, person_fen, account_fen)"
    " SELECT STRAIGHT_JOIN b.id_no, e.type_code, e.person_id, e.unit_id, b.wage_fen, b.base_fen,"
    "  (b.base_fen * r.unit_bp + 5000) DIV 10000 + r.unit_fixed_fen,"
    "  (b.base_fen * r.person_bp + 5000) DIV 10000 + r.person_fixed_fen,"
    "  IF(r.person_to_account = 1, (b.base_fen * r.person_bp + 5000) DIV 10000 + r.person_fixed_fen, 0)"
    " FROM enrolments e"
    " JOIN settle_base b ON b.person_id = e.person_id AND b.unit_id = e.unit_id"
    " LEFT JOIN settle_done d ON d.id_no = b.id_no AND d.type_code = e.type_code"
    " JOIN rates r ON r.type_code = e.type_code AND r.from_month <= ?"
    "  AND (r.to_month IS NULL OR r.to_month >= ?)"
    " WHERE " INSURED_COVERING_MONTH
    "  AND d.id_no IS NULL";

/* Step 4, the charge: the staged rows, in the order they were staged. A row
 * whose (id_no, M, type) another transaction has charged since step 2, or
 * a second row for one (id_no, M, type) among the staged (a person insured
 * twice by bad legacy data: the first is kept), is a no-op update on the
 * unique key, which counts no affected row (the connection does not ask
 * for found rows). */
static const char SQL_CHARGE[] =
    "INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
    " wage_fen, base_fen, unit_fen, person_fen, account_fen, interest_fen, late_fee_fen, created_at)"
    " SELECT id_no, ?, type_code, person_id, unit_id, '正常应缴', wage_fen, base_fen, unit_fen,"
    "  person_fen, account_fen, 0, 0, ? FROM settle_rows"
    " ON DUPLICATE KEY UPDATE contributions.id = contributions.id";

/* The run's sums and persons when every staged row was inserted. */
static const char SQL_ROWS_SUMS[] =
    "SELECT COALESCE(SUM(unit_fen), 0), COALESCE(SUM(person_fen), 0), COUNT(DISTINCT person_id)"
    " FROM settle_rows";

/* The persons charged by this run: those of the base with a row of M above
 * the ids before the charge (store_totals_add_range has checked that the
 * range holds this run's rows only). A dependent subquery: index-only
 * lookups in uq_contributions_once (id_no, month, ...; the primary key id is
 * in every entry), a few entries per base row. Written as EXISTS, the
 * optimizer materialises the subquery by reading the run's rows again. */
static const char SQL_RUN_PERSONS[] =
    "SELECT COUNT(DISTINCT b.person_id) FROM settle_base b"
    " WHERE (SELECT MAX(c.id) FROM contributions c"
    "        WHERE c.id_no = b.id_no AND c.month = ?) > ?";

static int settle_in_tx(struct store *s, int ym, const struct portal_dt *now,
                        struct settle_result *out)
{
    struct sbind in, o;
    struct totals_sum sum;
    long nlimits = 0;
    int64_t lower = 0, upper = 0, max_id = 0, unit_fen = 0, person_fen = 0;
    char code[8] = "";
    uint64_t n = 0, staged = 0;
    int rc;

    sb_init(&in);
    sb_month(&in, ym);
    sb_month(&in, ym);
    sb_init(&o);
    sb_out_long(&o, &nlimits);
    sb_out_i64(&o, &lower);
    sb_out_i64(&o, &upper);
    if (db_query_one(s, "settle.limits", SQL_LIMITS, &in, &o) != 0)
        return STORE_ERR;
    if (nlimits != 1) {
        snprintf(out->missing, sizeof out->missing, "%s",
                 nlimits ? "缴费基数上下限 (有多条记录覆盖该月)" : "缴费基数上下限");
        return SETTLE_NOREF;
    }
    sb_init(&o);
    sb_out_str(&o, code, sizeof code);
    rc = db_query_one(s, "settle.rates_check", SQL_RATES_CHECK, &in, &o);
    if (rc == 0) {
        snprintf(out->missing, sizeof out->missing, "险种 %s 的费率 (应有且只有一条记录覆盖该月)", code);
        return SETTLE_NOREF;
    }
    if (rc != STORE_NOTFOUND)
        return STORE_ERR;

    sb_init(&in);
    sb_i64(&in, lower);
    sb_i64(&in, upper);
    sb_month(&in, ym);
    insured_covering_month(&in, ym);
    if (db_exec(s, "settle.base_fill", SQL_BASE_FILL, &in, &n, NULL) != 0)
        return STORE_ERR;
    out->persons_covered = (long)n;

    sb_init(&in);
    sb_month(&in, ym);
    if (db_exec(s, "settle.done_fill", SQL_DONE_FILL, &in, NULL, NULL) != 0)
        return STORE_ERR;

    sb_init(&in);
    sb_month(&in, ym);
    sb_month(&in, ym);
    insured_covering_month(&in, ym);
    if (db_exec(s, "settle.rows_fill", SQL_ROWS_FILL, &in, &staged, NULL) != 0)
        return STORE_ERR;
    if (staged == 0)
        return 0;

    sb_init(&o);
    sb_out_i64(&o, &max_id);
    if (db_query_one(s, "settle.max_id", SQL_MAX_ID, NULL, &o) != 0)
        return STORE_ERR;

    sb_init(&in);
    sb_month(&in, ym);
    sb_datetime(&in, now);
    if (db_exec(s, "settle.charge", SQL_CHARGE, &in, &n, NULL) != 0)
        return STORE_ERR;
    out->rows = (long)n;
    if (n == 0)
        return 0;
    if (n == staged) {
        /* Every staged row was inserted, each a row of its own: what this
         * run wrote is exactly settle_rows, whose sums are the kept totals'
         * and the run's (no read of the new rows). A row another transaction
         * writes beside them does not enter: not counted, not checked (on a
         * Galera cluster one that charged the same key fails certification,
         * and store_tx runs this again). */
        if (store_totals_add_rows(s, ym, "正常应缴", "settle_rows") != 0)
            return STORE_ERR;
        sb_init(&o);
        sb_out_i64(&o, &unit_fen);
        sb_out_i64(&o, &person_fen);
        sb_out_long(&o, &out->persons);
        if (db_query_one(s, "settle.rows_sums", SQL_ROWS_SUMS, NULL, &o) != 0)
            return STORE_ERR;
        out->unit_fen = unit_fen;
        out->person_fen = person_fen;
        return 0;
    }
    /* Some staged rows were no-ops (charged meanwhile, or a key twice): the
     * rows inserted are read back from the id range, which must hold this
     * run's rows only (store/counts.h) */
    if (store_totals_add_range(s, ym, "正常应缴", max_id, n, &sum) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_month(&in, ym);
    sb_i64(&in, max_id);
    sb_init(&o);
    sb_out_long(&o, &out->persons);
    if (db_query_one(s, "settle.run_persons", SQL_RUN_PERSONS, &in, &o) != 0)
        return STORE_ERR;
    out->unit_fen = sum.unit_fen;
    out->person_fen = sum.person_fen;
    return 0;
}

static int settle_month_once(struct store *s, int ym, const struct portal_dt *now,
                             struct settle_result *out)
{
    int rc;

    memset(out, 0, sizeof *out);
    if (db_simple(s, "settle.heap_size", SQL_HEAP_SIZE) != 0 ||
        db_simple(s, "settle.base_drop", SQL_BASE_DROP) != 0 ||
        db_simple(s, "settle.base_create", SQL_BASE_CREATE) != 0 ||
        db_simple(s, "settle.done_drop", SQL_DONE_DROP) != 0 ||
        db_simple(s, "settle.done_create", SQL_DONE_CREATE) != 0 ||
        db_simple(s, "settle.rows_drop", SQL_ROWS_DROP) != 0 ||
        db_simple(s, "settle.rows_create", SQL_ROWS_CREATE) != 0)
        return STORE_ERR;
    /* Read committed: the big SELECTs read without locking the enrolments and
     * persons of the whole city while the month is being inserted.
     * No foreign-key checks (issue 15 item 4): every row's person, unit and
     * type come from an enrolments row joined to its persons row and a rates
     * row, so each reference holds by construction; checked, each inserted row
     * cost three parent lookups and a shared lock on each parent. */
    if (db_simple(s, "settle.isolation", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED") != 0 ||
        db_simple(s, "settle.fk_off", "SET SESSION foreign_key_checks = 0") != 0)
        return STORE_ERR;
    if (store_begin(s) != 0) {
        db_simple(s, "settle.fk_on", "SET SESSION foreign_key_checks = 1");
        return STORE_ERR;
    }
    rc = settle_in_tx(s, ym, now, out);
    if (rc == 0 && store_commit(s) != 0)
        rc = STORE_ERR;
    if (rc != 0) {
        store_rollback(s);
        out->rows = out->persons = 0;
        out->unit_fen = out->person_fen = 0;
    }
    db_simple(s, "settle.fk_on", "SET SESSION foreign_key_checks = 1");
    db_simple(s, "settle.base_drop", SQL_BASE_DROP);
    db_simple(s, "settle.done_drop", SQL_DONE_DROP);
    db_simple(s, "settle.rows_drop", SQL_ROWS_DROP);
    db_simple(s, "settle.heap_default", SQL_HEAP_DEFAULT);
    return rc;
}

/* store_tx: the whole transaction again on a certification conflict (1213). */
struct settle_month_call {
    int ym;
    const struct portal_dt *now;
    struct settle_result *out;
};

static int settle_month_tx(struct store *s, void *arg)
{
    struct settle_month_call *c = arg;

    return settle_month_once(s, c->ym, c->now, c->out);
}

int store_settle_month(struct store *s, int ym, const struct portal_dt *now,
                       struct settle_result *out)
{
    struct settle_month_call c = {ym, now, out};

    return store_tx(s, settle_month_tx, &c);
}

int store_limits_first_month(struct store *s, int *ym)
{
    struct sbind o;
    int m = -1;
    int rc;

    sb_init(&o);
    sb_out_month(&o, &m);
    rc = db_query_one(s, "settle.limits_first", "SELECT MIN(from_month) FROM base_limits", NULL, &o);
    if (rc != 0)
        return rc;
    if (m < 0)
        return STORE_NOTFOUND;
    *ym = m;
    return 0;
}

/* ---- bench data ------------------------------------------------------------ */

/*
 * Person number n (1-based across runs) has the ID
 *     329900 | birth date 1966-01-01 + (n mod 12000) days | n div 12000 (3 digits) | check
 * so IDs are unique for n < 12,000,000 and n can be read back from a row
 * (gen_map below). Digit 17 odd = male, so the gender follows n div 12000.
 */
#define GEN_REGION "329900"

static const char SQL_GEN_UNITS0[] =
    "SELECT COALESCE(MAX(CAST(SUBSTRING(unit_no, 6) AS UNSIGNED)), 0) FROM units"
    " WHERE unit_no LIKE 'BENCH%' AND CHAR_LENGTH(unit_no) = 13";
static const char SQL_GEN_PERSONS0[] =
    "SELECT COUNT(*), (SELECT COALESCE(MAX(id), 0) FROM persons) FROM persons"
    " WHERE id_no LIKE '" GEN_REGION "%'";

static const char SQL_GEN_UNITS[] =
    "INSERT INTO units (unit_no, name, unit_type, credit_code, created_at)"
    " SELECT CONCAT('BENCH', LPAD(? + seq, 8, '0')), CONCAT('基准测试单位', ? + seq), '企业',"
    "  CONCAT('91320500BN', LPAD(? + seq, 8, '0')), ?"
    " FROM seq_1_to_100000 WHERE seq <= ?";

#define D(i) "(ORD(SUBSTRING(x.s, " #i ", 1)) - 48)"
static const char SQL_GEN_PERSONS[] =
    "INSERT INTO persons (id_no, name, gender, birth_date, created_at)"
    " SELECT CONCAT(x.s, ELT(1 + MOD("
    D(1) "*7 + " D(2) "*9 + " D(3) "*10 + " D(4) "*5 + " D(5) "*8 + " D(6) "*4 + "
    D(7) "*2 + " D(8) "*1 + " D(9) "*6 + " D(10) "*3 + " D(11) "*7 + " D(12) "*9 + "
    D(13) "*10 + " D(14) "*5 + " D(15) "*8 + " D(16) "*4 + " D(17) "*2, 11),"
    "  '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2')),"
    "  CONCAT('基准人员', x.n), IF(x.q MOD 2 = 1, 1, 2), x.b, ?"
    " FROM (SELECT y.n, y.q, y.b,"
    "        CONCAT('" GEN_REGION "', DATE_FORMAT(y.b, '%Y%m%d'), LPAD(y.q, 3, '0')) AS s"
    "       FROM (SELECT ? + seq AS n, (? + seq) DIV 12000 AS q,"
    "             DATE '1966-01-01' + INTERVAL ((? + seq) MOD 12000) DAY AS b"
    "             FROM seq_1_to_5000000 WHERE seq <= ?) y) x";
#undef D

static const char SQL_GEN_MAP_DROP[] = "DROP TEMPORARY TABLE IF EXISTS gen_map";
static const char SQL_GEN_MAP_CREATE[] =
    "CREATE TEMPORARY TABLE gen_map (person_id BIGINT NOT NULL PRIMARY KEY,"
    " unit_id BIGINT NOT NULL, n BIGINT NOT NULL) ENGINE=InnoDB";
/* The persons made by this run (id above the old maximum, bench region) and
 * their unit: round-robin over this run's units by person number. */
static const char SQL_GEN_MAP[] =
    "INSERT INTO gen_map (person_id, unit_id, n)"
    " SELECT x.pid, u.id, x.n"
    " FROM (SELECT p.id AS pid, CAST(SUBSTRING(p.id_no, 15, 3) AS UNSIGNED) * 12000"
    "        + DATEDIFF(p.birth_date, DATE '1966-01-01') AS n"
    "       FROM persons p WHERE p.id > ? AND p.id_no LIKE '" GEN_REGION "%') x"
    " JOIN units u ON u.unit_no = CONCAT('BENCH', LPAD(? + 1 + (x.n - ? - 1) MOD ?, 8, '0'))";

static const char SQL_GEN_ENROL[] =
    "INSERT INTO enrolments (person_id, unit_id, kind, person_type, type_code, start_month,"
    " transferred, status, created_at, updated_at)"
    " SELECT g.person_id, g.unit_id, '在职', '职工在职', t.code, ?, 0, '参保缴费', ?, ?"
    " FROM gen_map g JOIN insurance_types t ON t.mandatory = 1";

/* The generated persons are new: each adds one person and one active 在职
 * enrolment per type to its unit (store/counts.h; a set-based writer keeps
 * unit_type_counts itself). */
static const char SQL_GEN_COUNTS[] =
    "INSERT INTO unit_type_counts (unit_id, type_code, enrolments, persons, employees, retirees)"
    " SELECT g.unit_id, t.code, COUNT(*), COUNT(*), COUNT(*), 0"
    " FROM gen_map g JOIN insurance_types t ON t.mandatory = 1 GROUP BY g.unit_id, t.code"
    " ON DUPLICATE KEY UPDATE enrolments = unit_type_counts.enrolments + VALUES(enrolments),"
    " persons = unit_type_counts.persons + VALUES(persons),"
    " employees = unit_type_counts.employees + VALUES(employees)";

/* h = CRC32(seed:n): h mod 100 < 3 below the lower limits (2,000-3,999.99
 * yuan), < 5 above the upper ones (25,000-49,999.99), else 4,500-23,999.99. */
static const char SQL_GEN_WAGES[] =
    "INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at, entered_us)"
    " SELECT h.person_id, h.unit_id, ?,"
    "  CASE WHEN h.h MOD 100 < 3 THEN 200000 + (h.h DIV 100) MOD 200000"
    "       WHEN h.h MOD 100 < 5 THEN 2500000 + (h.h DIV 100) MOD 2500000"
    "       ELSE 450000 + (h.h DIV 100) MOD 1950000 END, ?, " SQL_NOW_US
    " FROM (SELECT g.person_id, g.unit_id, CRC32(CONCAT(?, ':', g.n)) AS h FROM gen_map g) h";

static int gen_in_tx(struct store *s, long units, long persons, int start_ym,
                     unsigned long seed, const struct portal_dt *now,
                     long *first_unit, long *first_person)
{
    struct sbind in, o;
    int64_t u0 = 0, p0 = 0, pid0 = 0;
    uint64_t n = 0;
    char seedtxt[32];

    sb_init(&o);
    sb_out_i64(&o, &u0);
    if (db_query_one(s, "gen.units0", SQL_GEN_UNITS0, NULL, &o) != 0)
        return STORE_ERR;
    sb_init(&o);
    sb_out_i64(&o, &p0);
    sb_out_i64(&o, &pid0);
    if (db_query_one(s, "gen.persons0", SQL_GEN_PERSONS0, NULL, &o) != 0)
        return STORE_ERR;
    if (u0 + units > 99999999 || p0 + persons >= 12000000) {
        db_fail(s, "gen", "bench numbering exhausted");
        return STORE_ERR;
    }
    *first_unit = (long)u0 + 1;
    *first_person = (long)p0 + 1;

    sb_init(&in);
    sb_i64(&in, u0);
    sb_i64(&in, u0);
    sb_i64(&in, u0);
    sb_datetime(&in, now);
    sb_i64(&in, units);
    if (db_exec(s, "gen.units", SQL_GEN_UNITS, &in, &n, NULL) != 0 || n != (uint64_t)units)
        return STORE_ERR;

    sb_init(&in);
    sb_datetime(&in, now);
    sb_i64(&in, p0);
    sb_i64(&in, p0);
    sb_i64(&in, p0);
    sb_i64(&in, persons);
    if (db_exec(s, "gen.persons", SQL_GEN_PERSONS, &in, &n, NULL) != 0 || n != (uint64_t)persons)
        return STORE_ERR;

    sb_init(&in);
    sb_i64(&in, pid0);
    sb_i64(&in, u0);
    sb_i64(&in, p0);
    sb_i64(&in, units);
    if (db_exec(s, "gen.map", SQL_GEN_MAP, &in, &n, NULL) != 0)
        return STORE_ERR;
    if (n != (uint64_t)persons) {
        db_fail(s, "gen.map", "persons and units do not match");
        return STORE_ERR;
    }

    sb_init(&in);
    sb_month(&in, start_ym);
    sb_datetime(&in, now);
    sb_datetime(&in, now);
    if (db_exec(s, "gen.enrol", SQL_GEN_ENROL, &in, NULL, NULL) != 0 ||
        db_exec(s, "gen.counts", SQL_GEN_COUNTS, NULL, NULL, NULL) != 0)
        return STORE_ERR;

    snprintf(seedtxt, sizeof seedtxt, "%lu", seed);
    sb_init(&in);
    sb_month(&in, start_ym);
    sb_datetime(&in, now);
    sb_str(&in, seedtxt);
    if (db_exec(s, "gen.wages", SQL_GEN_WAGES, &in, NULL, NULL) != 0)
        return STORE_ERR;
    return 0;
}

int store_bench_generate(struct store *s, long units, long persons, int start_ym,
                         unsigned long seed, const struct portal_dt *now,
                         long *first_unit, long *first_person)
{
    int rc;

    if (units < 1 || units > GEN_MAX_UNITS || persons < 1 || persons > GEN_MAX_PERSONS) {
        db_fail(s, "gen", "units or persons out of range");
        return STORE_ERR;
    }
    if (db_simple(s, "gen.map_drop", SQL_GEN_MAP_DROP) != 0 ||
        db_simple(s, "gen.map_create", SQL_GEN_MAP_CREATE) != 0 ||
        db_simple(s, "gen.fk_off", "SET SESSION foreign_key_checks = 0") != 0)
        return STORE_ERR;
    if (store_begin(s) != 0) {
        rc = STORE_ERR;
    } else {
        rc = gen_in_tx(s, units, persons, start_ym, seed, now, first_unit, first_person);
        if (rc == 0)           /* the persons' statutory retirement months */
            rc = store_persons_fill_retire(s, 0);
        if (rc == 0 && store_commit(s) != 0)
            rc = STORE_ERR;
        if (rc != 0)
            store_rollback(s);
    }
    db_simple(s, "gen.fk_on", "SET SESSION foreign_key_checks = 1");
    db_simple(s, "gen.map_drop", SQL_GEN_MAP_DROP);
    return rc;
}
