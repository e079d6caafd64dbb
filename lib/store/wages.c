/* wages — 工资年度申报 (spec §7); see store/wages.h. */
#include <stdio.h>
#include <string.h>
#include "store/check.h"
#include "store/db.h"
#include "store/declarations.h"
#include "store/insured.h"
#include "store/json.h"
#include "store/wages.h"

#define WAGE_REPLACE_LATER_OF_YEAR 2
#include "rules/enrolment.h"

const char *const wages_columns[WAGES_CELLS + JOB_FAILED_EXTRA] = {
    "证件号码", "姓名", "月申报工资", "失败原因", "原行号"};

int store_wages_limits(struct store *s, int year, struct wage_limits *out)
{
    struct sbind in, res;

    memset(out, 0, sizeof *out);
    sb_init(&in);
    sb_month(&in, ym_make(year, 1));
    sb_month(&in, ym_make(year, 1));
    sb_init(&res);
    sb_out_i64(&res, (int64_t *)&out->lower_fen);
    sb_out_i64(&res, (int64_t *)&out->upper_fen);
    sb_out_int(&res, &out->provisional);
    return db_query_one(s, "wages.limits",
        "SELECT lower_fen, upper_fen, provisional FROM base_limits"
        " WHERE from_month <= ? AND (to_month IS NULL OR to_month >= ?)"
        " ORDER BY from_month DESC LIMIT 1", &in, &res);
}

/* The ID's base records, locked (two jobs declaring the same person are
 * serialised): how many (at most 2 read), the first's id and name, and
 * whether it is normally insured in this unit for Y-01. */
