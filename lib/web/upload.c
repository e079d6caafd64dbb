/* upload — a batch file's rows (see upload.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/log.h"
#include "base/xlsx.h"
#include "web/upload.h"

/* Duplicate IDs: sorted (ID, row index) pairs; every row after the first of
 * an ID is marked. */
struct id_ref { char id[19]; size_t idx; };

static int id_ref_cmp(const void *a, const void *b)
{
    const struct id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int mark_duplicates(struct job_row_new *rows, size_t n)
{
    struct id_ref *refs = calloc(n ? n : 1, sizeof *refs);
    size_t m = 0;

    if (!refs)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *cell = rows[i].cell[0];
        char canon[19];
        if (!cell || !*cell || strlen(cell) != 18)
            continue;
        /* x and X are the same ID */
        if (id_check(cell, canon, NULL) != ID_OK) {
            for (int k = 0; k < 18; k++)
                canon[k] = cell[k] == 'x' ? 'X' : cell[k];
            canon[18] = '\0';
        }
        memcpy(refs[m].id, canon, sizeof canon);
        refs[m].idx = i;
        m++;
    }
    qsort(refs, m, sizeof *refs, id_ref_cmp);
    for (size_t i = 1; i < m; i++)
        if (strcmp(refs[i].id, refs[i - 1].id) == 0)
            rows[refs[i].idx].fail_msg = msg_text(MSG_ENROLL_DUP_IN_FILE);
    free(refs);
    return 0;
}

/* The columns a data row may have under header row h: the template's under
 * its header, those plus JOB_FAILED_EXTRA under failed.csv's (its last two
 * are ignored); 0 for any other header. */
static size_t header_columns(const struct csv_row *h, const struct upload_spec *spec)
{
    if (h->n != spec->cells && h->n != spec->cells + JOB_FAILED_EXTRA)
        return 0;
    for (size_t c = 0; c < h->n; c++)
        if (strcmp(h->cell[c], spec->columns[c]) != 0)
            return 0;
    return h->n;
}

#define REFUSE(id) do { msg_policy_text((id), &r->policy, refusal, refusal_n); return 1; } while (0)
#define REFUSE_LINE(id, line) do { msg_format(refusal, refusal_n, (id), (size_t)(line)); return 1; } while (0)

/* The first worksheet of a workbook into *doc, then the header check. */
static int parse_xlsx(struct req *r, const struct field *file, const struct upload_spec *spec,
                      struct csv_doc *doc, size_t *ncols, char *refusal, size_t refusal_n)
{
    int maxr = r->cfg->upload.max_rows;
    struct csv_limits lim = {(size_t)maxr + 1, 64, JOB_CELL_MAX};
    size_t err_line = 0;
    enum xlsx_err e = xlsx_parse(file->file->value, file->file->len, &lim, doc, &err_line);

    if (e != XLSX_OK && e != XLSX_ENOMEM)
        log_msg(LOG_INFO, "upload refused: workbook error %d (row %zu)", (int)e, err_line);
    switch (e) {
    case XLSX_OK: break;
    case XLSX_ENOTZIP: REFUSE(MSG_XLSX_INVALID);
    case XLSX_ENOSHEET: REFUSE(MSG_XLSX_NO_SHEET);
    case XLSX_EENCRYPTED: REFUSE(MSG_XLSX_ENCRYPTED);
    case XLSX_EBOMB: REFUSE(MSG_XLSX_TOO_LARGE);
    case XLSX_ESST: REFUSE_LINE(MSG_XLSX_BAD_STRING, err_line);
    case XLSX_ETOOMANYROWS:
        msg_format(refusal, refusal_n, MSG_CSV_TOO_MANY_ROWS, maxr);
        return 1;
    case XLSX_ETOOMANYCOLS: REFUSE_LINE(MSG_XLSX_TOO_MANY_COLS, err_line);
    case XLSX_ECELL: REFUSE_LINE(MSG_CSV_CELL_TOO_LONG, err_line);
    case XLSX_ENOMEM: return -1;
    default: REFUSE(MSG_XLSX_DAMAGED);
    }
    if (doc->nrows == 0)
        REFUSE(MSG_CSV_EMPTY);
    if ((*ncols = header_columns(&doc->row[0], spec)) == 0) {
        msg_format(refusal, refusal_n, MSG_CSV_HEADER, spec->header);
        return 1;
    }
    return 0;
}

static int parse(struct req *r, const struct field *file, const struct upload_spec *spec,
                 struct csv_doc *doc, size_t *ncols, int *is_xlsx, char *refusal,
                 size_t refusal_n)
{
    int maxr = r->cfg->upload.max_rows;
    struct csv_limits lim = {(size_t)maxr + 1, 64, JOB_CELL_MAX};
    size_t err_line = 0;

    if (file->state != FIELD_OK)
        REFUSE(MSG_FILE_REQUIRED);
    if (file->file->len == 0)
        REFUSE(MSG_CSV_EMPTY);
    /* told apart by content, not by the file's name */
    switch (xlsx_sniff(file->file->value, file->file->len)) {
    case XLSX_KIND_OLE:
        log_msg(LOG_INFO, "upload refused: an OLE file (%s)",
                xlsx_ole_encrypted(file->file->value, file->file->len) ? "encrypted" : "xls");
        REFUSE(xlsx_ole_encrypted(file->file->value, file->file->len) ? MSG_XLSX_ENCRYPTED
                                                                      : MSG_XLS_OLD);
    case XLSX_KIND_ZIP:
        *is_xlsx = 1;
        return parse_xlsx(r, file, spec, doc, ncols, refusal, refusal_n);
    case XLSX_KIND_OTHER:
        break;
    }
    switch (csv_parse(file->file->value, file->file->len, &lim, doc, &err_line)) {
    case CSV_OK: break;
    case CSV_EENCODING: REFUSE(MSG_CSV_ENCODING);
    case CSV_ETOOMANYROWS:
        msg_format(refusal, refusal_n, MSG_CSV_TOO_MANY_ROWS, maxr);
        return 1;
    case CSV_ENOMEM: return -1;
    case CSV_ECELL: REFUSE_LINE(MSG_CSV_CELL_TOO_LONG, err_line);
    default: REFUSE_LINE(MSG_CSV_BAD_ROW, err_line);
    }
    if (doc->nrows == 0)
        REFUSE(MSG_CSV_EMPTY);
    if ((*ncols = header_columns(&doc->row[0], spec)) == 0) {
        msg_format(refusal, refusal_n, MSG_CSV_HEADER, spec->header);
        return 1;
    }
    return 0;
}

