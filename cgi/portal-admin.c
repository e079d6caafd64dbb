/*
 * portal-admin — the administrator's command line (spec §3): schema
 * migrations, units and passwords, the legacy import, session purging, the
 * demo data, the monthly settlement (settle) and the settlement bench data
 * (gen). Thin: parse arguments, call the rules and the store; every
 * business write is one transaction. Exit status 0 only on success.
 * Messages go to stdout (results) and stderr (errors), in Chinese.
 */
#include <crypt.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/rules.h"
#include "store/settle.h"
#include "store/store.h"
#include "web/conf.h"
#include "web/csv.h"

#define EXIT_USAGE 2

static const char *const unit_types[] = {
    "企业", "机关", "全额拨款事业单位", "差额拨款事业单位", "自收自支事业单位",
    "社会团体", "民办非企业单位", NULL
};

/* ---- small helpers --------------------------------------------------------- */

static void die_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void die_msg(const char *fmt, ...)
{
    va_list ap;
    fputs("portal-admin: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int is_public_unit(const char *type)   /* 机关事业单位 (spec §4) */
{
    return strcmp(type, "机关") == 0 || strcmp(type, "全额拨款事业单位") == 0 ||
           strcmp(type, "差额拨款事业单位") == 0 || strcmp(type, "自收自支事业单位") == 0;
}

static int valid_unit_type(const char *t)
{
    for (int i = 0; unit_types[i]; i++)
        if (strcmp(unit_types[i], t) == 0)
            return 1;
    return 0;
}

/* Counts UTF-8 characters (the schema's VARCHAR lengths are characters). */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
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

static double elapsed(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Options: "--name value" or "--name=value". `spec` lists the accepted names;
 * values land in vals[] in the same order (NULL when absent). Positional
 * arguments go to pos[] (at most npos). --help sets *help.
 * Returns 0, or -1 after printing what is wrong.
 */
static int parse_opts(int argc, char **argv, const char *const *spec, const char **vals,
                      const char **pos, int npos, int *npos_out, int *help)
{
    int np = 0;

    *help = 0;
    for (int i = 0; spec[i]; i++)
        vals[i] = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help = 1;
            return 0;
        }
        if (strncmp(a, "--", 2) == 0) {
            const char *eq = strchr(a, '=');
            size_t len = eq ? (size_t)(eq - a) : strlen(a);
            int k = -1;
            for (int j = 0; spec[j]; j++)
                if (strlen(spec[j]) == len && strncmp(spec[j], a, len) == 0)
                    k = j;
            if (k < 0) {
                die_msg("未知选项 %.*s (用 --help 查看用法)", (int)len, a);
                return -1;
            }
            if (eq)
                vals[k] = eq + 1;
            else if (i + 1 < argc)
                vals[k] = argv[++i];
            else {
                die_msg("选项 %s 缺少取值", a);
                return -1;
            }
            continue;
        }
        if (np >= npos) {
            die_msg("多余的参数 %s (用 --help 查看用法)", a);
            return -1;
        }
        pos[np++] = a;
    }
    if (npos_out)
        *npos_out = np;
    return 0;
}

static int need(const char *val, const char *opt)
{
    if (val && *val)
        return 1;
    die_msg("缺少必填选项 %s (用 --help 查看用法)", opt);
    return 0;
}

/* Reads a whole file; gives *out (free it). */
static int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;

    *out = NULL;
    if (!f) {
        die_msg("无法打开文件 %s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (cap - n < 65536) {
            size_t ncap = cap ? cap * 2 : 131072;
            char *q = realloc(p, ncap + 1);
            if (!q) {
                die_msg("内存不足");
                goto out;
            }
            p = q;
            cap = ncap;
        }
        size_t got = fread(p + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                die_msg("读取文件 %s 失败", path);
                goto out;
            }
            break;
        }
    }
    p[n] = '\0';
    *out = p;
    *len = n;
    p = NULL;
    rc = 0;
out:
    free(p);
    fclose(f);
    return rc;
}

/* yescrypt with a fresh salt; gives a malloc'd hash or NULL. */
static char *hash_password(const char *pw)
{
    char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
    void *data = NULL;
    int size = 0;
    char *h, *copy = NULL;

    if (!salt) {
        die_msg("crypt_gensalt_ra 失败: %s", strerror(errno));
        return NULL;
    }
    h = crypt_ra(pw, salt, &data, &size);
    if (h && h[0] == '$')
        copy = strdup(h);
    else
        die_msg("生成密码散列失败");
    free(data);
    free(salt);
    return copy;
}

/* The password from --password, or one line of stdin for "-" (keeps it out of ps). */
static int get_password(const char *opt, char *buf, size_t size)
{
    if (strcmp(opt, "-") == 0) {
        if (!fgets(buf, (int)size, stdin)) {
            die_msg("未从标准输入读到密码");
            return -1;
        }
        buf[strcspn(buf, "\r\n")] = '\0';
    } else {
        if (strlen(opt) >= size) {
            die_msg("密码过长");
            return -1;
        }
        strcpy(buf, opt);
    }
    if (strlen(buf) < 8) {
        die_msg("密码至少8位");
        return -1;
    }
    return 0;
}

/* ---- the shared context of a command --------------------------------------- */

struct ctx {
    const char *conf_path;
    HDF *hdf;
    struct store *db;
    struct portal_dt now;      /* business now */
};

static int open_ctx(struct ctx *c)
{
    if (conf_load(&c->hdf, c->conf_path) != 0) {
        die_msg("无法读取配置文件");
        return -1;
    }
    if (conf_business_now(c->hdf, &c->now) != 0)
        die_msg("PORTAL_TODAY 格式不正确,改用系统时间");
    if (conf_open_store(c->hdf, &c->db) != 0) {
        die_msg("无法连接数据库");
        return -1;
    }
    return 0;
}

static void close_ctx(struct ctx *c)
{
    store_close(&c->db);
    hdf_destroy(&c->hdf);
}

/* ---- migrate --------------------------------------------------------------- */

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

static int cmd_migrate(struct ctx *c, int argc, char **argv)
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
    const char *dir = hdf_get_value(c->hdf, "Paths.Schema", "schema");
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
    rc = 0;
