/*
 * xlsx — the first worksheet of an uploaded Excel workbook (.xlsx), read with
 * libzip and expat into the same struct csv_doc the CSV reader fills, so one
 * row reader (web/upload.c) serves both (spec §9 "Excel both ways").
 *
 * Read: xl/workbook.xml's first <sheet> and its relationship (falling back to
 * xl/worksheets/sheet1.xml), xl/sharedStrings.xml (rich-text runs joined,
 * phonetic runs dropped), cells as shared strings, inline strings, formula
 * strings, booleans and numbers, empty cells, cells written out of order or
 * without an r attribute. Cells are trimmed like CSV cells (ASCII space, TAB,
 * U+3000); a number is written back as %.15g (Excel's 15 significant digits)
 * and its bit in csv_row.numeric is set. csv_row.line is the worksheet's row
 * number (what Excel shows); rows without a non-empty cell are skipped.
 *
 * Hostile input is refused before or while reading, never with more than
 * XLSX_MAX_INFLATED bytes inflated: more than XLSX_MAX_ENTRIES zip entries,
 * entries declared or found to expand past XLSX_MAX_INFLATED in all, any
 * DOCTYPE (so no entity declarations, no entity expansion), malformed XML,
 * encrypted zip entries, shared-string indexes out of range, more rows than
 * lim->max_rows (header included), cells past lim->max_cols, cells longer than
 * lim->max_cell bytes.
 */
#ifndef PORTAL_XLSX_H
#define PORTAL_XLSX_H
#include <stddef.h>
#include "base/csv.h"

#define XLSX_MAX_INFLATED (64u << 20)   /* 64 MB in all entries */
#define XLSX_MAX_ENTRIES  10000

/* What the first bytes of an upload say it is. */
enum xlsx_kind {
    XLSX_KIND_OTHER = 0,   /* read it as CSV */
    XLSX_KIND_ZIP,         /* PK\3\4: a workbook (or some other zip) */
    XLSX_KIND_OLE          /* D0 CF 11 E0: an old .xls or an encrypted .xlsx */
};
enum xlsx_kind xlsx_sniff(const char *data, size_t len);

/* For XLSX_KIND_OLE: 1 when the compound file holds an EncryptionInfo stream
 * (Excel's "encrypt with password" wraps the .xlsx this way), 0 for a .xls. */
int xlsx_ole_encrypted(const char *data, size_t len);

enum xlsx_err {
    XLSX_OK = 0,
    XLSX_ENOTZIP,      /* not a readable zip */
    XLSX_ENOSHEET,     /* a zip without a worksheet */
    XLSX_EENCRYPTED,   /* encrypted zip entries */
    XLSX_EBOMB,        /* too many entries or too much inflated */
    XLSX_EXML,         /* malformed XML or a DOCTYPE (entity declarations) */
    XLSX_ESST,         /* a shared-string index out of range (*err_line: its row) */
    XLSX_ETOOMANYROWS,
    XLSX_ETOOMANYCOLS, /* *err_line: the row */
    XLSX_ECELL,        /* a cell longer than lim->max_cell; *err_line: the row */
    XLSX_ENOMEM
};

/* Parses the workbook data[0..len). On error *out is empty and *err_line (may
 * be NULL) the worksheet row concerned, or 0. A NULL lim means csv.h's
 * defaults. Free *out with csv_doc_free. */
enum xlsx_err xlsx_parse(const char *data, size_t len, const struct csv_limits *lim,
                         struct csv_doc *out, size_t *err_line);

#endif
