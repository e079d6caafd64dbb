/* backpay — see backpay.h. */
#include <string.h>
#include "rules/backpay.h"

static int in_period(int m, int from, int to)
{
    return m >= from && (to < 0 || m <= to);
}

const struct limit_period *limit_in_force(const struct ref_tables *t, int m)
{
    for (size_t i = 0; i < t->nlimits; i++)
        if (in_period(m, t->limits[i].from, t->limits[i].to))
            return &t->limits[i];
    return NULL;
}

const struct rate *rate_in_force(const struct ref_tables *t, int m, int type_code)
{
    for (size_t i = 0; i < t->nrates; i++)
        if (t->rates[i].r.type_code == type_code && in_period(m, t->rates[i].from, t->rates[i].to))
            return &t->rates[i].r;
    return NULL;
}

enum charge_err charge_month(const struct ref_tables *t, int m, long long wage_fen,
                             const int *types, size_t ntypes, struct month_charge *out)
{
    const struct limit_period *lim = limit_in_force(t, m);

    memset(out, 0, sizeof *out);
    if (ntypes > CHARGE_MAX_TYPES)
        return CHARGE_ETOOMANY;
    if (!lim)
        return CHARGE_ENOLIMIT;
    out->lower_fen = lim->lower_fen;
    out->upper_fen = lim->upper_fen;
    out->base_fen = clamp_wage(wage_fen, lim->lower_fen, lim->upper_fen, &out->clamp);
    for (size_t k = 0; k < ntypes; k++) {
        const struct rate *r = rate_in_force(t, m, types[k]);
        if (!r)
            return CHARGE_ENORATE;
        contribution(r, out->base_fen, &out->amounts[k]);
    }
    return CHARGE_OK;
}

static int is_charged(const struct backpay_in *in, int m, int type_code)
{
    for (size_t i = 0; i < in->ncharged; i++)
        if (in->charged[i].month == m && in->charged[i].type_code == type_code)
            return 1;
    return 0;
}

/* The rows of month m, appended to rows[out->nrows..max_rows). */
static enum charge_err assess_month(const struct ref_tables *t, const struct backpay_in *in,
                                    int m, struct backpay_row *rows, size_t max_rows,
                                    struct backpay_result *out)
{
    const struct limit_period *lim = limit_in_force(t, m);
    long long base;
    size_t before = out->nrows;

    if (!lim) {
        out->bad_month = m;
        return CHARGE_ENOLIMIT;
    }
    base = clamp_wage(in->wage_fen, lim->lower_fen, lim->upper_fen, NULL);
    for (size_t k = 0; k < in->ntypes; k++) {
        const struct rate *r;
        struct backpay_row *row;
        if (is_charged(in, m, in->types[k]))
            continue;
        r = rate_in_force(t, m, in->types[k]);
        if (!r) {
            out->bad_month = m;
            out->bad_type = in->types[k];
            return CHARGE_ENORATE;
        }
        if (out->nrows >= max_rows)
            return CHARGE_ETOOMANY;
        row = &rows[out->nrows++];
        row->month = m;
        row->type_code = in->types[k];
        row->base_fen = base;
        contribution(r, base, &row->a);
        out->total_fen += row->a.unit_fen + row->a.person_fen;
    }
    if (out->nrows > before) {
        if (out->months_assessed == 0)
            out->first_ym = m;
        out->last_ym = m;
        out->months_assessed++;
    }
    return CHARGE_OK;
}

enum charge_err backpay_assess(const struct ref_tables *t, const struct backpay_in *in,
                               struct backpay_row *rows, size_t max_rows,
                               struct backpay_result *out)
{
    memset(out, 0, sizeof *out);
    for (int m = in->first; m <= in->last; m++) {
        enum charge_err e = assess_month(t, in, m, rows, max_rows, out);
        if (e != CHARGE_OK)
            return e;
    }
    return CHARGE_OK;
}
