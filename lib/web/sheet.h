/*
 * sheet — the one .xlsx writer of the portal's downloads (spec §9 "Excel both
 * ways"): libxlsxwriter, the header row bold and frozen, a Chinese sheet
 * name, widths that fit the longest cell (a Chinese character counting two),
 * and each column written by its kind:
 *   SHEET_TEXT   a text cell
 *   SHEET_ID     a text cell formatted as text (@): 证件号码, phones, account
 *                numbers — Excel never turns them into 3.20501E+17
 *   SHEET_MONEY  "1234.56" (as the CSV writes yuan) -> the number 1234.56
 *                shown with two decimals (converted from exact integer fen);
 *                anything else (合计, "") as text
 *   SHEET_COUNT  "12" -> the number 12; anything else as text
 *   SHEET_MONTH  "2026-10" and dates: a text cell (no date conversion)
 * The workbook is written to a private temporary file (constant-memory mode
 * when asked: rows go to disk as they come, memory stays flat) and streamed.
 *
 * Adding .xlsx to a page that already makes a CSV takes a column table and
 * one call: either
 *   sheet_send_table(r, sheet_format(format) == 1, csv.p, csv.len, cols, n, "已审核数据.csv")
 * in place of web_send for a CSV built in a buffer (it is read back: ="…" cells unwrapped, the
 * CSV-injection ' prefix dropped), or, for a streamed table, sheet_begin,
 * sheet_row per row, sheet_send (or sheet_abort on an error).
 */
#ifndef PORTAL_WEB_SHEET_H
#define PORTAL_WEB_SHEET_H
#include <stddef.h>
#include "web/web.h"

#define SHEET_CONTENT_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

enum sheet_kind { SHEET_TEXT, SHEET_ID, SHEET_MONEY, SHEET_COUNT, SHEET_MONTH };

struct sheet_col { const char *title; enum sheet_kind kind; };

struct sheet_out {
    void *wb_, *ws_, *head_, *text_, *money_, *count_;   /* libxlsxwriter objects */
    const struct sheet_col *cols;
    size_t ncols;
    unsigned row;                  /* the next row to write (0: the header) */
    unsigned *width;               /* per column, in characters */
    char path[256];                /* the temporary file */
};

/* Starts a workbook with one sheet named sheet_name (<= 31 characters) and
 * the header row of cols[0..n). big: constant-memory mode. 0, or -1. */
int sheet_begin(struct sheet_out *s, const char *sheet_name, const struct sheet_col *cols,
                size_t n, int big);
/* One row: cells[0..n) (n <= the column count; NULL cells are empty). 0, or -1. */
int sheet_row(struct sheet_out *s, const char *const *cells, size_t n);
/* Closes the workbook and sends it as a 200 attachment named filename;
 * frees everything (also on failure). 0, or -1. */
int sheet_send(struct sheet_out *s, struct req *r, const char *filename);
/* Gives the workbook up (after a failure before sheet_send). */
void sheet_abort(struct sheet_out *s);

/* One row read back from a CSV the portal wrote (csv.h's reader: ="…"
 * already unwrapped): csv_put's CSV-injection ' dropped, missing cells empty.
 * 0, or -1. */
struct csv_row;
int sheet_csv_row(struct sheet_out *s, const struct csv_row *row);

/* For "….csv": the workbook's file name "….xlsx" and its sheet's name (the
 * file's without the extension, at most 31 characters, none of []:*?/\). */
void sheet_names(const char *csv_filename, char file[256], char name[128]);

/* The CSV csv[0..len) the page made (its header row first), as a workbook of
 * the columns cols[0..n) (their titles replace the CSV's header). 0, or -1. */
int sheet_send_csv(struct req *r, const char *csv, size_t len, const struct sheet_col *cols,
                   size_t n, const char *sheet_name, const char *filename);

/* What a page that builds its CSV in a buffer calls to answer either way:
 * xlsx 0 sends the CSV as csv_filename ("….csv"); xlsx 1 sends it as a
 * workbook named like it with .xlsx, its sheet named after the file (without
 * the extension, at most 31 characters). 0, or -1. */
int sheet_send_table(struct req *r, int xlsx, const char *csv, size_t len,
                     const struct sheet_col *cols, size_t n, const char *csv_filename);

/* A batch file's template (spec §9): the header row of cols (bold, frozen)
 * and, below it, `rows` empty rows whose SHEET_ID cells are pre-formatted as
 * text (@), so an ID typed or pasted there stays text. Sent as filename. */
#define SHEET_TEMPLATE_ROWS 2000
int sheet_send_template(struct req *r, const struct sheet_col *cols, size_t n, unsigned rows,
                        const char *sheet_name, const char *filename);

/* The format parameter of a download page: 1 for "xlsx", 0 for "csv" (or
 * none), -1 for anything else. */
int sheet_format(const char *format);

#endif
