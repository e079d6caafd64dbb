/* sheet — .xlsx downloads (see sheet.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "base/csv.h"
#include "base/log.h"
#include "rules/money.h"
#include "web/sheet.h"

#define WIDTH_MIN 8
#define WIDTH_MAX 60

int sheet_format(const char *format)
{
    if (!format || strcmp(format, "csv") == 0)
        return 0;
    return strcmp(format, "xlsx") == 0 ? 1 : -1;
}

/* Display width of UTF-8 text: characters of 3 or more bytes (CJK) count 2. */
static unsigned text_width(const char *s)
{
    unsigned w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE0 ? 2 : 1;
    }
    return w;
}

static void widen(struct sheet_out *s, size_t c, const char *text)
{
    unsigned w = text_width(text) + 2;
    if (w > s->width[c])
        s->width[c] = w > WIDTH_MAX ? WIDTH_MAX : w;
}

static void cleanup(struct sheet_out *s)
{
    if (s->path[0])
        unlink(s->path);
    free(s->width);
    memset(s, 0, sizeof *s);
}

void sheet_abort(struct sheet_out *s)
{
    if (s->wb_)
        workbook_close(s->wb_);   /* frees it; the file is removed below */
    cleanup(s);
}

int sheet_begin(struct sheet_out *s, const char *sheet_name, const struct sheet_col *cols,
                size_t n, int big)
{
    const char *dir = getenv("TMPDIR");
    lxw_workbook_options opt = {0};
    lxw_workbook *wb;
    lxw_worksheet *ws;
    int fd;

    memset(s, 0, sizeof *s);
    if (!dir || !*dir)
        dir = "/tmp";
    snprintf(s->path, sizeof s->path, "%s/portal-xlsx-XXXXXX", dir);
    if ((fd = mkstemp(s->path)) < 0) {
        log_msg(LOG_ERROR, "sheet: mkstemp in %s: %s", dir, strerror(errno));
        s->path[0] = '\0';
        return -1;
    }
    close(fd);
    if (!(s->width = calloc(n ? n : 1, sizeof *s->width))) {
        cleanup(s);
        return -1;
    }
    opt.constant_memory = big ? LXW_TRUE : LXW_FALSE;
    opt.tmpdir = (char *)dir;
    if (!(wb = workbook_new_opt(s->path, &opt))) {
        cleanup(s);
        return -1;
    }
    s->wb_ = wb;
    if (!(ws = workbook_add_worksheet(wb, sheet_name))) {
        sheet_abort(s);
        return -1;
    }
    s->ws_ = ws;
    s->head_ = workbook_add_format(wb);
    s->text_ = workbook_add_format(wb);
    s->money_ = workbook_add_format(wb);
    s->count_ = workbook_add_format(wb);
    if (!s->head_ || !s->text_ || !s->money_ || !s->count_) {
        sheet_abort(s);
        return -1;
    }
    format_set_bold(s->head_);
    format_set_num_format_index(s->text_, 49);   /* Excel's built-in Text (@) */
    format_set_num_format(s->money_, "0.00");
    format_set_num_format(s->count_, "0");
    s->cols = cols;
    s->ncols = n;
    for (size_t c = 0; c < n; c++) {
        if (worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c].title, s->head_) != LXW_NO_ERROR) {
            sheet_abort(s);
            return -1;
        }
        s->width[c] = WIDTH_MIN;
        widen(s, c, cols[c].title);
    }
    worksheet_freeze_panes(ws, 1, 0);
    s->row = 1;
    return 0;
}

/* "-1234.56" -> fen; 0, or -1 for anything but an amount */
static int money_cell(const char *text, long long *fen)
{
    int neg = text[0] == '-';
    if (parse_money_fen(text + neg, fen) != 0)
        return -1;
    if (neg)
        *fen = -*fen;
    return 0;
}

static int count_cell(const char *text, long long *v)
{
    char *end;
    if (!*text || !((*text >= '0' && *text <= '9') || *text == '-'))
        return -1;
    errno = 0;
    *v = strtoll(text, &end, 10);
    return *end || errno ? -1 : 0;
}

int sheet_row(struct sheet_out *s, const char *const *cells, size_t n)
{
    lxw_worksheet *ws = s->ws_;
    lxw_row_t row = (lxw_row_t)s->row++;

    for (size_t c = 0; c < n && c < s->ncols; c++) {
        const char *v = cells[c] ? cells[c] : "";
        enum sheet_kind k = s->cols[c].kind;
        long long x;
        lxw_error e;

        if (!*v)
            continue;
        if (k == SHEET_MONEY && money_cell(v, &x) == 0)
            e = worksheet_write_number(ws, row, (lxw_col_t)c, (double)x / 100.0, s->money_);
        else if (k == SHEET_COUNT && count_cell(v, &x) == 0)
            e = worksheet_write_number(ws, row, (lxw_col_t)c, (double)x, s->count_);
        else
            e = worksheet_write_string(ws, row, (lxw_col_t)c, v,
                                       k == SHEET_ID ? s->text_ : NULL);
        if (e != LXW_NO_ERROR)
            return -1;
        widen(s, c, v);
    }
    return 0;
}

