#include "rules/insurance.h"

#include "rules/money.h"

struct insurance_def {
    int code;
    const char *name;
    struct rate rate;
};

static const struct insurance_def INSURANCE[] = {
    {INS_BASIC, "职工基本医疗保险", {INS_BASIC, 600, 200, 0, 0, 10000}},
    {INS_LARGE, "大额医疗费用补助", {INS_LARGE, 0, 0, 0, 500, 0}},
    {INS_LOCAL, "地方补充医疗保险", {INS_LOCAL, 100, 0, 0, 0, 0}},
    {INS_MATERNITY, "生育保险", {INS_MATERNITY, 80, 0, 0, 0, 0}},
    {INS_LTC, "长期护理保险", {INS_LTC, 0, 0, 0, 0, 0}},
    {INS_SERIOUS, "职工大病医疗保险", {INS_SERIOUS, 0, 0, 0, 0, 0}},
    {INS_CIVIL, "公务员医疗保险", {INS_CIVIL, 0, 0, 0, 0, 0}},
};

static const int MANDATORY[INSURANCE_MANDATORY_N] = {
    INS_BASIC, INS_LARGE, INS_LOCAL, INS_MATERNITY, INS_LTC, INS_SERIOUS
};

static const struct insurance_def *find(int code)
{
    for (size_t i = 0; i < sizeof INSURANCE / sizeof INSURANCE[0]; i++)
        if (INSURANCE[i].code == code)
            return &INSURANCE[i];
    return NULL;
}

const char *insurance_name(int code)
{
    const struct insurance_def *d = find(code);

    return d ? d->name : NULL;
}

const int *insurance_mandatory(size_t *n)
{
    if (n)
        *n = INSURANCE_MANDATORY_N;
    return MANDATORY;
}

int insurance_is_mandatory(int code)
{
    for (size_t i = 0; i < INSURANCE_MANDATORY_N; i++)
        if (MANDATORY[i] == code)
            return 1;
    return 0;
}

int rate_default(int code, struct rate *out)
{
    const struct insurance_def *d = find(code);

    if (!d)
        return -1;
    *out = d->rate;
    return 0;
}

void contribution(const struct rate *r, long long base_fen, struct amounts *out)
{
    out->unit_fen = amount_fen(base_fen, r->unit_bp) + r->unit_fixed_fen;
    out->person_fen = amount_fen(base_fen, r->person_bp) + r->person_fixed_fen;
    out->account_fen = amount_fen(out->person_fen, r->account_bp);
}
