/*
 * deck — a unit built like the deck's hospital (issue 4 item 3, issue 8 item
 * 3): 1,480 employees, integer-yuan wages inside 2022's limits totalling
 * 13,190,303 yuan, settled for 2022-08, whose 缴费通知单 is the deck's to the fen.
 */
#ifndef PORTAL_IT_DECK_H
#define PORTAL_IT_DECK_H
#include <stddef.h>

#define DECK_N 1480
#define DECK_TOTAL_YUAN 13190303LL

/* The wages in yuan: 387 of them ≡ 4 (mod 5), the rest ≡ 0, so that per-person
 * round-half-up of 0.8% gives the deck's 生育保险 figure (0.8% of w yuan is
 * 0.8w fen; residue 4 rounds 0.2 fen down, and the roundings must sum to
 * -77.4 fen = 387 x -0.2). */
void deck_wages(long long w[DECK_N]);
/* A new unit (差额拨款事业单位 named `name`) with the deck's employees enrolled
 * from 2022-01..08, and `portal-admin settle 2022-08` run (business date
 * 2022-08-07 then). The unit number into unit_no. */
void deck_unit(char *unit_no, size_t n, const char *name);

#endif
