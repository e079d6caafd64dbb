/* gen — bench data for the settlement benchmark. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "admin.h"
#include "store/settle.h"

/* A positive integer option within 1..max, or -1 after a message. */
static long opt_long(const char *val, const char *opt, long dflt, long max)
{
    char *end;
    long n;

    if (!val)
        return dflt;
    errno = 0;
    n = strtol(val, &end, 10);
    if (errno || end == val || *end || n < 1 || n > max) {
        die_msg("%s 应为 1 到 %ld 之间的整数: %s", opt, max, val);
        return -1;
    }
    return n;
}

int cmd_gen(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { "--units", "--persons", "--seed", "--month", NULL };
    const char *v[5], *pos[1];
    struct policy pol;
    struct decl_state ds;
    struct timespec t0;
    long units, persons, seed, first_unit = 0, first_person = 0;
    char m[8];
    int help, ym = -1;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin gen --units N --persons N [--seed N] [--month YYYY-MM]\n"
             "  为结算基准测试生成数据:N 个企业单位(单位编号 BENCH+8位序号)和 N 名人员\n"
             "  (虚构地区码 329900 的有效证件号码),人员轮流分配到这些单位,自 --month\n"
             "  (默认: 业务时间下最近可结算的月份)起以职工在职参保全部必选险种,月申报工资\n"
             "  约 3% 低于下限、2% 高于上限、其余在上下限之间(精确到分)。--seed 改变工资分布。\n"
             "  重复运行会在已有基准数据之后继续编号追加。集合式 SQL (seq_1_to_N),每步\n"
             "  (至多 100,000 人及其单位)一个事务:中途失败时已完成的步骤保留。\n"
             "  仅用于测试和基准环境。");
        return 0;
    }
    if (!need(v[0], "--units") || !need(v[1], "--persons"))
        return EXIT_USAGE;
    if ((units = opt_long(v[0], "--units", 0, GEN_MAX_UNITS)) < 0 ||
        (persons = opt_long(v[1], "--persons", 0, GEN_MAX_PERSONS)) < 0 ||
        (seed = opt_long(v[2], "--seed", 1, 2000000000L)) < 0)
        return EXIT_USAGE;
    if (units > persons) {
        die_msg("--units 不能多于 --persons");
        return EXIT_USAGE;
    }
    if (v[3] && parse_month(v[3], &ym) != 0) {
        die_msg("--month 格式不正确: %s (应为 YYYY-MM)", v[3]);
        return EXIT_USAGE;
    }
    if (open_ctx(c) != 0)
        return 1;
    if (ym < 0) {
        pol = c->cfg.policy;
        decl_state_at(&pol, &c->now, &ds);
        ym = ds.settled_through;
    }
    format_month(m, ym);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* In steps of at most GEN_STEP persons, each its own transaction with its
     * share of the units (persons round-robin over the step's units): one
     * statement of millions of enrolments stalled for half an hour (bench-large),
     * steps of 100,000 grow linearly. Never more steps than units. */
    long steps = (persons + GEN_STEP - 1) / GEN_STEP;
    if (steps > units)
        steps = units;
    for (long k = 0; k < steps; k++) {
        long pk = persons * (k + 1) / steps - persons * k / steps;
        long uk = units * (k + 1) / steps - units * k / steps;
        long fu = 0, fp = 0;

        if (store_bench_generate(c->db, uk, pk, ym, (unsigned long)seed, &c->now, &fu, &fp) != 0) {
            if (k == 0)
                die_msg("生成基准数据失败,未写入任何数据: %s", store_error(c->db));
            else
                die_msg("生成基准数据失败,前 %ld 步 (%ld 人) 已写入,第 %ld 步未写入: %s",
                        k, persons * k / steps, k + 1, store_error(c->db));
            return 1;
        }
        if (k == 0) {
            first_unit = fu;
            first_person = fp;
        }
    }
    printf("已生成基准数据: %ld 个单位 (BENCH%08ld-BENCH%08ld), %ld 人 (第 %ld-%ld 号), "
           "自 %s 起参保, 用时 %.2f 秒\n", units, first_unit, first_unit + units - 1, persons,
           first_person, first_person + persons - 1, m, elapsed(&t0));
    return 0;
}