out:
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    return rc;
}

/* ---- unit-add, passwd ------------------------------------------------------ */

static int cmd_unit_add(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { "--unit-no", "--name", "--type", "--credit-code",
                                        "--password", NULL };
    const char *v[6], *pos[1];
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
             "  新建单位及其网厅登录账号。单位类型: 企业、机关、全额拨款事业单位、\n"
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
    if (st != 0 || store_account_set_password(c->db, id, hash) != 0 || store_commit(c->db) != 0) {
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

static int cmd_passwd(struct ctx *c, int argc, char **argv)
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

/* ---- loading one person (import-persons and demo) -------------------------- */

enum pstatus { PS_WORKING, PS_RETIRED, PS_FLEXIBLE, PS_TRANSFERRED, PS_NONE };
static const char *const pstatus_names[] = { "在职", "退休", "灵活就业", "转移", "未参保", NULL };

struct person_load {
    struct person_new p;
    char id_no[19];
    enum pstatus status;
    const struct unit *unit;     /* NULL for 灵活就业 / 未参保 */
    int start_ym;                /* -1 for 未参保 */
    long long wage_fen;          /* -1: none */
    struct ymd end_date;         /* demo only: a closed enrolment */
};

struct type_codes {
    char mandatory[STORE_ENROL_MAX_TYPES][4];
    size_t n;
    int has_320;
};

static int load_type_codes(struct store *db, struct type_codes *tc)
{
    struct insurance_type t[32];
    size_t n = 0;

    memset(tc, 0, sizeof *tc);
    if (store_insurance_types(db, t, 32, &n) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (t[i].mandatory && tc->n < STORE_ENROL_MAX_TYPES - 1)
            memcpy(tc->mandatory[tc->n++], t[i].code, 4);
        if (strcmp(t[i].code, "320") == 0)
            tc->has_320 = 1;
    }
    if (tc->n == 0) {
        die_msg("险种参考数据为空,请先执行 migrate");
        return -1;
    }
    return 0;
}

/* Base record + enrolments + wage of one person, inside the caller's transaction. */
static int load_person(struct store *db, const struct type_codes *tc,
                       const struct person_load *pl, const struct portal_dt *now)
{
    struct enrolment_new e;
    int64_t pid = 0;
    int civil;

    if (store_id_lock(db, pl->id_no) != 0 || store_person_add(db, &pl->p, now, &pid) != 0)
        return -1;
    if (pl->status == PS_NONE)
        return 0;
    memset(&e, 0, sizeof e);
    e.person_id = pid;
    e.start_ym = pl->start_ym;
    e.end_date = pl->end_date;
    e.status = pl->end_date.y ? "暂停缴费" : "参保缴费";
    e.stop_reason = pl->end_date.y ? "离职" : NULL;
    civil = pl->p.category && strcmp(pl->p.category, "公务员") == 0;
    switch (pl->status) {
    case PS_WORKING:
    case PS_TRANSFERRED:
        e.unit_id = pl->unit->id;
        e.kind = "在职";
        e.person_type = civil ? "公务员在职" : "职工在职";
        e.transferred = pl->status == PS_TRANSFERRED;
        break;
    case PS_RETIRED:
        e.unit_id = pl->unit->id;
        e.kind = "退休";
        e.person_type = "退休人员";
        break;
    case PS_FLEXIBLE:
        e.unit_id = 0;
        e.kind = "灵活就业";
        e.person_type = "灵活就业人员";
        break;
    case PS_NONE:
        break;
    }
    char codes[STORE_ENROL_MAX_TYPES][4];
    size_t n = 0;
    for (size_t i = 0; i < tc->n && n < STORE_ENROL_MAX_TYPES; i++)
        memcpy(codes[n++], tc->mandatory[i], 4);
    if (civil && e.unit_id > 0 && strcmp(e.kind, "在职") == 0 &&
        is_public_unit(pl->unit->unit_type) && tc->has_320 && n < STORE_ENROL_MAX_TYPES)
        memcpy(codes[n++], "320", 4);
    if (store_enrolments_add(db, &e, (const char (*)[4])codes, n, now) != 0)
        return -1;
    if (pl->wage_fen >= 0 && pl->status != PS_RETIRED &&
        store_wage_add(db, pid, e.unit_id, pl->start_ym, pl->wage_fen, now) != 0)
        return -1;
    return 0;
}

/* ---- import-persons -------------------------------------------------------- */

static const char *const import_cols[] = {
    "证件号码", "姓名", "单位编号", "状态", "参保开始年月", "月申报工资", "联系电话",
    "参加工作时间", "退休年月", "居住地", "生存状态", "人员类别", NULL
};
#define IMPORT_REQUIRED 7
#define IMPORT_ALL 12

struct unit_cache {
    struct unit *u;
    size_t n, cap;
};

/* The unit with this number (looked up once); NULL when it does not exist or on error (*err). */
static const struct unit *unit_lookup(struct store *db, struct unit_cache *uc, const char *no,
                                      int *err)
{
    struct unit u;
    int st;

    for (size_t i = 0; i < uc->n; i++)
        if (strcmp(uc->u[i].unit_no, no) == 0)
            return &uc->u[i];
    st = store_unit_by_no(db, no, &u);
    if (st == STORE_NOTFOUND)
        return NULL;
    if (st != 0) {
        *err = 1;
        return NULL;
    }
    if (uc->n == uc->cap) {
        size_t ncap = uc->cap ? uc->cap * 2 : 16;
        struct unit *p = realloc(uc->u, ncap * sizeof *p);
        if (!p) {
            *err = 1;
            return NULL;
        }
        uc->u = p;
        uc->cap = ncap;
    }
    uc->u[uc->n] = u;
    return &uc->u[uc->n++];
}

static const char *cell(const struct csv_row *r, size_t i)
{
    return i < r->n ? r->cell[i] : "";
}

/* Checks one row; fills *pl on success. Returns NULL or the error text (in buf). */
static const char *check_row(struct store *db, struct unit_cache *uc, const struct csv_row *r,
                             const struct portal_dt *now, struct person_load *pl,
                             char *buf, size_t size, int *dberr)
{
    struct id_info info;
    const char *v;
    int k;

    memset(pl, 0, sizeof *pl);
    pl->start_ym = -1;
    pl->wage_fen = -1;
    pl->p.retire_ym = -1;
    if (r->n > IMPORT_ALL)
        return "列数过多";
    if (id_excel_mangled(cell(r, 0)))
        return "证件号码已被Excel转换为数字(如3.20501E+17),末尾数字已丢失;"
               "请把证件号码列设置为“文本”格式后重新填写";
    switch (id_check(cell(r, 0), pl->id_no, &info)) {
    case ID_OK: break;
    case ID_EFORMAT: return "证件号码格式不正确(应为18位)";
    case ID_ECHECKSUM: return "证件号码校验不通过";
    case ID_EBIRTH: return "证件号码中的出生日期不正确";
    }
    if (ymd_cmp(info.birth, dt_date(now)) > 0)
        return "证件号码中的出生日期晚于今天";
    pl->p.id_no = pl->id_no;
    pl->p.birth = info.birth;
    pl->p.male = info.male;

    v = cell(r, 1);
    if (!*v)
        return "姓名为空";
    if (utf8_chars(v) > 100)
        return "姓名过长";
    pl->p.name = v;

    for (k = 0; pstatus_names[k]; k++)
        if (strcmp(pstatus_names[k], cell(r, 3)) == 0)
            break;
    if (!pstatus_names[k])
        return "状态应为 在职、退休、灵活就业、转移 或 未参保";
    pl->status = (enum pstatus)k;

    v = cell(r, 2);
    if (*v) {
        pl->unit = unit_lookup(db, uc, v, dberr);
        if (*dberr)
            return "数据库错误";
        if (!pl->unit) {
            snprintf(buf, size, "单位编号 %.40s 不存在", v);
            return buf;
        }
    } else if (pl->status == PS_WORKING || pl->status == PS_RETIRED || pl->status == PS_TRANSFERRED) {
        return "该状态必须填写单位编号";
    }
    if (pl->status == PS_FLEXIBLE || pl->status == PS_NONE)
        pl->unit = NULL;   /* a unit given for them is checked but not used */

    v = cell(r, 4);
    if (*v) {
        if (parse_month(v, &pl->start_ym) != 0)
            return "参保开始年月格式不正确(应为YYYY-MM)";
        if (pl->start_ym < ymd_to_ym(info.birth))
            return "参保开始年月早于出生年月";
    } else if (pl->status != PS_NONE) {
        return "参保开始年月为空";
    }
    if (pl->status == PS_NONE)
        pl->start_ym = -1;

    v = cell(r, 5);
    if (*v) {
        /* legacy exports may carry thousands separators: "12,000.00" */
        char plain[64];
        size_t n = 0;
        for (const char *q = v; *q && n + 1 < sizeof plain; q++)
            if (*q != ',')
                plain[n++] = *q;
        plain[n] = '\0';
        if (strlen(v) >= sizeof plain || parse_money_fen(plain, &pl->wage_fen) != 0 || pl->wage_fen <= 0 ||
            pl->wage_fen > 100000000LL)
            return "月申报工资格式不正确(元,最多两位小数,大于0)";
    } else if (pl->status == PS_WORKING || pl->status == PS_TRANSFERRED ||
               pl->status == PS_FLEXIBLE) {
        return "月申报工资为空";
    }

    v = cell(r, 6);
    if (strlen(v) > 32)
        return "联系电话过长";
    pl->p.phone = v;

    v = cell(r, 7);
    if (*v && parse_date(v, &pl->p.work_start) != 0)
        return "参加工作时间格式不正确(应为YYYY-MM-DD)";
    v = cell(r, 8);
    if (*v && parse_month(v, &pl->p.retire_ym) != 0)
        return "退休年月格式不正确(应为YYYY-MM)";
    v = cell(r, 9);
    if (utf8_chars(v) > 300)
        return "居住地过长";
    pl->p.address = v;
    v = cell(r, 10);
    if (*v && strcmp(v, "在世") != 0 && strcmp(v, "死亡") != 0)
        return "生存状态应为 在世 或 死亡";
    pl->p.alive = *v ? v : "在世";
    v = cell(r, 11);
    if (*v && strcmp(v, "职工") != 0 && strcmp(v, "公务员") != 0)
        return "人员类别应为 职工 或 公务员";
    pl->p.category = *v ? v : "职工";
    if (strcmp(pl->p.category, "公务员") == 0 && pl->unit &&
        (pl->status == PS_WORKING || pl->status == PS_TRANSFERRED) &&
        !is_public_unit(pl->unit->unit_type))
        return "人员类别为公务员,但单位不是机关事业单位";
    return NULL;
}

static int check_header(const struct csv_row *h)
{
    if (h->n < IMPORT_REQUIRED || h->n > IMPORT_ALL)
        goto bad;
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->cell[i], import_cols[i]) != 0)
            goto bad;
    return 0;
bad:
    die_msg("表头不正确,应为: 证件号码,姓名,单位编号,状态,参保开始年月,月申报工资,联系电话"
            " (可选续接: 参加工作时间,退休年月,居住地,生存状态,人员类别)");
    return -1;
}

