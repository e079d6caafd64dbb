/* person — loading one person's base record, enrolments and wage (import-persons, demo). */
#include <string.h>
#include "admin.h"
#include "rules/enrolment.h"

const char *const pstatus_names[] = { "在职", "退休", "灵活就业", "转移", "未参保", NULL };

int load_type_codes(struct store *db, struct type_codes *tc)
{
    struct insurance_type t[32];
    size_t n = 0;

    memset(tc, 0, sizeof *tc);
    if (store_insurance_types(db, t, 32, &n) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (t[i].mandatory && tc->n < STORE_ENROL_MAX_TYPES - 1)
            memcpy(tc->mandatory[tc->n++], t[i].code, 4);
        if (strcmp(t[i].code, "320") == 0)
            tc->has_320 = 1;
    }
    if (tc->n == 0) {
        die_msg("险种参考数据为空,请先执行 migrate");
        return -1;
    }
    return 0;
}

int load_person(struct store *db, const struct type_codes *tc,
                       const struct person_load *pl, const struct portal_dt *now)
{
    struct enrolment_new e;
    int64_t pid = 0;
    int civil;

    if (store_id_lock(db, pl->id_no) != 0 || store_person_add(db, &pl->p, now, &pid) != 0)
        return -1;
    if (pl->status == PS_NONE)
        return 0;
    memset(&e, 0, sizeof e);
    e.person_id = pid;
    e.start_ym = pl->start_ym;
    e.end_date = pl->end_date;
    e.status = pl->end_date.y ? "暂停缴费" : "参保缴费";
    e.stop_reason = pl->end_date.y ? "离职" : NULL;
    civil = pl->p.category && strcmp(pl->p.category, "公务员") == 0;
    switch (pl->status) {
    case PS_WORKING:
    case PS_TRANSFERRED:
        e.unit_id = pl->unit->id;
        e.kind = "在职";
        e.person_type = civil ? "公务员在职" : "职工在职";
        e.transferred = pl->status == PS_TRANSFERRED;
        break;
    case PS_RETIRED:
        e.unit_id = pl->unit->id;
        e.kind = "退休";
        e.person_type = "退休人员";
        break;
    case PS_FLEXIBLE:
        e.unit_id = 0;
        e.kind = "灵活就业";
        e.person_type = "灵活就业人员";
        break;
    case PS_NONE:
        break;
    }
    char codes[STORE_ENROL_MAX_TYPES][4];
    size_t n = 0;
    for (size_t i = 0; i < tc->n && n < STORE_ENROL_MAX_TYPES; i++)
        memcpy(codes[n++], tc->mandatory[i], 4);
    if (civil && e.unit_id > 0 && strcmp(e.kind, "在职") == 0 &&
        unit_is_public(pl->unit->unit_type) && tc->has_320 && n < STORE_ENROL_MAX_TYPES)
        memcpy(codes[n++], "320", 4);
    if (store_enrolments_add(db, &e, (const char (*)[4])codes, n, now) != 0)
        return -1;
    if (pl->wage_fen >= 0 && pl->status != PS_RETIRED &&
        store_wage_add(db, pid, e.unit_id, pl->start_ym, pl->wage_fen, now) != 0)
        return -1;
    return 0;
}
