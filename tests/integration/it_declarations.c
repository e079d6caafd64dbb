/*
 * Integration: 申报信息查询 — /declarations/approved and /declarations/pending
 * (spec §9, issue 3 item 4, issue 4 item 4) over HTTP against the real stack:
 * filters by business type, declaration period and time range, unit
 * isolation, paging, CSV export, the pending page, malformed filters, and
 * declarations produced by /enroll and /stop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"

static char unit_a[40], unit_b[40], unit_c[40];
static long ida, idb, idc;
static struct client ca, cb, cc;
static char id_add[19], id_back[19], id_stop[19], id_info[19], id_pending[19], id_b[19];

static long unit_id(const char *no)
{
    return sql_long("SELECT id FROM units WHERE unit_no = '%s'", no);
}

static void decl(long unit, const char *type, const char *period, const char *id,
                 const char *name, const char *at, const char *review)
{
    char p[32];
    if (period)
        snprintf(p, sizeof p, "'%s-01'", period);
    else
        snprintf(p, sizeof p, "NULL");
    sql("INSERT INTO declarations (unit_id, type, period, id_no, name, operator, created_at,"
        " review_status, result) VALUES (%ld, '%s', %s, '%s', '%s', '测试经办人', '%s', '%s', '测试结果')",
        unit, type, p, id, name, at, review);
}

static void setup(void)
{
    set_today("2022-09-20");
    make_unit(unit_a, sizeof unit_a, "企业", "申报查询甲");
    make_unit(unit_b, sizeof unit_b, "企业", "申报查询乙");
    make_unit(unit_c, sizeof unit_c, "企业", "申报查询丙");
    ida = unit_id(unit_a);
    idb = unit_id(unit_b);
    idc = unit_id(unit_c);
    make_id(id_add, 1990, 1, 1, 1);
    make_id(id_back, 1990, 1, 2, 1);
    make_id(id_stop, 1990, 1, 3, 1);
    make_id(id_info, 1990, 1, 4, 1);
    make_id(id_pending, 1990, 1, 5, 1);
    make_id(id_b, 1990, 1, 6, 1);
    decl(ida, "参保人员增员申报", "2022-09", id_add, "增员甲", "2022-08-15 10:00:00", "已审核");
    decl(ida, "职工补缴核定", "2022-09", id_back, "补缴甲", "2022-08-15 10:00:01", "已审核");
    decl(ida, "参保人员减员申报", "2022-10", id_stop, "减员甲", "2022-09-21 23:59:59", "已审核");
    decl(ida, "参保人员信息维护", NULL, id_info, "<b>维护</b>", "2022-10-12 08:00:00", "已审核");
    decl(ida, "参保人员增员申报", "2022-10", id_pending, "待审甲", "2022-09-22 09:00:00", "待审核");
    decl(idb, "参保人员增员申报", "2022-09", id_b, "乙单位人员", "2022-08-15 10:00:00", "已审核");
    for (int i = 0; i < 120; i++) {
        char id[19], at[32];
        make_id(id, 1970 + i % 30, 1 + i % 12, 1 + i % 28, i & 1);
        snprintf(at, sizeof at, "2022-07-01 %02d:%02d:00", i / 60, i % 60);
        decl(idc, "缴费申报与变更", "2022-07", id, "批量", at, "已审核");
    }
    client_init(&ca);
    client_init(&cb);
    client_init(&cc);
    if (!login(&ca, unit_a, PW) || !login(&cb, unit_b, PW) || !login(&cc, unit_c, PW)) {
        fprintf(stderr, "it_declarations: login failed\n");
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

/* GET path: 200, each of `in` in the body, none of `out`. */
#define expect(c, path, in, out) expect_get(c, path, 200, in, out)

START_TEST(all_approved_rows_of_the_unit_newest_first)
{
    struct resp r;
    const char *in[] = {id_add, id_back, id_stop, id_info, "共 4 条", "测试经办人",
                        "2022-09-21 23:59:59", "2022-10", "已审核", NULL};
    const char *out[] = {id_pending, id_b, "<b>维护</b>", NULL};
    expect(&ca, "/declarations/approved", in, out);
    ck_assert_int_eq(http_get(&ca, "/declarations/approved", &r), 200);
    /* escaped, and newest first */
    ck_assert(has(&r, "&lt;b&gt;维护&lt;/b&gt;"));
    ck_assert_ptr_nonnull(strstr(r.body.p, id_info));
    ck_assert(strstr(r.body.p, id_info) < strstr(r.body.p, id_stop));
    ck_assert(strstr(r.body.p, id_stop) < strstr(r.body.p, id_back));
    ck_assert(strstr(r.body.p, id_back) < strstr(r.body.p, id_add));
    resp_free(&r);
}
END_TEST