static int cmd_import(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *v[1], *pos[1];
    struct csv_limits lim = { 1000001, 64, 1000 };
    struct csv_doc doc = { 0 };
    struct unit_cache uc = { 0 };
    struct type_codes tc;
    struct person_load *rows = NULL;
    struct timespec t0;
    char *data = NULL;
    size_t len = 0, err_line = 0, nbad = 0;
    long counts[5] = { 0 };
    int help, np = 0, rc = 1, dberr = 0;

    if (parse_opts(argc, argv, spec, v, pos, 1, &np, &help) != 0)
        return EXIT_USAGE;
    if (help || np != 1) {
        puts("用法: portal-admin import-persons 文件.csv\n"
             "  导入旧系统人员数据。表头:\n"
             "    证件号码,姓名,单位编号,状态,参保开始年月,月申报工资,联系电话\n"
             "  可选续接: 参加工作时间,退休年月,居住地,生存状态,人员类别\n"
             "  状态: 在职、退休、灵活就业(不填单位)、转移、未参保(仅基础信息);\n"
             "  参保开始年月 YYYY-MM,参加工作时间 YYYY-MM-DD,退休年月 YYYY-MM,\n"
             "  生存状态 在世/死亡,人员类别 职工/公务员。文件为 UTF-8 或 GB18030。\n"
             "  先校验全部行:有错误时逐行报告行号且不导入任何数据;否则在一个事务中全部导入。\n"
             "  同一证件号码出现两次会建立两条基础信息(旧系统的重复数据)。");
        return help ? 0 : EXIT_USAGE;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (read_file(pos[0], &data, &len) != 0)
        return 1;
    enum csv_err ce = csv_parse(data, len, &lim, &doc, &err_line);
    if (ce != CSV_OK) {
        const char *why = ce == CSV_EENCODING ? "无法识别文件编码(应为UTF-8或GB18030)"
                        : ce == CSV_EQUOTE ? "引号不配对"
                        : ce == CSV_ETOOMANYROWS ? "行数过多"
                        : ce == CSV_ETOOMANYCOLS ? "列数过多"
                        : ce == CSV_ECELL ? "单元格过长" : "内存不足";
        if (err_line)
            die_msg("%s: 第%zu行: %s", pos[0], err_line, why);
        else
            die_msg("%s: %s", pos[0], why);
        goto out;
    }
    if (doc.nrows == 0) {
        die_msg("%s: 文件为空", pos[0]);
        goto out;
    }
    if (check_header(&doc.row[0]) != 0)
        goto out;
    if (open_ctx(c) != 0 || load_type_codes(c->db, &tc) != 0)
        goto out;
    rows = calloc(doc.nrows, sizeof *rows);
    if (!rows) {
        die_msg("内存不足");
        goto out;
    }
    for (size_t i = 1; i < doc.nrows; i++) {
        char buf[160];
        const char *e = check_row(c->db, &uc, &doc.row[i], &c->now, &rows[i], buf, sizeof buf,
                                  &dberr);
        if (dberr)
            goto out;
        if (e) {
            fprintf(stderr, "第%zu行: %s\n", doc.row[i].line, e);
            nbad++;
        }
    }
    {
        size_t ids = 0, suspects = 0;
        for (size_t i = 1; i < doc.nrows; i++) {
            if (*cell(&doc.row[i], 0))
                ids++;
            if (id_excel_suspect(cell(&doc.row[i], 0)))
                suspects++;
        }
        if (id_excel_column_mangled(ids, suspects)) {
            die_msg("证件号码列疑似被Excel按数字保存(多个号码以000结尾),末尾数字已丢失;"
                    "请把证件号码列设置为“文本”格式后重新填写,未导入任何数据。");
            goto out;
        }
    }
    if (nbad) {
        die_msg("%zu 行有错误,未导入任何数据。请修改后重新导入。", nbad);
        goto out;
    }
    if (doc.nrows == 1) {
        die_msg("%s: 没有数据行", pos[0]);
        goto out;
    }
    if (store_begin(c->db) != 0)
        goto out;
    for (size_t i = 1; i < doc.nrows; i++) {
        if (load_person(c->db, &tc, &rows[i], &c->now) != 0) {
            store_rollback(c->db);
            die_msg("第%zu行写入数据库失败,未导入任何数据", doc.row[i].line);
            goto out;
        }
        counts[rows[i].status]++;
    }
    if (store_commit(c->db) != 0) {
        store_rollback(c->db);
        die_msg("提交失败,未导入任何数据");
        goto out;
    }
    printf("已导入 %zu 人: 在职 %ld, 退休 %ld, 灵活就业 %ld, 转移 %ld, 未参保 %ld (用时 %.2f 秒)\n",
           doc.nrows - 1, counts[0], counts[1], counts[2], counts[3], counts[4], elapsed(&t0));
    rc = 0;
out:
    free(rows);
    free(uc.u);
    csv_doc_free(&doc);
    free(data);
    return rc;
}

/* ---- session-purge --------------------------------------------------------- */

static int cmd_session_purge(struct ctx *c, int argc, char **argv)
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
    long idle = hdf_get_int_value(c->hdf, "Session.IdleMinutes", 30);
    long hours = hdf_get_int_value(c->hdf, "Session.AbsoluteHours", 12);
    if (store_session_purge(c->db, now - idle * 60, now - hours * 3600) != 0 ||
        store_login_failures_purge(c->db, now - 86400, &failures) != 0) {
        die_msg("清理失败");
        return 1;
    }
    printf("已清理过期会话和 %ld 条过期的登录失败记录\n", failures);
    return 0;
}

