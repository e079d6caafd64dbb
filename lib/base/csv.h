/*
 * csv — RFC 4180 writer and a tolerant reader for uploaded batch files.
 *
 * Writer: UTF-8 with BOM (Excel opens it correctly), CRLF line ends, fields
 * quoted when they contain , " CR LF or leading/trailing space (also TAB and
 * U+3000, which the reader would trim). A cell that must stay text in Excel
 * (an 18-digit 证件号码) is written as ="..." by csv_put_text, which Excel
 * shows as the digits and the reader accepts back.
 * Cells starting with = + - @ TAB CR are prefixed with a ' by csv_put, so a
 * hostile name cannot become a formula (CSV injection); a plain number such as
 * -12.50 is left alone. An empty first cell of a row is written as "" (the
 * writer finds the row start from the buffer's last byte).
 * Writer calls return 0, or -1 when memory is exhausted (nothing appended).
 *
 * Reader: input in UTF-8 (with or without BOM) or GB18030/GBK (detected: not
 * valid UTF-8 => decoded with iconv from GB18030; undecodable => CSV_EENCODING).
 * Tolerates CRLF or LF, trailing blank lines, spaces around cells, trailing
 * empty columns, quoted cells with "" escapes and embedded newlines, lone CR
 * line ends (old Mac Excel). Trimmed spaces are ASCII space, TAB and U+3000.
 * Single pass over one copy of the text; no per-cell allocation.
 */
#ifndef PORTAL_CSV_H
#define PORTAL_CSV_H
#include <stddef.h>
#include "base/buf.h"

/* ---- writer ---- */
int csv_begin(struct buf *out);                      /* writes the UTF-8 BOM */
int csv_put(struct buf *out, const char *cell);      /* appends a cell (adds the comma before it unless first in row) */
int csv_put_text(struct buf *out, const char *cell); /* ="cell": keeps digits as text in Excel */
int csv_end_row(struct buf *out);                    /* CRLF */
/* The start of a file: the BOM and the header row cells[0..n). On -1 the
 * buffer may hold part of it: the caller gives the buffer up. */
int csv_begin_with_header(struct buf *out, const char *const *cells, size_t n);

/* ---- reader ---- */
enum csv_err {
    CSV_OK = 0,
    CSV_EENCODING,   /* neither UTF-8 nor GB18030, or contains NUL bytes (binary) */
    CSV_EQUOTE,      /* unterminated quoted cell */
    CSV_ETOOMANYROWS,
    CSV_ETOOMANYCOLS,
    CSV_ECELL,       /* a cell longer than the limit */
    CSV_ENOMEM
};

struct csv_row {
    char  **cell;     /* trimmed UTF-8 cells; ="123" unwrapped to 123 */
    size_t  n;        /* cells after dropping trailing empty ones */
    size_t  line;     /* 1-based line number of the row's start in the file */
    unsigned long long numeric;  /* workbooks (xlsx.h): bit c set when cell c (< 64)
                                    was stored as a number; always 0 for CSV */
};

struct csv_doc {
    struct csv_row *row;    /* row[0] is the header; blank lines are skipped */
    size_t nrows;
    int was_gb18030;        /* 1 when the input was decoded from GB18030 */
    char *text_;            /* private: the storage of every cell */
    char **cells_;          /* private: the storage of every row's cell array */
};

/* max_rows counts the header; max_cell is in bytes after trimming and unwrapping ="…".
 * A NULL csv_limits means { 20001, 64, 1024 }. */
struct csv_limits { size_t max_rows; size_t max_cols; size_t max_cell; };

/* Parses a whole uploaded file. On error *out is empty and, when it makes sense,
 * *err_line is the 1-based line where the problem was found (else 0; err_line may
 * be NULL). Cells are lent: valid until csv_doc_free. */
enum csv_err csv_parse(const char *data, size_t len, const struct csv_limits *lim,
                       struct csv_doc *out, size_t *err_line);
void csv_doc_free(struct csv_doc *d);   /* accepts a zeroed doc; re-zeroes */

/* ---- stream reader ----
 * The same reader over a file that comes in pieces of any size (an export's
 * result inflated a room at a time): the bytes of a row are carried across
 * pieces until the row's unquoted line end (a quoted cell's newlines and ""
 * stay inside it), then that row is read by csv_parse — the same rules, one
 * row at a time — and handed to fn (its cells lent for the call; line counts
 * from the file's start). Memory holds one row, whatever the file's size.
 * The file is judged UTF-8 or GB18030 row by row (the portal's own files
 * are UTF-8). csv_stream_feed and csv_stream_finish return 0, -1 with err
 * and err_line set, or fn's non-zero return (it stops there). */
struct csv_stream {
    struct csv_limits lim;     /* max_rows over the whole file; a row's text may
                                  take max_cols * (2 * max_cell + 8) bytes */
    int (*fn)(const struct csv_row *row, void *arg);
    void *arg;
    enum csv_err err;
    size_t err_line;
    struct buf row_;           /* private: the row read so far */
    size_t line_, rows_, bom_;
    int state_;
};
void csv_stream_begin(struct csv_stream *s, const struct csv_limits *lim,
                      int (*fn)(const struct csv_row *row, void *arg), void *arg);
int csv_stream_feed(struct csv_stream *s, const char *data, size_t len);
int csv_stream_finish(struct csv_stream *s);       /* the last row, without a line end */
void csv_stream_end(struct csv_stream *s);         /* frees; safe on a zeroed one */

#endif
