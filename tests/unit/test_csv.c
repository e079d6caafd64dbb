/* Unit tests for lib/base/csv.c: writer, tolerant reader, round trips, speed. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"

#define N_ELEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define BIN(s) s, sizeof(s) - 1

/* GBK bytes */
#define GBK_ID_NO  "\xd6\xa4\xbc\xfe\xba\xc5\xc2\xeb"   /* 证件号码 */
#define GBK_NAME   "\xd0\xd5\xc3\xfb"                   /* 姓名 */
#define GBK_ZHANG  "\xd5\xc5\xc8\xfd"                   /* 张三 */
#define IDEO_SPACE "\xe3\x80\x80"                       /* U+3000 */

static const struct csv_limits lim = { 5, 4, 20 };

/* "line:cell|cell\n..." */
static char *describe(const struct csv_doc *d)
{
    struct buf b = { 0 };
    size_t i, j;

    buf_puts(&b, "");
    for (i = 0; i < d->nrows; i++) {
        buf_printf(&b, "%zu:", d->row[i].line);
        ck_assert_uint_gt(d->row[i].n, 0);
        for (j = 0; j < d->row[i].n; j++)
            buf_printf(&b, "%s%s", j ? "|" : "", d->row[i].cell[j]);
        buf_putc(&b, '\n');
    }
    return b.p;
}

/* ---------------------------------------------------------------- reader */

