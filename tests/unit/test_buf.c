/* Unit tests for lib/base/buf.c: growth, formatting, HTML escaping. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

START_TEST(zeroed_buffer_is_empty_and_free_rezeroes)
{
    struct buf b = { 0 };
    buf_free(&b);
    ck_assert_ptr_null(b.p);
    ck_assert_int_eq(buf_puts(&b, "x"), 0);
    ck_assert_str_eq(b.p, "x");
    buf_free(&b);
    ck_assert_ptr_null(b.p);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(append_grows_and_stays_nul_terminated)
{
    struct buf b = { 0 };
    size_t i;
    for (i = 0; i < 10000; i++)
        ck_assert_int_eq(buf_putc(&b, (char)('a' + i % 26)), 0);
    ck_assert_uint_eq(b.len, 10000);
    ck_assert_int_eq(b.p[10000], '\0');
    ck_assert_int_eq(b.p[9999], 'a' + 9999 % 26);
    ck_assert_int_eq(buf_append(&b, "\0z", 2), 0);   /* binary-safe */
    ck_assert_uint_eq(b.len, 10002);
    ck_assert_int_eq(b.p[10000], '\0');
    ck_assert_int_eq(b.p[10001], 'z');
    buf_free(&b);
}
END_TEST

START_TEST(impossible_append_fails_and_keeps_content)
{
    struct buf b = { 0 };
    ck_assert_int_eq(buf_puts(&b, "keep"), 0);
    ck_assert_int_eq(buf_append(&b, "x", SIZE_MAX), -1);
    ck_assert_int_eq(buf_append(&b, "x", SIZE_MAX - 2), -1);
    ck_assert_str_eq(b.p, "keep");
    ck_assert_uint_eq(b.len, 4);
    buf_free(&b);
}
END_TEST

START_TEST(reset_keeps_memory)
{
    struct buf b = { 0 };
    char *p;
    buf_puts(&b, "hello");
    p = b.p;
    buf_reset(&b);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_str_eq(b.p, "");
    ck_assert_ptr_eq(b.p, p);
    buf_reset(&b);
    buf_free(&b);
    buf_reset(&b);   /* a zeroed buffer */
    ck_assert_ptr_null(b.p);
}
END_TEST

START_TEST(printf_short_and_long)
{
    struct buf b = { 0 };
    char big[1000];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(buf_printf(&b, "%d-%s", 42, "中"), 0);
    ck_assert_str_eq(b.p, "42-中");
    ck_assert_int_eq(buf_printf(&b, "[%s]", big), 0);
    ck_assert_uint_eq(b.len, strlen("42-中") + 1001);
    ck_assert_int_eq(b.p[b.len - 1], ']');
    ck_assert_int_eq(buf_printf(&b, "%s", ""), 0);
    buf_free(&b);
}
END_TEST

static const struct { const char *in, *want; } html_cases[] = {
    { "",                       "" },
    { "plain 中文",             "plain 中文" },
    { "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
    { "a&b",                    "a&amp;b" },
    { "\"quoted\" 'single'",    "&quot;quoted&quot; &#39;single&#39;" },
    { "&amp;",                  "&amp;amp;" },
    { "x\"",                    "x&quot;" },
};

START_TEST(html_escapes_the_five_specials)
{
    struct buf b = { 0 };
    buf_puts(&b, ">");
    ck_assert_int_eq(buf_html(&b, html_cases[_i].in), 0);
    ck_assert_str_eq(b.p + 1, html_cases[_i].want);
    buf_free(&b);
}
END_TEST

static const struct { const char *in, *want; } url_cases[] = {
    { "",                "" },
    { "AZaz09-_.",       "AZaz09-_." },
    { "a b&c=d/e?f~",    "a%20b%26c%3Dd%2Fe%3Ff%7E" },
    { "增员",            "%E5%A2%9E%E5%91%98" },
    { "%+",              "%25%2B" },
};

START_TEST(url_encodes_all_but_unreserved)
{
    struct buf b = { 0 };
    buf_puts(&b, ">");
    ck_assert_int_eq(buf_url(&b, url_cases[_i].in), 0);
    ck_assert_str_eq(b.p + 1, url_cases[_i].want);
    buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("buf");
    TCase *tc = tcase_create("buf");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, zeroed_buffer_is_empty_and_free_rezeroes);
    tcase_add_test(tc, append_grows_and_stays_nul_terminated);
    tcase_add_test(tc, impossible_append_fails_and_keeps_content);
    tcase_add_test(tc, reset_keeps_memory);
    tcase_add_test(tc, printf_short_and_long);
    tcase_add_loop_test(tc, html_escapes_the_five_specials, 0,
                        (int)(sizeof html_cases / sizeof html_cases[0]));
    tcase_add_loop_test(tc, url_encodes_all_but_unreserved, 0,
                        (int)(sizeof url_cases / sizeof url_cases[0]));
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
