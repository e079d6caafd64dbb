/*
 * Integration: 基础信息核查's kept rows and the stored statutory retirement
 * month (issue 18 item 6; 017_check_fast) over HTTP: a change made through the
 * portal (an enrolment with a problem, a person's phone fixed, a stop in
 * another unit) shows up on, or disappears from, /query/check and the home
 * page's 本期待办 with no recount; another unit's problems never appear; each
 * person's statutory retirement month is stored at insert, right at the
 * reform's edge dates, filled for rows written by hand by `portal-admin
 * recount`, and it is what the checks and 职工退休到龄查询 read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"
#include "rules/rules.h"

static char unit_a[40], unit_b[40];
static char phone_id[19], both_id[19], b_id[19];
static struct client ca, cb;

static void person(const char *id, const char *unit, const char *wage, const char *phone)
{
    char row[256];
    snprintf(row, sizeof row, "%s,核查人员,%s,在职,2022-01,%s,%s\n", id, unit, wage, phone);
    ck_assert_int_eq(import_persons(row, NULL), 0);
}

static void setup(void)
{
    long b;

    set_today("2022-09-05 10:00");    /* the wage declared now is in force now */
    make_unit(unit_a, sizeof unit_a, "企业", "核查保持测试公司");
    make_unit(unit_b, sizeof unit_b, "企业", "核查保持测试公司乙");
    make_id(phone_id, 1991, 2, 3, 0);
    make_id(both_id, 1994, 6, 7, 1);
    make_id(b_id, 1988, 9, 9, 0);
    person(phone_id, unit_a, "8000.00", "");
    person(both_id, unit_a, "8000.00", "13800000004");
    person(b_id, unit_b, "8000.00", "");                /* B's own phone problem */
    b = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_b);
    /* a state the portal refuses to make: insured 在职 in A and B at once */
    sql("INSERT INTO enrolments (person_id, unit_id, kind, person_type, type_code, start_month,"
        " created_at, updated_at) SELECT id, %ld, '在职', '职工在职', '310', '2022-03-01', NOW(), NOW()"
        " FROM persons WHERE id_no = '%s'", b, both_id);
    ck_assert_int_eq(admin("recount"), 0);
    client_init(&ca);
    client_init(&cb);
    if (!login(&ca, unit_a, PW) || !login(&cb, unit_b, PW)) {
        fprintf(stderr, "it_check_kept: login failed\n");
        exit(1);
    }
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    set_today("");
}

/* The 本期待办 count of 核查 problems on the home page of c. */
static int home_problems(struct client *c, long n)
{
    struct resp r;
    char text[128];
    int ok;

    snprintf(text, sizeof text, "基础信息核查发现的问题</a> <strong>%ld</strong>", n);
    ck_assert_int_eq(http_get(c, "/", &r), 200);
    ok = has(&r, text);
    resp_free(&r);
    return ok;
}

/* GET /query/check of c: whether it lists id and says 共 n 条. */
static int check_lists(struct client *c, const char *id, long n)
{
    struct resp r;
    char total[64];
    int listed;

    ck_assert_int_eq(http_get(c, "/query/check", &r), 200);
    snprintf(total, sizeof total, "共 %ld 条", n);
    ck_assert_msg(n == 0 ? has(&r, msg_text(MSG_CHECK_NONE)) : has(&r, total), "not %s", total);
    ck_assert(has(&r, "核查时间:"));
    listed = has(&r, id);
    resp_free(&r);
    return listed;
}

static long post_enroll(struct client *c, const char *id, const char *wage)
{
    struct resp g, r;
    char body[256];
    long st;

    ck_assert_int_eq(http_get(c, "/enroll", &g), 200);
    resp_free(&g);
    snprintf(body, sizeof body, "id_no=%s&name=%%E6%%A0%%B8%%E6%%9F%%A5&phone=13900000000"
             "&wage=%s&start_month=2022-09", id, wage);
    st = http_post(c, "/enroll", body, 1, &r);
    resp_free(&r);
    return st;
}