/* ---- settle, gen ------------------------------------------------------------- */

/* Settles one month and prints what it did (shared by settle and demo).
 * Returns 0, SETTLE_NOREF (reference data missing: said on stderr) or -1. */
static int settle_one(struct ctx *c, int ym, int quiet)
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
        printf("%s 正常应缴: 参保覆盖 %ld 人,均已核定,本次未新增 (用时 %.2f 秒)\n", m,
               res.persons_covered, elapsed(&t0));
    else
        printf("%s 正常应缴: 参保覆盖 %ld 人,本次核定 %ld 人 %ld 条,单位缴费 %s 元,"
               "个人缴费 %s 元 (用时 %.2f 秒)\n", m, res.persons_covered, res.persons,
               res.rows, uf, pf, elapsed(&t0));
    return 0;
}

static int cmd_settle(struct ctx *c, int argc, char **argv)
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
    conf_policy(c->hdf, &pol);
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

static int cmd_gen(struct ctx *c, int argc, char **argv)
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
             "  重复运行会在已有基准数据之后继续编号追加。一个事务,集合式 SQL (seq_1_to_N)。\n"
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
        conf_policy(c->hdf, &pol);
        decl_state_at(&pol, &c->now, &ds);
        ym = ds.settled_through;
    }
    format_month(m, ym);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (store_bench_generate(c->db, units, persons, ym, (unsigned long)seed, &c->now,
                             &first_unit, &first_person) != 0) {
        die_msg("生成基准数据失败,未写入任何数据: %s", store_error(c->db));
        return 1;
    }
    printf("已生成基准数据: %ld 个单位 (BENCH%08ld-BENCH%08ld), %ld 人 (第 %ld-%ld 号), "
           "自 %s 起参保, 用时 %.2f 秒\n", units, first_unit, first_unit + units - 1, persons,
           first_person, first_person + persons - 1, m, elapsed(&t0));
    return 0;
}

