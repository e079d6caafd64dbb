#include <string.h>
#include "rules/enrolment.h"

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
