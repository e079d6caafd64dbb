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
