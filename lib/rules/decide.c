#include "rules/decide.h"

enum msg_id enroll_decide(const struct enroll_facts *f)
{
    struct policy def;
    const struct policy *p = f->policy;

    if (!p) {
        policy_default(&def);
        p = &def;
    }
    if (!f->window_open)
        return MSG_WINDOW_CLOSED;
    if (f->id != ID_OK)
        return MSG_ID_INVALID;
    switch (f->start) {
    case START_OK:
        break;
    case START_ENEXT_BEFORE_SETTLE:
        return MSG_ENROLL_NEXT_MONTH;
    case START_ELATER:
        return MSG_ENROLL_LATER;
    case START_ETOO_EARLY:
        return MSG_ENROLL_TOO_EARLY;
    }
    if (f->start != START_OK)   /* a value outside the enum */
        return MSG_BAD_REQUEST;
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
    return MSG_OK;
}

enum msg_id enroll_success_msg(int months_assessed)
{
    return months_assessed > 0 ? MSG_ENROLL_OK_BACKPAID : MSG_ENROLL_OK_NO_BACKPAY;
}

enum msg_id stop_decide(const struct stop_facts *f)
{
    if (!f->window_open)
        return MSG_WINDOW_CLOSED;
    if (f->id != ID_OK)
        return MSG_ID_INVALID;
    if (!f->end_date_ok)
        return MSG_STOP_END_DATE;
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