START_TEST(an_enrolment_with_a_problem_shows_up_and_a_fixed_phone_disappears)
{
    struct resp r;
    char id[19], body[256];
    int v;

    /* A: phone_id's phone, both_id elsewhere; B: b_id's phone, both_id */
    ck_assert(check_lists(&ca, phone_id, 2));
    ck_assert(home_problems(&ca, 2));
    make_id(id, 1990, 3, 3, 1);
    ck_assert_int_eq(post_enroll(&ca, id, "999999.00"), 303);     /* above the upper limit */
    ck_assert(check_lists(&ca, id, 3));
    ck_assert(home_problems(&ca, 3));
    ck_assert(!check_lists(&cb, id, 2));                          /* B never sees A's */
    ck_assert(!check_lists(&cb, phone_id, 2));
    /* the clerk fixes phone_id's phone: the row is gone at the next view */
    v = (int)sql_long("SELECT info_version FROM persons WHERE id_no = '%s'", phone_id);
    snprintf(body, sizeof body, "id_no=%s&name=%%E6%%A0%%B8%%E6%%9F%%A5%%E4%%BA%%BA%%E5%%91%%98"
             "&phone=13900000001&address=&version=%d", phone_id, v);
    ck_assert_int_eq(http_get(&ca, "/person", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post(&ca, "/person", body, 1, &r), 303);
    resp_free(&r);
    ck_assert(!check_lists(&ca, phone_id, 2));
    ck_assert(check_lists(&ca, id, 2));
    ck_assert(home_problems(&ca, 2));
    ck_assert(check_lists(&cb, b_id, 2));                         /* B's unchanged */
}
END_TEST

START_TEST(a_stop_in_another_unit_clears_the_elsewhere_row)
{
    struct resp g, r;
    char body[256];

    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM check_problems c"
                              " JOIN units u ON u.id = c.unit_id WHERE u.unit_no = '%s'"
                              " AND c.id_no = '%s' AND c.kind = 2",
                              unit_a, both_id), 1);
    ck_assert_int_eq(http_get(&cb, "/stop", &g), 200);
    resp_free(&g);
    snprintf(body, sizeof body, "id_no=%s&end_date=2022-09-30&reason=%%E7%%A6%%BB%%E8%%81%%8C",
             both_id);
    ck_assert_int_eq(http_post(&cb, "/stop", body, 1, &r), 303);
    resp_free(&r);
    /* B's stop marked A too (checks 1 and 2 look across units) */
    ck_assert(!check_lists(&ca, both_id, 1));
    ck_assert(!check_lists(&cb, both_id, 1));
    ck_assert(home_problems(&ca, 1));
}
END_TEST

/* persons.statutory_retire(_cadre) of id as "YYYY-MM". */
static void stored(const char *id, char worker[8], char cadre[8])
{
    sql_str(worker, 8, "SELECT DATE_FORMAT(statutory_retire, '%%Y-%%m') FROM persons"
            " WHERE id_no = '%s'", id);
    sql_str(cadre, 8, "SELECT DATE_FORMAT(statutory_retire_cadre, '%%Y-%%m') FROM persons"
            " WHERE id_no = '%s'", id);
}

