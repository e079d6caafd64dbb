/*
 * Integration: a batch chunk, enrolled set-based (issue 15 item 3:
 * store_enrol_batch), gives exactly what the single-person page gives row by
 * row. A mixed file — new persons (a wage inside, below and above the
 * limits), persons with a base record (one with a month already charged, one
 * under another name), persons already enrolled in this unit, in another
 * unit, as 灵活就业, once in this unit and stopped (no new person in its
 * counts), an invalid ID, an invalid wage, a woman over the age — goes to /enroll/batch of unit B, and a twin of every row (another ID of the
 * same birth date and sex, the same base records and enrolments mirrored) to
 * /enroll of unit S one by one. Then, twin by twin: the outcome and its
 * message, the base records, enrolments, wages, contributions (to the fen),
 * declarations; and unit by unit the kept counts and totals (equal, and equal
 * to a recount). Needs the worker running in the stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/batch.h"
#include "rules/rules.h"

#define NROWS 14
#define START "2022-06"            /* C = 2022-09: 06..08 back-paid */

static char unit_b[40], unit_s[40], unit_o[40];
static long id_b, id_s;

static void setup(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_b, sizeof unit_b, "企业", "逐行对照批量公司");
    make_unit(unit_s, sizeof unit_s, "企业", "逐行对照单笔公司");
    make_unit(unit_o, sizeof unit_o, "企业", "逐行对照其他公司");
    id_b = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_b);
    id_s = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_s);
    set_today("2022-08-15 10:00");
}

/* One row of the file, for one of the twins. */
struct row {
    char id[19];
    const char *name, *wage, *phone;
};

/* What was there before the enrolment, for twin id of unit `own`. */
static void fixture(int k, const char *id, const char *own)
{
    char line[256];

    switch (k) {
    case 3:   /* a base record only */
    case 4:   /* a base record with 2022-07 already charged in the first type */
    case 5:   /* a base record under another name */
        snprintf(line, sizeof line, "%s,%s,,未参保,,,13900000000\n", id, k == 5 ? "别的名字" : "有档案");
        ck_assert_int_eq(import_persons(line, NULL), 0);
        if (k == 4)
            sql("INSERT INTO contributions (id_no, month, type_code, person_id, unit_id, payment_type,"
                " wage_fen, base_fen, unit_fen, person_fen, account_fen, created_at)"
                " SELECT p.id_no, '2022-07-01', (SELECT MIN(code) FROM insurance_types WHERE mandatory = 1),"
                " p.id, NULL, '补缴', 500000, 500000, 40000, 10000, 10000, '2022-08-01 09:00:00'"
                " FROM persons p WHERE p.id_no = '%s'", id);
        break;
    case 6:   /* enrolled in this unit */
        snprintf(line, sizeof line, "%s,在本单位,%s,在职,2021-01,6000.00,13900000000\n", id, own);
        ck_assert_int_eq(import_persons(line, NULL), 0);
        break;
    case 7:   /* enrolled in another unit */
        snprintf(line, sizeof line, "%s,在他单位,%s,在职,2021-01,6000.00,13900000000\n", id, unit_o);
        ck_assert_int_eq(import_persons(line, NULL), 0);
        break;
    case 8:   /* 灵活就业 */
        snprintf(line, sizeof line, "%s,灵活就业者,,灵活就业,2021-01,6000.00,13900000000\n", id);
        ck_assert_int_eq(import_persons(line, NULL), 0);
        break;
    case 13:  /* enrolled in this unit before, stopped before the start month */
        snprintf(line, sizeof line, "%s,曾在本单位,%s,在职,2021-01,6000.00,13900000000\n", id, own);
        ck_assert_int_eq(import_persons(line, NULL), 0);
        sql("UPDATE enrolments e JOIN persons p ON p.id = e.person_id SET e.end_date = '2022-03-31',"
            " e.status = '暂停缴费', e.stop_reason = '离职' WHERE p.id_no = '%s'", id);
        ck_assert_int_eq(admin("recount"), 0);   /* the counts of the stop */
        break;
    default:
        break;
    }
}