static const struct {
    const char *name, *in;
    size_t len;
    enum csv_err err;
    size_t err_line;
    const char *want;
    int gb;
} rd_cases[] = {
    { "lf_lines", BIN("a,b\nc,d\n"), CSV_OK, 0, "1:a|b\n2:c|d\n", 0 },
    { "crlf_lines", BIN("a,b\r\nc,d\r\n"), CSV_OK, 0, "1:a|b\n2:c|d\n", 0 },
    { "lone_cr_lines", BIN("a,b\rc,d"), CSV_OK, 0, "1:a|b\n2:c|d\n", 0 },
    { "no_final_newline", BIN("a\nb"), CSV_OK, 0, "1:a\n2:b\n", 0 },
    { "utf8_bom_skipped", BIN("\xef\xbb\xbf证件号码,姓名\r\n320,张三\r\n"), CSV_OK, 0,
      "1:证件号码|姓名\n2:320|张三\n", 0 },
    { "utf8_without_bom", BIN("证件号码,姓名\n"), CSV_OK, 0, "1:证件号码|姓名\n", 0 },
    { "gbk_decoded", BIN(GBK_ID_NO "," GBK_NAME "\r\n320," GBK_ZHANG "\r\n"), CSV_OK, 0,
      "1:证件号码|姓名\n2:320|张三\n", 1 },
    { "gbk_with_spaces_and_trailing_commas", BIN(" " GBK_NAME " ,,\r\n"), CSV_OK, 0, "1:姓名\n", 1 },
    { "trailing_blank_lines_skipped", BIN("a\r\n\r\n\r\n\n"), CSV_OK, 0, "1:a\n", 0 },
    { "leading_and_middle_blank_lines_skipped", BIN("\n\na\n\nb\n"), CSV_OK, 0, "3:a\n5:b\n", 0 },
    { "comma_only_lines_skipped", BIN("a\n,,,\n , ,\nb\n"), CSV_OK, 0, "1:a\n4:b\n", 0 },
    { "whitespace_only_line_skipped", BIN("a\n \t \nb"), CSV_OK, 0, "1:a\n3:b\n", 0 },
    { "spaces_around_cells_trimmed", BIN(" a , b\t,\tc \n"), CSV_OK, 0, "1:a|b|c\n", 0 },
    { "inner_spaces_kept", BIN("a b , c  d\n"), CSV_OK, 0, "1:a b|c  d\n", 0 },
    { "ideographic_space_trimmed", BIN(IDEO_SPACE "张三" IDEO_SPACE ",x\n"), CSV_OK, 0,
      "1:张三|x\n", 0 },
    { "trailing_empty_columns_dropped", BIN("a,b,,,\r\nc,,,,,,,,,,,,,,,,\r\n"), CSV_OK, 0,
      "1:a|b\n2:c\n", 0 },
    { "middle_empty_cells_kept", BIN("a,,b\n,x\n"), CSV_OK, 0, "1:a||b\n2:|x\n", 0 },
    { "quoted_comma_and_doubled_quote", BIN("\"a,b\",\"say \"\"hi\"\"\"\n"), CSV_OK, 0,
      "1:a,b|say \"hi\"\n", 0 },
    { "quoted_embedded_newline", BIN("\"x\r\ny\",z\r\nw\r\n"), CSV_OK, 0, "1:x\r\ny|z\n3:w\n", 0 },
    { "quoted_embedded_lf_counts_lines", BIN("\"1\n2\n3\"\nnext"), CSV_OK, 0, "1:1\n2\n3\n4:next\n", 0 },
    { "spaces_around_quoted_cell", BIN("  \"a\"  , b\n"), CSV_OK, 0, "1:a|b\n", 0 },
    { "spaces_inside_quotes_kept", BIN("\" a \",x\n"), CSV_OK, 0, "1: a |x\n", 0 },
    { "quoted_empty_cells_are_empty", BIN("\"\",\"\"\nx\n"), CSV_OK, 0, "2:x\n", 0 },
    { "quote_inside_unquoted_cell_literal", BIN("ab\"c\"d,e\n"), CSV_OK, 0, "1:ab\"c\"d|e\n", 0 },
    { "text_after_closing_quote_appended", BIN("\"ab\"c,d\n"), CSV_OK, 0, "1:abc|d\n", 0 },
    { "nested_quotes_doubled", BIN("\"\"\"\"\"\"\n"), CSV_OK, 0, "1:\"\"\n", 0 },
    { "excel_text_unquoted_unwrapped", BIN("=\"320501199001011234\",x\n"), CSV_OK, 0,
      "1:320501199001011234|x\n", 0 },
    { "excel_text_rfc_quoted_unwrapped", BIN("\"=\"\"320501199001011234\"\"\"\n"), CSV_OK, 0,
      "1:320501199001011234\n", 0 },
    { "excel_text_inner_spaces_trimmed", BIN("=\" 3205 \"\n"), CSV_OK, 0, "1:3205\n", 0 },
    { "excel_text_inner_doubled_quote", BIN("\"=\"\"a\"\"\"\"b\"\"\"\n"), CSV_OK, 0, "1:a\"b\n", 0 },
    { "excel_text_empty_is_empty", BIN("x,=\"\"\n"), CSV_OK, 0, "1:x\n", 0 },
    { "excel_formula_left_alone", BIN("=\"a\"&\"b\"\n"), CSV_OK, 0, "1:=\"a\"&\"b\"\n", 0 },
    { "plain_formula_left_alone", BIN("=1+2\n"), CSV_OK, 0, "1:=1+2\n", 0 },
    { "mangled_id_kept_for_the_caller", BIN("3.20501E+17\n"), CSV_OK, 0, "1:3.20501E+17\n", 0 },
    { "empty_input", BIN(""), CSV_OK, 0, "", 0 },
    { "only_bom", BIN("\xef\xbb\xbf"), CSV_OK, 0, "", 0 },
    { "only_blank_lines", BIN("\r\n\r\n,\r\n"), CSV_OK, 0, "", 0 },
    { "max_rows_ok", BIN("1\n2\n3\n4\n5\n\n\n"), CSV_OK, 0, "1:1\n2:2\n3:3\n4:4\n5:5\n", 0 },
    { "max_cols_ok_with_trailing_empties", BIN("a,b,c,d,,,,,,\n"), CSV_OK, 0, "1:a|b|c|d\n", 0 },
    { "cell_at_limit_ok", BIN("01234567890123456789   \n"), CSV_OK, 0, "1:01234567890123456789\n", 0 },

    { "nul_byte_is_binary", BIN("a\nb\0c\n"), CSV_EENCODING, 2, "", 0 },
    { "nul_after_bom", BIN("\xef\xbb\xbf\0"), CSV_EENCODING, 1, "", 0 },
    { "neither_utf8_nor_gb18030", BIN("ok\n\xff\xfe\xfd\n"), CSV_EENCODING, 2, "", 0 },
    { "truncated_gbk_sequence", BIN(GBK_NAME "\n\xd6"), CSV_EENCODING, 2, "", 0 },
    { "unterminated_quote", BIN("a\n\"bc\nd\n"), CSV_EQUOTE, 2, "", 0 },
    { "unterminated_quote_after_doubled", BIN("\"a\"\""), CSV_EQUOTE, 1, "", 0 },
    { "too_many_rows", BIN("1\n2\n3\n4\n5\n\n6\n"), CSV_ETOOMANYROWS, 7, "", 0 },
    { "too_many_cols", BIN("h\na,b,c,d,e\n"), CSV_ETOOMANYCOLS, 2, "", 0 },
    { "too_many_cols_through_empties", BIN("a,,,,,,,,b\n"), CSV_ETOOMANYCOLS, 1, "", 0 },
    { "cell_too_long", BIN("x\n012345678901234567890\n"), CSV_ECELL, 2, "", 0 },
    { "quoted_cell_too_long", BIN("\"012345678901234567890\"\n"), CSV_ECELL, 1, "", 0 },
};

