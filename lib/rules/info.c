/* info — 信息变更's pure rules; see info.h. */
#include <stdio.h>
#include <string.h>
#include "rules/hygiene.h"
#include "rules/info.h"

enum msg_id info_phone_check(const char *s)
{
    size_t digits = 0, i;

    if (!s || !*s)
        return MSG_OK;
    for (i = 0; s[i]; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] != '-' || i == 0 || s[i + 1] == '\0' || s[i + 1] == '-')
            return MSG_INFO_PHONE;
    }
    /* an 11-digit mobile starting with 1 is one of these */
    return digits >= 7 && digits <= 20 ? MSG_OK : MSG_INFO_PHONE;
}

enum msg_id info_bank_account_check(const char *s)
{
    size_t i;

    if (!s || !*s)
        return MSG_OK;
    for (i = 0; s[i]; i++)
        if (s[i] < '0' || s[i] > '9')
            return MSG_INFO_BANK_ACCOUNT;
    return i >= 8 && i <= 32 ? MSG_OK : MSG_INFO_BANK_ACCOUNT;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

enum msg_id info_text_check(const char *s, size_t max_chars)
{
    if (!s)
        return MSG_OK;
    if (!text_clean(s))
        return MSG_TEXT_FORBIDDEN;
    return utf8_chars(s) <= max_chars ? MSG_OK : MSG_INFO_TOO_LONG;
}

/* Appends v, cut at value_max bytes on a character boundary with "…". */
static int put_value(char *buf, size_t cap, size_t *len, const char *v, size_t value_max)
{
    size_t n = strlen(v);
    int cut = 0, w;

    if (!*v)
        v = "未登记", n = strlen(v);
    if (n > value_max) {
        n = value_max;
        while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
            n--;
        cut = 1;
    }
    w = snprintf(buf + *len, cap - *len, "%.*s%s", (int)n, v, cut ? "…" : "");
    if (w < 0 || (size_t)w >= cap - *len)
        return -1;
    *len += (size_t)w;
    return 0;
}

static int put_text(char *buf, size_t cap, size_t *len, const char *t)
{
    int w = snprintf(buf + *len, cap - *len, "%s", t);
    if (w < 0 || (size_t)w >= cap - *len)
        return -1;
    *len += (size_t)w;
    return 0;
}

int info_changes_text(const struct info_change *c, size_t n, size_t value_max, char *buf,
                      size_t cap)
{
    size_t len = 0;

    if (!buf || cap == 0)
        return -1;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if ((i && put_text(buf, cap, &len, ";") != 0) ||
            put_text(buf, cap, &len, c[i].label) != 0 || put_text(buf, cap, &len, ": ") != 0 ||
            put_value(buf, cap, &len, c[i].before ? c[i].before : "", value_max) != 0 ||
            put_text(buf, cap, &len, " → ") != 0 ||
            put_value(buf, cap, &len, c[i].after ? c[i].after : "", value_max) != 0) {
            buf[len] = '\0';
            return -1;
        }
    }
    return 0;
}

enum msg_id wages_decide_row(const struct wages_row_facts *f)
{
    if (f->cells != MSG_OK)
        return f->cells;
    if (!f->id_ok)
        return MSG_ID_INVALID;
    if (f->base_records > 1)
        return MSG_DUPLICATE_BASE;
    if (f->base_records == 0 || !f->insured)
        return MSG_STOP_NOT_INSURED;
    if (!f->name_match)
        return MSG_NAME_MISMATCH;
    return f->wage;
}
