/*
 * tests/bench/xlsx-make IN.csv OUT.xlsx — the rows of a batch CSV (UTF-8 with BOM,
 * the template's header) as a workbook the way a clerk's would be: 证件号码 and
 * 联系电话 text cells, 月申报工资 numbers. Built and run by tests/bench/bench-excel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>
#include "base/csv.h"

int main(int argc, char **argv)
{
    static const struct csv_limits lim = {20001, 64, 1024};
    struct csv_doc d;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *text;
    FILE *f;
    char *p;
    long n;

    if (argc < 3 || !(f = fopen(argv[1], "rb")))
        return 2;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    p = malloc((size_t)n);
    if (!p || fread(p, 1, (size_t)n, f) != (size_t)n || csv_parse(p, (size_t)n, &lim, &d, NULL) != CSV_OK)
        return 1;
    fclose(f);
    wb = workbook_new(argv[2]);
    ws = workbook_add_worksheet(wb, "批量增员");
    text = workbook_add_format(wb);
    format_set_num_format_index(text, 49);
    for (size_t i = 0; i < d.nrows; i++)
        for (size_t c = 0; c < d.row[i].n; c++) {
            const char *v = d.row[i].cell[c];
            if (i > 0 && c == 2)
                worksheet_write_number(ws, (lxw_row_t)i, (lxw_col_t)c, atof(v), NULL);
            else
                worksheet_write_string(ws, (lxw_row_t)i, (lxw_col_t)c, v, c == 0 || c == 3 ? text : NULL);
        }
    csv_doc_free(&d);
    free(p);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
