#include "rules/money.h"

#include <stdio.h>
#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int parse_money_fen(const char *s, long long *fen)
{
    long long yuan = 0, cents = 0;
    int ndig = 0;

    if (!s || !fen)
        return -1;
    for (; is_digit(*s); s++, ndig++) {
        yuan = yuan * 10 + (*s - '0');
        if (yuan > MONEY_MAX_FEN / 100)
            return -1;
    }
    if (ndig == 0)
        return -1;
    if (*s == '.') {
        int k = 0;

        for (s++; k < 2 && is_digit(*s); s++, k++)
            cents = cents * 10 + (*s - '0');
        if (k == 0)
            return -1;
        if (k == 1)
            cents *= 10;
    }
    if (*s != '\0')
        return -1;
    *fen = yuan * 100 + cents;
    return 0;
}

int format_fen(char *buf, size_t n, long long fen)
{
    /* Magnitude as unsigned so that LLONG_MIN does not overflow. */
    unsigned long long mag = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
    int len;

    if (!buf || n == 0)
        return -1;
    len = snprintf(buf, n, "%s%llu.%02llu", fen < 0 ? "-" : "", mag / 100, mag % 100);
    if (len < 0 || (size_t)len >= n) {
        buf[0] = '\0';
        return -1;
    }
    return len;
}

long long amount_fen(long long base_fen, int bp)
{
    long long p = base_fen * (long long)bp;

    if (p >= 0)
        return (p + 5000) / 10000;
    return -((-p + 5000) / 10000);
}

int format_rate_bp(char *buf, size_t n, int bp)
{
    int len;

    if (!buf || n == 0 || bp < 0)
        return -1;
    len = snprintf(buf, n, "%d.%04d", bp / 10000, bp % 10000);
    if (len < 0 || (size_t)len >= n) {
        buf[0] = '\0';
        return -1;
    }
    return len;
}

/* ---- 人民币大写 ------------------------------------------------------------ */

static const char *const DIGIT_CN[10] = {
    "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"
};
static const char *const PLACE_CN[4] = {"", "拾", "佰", "仟"};
static const char *const SECTION_CN[3] = {"", "万", "亿"};

struct sbuf {
    char *p;
    size_t n, len;
    int overflow;
};

static void put(struct sbuf *b, const char *s)
{
    size_t l = strlen(s);

    if (b->overflow || b->len + l + 1 > b->n) {
        b->overflow = 1;
        return;
    }
    memcpy(b->p + b->len, s, l + 1);
    b->len += l;
}

/*
 * The yuan part, y > 0. A run of zeros inside the number is one 零, written
 * when the next non-zero digit comes. Zeros at the end of a 万/亿 section are
 * not a run by themselves (107000 is 壹拾万柒仟), so the pending 零 is dropped
 * when a non-empty section closes; an all-zero section keeps it pending
 * (100000001 is 壹亿零壹).
 */
static void put_yuan(struct sbuf *b, long long y)
{
    int digits[12], len = 0;
    int pending_zero = 0, section_nonzero = 0;

    for (; y > 0; y /= 10)
        digits[len++] = (int)(y % 10);
    for (int i = len - 1; i >= 0; i--) {
        if (digits[i] == 0) {
            pending_zero = 1;
        } else {
            if (pending_zero)
                put(b, DIGIT_CN[0]);
            pending_zero = 0;
            put(b, DIGIT_CN[digits[i]]);
            put(b, PLACE_CN[i % 4]);
            section_nonzero = 1;
        }
        if (i % 4 == 0 && i > 0 && section_nonzero) {
            put(b, SECTION_CN[i / 4]);
            section_nonzero = 0;
            pending_zero = 0;
        }
    }
}

int rmb_upper(long long fen, char *buf, size_t n)
{
    struct sbuf b = {buf, n, 0, 0};
    long long yuan;
    int jiao, fen_digit;

    if (!buf || n == 0)
        return -1;
    buf[0] = '\0';
    if (fen < 0 || fen >= RMB_UPPER_LIMIT_FEN)
        return -1;
    if (fen == 0) {
        put(&b, "零圆整");
    } else {
        yuan = fen / 100;
        jiao = (int)(fen / 10 % 10);
        fen_digit = (int)(fen % 10);
        if (yuan > 0) {
            put_yuan(&b, yuan);
            put(&b, "圆");
        }
        if (jiao == 0 && fen_digit == 0) {
            put(&b, "整");
        } else {
            if (jiao > 0) {
                if (yuan > 0 && yuan % 10 == 0)
                    put(&b, DIGIT_CN[0]);
                put(&b, DIGIT_CN[jiao]);
                put(&b, "角");
            }
            if (fen_digit > 0) {
                if (jiao == 0 && yuan > 0)
                    put(&b, DIGIT_CN[0]);
                put(&b, DIGIT_CN[fen_digit]);
                put(&b, "分");
            }
        }
    }
    if (b.overflow) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}

