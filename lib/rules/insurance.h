/*
 * insurance — insurance types (险种), their default rates and the
 * per-person, per-month contribution amounts (spec §3, §4).
 * Rates are reference data kept in MariaDB; the defaults here are the
 * deck's Suzhou figures, used by the schema's seed data and the tests.
 */
#ifndef PORTAL_RULES_INSURANCE_H
#define PORTAL_RULES_INSURANCE_H

#include <stddef.h>

enum insurance_code {
    INS_BASIC     = 310,  /* 职工基本医疗保险 */
    INS_CIVIL     = 320,  /* 公务员医疗保险 (optional, 机关事业单位) */
    INS_LARGE     = 330,  /* 大额医疗费用补助 */
    INS_LOCAL     = 340,  /* 地方补充医疗保险 (local code) */
    INS_SERIOUS   = 350,  /* 职工大病医疗保险 (local code) */
    INS_LTC       = 410,  /* 长期护理保险 */
    INS_MATERNITY = 510   /* 生育保险 */
};

#define INSURANCE_MANDATORY_N 6

struct rate {
    int type_code;
    int unit_bp, person_bp;                  /* basis points of the base */
    long long unit_fixed_fen, person_fixed_fen;  /* fixed monthly amounts */
    int account_bp;   /* part of the individual amount credited to the
                         personal account, bp of it (10000 = all) */
};

struct amounts {
    long long unit_fen, person_fen, account_fen;
};

/* The name shown to users, or NULL for an unknown code. Static storage. */
const char *insurance_name(int type_code);

/* The six types always enrolled together, in display order
 * (310, 330, 340, 510, 410, 350); *n (if not NULL) = INSURANCE_MANDATORY_N.
 * Static storage. */
const int *insurance_mandatory(size_t *n);
int insurance_is_mandatory(int type_code);

/*
 * The deck's rate for a type: 310 6%/2% (individual all to the account),
 * 330 person 5.00 yuan fixed, 340 unit 1%, 510 unit 0.8%, 410 and 350 zero.
 * 320's rate is not published: it comes from data; here it is all zero.
 * 0 on success, -1 for an unknown code (*out untouched).
 */
int rate_default(int type_code, struct rate *out);

/*
 * One person, one month, one type:
 *   unit    = amount_fen(base, unit_bp) + unit_fixed
 *   person  = amount_fen(base, person_bp) + person_fixed
 *   account = amount_fen(person, account_bp)
 * base_fen >= 0 is the wage already clamped to the month's limits.
 */
void contribution(const struct rate *r, long long base_fen, struct amounts *out);

#endif
