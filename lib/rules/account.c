/* account — 经办人 accounts and the password rule (spec §7b). */
#include "rules/account.h"

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