/* ---- demo ------------------------------------------------------------------ */

/* splitmix64: a fixed seed makes the demo the same on every machine. */
struct rng { unsigned long long s; };

static unsigned long long rng_next(struct rng *r)
{
    unsigned long long z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int rng_int(struct rng *r, int lo, int hi)   /* lo..hi inclusive */
{
    return lo + (int)(rng_next(r) % (unsigned long long)(hi - lo + 1));
}

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "顾", "钱", "邵", "缪", "浦", "陶", "秦", "严", "薛", "欧阳", NULL
};
static const char *const given_m[] = {
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华",
    "飞", "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林",
    "志", "建", "国", "文", "晨", "昊", "子", "嘉", "振", "海", NULL
};
static const char *const given_f[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "桂", "英", "燕", "萍", "红",
    "梅", "琳", "雪", "婷", "慧", "倩", "颖", "佳", "欣", "怡", "悦", "晓", "雯", "露", "瑶",
    "洁", "琴", "兰", "凤", "云", "蓉", "思", "梦", "雨", "月", NULL
};
static const char *const regions[] = {
    "320508", "320505", "320506", "320507", "320509", "320581", "320582", "320583",
    "320585", "320571", "320102", "320211", "321002", "340104", "410105", "510107", NULL
};
static const char *const streets[] = {
    "姑苏区干将西路", "姑苏区人民路", "工业园区星湖街", "吴中区东吴北路", "相城区元和路",
    "虎丘区狮山路", "吴江区中山南路", "姑苏区十全街", NULL
};

static size_t count_list(const char *const *l)
{
    size_t n = 0;
    while (l[n])
        n++;
    return n;
}

static const char *pick(struct rng *r, const char *const *l)
{
    return l[rng_next(r) % count_list(l)];
}

struct demo {
    struct rng rng;
    struct portal_dt now;        /* the anchor: business now when the demo was made */
    int C;                       /* declaration month at the anchor */
    struct person_load *p;
    char (*names)[32];
    char (*phones)[16];
    char (*addrs)[64];
    size_t n, cap;
    char (*ids)[19];             /* every generated ID, for uniqueness */
    size_t nids;
};

static int id_taken(const struct demo *d, const char *id)
{
    for (size_t i = 0; i < d->nids; i++)
        if (memcmp(d->ids[i], id, 18) == 0)
            return 1;
    return 0;
}

/* A valid, unused ID for this birth date and gender. */
static void demo_id(struct demo *d, struct ymd birth, int male, char out[19])
{
    do {
        int seq = rng_int(&d->rng, 0, 99) * 10 + (male ? 2 * rng_int(&d->rng, 0, 4) + 1
                                                       : 2 * rng_int(&d->rng, 0, 4));
        snprintf(out, 19, "%s%04d%02d%02d%03d", pick(&d->rng, regions), birth.y, birth.m,
                 birth.d, seq);
        out[17] = id_check_char(out);
        out[18] = '\0';
    } while (id_taken(d, out));
    memcpy(d->ids[d->nids++], out, 19);
}

static void demo_name(struct demo *d, int male, char *buf, size_t size)
{
    const char *const *g = male ? given_m : given_f;
    if (rng_int(&d->rng, 0, 2) == 0)
        snprintf(buf, size, "%s%s", pick(&d->rng, surnames), pick(&d->rng, g));
    else
        snprintf(buf, size, "%s%s%s", pick(&d->rng, surnames), pick(&d->rng, g), pick(&d->rng, g));
}

/* Appends one person; birth y == 0 means "random working age". Returns its index. */
static size_t demo_add(struct demo *d, struct ymd birth, int male, enum pstatus st,
                       const struct unit *u, const char *category)
{
    struct person_load *pl = &d->p[d->n];
    size_t i = d->n++;
    int today_ym = ym_make(d->now.y, d->now.m);

    memset(pl, 0, sizeof *pl);
    if (birth.y == 0) {
        /* women under 48 and men under 58: nobody near an age limit by chance */
        int age = rng_int(&d->rng, 22, male ? 57 : 47);
        birth.y = d->now.y - age - 1;
        birth.m = rng_int(&d->rng, 1, 12);
        birth.d = rng_int(&d->rng, 1, 28);
    }
    demo_id(d, birth, male, pl->id_no);
    demo_name(d, male, d->names[i], sizeof d->names[i]);
    snprintf(d->phones[i], sizeof d->phones[i], "1%d%09d", 3 + rng_int(&d->rng, 0, 2) * 2 + (rng_int(&d->rng, 0, 1)),
             rng_int(&d->rng, 0, 999999999));
    snprintf(d->addrs[i], sizeof d->addrs[i], "苏州市%s%d号", pick(&d->rng, streets),
             rng_int(&d->rng, 1, 300));
    pl->p.id_no = pl->id_no;
    pl->p.name = d->names[i];
    pl->p.male = male;
    pl->p.birth = birth;
    pl->p.phone = d->phones[i];
    pl->p.address = d->addrs[i];
    pl->p.work_start = (struct ymd){ birth.y + 22, 7, 1 };
    pl->p.retire_ym = -1;
    pl->p.alive = "在世";
    pl->p.category = category ? category : "职工";
    pl->status = st;
    pl->unit = u;
    pl->start_ym = -1;
    pl->wage_fen = -1;
    if (st != PS_NONE) {
        /* insured since hired: 22 or later, at most until two months before C */
        int first = ym_make(pl->p.work_start.y, pl->p.work_start.m);
        int last = d->C - 2;
        if (first < ym_make(2003, 1))
            first = ym_make(2003, 1);
        if (first > last)
            first = last;
        pl->start_ym = rng_int(&d->rng, first, last);
        if (pl->start_ym > today_ym)
            pl->start_ym = today_ym;
        /* wages spread inside the limits; about 3% below and 2% above them */
        int w = rng_int(&d->rng, 0, 99);
        long long yuan = w < 3 ? rng_int(&d->rng, 2500, 4400)
                       : w < 5 ? rng_int(&d->rng, 25000, 45000)
                       : rng_int(&d->rng, 5000, 20000);
        pl->wage_fen = yuan * 100 + rng_int(&d->rng, 0, 1) * 50;
    }
    return i;
}

