/*
 * enrolment — small pure rules of the 参保登记 form (spec §4, §5) that are not
 * decisions of enroll_decide: which units may offer 公务员医疗保险, and the
 * shape of 姓名 and 联系电话. Pure; no allocation.
 */
#ifndef PORTAL_RULES_ENROLMENT_H
#define PORTAL_RULES_ENROLMENT_H

#include <stddef.h>
#include "rules/messages.h"

/* 1 when unit_type is one of the 机关事业单位 of spec §4 (机关, 全额拨款事业单位,
 * 差额拨款事业单位, 自收自支事业单位): only they may enrol in 320
 * (公务员医疗保险). 0 otherwise, also for NULL. */
int unit_is_public(const char *unit_type);

/* The kinds of an enrolment (enrolments.kind). */
enum enrol_kind { ENROL_KIND_WORKING, ENROL_KIND_RETIRED, ENROL_KIND_FLEXIBLE };

/* The kind as stored: 在职, 退休, 灵活就业. */
const char *enrol_kind_name(enum enrol_kind kind);

/* The person type of an enrolment (enrolments.person_type): 公务员在职 or
 * 职工在职 for 在职 (civil_servant: the person is a 公务员), 退休人员,
 * 灵活就业人员. The same for the portal's 参保登记 and the legacy import. */
const char *enrol_person_type(enum enrol_kind kind, int civil_servant);

/* 1 when an enrolment takes 公务员医疗保险 (320) besides the mandatory types:
 * a 公务员 enrolled 在职 in a 机关事业单位 (unit_is_public). 0 otherwise. */
int enrol_takes_civil(enum enrol_kind kind, int civil_servant, const char *unit_type);

/* 姓名: 1..ENROL_NAME_MAX_CHARS UTF-8 characters (persons.name is
 * VARCHAR(100)), no control characters. The text is expected valid UTF-8 and
 * trimmed (the runtime guarantees both). 1 when acceptable. */
#define ENROL_NAME_MAX_CHARS 100
int enrol_name_valid(const char *name);

/* 联系电话: 7 to 20 characters, ASCII digits and '-' only, at least 7 digits,
 * not starting or ending with '-'. 1 when acceptable. */
int enrol_phone_valid(const char *phone);

/* The typed person fields of one enrolment — a form or a batch file row — in
 * the form's order. */
enum enrol_field { ENROL_F_ID, ENROL_F_NAME, ENROL_F_PHONE, ENROL_F_WAGE, ENROL_F__N };

/* The field's label as field messages quote it (证件号码, 姓名, 联系电话, 月申报工资). */
const char *enrol_field_label(enum enrol_field f);

/* 月申报工资 as typed on the form or in a file row (parse_money_typed: "6,000",
 * "６０００", "6000元", spaces around), more than 0: MSG_OK with *fen set;
 * MSG_FIELD_REQUIRED when nothing is typed; else the message saying what a
 * valid amount looks like (MSG_WAGE_INVALID, _NEGATIVE, _DECIMALS,
 * _TOO_LARGE; plain texts). */
enum msg_id enrol_wage_check(const char *wage, long long *fen);

/* Checks the fields' shape (the spec's rules come later, in enroll_decide):
 * NULL or "" is missing. out[f] becomes MSG_OK, MSG_FIELD_REQUIRED,
 * MSG_TEXT_FORBIDDEN (证件号码, 姓名, 联系电话 failing text_clean: spec §10's
 * input hygiene, for a form's fields and a batch row's cells alike),
 * MSG_FIELD_INVALID, or for the wage enrol_wage_check's message; *wage_fen
 * is set when the wage is valid (more than 0).
 * Returns the first field with a problem, or ENROL_F__N when all are fine.
 * The 证件号码 is only required here: its checksum is a spec rule. */
enum enrol_field enrol_fields_check(const char *id_no, const char *name, const char *phone,
                                    const char *wage, long long *wage_fen,
                                    enum msg_id out[ENROL_F__N]);

#endif
