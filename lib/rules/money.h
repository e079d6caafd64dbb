/*
 * money — integer fen (分) everywhere, rates in basis points (1/10000).
 * No floating point. All functions are pure and write only caller-owned
 * buffers.
 */
#ifndef PORTAL_RULES_MONEY_H
#define PORTAL_RULES_MONEY_H

#include <stddef.h>

/* The largest amount a user may type: 99,999,999.99 yuan. */
#define MONEY_MAX_FEN 9999999999LL

/*
 * Strict yuan parser: one or more ASCII digits, optionally '.' and one or two
 * digits ("12", "12.3", "0.05", "0012.50"). Refused (-1, *fen untouched):
 * NULL, "", a sign, spaces, "12.", ".5", three decimals, thousands
 * separators, exponents, full-width digits, more than MONEY_MAX_FEN.
 * 0 on success.
 */
int parse_money_fen(const char *yuan, long long *fen);

/*
 * An amount as a clerk types it on a form or in a file cell (a wage): what
 * parse_money_fen accepts, and also surrounding spaces (ASCII, tab, U+3000,
 * U+00A0), a trailing 元, full-width digits, full-width '，' and '．', and
 * thousands separators in groups of three ("6,000", "1,234,567.5",
 * "６，０００．００元"). *fen is set only on MONEY_OK. Refused, by what is
 * wrong: nothing typed (MONEY_EMPTY), a minus sign (MONEY_NEGATIVE), more than
 * two decimals (MONEY_DECIMALS), more than MONEY_MAX_FEN (MONEY_TOO_LARGE),
 * anything else (MONEY_BAD: letters, a sign '+', "6,00", "12.", ".5", "1e5",
 * spaces inside).
 */
enum money_typed { MONEY_OK, MONEY_EMPTY, MONEY_NEGATIVE, MONEY_DECIMALS, MONEY_TOO_LARGE,
                   MONEY_BAD };
enum money_typed parse_money_typed(const char *text, long long *fen);

/*
 * "1234.50", "0.05", "-3.20" (two decimals always, no separators).
 * Returns the length written (without NUL), or -1 when buf is NULL or n is
 * too small (buf then holds "" if n > 0). FORMAT_FEN_MAX is always enough.
 */
#define FORMAT_FEN_MAX 24
int format_fen(char *buf, size_t n, long long fen);

/*
 * round_half_up(base_fen * bp / 10000), exact integer arithmetic.
 * Meant for base_fen >= 0 and bp >= 0; negative inputs round half away from
 * zero (symmetric). |base_fen * bp| must fit in long long (any base up to
 * 10^12 fen with bp up to 10^6 does).
 */
long long amount_fen(long long base_fen, int bp);

/*
 * Rate as a decimal fraction with 4 places, as the agency's reports print
 * it: 600 bp -> "0.0600", 80 -> "0.0080", 0 -> "0.0000", 10000 -> "1.0000".
 * bp >= 0. Returns the length, or -1 when it does not fit.
 */
int format_rate_bp(char *buf, size_t n, int bp);

/*
 * 人民币大写 per the People's Bank rules for bills (spec §4):
 *   1300048.92 -> 壹佰叁拾万零肆拾捌圆玖角贰分, 100 -> 壹佰圆整, 0.05 -> 伍分,
 *   0 -> 零圆整.
 * Accepts 0 <= fen < RMB_UPPER_LIMIT_FEN (up to 9999亿 yuan).
 * Returns 0, or -1 for a negative/too large amount or a buffer too small
 * (buf then holds "" if n > 0). RMB_UPPER_MAX bytes are always enough.
 */
#define RMB_UPPER_LIMIT_FEN 100000000000000LL
#define RMB_UPPER_MAX 256
int rmb_upper(long long fen, char *buf, size_t n);

#endif