int sheet_send(struct sheet_out *s, struct req *r, const char *filename)
{
    char chunk[65536];
    size_t got;
    FILE *f;
    int rc = 0;

    for (size_t c = 0; c < s->ncols; c++)
        worksheet_set_column(s->ws_, (lxw_col_t)c, (lxw_col_t)c, s->width[c],
                             s->cols[c].kind == SHEET_ID ? s->text_ : NULL);
    if (workbook_close(s->wb_) != LXW_NO_ERROR) {
        log_msg(LOG_ERROR, "sheet: writing %s failed", s->path);
        s->wb_ = NULL;
        cleanup(s);
        return -1;
    }
    s->wb_ = NULL;
    if (!(f = fopen(s->path, "rb"))) {
        cleanup(s);
        return -1;
    }
    unlink(s->path);
    s->path[0] = '\0';
    if (web_stream_begin(r, 200, SHEET_CONTENT_TYPE, filename) != 0)
        rc = -1;
    while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (web_stream_write(r, chunk, got) != 0)
            rc = -1;
    if (rc == 0 && ferror(f))
        rc = -1;
    fclose(f);
    cleanup(s);
    return rc == 0 ? web_stream_end(r) : -1;
}

/* csv_put's CSV-injection guard: a ' before = + - @ TAB CR */
static const char *unguard(const char *v)
{
    if (v[0] == '\'' && (v[1] == '=' || v[1] == '+' || v[1] == '-' || v[1] == '@' ||
                         v[1] == '\t' || v[1] == '\r'))
        return v + 1;
    return v;
}

int sheet_csv_row(struct sheet_out *s, const struct csv_row *row)
{
    const char *cells[64];
    size_t n = s->ncols < 64 ? s->ncols : 64;

    for (size_t c = 0; c < n; c++)
        cells[c] = c < row->n ? unguard(row->cell[c]) : "";
    return sheet_row(s, cells, n);
}

int sheet_send_csv(struct req *r, const char *csv, size_t len, const struct sheet_col *cols,
                   size_t n, const char *sheet_name, const char *filename)
{
    struct csv_limits lim = {(size_t)-1, n + 2, (size_t)1 << 20};
    struct csv_doc doc = {0};
    struct sheet_out s;
    int rc = -1;

    if (csv_parse(csv, len, &lim, &doc, NULL) != CSV_OK) {
        log_msg(LOG_ERROR, "sheet: a page's CSV did not read back");
        goto out;
    }
    if (sheet_begin(&s, sheet_name, cols, n, doc.nrows > 5000) != 0)
        goto out;
    for (size_t i = 1; i < doc.nrows; i++)
        if (sheet_csv_row(&s, &doc.row[i]) != 0) {
            sheet_abort(&s);
            goto out;
        }
    rc = sheet_send(&s, r, filename);
out:
    csv_doc_free(&doc);
    return rc;
}

void sheet_names(const char *csv_filename, char file[256], char name[128])
{
    size_t k, chars = 0;

    snprintf(name, 128, "%s", csv_filename);
    k = strlen(name);
    if (k > 4 && strcmp(name + k - 4, ".csv") == 0)
        name[k -= 4] = '\0';
    snprintf(file, 256, "%s.xlsx", name);
    /* a sheet name: at most 31 characters, none of []:*?/\ */
    for (size_t i = 0; i < k; i++) {
        unsigned char ch = (unsigned char)name[i];
        if ((ch & 0xC0) != 0x80 && ++chars > 31) {
            name[i] = '\0';
            break;
        }
        if (strchr("[]:*?/\\", ch))
            name[i] = '_';
    }
}

int sheet_send_table(struct req *r, int xlsx, const char *csv, size_t len,
                     const struct sheet_col *cols, size_t n, const char *csv_filename)
{
    char file[256], name[128];

    if (!xlsx)
        return web_send(r, 200, "text/csv; charset=utf-8", csv, len, csv_filename);
    sheet_names(csv_filename, file, name);
    return sheet_send_csv(r, csv, len, cols, n, name, file);
}

int sheet_send_template(struct req *r, const struct sheet_col *cols, size_t n, unsigned rows,
                        const char *sheet_name, const char *filename)
{
    struct sheet_out s;

    if (sheet_begin(&s, sheet_name, cols, n, 0) != 0)
        return -1;
    for (unsigned i = 1; i <= rows; i++)
        for (size_t c = 0; c < n; c++)
            if (cols[c].kind == SHEET_ID &&
                worksheet_write_blank(s.ws_, (lxw_row_t)i, (lxw_col_t)c, s.text_) != LXW_NO_ERROR) {
                sheet_abort(&s);
                return -1;
            }
    for (size_t c = 0; c < n; c++)
        if (cols[c].kind == SHEET_ID && s.width[c] < 22)
            s.width[c] = 22;      /* 18 digits and some air */
    return sheet_send(&s, r, filename);
}