START_TEST(filter_by_business_type)
{
    char path[256];
    char *t = urlenc("参保人员减员申报");
    snprintf(path, sizeof path, "/declarations/approved?type=%s", t);
    {
        const char *in[] = {id_stop, "共 1 条", NULL};
        const char *out[] = {id_add, id_back, id_info, NULL};
        expect(&ca, path, in, out);
    }
    free(t);
    t = urlenc("职工补缴核定");
    snprintf(path, sizeof path, "/declarations/approved?type=%s&from=&to=&period=", t);
    {
        const char *in[] = {id_back, "共 1 条", NULL};
        const char *out[] = {id_add, id_stop, id_info, NULL};
        expect(&ca, path, in, out);
    }
    free(t);
}
END_TEST

START_TEST(filter_by_declaration_period_shows_adds_and_stops)
{
    {
        const char *in[] = {id_add, id_back, "共 2 条", NULL};
        const char *out[] = {id_stop, id_info, NULL};
        expect(&ca, "/declarations/approved?period=2022-09", in, out);
    }
    {
        const char *in[] = {id_stop, "共 1 条", NULL};
        const char *out[] = {id_add, id_back, id_info, id_pending, NULL};
        expect(&ca, "/declarations/approved?period=2022-10", in, out);
    }
}
END_TEST

START_TEST(filter_by_time_range_inclusive)
{
    {   /* one day, inclusive of its last second */
        const char *in[] = {id_stop, "共 1 条", NULL};
        const char *out[] = {id_add, id_back, id_info, NULL};
        expect(&ca, "/declarations/approved?from=2022-09-21&to=2022-09-21", in, out);
    }
    {
        const char *in[] = {id_add, id_back, "共 2 条", NULL};
        const char *out[] = {id_stop, id_info, NULL};
        expect(&ca, "/declarations/approved?to=2022-08-15", in, out);
    }
    {
        const char *in[] = {id_stop, id_info, "共 2 条", NULL};
        const char *out[] = {id_add, id_back, NULL};
        expect(&ca, "/declarations/approved?from=2022-08-16", in, out);
    }
    {   /* combined with type and period */
        char path[256], *t = urlenc("参保人员增员申报");
        const char *in[] = {id_add, "共 1 条", NULL};
        const char *out[] = {id_back, id_stop, NULL};
        snprintf(path, sizeof path,
                 "/declarations/approved?type=%s&from=2022-08-01&to=2022-08-31&period=2022-09", t);
        expect(&ca, path, in, out);
        free(t);
    }
}
END_TEST

START_TEST(another_units_rows_never_appear)
{
    static const char *const paths[] = {
        "/declarations/approved", "/declarations/approved?period=2022-09",
        "/declarations/approved?from=2022-08-15&to=2022-08-15",
        "/declarations/approved?format=csv", "/declarations/pending",
        "/declarations/approved?page=2", NULL};
    for (const char *const *p = paths; *p; p++) {
        const char *out_a[] = {id_b, "乙单位人员", NULL};
        const char *out_b[] = {id_add, id_back, id_stop, id_info, id_pending, NULL};
        expect(&ca, *p, NULL, out_a);
        expect(&cb, *p, NULL, out_b);
    }
    {
        const char *in[] = {id_b, "共 1 条", NULL};
        expect(&cb, "/declarations/approved", in, NULL);
    }
    /* a unit parameter is not a filter but an unknown parameter */
    {
        struct resp r;
        char path[128];
        snprintf(path, sizeof path, "/declarations/approved?unit_id=%ld", ida);
        ck_assert_int_eq(http_get(&cb, path, &r), 400);
        ck_assert(!has(&r, id_add));
        resp_free(&r);
    }
}
END_TEST

