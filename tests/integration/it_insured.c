/*
 * The four meanings of "normally insured" (lib/store/insured.h) against a
 * real MariaDB, each against its definition: enrolments ending before, on
 * and after the edge date, starting before, in and after the edge month, of
 * each kind, and covering no month at all (start after end, which §7a's
 * 补缴删除 can produce and the schema's CHECK otherwise refuses: the fixture
 * writes it with check_constraint_checks off, a state the portal cannot
 * reach today). One person per case, its own unit per run.
 * Needs PORTAL_CONF (tests/run-all sets it), like it_store.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/rules.h"
#include "store/insured.h"
#include "support/it.h"

#define N_(a) (sizeof(a) / sizeof((a)[0]))
#define YM(y, m) ((y) * 12 + (m) - 1)

enum meaning { FOR_START, AT_END, COVERING_MONTH, ACTIVE_NOW };

/* The edges: S = 2022-05 (its 1st), E = 2022-09-30, M = 2022-09 (its last
 * day 2022-09-30). */
#define S_EDGE YM(2022, 5)
#define E_EDGE ((struct ymd){2022, 9, 30})
#define M_EDGE YM(2022, 9)

static const struct {
    const char *name;
    enum meaning m;
    const char *kind;
    int start;
    struct ymd end;      /* y == 0: no end date */
    int want;
} cases[] = {
    /* §5, for start month S: ends on or after the 1st of S, any kind */
    {"for_start_ended_the_day_before_S", FOR_START, "在职", YM(2021, 1), {2022, 4, 30}, 0},
    {"for_start_ended_on_the_1st_of_S", FOR_START, "在职", YM(2021, 1), {2022, 5, 1}, 1},
    {"for_start_ended_after_the_1st_of_S", FOR_START, "在职", YM(2021, 1), {2022, 5, 2}, 1},
    {"for_start_no_end", FOR_START, "在职", YM(2021, 1), {0, 0, 0}, 1},
    {"for_start_starts_after_S", FOR_START, "在职", YM(2022, 8), {0, 0, 0}, 1},
    {"for_start_retiree", FOR_START, "退休", YM(2021, 1), {0, 0, 0}, 1},
    {"for_start_flexible_employment", FOR_START, "灵活就业", YM(2021, 1), {0, 0, 0}, 1},
    {"for_start_start_after_end", FOR_START, "在职", YM(2022, 7), {2022, 6, 30}, 0},
    /* 停保 at end date E: 在职, started by E, insured after E */
    {"at_end_ended_the_day_before_E", AT_END, "在职", YM(2021, 1), {2022, 9, 29}, 0},
    {"at_end_ended_on_E", AT_END, "在职", YM(2021, 1), {2022, 9, 30}, 0},
    {"at_end_ended_the_day_after_E", AT_END, "在职", YM(2021, 1), {2022, 10, 1}, 1},
    {"at_end_no_end", AT_END, "在职", YM(2021, 1), {0, 0, 0}, 1},
    {"at_end_starts_in_the_month_of_E", AT_END, "在职", YM(2022, 9), {0, 0, 0}, 1},
    {"at_end_starts_after_E", AT_END, "在职", YM(2022, 10), {0, 0, 0}, 0},
    {"at_end_retiree", AT_END, "退休", YM(2021, 1), {0, 0, 0}, 0},
    {"at_end_flexible_employment", AT_END, "灵活就业", YM(2021, 1), {0, 0, 0}, 0},
    {"at_end_start_after_end", AT_END, "在职", YM(2022, 11), {2022, 10, 31}, 0},
    /* §6a, covering month M: 在职, started by M, insured through M's last day */
    {"covering_ended_the_day_before_the_last", COVERING_MONTH, "在职", YM(2021, 1), {2022, 9, 29}, 0},
    {"covering_ended_on_the_last_day", COVERING_MONTH, "在职", YM(2021, 1), {2022, 9, 30}, 1},
    {"covering_ended_after_the_last_day", COVERING_MONTH, "在职", YM(2021, 1), {2022, 10, 1}, 1},
    {"covering_ended_the_month_before", COVERING_MONTH, "在职", YM(2021, 1), {2022, 8, 31}, 0},
    {"covering_no_end", COVERING_MONTH, "在职", YM(2021, 1), {0, 0, 0}, 1},
    {"covering_starts_in_M", COVERING_MONTH, "在职", YM(2022, 9), {0, 0, 0}, 1},
    {"covering_starts_after_M", COVERING_MONTH, "在职", YM(2022, 10), {0, 0, 0}, 0},
    {"covering_retiree", COVERING_MONTH, "退休", YM(2021, 1), {0, 0, 0}, 0},
    {"covering_flexible_employment", COVERING_MONTH, "灵活就业", YM(2021, 1), {0, 0, 0}, 0},
    {"covering_start_after_end", COVERING_MONTH, "在职", YM(2022, 10), {2022, 9, 30}, 0},
    /* active now: no end date, whatever the date or the kind */
    {"active_no_end", ACTIVE_NOW, "在职", YM(2021, 1), {0, 0, 0}, 1},
    {"active_retiree_no_end", ACTIVE_NOW, "退休", YM(2021, 1), {0, 0, 0}, 1},
    {"active_starts_later_no_end", ACTIVE_NOW, "在职", YM(2030, 1), {0, 0, 0}, 1},
    {"active_ended_in_the_past", ACTIVE_NOW, "在职", YM(2021, 1), {2022, 9, 30}, 0},
    {"active_ends_in_the_future", ACTIVE_NOW, "在职", YM(2021, 1), {2099, 12, 31}, 0},
    {"active_start_after_end", ACTIVE_NOW, "在职", YM(2022, 10), {2022, 9, 30}, 0},
};

