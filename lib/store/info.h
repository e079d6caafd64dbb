/*
 * info — 单位信息维护 and 参保人员信息维护 (spec §7, issue 10 items 2-3), each
 * save one transaction with an optimistic lock (013_info: info_version):
 * the form carries the version it was read at; the save locks the row, and
 *   version changed meanwhile      -> MSG_INFO_CONFLICT, nothing written
 *   no field differs from the row  -> MSG_NO_CHANGE, nothing written
 *   else the changed fields are written, the version goes up by one and one
 *   declaration (单位信息维护 / 参保人员信息维护, period C) records the
 *   changed fields before and after; its result is `字段: 旧值 → 新值;…`.
 * Field validation is the page's (rules/info.h); these trust their input.
 *
 * A person "of this unit" (may be opened): a base record of the ID has an
 * enrolment in the unit, of any kind, active or ended, that covers a month
 * (as 单位参保人员信息查询). Editable only with exactly one base record and
 * while normally insured in this unit (§5's definition for S = C,
 * INSURED_FOR_START, restricted to the unit).
 */
#ifndef PORTAL_STORE_INFO_H
#define PORTAL_STORE_INFO_H
#include "store/store.h"
#include "rules/rules.h"

struct info_save {
    enum msg_id msg;          /* MSG_SAVED, MSG_NO_CHANGE, MSG_INFO_CONFLICT, … */
    int ok;                   /* 1 when written */
    int64_t decl_id;          /* the declaration (/declarations/ID) when ok */
};

struct sbind;
/* Appends to o the outputs of the unit's editable data and info_version, in the
 * order contact_name, contact_phone, address, bank_name, bank_account_name,
 * bank_account_no, legal_rep_phone, info_version (the save's lock and the session's read). */
void store_bind_unit_contact(struct sbind *o, struct unit_contact *c, int *version);

/* The form's data and version are read with the session (store_session_get_unit,
 * SESSION_WITH_CONTACT); the save locks the row and compares the version. */
int store_unit_info_save(struct store *s, const struct unit *u, const struct unit_contact *c,
                         int version, int period_ym, const struct portal_dt *now,
                         const char *operator_name, struct info_save *res);

struct person_edit {
    char name[101];           /* 姓名 */
    char phone[33];           /* 联系电话 */
    char address[301];        /* 居住地址 */
};

struct person_view {
    int found;                /* of this unit (see above); else nothing else is set */
    int base_records;         /* 1, or 2 for several */
    int editable;             /* one base record and normally insured here for S = C */
    char id_no[19];
    struct person_edit e;
    int version;
    int gender;               /* 1 男, 2 女 */
    struct ymd birth;
};

int store_person_view(struct store *s, int64_t unit_id, const char *id_no, int period_ym,
                      struct person_view *out);
/* The save, for the ID (canonical); msg MSG_PERSON_NOT_OF_UNIT,
 * MSG_DUPLICATE_BASE or MSG_PERSON_READ_ONLY when it cannot be edited. */
int store_person_info_save(struct store *s, const struct unit *u, const char *id_no,
                           const struct person_edit *e, int version, int period_ym,
                           const struct portal_dt *now, const char *operator_name,
                           struct info_save *res);

#endif
