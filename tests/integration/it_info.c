/*
 * Integration: 单位信息维护 (/unit) and 参保人员信息维护 (/person) over HTTP
 * (spec §7, issue 10 items 2-5): read-only and editable fields, each field
 * rule with its message and nothing written, 未修改任何信息, two sessions
 * editing the same record (the second refused with 信息已被他人修改…, the
 * first kept), the declarations with before/after as 字段: 旧值 → 新值 in
 * 已审核数据查询 (filtered by type, CSV), hostile strings shown escaped,
 * another unit's person refused with the same words as an unknown ID, and a
 * changed name being the one later forms must match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/batch.h"
#include "rules/rules.h"

static char unit_a[40], unit_b[40];
static char p_a[19], p_b[19], p_gone[19];

static void setup(void)
{
    char rows[1024];

    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "信息维护甲公司");
    make_unit(unit_b, sizeof unit_b, "企业", "信息维护乙公司");
    batch_gen_id(p_a, "3208");
    batch_gen_id(p_b, "3208");
    batch_gen_id(p_gone, "3208");
    snprintf(rows, sizeof rows,
             "%s,李一,%s,在职,2025-01,5000.00,13900000001\n"
             "%s,李二,%s,在职,2025-01,5000.00,13900000002\n",
             p_a, unit_a, p_b, unit_b);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    set_today("2026-11-20 10:00");
}

static void client(struct client *c, const char *unit, const char *page)
{
    struct resp r;
    client_init(c);
    ck_assert(login(c, unit, PW));
    ck_assert_int_eq(http_get(c, page, &r), 200);
    resp_free(&r);
}

static long decls(const char *unit, const char *type)
{
    return sql_long("SELECT COUNT(*) FROM declarations d JOIN units u ON u.id = d.unit_id"
                    " WHERE u.unit_no = '%s' AND d.type = '%s'", unit, type);
}

static int version_of_unit(const char *unit)
{
    return (int)sql_long("SELECT info_version FROM units WHERE unit_no = '%s'", unit);
}

#define UNIT_FORM "contact_name=%s&contact_phone=%s&address=%s&bank_name=%s" \
                  "&bank_account_name=%s&bank_account_no=%s&legal_rep_phone=%s&version=%d"

START_TEST(unit_page_shows_read_only_fields_and_saves_a_change_with_before_after)
{
    struct client c;
    struct resp r, d;
    char body[1024];
    long before = decls(unit_a, "单位信息维护");
    int v;

    client(&c, unit_a, "/unit");
    ck_assert_int_eq(http_get(&c, "/unit", &r), 200);
    ck_assert(has(&r, unit_a));
    ck_assert(has(&r, "信息维护甲公司"));
    ck_assert(has(&r, "统一社会信用代码"));
    ck_assert(has(&r, "name=\"contact_phone\""));
    ck_assert(!has(&r, "name=\"name\""));
    resp_free(&r);
    v = version_of_unit(unit_a);
    snprintf(body, sizeof body, UNIT_FORM, "%E5%BC%A0%E7%BB%8F%E5%8A%9E", "0512-65231234",
             "%E8%8B%8F%E5%B7%9E%E5%B8%82", "", "", "6222020200112233", "13800000000", v);
    ck_assert_int_eq(http_post(&c, "/unit", body, 1, &r), 303);
    ck_assert_int_eq(http_follow(&c, &r, &d), 200);
    ck_assert(has(&d, "msg ok"));
    ck_assert(has(&d, "联系电话: 未登记 → 0512-65231234"));
    ck_assert(has(&d, "经办人: 未登记 → 张经办"));
    ck_assert(has(&d, "href=\"/unit\">继续办理"));
    resp_free(&d);
    resp_free(&r);
    ck_assert_int_eq(decls(unit_a, "单位信息维护"), before + 1);
    ck_assert_int_eq(version_of_unit(unit_a), v + 1);

    /* the same again: 未修改任何信息, nothing written */
    snprintf(body, sizeof body, UNIT_FORM, "%E5%BC%A0%E7%BB%8F%E5%8A%9E", "0512-65231234",
             "%E8%8B%8F%E5%B7%9E%E5%B8%82", "", "", "6222020200112233", "13800000000", v + 1);
    ck_assert_int_eq(http_post(&c, "/unit", body, 1, &r), 200);
    ck_assert(has(&r, "msg fail"));
    ck_assert(has(&r, msg_text(MSG_NO_CHANGE)));
    resp_free(&r);
    ck_assert_int_eq(decls(unit_a, "单位信息维护"), before + 1);

    /* 已审核数据查询, type filter and CSV */
    ck_assert_int_eq(http_get(&c, "/declarations/approved?type=%E5%8D%95%E4%BD%8D%E4%BF%A1%E6%81%AF%E7%BB%B4%E6%8A%A4", &r), 200);
    ck_assert(has(&r, "账号: 未登记 → 6222020200112233"));
    resp_free(&r);
    get_csv(&c, "/declarations/approved?type=%E5%8D%95%E4%BD%8D%E4%BF%A1%E6%81%AF%E7%BB%B4%E6%8A%A4&format=csv", &r);
    ck_assert(has(&r, "法定代表人电话: 未登记 → 13800000000"));
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(unit_fields_are_validated_and_nothing_is_written)
{
    static const struct { const char *field, *value; enum msg_id msg; const char *label; } cases[] = {
        {"contact_phone", "12345", MSG_INFO_PHONE, "联系电话"},
        {"contact_phone", "0512--6523", MSG_INFO_PHONE, "联系电话"},
        {"legal_rep_phone", "abc1234567", MSG_INFO_PHONE, "法定代表人电话"},
        {"bank_account_no", "1234567", MSG_INFO_BANK_ACCOUNT, "账号"},
        {"bank_account_no", "6222%200201", MSG_INFO_BANK_ACCOUNT, "账号"},
        {"address", "%E8%8B%8F%E5%B7%9E%E2%80%AE", MSG_TEXT_FORBIDDEN, "地址"},
        {"contact_name", "a%09b", MSG_TEXT_FORBIDDEN, "经办人"},
    };
    struct client c;
    struct resp r;
    char body[1024], want[MSG_TEXT_MAX];
    long before = decls(unit_a, "单位信息维护");
    int v = version_of_unit(unit_a);

    client(&c, unit_a, "/unit");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(body, sizeof body, "version=%d&%s=%s", v, cases[i].field, cases[i].value);
        ck_assert_int_eq(http_post(&c, "/unit", body, 1, &r), 200);
        msg_format(want, sizeof want, cases[i].msg, cases[i].label);
        ck_assert_msg(has(&r, want), "%s=%s: %s", cases[i].field, cases[i].value, want);
        resp_free(&r);
    }
    /* overlong: 151 characters of address */
    {
        struct buf b = {0};
        buf_printf(&b, "version=%d&address=", v);
        for (int k = 0; k < 151; k++)
            buf_puts(&b, "%E8%8B%8F");
        ck_assert_int_eq(http_post(&c, "/unit", b.p, 1, &r), 200);
        msg_format(want, sizeof want, MSG_INFO_TOO_LONG, "地址");
        ck_assert(has(&r, want));
        resp_free(&r);
        buf_free(&b);
    }
    /* markup and SQL are stored inert and shown escaped */
    snprintf(body, sizeof body, "version=%d&contact_name=%s&contact_phone=0512-65231234"
             "&address=%s&bank_account_no=6222020200112233&legal_rep_phone=13800000000",
             v, "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "x'%3B%20DROP%20TABLE%20units%3B--");
    ck_assert_int_eq(http_post(&c, "/unit", body, 1, &r), 303);
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/unit", &r), 200);
    ck_assert(has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    ck_assert(!has(&r, "<script>alert"));
    ck_assert(has(&r, "DROP TABLE units"));
    resp_free(&r);
    ck_assert_int_eq(decls(unit_a, "单位信息维护"), before + 1);
    ck_assert_int_eq(http_post(&c, "/unit", "version=1&unit_no=1", 1, &r), 400);
    resp_free(&r);
    client_free(&c);
}
END_TEST

START_TEST(two_sessions_editing_the_unit_the_second_is_refused_nothing_lost)
{
    struct client c1, c2;
    struct resp r;
    char body[1024], phone[64];
    int v;

    client(&c1, unit_b, "/unit");
    client(&c2, unit_b, "/unit");
    v = version_of_unit(unit_b);   /* both forms were read at v */
    snprintf(body, sizeof body, "version=%d&contact_phone=0512-11111111", v);
    ck_assert_int_eq(http_post(&c1, "/unit", body, 1, &r), 303);
    resp_free(&r);
    snprintf(body, sizeof body, "version=%d&contact_phone=0512-22222222", v);
    ck_assert_int_eq(http_post(&c2, "/unit", body, 1, &r), 200);
    ck_assert(has(&r, msg_text(MSG_INFO_CONFLICT)));
    ck_assert(has(&r, "0512-22222222"));   /* what was typed stays in the form */
    resp_free(&r);
    sql_str(phone, sizeof phone, "SELECT contact_phone FROM units WHERE unit_no = '%s'", unit_b);
    ck_assert_str_eq(phone, "0512-11111111");
    ck_assert_int_eq(decls(unit_b, "单位信息维护"), 1);
    client_free(&c1);
    client_free(&c2);
}
END_TEST

/* A legacy value longer than the page's buffers is never cut by a save of
 * another field: only changed columns are written. */
START_TEST(saving_one_field_leaves_a_long_legacy_value_whole)
{
    struct client c;
    struct resp r;
    int v;

    char shown[2048] = "", *enc;
    const char *p, *q;

    sql("UPDATE units SET address = REPEAT('苏', 250) WHERE unit_no = '%s'", unit_b);
    client(&c, unit_b, "/unit");
    /* the browser posts the address as the form shows it */
    ck_assert_int_eq(http_get(&c, "/unit", &r), 200);
    p = strstr(r.body.p, "name=\"address\" value=\"");
    ck_assert_ptr_nonnull(p);
    p += strlen("name=\"address\" value=\"");
    q = strchr(p, '"');
    ck_assert_ptr_nonnull(q);
    snprintf(shown, sizeof shown, "%.*s", (int)(q - p), p);
    resp_free(&r);
    v = version_of_unit(unit_b);
    enc = urlenc(shown);
    {
        char big[8192];
        snprintf(big, sizeof big, "version=%d&contact_phone=0512-33333333&address=%s", v, enc);
        ck_assert_int_eq(http_post(&c, "/unit", big, 1, &r), 303);
    }
    free(enc);
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT CHAR_LENGTH(address) FROM units WHERE unit_no = '%s'", unit_b), 250);
    ck_assert_int_eq(sql_long("SELECT contact_phone = '0512-33333333' FROM units WHERE unit_no = '%s'",
                              unit_b), 1);
    client_free(&c);
}
END_TEST

START_TEST(person_look_up_is_scoped_to_the_unit)
{
    struct client c;
    struct resp r;
    char path[96], unknown[19];

    batch_gen_id(unknown, "3208");
    client(&c, unit_a, "/person");
    snprintf(path, sizeof path, "/person?id_no=%s", p_a);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, "value=\"李一\""));
    ck_assert(has(&r, "name=\"version\""));
    resp_free(&r);
    snprintf(path, sizeof path, "/person?id_no=%s", p_b);   /* unit B's */
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, msg_text(MSG_PERSON_NOT_OF_UNIT)));
    ck_assert(!has(&r, "李二"));
    resp_free(&r);
    snprintf(path, sizeof path, "/person?id_no=%s", unknown);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, msg_text(MSG_PERSON_NOT_OF_UNIT)));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/person?id_no=123", &r), 200);
    ck_assert(has(&r, "证件号码格式不正确"));
    resp_free(&r);
    /* a POST for another unit's person changes nothing */
    snprintf(path, sizeof path, "id_no=%s&name=X&phone=&address=&version=0", p_b);
    ck_assert_int_eq(http_post(&c, "/person", path, 1, &r), 200);
    ck_assert(has(&r, msg_text(MSG_PERSON_NOT_OF_UNIT)));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s' AND name = '李二'", p_b), 1);
    client_free(&c);
}
END_TEST

