/*
 * Integration: Excel both ways (spec §9, issue 12) over HTTP against the real
 * stack: the .xlsx templates (ID columns text for 2,000 rows, header frozen);
 * a template filled with libxlsxwriter the way a clerk would (IDs as text, a
 * valid ID ending in 000, one ID stored as a number) uploaded to 批量增员 and
 * the job's successes and failed row checked; failed.xlsx downloaded, fixed
 * and uploaded again; 工资年度申报 from a workbook and missing.xlsx; hostile
 * workbooks refused with their messages and no job; files told apart by
 * content, not name; and every format=xlsx download read back and compared
 * cell by cell with the page's CSV. Needs the worker running in the stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>
#include "support/batch.h"
#include "base/xlsx.h"
#include "rules/rules.h"
#include "web/sheet.h"

static char unit_a[40], unit_w[40];
static char id_ok[19], id_000[19], id_num[19], id_w1[19], id_w2[19];
static long job_enrol;       /* the round trip's first job */

/* A valid run-unique ID ending in 000 (the CSV path's column heuristic would
 * call a column of them suspect; a workbook's text cell is judged as text). */
static void id_ending_000(char out[19])
{
    /* the 17th digit 0 is a woman: born 1980-1999, well under 50 in 2022 */
    unsigned year = 1980 + (unsigned)(time(NULL) / 7 % 20);
    for (unsigned d = 1; d <= 28; d++)
        for (unsigned k = 0; k < 10; k++) {
            snprintf(out, 19, "3209%02u%04u03%02u%u00X", (unsigned)getpid() % 100u, year, d, k);
            out[17] = id_check_char(out);
            if (out[17] == '0')
                return;
        }
    ck_abort_msg("no ID ending in 000");
}

static void setup(void)
{
    char rows[512];

    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "表格测试甲公司");
    make_unit(unit_w, sizeof unit_w, "企业", "表格测试工资公司");
    batch_gen_id(id_ok, "3209");
    batch_gen_id(id_num, "3209");
    batch_gen_id(id_w1, "3209");
    batch_gen_id(id_w2, "3209");
    id_ending_000(id_000);
    snprintf(rows, sizeof rows,
             "%s,表工一,%s,在职,2025-01,5000.00,13900000001\n"
             "%s,表工二,%s,在职,2025-01,5000.00,13900000002\n", id_w1, unit_w, id_w2, unit_w);
    ck_assert_int_eq(import_persons(rows, NULL), 0);
}

static void teardown(void)
{
    set_today("");
}

/* ---- workbooks: made with libxlsxwriter, read with the portal's reader ---- */

typedef void (*fill_fn)(lxw_worksheet *ws, lxw_format *text, const void *arg);

