/* unit-add, passwd — a unit and its login; a unit's password. */
#include <stdio.h>
#include <string.h>
#include "admin.h"

static const char *const unit_types[] = {
    "企业", "机关", "全额拨款事业单位", "差额拨款事业单位", "自收自支事业单位",
    "社会团体", "民办非企业单位", NULL
};

static int valid_unit_type(const char *t)
{
    for (int i = 0; unit_types[i]; i++)
        if (strcmp(unit_types[i], t) == 0)
            return 1;
    return 0;
}

static int valid_unit_no(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 32)
        return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
            return 0;
    return 1;
}

int cmd_unit_add(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { "--unit-no", "--name", "--type", "--credit-code",
                                        "--password", "--admin-name", NULL };
    const char *v[7], *pos[1];
    char pw[256];
    char *hash = NULL;
    struct unit u;
    int64_t id = 0;
    int help, rc = 1, st;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin unit-add --unit-no 单位编号 --name 单位名称 --type 单位类型\n"
             "                            --credit-code 统一社会信用代码 --password 密码\n"
             "                            [--admin-name 管理员姓名]\n"
             "  新建单位及其网厅管理员账号(登录时不填账号;姓名缺省为单位编号)。单位类型: 企业、机关、全额拨款事业单位、\n"
             "  差额拨款事业单位、自收自支事业单位、社会团体、民办非企业单位。\n"
             "  密码至少8位,以 yescrypt 散列保存;--password - 表示从标准输入读一行。");
        return 0;
    }
    if (!need(v[0], "--unit-no") || !need(v[1], "--name") || !need(v[2], "--type") ||
        !need(v[3], "--credit-code") || !need(v[4], "--password"))
        return EXIT_USAGE;
    if (!valid_unit_no(v[0])) {
        die_msg("单位编号只能由字母和数字组成,最长32位");
        return EXIT_USAGE;
    }
    if (!valid_unit_type(v[2])) {
        die_msg("单位类型不正确: %s", v[2]);
        return EXIT_USAGE;
    }
    if (utf8_chars(v[1]) > 100 || strlen(v[1]) >= sizeof u.name || strlen(v[3]) > 32) {
        die_msg("单位名称或统一社会信用代码过长");
        return EXIT_USAGE;
    }
    if (v[5] && (utf8_chars(v[5]) > 30 || !v[5][0])) {
        die_msg("管理员姓名应为1至30个字");
        return EXIT_USAGE;
    }
    if (get_password(v[4], pw, sizeof pw) != 0)
        return EXIT_USAGE;
    if (!(hash = hash_password(pw)))
        return 1;
    if (open_ctx(c) != 0)
        goto out;
    memset(&u, 0, sizeof u);
    snprintf(u.unit_no, sizeof u.unit_no, "%s", v[0]);
    snprintf(u.name, sizeof u.name, "%s", v[1]);
    snprintf(u.unit_type, sizeof u.unit_type, "%s", v[2]);
    snprintf(u.credit_code, sizeof u.credit_code, "%s", v[3]);
    if (store_begin(c->db) != 0)
        goto out;
    st = store_unit_add(c->db, &u, &c->now, &id);
    if (st == STORE_DUP) {
        store_rollback(c->db);
        die_msg("单位编号 %s 已存在", u.unit_no);
        goto out;
    }
    if (st != 0 || store_account_set_password(c->db, id, hash) != 0 ||
        (v[5] && store_account_set_admin_name(c->db, id, v[5]) != 0) || store_commit(c->db) != 0) {
        store_rollback(c->db);
        die_msg("新建单位失败");
        goto out;
    }
    printf("已新建单位 %s %s (%s)\n", u.unit_no, u.name, u.unit_type);
    rc = 0;
out:
    memset(pw, 0, sizeof pw);
    free(hash);
    return rc;
}

int cmd_passwd(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { "--unit-no", "--password", NULL };
    const char *v[3], *pos[1];
    char pw[256];
    char *hash = NULL;
    struct unit u;
    int help, rc = 1, st;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin passwd --unit-no 单位编号 --password 新密码\n"
             "  重设单位的网厅登录密码(至少8位);--password - 表示从标准输入读一行。");
        return 0;
    }
    if (!need(v[0], "--unit-no") || !need(v[1], "--password"))
        return EXIT_USAGE;
    if (get_password(v[1], pw, sizeof pw) != 0)
        return EXIT_USAGE;
    if (!(hash = hash_password(pw)))
        return 1;
    if (open_ctx(c) != 0)
        goto out;
    st = store_unit_by_no(c->db, v[0], &u);
    if (st == STORE_NOTFOUND) {
        die_msg("单位编号 %s 不存在", v[0]);
        goto out;
    }
    if (st != 0 || store_account_set_password(c->db, u.id, hash) != 0) {
        die_msg("重设密码失败");
        goto out;
    }
    printf("已重设单位 %s %s 的密码\n", u.unit_no, u.name);
    rc = 0;
out:
    memset(pw, 0, sizeof pw);
    free(hash);
    return rc;
}