/* A birth date making the person `years` old now, `months_after` months
 * after the birthday (negative: before it, i.e. one year younger). */
static struct ymd birth_for_age(const struct demo *d, int years, int months_after)
{
    int ym = ym_make(d->now.y, d->now.m) - years * 12 - months_after;
    return (struct ymd){ ym_year(ym), ym_month(ym), 15 };
}

struct demo_units {
    struct unit hosp, gov, firm;
};

static const struct {
    const char *no, *name, *type, *credit, *contact, *phone, *addr, *bank, *acct;
} demo_unit_rows[3] = {
    { "32059900000000117", "苏州市立第一人民医院", "差额拨款事业单位", "12320500MB0D000117",
      "周晓雯", "0512-65220117", "苏州市姑苏区演示路117号", "中国工商银行苏州分行营业部",
      "1102020109000011701" },
    { "32059900000000201", "苏州市演示区财政局", "机关", "11320500MB0D000201",
      "陆建国", "0512-65220201", "苏州市姑苏区演示路201号", "中国银行苏州分行",
      "5025020102010201" },
    { "32059900000000301", "苏州演示精密机械有限公司", "企业", "91320500MA0D000301",
      "顾佳怡", "0512-65220301", "苏州工业园区演示街301号", "中国建设银行苏州工业园区支行",
      "32250198863600000301" },
};

#define DEMO_PASSWORD "Demo@2026"
#define DEMO_HOSPITAL_STAFF 1500
#define DEMO_HISTORY_MONTHS 12

/* Indices of the persons the demo list names. */
struct demo_marks {
    size_t retiree, retiree_dead, flexible, dup, dup_enrolled, transferred, elsewhere,
           here, stopped, woman49, woman50, man59, man60, free1, free2, civil, firm_worker;
    char bad_checksum[19], unknown[19];
};

static void demo_generate(struct demo *d, const struct demo_units *u, struct demo_marks *m)
{
    const struct ymd any = { 0, 0, 0 };
    size_t i;

    /* the hospital: 1,500 employees, the first one is the "insured here" example */
    for (i = 0; i < DEMO_HOSPITAL_STAFF; i++) {
        int male = rng_int(&d->rng, 0, 99) < 35;
        size_t k = demo_add(d, any, male, PS_WORKING, &u->hosp, NULL);
        if (i == 0)
            m->here = k;
    }
    /* a former employee, stopped at the end of C-3 */
    m->stopped = demo_add(d, any, 0, PS_WORKING, &u->hosp, NULL);
    d->p[m->stopped].start_ym = d->C - 30;
    d->p[m->stopped].end_date = month_last_day(d->C - 3);
    /* 30 retirees of the hospital */
    for (i = 0; i < 30; i++) {
        int male = (int)(i % 3 == 0);
        struct ymd b = { d->now.y - rng_int(&d->rng, 62, 85), rng_int(&d->rng, 1, 12),
                         rng_int(&d->rng, 1, 28) };
        size_t k = demo_add(d, b, male, PS_RETIRED, &u->hosp, NULL);
        struct person_load *pl = &d->p[k];
        pl->p.retire_ym = ym_make(b.y + (male ? 60 : 50), b.m);
        pl->start_ym = ym_make(1998, 1) + rng_int(&d->rng, 0, 60);
        if (pl->start_ym > pl->p.retire_ym)
            pl->start_ym = pl->p.retire_ym;
        pl->wage_fen = -1;
        if (i == 0)
            m->retiree = k;
        if (i == 1) {
            pl->p.alive = "死亡";
            m->retiree_dead = k;
        }
    }
    /* the 机关: 25 公务员 (also in 320) and 10 workers */
    for (i = 0; i < 35; i++) {
        int civil = i < 25;
        size_t k = demo_add(d, any, (int)(i % 2), PS_WORKING, &u->gov, civil ? "公务员" : "职工");
        if (i == 0)
            m->civil = k;
    }
    /* the company: 12 workers */
    for (i = 0; i < 12; i++) {
        size_t k = demo_add(d, any, (int)(i % 2), PS_WORKING, &u->firm, NULL);
        if (i == 0)
            m->firm_worker = k;
    }
    /* special cases */
    m->elsewhere = demo_add(d, any, 1, PS_WORKING, &u->firm, NULL);
    m->transferred = demo_add(d, any, 0, PS_TRANSFERRED, &u->firm, NULL);
    m->flexible = demo_add(d, any, 1, PS_FLEXIBLE, NULL, NULL);
    (void)demo_add(d, any, 0, PS_FLEXIBLE, NULL, NULL);
    /* duplicated base records: one never enrolled, one insured in the hospital */
    m->dup = demo_add(d, any, 0, PS_NONE, NULL, NULL);
    i = demo_add(d, any, 0, PS_NONE, NULL, NULL);
    memcpy(d->p[i].id_no, d->p[m->dup].id_no, 19);
    d->p[i].p.name = d->p[m->dup].p.name;
    d->p[i].p.birth = d->p[m->dup].p.birth;
    m->dup_enrolled = demo_add(d, any, 1, PS_WORKING, &u->hosp, NULL);
    i = demo_add(d, any, 1, PS_NONE, NULL, NULL);
    memcpy(d->p[i].id_no, d->p[m->dup_enrolled].id_no, 19);
    d->p[i].p.name = d->p[m->dup_enrolled].p.name;
    d->p[i].p.birth = d->p[m->dup_enrolled].p.birth;
    d->p[i].p.male = d->p[m->dup_enrolled].p.male;
    /* near the age limits: base records only, so the age rule is what decides */
    m->woman49 = demo_add(d, birth_for_age(d, 50, -6), 0, PS_NONE, NULL, NULL);
    m->woman50 = demo_add(d, birth_for_age(d, 50, 2), 0, PS_NONE, NULL, NULL);
    m->man59 = demo_add(d, birth_for_age(d, 60, -6), 1, PS_NONE, NULL, NULL);
    m->man60 = demo_add(d, birth_for_age(d, 60, 2), 1, PS_NONE, NULL, NULL);
    /* base records only, free to enrol */
    m->free1 = demo_add(d, any, 0, PS_NONE, NULL, NULL);
    m->free2 = demo_add(d, any, 1, PS_NONE, NULL, NULL);
    for (i = 0; i < 8; i++)
        (void)demo_add(d, any, (int)(i % 2), PS_NONE, NULL, NULL);
    /* IDs not in the database: a bad checksum, and a valid unknown one */
    {
        char id[19];
        demo_id(d, (struct ymd){ 1990, 5, 20 }, 1, id);
        memcpy(m->bad_checksum, id, 19);
        m->bad_checksum[17] = id[17] == '0' ? '1' : '0';
        demo_id(d, (struct ymd){ 1988, 3, 8 }, 0, m->unknown);
    }
}

