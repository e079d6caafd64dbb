/* hygiene — see hygiene.h. */
#include "rules/hygiene.h"

int text_clean(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    for (; p && *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return 0;
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)          /* U+0080–U+009F */
            return 0;
        if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)   /* U+202A–E */
            return 0;
        if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)   /* U+2066–9 */
            return 0;
    }
    return 1;
}