static size_t file_bytes(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    long size;
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    *out = malloc((size_t)size + 1);
    ck_assert_uint_eq(fread(*out, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    return (size_t)size;
}

static size_t book(fill_fn fill, const void *arg, char **out)
{
    char path[] = "/tmp/it_excel-XXXXXX";
    int fd = mkstemp(path);
    lxw_workbook *wb;
    lxw_format *text;
    size_t n;

    ck_assert_int_ge(fd, 0);
    close(fd);
    wb = workbook_new(path);
    text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    fill(workbook_add_worksheet(wb, NULL), text, arg);
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
    n = file_bytes(path, out);
    unlink(path);
    return n;
}

static void header(lxw_worksheet *ws, const char *const *cols)
{
    for (int c = 0; cols[c]; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c], NULL);
}

/* A response's workbook, read back; asserts the content type and the .xlsx name. */
static void read_xlsx(const struct resp *r, struct csv_doc *d)
{
    char h[512];
    struct csv_limits lim = {1000000, 64, 100000};
    ck_assert_int_eq(resp_header(r, "Content-Type", h, sizeof h), 0);
    ck_assert_str_eq(h, SHEET_CONTENT_TYPE);
    ck_assert_int_eq(resp_header(r, "Content-Disposition", h, sizeof h), 0);
    ck_assert_msg(strstr(h, "attachment") && strstr(h, ".xlsx"), "%s", h);
    ck_assert_int_eq(xlsx_parse(r->body.p, r->body.len, &lim, d, NULL), XLSX_OK);
}

/* One zip entry of a response (malloc'ed, NUL-terminated). */
static char *entry(const struct resp *r, const char *name)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    zip_file_t *zf;
    zip_stat_t st;
    char *out;

    zip_error_init(&ze);
    src = zip_source_buffer_create(r->body.p, r->body.len, 0, &ze);
    za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    ck_assert_ptr_nonnull(za);
    ck_assert_int_eq(zip_stat(za, name, 0, &st), 0);
    zf = zip_fopen(za, name, 0);
    ck_assert_ptr_nonnull(zf);
    out = calloc(1, st.size + 1);
    ck_assert_int_eq(zip_fread(zf, out, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_discard(za);
    zip_error_fini(&ze);
    return out;
}

static const char *cell(const struct csv_doc *d, size_t row, size_t col)
{
    return row < d->nrows && col < d->row[row].n ? d->row[row].cell[col] : "";
}

static int numeric(const struct csv_doc *d, size_t row, size_t col)
{
    return row < d->nrows && ((d->row[row].numeric >> col) & 1);
}

static long upload_to(struct client *c, const char *path, const char *const *fields,
                      const char *filename, const char *data, size_t len, long *job,
                      struct resp *r)
{
    char loc[256];
    long st = http_post_file(c, path, fields, "file", filename, data, len, r);
    *job = 0;
    if (st == 303 && resp_header(r, "Location", loc, sizeof loc) == 0)
        sscanf(loc, "/jobs/%ld", job);
    return st;
}

static void assert_row(long job, int line, const char *status, const char *msg)
{
    ck_assert_msg(sql_long("SELECT COUNT(*) FROM job_rows WHERE job_id = %ld AND line_no = %d"
                           " AND status = '%s' AND message LIKE '%s%%'", job, line, status, msg) == 1,
                  "job %ld line %d: want %s '%s'", job, line, status, msg);
}

/* ---- templates ---- */

static void check_template(struct client *c, const char *path, const char *head, size_t ncols,
                           const char *text_cols)
{
    struct resp r;
    struct csv_doc d;
    char *sheet, *styles, want[64];

    ck_assert_int_eq(http_get(c, path, &r), 200);
    read_xlsx(&r, &d);
    ck_assert_uint_eq(d.nrows, 1);           /* the header only */
    ck_assert_uint_eq(d.row[0].n, ncols);
    {
        struct buf b = {0};
        for (size_t i = 0; i < ncols; i++)
            buf_printf(&b, "%s%s", i ? "," : "", d.row[0].cell[i]);
        ck_assert_str_eq(b.p, head);
        buf_free(&b);
    }
    csv_doc_free(&d);
    sheet = entry(&r, "xl/worksheets/sheet1.xml");
    styles = entry(&r, "xl/styles.xml");
    /* the header frozen; the ID (and phone) columns text (@, format 49) for 2,000 rows */
    ck_assert_msg(strstr(sheet, "ySplit=\"1\"") && strstr(sheet, "state=\"frozen\""), "%s", sheet);
    ck_assert(strstr(styles, "numFmtId=\"49\""));
    for (const char *col = text_cols; *col; col++) {
        snprintf(want, sizeof want, "<c r=\"%c2\" s=\"", *col);
        ck_assert_msg(strstr(sheet, want), "%s", want);
        snprintf(want, sizeof want, "<c r=\"%c2001\" s=\"", *col);
        ck_assert_msg(strstr(sheet, want), "%s", want);
        snprintf(want, sizeof want, "<c r=\"%c2002\"", *col);
        ck_assert(!strstr(sheet, want));
    }
    ck_assert(!strstr(sheet, "<c r=\"B2\""));
    free(sheet);
    free(styles);
    resp_free(&r);
}

START_TEST(templates_keep_ids_as_text_for_2000_rows_under_a_frozen_header)
{
    struct client c;
    struct resp r;

    batch_client(&c, unit_a);
    ck_assert_int_eq(http_get(&c, "/enroll/batch", &r), 200);
    ck_assert(has(&r, "/enroll/template.xlsx"));
    ck_assert(has(&r, "/enroll/template.csv"));
    ck_assert(has(&r, "accept=\".xlsx,.csv"));
    resp_free(&r);
    check_template(&c, "/enroll/template.xlsx", "证件号码,姓名,月申报工资,联系电话", 4, "AD");
    ck_assert_int_eq(http_get(&c, "/wages", &r), 200);
    ck_assert(has(&r, "/wages/template.xlsx"));
    resp_free(&r);
    check_template(&c, "/wages/template.xlsx", "证件号码,姓名,月申报工资", 3, "A");
    client_free(&c);
}
END_TEST

/* ---- the round trip ---- */

static const char *const enrol_cols[] = {"证件号码", "姓名", "月申报工资", "联系电话", NULL};

static void fill_clerk(lxw_worksheet *ws, lxw_format *text, const void *arg)
{
    (void)arg;
    header(ws, enrol_cols);
    worksheet_write_string(ws, 1, 0, id_ok, text);               /* row 2: typed as text */
    worksheet_write_string(ws, 1, 1, "表格甲", NULL);
    worksheet_write_number(ws, 1, 2, 6000, NULL);                /* a number, as typed */
    worksheet_write_string(ws, 1, 3, "13800000021", text);
    worksheet_write_string(ws, 2, 0, id_000, text);              /* row 3: ends in 000 */
    worksheet_write_string(ws, 2, 1, "表格乙", NULL);
    worksheet_write_number(ws, 2, 2, 5500.5, NULL);
    worksheet_write_number(ws, 2, 3, 13800000022.0, NULL);      /* a phone as a number */
    worksheet_write_number(ws, 3, 0, atof(id_num), NULL);        /* row 4: an ID as a number */
    worksheet_write_string(ws, 3, 1, "表格丙", NULL);
    worksheet_write_number(ws, 3, 2, 6000, NULL);
    worksheet_write_string(ws, 3, 3, "13800000023", NULL);
}

START_TEST(filled_template_uploads_with_an_id_number_cell_failing_its_row)
{
    struct client c;
    struct resp r;
    char *z, path[64];
    size_t n;
    long before;
    struct csv_doc d;

    set_today("2022-08-15 10:00");   /* C = 2022-09, window open */
    batch_client(&c, unit_a);
    /* the template as downloaded, then filled the way a clerk would */
    ck_assert_int_eq(http_get(&c, "/enroll/template.xlsx", &r), 200);
    resp_free(&r);
    n = book(fill_clerk, NULL, &z);
    before = batch_jobs_of(unit_a);
    /* the name says .csv: the content decides */
    ck_assert_int_eq(batch_upload(&c, "2022-07", 0, z, n, &job_enrol, &r), 303);
    resp_free(&r);
    free(z);
    ck_assert_int_eq(batch_jobs_of(unit_a), before + 1);
    batch_wait_done(job_enrol, 60);
    ck_assert_int_eq(sql_long("SELECT total FROM jobs WHERE id = %ld", job_enrol), 3);
    assert_row(job_enrol, 2, "ok", msg_text(MSG_ENROLL_OK_BACKPAID));
    assert_row(job_enrol, 3, "ok", msg_text(MSG_ENROLL_OK_BACKPAID));
    assert_row(job_enrol, 4, "failed", msg_text(MSG_ID_EXCEL_NUMBER_CELL));
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s' AND phone = '13800000022'",
                              id_000), 1);
    ck_assert_int_eq(sql_long("SELECT MAX(wage_fen) FROM wages w JOIN persons p ON p.id = w.person_id"
                              " WHERE p.id_no = '%s'", id_000), 550050);
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s'", id_num), 0);

    /* failed.xlsx: the template's columns, 失败原因, 原行号; the ID a text cell */
    snprintf(path, sizeof path, "/jobs/%ld/failed.xlsx", job_enrol);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    read_xlsx(&r, &d);
    ck_assert_uint_eq(d.nrows, 2);
    ck_assert_str_eq(cell(&d, 0, 4), "失败原因");
    ck_assert_str_eq(cell(&d, 0, 5), "原行号");
    ck_assert_str_eq(cell(&d, 1, 1), "表格丙");
    ck_assert(!numeric(&d, 1, 0));
    ck_assert(numeric(&d, 1, 2));
    ck_assert_str_eq(cell(&d, 1, 2), "6000");
    ck_assert_str_eq(cell(&d, 1, 4), msg_text(MSG_ID_EXCEL_NUMBER_CELL));
    ck_assert_str_eq(cell(&d, 1, 5), "4");
    ck_assert(numeric(&d, 1, 5));
    csv_doc_free(&d);
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/jobs", &r), 200);
    snprintf(path, sizeof path, "/jobs/%ld/failed.xlsx", job_enrol);
    ck_assert(has(&r, path));
    resp_free(&r);
    client_free(&c);
}
END_TEST

