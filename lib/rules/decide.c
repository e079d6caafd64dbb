#include <string.h>
#include "rules/decide.h"

int enroll_input_facts(const struct policy *p, const struct portal_dt *now, const char *id_no,
                       int start_ym, struct enroll_facts *f, char canon[19],
                       struct id_info *info)
{
    struct decl_state st;

    memset(f, 0, sizeof *f);
    memset(info, 0, sizeof *info);
    f->policy = p;
    decl_state_at(p, now, &st);
    f->window_open = st.window_open;
    f->id = id_check(id_no, canon, info);
    if (f->id == ID_OK && ymd_cmp(info->birth, dt_date(now)) > 0)
        f->id = ID_EBIRTH;
    if (f->id == ID_OK) {
        f->male = info->male;
        f->age = age_on(info->birth, dt_date(now));
    }
    f->start = start_month_check(p, now, start_ym);
    return st.month;
}

enum msg_id enroll_start_msg(enum start_check start)
{
    switch (start) {
    case START_OK:
        return MSG_OK;
    case START_ENEXT_BEFORE_SETTLE:
        return MSG_ENROLL_NEXT_MONTH;
    case START_ELATER:
        return MSG_ENROLL_LATER;
    case START_ETOO_EARLY:
        return MSG_ENROLL_TOO_EARLY;
    }
    return MSG_BAD_REQUEST;   /* a value outside the enum */
}

enum msg_id enroll_decide_input(const struct enroll_facts *f)
{
    if (!f->window_open)
        return MSG_WINDOW_CLOSED;
    if (f->id != ID_OK)
        return MSG_ID_INVALID;
    return enroll_start_msg(f->start);
}

enum msg_id enroll_decide_batch(const struct policy *p, const struct portal_dt *now, int start_ym)
{
    struct decl_state st;

    decl_state_at(p, now, &st);
    if (!st.window_open)
        return MSG_WINDOW_CLOSED;
    return enroll_start_msg(start_month_check(p, now, start_ym));
}

enum msg_id enroll_decide_facts(const struct enroll_facts *f)
{
    struct policy def;
    const struct policy *p = f->policy;

    if (!p) {
        policy_default(&def);
        p = &def;
    }
    if (f->base_records > 1)
        return MSG_DUPLICATE_BASE;
    if (f->male && f->age >= p->max_age_men)
        return MSG_ENROLL_AGE_MEN;
    if (!f->male && f->age >= p->max_age_women)
        return MSG_ENROLL_AGE_WOMEN;
    if (f->flexible_insured)
        return MSG_ENROLL_FLEXIBLE;
    if (f->transferred_insured)
        return MSG_ENROLL_TRANSFERRED;
    if (f->insured_this_unit)
        return MSG_ENROLL_INSURED_HERE;
    if (f->insured_other_unit)
        return MSG_ENROLL_INSURED_ELSEWHERE;
    /* spec §10: the name is changed by 参保人员信息维护 only, never by a typo
     * (or markup, or a bidi spoof) on an enrolment */
    if (f->base_records == 1 && f->name && f->registered_name &&
        strcmp(f->name, f->registered_name) != 0)
        return MSG_NAME_MISMATCH;
    return MSG_OK;
}

enum msg_id enroll_decide(const struct enroll_facts *f)
{
    enum msg_id m = enroll_decide_input(f);
    return m != MSG_OK ? m : enroll_decide_facts(f);
}

enum msg_id enroll_success_msg(int months_assessed)
{
    return months_assessed > 0 ? MSG_ENROLL_OK_BACKPAID : MSG_ENROLL_OK_NO_BACKPAY;
}

int stop_input_facts(const struct policy *p, const struct portal_dt *now, const char *id_no,
                     struct ymd end, struct stop_facts *f, char canon[19])
{
    struct decl_state st;

    memset(f, 0, sizeof *f);
    decl_state_at(p, now, &st);
    f->window_open = st.window_open;
    f->id = id_check(id_no, canon, NULL);
    f->end_date_ok = end.y != 0 && stop_date_valid(end, st.month);
    return st.month;
}

enum msg_id stop_decide_input(const struct stop_facts *f)
{
    if (!f->window_open)
        return MSG_WINDOW_CLOSED;
    if (f->id != ID_OK)
        return MSG_ID_INVALID;
    if (!f->end_date_ok)
        return MSG_STOP_END_DATE;
    return MSG_OK;
}

enum msg_id stop_decide_facts(const struct stop_facts *f)
{
    if (f->base_records < 1)
        return MSG_STOP_NO_BASE;
    if (f->base_records > 1)
        return MSG_DUPLICATE_BASE;
    if (f->retired)
        return MSG_STOP_RETIREE;
    if (!f->insured_this_unit)
        return MSG_STOP_NOT_INSURED;
    return MSG_OK;
}

enum msg_id stop_decide(const struct stop_facts *f)
{
    enum msg_id m = stop_decide_input(f);
    return m != MSG_OK ? m : stop_decide_facts(f);
}
