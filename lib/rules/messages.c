#include "rules/messages.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules/policy.h"

struct msg_def {
    const char *name, *text, *args;
};

#define MSG_DEF_(name, text, args) [name] = {#name, text, args},
static const struct msg_def MESSAGES[MSG__MAX] = {
    MSG_LIST(MSG_DEF_)
};
#undef MSG_DEF_

static int known(enum msg_id id) { return (int)id >= 0 && id < MSG__MAX; }

const char *msg_text(enum msg_id id)
{
    return MESSAGES[known(id) ? id : MSG_INTERNAL].text;
}

const char *msg_args(enum msg_id id)
{
    return MESSAGES[known(id) ? id : MSG_INTERNAL].args;
}

const char *msg_name(enum msg_id id)
{
    return known(id) ? MESSAGES[id].name : "MSG_?";
}

static int finish(char *buf, size_t n, int len)
{
    if (len < 0 || (size_t)len >= n) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}

int msg_format(char *buf, size_t n, enum msg_id id, ...)
{
    va_list ap;
    int len;

    if (!buf || n == 0)
        return -1;
    va_start(ap, id);
    /* The table's texts are the only formats; msg_args() documents them and
     * the unit tests check each against its declared conversions. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    len = vsnprintf(buf, n, msg_text(id), ap);
#pragma GCC diagnostic pop
    va_end(ap);
    return finish(buf, n, len);
}

/* The formats below are the table's texts with the policy's numbers in
 * place; a test renders them with the default policy and compares. */
int msg_policy_text(enum msg_id id, const struct policy *p, char *buf, size_t n)
{
    struct policy def;

    if (!buf || n == 0)
        return -1;
    if (!p) {
        policy_default(&def);
        p = &def;
    }
    switch (id) {
    case MSG_WINDOW_CLOSED:
        return finish(buf, n, snprintf(buf, n,
            "处理失败!当前不在申报期内(每月%d日至次月%d日%02d:00),请在申报期内办理!",
            p->open_day, p->close_day, p->close_hour));
    case MSG_ENROLL_TOO_EARLY:
        return finish(buf, n, snprintf(buf, n,
            "处理失败!补缴时间最长不超过当前时间的%d个月!", p->backpay_max));
    case MSG_ENROLL_AGE_WOMEN:
        return finish(buf, n, snprintf(buf, n,
            "处理失败!女性%d周岁不允许网办参保,请去统筹区医保局办理", p->max_age_women));
    case MSG_ENROLL_AGE_MEN:
        return finish(buf, n, snprintf(buf, n,
            "处理失败!男性%d周岁不允许网办参保,请去统筹区医保局办理", p->max_age_men));
    default:
        return finish(buf, n, snprintf(buf, n, "%s", msg_text(id)));
    }
}

int msg_window_closed(const struct policy *p, char *buf, size_t n)
{
    return msg_policy_text(MSG_WINDOW_CLOSED, p, buf, n);
}

void msg_without_query_hint(const char *text, char *buf, size_t n)
{
    const char *hint = msg_text(MSG_QUERY_HINT);
    size_t len, hl = strlen(hint);

    if (!buf || n == 0)
        return;
    len = text ? strlen(text) : 0;
    if (len >= hl && strcmp(text + len - hl, hint) == 0)
        len -= hl;
    if (len >= n)
        len = n - 1;
    if (len)
        memcpy(buf, text, len);
    buf[len] = '\0';
}
