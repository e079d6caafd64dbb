/* account — 经办人 accounts and the password rule (spec §7b). */
#include "rules/account.h"

#include <stdio.h>
#include <string.h>

/* Characters of a UTF-8 text (continuation bytes not counted). */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* 1 when needle (non-empty) occurs in hay, ASCII case-insensitively. */
static int contains_ci(const char *hay, const char *needle)
{
    size_t n = needle ? strlen(needle) : 0, h = strlen(hay);
    if (n == 0 || n > h)
        return 0;
    for (size_t i = 0; i + n <= h; i++) {
        size_t k = 0;
        while (k < n && lower((unsigned char)hay[i + k]) == lower((unsigned char)needle[k]))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

enum msg_id password_rule(const char *pw, const char *unit_no, const char *login)
{
    int up = 0, lo = 0, dig = 0, sym = 0;
    size_t n;

    if (!pw)
        return MSG_PW_TOO_SHORT;
    n = utf8_chars(pw);
    if (n < PASSWORD_MIN)
        return MSG_PW_TOO_SHORT;
    if (n > PASSWORD_MAX)
        return MSG_PW_TOO_LONG;
    for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') up = 1;
        else if (*p >= 'a' && *p <= 'z') lo = 1;
        else if (*p >= '0' && *p <= '9') dig = 1;
        else sym = 1;
    }
    if (up + lo + dig + sym < 3)
        return MSG_PW_CLASSES;
    if (contains_ci(pw, unit_no))
        return MSG_PW_HAS_UNIT_NO;
    if (contains_ci(pw, login))
        return MSG_PW_HAS_LOGIN;
    return MSG_OK;
}

int account_login_valid(const char *login)
{
    size_t n = login ? strlen(login) : 0;
    if (n < 1 || n > ACCOUNT_LOGIN_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 0;
    }
    return 1;
}

int mobile_valid(const char *phone)
{
    if (!phone || strlen(phone) != 11 || phone[0] != '1')
        return 0;
    for (int i = 0; i < 11; i++)
        if (phone[i] < '0' || phone[i] > '9')
            return 0;
    return 1;
}

int account_role_addable(const char *role)
{
    return role && (strcmp(role, "经办人") == 0 || strcmp(role, "查询") == 0);
}

void account_initial_password(const unsigned char random[12], char out[13])
{
    static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static const char lower_[] = "abcdefghijkmnpqrstuvwxyz";
    static const char digit[] = "23456789";
    static const char symbol[] = "@#%+=?";
    static const char *const sets[4] = {upper, lower_, digit, symbol};
    static const size_t sizes[4] = {sizeof upper - 1, sizeof lower_ - 1, sizeof digit - 1,
                                    sizeof symbol - 1};
    /* the class of each place: two of each of the first three, a symbol in
     * the middle; the rest letters, so it reads as a word with a mark */
    static const int place[12] = {0, 1, 1, 2, 2, 3, 0, 1, 1, 2, 0, 1};

    for (int i = 0; i < 12; i++) {
        int c = place[i];
        out[i] = sets[c][random[i] % sizes[c]];
    }
    out[12] = '\0';
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static long long days_from_civil(int y, int m, int d)
{
    long long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long long minutes_between(const struct portal_dt *a, const struct portal_dt *b)
{
    long long ma = days_from_civil(a->y, a->m, a->d) * 1440 + a->hh * 60 + a->mm;
    long long mb = days_from_civil(b->y, b->m, b->d) * 1440 + b->hh * 60 + b->mm;
    return mb - ma;
}

int format_time_left(char *out, size_t n, long long minutes)
{
    long long d = minutes / 1440, h = minutes % 1440 / 60, m = minutes % 60;
    int len;

    if (d > 0)
        len = snprintf(out, n, "%lld天%lld小时%lld分钟", d, h, m);
    else if (h > 0)
        len = snprintf(out, n, "%lld小时%lld分钟", h, m);
    else
        len = snprintf(out, n, "%lld分钟", m);
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

long long session_ends_at(long long last_seen, long long created, long long idle, long long life)
{
    long long by_idle = last_seen + idle, by_life = created + life;
    return by_idle < by_life ? by_idle : by_life;
}
