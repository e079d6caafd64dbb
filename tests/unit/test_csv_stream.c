/* Unit tests for the stream reader of lib/base/csv.c and the piecewise gunzip
 * of lib/base/gzip.c (an export's result served as .xlsx): a file fed in
 * pieces of 1..7 bytes, inflated into rooms of 1..7 bytes, reads row for row
 * as csv_parse reads it in one pass; rows straddle the pieces many times. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "base/buf.h"
#include "base/csv.h"
#include "base/gzip.h"

/* The awkward rows of a file: every rule of the reader that a boundary
 * could cut through (BOM, quotes, "" escapes, newlines and CRLF inside quotes,
 * ="…" IDs, ASCII and U+3000 spaces around cells, a quote inside unquoted text,
 * text after a closing quote, empty cells, a blank line, lone CR and LF line
 * ends, and a last row without a line end). */
static const char awkward[] =
    "\xEF\xBB\xBF证件号码,姓名,险种,缴费类型,缴费基数\r\n"
    "=\"320582199001011234\",\"张,三\",职工基本医疗保险,正常应缴,4494.00\r\n"
    "=\"32058219900101123X\",\"李\"\"四\"\"\",\"多行\r\n名字\n第三行\",补缴,-12.50\r\n"
    "  =\"  110101198001010011 \"  ,\xE3\x80\x80王五\xE3\x80\x80, ab\"c ,\"a\" \"b\",\r\n"
    "\r\n"
    ",,,,\r\n"
    "'=SUM(A1),\"\",,\"\"\"\",0.00\r"
    "lone,cr\n"
    "\"\"\"quoted start\",\xE3\x80\x80\"spaced quote\",x\r\n"
    "last,row,without,line,end";

/* The rows of a file as one string: line, cell count and cells of each. */
static void show_row(struct buf *out, const struct csv_row *row)
{
    ck_assert_int_eq(buf_printf(out, "[%zu:%zu]", row->line, row->n), 0);
    for (size_t c = 0; c < row->n; c++)
        ck_assert_int_eq(buf_printf(out, "<%s>", row->cell[c]), 0);
    ck_assert_int_eq(buf_putc(out, '\n'), 0);
}

static void one_pass(const char *text, size_t len, struct buf *out)
{
    struct csv_doc doc;
    struct csv_limits lim = {100000, 64, 1 << 20};

    ck_assert_int_eq(csv_parse(text, len, &lim, &doc, NULL), CSV_OK);
    for (size_t i = 0; i < doc.nrows; i++)
        show_row(out, &doc.row[i]);
    csv_doc_free(&doc);
}

static int collect(const struct csv_row *row, void *arg)
{
    show_row(arg, row);
    return 0;
}

static int to_csv(const char *data, size_t len, void *arg)
{
    return csv_stream_feed(arg, data, len);
}

/* A long file: the awkward rows and, after them, rows of every length up to
 * a few hundred bytes, some with quoted newlines. */
static void long_text(struct buf *t)
{
    ck_assert_int_eq(buf_append(t, awkward, sizeof awkward - 1), 0);
    ck_assert_int_eq(buf_puts(t, "\r\n"), 0);
    for (int i = 0; i < 400; i++) {
        ck_assert_int_eq(buf_printf(t, "=\"3205%014d\",", i * 7919), 0);
        if (i % 3 == 0)
            ck_assert_int_eq(buf_printf(t, "\"名,%d\r\n\"\"行\"\"\",", i), 0);
        else
            ck_assert_int_eq(buf_printf(t, "姓名%d,", i), 0);
        for (int k = 0; k < i % 37; k++)
            ck_assert_int_eq(buf_puts(t, "长"), 0);
        ck_assert_int_eq(buf_printf(t, ",%d.%02d\r\n", 4494 + i, i % 100), 0);
    }
}

/* The text fed straight to the stream reader: byte by byte, and cut in two at
 * every position; each time the rows are the one-pass rows. */
START_TEST(a_row_cut_anywhere_reads_as_in_one_pass)
{
    size_t len = sizeof awkward - 1;
    struct buf want = {0}, got = {0};

    one_pass(awkward, len, &want);
    ck_assert_ptr_nonnull(strstr(want.p, "<多行\r\n名字\n第三行>"));   /* the test sees the newlines */
    ck_assert_ptr_nonnull(strstr(want.p, "<李\"四\">"));
    for (size_t cut = 0; cut <= len; cut++) {
        struct csv_stream s;
        buf_reset(&got);
        csv_stream_begin(&s, NULL, collect, &got);
        if (cut == 0) {                         /* 0: byte by byte */
            for (size_t i = 0; i < len; i++)
                ck_assert_int_eq(csv_stream_feed(&s, awkward + i, 1), 0);
        } else {
            ck_assert_int_eq(csv_stream_feed(&s, awkward, cut), 0);
            ck_assert_int_eq(csv_stream_feed(&s, awkward + cut, len - cut), 0);
        }
        ck_assert_int_eq(csv_stream_finish(&s), 0);
        csv_stream_end(&s);
        ck_assert_msg(strcmp(got.p, want.p) == 0, "cut at %zu:\n%s\nwant\n%s", cut, got.p, want.p);
    }
    buf_free(&want);
    buf_free(&got);
}
END_TEST

