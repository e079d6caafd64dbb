/* Unit tests for lib/base/xlsx.c: the workbook reader behind .xlsx uploads
 * (spec §9 "Excel both ways"), on workbooks made by libxlsxwriter and zips
 * made by hand with libzip (what other programs write, and hostile files). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "base/buf.h"
#include "base/xlsx.h"
#include "unit.h"

/* ---- making workbooks ---- */

struct entry { const char *name; const char *data; size_t len; };

/* A zip of entries[0..n) (deflated), malloc'ed into *out. */
static size_t make_zip(const struct entry *e, size_t n, char **out)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    zip_int64_t size;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    ck_assert_ptr_nonnull(src);
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    ck_assert_ptr_nonnull(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, e[i].data, e[i].len ? e[i].len : strlen(e[i].data), 0);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_ge(zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8), 0);
    }
    ck_assert_int_eq(zip_close(za), 0);
    ck_assert_int_eq(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    *out = malloc((size_t)size + 1);
    ck_assert_int_eq(zip_source_read(src, *out, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return (size_t)size;
}

#define WB "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
    "<sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"二\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>"
#define RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
    "<Relationship Id=\"rId8\" Type=\"x\" Target=\"worksheets/other.xml\"/>" \
    "<Relationship Id=\"rId7\" Type=\"x\" Target=\"worksheets/data.xml\"/></Relationships>"
#define SHEET(rows) "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" rows "</sheetData></worksheet>"

/* A hand-made workbook: workbook.xml, its rels, sharedStrings (sst, may be
 * NULL) and the first sheet at xl/worksheets/data.xml. */
static size_t hand_made(const char *sst, const char *sheet, char **out)
{
    struct entry e[5] = {
        {"xl/workbook.xml", WB, 0}, {"xl/_rels/workbook.xml.rels", RELS, 0},
        {"xl/worksheets/data.xml", sheet, 0},
        {"xl/worksheets/other.xml", SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row>"), 0},
        {"xl/sharedStrings.xml", sst, 0}};
    return make_zip(e, sst ? 5 : 4, out);
}

/* A workbook written by libxlsxwriter: the enrolment template's header and
 * rows of (ID as text or number, name, wage number, phone text). */
static size_t by_libxlsxwriter(int id_as_number, char **out)
{
    char path[] = "/tmp/test_xlsx-XXXXXX";
    int fd = mkstemp(path);
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *text;
    FILE *f;
    long size;

    ck_assert_int_ge(fd, 0);
    close(fd);
    wb = workbook_new(path);
    ws = workbook_add_worksheet(wb, "批量增员");
    text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    worksheet_write_string(ws, 0, 0, "证件号码", NULL);
    worksheet_write_string(ws, 0, 1, "姓名", NULL);
    worksheet_write_string(ws, 0, 2, "月申报工资", NULL);
    worksheet_write_string(ws, 0, 3, "联系电话", NULL);
    if (id_as_number)
        worksheet_write_number(ws, 1, 0, 320501199001011000.0, NULL);
    else
        worksheet_write_string(ws, 1, 0, "320501199001011000", text);
    worksheet_write_string(ws, 1, 1, " 张三 ", NULL);
    worksheet_write_number(ws, 1, 2, 6000.5, NULL);
    worksheet_write_string(ws, 1, 3, "13800138000", text);
    worksheet_write_blank(ws, 2, 0, text);           /* formatted, empty: no row */
    worksheet_write_string(ws, 3, 1, "李四", NULL);   /* a row with a gap */
    worksheet_write_number(ws, 3, 2, 5000, NULL);
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
    f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    *out = malloc((size_t)size);
    ck_assert_uint_eq(fread(*out, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    unlink(path);
    return (size_t)size;
}

/* "line:cell|cell#numericbits\n..." */
static char *describe(const struct csv_doc *d)
{
    struct buf b = {0};

    buf_puts(&b, "");
    for (size_t i = 0; i < d->nrows; i++) {
        buf_printf(&b, "%zu:", d->row[i].line);
        for (size_t j = 0; j < d->row[i].n; j++)
            buf_printf(&b, "%s%s", j ? "|" : "", d->row[i].cell[j]);
        if (d->row[i].numeric)
            buf_printf(&b, "#%llx", d->row[i].numeric);
        buf_putc(&b, '\n');
    }
    return b.p;
}

static void expect(const char *data, size_t len, const struct csv_limits *lim, enum xlsx_err err,
                   size_t err_line, const char *want)
{
    struct csv_doc d;
    size_t line = 99;
    enum xlsx_err got = xlsx_parse(data, len, lim, &d, &line);

    ck_assert_int_eq(got, err);
    if (err != XLSX_OK) {
        ck_assert_uint_eq(line, err_line);
        ck_assert_uint_eq(d.nrows, 0);
        return;
    }
    char *s = describe(&d);
    ck_assert_str_eq(s, want);
    free(s);
    csv_doc_free(&d);
}

/* ---- what the reader reads ---- */

START_TEST(reads_libxlsxwriter_text_ids_numbers_and_gaps)
{
    char *z;
    size_t n = by_libxlsxwriter(0, &z);
    ck_assert_int_eq(xlsx_sniff(z, n), XLSX_KIND_ZIP);
    expect(z, n, NULL, XLSX_OK, 0,
           "1:证件号码|姓名|月申报工资|联系电话\n"
           "2:320501199001011000|张三|6000.5|13800138000#4\n"
           "4:|李四|5000#4\n");
    free(z);
}
END_TEST

START_TEST(id_stored_as_number_is_marked_numeric)
{
    char *z;
    size_t n = by_libxlsxwriter(1, &z);
    expect(z, n, NULL, XLSX_OK, 0,
           "1:证件号码|姓名|月申报工资|联系电话\n"
           "2:3.20501199001011e+17|张三|6000.5|13800138000#5\n"
           "4:|李四|5000#4\n");
    free(z);
}
END_TEST

START_TEST(reads_inline_strings_out_of_order_cells_rich_text_and_phonetics)
{
    char *z;
    size_t n = hand_made(
        "<sst><si><t>证件号码</t></si><si><r><t>姓</t></r><r><t>名</t></r><rPh><t>せい</t></rPh></si>"
        "<si><t xml:space=\"preserve\">  王五 </t></si></sst>",
        SHEET("<row r=\"3\"><c r=\"C3\"><v>7000.00</v></c><c r=\"A3\" t=\"inlineStr\"><is><t>11010519491231002X</t></is></c>"
              "<c r=\"B3\" t=\"s\"><v>2</v></c></row>"
              "<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"str\"><v>月申报工资</v></c></row>"
              "<row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"B2\" t=\"inlineStr\"><is><t>　</t></is></c></row>"
              "<row r=\"5\"><c r=\"B5\" t=\"b\"><v>1</v></c><c r=\"B5\" t=\"e\"><v>#N/A</v></c></row>"), &z);
    expect(z, n, NULL, XLSX_OK, 0,
           "1:证件号码|姓名|月申报工资\n"
           "3:11010519491231002X|王五|7000#4\n"
           "5:|#N/A\n");
    free(z);
}
END_TEST

START_TEST(first_sheet_by_relationship_else_sheet1)
{
    struct entry e[1] = {{"xl/worksheets/sheet1.xml",
                          SHEET("<row><c t=\"inlineStr\"><is><t>only</t></is></c></row>"), 0}};
    char *z;
    size_t n = make_zip(e, 1, &z);
    expect(z, n, NULL, XLSX_OK, 0, "1:only\n");
    free(z);
}
END_TEST

/* ---- hostile and broken workbooks: refused, nothing returned ---- */

START_TEST(not_a_zip_refused)
{
    static const char junk[] = "PK\3\4 this is not really a zip file at all";
    expect(junk, sizeof junk - 1, NULL, XLSX_ENOTZIP, 0, NULL);
    expect("证件号码,姓名\n", strlen("证件号码,姓名\n"), NULL, XLSX_ENOTZIP, 0, NULL);
    ck_assert_int_eq(xlsx_sniff("a,b", 3), XLSX_KIND_OTHER);
}
END_TEST

START_TEST(zip_without_worksheet_refused)
{
    struct entry e[1] = {{"readme.txt", "hello", 0}};
    char *z;
    size_t n = make_zip(e, 1, &z);
    expect(z, n, NULL, XLSX_ENOSHEET, 0, NULL);
    free(z);
}
END_TEST

START_TEST(ole_file_told_xls_from_encrypted)
{
    char ole[512] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    ck_assert_int_eq(xlsx_sniff(ole, sizeof ole), XLSX_KIND_OLE);
    ck_assert_int_eq(xlsx_ole_encrypted(ole, sizeof ole), 0);
    memcpy(ole + 100, "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28);
    ck_assert_int_eq(xlsx_ole_encrypted(ole, sizeof ole), 1);
    expect(ole, sizeof ole, NULL, XLSX_ENOTZIP, 0, NULL);
}
END_TEST

START_TEST(entity_declarations_refused)
{
    char *z;
    size_t n = hand_made(NULL,
        "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>", &z);
    expect(z, n, NULL, XLSX_EXML, 0, NULL);
    free(z);
}
END_TEST

START_TEST(malformed_xml_refused)
{
    char *z;
    size_t n = hand_made(NULL, SHEET("<row><c><v>1</v></row>"), &z);
    expect(z, n, NULL, XLSX_EXML, 0, NULL);
    free(z);
}
END_TEST

START_TEST(shared_string_index_out_of_range_refused)
{
    char *z;
    size_t n = hand_made("<sst><si><t>a</t></si></sst>",
                         SHEET("<row r=\"1\"><c t=\"s\"><v>0</v></c></row><row r=\"4\"><c t=\"s\"><v>1</v></c></row>"), &z);
    expect(z, n, NULL, XLSX_ESST, 4, NULL);
    free(z);
    n = hand_made(NULL, SHEET("<row r=\"2\"><c t=\"s\"><v>0</v></c></row>"), &z);
    expect(z, n, NULL, XLSX_ESST, 2, NULL);
    free(z);
}
END_TEST

START_TEST(zip_bomb_entry_past_64mb_refused)
{
    size_t big = XLSX_MAX_INFLATED + 1;
    char *zeros = calloc(big, 1), *z;
    struct entry e[2] = {{"xl/worksheets/sheet1.xml", SHEET(""), 0}, {"xl/media/pad.bin", zeros, big}};
    size_t n = make_zip(e, 2, &z);
    ck_assert_uint_lt(n, 1u << 20);     /* it is small as a file */
    expect(z, n, NULL, XLSX_EBOMB, 0, NULL);
    free(z);
    free(zeros);
}
END_TEST

START_TEST(zip_with_more_than_10000_entries_refused)
{
    struct entry *e = calloc(XLSX_MAX_ENTRIES + 1, sizeof *e);
    char (*names)[32] = calloc(XLSX_MAX_ENTRIES + 1, sizeof *names);
    char *z;
    size_t n;

    for (size_t i = 0; i <= XLSX_MAX_ENTRIES; i++) {
        snprintf(names[i], sizeof names[i], "x/%zu", i);
        e[i] = (struct entry){names[i], "x", 1};
    }
    e[0].name = "xl/worksheets/sheet1.xml";
    e[0].data = SHEET("");
    e[0].len = 0;
    n = make_zip(e, XLSX_MAX_ENTRIES + 1, &z);
    expect(z, n, NULL, XLSX_EBOMB, 0, NULL);
    free(z);
    free(e);
    free(names);
}
END_TEST

START_TEST(too_many_rows_cols_and_long_cells_refused)
{
    static const struct csv_limits lim = {3, 4, 10};
    char *z;
    size_t n = hand_made(NULL, SHEET("<row><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
                                     "<row><c><v>1</v></c></row><row><c><v>2</v></c></row>"
                                     "<row><c><v>3</v></c></row>"), &z);
    expect(z, n, &lim, XLSX_ETOOMANYROWS, 4, NULL);
    free(z);
    n = hand_made(NULL, SHEET("<row><c><v>1</v></c></row><row r=\"2\"><c r=\"E2\"><v>2</v></c></row>"), &z);
    expect(z, n, &lim, XLSX_ETOOMANYCOLS, 2, NULL);
    free(z);
    n = hand_made(NULL, SHEET("<row r=\"7\"><c t=\"inlineStr\"><is><t>12345678901</t></is></c></row>"), &z);
    expect(z, n, &lim, XLSX_ECELL, 7, NULL);
    free(z);
}
END_TEST

START_TEST(encrypted_zip_entries_refused)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    zip_int64_t size, idx;
    char *z;
    static const char sheet[] = SHEET("<row><c><v>1</v></c></row>");

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    idx = zip_file_add(za, "xl/worksheets/sheet1.xml",
                       zip_source_buffer(za, sheet, sizeof sheet - 1, 0), 0);
    ck_assert_int_ge(idx, 0);
    if (zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "secret") != 0) {
        /* this libzip cannot encrypt: nothing to test with */
        zip_discard(za);
        zip_source_free(src);
        return;
    }
    ck_assert_int_eq(zip_close(za), 0);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    z = malloc((size_t)size);
    zip_source_read(src, z, (zip_uint64_t)size);
    zip_source_close(src);
    zip_source_free(src);
    expect(z, (size_t)size, NULL, XLSX_EENCRYPTED, 0, NULL);
    free(z);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xlsx");
    TCase *tc = tcase_create("reader");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, reads_libxlsxwriter_text_ids_numbers_and_gaps);
    tcase_add_test(tc, id_stored_as_number_is_marked_numeric);
    tcase_add_test(tc, reads_inline_strings_out_of_order_cells_rich_text_and_phonetics);
    tcase_add_test(tc, first_sheet_by_relationship_else_sheet1);
    tcase_add_test(tc, not_a_zip_refused);
    tcase_add_test(tc, zip_without_worksheet_refused);
    tcase_add_test(tc, ole_file_told_xls_from_encrypted);
    tcase_add_test(tc, entity_declarations_refused);
    tcase_add_test(tc, malformed_xml_refused);
    tcase_add_test(tc, shared_string_index_out_of_range_refused);
    tcase_add_test(tc, zip_bomb_entry_past_64mb_refused);
    tcase_add_test(tc, zip_with_more_than_10000_entries_refused);
    tcase_add_test(tc, too_many_rows_cols_and_long_cells_refused);
    tcase_add_test(tc, encrypted_zip_entries_refused);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