START_TEST(person_name_change_is_declared_and_later_forms_must_match_it)
{
    struct client c, c2;
    struct resp r, d;
    char body[512], data[256];
    long job = 0;
    int v = (int)sql_long("SELECT info_version FROM persons WHERE id_no = '%s'", p_a);

    client(&c, unit_a, "/person");
    client(&c2, unit_a, "/person");
    snprintf(body, sizeof body, "id_no=%s&name=%%E6%%9D%%8E%%E5%%A3%%B9&phone=13900000001"
             "&address=%%E8%%8B%%8F%%E5%%B7%%9E&version=%d", p_a, v);
    ck_assert_int_eq(http_post(&c, "/person", body, 1, &r), 303);
    ck_assert_int_eq(http_follow(&c, &r, &d), 200);
    ck_assert(has(&d, "姓名: 李一 → 李壹"));
    ck_assert(has(&d, "居住地址: 未登记 → 苏州"));
    ck_assert(has(&d, "href=\"/person\">继续办理"));
    resp_free(&d);
    resp_free(&r);
    ck_assert_int_eq(decls(unit_a, "参保人员信息维护"), 1);
    /* the second session's form still had version v */
    snprintf(body, sizeof body, "id_no=%s&name=%%E6%%9D%%8E%%E4%%B8%%80&phone=13900000009"
             "&address=&version=%d", p_a, v);
    ck_assert_int_eq(http_post(&c2, "/person", body, 1, &r), 200);
    ck_assert(has(&r, msg_text(MSG_INFO_CONFLICT)));
    resp_free(&r);
    /* no change */
    snprintf(body, sizeof body, "id_no=%s&name=%%E6%%9D%%8E%%E5%%A3%%B9&phone=13900000001"
             "&address=%%E8%%8B%%8F%%E5%%B7%%9E&version=%d", p_a, v + 1);
    ck_assert_int_eq(http_post(&c, "/person", body, 1, &r), 200);
    ck_assert(has(&r, msg_text(MSG_NO_CHANGE)));
    resp_free(&r);
    /* field rules */
    snprintf(body, sizeof body, "id_no=%s&name=&phone=1&address=&version=%d", p_a, v + 1);
    ck_assert_int_eq(http_post(&c, "/person", body, 1, &r), 200);
    ck_assert(has(&r, "请填写姓名。"));
    ck_assert(has(&r, "联系电话格式不正确"));
    resp_free(&r);
    ck_assert_int_eq(decls(unit_a, "参保人员信息维护"), 1);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s' AND name = '李壹'", p_a), 1);

    /* the wage declaration now wants the new name */
    set_today("2026-12-10 10:00");
    ck_assert_int_eq(http_get(&c, "/wages", &r), 200);
    resp_free(&r);
    snprintf(data, sizeof data, "证件号码,姓名,月申报工资\n%s,李一,6000\n%s,李壹,6000\n", p_a, p_a);
    {
        const char *fields[] = {"year", "2027", NULL};
        char loc[64];
        ck_assert_int_eq(http_post_file(&c, "/wages", fields, "file", "w.csv", data, strlen(data), &r), 303);
        ck_assert_int_eq(resp_header(&r, "Location", loc, sizeof loc), 0);
        job = atol(loc + strlen("/jobs/"));
        resp_free(&r);
    }
    batch_wait_done(job, 60);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND line_no = 2"
                              " AND message = '%s'", job, msg_text(MSG_NAME_MISMATCH)), 1);
    set_today("2026-11-20 10:00");
    client_free(&c);
    client_free(&c2);
}
END_TEST