static const char *const person_types[] = {"职工在职", "退休人员", "灵活就业人员"};
static const char *const kinds[] = {"在职", "退休", "灵活就业"};

/* The run's unit (made once: the cases run in one process). */
static int64_t case_unit(struct store *s)
{
    static int64_t id;
    char unit_no[32];
    struct unit u;

    if (id == 0) {
        make_unit(unit_no, sizeof unit_no, "企业", "正常参保测试");
        ck_assert_int_eq(store_unit_by_no(s, unit_no, &u), 0);
        id = u.id;
    }
    return id;
}

/* The case's person and its one enrolment (type 310). */
static int64_t make_enrolment(struct store *s, int i)
{
    struct portal_dt now = {2026, 11, 20, 9, 0, 0};
    struct person_new p;
    struct enrolment_new e;
    char id_no[19];
    int64_t person_id = 0;
    int start_after_end = cases[i].end.y &&
                          ymd_cmp(cases[i].end, month_first_day(cases[i].start)) < 0;

    make_id(id_no, 1985, 1, 1, 1);
    memset(&p, 0, sizeof p);
    p.id_no = id_no;
    p.name = cases[i].name;
    p.male = 1;
    p.birth = (struct ymd){1985, 1, 1};
    p.retire_ym = -1;
    ck_assert_int_eq(store_person_add(s, &p, &now, &person_id), 0);

    memset(&e, 0, sizeof e);
    e.person_id = person_id;
    e.kind = cases[i].kind;
    for (size_t k = 0; k < N_(kinds); k++)
        if (strcmp(kinds[k], cases[i].kind) == 0)
            e.person_type = person_types[k];
    e.unit_id = strcmp(cases[i].kind, "灵活就业") == 0 ? 0 : case_unit(s);
    e.start_ym = cases[i].start;
    e.end_date = cases[i].end;
    if (e.end_date.y) {
        e.stop_reason = "离职";
        e.status = "暂停缴费";
    }
    /* the schema refuses an enrolment that ends before it starts */
    if (start_after_end)
        ck_assert_int_eq(db_exec(s, "it.checks_off", "SET SESSION check_constraint_checks = 0",
                                 NULL, NULL, NULL), 0);
    ck_assert_int_eq(store_enrolment_add(s, &e, "310", &now), 0);
    if (start_after_end)
        ck_assert_int_eq(db_exec(s, "it.checks_on", "SET SESSION check_constraint_checks = 1",
                                 NULL, NULL, NULL), 0);
    return person_id;
}

#define COUNT_OF "SELECT COUNT(*) FROM enrolments e WHERE e.person_id = ? AND "

/* How many of the person's enrolments the case's condition selects. */
static long count_insured(struct store *s, enum meaning m, int64_t person_id)
{
    struct sbind in, out;
    long n = -1;
    int rc = STORE_ERR;

    sb_init(&in);
    sb_i64(&in, person_id);
    sb_init(&out);
    sb_out_long(&out, &n);
    switch (m) {
    case FOR_START:
        insured_for_start(&in, S_EDGE);
        rc = db_query_one(s, "it.for_start", COUNT_OF INSURED_FOR_START, &in, &out);
        break;
    case AT_END:
        insured_at_end(&in, E_EDGE);
        rc = db_query_one(s, "it.at_end", COUNT_OF INSURED_AT_END, &in, &out);
        break;
    case COVERING_MONTH:
        insured_covering_month(&in, M_EDGE);
        rc = db_query_one(s, "it.covering", COUNT_OF INSURED_COVERING_MONTH, &in, &out);
        break;
    case ACTIVE_NOW:
        rc = db_query_one(s, "it.active", COUNT_OF INSURED_ACTIVE_NOW, &in, &out);
        break;
    }
    ck_assert_int_eq(rc, 0);
    return n;
}

START_TEST(normally_insured_by_its_definition)
{
    struct store *s = it_store_open();
    int64_t person_id;

    person_id = make_enrolment(s, _i);
    ck_assert_msg(count_insured(s, cases[_i].m, person_id) == cases[_i].want, "%s: want %d",
                  cases[_i].name, cases[_i].want);
    store_close(&s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("insured");
    TCase *tc = tcase_create("normally_insured_by_its_definition");

    tcase_set_timeout(tc, 20);
    tcase_add_loop_test(tc, normally_insured_by_its_definition, 0, (int)N_(cases));
    suite_add_tcase(su, tc);
    return it_run(su);
}