/* The rows of one twin: IDs of the same birth dates and sexes. */
static void make_rows(struct row *r, const char *own)
{
    static const struct { int y, m, d, male; const char *name, *wage; } spec[NROWS] = {
        {1985, 3, 1, 1, "新人甲", "6000.00"},      /* 0: new */
        {1986, 4, 2, 0, "新人乙", "100.00"},       /* 1: below the lower limit */
        {1987, 5, 3, 1, "新人丙", "99999.00"},     /* 2: above the upper limit */
        {1980, 6, 4, 1, "有档案", "5000"},         /* 3: base record */
        {1981, 7, 5, 0, "有档案", "7000.50"},      /* 4: base record, a month charged */
        {1982, 8, 6, 1, "名字不同", "5000"},       /* 5: another registered name */
        {1983, 9, 7, 1, "在本单位", "5000"},       /* 6: insured here */
        {1984, 10, 8, 0, "在他单位", "5000"},      /* 7: insured elsewhere */
        {1979, 11, 9, 1, "灵活就业者", "5000"},    /* 8: 灵活就业 */
        {1988, 12, 10, 1, "坏号码", "5000"},       /* 9: checksum */
        {1989, 1, 11, 0, "坏工资", "abc"},         /* 10: wage invalid */
        {1972, 1, 1, 0, "孙女士", "6000"},         /* 11: a woman of 50 */
        {1990, 2, 12, 1, "新人丁", "8000"},        /* 12: new */
        {1978, 3, 13, 1, "曾在本单位", "6500"},    /* 13: enrolled here before, stopped */
    };

    for (int k = 0; k < NROWS; k++) {
        make_id(r[k].id, spec[k].y, spec[k].m, spec[k].d, spec[k].male);
        r[k].name = spec[k].name;
        r[k].wage = spec[k].wage;
        r[k].phone = "13800000000";
        fixture(k, r[k].id, own);
        if (k == 9)
            r[k].id[17] = r[k].id[17] == '0' ? '1' : '0';
    }
}

static long post_enroll(struct client *c, const struct row *w, struct resp *r)
{
    struct resp g;
    char *eid = urlenc(w->id), *ename = urlenc(w->name), *ewage = urlenc(w->wage), *body;
    long st;

    ck_assert_int_eq(http_get(c, "/enroll", &g), 200);
    resp_free(&g);
    ck_assert(asprintf(&body, "id_no=%s&name=%s&phone=%s&wage=%s&start_month=%s", eid, ename,
                       w->phone, ewage, START) > 0);
    st = http_post(c, "/enroll", body, 1, r);
    free(body);
    free(eid);
    free(ename);
    free(ewage);
    return st;
}

/* The rows a twin's enrolment left, as one string (unit columns as "own"). */
static void person_data(char *out, size_t n, const char *id, long own)
{
    char p[2048], e[4096], w[1024], c[8192], d[16384];

    sql_str(p, sizeof p, "SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', name, gender, birth_date, phone,"
            " category, IFNULL(statutory_retire, '-'), IFNULL(statutory_retire_cadre, '-'))"
            " ORDER BY id SEPARATOR ';'), '') FROM persons WHERE id_no = '%s'", id);
    sql_str(e, sizeof e, "SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', e.unit_id = %ld, e.type_code, e.kind,"
            " e.person_type, e.start_month, IFNULL(e.end_date, '-'), e.status, e.transferred)"
            " ORDER BY e.unit_id = %ld, e.type_code, e.start_month SEPARATOR ';'), '')"
            " FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.id_no = '%s'",
            own, own, id);
    sql_str(w, sizeof w, "SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', w.unit_id = %ld, w.from_month,"
            " w.wage_fen) ORDER BY w.unit_id = %ld, w.from_month SEPARATOR ';'), '')"
            " FROM wages w JOIN persons p ON p.id = w.person_id WHERE p.id_no = '%s'", own, own, id);
    sql_str(c, sizeof c, "SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', IFNULL(unit_id = %ld, '-'), month,"
            " type_code, payment_type, wage_fen, base_fen, unit_fen, person_fen, account_fen,"
            " interest_fen, late_fee_fen) ORDER BY month, type_code SEPARATOR ';'), '')"
            " FROM contributions WHERE id_no = '%s'", own, id);
    sql_str(d, sizeof d, "SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', type, period, name, result,"
            " IFNULL(after_data, '-')) ORDER BY id SEPARATOR ';'), '')"
            " FROM declarations WHERE unit_id = %ld AND id_no = '%s'", own, id);
    snprintf(out, n, "P[%s] E[%s] W[%s] C[%s] D[%s]", p, e, w, c, d);
}