START_TEST(reader)
{
    struct csv_doc d;
    size_t line = 99;
    enum csv_err e;
    char *got;

    memset(&d, 0x5A, sizeof d);   /* out need not be initialised */
    e = csv_parse(rd_cases[_i].in, rd_cases[_i].len, &lim, &d, &line);
    got = describe(&d);
    ck_assert_msg(e == rd_cases[_i].err, "%s: err %d, want %d", rd_cases[_i].name, e,
                  rd_cases[_i].err);
    ck_assert_msg(strcmp(got, rd_cases[_i].want) == 0, "%s: got \"%s\"", rd_cases[_i].name, got);
    ck_assert_msg(line == rd_cases[_i].err_line, "%s: err_line %zu, want %zu",
                  rd_cases[_i].name, line, rd_cases[_i].err_line);
    ck_assert_msg(d.was_gb18030 == rd_cases[_i].gb, "%s: was_gb18030", rd_cases[_i].name);
    free(got);
    csv_doc_free(&d);
    ck_assert_ptr_null(d.row);
    csv_doc_free(&d);
}
END_TEST

START_TEST(reader_huge_field_count_rejected)
{
    size_t n = 1000000;
    char *s = malloc(n + 2);
    struct csv_doc d;
    size_t line;
    memset(s, ',', n);
    s[n] = 'x';
    ck_assert_int_eq(csv_parse(s, n + 1, &lim, &d, &line), CSV_ETOOMANYCOLS);
    ck_assert_uint_eq(line, 1);
    /* a million trailing commas are dropped, not stored */
    s[0] = 'x';
    ck_assert_int_eq(csv_parse(s, n, &lim, &d, NULL), CSV_OK);
    ck_assert_uint_eq(d.nrows, 1);
    ck_assert_uint_eq(d.row[0].n, 1);
    csv_doc_free(&d);
    free(s);
}
END_TEST

START_TEST(reader_null_limits_and_null_data)
{
    struct csv_doc d;
    ck_assert_int_eq(csv_parse(NULL, 0, NULL, &d, NULL), CSV_OK);
    ck_assert_uint_eq(d.nrows, 0);
    csv_doc_free(&d);
    csv_doc_free(NULL);
}
END_TEST

START_TEST(reader_gb18030_bom_and_four_byte)
{
    /* GB18030 BOM, then 𠀀 (U+20000, 95 32 82 36) */
    static const char in[] = "\x84\x31\x95\x33" GBK_NAME ",\x95\x32\x82\x36\n";
    struct csv_doc d;
    ck_assert_int_eq(csv_parse(in, sizeof in - 1, &lim, &d, NULL), CSV_OK);
    ck_assert_int_eq(d.was_gb18030, 1);
    ck_assert_uint_eq(d.nrows, 1);
    ck_assert_str_eq(d.row[0].cell[0], "姓名");
    ck_assert_str_eq(d.row[0].cell[1], "\xf0\xa0\x80\x80");
    csv_doc_free(&d);
}
END_TEST

/* ---------------------------------------------------------------- writer */

#define T "\x01"   /* marks a cell written with csv_put_text */
#define EOR "\x02" /* marks the end of a row */

