/*
 * unit_info — the unit's insurance types as 单位信息查询 shows them (spec §9
 * item 3). The unit's own data is store_unit_by_id, store_unit_contact_get
 * and store_unit_created_at (store.h).
 */
#ifndef PORTAL_STORE_UNIT_INFO_H
#define PORTAL_STORE_UNIT_INFO_H
#include "store/store.h"

/* One insurance type the unit has ever had an enrolment in (covering a month). */
struct unit_type_info {
    char code[4];
    char name[101];
    int first_month;          /* 参保日期: the earliest start month (ym) */
    int active;               /* 1 while any enrolment of the unit in it is active */
    long employees;           /* persons 在职 active now (INSURED_ACTIVE_NOW) */
    long retirees;            /* persons 退休 active now */
};

/* The unit's types in display order into out[0..max); *n how many. An
 * index-only scan of the unit's enrolments (010_query:
 * ix_enrolments_unit_types). 0 or STORE_ERR. */
#define UNIT_TYPES_MAX 16
int store_unit_types(struct store *s, int64_t unit_id, struct unit_type_info *out, size_t max,
                     size_t *n);

#endif
