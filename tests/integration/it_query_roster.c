/*
 * Integration: 单位花名册查询, 离退休人员查询, 职工退休到龄查询 (issue 9 items
 * 4-6) over HTTP: unit isolation (another unit's IDs never show), filters,
 * malformed filters (field messages, no rows), the range rules, and a CSV of
 * a unit of 3,000 persons streamed with every row once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"

#define BIG 3000
static char unit_a[40], unit_b[40], unit_big[40];
static struct client ca, cbig;
static char id_a[19], id_b[19], id_due[19], id_ret[19];

static void setup(void)
{
    struct buf rows = {0};

    set_today("2026-11-20");
    make_unit(unit_a, sizeof unit_a, "企业", "花名册甲");
    make_unit(unit_b, sizeof unit_b, "企业", "花名册乙");
    make_unit(unit_big, sizeof unit_big, "企业", "花名册大");
    make_id(id_a, 1990, 3, 1, 1);
    make_id(id_b, 1990, 3, 2, 1);
    make_id(id_due, 1966, 8, 27, 1);      /* 男60 + 5 months: 2027-01 */
    make_id(id_ret, 1950, 2, 3, 0);
    buf_printf(&rows, "%s,甲员工,%s,在职,2024-01,6000,13800000000\n", id_a, unit_a);
    buf_printf(&rows, "%s,乙员工,%s,在职,2024-01,6000,13800000000\n", id_b, unit_b);
    buf_printf(&rows, "%s,到龄甲,%s,在职,2024-01,1000,13800000000\n", id_due, unit_a);
    for (int i = 0; i < BIG; i++) {
        char id[19];
        make_id(id, 1970 + i % 30, 1 + i % 12, 1 + i % 28, i & 1);
        buf_printf(&rows, "%s,大%d,%s,在职,2024-01,5000,13800000000\n", id, i, unit_big);
    }
    ck_assert_int_eq(import_persons(rows.p, NULL), 0);
    buf_reset(&rows);
    buf_printf(&rows, "%s,退休甲,%s,退休,2000-01,,13800000000,1970-07-01,2000-02,苏州市,死亡,职工\n",
               id_ret, unit_a);
    ck_assert_int_eq(import_persons(rows.p, "参加工作时间,退休年月,居住地,生存状态,人员类别"), 0);
    buf_free(&rows);
    client_init(&ca);
    client_init(&cbig);
    if (!login(&ca, unit_a, PW) || !login(&cbig, unit_big, PW)) {
        fprintf(stderr, "it_query_roster: login failed\n");
        exit(1);
    }
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cbig);
    set_today("");
}

static long get(struct client *c, const char *path, struct resp *r)
{
    memset(r, 0, sizeof *r);
    return http_get(c, path, r);
}

START_TEST(roster_shows_own_unit_only)
{
    struct resp r;
    char path[128];

    ck_assert_int_eq(get(&ca, "/query/roster", &r), 200);
    ck_assert(has(&r, id_a));
    ck_assert(has(&r, "6000.00"));
    ck_assert(!has(&r, id_b));
    resp_free(&r);
    snprintf(path, sizeof path, "/query/roster?id_no=%s", id_b);
    ck_assert_int_eq(get(&ca, path, &r), 200);   /* the filter is echoed, no row shows */
    ck_assert(has(&r, "共 0 条") && !has(&r, "乙员工"));
    ck_assert(has(&r, msg_text(MSG_NO_DATA)));
    resp_free(&r);
    ck_assert_int_eq(get(&ca, "/query/roster?format=csv", &r), 200);
    ck_assert(has(&r, id_a) && !has(&r, id_b));
    ck_assert(strncmp(r.body.p, "\xEF\xBB\xBF", 3) == 0);
    resp_free(&r);
}
END_TEST

START_TEST(roster_bad_filters_get_field_messages)
{
    static const char *const bad[] = {"/query/roster?id_no=123", "/query/roster?status=x",
                                      "/query/retirees?status=x", "/query/retire-due?from=2026-13",
                                      "/query/retire-due?from=2027-01&to=2026-12",
                                      "/query/retire-due?from=2020-01&to=2030-01"};
    struct resp r;

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_int_eq(get(&ca, bad[i], &r), 200);
        ck_assert_msg(has(&r, "field-error") && !has(&r, id_a), "%s", bad[i]);
        resp_free(&r);
    }
    ck_assert_int_eq(get(&ca, "/query/roster?format=xml", &r), 400);
    resp_free(&r);
}
END_TEST

