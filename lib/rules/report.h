/*
 * report — the rules of 报表打印 (spec §9 "Report decisions"): how rates are
 * printed, the order of the payment types, which notice rows show, the
 * 通知单据号, the 参保证明's 核验码 and how long it verifies, which months have
 * a report at all, and the wait after failed attempts (login and /verify).
 * Pure functions, no I/O; callers own every buffer.
 */
#ifndef PORTAL_RULES_REPORT_H
#define PORTAL_RULES_REPORT_H

#include <stddef.h>
#include "rules/calendar.h"

/* A rate as the reports print it: a percentage with two decimals from basis
 * points ("6.00%", "0.80%"), a fixed amount per person and month
 * ("5.00元/人·月"), both joined by "+" when a type has both, "0.00%" when it
 * has neither. bp >= 0, fixed_fen >= 0. Returns the length, or -1 when buf is
 * too small (buf then holds "" if n > 0). REPORT_RATE_MAX is always enough. */
#define REPORT_RATE_MAX 64
int report_rate_text(char *buf, size_t n, int bp, long long fixed_fen);

/* An amount as the printed reports show it: thousands separated, two
 * decimals ("1,300,048.92", "7,400.00", "0.05", "-1,234.50"). Returns the
 * length, or -1 when buf is too small (buf then holds "" if n > 0).
 * REPORT_FEN_MAX is always enough. */
#define REPORT_FEN_MAX 40
int report_fen_text(char *buf, size_t n, long long fen);

/* The order of payment types within one 险种 on every report: 正常应缴, 补缴,
 * 补差, then any other type (in their text's byte order, by the caller). */
int payment_type_rank(const char *payment_type);

/* 1 when a notice row (个人, 单位, 利息, 滞纳金, 其他) has any amount other than
 * zero: the notice leaves all-zero rows out, as the deck shows 4 rows. */
int notice_row_shown(long long person_fen, long long unit_fen, long long interest_fen,
                     long long late_fee_fen, long long other_fen);

/* 通知单据号: deterministic and unique per unit and month, shaped like the
 * deck's "104035 2208": the unit's serial (its id, at least 6 digits,
 * zero-padded) and the month as YYMM. serial >= 0, ym >= 0. Returns the
 * length, or -1 when buf is too small. NOTICE_NO_MAX is always enough. */
#define NOTICE_NO_MAX 32
int notice_number(char *buf, size_t n, long long unit_serial, int ym);

/* Which months have a report: the empty report (该费款所属期无缴费记录) for a
 * month after the current one or before the unit's first enrolment
 * (first_ym < 0: the unit has none, every month is before it). */
enum report_month { REPORT_MONTH_OK, REPORT_MONTH_FUTURE, REPORT_MONTH_BEFORE_FIRST };
enum report_month report_month_check(int ym, int current_ym, int first_ym);

/* The 核验码 of a 参保证明: VERIFY_CODE_LEN characters of a 32-letter alphabet
 * without 0, 1, I and O (60 bits), made from VERIFY_CODE_LEN random bytes
 * (each byte's low 5 bits pick a letter). out gets VERIFY_CODE_LEN + 1 bytes. */
#define VERIFY_CODE_LEN 12
void verify_code_make(const unsigned char random[VERIFY_CODE_LEN], char out[VERIFY_CODE_LEN + 1]);
/* A code as typed: exactly VERIFY_CODE_LEN letters of the alphabet, lower case
 * accepted (copied upper case into out). 0, or -1 for anything else (NULL,
 * other lengths, other characters): malformed. */
int verify_code_parse(const char *typed, char out[VERIFY_CODE_LEN + 1]);

/* A certificate verifies on its 制表日期 and the days after it, 180 in all:
 * 1 while 0 <= today - made_on < VERIFY_DAYS, else 0. */
#define VERIFY_DAYS 180
int certificate_verifies(struct ymd made_on, struct ymd today);
/* Days from 0001-01-01 (proleptic Gregorian) of a valid date. */
long ymd_days(struct ymd d);

/* The wait after failed attempts (the login's address rule, also /verify):
 * after `failures` (>= 1) failures within the window, the newest at `last`,
 * the next attempt waits delay * 2^(failures-1) seconds after it, at most cap.
 * Returns the time the wait ends (last itself when failures < 1). */
long long throttle_until(int failures, long long last, long long delay, long long cap);

#endif
