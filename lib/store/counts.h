/*
 * counts — what pages show on every view, kept in the transaction that
 * changes it (issue 15 item 0; 014_speed): a page's cost must not grow with
 * the unit's size unless it shows that many rows.
 *
 *   unit_type_counts   per unit and 险种: enrolments covering a month, persons
 *                      ever enrolled, enrolments active now of kind 在职 and
 *                      退休 (home page, 单位信息查询, the roster's size)
 *   unit_month_totals  per unit, month, 险种 and 缴费类型: persons and the
 *                      sums of base, unit, person and account amounts
 *                      (单位缴费明细查询)
 *
 * EVERY WRITER of enrolments or contributions keeps them, in its own
 * transaction, through this file:
 *   - inserting enrolments: store_enrolment_add / store_enrolments_add do it
 *     themselves (store_unit_counts_enrolled);
 *   - changing or deleting a person's enrolments in a unit (停保, and any
 *     writer to come: 补缴删除, undo, person maintenance): call
 *     store_unit_counts_person(.., -1) before the change and (.., +1) after;
 *   - inserting contributions: store_totals_add (rows known in C: back-pay)
 *     or store_totals_add_range (a set-based insert: the settlement when
 *     some of its staged rows were not inserted) or store_totals_add_rows
 *     (a set-based insert of every row of a staged table: the settlement);
 *     deleting or changing contributions: store_totals_add with the rows'
 *     amounts negated (persons -1 per row removed).
 * `portal-admin recount` rebuilds both from the rows (data written by hand,
 * test fixtures).
 * SHARDS (022_galera_hot): every key of both tables has up to
 * STORE_COUNT_SHARDS rows; a transaction writes its deltas to the shard it
 * drew at store_begin (s->shard), recount and set-based writers to shard 0.
 * EVERY READER SUMS the rows of its key (GROUP BY / SUM): a key's row alone is
 * a part. So two nodes enrolling into one unit at once write one common row
 * only 1 time in 16 (Galera certifies by rows written), not every time.
 * All functions: 0 or STORE_ERR.
 */
#ifndef PORTAL_STORE_COUNTS_H
#define PORTAL_STORE_COUNTS_H
#include "store/store.h"

struct totals_sum;

/* Before inserting enrolment e in the n types codes[] (e->unit_id > 0). */
int store_unit_counts_enrolled(struct store *s, const struct enrolment_new *e,
                               const char (*codes)[4], size_t n);
/* Adds sign (+1 or -1) times what person_id's enrolments in unit_id count. */
int store_unit_counts_person(struct store *s, int64_t unit_id, int64_t person_id, int sign);

/* One contribution row, or a row removed (sign -1). */
struct totals_row {
    int month;                 /* ym */
    const char *type_code;
    int64_t base_fen, unit_fen, person_fen, account_fen;
};
/* Adds sign times rows[0..n), all of unit_id and payment_type. */
int store_totals_add(struct store *s, int64_t unit_id, const char *payment_type,
                     const struct totals_row *rows, size_t n, int sign);
/* Adds the contributions of month ym and payment_type with an id above
 * after_id: what one set-based INSERT just wrote, `rows` rows (its affected
 * rows; after_id read in the same transaction before it). On a Galera
 * cluster another node's rows may interleave with them (ids are not in
 * commit order across nodes): when the range holds any row of month ym but
 * the caller's `rows`, nothing is counted and the transaction fails as a
 * deadlock (1213), which store_tx runs again (then the other rows are the
 * caller's "already there"). Exact, never an estimate. One read of the rows
 * (grouped by unit and type); sum, when not NULL, gets their number
 * (persons) and their unit_fen and person_fen (the caller's run sums), so
 * the caller need not read them again. */
int store_totals_add_range(struct store *s, int ym, const char *payment_type, int64_t after_id,
                           uint64_t rows, struct totals_sum *sum);

/* Adds the rows of the caller's temporary table `table` (a constant name;
 * columns unit_id, type_code, base_fen, unit_fen, person_fen, account_fen),
 * each one contribution of month ym and payment_type that the caller has
 * inserted, every one of them (the settlement: its staged rows, when the
 * charge's affected rows equal their number). One grouped read of the
 * table, not of contributions. */
int store_totals_add_rows(struct store *s, int ym, const char *payment_type, const char *table);

/* Batch writers (the batch worker's chunk, store/enrol_batch.c): what many
 * rows changed, summed in C, in one statement per table and chunk instead of
 * one per row. The caller computes the same deltas the per-row functions
 * above would have added (store_unit_counts_enrolled's rules: an enrolment
 * covering a month counts in enrolments, a person new to the type in the
 * unit in persons, an active 在职/退休 one in employees/retirees). */
struct counts_delta {
    const char *type_code;
    long enrolments, persons, employees, retirees;
};
/* Adds d[0..n) (distinct types) to unit_id's unit_type_counts. */
int store_unit_counts_add(struct store *s, int64_t unit_id, const struct counts_delta *d,
                          size_t n);
/* Contributions summed by (month, type): persons is the number of rows. */
struct totals_sum {
    int month;                 /* ym */
    const char *type_code;
    long persons;
    int64_t base_fen, unit_fen, person_fen, account_fen;
};
/* Adds rows[0..n) (distinct (month, type)) to unit_id's unit_month_totals. */
int store_totals_add_sums(struct store *s, int64_t unit_id, const char *payment_type,
                          const struct totals_sum *rows, size_t n);

/* Rebuilds both tables from the rows, for unit_id (<= 0: every unit). */
int store_counts_recount(struct store *s, int64_t unit_id);

#endif
