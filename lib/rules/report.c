/* report — the rules of 报表打印 (report.h). */
#include <stdio.h>
#include <string.h>
#include "rules/money.h"
#include "rules/report.h"

int report_rate_text(char *buf, size_t n, int bp, long long fixed_fen)
{
    char fixed[FORMAT_FEN_MAX];
    int len;

    if (!buf || n == 0)
        return -1;
    buf[0] = '\0';
    if (bp < 0 || fixed_fen < 0 || format_fen(fixed, sizeof fixed, fixed_fen) < 0)
        return -1;
    if (fixed_fen > 0 && bp > 0)
        len = snprintf(buf, n, "%d.%02d%%+%s元/人·月", bp / 100, bp % 100, fixed);
    else if (fixed_fen > 0)
        len = snprintf(buf, n, "%s元/人·月", fixed);
    else
        len = snprintf(buf, n, "%d.%02d%%", bp / 100, bp % 100);
    if (len < 0 || (size_t)len >= n) {
        buf[0] = '\0';
        return -1;
    }
    return len;
}

int report_fen_text(char *buf, size_t n, long long fen)
{
    char plain[FORMAT_FEN_MAX], out[REPORT_FEN_MAX];
    const char *digits = plain;
    size_t len = 0, intlen;

    if (!buf || n == 0)
        return -1;
    buf[0] = '\0';
    if (format_fen(plain, sizeof plain, fen) < 0)
        return -1;
    if (*digits == '-')
        out[len++] = *digits++;
    intlen = strcspn(digits, ".");
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            out[len++] = ',';
        out[len++] = digits[i];
    }
    strcpy(out + len, digits + intlen);
    len = strlen(out);
    if (len >= n)
        return -1;
    memcpy(buf, out, len + 1);
    return (int)len;
}

int payment_type_rank(const char *payment_type)
{
    static const char *const order[] = {"正常应缴", "补缴", "补差"};

    for (int i = 0; payment_type && i < 3; i++)
        if (strcmp(payment_type, order[i]) == 0)
            return i;
    return 3;
}

int notice_row_shown(long long person_fen, long long unit_fen, long long interest_fen,
                     long long late_fee_fen, long long other_fen)
{
    return person_fen != 0 || unit_fen != 0 || interest_fen != 0 || late_fee_fen != 0 ||
           other_fen != 0;
}

int notice_number(char *buf, size_t n, long long unit_serial, int ym)
{
    int len;

    if (!buf || n == 0)
        return -1;
    buf[0] = '\0';
    if (unit_serial < 0 || ym < 0)
        return -1;
    len = snprintf(buf, n, "%06lld %02d%02d", unit_serial, ym_year(ym) % 100, ym_month(ym));
    if (len < 0 || (size_t)len >= n) {
        buf[0] = '\0';
        return -1;
    }
    return len;
}

enum report_month report_month_check(int ym, int current_ym, int first_ym)
{
    if (ym > current_ym)
        return REPORT_MONTH_FUTURE;
    if (first_ym < 0 || ym < first_ym)
        return REPORT_MONTH_BEFORE_FIRST;
    return REPORT_MONTH_OK;
}

static const char CODE_ALPHABET[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

void verify_code_make(const unsigned char random[VERIFY_CODE_LEN], char out[VERIFY_CODE_LEN + 1])
{
    for (int i = 0; i < VERIFY_CODE_LEN; i++)
        out[i] = CODE_ALPHABET[random[i] & 31];
    out[VERIFY_CODE_LEN] = '\0';
}

int verify_code_parse(const char *typed, char out[VERIFY_CODE_LEN + 1])
{
    if (!typed || strlen(typed) != VERIFY_CODE_LEN)
        return -1;
    for (int i = 0; i < VERIFY_CODE_LEN; i++) {
        char c = typed[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c == '\0' || !strchr(CODE_ALPHABET, c))
            return -1;
        out[i] = c;
    }
    out[VERIFY_CODE_LEN] = '\0';
    return 0;
}

long ymd_days(struct ymd d)
{
    /* days before year y, then before month m of y, then the day */
    long y = d.y - 1, days = y * 365 + y / 4 - y / 100 + y / 400;

    for (int m = 1; m < d.m; m++)
        days += days_in_month(d.y, m);
    return days + d.d - 1;
}

int certificate_verifies(struct ymd made_on, struct ymd today)
{
    long age = ymd_days(today) - ymd_days(made_on);

    return age >= 0 && age < VERIFY_DAYS;
}

long long throttle_until(int failures, long long last, long long delay, long long cap)
{
    if (failures < 1)
        return last;
    while (--failures > 0 && delay < cap)
        delay *= 2;
    return last + (delay < cap ? delay : cap);
}