START_TEST(retirees_and_retire_due)
{
    struct resp r;

    ck_assert_int_eq(get(&ca, "/query/retirees?status=%E6%AD%BB%E4%BA%A1", &r), 200);
    ck_assert(has(&r, id_ret) && has(&r, "2000-02") && !has(&r, id_a));
    resp_free(&r);
    ck_assert_int_eq(get(&ca, "/query/retire-due", &r), 200);
    ck_assert(has(&r, id_due) && has(&r, "2027-01") && has(&r, "男60"));
    ck_assert(!has(&r, id_a) && !has(&r, id_ret));
    resp_free(&r);
    ck_assert_int_eq(get(&ca, "/query/retire-due?from=2027-02&to=2027-12", &r), 200);
    ck_assert(!has(&r, id_due));
    resp_free(&r);
}
END_TEST

START_TEST(roster_csv_of_a_large_unit_has_every_row_once)
{
    struct resp r;
    long lines = 0;

    ck_assert_int_eq(get(&cbig, "/query/roster?format=csv", &r), 200);
    for (size_t i = 0; i < r.body.len; i++)
        lines += r.body.p[i] == '\n';
    ck_assert_int_eq(lines, BIG + 1);
    ck_assert(!has(&r, id_a));
    resp_free(&r);
    ck_assert_int_eq(get(&cbig, "/query/roster?page=60", &r), 200);
    ck_assert(has(&r, "共 3000 条"));
    resp_free(&r);
}
END_TEST

/* The 证件号码 (the row's first ="…" cell) of CSV row k (0-based) into id. */
static void csv_id(const struct resp *csv, long k, char id[19])
{
    const char *p = csv->body.p;
    for (long n = -1; n < k; n++)       /* past the header, then k rows */
        p = strchr(p, '\n') + 1;
    const char *q = strstr(p, "=\"");              /* the first text cell of the row */
    ck_assert(q && q < strchr(p, '\n'));
    memcpy(id, q + 2, 18);
    id[18] = '\0';
}

/* Page n of the unfiltered roster starts where an index-only skip of the
 * persons before it ends (store/roster.c): each page holds exactly rows
 * (n-1)*50 .. n*50-1 of the CSV's order; a page past the end is the last. */
START_TEST(roster_pages_hold_the_rows_of_their_place)
{
    static const long pages[] = {1, 2, 31, 60};
    struct resp csv, r;
    char first[19], last[19], next[19];

    get_csv(&cbig, "/query/roster?format=csv", &csv);
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char path[64];
        long n = pages[i];
        csv_id(&csv, (n - 1) * 50, first);
        csv_id(&csv, n * 50 - 1, last);
        snprintf(path, sizeof path, "/query/roster?page=%ld", n);
        ck_assert_int_eq(get(&cbig, path, &r), 200);
        ck_assert_msg(has(&r, first) && has(&r, last), "page %ld", n);
        if (n > 1) {
            csv_id(&csv, (n - 1) * 50 - 1, next);       /* the previous page's last */
            ck_assert_msg(!has(&r, next), "page %ld", n);
        }
        if (n < 60) {
            csv_id(&csv, n * 50, next);                 /* the next page's first */
            ck_assert_msg(!has(&r, next), "page %ld", n);
        }
        resp_free(&r);
    }
    ck_assert_int_eq(get(&cbig, "/query/roster?page=61", &r), 200);
    ck_assert(has(&r, last) && has(&r, "第 60/60 页"));
    resp_free(&r);
    resp_free(&csv);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("query_roster");
    TCase *tc = tcase_create("roster");

    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, roster_shows_own_unit_only);
    tcase_add_test(tc, roster_bad_filters_get_field_messages);
    tcase_add_test(tc, retirees_and_retire_due);
    tcase_add_test(tc, roster_csv_of_a_large_unit_has_every_row_once);
    tcase_add_test(tc, roster_pages_hold_the_rows_of_their_place);
    suite_add_tcase(s, tc);
    return it_run(s);
}
