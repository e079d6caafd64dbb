#include <string.h>
#include "rules/enrolment.h"
#include "rules/hygiene.h"
#include "rules/money.h"

int unit_is_public(const char *unit_type)
{
    static const char *const public_types[] = {
        "机关", "全额拨款事业单位", "差额拨款事业单位", "自收自支事业单位"
    };

    if (!unit_type)
        return 0;
    for (size_t i = 0; i < sizeof public_types / sizeof public_types[0]; i++)
        if (strcmp(unit_type, public_types[i]) == 0)
            return 1;
    return 0;
}

const char *enrol_kind_name(enum enrol_kind kind)
{
    switch (kind) {
    case ENROL_KIND_WORKING: return "在职";
    case ENROL_KIND_RETIRED: return "退休";
    case ENROL_KIND_FLEXIBLE: return "灵活就业";
    }
    return "在职";
}

const char *enrol_person_type(enum enrol_kind kind, int civil_servant)
{
    switch (kind) {
    case ENROL_KIND_WORKING: return civil_servant ? "公务员在职" : "职工在职";
    case ENROL_KIND_RETIRED: return "退休人员";
    case ENROL_KIND_FLEXIBLE: return "灵活就业人员";
    }
    return "职工在职";
}

int enrol_takes_civil(enum enrol_kind kind, int civil_servant, const char *unit_type)
{
    return kind == ENROL_KIND_WORKING && civil_servant && unit_is_public(unit_type);
}

int enrol_name_valid(const char *name)
{
    size_t chars = 0;

    if (!name || !*name)
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return 0;
        if ((*p & 0xc0) != 0x80)   /* not a continuation byte: a new character */
            chars++;
    }
    return chars <= ENROL_NAME_MAX_CHARS;
}

int enrol_phone_valid(const char *phone)
{
    size_t n, digits = 0;

    if (!phone)
        return 0;
    n = strlen(phone);
    if (n < 7 || n > 20 || phone[0] == '-' || phone[n - 1] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (phone[i] >= '0' && phone[i] <= '9')
            digits++;
        else if (phone[i] != '-')
            return 0;
    }
    return digits >= 7;
}

const char *enrol_field_label(enum enrol_field f)
{
    static const char *const labels[ENROL_F__N] = {"证件号码", "姓名", "联系电话", "月申报工资"};
    return f < ENROL_F__N ? labels[f] : "";
}

enum msg_id enrol_wage_check(const char *wage, long long *fen)
{
    long long v = 0;

    switch (parse_money_typed(wage, &v)) {
    case MONEY_OK:
        if (v <= 0)
            return MSG_WAGE_INVALID;
        *fen = v;
        return MSG_OK;
    case MONEY_EMPTY: return MSG_FIELD_REQUIRED;
    case MONEY_NEGATIVE: return MSG_WAGE_NEGATIVE;
    case MONEY_DECIMALS: return MSG_WAGE_DECIMALS;
    case MONEY_TOO_LARGE: return MSG_WAGE_TOO_LARGE;
    case MONEY_BAD: break;
    }
    return MSG_WAGE_INVALID;
}

enum enrol_field enrol_fields_check(const char *id_no, const char *name, const char *phone,
                                    const char *wage, long long *wage_fen,
                                    enum msg_id out[ENROL_F__N])
{
    long long fen = 0;
    enum enrol_field first = ENROL_F__N;
    int f;

    out[ENROL_F_ID] = !id_no || !*id_no ? MSG_FIELD_REQUIRED
                      : text_clean(id_no) ? MSG_OK : MSG_TEXT_FORBIDDEN;
    out[ENROL_F_NAME] = !name || !*name ? MSG_FIELD_REQUIRED
                        : !text_clean(name) ? MSG_TEXT_FORBIDDEN
                        : enrol_name_valid(name) ? MSG_OK : MSG_FIELD_INVALID;
    out[ENROL_F_PHONE] = !phone || !*phone ? MSG_FIELD_REQUIRED
                         : !text_clean(phone) ? MSG_TEXT_FORBIDDEN
                         : enrol_phone_valid(phone) ? MSG_OK : MSG_FIELD_INVALID;
    out[ENROL_F_WAGE] = enrol_wage_check(wage, &fen);
    if (out[ENROL_F_WAGE] == MSG_OK)
        *wage_fen = fen;
    for (f = ENROL_F__N - 1; f >= 0; f--)
        if (out[f] != MSG_OK)
            first = (enum enrol_field)f;
    return first;
}