static void demo_print(const struct demo *d, const struct demo_marks *m)
{
    char cm[8], cm1[8], last1[11], last0[11];
    format_month(cm, d->C);
    format_month(cm1, d->C - 1);
    format_date(last1, month_last_day(d->C - 1));
    format_date(last0, month_last_day(d->C));
#define ID(k) d->p[m->k].id_no
#define NM(k) d->p[m->k].p.name
    printf("\n演示登录 (网厅 /login):\n");
    for (int i = 0; i < 3; i++)
        printf("  单位编号 %s  %s(%s)  密码 %s\n", demo_unit_rows[i].no,
               demo_unit_rows[i].name, demo_unit_rows[i].type, DEMO_PASSWORD);
    printf("\n演示证件号码 (以 %04d-%02d-%02d 为基准生成, 当前申报期 %s;\n"
           "以下均以医院 %s 登录办理):\n", d->now.y, d->now.m, d->now.d, cm,
           demo_unit_rows[0].no);
    printf(" 参保人员增员申报(补收):\n");
    printf("  参保成功,补缴成功 ............ %s %s (参保时间选 %s 或更早,最多6个月)\n", ID(free1), NM(free1), cm1);
    printf("  参保成功,但补缴失败 .......... %s %s (参保时间选 %s)\n", ID(free2), NM(free2), cm);
    printf("  证件号码校验不通过 ............ %s\n", m->bad_checksum);
    printf("  参保时间晚于/早于申报期 ........ 任一可参保号码, 参保时间选 %s 之后或早于6个月\n", cm);
    printf("  不在申报期内 .................. 任一号码, 在每月6日17:00至10日办理 (PORTAL_TODAY)\n");
    printf("  存在多条基础信息 .............. %s %s\n", ID(dup), NM(dup));
    printf("  女性50周岁 .................... %s %s (对照: 49周岁 %s %s 可参保)\n", ID(woman50), NM(woman50), ID(woman49), NM(woman49));
    printf("  男性60周岁 .................... %s %s (对照: 59周岁 %s %s 可参保)\n", ID(man60), NM(man60), ID(man59), NM(man59));
    printf("  存在灵活就业参保 .............. %s %s\n", ID(flexible), NM(flexible));
    printf("  曾经做过转移且在新单位正常参保 .. %s %s\n", ID(transferred), NM(transferred));
    printf("  本单位下存在正常参保的险种 ...... %s %s (退休人员同样: %s %s)\n", ID(here), NM(here), ID(retiree), NM(retiree));
    printf("  其他单位下存在正常参保的险种 .... %s %s\n", ID(elsewhere), NM(elsewhere));
    {
        char stop_end[11];
        format_date(stop_end, d->p[m->stopped].end_date);
        printf("  已停保可重新参保 .............. %s %s (本单位减员时间 %s)\n", ID(stopped), NM(stopped), stop_end);
    }
    printf(" 参保人员减员申报 (减员时间 %s 或 %s):\n", last1, last0);
    printf("  减员成功 ...................... %s %s\n", ID(here), NM(here));
    printf("  减员时间范围错误 .............. %s, 减员时间填其他日期\n", ID(here));
    printf("  未获取到人员基础信息 .......... %s\n", m->unknown);
    printf("  存在多条基础信息 .............. %s %s\n", ID(dup_enrolled), NM(dup_enrolled));
    printf("  退休人员不允许停保 ............ %s %s (已故退休人员: %s)\n", ID(retiree), NM(retiree), ID(retiree_dead));
    printf("  职工未在本单位下正常参保 ...... %s %s\n", ID(elsewhere), NM(elsewhere));
    printf(" 机关 %s: 公务员示例 %s %s\n", demo_unit_rows[1].no, ID(civil), NM(civil));
#undef ID
#undef NM
}

