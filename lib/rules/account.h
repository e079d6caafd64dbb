/*
 * account — the rules of 经办人 accounts and passwords (spec §7b). Pure.
 */
#ifndef PORTAL_RULES_ACCOUNT_H
#define PORTAL_RULES_ACCOUNT_H

#include <stddef.h>
#include "rules/messages.h"
#include "rules/calendar.h"

#define PASSWORD_MIN 10      /* characters (bytes of ASCII; any UTF-8 counts per character) */
#define PASSWORD_MAX 64
#define ACCOUNT_LOGIN_MAX 32

/* The password rule, applied whenever a password is set or changed: at
 * least PASSWORD_MIN characters (at most PASSWORD_MAX), three of the four
 * classes upper, lower, digit, symbol (anything else printable: a Chinese
 * character counts as a symbol); it must not contain the 单位编号 nor the
 * 账号 (case-insensitive; an empty 账号 — the 管理员 — is not checked).
 * MSG_OK, or the first rule broken in that order: MSG_PW_TOO_SHORT,
 * MSG_PW_TOO_LONG, MSG_PW_CLASSES, MSG_PW_HAS_UNIT_NO, MSG_PW_HAS_LOGIN. */
enum msg_id password_rule(const char *pw, const char *unit_no, const char *login);

/* A 账号: 1..ACCOUNT_LOGIN_MAX ASCII letters and digits. 1 or 0. */
int account_login_valid(const char *login);

/* A 手机号: 11 digits starting with 1. 1 or 0. */
int mobile_valid(const char *phone);

/* The roles the 管理员 may give an account it adds: 经办人 and 查询. */
int account_role_addable(const char *role);

/* An initial password that passes password_rule for any 单位编号 of digits
 * and any 账号, made from `random` (at least 12 bytes of a good random
 * source): 12 characters from an alphabet without look-alikes (no 0/O,
 * 1/l/I), with an upper, a lower, a digit and a symbol. out holds 13 bytes. */
void account_initial_password(const unsigned char random[12], char out[13]);

/* ---- 本期待办 (the home page) ---- */

/* Whole minutes from a to b (negative when b is earlier). */
long long minutes_between(const struct portal_dt *a, const struct portal_dt *b);
/* "X天X小时X分钟" for a positive number of minutes ("不足1分钟" for 0 or
 * less is the caller's: the window is then closed). 0, or -1 when out is too
 * small. */
int format_time_left(char *out, size_t n, long long minutes);

/* ---- the end of a session (WCAG 2.2.1 timing adjustable, issue 17) ---- */

/* The warning comes this many seconds before the session ends (static/js/session.js). */
#define SESSION_WARN_SECONDS 120

/* When a session ends, in unix seconds: idle seconds after it was last seen, or life
 * seconds after it was created, whichever comes first. last_seen is the value after the
 * current request (the request itself counts as activity). */
long long session_ends_at(long long last_seen, long long created, long long idle, long long life);

#endif