static void fill_fixed(lxw_worksheet *ws, lxw_format *text, const void *arg)
{
    static const char *const cols[] = {"证件号码", "姓名", "月申报工资", "联系电话", "失败原因",
                                       "原行号", NULL};
    const struct csv_doc *d = arg;
    header(ws, cols);
    worksheet_write_string(ws, 1, 0, id_num, text);     /* the ID typed again, as text */
    for (lxw_col_t c = 1; c < 6; c++)
        worksheet_write_string(ws, 1, c, cell(d, 1, c), NULL);
}

START_TEST(failed_xlsx_fixed_and_uploaded_again)
{
    struct client c;
    struct resp r;
    struct csv_doc d;
    char *z, path[64];
    size_t n;
    long job;

    set_today("2022-08-15 10:00");
    ck_assert_int_gt(job_enrol, 0);
    batch_client(&c, unit_a);
    snprintf(path, sizeof path, "/jobs/%ld/failed.xlsx", job_enrol);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    read_xlsx(&r, &d);
    resp_free(&r);
    n = book(fill_fixed, &d, &z);
    csv_doc_free(&d);
    ck_assert_int_eq(batch_upload(&c, "2022-07", 0, z, n, &job, &r), 303);
    resp_free(&r);
    free(z);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", msg_text(MSG_ENROLL_OK_BACKPAID));
    ck_assert_int_eq(sql_long("SELECT COUNT(*) FROM persons WHERE id_no = '%s' AND name = '表格丙'",
                              id_num), 1);
    client_free(&c);
}
END_TEST

