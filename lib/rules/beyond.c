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

enum msg_id adjust_decide(const struct adjust_facts *f)
{
    if (f->F > f->C)
        return MSG_ADJUST_LATE;
    if (f->F < ym_make(ym_year(f->C - 1), 1))
        return MSG_ADJUST_EARLY;
    if (f->base_records > 1)
        return MSG_DUPLICATE_BASE;
    if (f->base_records == 0 || !f->insured_here)
        return MSG_STOP_NOT_INSURED;
    if (f->F < f->start)
        return MSG_ADJUST_BEFORE_START;
    return MSG_OK;
}

enum charge_err adjust_differences(const struct ref_tables *t, long long wage_fen,
                                   const struct adjust_have *have, size_t n,
                                   struct adjust_row *rows, size_t max, size_t *nrows,
                                   int *bad_month)
{
    *nrows = 0;
    for (size_t i = 0; i < n; i++) {
        struct month_charge mc;
        struct adjust_row r;
        enum charge_err e = charge_month(t, have[i].month, wage_fen, &have[i].type_code, 1, &mc);

        if (e != CHARGE_OK) {
            *bad_month = have[i].month;
            return e;
        }
        r.month = have[i].month;
        r.type_code = have[i].type_code;
        r.wage_fen = wage_fen - have[i].wage_fen;
        r.base_fen = mc.base_fen - have[i].base_fen;
        r.a.unit_fen = mc.amounts[0].unit_fen - have[i].unit_fen;
        r.a.person_fen = mc.amounts[0].person_fen - have[i].person_fen;
        r.a.account_fen = mc.amounts[0].account_fen - have[i].account_fen;
        if (r.a.unit_fen == 0 && r.a.person_fen == 0 && r.a.account_fen == 0)
            continue;
        if (*nrows == max)
            return CHARGE_ETOOMANY;
        rows[(*nrows)++] = r;
    }
    return CHARGE_OK;
}

enum msg_id undo_decide(const struct undo_facts *f)
{
    if (f->kind == UNDO_OTHER)
        return MSG_UNDO_NOT_REVERSIBLE;
    if (f->withdrawn)
        return MSG_UNDO_DONE;
    if (f->period != f->C)
        return MSG_UNDO_NOT_THIS_PERIOD;
    if (!f->rows)
        return MSG_UNDO_GONE;
    if (f->kind == UNDO_ENROL && f->settled)
        return MSG_UNDO_SETTLED;
    if (f->kind == UNDO_STOP && f->enrolled_since)
        return MSG_UNDO_ENROLLED_SINCE;
    return MSG_OK;
}

enum reverse_op reverse_of(const char *type, int this_period, int adjust)
{
    if (!type)
        return REVERSE_NONE;
    if (strcmp(type, "参保人员增员申报") == 0)
        return this_period ? REVERSE_UNDO : REVERSE_STOP_OR_DELETE;
    if (strcmp(type, "参保人员减员申报") == 0)
        return this_period ? REVERSE_UNDO : REVERSE_NONE;
    if (strcmp(type, "单位信息维护") == 0 || strcmp(type, "参保人员信息维护") == 0)
        return REVERSE_EDIT;
    if (strcmp(type, "缴费申报与变更") == 0 && adjust)
        return REVERSE_ADJUST;
    return REVERSE_NONE;
}