START_TEST(the_statutory_retirement_month_is_stored_at_the_edges)
{
    /* the reform's first birth month of each group and the month before it
     * (rules/policy.h): men from 1965-01, women cadres from 1970-01, women
     * workers from 1975-01; a delay of one month more every 4 (2) months */
    static const struct { int y, m, male; const char *worker, *cadre; } edge[] = {
        {1964, 12, 1, "2024-12", "2024-12"}, {1965, 1, 1, "2025-02", "2025-02"},
        {1965, 4, 1, "2025-05", "2025-05"}, {1965, 5, 1, "2025-07", "2025-07"},
        {1969, 12, 0, "2019-12", "2024-12"}, {1970, 1, 0, "2020-01", "2025-02"},
        {1974, 12, 0, "2024-12", "2031-03"}, {1975, 1, 0, "2025-02", "2031-05"},
        {1975, 2, 0, "2025-03", "2031-06"}, {1975, 3, 0, "2025-05", "2031-07"},
    };
    char ids[16][19], id[19], w[8], c[8], rows[4096] = "", by_hand[19];
    size_t n = sizeof edge / sizeof edge[0], k = 0;

    for (size_t i = 0; i < n; i++) {
        make_id(ids[i], edge[i].y, edge[i].m, 28, edge[i].male);
        k += (size_t)snprintf(rows + k, sizeof rows - k, "%s,到龄人员,%s,未参保,,,\n", ids[i], unit_a);
    }
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        struct ymd birth = {edge[i].y, edge[i].m, 28};
        char rule[8];
        stored(ids[i], w, c);
        ck_assert_msg(strcmp(w, edge[i].worker) == 0 && strcmp(c, edge[i].cadre) == 0,
                      "%d-%02d: %s %s", edge[i].y, edge[i].m, w, c);
        format_month(rule, retire_month(birth, edge[i].male, 0));
        ck_assert_str_eq(w, rule);
    }
    /* an enrolment over HTTP stores it too (the man born 1965-01: 2025-02) */
    make_id(id, 1965, 1, 1, 1);
    ck_assert_int_eq(post_enroll(&ca, id, "8000.00"), 303);
    stored(id, w, c);
    ck_assert_str_eq(w, "2025-02");
    /* a row written by hand has none until recount fills it by the rule */
    make_id(by_hand, 1975, 1, 15, 0);
    sql("INSERT INTO persons (id_no, name, gender, birth_date, created_at)"
        " VALUES ('%s', '手工人员', 2, '1975-01-15', NOW())", by_hand);
    ck_assert_int_eq(sql_long("SELECT statutory_retire IS NULL FROM persons WHERE id_no = '%s'",
                              by_hand), 1);
    ck_assert_int_eq(admin("recount"), 0);
    stored(by_hand, w, c);
    ck_assert_str_eq(w, "2025-02");
    ck_assert_str_eq(c, "2031-05");
}
END_TEST

START_TEST(the_checks_and_retire_due_read_the_stored_month)
{
    struct resp r;
    char id[19];

    /* a young man whose stored month says otherwise (as a repair in SQL
     * would): past retirement for 基础信息核查, due for 职工退休到龄查询 */
    make_id(id, 1992, 7, 7, 1);
    person(id, unit_b, "8000.00", "13800000009");
    sql("UPDATE persons SET statutory_retire = '2022-07-01', statutory_retire_cadre = '2022-07-01'"
        " WHERE id_no = '%s'", id);
    ck_assert_int_eq(admin("recount"), 0);   /* hand-written: recount refills every month ... */
    ck_assert_int_eq(http_get(&cb, "/query/retire-due?from=2022-07&to=2022-07", &r), 200);
    ck_assert(!has(&r, id));                  /* ... by the rule: 2052-08 */
    resp_free(&r);
    sql("UPDATE persons SET statutory_retire = '2022-07-01', statutory_retire_cadre = '2022-07-01'"
        " WHERE id_no = '%s'", id);
    /* the next change to B (a phone fixed) marks it; the page reads the month */
    {
        char body[256];
        int v = (int)sql_long("SELECT info_version FROM persons WHERE id_no = '%s'", b_id);
        snprintf(body, sizeof body, "id_no=%s&name=%%E6%%A0%%B8%%E6%%9F%%A5%%E4%%BA%%BA%%E5%%91%%98"
                 "&phone=13900000002&address=&version=%d", b_id, v);
        ck_assert_int_eq(http_get(&cb, "/person", &r), 200);
        resp_free(&r);
        ck_assert_int_eq(http_post(&cb, "/person", body, 1, &r), 303);
        resp_free(&r);
    }
    ck_assert_int_eq(http_get(&cb, "/query/check", &r), 200);
    ck_assert(has(&r, id) && has(&r, msg_text(MSG_CHECK_T_PAST_RETIREMENT)));
    resp_free(&r);
    ck_assert_int_eq(http_get(&cb, "/query/retire-due?from=2022-07&to=2022-07", &r), 200);
    ck_assert(has(&r, id));
    resp_free(&r);
    ck_assert_int_eq(http_get(&ca, "/query/check", &r), 200);
    ck_assert(!has(&r, id));
    resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("check_kept");
    TCase *tc = tcase_create("check_kept");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, an_enrolment_with_a_problem_shows_up_and_a_fixed_phone_disappears);
    tcase_add_test(tc, a_stop_in_another_unit_clears_the_elsewhere_row);
    tcase_add_test(tc, the_statutory_retirement_month_is_stored_at_the_edges);
    tcase_add_test(tc, the_checks_and_retire_due_read_the_stored_month);
    suite_add_tcase(s, tc);
    return it_run(s);
}