/* ---- 工资年度申报 from a workbook, and 未申报人员 as .xlsx ---- */

static void fill_wages(lxw_worksheet *ws, lxw_format *text, const void *arg)
{
    static const char *const cols[] = {"证件号码", "姓名", "月申报工资", NULL};
    (void)arg;
    /* cells written out of row order do not matter to the reader */
    worksheet_write_number(ws, 1, 2, 6500, NULL);
    worksheet_write_string(ws, 1, 1, "表工一", NULL);
    worksheet_write_string(ws, 1, 0, id_w1, text);
    header(ws, cols);
}

START_TEST(wages_from_a_workbook_and_missing_xlsx)
{
    struct client c;
    struct resp r;
    struct csv_doc d;
    const char *fields[] = {"year", "2027", NULL};
    char *z, path[64];
    size_t n;
    long job;

    set_today("2026-12-10 10:00");   /* the window of 2027 */
    client_init(&c);
    ck_assert(login(&c, unit_w, PW));
    ck_assert_int_eq(http_get(&c, "/wages", &r), 200);
    resp_free(&r);
    n = book(fill_wages, NULL, &z);
    ck_assert_int_eq(upload_to(&c, "/wages", fields, "工资.xlsx", z, n, &job, &r), 303);
    resp_free(&r);
    free(z);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", "申报成功:2027年度月申报工资6500.00元。");
    snprintf(path, sizeof path, "/jobs/%ld", job);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    snprintf(path, sizeof path, "/jobs/%ld/missing.xlsx", job);
    ck_assert(has(&r, path));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    read_xlsx(&r, &d);
    ck_assert_uint_eq(d.nrows, 2);
    ck_assert_str_eq(cell(&d, 0, 0), "证件号码");
    ck_assert_str_eq(cell(&d, 1, 0), id_w2);
    ck_assert(!numeric(&d, 1, 0));
    ck_assert_str_eq(cell(&d, 1, 1), "表工二");
    csv_doc_free(&d);
    resp_free(&r);
    client_free(&c);
}
END_TEST

