/*
 * enrolment — small pure rules of the 参保登记 form (spec §4, §5) that are not
 * decisions of enroll_decide: which units may offer 公务员医疗保险, and the
 * shape of 姓名 and 联系电话. Pure; no allocation.
 */
#ifndef PORTAL_RULES_ENROLMENT_H
#define PORTAL_RULES_ENROLMENT_H

#include <stddef.h>

/* 1 when unit_type is one of the 机关事业单位 of spec §4 (机关, 全额拨款事业单位,
 * 差额拨款事业单位, 自收自支事业单位): only they may enrol in 320
 * (公务员医疗保险). 0 otherwise, also for NULL. */
int unit_is_public(const char *unit_type);

/* 姓名: 1..ENROL_NAME_MAX_CHARS UTF-8 characters (persons.name is
 * VARCHAR(100)), no control characters. The text is expected valid UTF-8 and
 * trimmed (the runtime guarantees both). 1 when acceptable. */
#define ENROL_NAME_MAX_CHARS 100
int enrol_name_valid(const char *name);

/* 联系电话: 7 to 20 characters, ASCII digits and '-' only, at least 7 digits,
 * not starting or ending with '-'. 1 when acceptable. */
int enrol_phone_valid(const char *phone);

#endif