START_TEST(csv_export_has_bom_header_and_text_ids)
{
    struct resp r;
    char h[256], cell[64];
    ck_assert_int_eq(http_get(&ca, "/declarations/approved?format=csv", &r), 200);
    ck_assert_int_eq(resp_header(&r, "Content-Type", h, sizeof h), 0);
    ck_assert_ptr_nonnull(strstr(h, "text/csv"));
    ck_assert_int_eq(resp_header(&r, "Content-Disposition", h, sizeof h), 0);
    ck_assert_ptr_nonnull(strstr(h, "attachment"));
    ck_assert(r.body.len > 3 && memcmp(r.body.p, "\xEF\xBB\xBF", 3) == 0);
    ck_assert(strncmp(r.body.p + 3, "序号,业务类型,证件号码,姓名,申报期,经办人,经办时间,审核状态,"
                      "办理结果/说明\r\n", strlen("序号,业务类型,证件号码,姓名,申报期,经办人,经办时间,"
                      "审核状态,办理结果/说明\r\n")) == 0);
    snprintf(cell, sizeof cell, "\"=\"\"%s\"\"\"", id_stop);   /* ="…" quoted by RFC 4180 */
    if (!has(&r, cell))
        snprintf(cell, sizeof cell, "=\"%s\"", id_stop);
    ck_assert_msg(has(&r, cell), "ID not written as text");
    ck_assert(has(&r, id_add) && has(&r, id_info) && !has(&r, id_pending) && !has(&r, id_b));
    ck_assert(has(&r, "<b>维护</b>"));     /* CSV is data, not HTML */
    resp_free(&r);
    /* filters apply to the export too */
    ck_assert_int_eq(http_get(&ca, "/declarations/approved?period=2022-10&format=csv", &r), 200);
    ck_assert(has(&r, id_stop) && !has(&r, id_add) && !has(&r, id_info));
    resp_free(&r);
    /* every row, not one page */
    ck_assert_int_eq(http_get(&cc, "/declarations/approved?format=csv", &r), 200);
    {
        size_t lines = 0;
        for (size_t i = 0; i < r.body.len; i++)
            lines += r.body.p[i] == '\n';
        ck_assert_int_eq(lines, 121);
    }
    resp_free(&r);
    ck_assert_int_eq(http_get(&ca, "/declarations/approved?format=xls", &r), 400);
    resp_free(&r);
}
END_TEST

START_TEST(paging_keeps_the_filters)
{
    struct resp r;
    ck_assert_int_eq(http_get(&cc, "/declarations/approved?period=2022-07", &r), 200);
    ck_assert(has(&r, "共 120 条"));
    ck_assert(has(&r, "第 1/3 页"));
    ck_assert(has(&r, "period=2022-07&amp;page=2"));
    ck_assert(has(&r, "2022-07-01 01:59:00"));          /* newest first */
    ck_assert(!has(&r, "2022-07-01 01:09:00"));         /* the 51st newest */
    resp_free(&r);
    ck_assert_int_eq(http_get(&cc, "/declarations/approved?period=2022-07&page=2", &r), 200);
    ck_assert(has(&r, "第 2/3 页"));
    ck_assert(has(&r, ">51<") && has(&r, ">100<") && !has(&r, ">101<"));
    ck_assert(has(&r, "2022-07-01 01:09:00") && !has(&r, "2022-07-01 01:59:00"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&cc, "/declarations/approved?page=99", &r), 200);
    ck_assert(has(&r, "第 3/3 页") && has(&r, ">120<"));
    resp_free(&r);
}
END_TEST

START_TEST(pending_page_explains_nothing_needs_review)
{
    const char *in[] = {msg_text(MSG_DECL_NONE_PENDING), "待审核数据查询", "共 0 条", NULL};
    const char *out[] = {id_b, NULL};
    expect(&cb, "/declarations/pending", in, out);
    {   /* the same frame and filters; a 待审核 row would be listed there only */
        const char *in2[] = {id_pending, "待审核", NULL};
        const char *out2[] = {id_add, id_stop, NULL};
        expect(&ca, "/declarations/pending", in2, out2);
    }
    {
        struct resp r;
        ck_assert_int_eq(http_get(&cb, "/declarations/pending?format=csv", &r), 200);
        ck_assert(memcmp(r.body.p, "\xEF\xBB\xBF序号", 9) == 0);
        resp_free(&r);
    }
}
END_TEST