static const struct {
    const char *name;
    const char *cells[8];
    const char *want;
} wr_cases[] = {
    { "simple_row", { "a", "b", EOR }, "a,b\r\n" },
    { "two_rows_no_leading_comma", { "a", EOR, "b", "c", EOR }, "a\r\nb,c\r\n" },
    { "comma_quoted", { "a,b", EOR }, "\"a,b\"\r\n" },
    { "quote_doubled", { "say \"hi\"", EOR }, "\"say \"\"hi\"\"\"\r\n" },
    { "newline_quoted", { "l1\nl2", "x\r", EOR }, "\"l1\nl2\",\"x\r\"\r\n" },
    { "leading_trailing_space_quoted", { " a", "b ", "c d", EOR }, "\" a\",\"b \",c d\r\n" },
    { "chinese_unquoted", { "张三", EOR }, "张三\r\n" },
    { "empty_first_cell_quoted", { "", "", "x", EOR }, "\"\",,x\r\n" },
    { "formula_equals_guarded", { "=1+2", EOR }, "'=1+2\r\n" },
    { "formula_plus_guarded", { "+cmd|' /C calc'!A0", EOR }, "'+cmd|' /C calc'!A0\r\n" },
    { "formula_minus_guarded", { "-2+3", EOR }, "'-2+3\r\n" },
    { "formula_at_guarded", { "@SUM(A1)", EOR }, "'@SUM(A1)\r\n" },
    { "formula_tab_guarded_and_quoted", { "\tx", EOR }, "\"'\tx\"\r\n" },
    { "formula_cr_guarded_and_quoted", { "\rx", EOR }, "\"'\rx\"\r\n" },
    { "formula_with_comma_guarded_and_quoted", { "=HYPERLINK(\"x\",1)", EOR },
      "\"'=HYPERLINK(\"\"x\"\",1)\"\r\n" },
    { "negative_number_not_guarded", { "-12.50", "+3", "-0", EOR }, "-12.50,+3,-0\r\n" },
    { "non_numbers_guarded", { "-", "-1e5", "-1.", EOR }, "'-,'-1e5,'-1.\r\n" },
    { "text_cell_excel_form", { T "320501199001011234", T "", EOR },
      "=\"320501199001011234\",=\"\"\r\n" },
    { "text_cell_after_cell", { "x", T "007", EOR }, "x,=\"007\"\r\n" },
    { "text_cell_with_comma_rfc_quoted", { T "a,b", EOR }, "\"=\"\"a,b\"\"\"\r\n" },
    { "text_cell_with_quote", { T "a\"b", EOR }, "\"=\"\"a\"\"\"\"b\"\"\"\r\n" },
};

static void write_cells(struct buf *b, const char *const *cells, size_t n)
{
    size_t i;
    for (i = 0; i < n && cells[i]; i++) {
        if (strcmp(cells[i], EOR) == 0)
            ck_assert_int_eq(csv_end_row(b), 0);
        else if (cells[i][0] == T[0])
            ck_assert_int_eq(csv_put_text(b, cells[i] + 1), 0);
        else
            ck_assert_int_eq(csv_put(b, cells[i]), 0);
    }
}

START_TEST(writer)
{
    struct buf b = { 0 };
    ck_assert_int_eq(csv_begin(&b), 0);
    write_cells(&b, wr_cases[_i].cells, 8);
    ck_assert_int_eq(memcmp(b.p, "\xef\xbb\xbf", 3), 0);
    ck_assert_msg(strcmp(b.p + 3, wr_cases[_i].want) == 0, "%s: got \"%s\"", wr_cases[_i].name,
                  b.p + 3);
    buf_free(&b);
}
END_TEST

START_TEST(writer_without_bom_first_cell)
{
    struct buf b = { 0 };
    csv_put(&b, "a");
    csv_put_text(&b, "1");
    csv_end_row(&b);
    ck_assert_str_eq(b.p, "a,=\"1\"\r\n");
    buf_free(&b);
}
END_TEST

START_TEST(writer_begin_with_header)
{
    static const char *const head[] = {"序号", "", "=x"};
    struct buf b = { 0 };
    ck_assert_int_eq(csv_begin_with_header(&b, head, 3), 0);
    ck_assert_str_eq(b.p, "\xef\xbb\xbf序号,,'=x\r\n");
    buf_free(&b);
}
END_TEST

/* ------------------------------------------------------------ round trips */