/* ---- hostile workbooks: a message, no job ---- */

static void refused(struct client *c, const char *data, size_t len, const char *want)
{
    struct resp r;
    long before = batch_jobs_of(unit_a);
    ck_assert_int_eq(batch_upload(c, "2022-09", 0, data, len, NULL, &r), 200);
    ck_assert_msg(has(&r, "msg fail"), "no failure box for %s", want);
    ck_assert_msg(has(&r, want), "want '%s'", want);
    resp_free(&r);
    ck_assert_int_eq(batch_jobs_of(unit_a), before);
}

struct ent { const char *name; const char *data; size_t len; };

static size_t zip_of(const struct ent *e, size_t n, char **out)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    zip_int64_t size;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    ck_assert_ptr_nonnull(za);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_ge(zip_file_add(za, e[i].name,
                                      zip_source_buffer(za, e[i].data, e[i].len ? e[i].len : strlen(e[i].data), 0),
                                      0), 0);
    ck_assert_int_eq(zip_close(za), 0);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    *out = malloc((size_t)size);
    zip_source_read(src, *out, (zip_uint64_t)size);
    zip_source_close(src);
    zip_source_free(src);
    return (size_t)size;
}

#define XSHEET(rows) "<?xml version=\"1.0\"?><worksheet><sheetData>" rows "</sheetData></worksheet>"
#define XHEAD "<row r=\"1\"><c t=\"inlineStr\"><is><t>证件号码</t></is></c><c t=\"inlineStr\"><is><t>姓名</t></is></c>" \
              "<c t=\"inlineStr\"><is><t>月申报工资</t></is></c><c t=\"inlineStr\"><is><t>联系电话</t></is></c></row>"

static void fill_many(lxw_worksheet *ws, lxw_format *text, const void *arg)
{
    int rows = *(const int *)arg;
    header(ws, enrol_cols);
    for (int i = 1; i <= rows; i++) {
        worksheet_write_string(ws, (lxw_row_t)i, 0, id_ok, text);
        worksheet_write_string(ws, (lxw_row_t)i, 1, "某某", NULL);
    }
}

