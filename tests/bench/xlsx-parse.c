/*
 * tests/bench/xlsx-parse FILE.csv FILE.xlsx [ROUNDS] — the upload reader's parse time
 * of the same rows as CSV (csv_parse) and as a workbook (xlsx_parse), best of ROUNDS
 * (default 5) each, and the ratio xlsx / csv. Built and run by tests/bench/bench-excel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "base/csv.h"
#include "base/xlsx.h"

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long size;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0)
        exit(1);
    rewind(f);
    if (!(p = malloc((size_t)size + 1)) || fread(p, 1, (size_t)size, f) != (size_t)size)
        exit(1);
    fclose(f);
    *n = (size_t)size;
    return p;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    static const struct csv_limits lim = {20001, 64, 1024};
    int rounds = argc > 3 ? atoi(argv[3]) : 5;
    size_t nc, nx;
    char *c, *x;
    double best_c = 1e9, best_x = 1e9;
    size_t rows_c = 0, rows_x = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: xlsx-parse FILE.csv FILE.xlsx [ROUNDS]\n");
        return 2;
    }
    c = slurp(argv[1], &nc);
    x = slurp(argv[2], &nx);
    for (int i = 0; i < rounds; i++) {
        struct csv_doc d;
        double t0 = now(), t1;
        if (csv_parse(c, nc, &lim, &d, NULL) != CSV_OK)
            return 1;
        t1 = now();
        rows_c = d.nrows;
        csv_doc_free(&d);
        if (t1 - t0 < best_c)
            best_c = t1 - t0;
        t0 = now();
        if (xlsx_parse(x, nx, &lim, &d, NULL) != XLSX_OK)
            return 1;
        t1 = now();
        rows_x = d.nrows;
        csv_doc_free(&d);
        if (t1 - t0 < best_x)
            best_x = t1 - t0;
    }
    printf("excel: (a) upload parse: %zu rows as CSV (%zu bytes) %.4f s, as .xlsx (%zu bytes, %zu rows) %.4f s;"
           " ratio xlsx/csv %.2f\n", rows_c - 1, nc, best_c, nx, rows_x - 1, best_x, best_x / best_c);
    free(c);
    free(x);
    return 0;
}
