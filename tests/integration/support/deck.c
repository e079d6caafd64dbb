/* deck — the deck-like hospital of the integration tests (deck.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "it.h"
#include "deck.h"

void deck_wages(long long w[DECK_N])
{
    long long fives = (DECK_TOTAL_YUAN - 387 * 4) / 5;
    long long q = fives / DECK_N, extra = fives % DECK_N;

    for (int i = 0; i < DECK_N; i++) {
        long long spread = (i / 2 % 600) * ((i % 2) ? -1 : 1);
        w[i] = 5 * (q + (i < extra) + spread) + (i % 3 == 1 && i / 3 < 387 ? 4 : 0);
    }
}

void deck_unit(char *unit_no, size_t n, const char *name)
{
    static long long w[DECK_N];
    struct buf csv = {0};
    char id[19];
    long long sum = 0;

    make_unit(unit_no, n, "差额拨款事业单位", name);
    deck_wages(w);
    for (int i = 0; i < DECK_N; i++) {
        ck_assert(w[i] >= 4250 && w[i] <= 21821);
        sum += w[i];
        make_id(id, 1970 + i / 336, 1 + (i / 28) % 12, 1 + i % 28, i % 2);
        ck_assert_int_eq(buf_printf(&csv, "%s,通知单员工%d,%s,在职,2022-0%d,%lld,\n", id, i,
                                    unit_no, 1 + i % 8, w[i]), 0);
    }
    ck_assert_int_eq(sum, DECK_TOTAL_YUAN);
    ck_assert_int_eq(import_persons(csv.p, NULL), 0);
    buf_free(&csv);
    set_today("2022-08-07");
    ck_assert_int_eq(admin("settle 2022-08"), 0);
}
