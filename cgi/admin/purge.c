/* session-purge — removes expired sessions and old login failures. */
#include <stdio.h>
#include "admin.h"

int cmd_session_purge(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *v[1], *pos[1];
    long failures = 0;
    int help;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin session-purge\n"
             "  删除已超时的会话(空闲超过 Session.IdleMinutes 或创建超过 Session.AbsoluteHours)\n"
             "  和一天以前的登录失败记录。适合由定时器每小时运行。");
        return 0;
    }
    if (open_ctx(c) != 0)
        return 1;
    time_t now = conf_real_now();
    long idle = c->cfg.session.idle_minutes;
    long hours = c->cfg.session.absolute_hours;
    if (store_session_purge(c->db, now - idle * 60, now - hours * 3600) != 0 ||
        store_login_failures_purge(c->db, now - 86400, &failures) != 0) {
        die_msg("清理失败");
        return 1;
    }
    result_line("已清理过期会话和 %ld 条过期的登录失败记录", failures);
    return 0;
}
