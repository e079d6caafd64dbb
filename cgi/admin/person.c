/*
 * person — loading one person's base record, enrolments and wage (import-persons,
 * demo). Written through the portal's own low-level writers, not through the §5
 * rules (legacy data breaks them: ages, the 6-month limit); the enrolment's kind,
 * person type and insurance types are decided as for 参保登记 (rules/enrolment.h,
 * store_enrol_types).
 */
#include <string.h>
#include "admin.h"
#include "store/enrol.h"
#include "store/check.h"

const char *const pstatus_names[] = { "在职", "退休", "灵活就业", "转移", "未参保", NULL };

int load_types_ready(struct store *db, struct enrol_ref *ref)
{
    char codes[ENROL_MAX_TYPES][4];
    int n = 0;

    if (store_enrol_types(db, ref, 0, codes, &n) != 0) {
        die_msg("险种参考数据为空,请先执行 migrate");
        return -1;
    }
    return 0;
}

static enum enrol_kind kind_of(enum pstatus st)
{
    return st == PS_RETIRED ? ENROL_KIND_RETIRED
         : st == PS_FLEXIBLE ? ENROL_KIND_FLEXIBLE : ENROL_KIND_WORKING;
}

int load_person(struct store *db, struct enrol_ref *ref, const struct person_load *pl,
                const struct portal_dt *now)
{
    struct enrolment_new e;
    enum enrol_kind kind = kind_of(pl->status);
    char codes[ENROL_MAX_TYPES][4];
    int64_t pid = 0;
    int civil, ncodes = 0;

    /* the person's units are checked again (基础信息核查, store/check.h) */
    if (store_id_lock(db, pl->id_no) != 0 || store_person_add(db, &pl->p, now, &pid) != 0 ||
        store_check_dirty(db, pl->unit ? pl->unit->id : 0, pl->id_no) != 0)
        return -1;
    if (pl->status == PS_NONE)
        return 0;
    civil = pl->p.category && strcmp(pl->p.category, "公务员") == 0;
    memset(&e, 0, sizeof e);
    e.person_id = pid;
    e.unit_id = kind == ENROL_KIND_FLEXIBLE ? 0 : pl->unit->id;
    e.kind = enrol_kind_name(kind);
    e.person_type = enrol_person_type(kind, civil);
    e.transferred = pl->status == PS_TRANSFERRED;
    e.start_ym = pl->start_ym;
    e.end_date = pl->end_date;
    e.status = pl->end_date.y ? "暂停缴费" : "参保缴费";
    e.stop_reason = pl->end_date.y ? "离职" : NULL;
    if (store_enrol_types(db, ref,
                          enrol_takes_civil(kind, civil, pl->unit ? pl->unit->unit_type : NULL),
                          codes, &ncodes) != 0 ||
        store_enrolments_add(db, &e, (const char (*)[4])codes, (size_t)ncodes, now) != 0)
        return -1;
    if (pl->wage_fen >= 0 && pl->status != PS_RETIRED &&
        store_wage_add(db, pid, e.unit_id, pl->start_ym, pl->wage_fen, now) != 0)
        return -1;
    return 0;
}
