/*
 * person_info — one person as 单位参保人员信息查询 shows it (spec §9 item 2):
 * the base record and the enrolments of the session's unit only.
 *
 * "Of this unit" means: a base record of the 证件号码 with at least one
 * enrolment in unit_id (any kind, active or ended) that covers a month
 * (INSURED_COVERS_A_MONTH; an enrolment 补缴删除 left with its start after
 * its end never insured the person here). A person insured only elsewhere
 * and an ID unknown to the portal are the same STORE_NOTFOUND, from the same
 * one statement.
 */
#ifndef PORTAL_STORE_PERSON_INFO_H
#define PORTAL_STORE_PERSON_INFO_H
#include "store/store.h"

struct person_info {
    int64_t person_id;
    char name[101];
    char phone[33];
    char address[301];        /* 居住地 */
    char person_type[17];     /* 人员类别: that of the newest enrolment in the unit */
};

/* The base record of id_no (18 characters, canonical) that is of unit_id; of
 * several such records (legacy duplicates) the one enrolled here last.
 * 0, STORE_NOTFOUND (not of this unit, or no such ID), STORE_ERR. */
int store_person_of_unit(struct store *s, int64_t unit_id, const char *id_no,
                         struct person_info *out);

/* One enrolment of the person in the unit, with the declared wage in force in
 * month `ym` (the page's current month) and that month's base limits. */
struct person_enrolment {
    char type_code[4];
    char type_name[101];
    char kind[9];             /* 在职 / 退休 */
    char status[16];          /* 参保缴费 / 暂停缴费 / 终止参保 */
    int start_month;          /* ym */
    struct ymd end_date;      /* y == 0: none */
    int covers_month;         /* 1 when kind 在职 and it covers month ym
                                 (INSURED_COVERING_MONTH) */
    int64_t wage_fen;         /* the declared wage in force in ym as settlement
                                 reads it (settle.h: the latest row from ym
                                 back, else the earliest); -1: none */
    int64_t lower_fen, upper_fen;  /* ym's limits; -1 when none loaded */
};

/* The person's enrolments in unit_id that cover a month, in the types'
 * display order, newest first within a type; at most max into out. fills *n.
 * 0 or STORE_ERR. */
#define PERSON_ENROLMENTS_MAX 32
int store_person_enrolments(struct store *s, int64_t unit_id, int64_t person_id, int ym,
                            struct person_enrolment *out, size_t max, size_t *n);

#endif