/* ---- an amount as typed ------------------------------------------------------ */

/* Bytes of the space character at p (ASCII space or tab, U+00A0, U+3000), or 0. */
static size_t space_len(const unsigned char *p)
{
    if (*p == ' ' || *p == '\t')
        return 1;
    if (p[0] == 0xc2 && p[1] == 0xa0)
        return 2;
    if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    return 0;
}

/* The same for the space character that ends s[0..n), or 0. */
static size_t space_len_before(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        return 1;
    if (n >= 2 && space_len(s + n - 2) == 2)
        return 2;
    if (n >= 3 && space_len(s + n - 3) == 3)
        return 3;
    return 0;
}

/* s[0..n) with full-width digits, '，', '．' and '－' made ASCII into out
 * (cap bytes); any other non-ASCII character becomes '?'. -1 when too long. */
static int to_ascii(const unsigned char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;

    while (i < n) {
        char c = (char)s[i];
        if (i + 2 < n && s[i] == 0xef && s[i + 1] == 0xbc && s[i + 2] >= 0x8c &&
            s[i + 2] <= 0x99) {
            unsigned char f = s[i + 2];
            c = f >= 0x90 ? (char)('0' + (f - 0x90)) : f == 0x8c ? ',' : f == 0x8d ? '-'
                : f == 0x8e ? '.' : '?';
            i += 3;
        } else {
            if (s[i] >= 0x80)
                c = '?';
            for (i++; i < n && (s[i] & 0xc0) == 0x80; i++)
                ;
        }
        if (o + 1 >= cap)
            return -1;
        out[o++] = c;
    }
    out[o] = '\0';
    return 0;
}

/* The integer part of an ASCII amount, digits with or without thousands
 * separators (groups of three after a first group of one to three digits);
 * *end is where it stopped. */
static enum money_typed typed_yuan(const char *s, const char **end, long long *yuan)
{
    int group = 0, groups = 0, ndig = 0;

    *yuan = 0;
    for (; (*s >= '0' && *s <= '9') || *s == ','; s++) {
        if (*s == ',') {
            if (group == 0 || (groups == 0 ? group > 3 : group != 3))
                return MONEY_BAD;
            groups++;
            group = 0;
            continue;
        }
        group++;
        ndig++;
        if (*yuan <= MONEY_MAX_FEN / 100)
            *yuan = *yuan * 10 + (*s - '0');
    }
    *end = s;
    if (ndig == 0 || (groups > 0 && group != 3))
        return MONEY_BAD;
    return *yuan > MONEY_MAX_FEN / 100 ? MONEY_TOO_LARGE : MONEY_OK;
}

enum money_typed parse_money_typed(const char *text, long long *fen)
{
    static const char yuan_sign[] = "\xe5\x85\x83";   /* 元 */
    const unsigned char *s = (const unsigned char *)text;
    char a[64];
    const char *p;
    size_t n, k;
    long long yuan = 0, cents = 0;
    int ndec = 0;
    enum money_typed rc;

    if (!s)
        return MONEY_EMPTY;
    while ((k = space_len(s)) > 0)
        s += k;
    n = strlen((const char *)s);
    while ((k = space_len_before(s, n)) > 0)
        n -= k;
    if (n >= 3 && memcmp(s + n - 3, yuan_sign, 3) == 0)
        for (n -= 3; (k = space_len_before(s, n)) > 0; n -= k)
            ;
    if (n == 0)
        return MONEY_EMPTY;
    if (to_ascii(s, n, a, sizeof a) != 0)
        return MONEY_BAD;   /* no amount takes 64 characters */
    if (a[0] == '-')
        return MONEY_NEGATIVE;
    rc = typed_yuan(a, &p, &yuan);
    if (rc == MONEY_BAD)
        return rc;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, ndec++)
            if (ndec < 2)
                cents = cents * 10 + (*p - '0');
        if (ndec == 0 || *p != '\0')
            return MONEY_BAD;
        if (ndec > 2)
            return MONEY_DECIMALS;
        if (ndec == 1)
            cents *= 10;
    }
    if (*p != '\0')
        return MONEY_BAD;
    if (rc != MONEY_OK)
        return rc;
    *fen = yuan * 100 + cents;
    return MONEY_OK;
}