static int lock_person(struct store *s, const char *id_no, int64_t unit_id, int year,
                       long *count, int64_t *person_id, char *name, size_t name_size,
                       int *insured)
{
    struct sbind in, res;
    MYSQL_STMT *st;
    int64_t id = 0;
    char nm[401];
    int ins = 0, rc;

    *count = 0;
    sb_init(&in);
    sb_i64(&in, unit_id);
    insured_for_start(&in, ym_make(year, 1));
    sb_str(&in, id_no);
    sb_init(&res);
    sb_out_i64(&res, &id);
    sb_out_str(&res, nm, sizeof nm);
    sb_out_int(&res, &ins);
    rc = db_query(s, "wages.person",
        "SELECT p.id, p.name, EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id"
        " AND e.unit_id = ? AND " INSURED_FOR_START ")"
        " FROM persons p WHERE p.id_no = ? ORDER BY p.id LIMIT 2 FOR UPDATE", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "wages.person", st, &res)) == 0)
        if ((*count)++ == 0) {
            *person_id = id;
            *insured = ins;
            snprintf(name, name_size, "%s", nm);
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

/* The wage in force for Y-01 before the change (*has 0 when none), and
 * whether this unit already has a row from Y-01 (*same_month). */
static int old_wage(struct store *s, int64_t person_id, int64_t unit_id, int year,
                    long long *fen, int *has, int *same_month)
{
    struct sbind in, res;
    int from = -1, rc;

    *has = *same_month = 0;
    sb_init(&in);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    sb_month(&in, ym_make(year, 1));
    sb_init(&res);
    sb_out_i64(&res, (int64_t *)fen);
    sb_out_month(&res, &from);
    rc = db_query_one(s, "wages.old",
        "SELECT wage_fen, from_month FROM wages WHERE person_id = ? AND unit_id = ?"
        " AND from_month <= ? ORDER BY from_month DESC, entered_us DESC, id DESC LIMIT 1", &in, &res);
    if (rc == STORE_NOTFOUND)
        return 0;
    if (rc != 0)
        return STORE_ERR;
    *has = 1;
    *same_month = from == ym_make(year, 1);
    return 0;
}

/* The wage from month `from` (Y-01 for the annual declaration), replacing
 * this unit's row of that month when there is one (`replace`), or, for
 * 零星基数调整 (`replace` == WAGE_REPLACE_LATER_OF_YEAR), every row of this
 * unit from that month to the end of its year. The one place a declared
 * wage is written. */
static int write_wage(struct store *s, int64_t person_id, int64_t unit_id, int from,
                      long long fen, const struct portal_dt *as_of, int replace)
{
    struct sbind in;

    sb_init(&in);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    sb_month(&in, from);
    if (replace == WAGE_REPLACE_LATER_OF_YEAR) {
        sb_month(&in, ym_make(ym_year(from) + 1, 1));
        if (db_exec(s, "wages.replace_later",
                "DELETE FROM wages WHERE person_id = ? AND unit_id = ? AND from_month >= ?"
                " AND from_month < ?", &in, NULL, NULL) != 0)
            return STORE_ERR;
    } else if (replace && db_exec(s, "wages.replace",
            "DELETE FROM wages WHERE person_id = ? AND unit_id = ? AND from_month = ?",
            &in, NULL, NULL) != 0)
        return STORE_ERR;
    sb_init(&in);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    sb_month(&in, from);
    sb_i64(&in, fen);
    sb_datetime(&in, as_of);
    return db_exec(s, "wages.insert",
        "INSERT INTO wages (person_id, unit_id, from_month, wage_fen, created_at, entered_us)"
        " VALUES (?, ?, ?, ?, ?, " SQL_NOW_US ")", &in, NULL, NULL) == 0 ? 0 : STORE_ERR;
}

int store_wage_adjust_write(struct store *s, int64_t person_id, int64_t unit_id, int from,
                            long long fen, const struct portal_dt *as_of)
{
    return write_wage(s, person_id, unit_id, from, fen, as_of, WAGE_REPLACE_LATER_OF_YEAR);
}

int store_wage_in_force(struct store *s, int64_t person_id, int64_t unit_id, int month,
                        long long *fen, int *found)
{
    struct sbind in, out;
    int64_t v = 0;
    int rc;

    sb_init(&in);
    sb_i64(&in, person_id);
    sb_i64(&in, unit_id);
    sb_month(&in, month);
    sb_init(&out);
    sb_out_i64(&out, &v);
    rc = db_query_one(s, "wages.in_force",
        "SELECT wage_fen FROM wages WHERE person_id = ? AND unit_id = ? AND from_month <= ?"
        " ORDER BY from_month DESC, entered_us DESC, id DESC LIMIT 1", &in, &out);
    if (rc == STORE_ERR)
        return STORE_ERR;
    *found = rc == 0;
    *fen = v;
    return 0;
}

/* The row's result: 申报成功…, the change 月申报工资: 旧 → 新, and notes on a
 * replaced declaration, a clamp and provisional limits. */
static void result_text(char *msg, size_t n, int year, long long fen, int has_old,
                        long long old_fen, int replaced, enum clamp which,
                        const struct wage_limits *lim)
{
    char y[8], w[FORMAT_FEN_MAX], o[FORMAT_FEN_MAX], limit[FORMAT_FEN_MAX], part[MSG_TEXT_MAX];
    struct info_change ch = {"月申报工资", o, w};
    size_t len;

    snprintf(y, sizeof y, "%d", year);
    format_fen(w, sizeof w, fen);
    if (has_old)
        format_fen(o, sizeof o, old_fen);
    else
        o[0] = '\0';
    msg_format(msg, n, MSG_WAGES_ROW_OK, y, w);
    len = strlen(msg);
    if (info_changes_text(&ch, 1, 64, part, sizeof part) == 0)
        snprintf(msg + len, n - len, "%s。", part);
    len = strlen(msg);
    if (replaced && msg_format(part, sizeof part, MSG_WAGES_REPLACED, o) == 0)
        snprintf(msg + len, n - len, "%s", part);
    len = strlen(msg);
    if (which != CLAMP_NONE) {
        format_fen(limit, sizeof limit, which == CLAMP_LOWER ? lim->lower_fen : lim->upper_fen);
        if (msg_format(part, sizeof part,
                       which == CLAMP_LOWER ? MSG_WAGE_CLAMPED_LOWER : MSG_WAGE_CLAMPED_UPPER,
                       limit) == 0)
            snprintf(msg + len, n - len, "%s", part);
    }
    len = strlen(msg);
    if (lim->provisional && msg_format(part, sizeof part, MSG_WAGES_PROVISIONAL, y) == 0)
        snprintf(msg + len, n - len, "%s", part);
}

static int declaration(struct store *s, const struct unit *u, int year, const char *id_no,
                       const char *name, const char *operator_name, int64_t job_id,
                       const struct portal_dt *as_of, const char *result, int has_old,
                       long long old_fen, long long fen, long long base, enum clamp which,
                       const struct wage_limits *lim)
{
    char before[256], after[512], from[8], w[FORMAT_FEN_MAX];
    struct json j;
    const struct decl_new d = {u->id, "缴费申报与变更", ym_make(year, 1), id_no, name, operator_name,
                               job_id, as_of, result, before, after, 0};
    int64_t id = 0;

    format_month(from, ym_make(year, 1));
    json_init(&j, before, sizeof before);
    json_object(&j);
    if (has_old) {
        format_fen(w, sizeof w, old_fen);
        json_kstr(&j, "wage", w);
    } else {
        json_kstr(&j, "wage", NULL);
    }
    json_close(&j);
    if (json_end(&j) != 0)
        return STORE_ERR;
    json_init(&j, after, sizeof after);
    json_object(&j);
    json_kint(&j, "year", year);
    json_kstr(&j, "from_month", from);
    format_fen(w, sizeof w, fen);
    json_kstr(&j, "wage", w);
    format_fen(w, sizeof w, base);
    json_kstr(&j, "base", w);
    json_kstr(&j, "clamp", which == CLAMP_LOWER ? "lower" : which == CLAMP_UPPER ? "upper" : "none");
    format_fen(w, sizeof w, lim->lower_fen);
    json_kstr(&j, "lower", w);
    format_fen(w, sizeof w, lim->upper_fen);
    json_kstr(&j, "upper", w);
    json_kstr(&j, "limits", lim->provisional ? "暂定" : "已公布");
    json_close(&j);
    if (json_end(&j) != 0)
        return STORE_ERR;
    if (store_check_dirty(s, u->id, id_no) != 0)       /* 基础信息核查 */
        return STORE_ERR;
    return store_declaration_add(s, "wages.declaration", &d, &id);
}

int store_wages_row(struct store *s, const struct unit *u, int year,
                    const struct wage_limits *lim, const char *const cells[WAGES_CELLS],
                    const struct portal_dt *as_of, const char *operator_name, int64_t job_id,
                    int *ok, char *msg, size_t n)
{
    static const char *const labels[WAGES_CELLS] = {"证件号码", "姓名", "月申报工资"};
    struct wages_row_facts f;
    char id_no[19], reg_name[401] = "";
    int64_t person_id = 0;
    long count = 0;
    long long fen = 0, old_fen = 0, base;
    int has_old = 0, same_month = 0, bad_cell = -1;
    enum clamp which = CLAMP_NONE;
    enum msg_id verdict;

    *ok = 0;
    memset(&f, 0, sizeof f);
    for (int c = 0; c < WAGES_CELLS && bad_cell < 0; c++)
        if (!text_clean(cells[c]))
            bad_cell = c;
    f.cells = bad_cell < 0 ? MSG_OK : MSG_TEXT_FORBIDDEN;
    f.id_ok = id_check(cells[0], id_no, NULL) == ID_OK;
    if (f.cells == MSG_OK && f.id_ok) {
        /* the ID's lock first, as every writer of a person takes it: on a
         * Galera cluster the persons row's FOR UPDATE below is of this node
         * only, while store_id_lock writes its id_locks row (019), so two
         * nodes declaring or changing one person at once conflict at
         * certification and store_tx runs the loser's chunk again */
        if (store_id_lock(s, id_no) != 0)
            return STORE_ERR;
        if (lock_person(s, id_no, u->id, year, &count, &person_id, reg_name, sizeof reg_name,
                        &f.insured) != 0)
            return STORE_ERR;
        f.base_records = count > 1 ? 2 : (int)count;
        f.name_match = strcmp(cells[1], reg_name) == 0;
        f.wage = enrol_wage_check(cells[2], &fen);
    }
    verdict = wages_decide_row(&f);
    if (verdict != MSG_OK) {
        if (verdict == MSG_FIELD_REQUIRED || verdict == MSG_TEXT_FORBIDDEN)
            msg_format(msg, n, verdict, labels[verdict == MSG_TEXT_FORBIDDEN ? bad_cell : 2]);
        else
            snprintf(msg, n, "%s", msg_text(verdict));
        return 0;
    }
    base = clamp_wage(fen, lim->lower_fen, lim->upper_fen, &which);
    if (old_wage(s, person_id, u->id, year, &old_fen, &has_old, &same_month) != 0 ||
        write_wage(s, person_id, u->id, ym_make(year, 1), fen, as_of, same_month) != 0)
        return STORE_ERR;
    result_text(msg, n, year, fen, has_old, old_fen, same_month, which, lim);
    if (declaration(s, u, year, id_no, reg_name, operator_name, job_id, as_of, msg, has_old,
                    old_fen, fen, base, which, lim) != 0)
        return STORE_ERR;
    *ok = 1;
    return 0;
}

/* The unit's employees insured for Y-01 (their 310 enrolment) absent from the job. */
#define MISSING_FROM \
    " FROM enrolments e JOIN persons p ON p.id = e.person_id" \
    " WHERE e.unit_id = ? AND e.type_code = '310' AND e.kind = '在职' AND " INSURED_FOR_START \
    " AND NOT EXISTS (SELECT 1 FROM job_rows jr WHERE jr.job_id = ? AND jr.id_cell = p.id_no)" \
    " AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = ? AND j.unit_id = e.unit_id)"

static void bind_missing(struct sbind *in, int64_t unit_id, int64_t job_id, int year)
{
    sb_i64(in, unit_id);
    insured_for_start(in, ym_make(year, 1));
    sb_i64(in, job_id);
    sb_i64(in, job_id);
}

int store_wages_missing_count(struct store *s, int64_t unit_id, int64_t job_id, int year,
                              long *n)
{
    struct sbind in, res;

    *n = 0;
    sb_init(&in);
    bind_missing(&in, unit_id, job_id, year);
    sb_init(&res);
    sb_out_long(&res, n);
    return db_query_one(s, "wages.missing_count", "SELECT COUNT(DISTINCT p.id_no)" MISSING_FROM,
                        &in, &res) == 0 ? 0 : STORE_ERR;
}

int store_wages_missing_each(struct store *s, int64_t unit_id, int64_t job_id, int year,
                             long offset, long limit,
                             int (*fn)(const char *id_no, const char *name, void *arg),
                             void *arg)
{
    struct sbind in, res;
    MYSQL_STMT *st;
    char id_no[19], name[401];
    int rc;

    sb_init(&in);
    bind_missing(&in, unit_id, job_id, year);
    sb_i64(&in, offset);
    sb_i64(&in, limit < 0 ? 1000000000LL : limit);
    sb_init(&res);
    sb_out_str(&res, id_no, sizeof id_no);
    sb_out_str(&res, name, sizeof name);
    rc = db_query(s, "wages.missing",
        "SELECT p.id_no, MIN(p.name)" MISSING_FROM " GROUP BY p.id_no ORDER BY p.id_no"
        " LIMIT ?, ?", &in, &res, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, "wages.missing", st, &res)) == 0)
        if (fn(id_no, name, arg) != 0) {
            rc = STORE_ERR;
            break;
        }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}
