/*
 * export — 职工缴费明细导出 (spec §9 item 7): a unit's contributions of one
 * month, read for the export job of the worker (cgi/worker/export.c).
 *
 * The export reads one consistent snapshot: store_export_begin opens a
 * read-only transaction WITH CONSISTENT SNAPSHOT and counts the rows;
 * store_export_rows streams them (unbuffered: rows leave the server as the
 * caller consumes them, nothing else may run on this connection meanwhile);
 * store_export_end closes the transaction. Order: 证件号码, then the
 * insurance types' sort order, then 缴费类型.
 *
 * Every function returns 0, STORE_NOTFOUND or STORE_ERR (store.h).
 */
#ifndef PORTAL_STORE_EXPORT_H
#define PORTAL_STORE_EXPORT_H
#include <stdint.h>
#include "store/store.h"

struct export_row {
    char id_no[19];
    char name[101];
    char type_name[101];       /* 险种 */
    char payment_type[33];     /* 缴费类型: 正常应缴 / 补缴 */
    int64_t base_fen, unit_fen, person_fen, account_fen;
};

/* Opens the snapshot and counts the unit's rows of month ym and type ("" = all). */
int store_export_begin(struct store *s, int64_t unit_id, int ym, const char *type,
                       long *count);
/* Inside the snapshot: fn for each row in order; fn returns 0 to go on
 * (non-zero stops the stream: the rest is drained). */
int store_export_rows(struct store *s, int64_t unit_id, int ym, const char *type,
                      int (*fn)(const struct export_row *row, void *arg), void *arg);
/* Ends the snapshot (commit: it wrote nothing). */
int store_export_end(struct store *s);

#endif
