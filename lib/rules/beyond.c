/* beyond — the decisions of spec §7a (see beyond.h). */
#include <string.h>
#include "rules/beyond.h"

enum msg_id backpay_delete_decide(const struct backpay_delete_in *in,
                                  struct backpay_delete_out *out)
{
    int in_run = 0;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < in->n; i++) {
        const struct charged_month *m = &in->months[i];
        if (m->month >= in->from && m->month <= in->to && m->backpay)
            in_run = 1;
    }
    if (in->from > in->to || !in_run)
        return MSG_BACKPAY_DELETE_NONE;
    /* the run starts at the enrolment's first charged month, a 补缴 one: the
     * insured period stays contiguous */
    if (in->months[0].month != in->from || !in->months[0].backpay)
        return MSG_BACKPAY_DELETE_NOT_FIRST;
    out->new_start = in->C;
    for (size_t i = 0; i < in->n; i++) {
        const struct charged_month *m = &in->months[i];
        if (m->month > in->to) {
            out->new_start = m->month;
            break;
        }
        if (!m->backpay || !m->this_period)
            return MSG_BACKPAY_DELETE_EARLIER;
        out->ndelete++;
    }
    out->remove = out->new_start == in->C && in->ended_before_C;
    return MSG_OK;
}

enum msg_id backpay_add_decide(const struct backpay_add_facts *f)
{
    if (f->S < f->C - f->backpay_max)
        return MSG_ENROLL_TOO_EARLY;
    if (f->base_records > 1)
        return MSG_DUPLICATE_BASE;
    if (f->base_records == 0 || !f->insured_here)
        return MSG_STOP_NOT_INSURED;
    if (f->S >= f->start)
        return MSG_BACKPAY_ADD_NONE;
    if (f->insured_elsewhere)
        return MSG_ENROLL_INSURED_ELSEWHERE;
    return MSG_OK;
}
