/* migrate — applies the schema/ migrations not yet applied. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"

static int is_migration_name(const char *n)
{
    size_t len = strlen(n);
    return len > 8 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' &&
           n[2] >= '0' && n[2] <= '9' && n[3] == '_' && strcmp(n + len - 4, ".sql") == 0;
}

static int filter_sql(const struct dirent *d)
{
    return is_migration_name(d->d_name);
}

static int only_comments(const char *s)
{
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        if (!*s)
            return 1;
        if (s[0] == '-' && s[1] == '-') {
            while (*s && *s != '\n')
                s++;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Splits at ';' ending a line (not a comment line) and runs each statement. */
static int run_script(struct store *db, const char *file, char *text, int *count)
{
    char *stmt = text, *p = text;

    *count = 0;
    while (*p) {
        char *eol = strchr(p, '\n');
        char *end = eol ? eol : p + strlen(p);
        char *last = end, *first = p;
        while (last > p && (last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\r'))
            last--;
        while (first < last && (*first == ' ' || *first == '\t'))
            first++;
        int is_comment = last - first >= 2 && first[0] == '-' && first[1] == '-';
        if (!is_comment && last > p && last[-1] == ';') {
            last[-1] = '\0';
            if (!only_comments(stmt)) {
                if (store_exec_trusted(db, stmt) != 0) {
                    die_msg("%s: 第%d条语句执行失败: %s", file, *count + 1, store_error(db));
                    return -1;
                }
                (*count)++;
            }
            stmt = eol ? eol + 1 : end;
        }
        p = eol ? eol + 1 : end;
    }
    if (!only_comments(stmt)) {
        die_msg("%s: 最后一条语句没有以分号结尾", file);
        return -1;
    }
    return 0;
}

int cmd_migrate(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *vals[1], *pos[1];
    struct dirent **list = NULL;
    int help, n, applied_n = 0, rc = 1;

    if (parse_opts(argc, argv, spec, vals, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin migrate\n"
             "  按文件名顺序执行 Paths.Schema 目录下尚未执行的 NNN_名称.sql 迁移,\n"
             "  记录在 schema_migrations 表中,重复执行不会重复应用。\n"
             "  每个文件在一个事务中执行(DDL 语句会隐式提交,失败时请检查后重试)。");
        return 0;
    }
    if (open_ctx(c) != 0)
        return 1;
    const char *dir = c->cfg.schema;
    n = scandir(dir, &list, filter_sql, alphasort);
    if (n < 0) {
        die_msg("无法读取迁移目录 %s: %s", dir, strerror(errno));
        goto out;
    }
    if (store_migrations_init(c->db) != 0)
        goto out;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        char path[4096], *text = NULL;
        size_t len;
        int applied = 0, count = 0;

        if (store_migration_applied(c->db, name, &applied) != 0)
            goto out;
        if (applied)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        if (read_file(path, &text, &len) != 0)
            goto out;
        if (store_begin(c->db) != 0 || run_script(c->db, name, text, &count) != 0 ||
            store_migration_record(c->db, name) != 0 || store_commit(c->db) != 0) {
            store_rollback(c->db);
            free(text);
            die_msg("迁移 %s 失败,已停止", name);
            goto out;
        }
        free(text);
        printf("已应用 %s (%d 条语句)\n", name, count);
        applied_n++;
    }
    if (applied_n == 0)
        puts("数据库已是最新,没有需要应用的迁移。");
    {
        /* on a Galera cluster: ROW binlog, InnoDB tables with primary keys */
        char why[1024];
        int g = store_galera_check(c->db, why, sizeof why);
        if (g != 0) {
            die_msg("数据库不满足 Galera 集群的要求: %s", g == 1 ? why : store_error(c->db));
            goto out;
        }
    }
    rc = 0;
out:
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    return rc;
}
