/*
 * portal-admin — the administrator's command line (spec §3): schema
 * migrations, units and passwords, the legacy import, session purging, the
 * demo data, the monthly settlement (settle) and the settlement bench data
 * (gen). Thin: parse arguments, call the rules and the store; every
 * business write is one transaction. Exit status 0 only on success.
 * Messages go to stdout (results) and stderr (errors), in Chinese.
 * One file per command in cgi/admin/; admin.h says what they share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"
#include "base/log.h"

static const struct command {
    const char *name;
    int (*fn)(struct ctx *, int, char **);
    const char *summary;
} commands[] = {
    { "migrate", cmd_migrate, "执行 schema/ 下尚未执行的数据库迁移" },
    { "unit-add", cmd_unit_add, "新建单位及其登录账号" },
    { "passwd", cmd_passwd, "重设单位登录密码" },
    { "import-persons", cmd_import, "导入旧系统人员数据 (CSV)" },
    { "session-purge", cmd_session_purge, "清理过期会话和登录失败记录" },
    { "recount", cmd_recount, "重新统计各单位的人数和缴费合计" },
    { "demo", cmd_demo, "生成演示数据并打印演示账号和证件号码" },
    { "settle", cmd_settle, "核定一个月的正常应缴 (结算)" },
    { "gen", cmd_gen, "生成结算基准测试数据" },
    { "unit-legal-rep", cmd_unit_legal_rep, "登记单位法定代表人姓名和证件号码" },
    { "unit-scheme", cmd_unit_scheme, "登记单位参加的特殊人群保障 (360, 370)" },
    { NULL, NULL, NULL }
};

static void usage(FILE *f)
{
    fputs("用法: portal-admin [--conf 配置文件] 命令 [选项]\n"
          "  配置文件默认取 $PORTAL_CONF,否则本检出目录的本地实例 (var/run/portal.hdf),\n"
          "  否则 conf/portal.hdf。\n"
          "  业务日期取 PORTAL_TODAY (YYYY-MM-DD 或 YYYY-MM-DD HH:MM),否则系统时间。\n\n命令:\n", f);
    for (int i = 0; commands[i].name; i++)
        fprintf(f, "  %-16s %s\n", commands[i].name, commands[i].summary);
    fputs("\n每个命令都支持 --help。成功时退出码为 0。\n", f);
}

int main(int argc, char **argv)
{
    struct ctx c;
    int i = 1, rc;

    memset(&c, 0, sizeof c);
    setenv("TZ", "Asia/Shanghai", 0);
    tzset();
    log_init("portal-admin");
    while (i < argc && strncmp(argv[i], "-", 1) == 0) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--conf") == 0 && i + 1 < argc) {
            c.conf_path = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--conf=", 7) == 0) {
            c.conf_path = argv[i] + 7;
            i++;
        } else {
            die_msg("未知选项 %s", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (int k = 0; commands[k].name; k++) {
        if (strcmp(commands[k].name, argv[i]) == 0) {
            rc = commands[k].fn(&c, argc - i - 1, argv + i + 1);
            close_ctx(&c);
            return rc;
        }
    }
    die_msg("未知命令 %s", argv[i]);
    usage(stderr);
    return EXIT_USAGE;
}