/* A unit's kept counts and totals, as one string. */
static void unit_data(char *out, size_t n, long unit)
{
    char a[2048], b[8192];

    sql_str(a, sizeof a, "SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', type_code, enrolments, persons,"
            " employees, retirees) ORDER BY type_code SEPARATOR ';'), '')"
            " FROM (SELECT type_code, SUM(enrolments) enrolments, SUM(persons) persons,"
            " SUM(employees) employees, SUM(retirees) retirees FROM unit_type_counts"
            " WHERE unit_id = %ld GROUP BY type_code) c", unit);     /* shards: 022 */
    sql_str(b, sizeof b, "SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', month, type_code, payment_type,"
            " persons, base_fen, unit_fen, person_fen, account_fen)"
            " ORDER BY month, type_code, payment_type SEPARATOR ';'), '')"
            " FROM (SELECT month, type_code, payment_type, SUM(persons) persons,"
            " SUM(base_fen) base_fen, SUM(unit_fen) unit_fen, SUM(person_fen) person_fen,"
            " SUM(account_fen) account_fen FROM unit_month_totals WHERE unit_id = %ld"
            " GROUP BY month, type_code, payment_type) t WHERE persons <> 0", unit);
    snprintf(out, n, "counts[%s] totals[%s]", a, b);
}

START_TEST(chunk_equals_row_by_row_for_a_mixed_file)
{
    struct row rb[NROWS], rs[NROWS];
    struct client cb, cs;
    struct resp r, f;
    struct buf file = {0};
    long job = 0;
    static char db[40000], ds[40000];

    make_rows(rb, unit_b);
    make_rows(rs, unit_s);

    /* unit B: the file, one chunk */
    buf_puts(&file, "\xEF\xBB\xBF" BATCH_HEADER "\r\n");
    for (int k = 0; k < NROWS; k++)
        buf_printf(&file, "%s,%s,%s,%s\r\n", rb[k].id, rb[k].name, rb[k].wage, rb[k].phone);
    batch_client(&cb, unit_b);
    ck_assert_int_eq(batch_upload(&cb, START, 0, file.p, file.len, &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    ck_assert_int_eq(sql_long("SELECT processed FROM jobs WHERE id = %ld", job), NROWS);

    /* unit S: the twins one by one through the single-person page */
    client_init(&cs);
    ck_assert(login(&cs, unit_s, "Test@1234"));
    for (int k = 0; k < NROWS; k++) {
        char status[16], msg[600];
        long st = post_enroll(&cs, &rs[k], &r);
        sql_str(status, sizeof status, "SELECT status FROM job_rows WHERE job_id = %ld AND line_no = %d",
                job, k + 2);
        sql_str(msg, sizeof msg, "SELECT message FROM job_rows WHERE job_id = %ld AND line_no = %d",
                job, k + 2);
        ck_assert_msg(strcmp(status, st == 303 ? "ok" : "failed") == 0,
                      "row %d: batch %s, page %ld (%s)", k, status, st, msg);
        if (st == 303) {
            ck_assert_int_eq(http_follow(&cs, &r, &f), 200);
            ck_assert_msg(has(&f, msg), "row %d: the page does not say '%s'", k, msg);
            resp_free(&f);
        } else {
            ck_assert_int_eq(st, 200);
            ck_assert_msg(has(&r, msg), "row %d: the page does not say '%s'", k, msg);
        }
        resp_free(&r);
        person_data(db, sizeof db, rb[k].id, id_b);
        person_data(ds, sizeof ds, rs[k].id, id_s);
        ck_assert_msg(strcmp(db, ds) == 0, "row %d:\nbatch  %s\nsingle %s", k, db, ds);
    }
    /* the outcomes are the mix the file was made of */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND status = 'ok'", job), 7);
    ck_assert_int_gt(sql_long("SELECT COUNT(*) FROM contributions WHERE unit_id = %ld", id_b), 0);
    /* the month already charged is skipped in its type only */
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-07-01' AND unit_id IS NOT NULL", rb[4].id),
                     sql_long("SELECT COUNT(*) FROM contributions WHERE id_no = '%s'"
                              " AND month = '2022-06-01'", rb[4].id) - 1);
    unit_data(db, sizeof db, id_b);
    unit_data(ds, sizeof ds, id_s);
    ck_assert_msg(strcmp(db, ds) == 0, "units:\nbatch  %s\nsingle %s", db, ds);
    ck_assert_int_eq(counts_mismatches(id_b, id_s), 0);
    buf_free(&file);
    client_free(&cb);
    client_free(&cs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("batch_same");
    TCase *t = tcase_create("batch_same");
    tcase_set_timeout(t, 300);
    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_add_test(t, chunk_equals_row_by_row_for_a_mixed_file);
    suite_add_tcase(s, t);
    return it_run(s);
}
