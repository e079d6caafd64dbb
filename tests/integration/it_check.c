/*
 * Integration: 基础信息核查 (/query/check, spec §7b, issue 18 item 6) over
 * HTTP: each of the six checks finds its person and no other, each row says
 * what to do (a link to the page that fixes it, or the counter), the CSV
 * holds the same rows, another unit sees none of them, and a clean unit
 * gets the empty text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"

static char unit_a[40], unit_b[40], unit_c[40];
static char ok_id[19], phone_id[19], old_id[19], wage_id[19], dup_id[19], else_id[19], due_id[19];
static struct client ca, cb, cc;

static void person(const char *id, const char *unit, const char *wage, const char *phone)
{
    char row[256];
    snprintf(row, sizeof row, "%s,核查人员,%s,在职,2022-01,%s,%s\n", id, unit, wage, phone);
    ck_assert_int_eq(import_persons(row, NULL), 0);
}

static void setup(void)
{
    long a, b;

    set_today("2022-08-20 10:00");
    make_unit(unit_a, sizeof unit_a, "企业", "核查测试公司");
    make_unit(unit_b, sizeof unit_b, "企业", "核查测试公司乙");
    make_unit(unit_c, sizeof unit_c, "企业", "核查测试公司丙");
    make_id(ok_id, 1990, 1, 2, 1);
    make_id(phone_id, 1991, 2, 3, 0);
    make_id(old_id, 1955, 3, 4, 1);
    make_id(wage_id, 1992, 4, 5, 1);
    make_id(dup_id, 1993, 5, 6, 0);
    make_id(else_id, 1994, 6, 7, 1);
    person(ok_id, unit_a, "8000.00", "13800000000");
    person(phone_id, unit_a, "8000.00", "");
    person(old_id, unit_a, "8000.00", "13800000001");
    person(wage_id, unit_a, "999999.00", "13800000002");
    person(dup_id, unit_a, "8000.00", "13800000003");
    person(else_id, unit_a, "8000.00", "13800000004");
    make_id(due_id, 1962, 8, 15, 1);                  /* 60 in 2022-08: due, not past */
    person(due_id, unit_a, "8000.00", "13800000005");
    a = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_a);
    b = sql_long("SELECT id FROM units WHERE unit_no = '%s'", unit_b);
    /* states the portal refuses to make: a second base record, a second
     * unit, 320 in a 企业 */
    sql("INSERT INTO persons (id_no, name, gender, birth_date, created_at)"
        " VALUES ('%s', '核查人员', 2, '1993-05-06', NOW())", dup_id);
    sql("INSERT INTO enrolments (person_id, unit_id, kind, person_type, type_code, start_month,"
        " created_at, updated_at) SELECT id, %ld, '在职', '职工在职', '310', '2022-03-01', NOW(), NOW()"
        " FROM persons WHERE id_no = '%s'", b, else_id);
    sql("INSERT INTO enrolments (person_id, unit_id, kind, person_type, type_code, start_month,"
        " created_at, updated_at) SELECT id, %ld, '在职', '公务员在职', '320', '2022-03-01', NOW(), NOW()"
        " FROM persons WHERE id_no = '%s'", a, ok_id);
    /* rows written by hand: the kept 核查 rows are rebuilt (the worker may have
     * refreshed A or B between the imports and these inserts) */
    ck_assert_int_eq(admin("recount"), 0);
    client_init(&ca);
    client_init(&cb);
    client_init(&cc);
    if (!login(&ca, unit_a, PW) || !login(&cb, unit_b, PW) || !login(&cc, unit_c, PW)) {
        fprintf(stderr, "it_check: login failed\n");
        exit(1);
    }
}

static void teardown(void)
{
    client_free(&ca);
    client_free(&cb);
    client_free(&cc);
    set_today("");
}

/* The row of the table holding id: 1 when it names the title and the todo. */
static int row_has(const struct resp *r, const char *id, enum msg_id title, enum msg_id todo)
{
    const char *p = strstr(r->body.p, id), *row, *end;
    char buf[4096];

    if (!p)
        return 0;
    row = p;
    while (row > r->body.p && strncmp(row, "<tr>", 4) != 0)
        row--;
    end = strstr(p, "</tr>");
    if (!end || (size_t)(end - row) >= sizeof buf)
        return 0;
    memcpy(buf, row, (size_t)(end - row));
    buf[end - row] = '\0';
    return strstr(buf, msg_text(title)) && strstr(buf, msg_text(todo));
}

