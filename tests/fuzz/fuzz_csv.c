/*
 * Fuzz harness: csv_parse, plus a writer round trip: a parsed document written
 * back with csv_put and parsed again gives the same cells (for rows whose
 * cells the formula guard leaves alone).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "web/form.h"

static int guarded(const char *c)
{
    return c[0] && strchr("=+-@\t\r", c[0]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct csv_limits lim = { 200, 16, 256 };
    struct csv_doc d, d2;
    struct buf b = { 0 };
    size_t i, j, line = 0, prev = 0, kept = 0;

    if (csv_parse((const char *)data, size, &lim, &d, &line) != CSV_OK) {
        if (d.row || d.nrows)
            abort();
        return 0;
    }
    if (d.nrows > lim.max_rows)
        abort();
    csv_begin(&b);
    for (i = 0; i < d.nrows; i++) {
        const struct csv_row *r = &d.row[i];
        int skip = 0;
        if (r->n == 0 || r->n > lim.max_cols || r->line <= prev || r->cell[r->n - 1][0] == '\0')
            abort();
        prev = r->line;
        for (j = 0; j < r->n; j++) {
            size_t n = strlen(r->cell[j]);
            if (n > lim.max_cell || !utf8_valid(r->cell[j], n))
                abort();
            if (guarded(r->cell[j]))
                skip = 1;
        }
        if (skip)
            continue;
        for (j = 0; j < r->n; j++)
            csv_put(&b, r->cell[j]);
        csv_end_row(&b);
        kept++;
    }
    if (csv_parse(b.p, b.len, &lim, &d2, NULL) != CSV_OK || d2.nrows != kept || d2.was_gb18030)
        abort();
    for (i = 0, j = 0; i < d.nrows; i++) {
        const struct csv_row *r = &d.row[i];
        size_t k, skip = 0;
        for (k = 0; k < r->n; k++)
            if (guarded(r->cell[k]))
                skip = 1;
        if (skip)
            continue;
        if (d2.row[j].n != r->n)
            abort();
        for (k = 0; k < r->n; k++)
            if (strcmp(d2.row[j].cell[k], r->cell[k]) != 0)
                abort();
        j++;
    }
    csv_doc_free(&d2);
    csv_doc_free(&d);
    buf_free(&b);
    return 0;
}
