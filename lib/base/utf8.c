/* utf8 — see utf8.h. */
#include "base/utf8.h"

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            if (c == 0)
                return 0;
            p++;
            continue;
        }
        if (c < 0xC2 || c > 0xF4)   /* continuation byte, overlong lead C0/C1, > U+10FFFF */
            return 0;
        if (c < 0xE0) {
            if (end - p < 2 || (p[1] & 0xC0) != 0x80)
                return 0;
            p += 2;
        } else if (c < 0xF0) {
            if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
                return 0;
            if (c == 0xE0 && p[1] < 0xA0)   /* overlong */
                return 0;
            if (c == 0xED && p[1] > 0x9F)   /* UTF-16 surrogates */
                return 0;
            p += 3;
        } else {
            if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
                (p[3] & 0xC0) != 0x80)
                return 0;
            if (c == 0xF0 && p[1] < 0x90)   /* overlong */
                return 0;
            if (c == 0xF4 && p[1] > 0x8F)   /* > U+10FFFF */
                return 0;
            p += 4;
        }
    }
    return 1;
}
