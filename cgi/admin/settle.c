/* settle — the month's settlement 正常应缴 (spec §6a). */
#include <stdio.h>
#include <time.h>
#include "admin.h"
#include "store/settle.h"

int settle_one(struct ctx *c, int ym, int quiet)
{
    struct settle_result res;
    struct timespec t0;
    char m[8], uf[FORMAT_FEN_MAX], pf[FORMAT_FEN_MAX];
    int st;

    format_month(m, ym);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = store_settle_month(c->db, ym, &c->now, &res);
    if (st == SETTLE_NOREF) {
        die_msg("%s 缺少参考数据: %s;请先加载后再结算,未写入任何数据", m, res.missing);
        return SETTLE_NOREF;
    }
    if (st != 0) {
        die_msg("结算 %s 失败,未写入任何数据: %s", m, store_error(c->db));
        return -1;
    }
    if (quiet)
        return 0;
    format_fen(uf, sizeof uf, res.unit_fen);
    format_fen(pf, sizeof pf, res.person_fen);
    if (res.rows == 0)
        result_line("%s 正常应缴: 参保覆盖 %ld 人,均已核定,本次未新增 (用时 %.2f 秒)", m,
               res.persons_covered, elapsed(&t0));
    else
        result_line("%s 正常应缴: 参保覆盖 %ld 人,本次核定 %ld 人 %ld 条,单位缴费 %s 元,"
                    "个人缴费 %s 元 (用时 %.2f 秒)", m, res.persons_covered, res.persons,
               res.rows, uf, pf, elapsed(&t0));
    return 0;
}

int cmd_settle(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *v[1], *pos[1];
    struct policy pol;
    struct decl_state ds;
    char m[8], last[8];
    int help, np = 0, ym;

    if (parse_opts(argc, argv, spec, v, pos, 1, &np, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin settle [YYYY-MM]\n"
             "  核定该费款所属期的正常应缴(结算,规格 §6a):所有单位中参保覆盖该月的在职人员\n"
             "  (参保开始年月不晚于该月,且未减员或减员时间不早于该月最后一天),每个参保险种,\n"
             "  按该月适用的月申报工资(限定在该月缴费基数上下限内)和该月费率,逐人四舍五入。\n"
             "  已补缴或已核定的月份不重复核定,重复运行不会新增。整个月在一个事务中完成。\n"
             "  不填月份时取业务时间下最近一个已进入结算期的月份(每月6日17:00起为当月结算期),\n"
             "  即定时器每月7日运行时结算当月;结算期尚未开始的月份拒绝结算。");
        return 0;
    }
    if (np == 1 && parse_month(pos[0], &ym) != 0) {
        die_msg("月份格式不正确: %s (应为 YYYY-MM)", pos[0]);
        return EXIT_USAGE;
    }
    if (open_ctx(c) != 0)
        return 1;
    pol = c->cfg.policy;
    decl_state_at(&pol, &c->now, &ds);
    if (np == 0)
        ym = ds.settled_through;
    if (ym > ds.settled_through) {
        format_month(m, ym);
        format_month(last, ds.settled_through);
        die_msg("%s 的结算期尚未开始 (业务时间 %04d-%02d-%02d %02d:%02d,最近可结算的月份为 %s)",
                m, c->now.y, c->now.m, c->now.d, c->now.hh, c->now.mm, last);
        return 1;
    }
    return settle_one(c, ym, 0) == 0 ? 0 : 1;
}