START_TEST(malformed_filters_get_field_messages)
{
    static const struct { const char *q; const char *label; enum msg_id m; } cases[] = {
        {"from=2022-13-01", "开始日期", MSG_FIELD_INVALID},
        {"from=20220901", "开始日期", MSG_FIELD_INVALID},
        {"to=2022-02-30", "结束日期", MSG_FIELD_INVALID},
        {"period=2022-9", "申报期", MSG_FIELD_INVALID},
        {"period=2022-13", "申报期", MSG_FIELD_INVALID},
        {"type=%E6%9C%AA%E7%9F%A5", "业务类型", MSG_FIELD_INVALID},   /* 未知 */
        {"from=2022-09-02&to=2022-09-01", NULL, MSG_DATE_RANGE},
    };
    struct resp r;
    char path[256], text[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "/declarations/approved?%s", cases[i].q);
        ck_assert_int_eq(http_get(&ca, path, &r), 200);
        if (cases[i].label)
            msg_format(text, sizeof text, cases[i].m, cases[i].label);
        else
            snprintf(text, sizeof text, "%s", msg_text(cases[i].m));
        ck_assert_msg(has(&r, text), "%s: %s missing", cases[i].q, text);
        ck_assert(has(&r, "field-error"));
        ck_assert(has(&r, msg_text(MSG_BAD_FILTER)));
        ck_assert(!has(&r, id_add));                     /* no rows on a bad filter */
        resp_free(&r);
    }
    ck_assert_int_eq(http_get(&ca, "/declarations/approved?foo=1", &r), 400);
    resp_free(&r);
    ck_assert_int_eq(http_get(&ca, "/declarations/nothing", &r), 404);
    resp_free(&r);
    ck_assert_int_eq(http_post(&ca, "/declarations/approved", "", 1, &r), 405);
    resp_free(&r);
}
END_TEST

START_TEST(adds_and_stops_of_a_period_from_the_real_pages)
{
    struct client c;
    struct resp r;
    char unit[40], x[19], y[19], body[512], row[256], *t;
    make_unit(unit, sizeof unit, "企业", "申报期测试");
    make_id(x, 1991, 3, 3, 0);
    make_id(y, 1992, 4, 4, 1);
    snprintf(row, sizeof row, "%s,老员工,%s,在职,2022-01,8000.00,13800000000\n", y, unit);
    ck_assert_int_eq(import_persons(row, NULL), 0);
    client_init(&c);
    ck_assert(login(&c, unit, PW));
    set_today("2022-09-20");                    /* period 2022-10 */
    http_get(&c, "/enroll", &r);
    resp_free(&r);
    snprintf(body, sizeof body, "id_no=%s&name=%%E6%%96%%B0%%E5%%91%%98%%E5%%B7%%A5&phone=13900000000"
             "&wage=8000.00&start_month=2022-09", x);
    ck_assert_int_eq(http_post(&c, "/enroll", body, 1, &r), 303);   /* done: its declaration */
    resp_free(&r);
    http_get(&c, "/stop", &r);
    resp_free(&r);
    t = urlenc("离职");
    snprintf(body, sizeof body, "id_no=%s&end_date=2022-09-30&reason=%s", y, t);
    free(t);
    ck_assert_int_eq(http_post(&c, "/stop", body, 1, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/declarations/approved?period=2022-10", &r), 200);
    ck_assert(has(&r, x) && has(&r, y));
    ck_assert(has(&r, "参保人员增员申报") && has(&r, "参保人员减员申报"));
    resp_free(&r);
    t = urlenc("参保人员减员申报");
    snprintf(body, sizeof body, "/declarations/approved?type=%s&period=2022-10", t);
    free(t);
    ck_assert_int_eq(http_get(&c, body, &r), 200);
    ck_assert(has(&r, y) && !has(&r, x) && has(&r, "2022-09-30"));
    resp_free(&r);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("declarations");
    TCase *t = tcase_create("declarations");

    curl_global_init(CURL_GLOBAL_ALL);
    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, all_approved_rows_of_the_unit_newest_first);
    tcase_add_test(t, filter_by_business_type);
    tcase_add_test(t, filter_by_declaration_period_shows_adds_and_stops);
    tcase_add_test(t, filter_by_time_range_inclusive);
    tcase_add_test(t, another_units_rows_never_appear);
    tcase_add_test(t, csv_export_has_bom_header_and_text_ids);
    tcase_add_test(t, paging_keeps_the_filters);
    tcase_add_test(t, pending_page_explains_nothing_needs_review);
    tcase_add_test(t, malformed_filters_get_field_messages);
    tcase_add_test(t, adds_and_stops_of_a_period_from_the_real_pages);
    suite_add_tcase(s, t);
    return it_run(s);
}