START_TEST(a_person_no_longer_insured_here_is_shown_read_only)
{
    struct client c;
    struct resp r;
    char rows[256], path[96];

    snprintf(rows, sizeof rows, "%s,周七,%s,在职,2025-01,5000.00,13900000007\n", p_gone, unit_a);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
    sql("UPDATE enrolments e JOIN persons p ON p.id = e.person_id SET e.end_date = '2025-06-30',"
        " e.status = '暂停缴费' WHERE p.id_no = '%s'", p_gone);
    client(&c, unit_a, "/person");
    snprintf(path, sizeof path, "/person?id_no=%s", p_gone);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, msg_text(MSG_PERSON_READ_ONLY)));
    ck_assert(has(&r, "<fieldset disabled>"));
    resp_free(&r);
    snprintf(path, sizeof path, "id_no=%s&name=X&phone=&address=&version=0", p_gone);
    ck_assert_int_eq(http_post(&c, "/person", path, 1, &r), 200);
    ck_assert(has(&r, msg_text(MSG_PERSON_READ_ONLY)));
    resp_free(&r);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s' AND name = '周七'", p_gone), 1);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("it_info");
    TCase *t = tcase_create("info");
    tcase_add_unchecked_fixture(t, setup, NULL);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, unit_page_shows_read_only_fields_and_saves_a_change_with_before_after);
    tcase_add_test(t, unit_fields_are_validated_and_nothing_is_written);
    tcase_add_test(t, two_sessions_editing_the_unit_the_second_is_refused_nothing_lost);
    tcase_add_test(t, saving_one_field_leaves_a_long_legacy_value_whole);
    tcase_add_test(t, person_look_up_is_scoped_to_the_unit);
    tcase_add_test(t, person_name_change_is_declared_and_later_forms_must_match_it);
    tcase_add_test(t, a_person_no_longer_insured_here_is_shown_read_only);
    suite_add_tcase(s, t);
    return it_run(s);
}