static const struct {
    const char *name;
    const char *cells[6];     /* one row; T marks csv_put_text */
    const char *read[6];      /* what the reader gives back */
} rt_cases[] = {
    { "plain", { "a", "b" }, { "a", "b" } },
    { "chinese", { "证件号码", "姓名" }, { "证件号码", "姓名" } },
    { "id_as_text", { T "320501199001011234", "张三" }, { "320501199001011234", "张三" } },
    { "id_leading_zeros_as_text", { T "007", "x" }, { "007", "x" } },
    { "hostile_text_cell", { T "a\",\"b", "x" }, { "a\",\"b", "x" } },
    { "comma_quote_newline", { "a,b", "q\"q", "l1\r\nl2" }, { "a,b", "q\"q", "l1\r\nl2" } },
    { "padded_spaces_survive", { " a ", "x" }, { " a ", "x" } },
    { "formula_read_back_with_guard", { "=1+2", "@x" }, { "'=1+2", "'@x" } },
    { "empty_middle_cells", { "a", "", "", "b" }, { "a", "", "", "b" } },
    { "empty_first_cell", { "", "b" }, { "", "b" } },
    { "money", { "-12.50", "1300048.92" }, { "-12.50", "1300048.92" } },
};

START_TEST(roundtrip)
{
    static const struct csv_limits big = { 10, 10, 100 };
    struct buf b = { 0 };
    struct csv_doc d;
    size_t i, n = 0;

    csv_begin(&b);
    write_cells(&b, (const char *const[]){ "h1", "h2", EOR }, 3);
    write_cells(&b, rt_cases[_i].cells, 6);
    csv_end_row(&b);
    ck_assert_int_eq(csv_parse(b.p, b.len, &big, &d, NULL), CSV_OK);
    ck_assert_uint_eq(d.nrows, 2);
    while (n < 6 && rt_cases[_i].read[n])
        n++;
    ck_assert_msg(d.row[1].n == n, "%s: %zu cells", rt_cases[_i].name, d.row[1].n);
    for (i = 0; i < n; i++)
        ck_assert_msg(strcmp(d.row[1].cell[i], rt_cases[_i].read[i]) == 0, "%s: cell %zu \"%s\"",
                      rt_cases[_i].name, i, d.row[1].cell[i]);
    ck_assert_uint_eq(d.row[1].line, 2);
    csv_doc_free(&d);
    buf_free(&b);
}
END_TEST

/* ------------------------------------------------ a full-size batch file */

static void big_file(struct buf *b, int gbk)
{
    int i;
    if (gbk)
        buf_puts(b, GBK_ID_NO "," GBK_NAME ",wage,phone\r\n");
    else
        buf_puts(b, "\xef\xbb\xbf证件号码,姓名,月申报工资,联系电话\r\n");
    for (i = 0; i < 20000; i++)
        buf_printf(b, "%s3205011990%02d%02d%04d,%s,%d.50,139%08d%s\r\n",
                   i % 3 ? "" : " ", i % 12 + 1, i % 28 + 1, i % 10000,
                   gbk ? GBK_ZHANG : (i % 2 ? "张三丰" : "\"李,四\""),
                   3000 + i, i, i % 5 ? "" : ",,");
}

START_TEST(twenty_thousand_rows_parse_whole)
{
    /* correctness at the size limit; its speed is measured by `make bench`, not here */
    static const struct csv_limits biglim = { 20001, 64, 1024 };
    struct buf b = { 0 };
    struct csv_doc d;

    big_file(&b, _i);
    ck_assert_int_eq(csv_parse(b.p, b.len, &biglim, &d, NULL), CSV_OK);
    ck_assert_uint_eq(d.nrows, 20001);
    ck_assert_uint_eq(d.row[20000].n, 4);
    ck_assert_uint_eq(d.row[20000].line, 20001);
    ck_assert_int_eq(d.was_gb18030, _i);
    csv_doc_free(&d);
    buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *tc;
    SRunner *sr;
    int failed;

    tc = tcase_create("reader");
    tcase_add_loop_test(tc, reader, 0, N_ELEMS(rd_cases));
    tcase_add_test(tc, reader_huge_field_count_rejected);
    tcase_add_test(tc, reader_null_limits_and_null_data);
    tcase_add_test(tc, reader_gb18030_bom_and_four_byte);
    suite_add_tcase(s, tc);

    tc = tcase_create("writer");
    tcase_add_loop_test(tc, writer, 0, N_ELEMS(wr_cases));
    tcase_add_test(tc, writer_without_bom_first_cell);
    tcase_add_test(tc, writer_begin_with_header);
    suite_add_tcase(s, tc);

    tc = tcase_create("roundtrip");
    tcase_add_loop_test(tc, roundtrip, 0, N_ELEMS(rt_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("speed");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, twenty_thousand_rows_parse_whole, 0, 2);
    suite_add_tcase(s, tc);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