START_TEST(each_check_finds_its_person_with_what_to_do)
{
    struct resp r;

    ck_assert_int_eq(http_get(&ca, "/query/check", &r), 200);
    ck_assert(row_has(&r, dup_id, MSG_CHECK_T_DUP_BASE, MSG_DUPLICATE_BASE));
    ck_assert(row_has(&r, else_id, MSG_CHECK_T_ELSEWHERE, MSG_CHECK_ELSEWHERE));
    ck_assert(row_has(&r, old_id, MSG_CHECK_T_PAST_RETIREMENT, MSG_CHECK_PAST_RETIREMENT));
    ck_assert(row_has(&r, wage_id, MSG_CHECK_T_WAGE_LIMITS, MSG_CHECK_WAGE_LIMITS));
    ck_assert(row_has(&r, phone_id, MSG_CHECK_T_PHONE, MSG_CHECK_PHONE));
    ck_assert(row_has(&r, ok_id, MSG_CHECK_T_CIVIL_SERVANT, MSG_CHECK_CIVIL_SERVANT));
    ck_assert(has(&r, "共 6 条"));
    ck_assert(has(&r, "href=\"/person\">去处理") && has(&r, "href=\"/wages\">去处理") &&
              has(&r, "href=\"/stop\">去处理") && has(&r, "(请到柜台办理)"));
    ck_assert(has(&r, "999999.00") && has(&r, "出生日期 1955-03-04"));
    resp_free(&r);
}
END_TEST

START_TEST(csv_holds_the_same_rows)
{
    struct resp r;

    get_csv(&ca, "/query/check?format=csv", &r);
    ck_assert(has(&r, "序号,问题,证件号码,姓名,说明,处理"));
    ck_assert(has(&r, dup_id) && has(&r, else_id) && has(&r, old_id) && has(&r, wage_id) &&
              has(&r, phone_id) && has(&r, ok_id));
    ck_assert(has(&r, msg_text(MSG_CHECK_T_CIVIL_SERVANT)));
    resp_free(&r);
    ck_assert_int_eq(http_get(&ca, "/query/check?format=xml", &r), 400);
    resp_free(&r);
}
END_TEST

START_TEST(another_unit_sees_none_and_a_clean_unit_the_empty_text)
{
    struct resp r;

    ck_assert_int_eq(http_get(&cb, "/query/check", &r), 200);
    ck_assert(!has(&r, dup_id) && !has(&r, old_id) && !has(&r, wage_id) && !has(&r, phone_id));
    /* B's own enrolment of else_id is normally insured in A too: B sees it */
    ck_assert(row_has(&r, else_id, MSG_CHECK_T_ELSEWHERE, MSG_CHECK_ELSEWHERE));
    resp_free(&r);
    ck_assert_int_eq(http_get(&cc, "/query/check", &r), 200);
    ck_assert(has(&r, msg_text(MSG_CHECK_NONE)));
    resp_free(&r);
}
END_TEST

START_TEST(home_todo_shows_the_kept_counts_and_the_time_left)
{
    struct resp r;

    /* what the worker keeps after each change, made at once for the test */
    ck_assert_int_eq(admin("recount"), 0);
    ck_assert_int_eq(http_get(&ca, "/", &r), 200);
    ck_assert(has(&r, "本期待办"));
    ck_assert(has(&r, "本期申报期剩余 <strong>17天7小时0分钟</strong>"));
    ck_assert(has(&r, "基础信息核查发现的问题</a> <strong>6</strong>"));
    ck_assert(has(&r, "本月和下月达到退休年龄的人员</a> <strong>1</strong>"));
    ck_assert(has(&r, "有失败数据的批量任务</a> <strong>0</strong>"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&cc, "/", &r), 200);
    ck_assert(has(&r, "基础信息核查发现的问题</a> <strong>0</strong>"));
    resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("check");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, each_check_finds_its_person_with_what_to_do);
    tcase_add_test(tc, csv_holds_the_same_rows);
    tcase_add_test(tc, another_unit_sees_none_and_a_clean_unit_the_empty_text);
    tcase_add_test(tc, home_todo_shows_the_kept_counts_and_the_time_left);
    suite_add_tcase(s, tc);
    return it_run(s);
}
