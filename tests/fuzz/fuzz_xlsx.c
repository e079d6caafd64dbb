/*
 * Fuzz harness: xlsx_parse, the workbook reader of .xlsx uploads (libzip +
 * expat). Whatever the bytes: no crash, no leak, an error leaves the document
 * empty, and a document read obeys the limits: rows in increasing worksheet
 * row order, each with 1..max_cols cells, the last one non-empty, every cell
 * valid UTF-8 within max_cell bytes, numeric bits only on cells that exist.
 * Seeds: tests/fuzz/seeds/xlsx (written by libxlsxwriter and by hand).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct csv_limits lim = { 200, 16, 256 };
    struct csv_doc d;
    size_t line = 0, prev = 0;

    if (xlsx_parse((const char *)data, size, &lim, &d, &line) != XLSX_OK) {
        if (d.row || d.nrows)
            abort();
        return 0;
    }
    if (d.nrows > lim.max_rows)
        abort();
    for (size_t i = 0; i < d.nrows; i++) {
        const struct csv_row *r = &d.row[i];
        if (r->n == 0 || r->n > lim.max_cols || r->line <= prev || r->cell[r->n - 1][0] == '\0')
            abort();
        if (r->n < 64 && (r->numeric >> r->n) != 0)
            abort();
        prev = r->line;
        for (size_t j = 0; j < r->n; j++) {
            size_t n = strlen(r->cell[j]);
            if (n > lim.max_cell || !utf8_valid(r->cell[j], n))
                abort();
        }
    }
    csv_doc_free(&d);
    return 0;
}
