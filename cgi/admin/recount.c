/* recount — rebuilds the counts pages read on every view (014_speed:
 * unit_type_counts, unit_month_totals) from the enrolments and
 * contributions, and every person's statutory retirement month by the rule
 * (017_check_fast), in one transaction; then each unit's 基础信息核查 rows and
 * 本期待办. The portal keeps them in every write; this is for rows written by
 * hand (a repair in SQL, a test fixture). */
#include <stdio.h>
#include "admin.h"
#include "store/counts.h"
#include "store/check.h"
#include <time.h>

int cmd_recount(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *v[1], *pos[1];
    int help;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin recount\n"
             "  按参保登记和缴费记录重新统计各单位的人数和缴费合计(首页、单位信息查询、\n"
             "  单位花名册和单位缴费明细查询所读的统计)、人员的法定退休年月、基础信息核查结果及首页的本期待办。门户每次写入时都会同步更新统计,\n"
             "  只有直接用 SQL 修改了数据时才需要运行。");
        return 0;
    }
    if (open_ctx(c) != 0)
        return 1;
    if (store_begin(c->db) != 0 || store_counts_recount(c->db, 0) != 0 ||
        store_persons_fill_retire(c->db, 1) != 0 || store_commit(c->db) != 0 ||
        store_todo_refresh_all(c->db, &c->now, time(NULL)) != 0) {
        store_rollback(c->db);
        die_msg("重新统计失败");
        return 1;
    }
    puts("已重新统计各单位的人数和缴费合计及本期待办");
    return 0;
}
