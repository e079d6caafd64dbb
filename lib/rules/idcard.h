/*
 * idcard — 18-character resident ID numbers (GB 11643, spec §4).
 * Pure; writes only caller-owned buffers.
 */
#ifndef PORTAL_RULES_IDCARD_H
#define PORTAL_RULES_IDCARD_H

#include <stddef.h>

#include "rules/calendar.h"

enum id_result {
    ID_OK = 0,
    ID_EFORMAT,    /* not 17 digits + digit/X/x, or NULL */
    ID_ECHECKSUM,  /* the 18th character is not the GB 11643 check character */
    ID_EBIRTH      /* digits 7-14 are not a calendar date (year >= 1800);
                      a future birth date is the caller's concern */
};

struct id_info {
    struct ymd birth;
    int male;          /* 1 when digit 17 is odd */
};

/*
 * Checks `in` (exactly 18 characters; no trimming is done here). Checks run
 * in the enum's order: format, checksum, birth date.
 * On ID_OK, out (if not NULL) receives the canonical form (a lower-case x
 * upper-cased, NUL-terminated) and info (if not NULL) the birth date and
 * gender. On failure out (if not NULL) is set to "" and info is not written.
 */
enum id_result id_check(const char *in, char out[19], struct id_info *info);

/* The check character ('0'..'9' or 'X') for 17 digits; '\0' if any of the
 * 17 characters is not an ASCII digit. Reads exactly 17 bytes. */
char id_check_char(const char first17[17]);

/*
 * 1 when a spreadsheet cell looks like an ID that Excel turned into a number
 * and so lost digits (spec §9), else 0 (also for NULL):
 *  - scientific notation with a 15-18 digit magnitude: "3.20501E+17",
 *    "3.20501e17", "3E+17";
 *  - 18 digits ending in "000" that fail the checksum (a Number-formatted
 *    column keeps 15 significant digits, then zeros);
 *  - 15 to 18 digits followed by ".0".
 * Cells are expected trimmed. A valid ID is never reported as mangled: one
 * mangled ID in 11 passes the checksum by chance (the spec's own example
 * 320501199001011000 does), and about one real ID in 1100 ends in "000", so
 * a single such cell cannot be judged; see id_excel_column_mangled.
 */
int id_excel_mangled(const char *cell);

/* 1 when the cell is 18 digits ending in "000", whatever the checksum. */
int id_excel_suspect(const char *cell);

/*
 * For a whole file's ID column: 1 when `suspects` (cells for which
 * id_excel_suspect is 1) look like a Number-formatted column rather than the
 * rare real IDs ending in 000: at least 2 of them and more than half of the
 * `rows` non-empty ID cells. Refuse a file when this is 1 or when any cell is
 * id_excel_mangled.
 */
int id_excel_column_mangled(size_t rows, size_t suspects);

#endif