START_TEST(hostile_workbooks_are_refused_and_change_nothing)
{
    struct client c;
    char ole[4096] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", *z, text[MSG_TEXT_MAX];
    size_t n;

    set_today("2022-08-15 10:00");
    batch_client(&c, unit_a);
    refused(&c, ole, sizeof ole, msg_text(MSG_XLS_OLD));
    memcpy(ole + 1024, "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28);
    refused(&c, ole, sizeof ole, msg_text(MSG_XLSX_ENCRYPTED));
    refused(&c, "PK\3\4broken", 10, msg_text(MSG_XLSX_INVALID));
    {
        struct ent e[1] = {{"word/document.xml", "<w/>", 0}};
        n = zip_of(e, 1, &z);
        refused(&c, z, n, msg_text(MSG_XLSX_NO_SHEET));
        free(z);
    }
    {   /* a zip bomb: 65 MB of zeros in a few dozen KB */
        size_t big = XLSX_MAX_INFLATED + (1u << 20);
        char *zeros = calloc(big, 1);
        struct ent e[2] = {{"xl/worksheets/sheet1.xml", XSHEET(XHEAD), 0}, {"xl/pad.bin", zeros, big}};
        n = zip_of(e, 2, &z);
        refused(&c, z, n, msg_text(MSG_XLSX_TOO_LARGE));
        free(z);
        free(zeros);
    }
    {   /* more than 10,000 entries */
        struct ent *e = calloc(XLSX_MAX_ENTRIES + 1, sizeof *e);
        char (*names)[16] = calloc(XLSX_MAX_ENTRIES + 1, sizeof *names);
        for (size_t i = 0; i <= XLSX_MAX_ENTRIES; i++) {
            snprintf(names[i], sizeof names[i], "p/%zu", i);
            e[i] = (struct ent){names[i], "", 0};
            e[i].data = "x";
        }
        e[0] = (struct ent){"xl/worksheets/sheet1.xml", XSHEET(XHEAD), 0};
        n = zip_of(e, XLSX_MAX_ENTRIES + 1, &z);
        refused(&c, z, n, msg_text(MSG_XLSX_TOO_LARGE));
        free(z);
        free(e);
        free(names);
    }
    {   /* entity expansion */
        struct ent e[1] = {{"xl/worksheets/sheet1.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
            "<worksheet><sheetData>" XHEAD "<row r=\"2\"><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>", 0}};
        n = zip_of(e, 1, &z);
        refused(&c, z, n, msg_text(MSG_XLSX_DAMAGED));
        free(z);
    }
    {   /* a shared-string index out of range, on row 2 */
        struct ent e[2] = {{"xl/worksheets/sheet1.xml", XSHEET(XHEAD "<row r=\"2\"><c t=\"s\"><v>7</v></c></row>"), 0},
                           {"xl/sharedStrings.xml", "<sst><si><t>a</t></si></sst>", 0}};
        n = zip_of(e, 2, &z);
        msg_format(text, sizeof text, MSG_XLSX_BAD_STRING, (size_t)2);
        refused(&c, z, n, text);
        free(z);
    }
    {   /* more than 20,000 rows */
        int rows = 20001;
        n = book(fill_many, &rows, &z);
        msg_format(text, sizeof text, MSG_CSV_TOO_MANY_ROWS, 20000);
        refused(&c, z, n, text);
        free(z);
    }
    {   /* the wrong header: the CSV path's message */
        struct ent e[1] = {{"xl/worksheets/sheet1.xml",
                            XSHEET("<row><c t=\"inlineStr\"><is><t>身份证</t></is></c></row>"), 0}};
        n = zip_of(e, 1, &z);
        refused(&c, z, n, "文件第一行表头不正确");
        free(z);
    }
    client_free(&c);
}
END_TEST

START_TEST(a_csv_named_xlsx_is_read_as_csv)
{
    struct client c;
    struct resp r;
    const char *fields[] = {"start_month", "2022-09", NULL};
    char data[256], id[19];
    long job;

    set_today("2022-08-15 10:00");
    batch_gen_id(id, "3209");
    snprintf(data, sizeof data, "证件号码,姓名,月申报工资,联系电话\n%s,表格丁,5000,13800000024\n", id);
    batch_client(&c, unit_a);
    ck_assert_int_eq(upload_to(&c, "/enroll/batch", fields, "名单.xlsx", data, strlen(data), &job, &r), 303);
    resp_free(&r);
    batch_wait_done(job, 60);
    assert_row(job, 2, "ok", msg_text(MSG_ENROLL_OK_NO_BACKPAY));
    client_free(&c);
}
END_TEST

/* ---- every download as .xlsx: the CSV's cells, IDs text, amounts numbers ---- */

/* The CSV of path (format=csv or .csv) and its workbook (xlsx_path) hold the
 * same rows; ID columns are text cells and amounts numbers. */
static void same_as_csv(struct client *c, const char *csv_path, const char *xlsx_path)
{
    struct resp rc, rx;
    struct csv_doc dc, dx;
    struct csv_limits lim = {1000000, 64, 100000};

    ck_assert_int_eq(http_get(c, csv_path, &rc), 200);
    ck_assert_int_eq(csv_parse(rc.body.p, rc.body.len, &lim, &dc, NULL), CSV_OK);
    ck_assert_msg(http_get(c, xlsx_path, &rx) == 200, "%s", xlsx_path);
    read_xlsx(&rx, &dx);
    ck_assert_msg(dc.nrows == dx.nrows, "%s: %zu rows, csv %zu", xlsx_path, dx.nrows, dc.nrows);
    ck_assert_uint_gt(dx.nrows, 0);
    for (size_t i = 0; i < dc.nrows; i++)
        for (size_t k = 0; k < dc.row[i].n; k++) {
            const char *want = dc.row[i].cell[k], *got = cell(&dx, i, k);
            long long a, b;
            if (numeric(&dx, i, k) && parse_money_fen(want[0] == '-' ? want + 1 : want, &a) == 0) {
                ck_assert_msg(parse_money_fen(got[0] == '-' ? got + 1 : got, &b) == 0 && a == b,
                              "%s row %zu col %zu: %s vs %s", xlsx_path, i, k, got, want);
            } else {
                ck_assert_msg(strcmp(got, want) == 0, "%s row %zu col %zu: '%s' vs '%s'",
                              xlsx_path, i, k, got, want);
            }
            if (i > 0 && *want && (strcmp(dc.row[0].cell[k], "证件号码") == 0 ||
                                   strcmp(dc.row[0].cell[k], "联系电话") == 0))
                ck_assert_msg(!numeric(&dx, i, k), "%s: an ID as a number", xlsx_path);
            if (i > 0 && *want && strstr(dc.row[0].cell[k], "金额") && strcmp(want, "合计") != 0)
                ck_assert_msg(numeric(&dx, i, k), "%s: an amount as text", xlsx_path);
        }
    /* the header bold and frozen */
    {
        char *sheet = entry(&rx, "xl/worksheets/sheet1.xml");
        ck_assert(strstr(sheet, "state=\"frozen\""));
        free(sheet);
    }
    csv_doc_free(&dc);
    csv_doc_free(&dx);
    resp_free(&rc);
    resp_free(&rx);
}

static void both(struct client *c, const char *base)
{
    char a[256], b[256];
    snprintf(a, sizeof a, "%s%sformat=csv", base, strchr(base, '?') ? "&" : "?");
    snprintf(b, sizeof b, "%s%sformat=xlsx", base, strchr(base, '?') ? "&" : "?");
    same_as_csv(c, a, b);
}

START_TEST(every_download_is_offered_and_served_as_xlsx)
{
    struct client c;
    struct resp r;
    char path[128], alt[128];
    long job;

    set_today("2022-08-15 10:00");
    ck_assert_int_gt(job_enrol, 0);
    client_init(&c);
    ck_assert(login(&c, unit_a, PW));
    both(&c, "/declarations/approved");
    both(&c, "/query/roster");
    both(&c, "/query/roster?status=参保缴费");
    both(&c, "/query/retirees");
    both(&c, "/query/retire-due");
    both(&c, "/query/unit");
    both(&c, "/query/payments?month=2022-07&type=310");
    snprintf(path, sizeof path, "/query/person?id_no=%s", id_ok);
    both(&c, path);
    both(&c, "/report/payments?month=2022-07");
    both(&c, "/report/notice?month=2022-07");
    both(&c, "/report/certificate");
    both(&c, "/jobs");
    both(&c, "/query/check");
    snprintf(path, sizeof path, "/jobs/%ld/failed.csv", job_enrol);
    snprintf(alt, sizeof alt, "/jobs/%ld/failed.xlsx", job_enrol);
    same_as_csv(&c, path, alt);
    /* the export job's result, streamed into its workbook (gzip inflated a room at
     * a time, rows carried across rooms): a name with a comma, quotes and a newline
     * reads back as the CSV has it */
    sql("UPDATE persons SET name = CONCAT('表,\"工\"', CHAR(10), '新行') WHERE id_no = '%s'", id_ok);
    ck_assert_int_eq(http_get(&c, "/export/payments", &r), 200);
    resp_free(&r);
    ck_assert_int_eq(http_post(&c, "/export/payments", "month=2022-07&type=310", 1, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", path, sizeof path), 0);
    resp_free(&r);
    ck_assert_int_eq(sscanf(path, "/jobs/%ld", &job), 1);
    batch_wait_done(job, 60);
    snprintf(path, sizeof path, "/jobs/%ld/result.csv", job);
    snprintf(alt, sizeof alt, "/jobs/%ld/result.xlsx", job);
    same_as_csv(&c, path, alt);
    get_csv(&c, path, &r);
    ck_assert(has(&r, "\"表,\"\"工\"\"\n新行\""));
    resp_free(&r);
    sql("UPDATE persons SET name = '表格甲' WHERE id_no = '%s'", id_ok);
    snprintf(path, sizeof path, "/jobs/%ld", job);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    ck_assert(has(&r, alt));
    resp_free(&r);
    /* then every 险种 in the same worker: each person's types in their order (the
     * worker's statement for one type must not leave its plan to this one) */
    ck_assert_int_eq(http_post(&c, "/export/payments", "month=2022-07&type=", 1, &r), 303);
    ck_assert_int_eq(resp_header(&r, "Location", path, sizeof path), 0);
    resp_free(&r);
    ck_assert_int_eq(sscanf(path, "/jobs/%ld", &job), 1);
    batch_wait_done(job, 60);
    snprintf(path, sizeof path, "/jobs/%ld/result.csv", job);
    snprintf(alt, sizeof alt, "/jobs/%ld/result.xlsx", job);
    same_as_csv(&c, path, alt);
    {
        char want[4096];
        struct buf got = {0};
        struct csv_doc d;
        struct csv_limits lim = {100000, 16, 1024};
        sql_str(want, sizeof want,
                "SELECT GROUP_CONCAT(CONCAT(c.id_no, ':', t.name) ORDER BY c.id_no, t.sort,"
                " c.payment_type SEPARATOR ';') FROM contributions c JOIN insurance_types t"
                " ON t.code = c.type_code JOIN units u ON u.id = c.unit_id"
                " WHERE u.unit_no = '%s' AND c.month = '2022-07-01'", unit_a);
        get_csv(&c, path, &r);
        ck_assert_int_eq(csv_parse(r.body.p, r.body.len, &lim, &d, NULL), CSV_OK);
        for (size_t i = 1; i < d.nrows; i++)
            buf_printf(&got, "%s%s:%s", i > 1 ? ";" : "", d.row[i].cell[0], d.row[i].cell[2]);
        ck_assert_uint_gt(d.nrows, 4);
        ck_assert_str_eq(got.p, want);
        csv_doc_free(&d);
        buf_free(&got);
        resp_free(&r);
    }
    /* the buttons: CSV and Excel side by side */
    ck_assert_int_eq(http_get(&c, "/query/roster", &r), 200);
    ck_assert(has(&r, "value=\"csv\">导出CSV") && has(&r, "value=\"xlsx\">导出Excel"));
    ck_assert(has(&r, "format=xlsx\">导出全部(Excel)"));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/declarations/approved", &r), 200);
    ck_assert(has(&r, "format=xlsx\">导出全部(Excel)"));
    /* 查询, 导出CSV and 导出Excel in one group that wraps as one (1366 px) */
    ck_assert(has(&r, "<div class=\"filter-actions\">\n  <button type=\"submit\" class=\"btn btn-primary\">查询</button>\n"
                      "  <button type=\"submit\" class=\"btn\" name=\"format\" value=\"csv\">导出CSV</button>\n"
                      "  <button type=\"submit\" class=\"btn\" name=\"format\" value=\"xlsx\">导出Excel</button>\n  </div>"));
    resp_free(&r);
    /* deleting a job with failed rows: 导出失败数据 offered in both formats first */
    snprintf(path, sizeof path, "/jobs/%ld/delete", job_enrol);
    ck_assert_int_eq(http_get(&c, path, &r), 200);
    snprintf(alt, sizeof alt, "/jobs/%ld/failed.xlsx\">导出失败数据(Excel)</a>", job_enrol);
    ck_assert(has(&r, alt));
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/report/payments?month=2022-07", &r), 200);
    ck_assert(has(&r, "format=xlsx\">导出Excel"));
    resp_free(&r);
    /* an unknown format is still refused */
    ck_assert_int_eq(http_get(&c, "/query/roster?format=xls", &r), 400);
    resp_free(&r);
    ck_assert_int_eq(http_get(&c, "/jobs/1/failed.xls", &r), 404);
    resp_free(&r);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("excel");
    TCase *t = tcase_create("excel");

    tcase_add_unchecked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, templates_keep_ids_as_text_for_2000_rows_under_a_frozen_header);
    tcase_add_test(t, filled_template_uploads_with_an_id_number_cell_failing_its_row);
    tcase_add_test(t, failed_xlsx_fixed_and_uploaded_again);
    tcase_add_test(t, wages_from_a_workbook_and_missing_xlsx);
    tcase_add_test(t, hostile_workbooks_are_refused_and_change_nothing);
    tcase_add_test(t, a_csv_named_xlsx_is_read_as_csv);
    tcase_add_test(t, every_download_is_offered_and_served_as_xlsx);
    suite_add_tcase(s, t);
    return it_run(s);
}
