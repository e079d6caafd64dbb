/*
 * unit-legal-rep and unit-scheme — the unit data of 单位参保证明 that is set
 * at the counter, never online (spec §4, §9; issue 8 item 2): the 法定代表人's
 * 姓名 and 证件号码, and the registration of the two schemes for special groups
 * (一至六级残疾军人医疗保险, 离休人员医疗保障), which carry no rates.
 */
#include <stdio.h>
#include <string.h>
#include "admin.h"
#include "store/report.h"

/* The unit of --unit-no after open_ctx: 0, or -1 after a message. */
static int unit_of(struct ctx *c, const char *unit_no, struct unit *u)
{
    int st;

    if (open_ctx(c) != 0)
        return -1;
    st = store_unit_by_no(c->db, unit_no, u);
    if (st == STORE_NOTFOUND)
        die_msg("单位编号 %s 不存在", unit_no);
    else if (st != 0)
        die_msg("读取单位失败");
    return st == 0 ? 0 : -1;
}

int cmd_unit_legal_rep(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { "--unit-no", "--name", "--id-no", NULL };
    const char *v[4], *pos[1];
    struct unit_legal_rep rep;
    struct unit u;
    int help;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin unit-legal-rep --unit-no 单位编号 --name 姓名 --id-no 证件号码\n"
             "  登记单位法定代表人的姓名和证件号码(居民身份证号码,18位),单位参保证明上显示。");
        return 0;
    }
    if (!need(v[0], "--unit-no") || !need(v[1], "--name") || !need(v[2], "--id-no"))
        return EXIT_USAGE;
    memset(&rep, 0, sizeof rep);
    if (!v[1][0] || utf8_chars(v[1]) > 100 || !text_clean(v[1])) {
        die_msg("--name 须为1至100个字符,且不含控制字符");
        return EXIT_USAGE;
    }
    if (id_check(v[2], rep.id_no, NULL) != ID_OK) {
        die_msg("--id-no %s 不是有效的居民身份证号码", v[2]);
        return EXIT_USAGE;
    }
    snprintf(rep.name, sizeof rep.name, "%s", v[1]);
    if (unit_of(c, v[0], &u) != 0)
        return 1;
    if (store_unit_legal_rep_set(c->db, u.id, &rep) != 0) {
        die_msg("登记法定代表人失败");
        return 1;
    }
    printf("已登记单位 %s %s 的法定代表人 %s %s\n", u.unit_no, u.name, rep.name, rep.id_no);
    return 0;
}

int cmd_unit_scheme(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { "--unit-no", "--type", "--date", "--remove", NULL };
    const char *v[5], *pos[1];
    struct ymd on;
    struct unit u;
    int help, st;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin unit-scheme --unit-no 单位编号 --type 险种编码 [--date YYYY-MM-DD]\n"
             "       portal-admin unit-scheme --unit-no 单位编号 --type 险种编码 --remove 1\n"
             "  登记(或更改登记日期、撤销)单位参加的特殊人群保障:360 一至六级残疾军人医疗保险,\n"
             "  370 离休人员医疗保障。只在柜台办理,不计费率;登记日期默认为业务日期。");
        return 0;
    }
    if (!need(v[0], "--unit-no") || !need(v[1], "--type"))
        return EXIT_USAGE;
    if (v[2] && (parse_date(v[2], &on) != 0)) {
        die_msg("--date %s 不是 YYYY-MM-DD 日期", v[2]);
        return EXIT_USAGE;
    }
    if (unit_of(c, v[0], &u) != 0)
        return 1;
    if (v[3]) {
        st = store_unit_scheme_remove(c->db, u.id, v[1]);
        if (st == 0)
            printf("已撤销单位 %s 的 %s 登记\n", u.unit_no, v[1]);
    } else {
        if (!v[2])
            on = dt_date(&c->now);
        st = store_unit_scheme_set(c->db, u.id, v[1], on, &c->now);
        if (st == 0)
            printf("已登记单位 %s %s 参加 %s\n", u.unit_no, u.name, v[1]);
    }
    if (st == STORE_NOTFOUND)
        die_msg(v[3] ? "单位 %s 未登记 %s" : "单位 %s: %s 不是特殊人群保障的险种编码 (360, 370)",
                u.unit_no, v[1]);
    else if (st != 0)
        die_msg("登记失败");
    return st == 0 ? 0 : 1;
}
