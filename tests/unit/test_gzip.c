/* Unit tests for lib/base/gzip.c: a stream written piece by piece reads back
 * whole and equal; what is not a whole gzip stream is refused. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "base/gzip.h"

/* A CSV-like text of n rows. */
static void text_of(struct buf *t, int n)
{
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(buf_printf(t, "=\"3205%014d\",姓名%d,职工基本医疗保险,正常应缴,%d.00\r\n",
                                    i * 7919, i, 4494 + i % 900), 0);
}

/* pieces: how many gzip_put calls the text is cut into (the last finishes). */
static const int pieces[] = {1, 2, 7, 64};

START_TEST(pieces_read_back_whole_and_equal)
{
    struct buf text = {0}, z = {0}, back = {0};
    struct gzip g;
    size_t step, off = 0;
    int k = pieces[_i];

    text_of(&text, 20000);
    step = text.len / (size_t)k + 1;
    ck_assert_int_eq(gzip_begin(&g), 0);
    for (int i = 0; i < k; i++) {
        size_t n = text.len - off < step ? text.len - off : step;
        ck_assert_int_eq(gzip_put(&g, text.p + off, n, i == k - 1, &z), 0);
        off += n;
    }
    gzip_end(&g);
    ck_assert_uint_eq(off, text.len);
    ck_assert_uint_lt(z.len, text.len / 3);   /* such text compresses well */
    ck_assert_int_eq((unsigned char)z.p[0], 0x1f);   /* the gzip magic */
    ck_assert_int_eq((unsigned char)z.p[1], 0x8b);
    ck_assert_int_eq(gunzip(z.p, z.len, &back), 0);
    ck_assert_uint_eq(back.len, text.len);
    ck_assert(memcmp(back.p, text.p, text.len) == 0);
    buf_free(&text);
    buf_free(&z);
    buf_free(&back);
}
END_TEST

START_TEST(an_empty_stream_is_valid)
{
    struct buf z = {0}, back = {0};
    struct gzip g;

    ck_assert_int_eq(gzip_begin(&g), 0);
    ck_assert_int_eq(gzip_put(&g, "", 0, 1, &z), 0);
    gzip_end(&g);
    gzip_end(&g);   /* twice: safe */
    ck_assert_int_eq(gunzip(z.p, z.len, &back), 0);
    ck_assert_uint_eq(back.len, 0);
    buf_free(&z);
    buf_free(&back);
}
END_TEST

START_TEST(truncated_or_foreign_data_is_refused)
{
    struct buf text = {0}, z = {0}, back = {0};
    struct gzip g;

    text_of(&text, 100);
    ck_assert_int_eq(gzip_begin(&g), 0);
    ck_assert_int_eq(gzip_put(&g, text.p, text.len, 1, &z), 0);
    gzip_end(&g);
    ck_assert_int_eq(gunzip(z.p, z.len - 5, &back), -1);   /* trailer cut off */
    buf_reset(&back);
    ck_assert_int_eq(gunzip(text.p, text.len, &back), -1);  /* plain text */
    ck_assert_int_eq(gzip_put(&g, "x", 1, 1, &z), -1);      /* a closed stream */
    buf_free(&text);
    buf_free(&z);
    buf_free(&back);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("gzip");
    TCase *tc = tcase_create("streams");

    loop(s, "pieces_read_back_whole_and_equal", pieces_read_back_whole_and_equal, N_(pieces));
    tcase_add_test(tc, an_empty_stream_is_valid);
    tcase_add_test(tc, truncated_or_foreign_data_is_refused);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