static int cmd_demo(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *v[1], *pos[1];
    struct demo d;
    struct demo_units u;
    struct demo_marks m;
    struct type_codes tc;
    struct policy pol;
    struct decl_state ds;
    struct timespec t0;
    struct unit *slots[3];
    char *hash = NULL;
    int help, rc = 1, exists = 0;
    const size_t cap = DEMO_HOSPITAL_STAFF + 200;

    if (parse_opts(argc, argv, spec, v, pos, 0, NULL, &help) != 0)
        return EXIT_USAGE;
    if (help) {
        puts("用法: portal-admin demo\n"
             "  生成演示数据(规格 §12): 一家差额拨款事业单位医院(约1500名职工)、一个机关(含公务员)、\n"
             "  一家企业,以及退休、灵活就业、重复基础信息、转移、在其他单位参保、临近年龄上限\n"
             "  和仅有基础信息的人员。以当前业务时间(PORTAL_TODAY)为基准,结果确定可重复。\n"
             "  随后按月结算(同 settle)当前申报期前12个月至最近已进入结算期的月份,形成缴费历史。\n"
             "  演示单位已存在时不重复生成,只打印登录信息和演示证件号码。所有演示账号密码 " DEMO_PASSWORD "。");
        return 0;
    }
    memset(&d, 0, sizeof d);
    memset(&m, 0, sizeof m);
    memset(&u, 0, sizeof u);
    d.p = calloc(cap, sizeof *d.p);
    d.names = calloc(cap, sizeof *d.names);
    d.phones = calloc(cap, sizeof *d.phones);
    d.addrs = calloc(cap, sizeof *d.addrs);
    d.ids = calloc(cap, sizeof *d.ids);
    d.cap = cap;
    if (!d.p || !d.names || !d.phones || !d.addrs || !d.ids) {
        die_msg("内存不足");
        goto out;
    }
    if (open_ctx(c) != 0 || load_type_codes(c->db, &tc) != 0)
        goto out;
    conf_policy(c->hdf, &pol);
    d.now = c->now;
    slots[0] = &u.hosp;
    slots[1] = &u.gov;
    slots[2] = &u.firm;
    for (int i = 0; i < 3; i++) {
        int st = store_unit_by_no(c->db, demo_unit_rows[i].no, slots[i]);
        if (st == STORE_ERR)
            goto out;
        if (st == 0)
            exists++;
    }
    if (exists) {
        /* Regenerate the list from the anchor the data was made with. */
        if (exists != 3 || store_unit_created_at(c->db, u.hosp.id, &d.now) != 0) {
            die_msg("演示单位只存在一部分,请检查数据库");
            goto out;
        }
        printf("演示数据已存在,未重复生成。\n");
    }
    decl_state_at(&pol, &d.now, &ds);
    d.C = ds.month;
    d.rng.s = 20260117ULL;
    for (int i = 0; i < 3; i++) {
        snprintf(slots[i]->unit_no, sizeof slots[i]->unit_no, "%s", demo_unit_rows[i].no);
        snprintf(slots[i]->name, sizeof slots[i]->name, "%s", demo_unit_rows[i].name);
        snprintf(slots[i]->unit_type, sizeof slots[i]->unit_type, "%s", demo_unit_rows[i].type);
        snprintf(slots[i]->credit_code, sizeof slots[i]->credit_code, "%s", demo_unit_rows[i].credit);
    }
    demo_generate(&d, &u, &m);
    if (exists) {
        demo_print(&d, &m);
        rc = 0;
        goto out;
    }

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!(hash = hash_password(DEMO_PASSWORD)))
        goto out;
    if (store_begin(c->db) != 0)
        goto out;
    for (int i = 0; i < 3; i++) {
        struct unit_contact uc;
        memset(&uc, 0, sizeof uc);
        snprintf(uc.contact_name, sizeof uc.contact_name, "%s", demo_unit_rows[i].contact);
        snprintf(uc.contact_phone, sizeof uc.contact_phone, "%s", demo_unit_rows[i].phone);
        snprintf(uc.address, sizeof uc.address, "%s", demo_unit_rows[i].addr);
        snprintf(uc.bank_name, sizeof uc.bank_name, "%s", demo_unit_rows[i].bank);
        snprintf(uc.bank_account_name, sizeof uc.bank_account_name, "%s", demo_unit_rows[i].name);
        snprintf(uc.bank_account_no, sizeof uc.bank_account_no, "%s", demo_unit_rows[i].acct);
        snprintf(uc.legal_rep_phone, sizeof uc.legal_rep_phone, "1391234%04d", 117 + i);
        if (store_unit_add(c->db, slots[i], &d.now, &slots[i]->id) != 0 ||
            store_unit_contact_set(c->db, slots[i]->id, &uc) != 0 ||
            store_account_set_password(c->db, slots[i]->id, hash) != 0)
            goto fail;
    }
    for (size_t i = 0; i < d.n; i++)
        if (load_person(c->db, &tc, &d.p[i], &d.now) != 0)
            goto fail;
    if (store_commit(c->db) != 0)
        goto fail;
    printf("已生成演示数据: 3 个单位, %zu 条人员基础信息 (用时 %.2f 秒)\n", d.n, elapsed(&t0));
    /* Contribution history: the months up to the last one whose settlement has
     * begun, settled as the timer would have done, from DEMO_HISTORY_MONTHS
     * before C (not before the first month with limits). */
    {
        int first = d.C - DEMO_HISTORY_MONTHS, limits_first = 0, nmonths = 0;
        char m0[8], m1[8];

        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (store_limits_first_month(c->db, &limits_first) == 0 && first < limits_first)
            first = limits_first;
        for (int ym = first; ym <= ds.settled_through; ym++) {
            int st = settle_one(c, ym, 1);
            if (st == SETTLE_NOREF)
                continue;       /* e.g. a business date past the loaded limits */
            if (st != 0) {
                die_msg("演示数据已生成,但结算历史月份失败");
                goto out;
            }
            nmonths++;
        }
        format_month(m0, first);
        format_month(m1, ds.settled_through);
        if (nmonths)
            printf("已结算缴费历史: %s 至 %s 中 %d 个月的正常应缴 (用时 %.2f 秒)\n", m0, m1,
                   nmonths, elapsed(&t0));
    }
    demo_print(&d, &m);
    rc = 0;
    goto out;
fail:
    store_rollback(c->db);
    die_msg("生成演示数据失败,未写入任何数据");
out:
    free(hash);
    free(d.p);
    free(d.names);
    free(d.phones);
    free(d.addrs);
    free(d.ids);
    return rc;
}

/* ---- main ------------------------------------------------------------------ */

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
    { "demo", cmd_demo, "生成演示数据并打印演示账号和证件号码" },
    { "settle", cmd_settle, "核定一个月的正常应缴 (结算)" },
    { "gen", cmd_gen, "生成结算基准测试数据" },
    { NULL, NULL, NULL }
};

static void usage(FILE *f)
{
    fputs("用法: portal-admin [--conf 配置文件] 命令 [选项]\n"
          "  配置文件默认取 $PORTAL_CONF,否则 conf/portal.hdf。\n"
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