/* The data rows of doc into rows[0..*n), refusing the file for a row with more
 * than ncols cells, Excel-mangled IDs, no rows or too many. In a workbook an
 * ID cell stored as a number fails its row (MSG_ID_EXCEL_NUMBER_CELL); a text
 * cell is judged as text (the CSV path's column heuristic is for CSV only). */
static int collect(struct req *r, const struct csv_doc *doc, size_t ncols, int is_xlsx,
                   const struct upload_spec *spec, struct job_row_new *rows, size_t *n,
                   char *refusal, size_t refusal_n)
{
    int maxr = r->cfg->upload.max_rows;
    size_t suspects = 0, first_suspect = 0, nonempty = 0;

    *n = 0;
    for (size_t i = 1; i < doc->nrows; i++) {
        const struct csv_row *row = &doc->row[i];
        struct job_row_new *jr;
        if (row->n == 0)
            continue;          /* a line of empty cells is a blank line */
        if (row->n > ncols)
            REFUSE_LINE(MSG_CSV_BAD_ROW, row->line);
        if (row->cell[0][0]) {
            nonempty++;
            if (!(row->numeric & 1) && id_excel_mangled(row->cell[0]))
                REFUSE_LINE(MSG_ID_EXCEL_MANGLED, row->line);
            if (!is_xlsx && id_excel_suspect(row->cell[0]) && suspects++ == 0)
                first_suspect = row->line;
        }
        jr = &rows[(*n)++];
        jr->line_no = row->line;
        for (size_t c = 0; c < JOB_CELLS; c++)
            jr->cell[c] = c < spec->cells && c < row->n ? row->cell[c] : "";
        /* a workbook's ID cell stored as a number: that row fails (each cell
         * has its own type, the other rows are judged as usual) */
        if (row->numeric & 1)
            jr->fail_msg = msg_text(MSG_ID_EXCEL_NUMBER_CELL);
    }
    if (*n == 0)
        REFUSE(MSG_CSV_EMPTY);
    if ((int)*n > maxr) {
        msg_format(refusal, refusal_n, MSG_CSV_TOO_MANY_ROWS, maxr);
        return 1;
    }
    if (id_excel_column_mangled(nonempty, suspects))
        REFUSE_LINE(MSG_ID_EXCEL_MANGLED, first_suspect);
    return 0;
}

int upload_read(struct req *r, const struct field *file, const struct upload_spec *spec,
                struct csv_doc *doc, struct job_row_new **rows, size_t *n, char *refusal,
                size_t refusal_n)
{
    size_t ncols = 0;
    int rc, is_xlsx = 0;

    *rows = NULL;
    *n = 0;
    if ((rc = parse(r, file, spec, doc, &ncols, &is_xlsx, refusal, refusal_n)) != 0)
        return rc;
    if (!(*rows = calloc(doc->nrows, sizeof **rows)))
        return -1;
    if ((rc = collect(r, doc, ncols, is_xlsx, spec, *rows, n, refusal, refusal_n)) != 0)
        return rc;
    return mark_duplicates(*rows, *n);
}

int upload_job(struct req *r, const struct field *file, const struct upload_spec *spec,
               const char *kind, int start_ym, int civil, char *refusal, size_t refusal_n)
{
    struct csv_doc doc = {0};
    struct job_row_new *rows = NULL;
    size_t n = 0;
    int64_t job_id = 0;
    char loc[64];
    int ret = upload_read(r, file, spec, &doc, &rows, &n, refusal, refusal_n);

    if (ret == 1) {
        hdf_set_value(r->hdf, "Page.FileRefused", "1");   /* the refusal concerns the file */
    } else if (ret == 0 && store_job_create(r->db, r->unit.id, kind, r->real_now, &r->now,
                                            start_ym, civil, rows, n, &job_id) == 0) {
        snprintf(loc, sizeof loc, "/jobs/%lld", (long long)job_id);
        ret = web_redirect(r, loc);
    } else {
        ret = -1;
    }
    free(rows);
    csv_doc_free(&doc);
    return ret;
}

int upload_template_csv(struct req *r, const struct upload_spec *spec, const char *filename)
{
    struct buf b = {0};
    int rc = -1;

    if (csv_begin_with_header(&b, spec->columns, spec->cells) == 0)
        rc = web_send(r, 200, "text/csv; charset=utf-8", b.p, b.len, filename);
    buf_free(&b);
    return rc;
}
