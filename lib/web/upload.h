/*
 * upload — a batch file as the upload pages read it (spec §5, §7, §8):
 * CSV in UTF-8 (BOM or not) or GB18030/GBK, the page's template header or
 * failed.csv's (the template's columns, then 失败原因 and 原行号, ignored), at
 * most Upload.MaxRows data rows, Excel-mangled IDs in the first column
 * refused, blank lines skipped; rows repeating an earlier row's 证件号码
 * (x and X alike) are failed at once with MSG_ENROLL_DUP_IN_FILE. An .xlsx
 * (told apart by content: base/xlsx.h) is read into the same rows and goes
 * through the same header check and rows; a row whose ID cell is stored as a
 * number fails with MSG_ID_EXCEL_NUMBER_CELL (the others go on); .xls,
 * encrypted, broken and oversized workbooks are refused. Used by
 * /enroll/batch and /wages; the rows then go to store_job_create.
 */
#ifndef PORTAL_WEB_UPLOAD_H
#define PORTAL_WEB_UPLOAD_H
#include "web/web.h"
#include "base/csv.h"
#include "store/jobs.h"

struct upload_spec {
    const char *const *columns;   /* the template's columns, then failed.csv's two */
    size_t cells;                 /* the template's columns (<= JOB_CELLS) */
    const char *header;           /* the template's header as the message shows it */
};

/* The upload: parsed into *doc (free with csv_doc_free), its data rows into
 * *rows (calloc'ed, free() it; cells lent from doc) and *n. Returns 0; 1
 * when the file is refused (the message in refusal, nothing else done); -1
 * on an error (out of memory). */
int upload_read(struct req *r, const struct field *file, const struct upload_spec *spec,
                struct csv_doc *doc, struct job_row_new **rows, size_t *n, char *refusal,
                size_t refusal_n);

/* The upload page's POST once its form is accepted: upload_read, then the
 * job (store_job_create of kind, start_ym, civil) and the 303 to /jobs/ID.
 * Returns 0 when answered (redirected); 1 when the file is refused (the
 * message in refusal, Page.FileRefused set so the template marks the file
 * input; the caller shows its form); -1 on an error. */
int upload_job(struct req *r, const struct field *file, const struct upload_spec *spec,
               const char *kind, int start_ym, int civil, char *refusal, size_t refusal_n);
/* The CSV template: the header only (an example row would be a real
 * declaration when the template is uploaded unchanged). */
int upload_template_csv(struct req *r, const struct upload_spec *spec, const char *filename);

#endif