/* The text gzipped, the stream fed in pieces of 1..7 bytes (in turn) and
 * inflated into rooms of _i + 1 bytes: the rows are the one-pass rows. */
START_TEST(a_gzip_stream_in_small_pieces_reads_as_in_one_pass)
{
    struct buf text = {0}, z = {0}, want = {0}, got = {0};
    struct gzip g;
    struct gunzip_stream u;
    struct csv_limits lim = {100000, 64, 1 << 20};
    struct csv_stream s;
    size_t at = 0, piece = 0;

    long_text(&text);
    one_pass(text.p, text.len, &want);
    ck_assert_int_eq(gzip_begin(&g), 0);
    ck_assert_int_eq(gzip_put(&g, text.p, text.len, 1, &z), 0);
    gzip_end(&g);
    ck_assert_int_eq(gunzip_stream_begin(&u, (size_t)_i + 1), 0);
    csv_stream_begin(&s, &lim, collect, &got);
    while (at < z.len) {
        size_t n = piece++ % 7 + 1;
        if (n > z.len - at)
            n = z.len - at;
        ck_assert_int_eq(gunzip_stream_feed(&u, z.p + at, n, to_csv, &s), 0);
        at += n;
    }
    ck_assert_int_eq(gunzip_stream_finish(&u), 0);
    ck_assert_int_eq(csv_stream_finish(&s), 0);
    ck_assert_msg(strcmp(got.p, want.p) == 0, "room %d: rows differ", _i + 1);
    ck_assert_int_eq((int)(strlen(want.p) > 20000), 1);
    csv_stream_end(&s);
    gunzip_stream_end(&u);
    buf_free(&text);
    buf_free(&z);
    buf_free(&want);
    buf_free(&got);
}
END_TEST

static int count(const struct csv_row *row, void *arg)
{
    (void)row;
    ++*(int *)arg;
    return 0;
}

/* An unterminated quote at the end is CSV_EQUOTE with its line; more rows than
 * max_rows is CSV_ETOOMANYROWS; a row longer than a row may be is CSV_ECELL. */
START_TEST(stream_errors_are_the_readers_errors)
{
    struct csv_limits lim = {3, 4, 8};
    struct csv_stream s;
    int n = 0;

    csv_stream_begin(&s, &lim, count, &n);
    ck_assert_int_eq(csv_stream_feed(&s, "a,b\r\nc,\"d\r\ne", 12), 0);
    ck_assert_int_eq(csv_stream_finish(&s), -1);
    ck_assert_int_eq(s.err, CSV_EQUOTE);
    ck_assert_uint_eq(s.err_line, 2);
    csv_stream_end(&s);

    csv_stream_begin(&s, &lim, count, &n);
    ck_assert_int_eq(csv_stream_feed(&s, "1\n2\n3\n4\n", 8), -1);
    ck_assert_int_eq(s.err, CSV_ETOOMANYROWS);
    ck_assert_uint_eq(s.err_line, 4);
    csv_stream_end(&s);

    csv_stream_begin(&s, &lim, count, &n);
    for (int i = 0; i < 200 && s.err == CSV_OK; i++)
        csv_stream_feed(&s, "\"xxxxxxxx", 9);
    ck_assert_int_eq(s.err, CSV_ECELL);
    csv_stream_end(&s);
}
END_TEST

/* A gzip stream cut short does not finish; bytes that are not gzip are refused. */
START_TEST(a_truncated_or_foreign_gzip_stream_is_refused)
{
    struct buf z = {0}, got = {0};
    struct gzip g;
    struct gunzip_stream u;
    struct csv_stream s;

    ck_assert_int_eq(gzip_begin(&g), 0);
    ck_assert_int_eq(gzip_put(&g, awkward, sizeof awkward - 1, 1, &z), 0);
    gzip_end(&g);
    ck_assert_int_eq(gunzip_stream_begin(&u, 5), 0);
    csv_stream_begin(&s, NULL, collect, &got);
    ck_assert_int_eq(gunzip_stream_feed(&u, z.p, z.len - 3, to_csv, &s), 0);
    ck_assert_int_eq(gunzip_stream_finish(&u), -1);
    gunzip_stream_end(&u);
    csv_stream_end(&s);

    ck_assert_int_eq(gunzip_stream_begin(&u, 0), 0);
    csv_stream_begin(&s, NULL, collect, &got);
    ck_assert_int_eq(gunzip_stream_feed(&u, awkward, sizeof awkward - 1, to_csv, &s), -1);
    gunzip_stream_end(&u);
    csv_stream_end(&s);
    buf_free(&z);
    buf_free(&got);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv_stream");
    TCase *tc = tcase_create("stream");

    tcase_add_test(tc, a_row_cut_anywhere_reads_as_in_one_pass);
    tcase_add_loop_test(tc, a_gzip_stream_in_small_pieces_reads_as_in_one_pass, 0, 7);
    tcase_add_test(tc, stream_errors_are_the_readers_errors);
    tcase_add_test(tc, a_truncated_or_foreign_gzip_stream_is_refused);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
