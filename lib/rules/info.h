/*
 * info — the rules of 信息变更 (spec §7, issue 10) that need no database:
 * the fields of 单位信息维护 and 参保人员信息维护 (phones, bank account, texts),
 * the change list `字段: 旧值 → 新值` of their declarations, and the row
 * decision of 工资年度申报 over the facts the store gathers. Pure.
 */
#ifndef PORTAL_RULES_INFO_H
#define PORTAL_RULES_INFO_H

#include <stddef.h>
#include "rules/messages.h"

/* A phone (spec §7): 7–20 digits, '-' allowed between digits (0512-6523-1234),
 * which includes an 11-digit mobile starting with 1. "" (not registered) is
 * allowed. MSG_OK or MSG_INFO_PHONE (a format taking the field's label). */
enum msg_id info_phone_check(const char *s);
/* A bank account number: 8–32 digits, nothing else; "" allowed. MSG_OK or
 * MSG_INFO_BANK_ACCOUNT (label). */
enum msg_id info_bank_account_check(const char *s);
/* A free text field: no control or bidi characters (text_clean), at most
 * max_chars UTF-8 characters. MSG_OK, MSG_TEXT_FORBIDDEN or MSG_INFO_TOO_LONG
 * (each takes the label). NULL is "". */
enum msg_id info_text_check(const char *s, size_t max_chars);

/* One changed field of a maintenance declaration. */
struct info_change {
    const char *label;        /* 联系电话 */
    const char *before, *after;   /* "" shows as 未登记 */
};
/* "联系电话: 0512-1 → 0512-2;地址: 未登记 → 苏州市…" into buf (the declaration's
 * result, 已审核数据查询 shows it). Values longer than value_max bytes are cut
 * at a character boundary with "…" (the before/after data keep them whole).
 * 0, or -1 when buf is too small (buf then holds what fitted). */
int info_changes_text(const struct info_change *c, size_t n, size_t value_max, char *buf,
                      size_t cap);

/* 工资年度申报, one row (spec §7), in the spec's order: the cells' hygiene,
 * the ID's checksum, normally insured in this unit for Y-01, the registered
 * name, a positive wage. */
struct wages_row_facts {
    enum msg_id cells;        /* MSG_OK, or MSG_TEXT_FORBIDDEN for a cell */
    int id_ok;                /* the 证件号码 passes GB 11643 */
    int base_records;         /* base records of the ID: 0, 1 or 2 (several) */
    int insured;              /* normally insured in this unit for Y-01 */
    int name_match;           /* 姓名 equals the registered name */
    enum msg_id wage;         /* enrol_wage_check's verdict on the 月申报工资 */
};
/* The first failing rule's message, or MSG_OK. */
enum msg_id wages_decide_row(const struct wages_row_facts *f);

#endif
