/* import-persons — the migration of legacy data from a CSV file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "admin.h"
#include "base/csv.h"
#include "store/enrol.h"

static const char *const import_cols[] = {
    "证件号码", "姓名", "单位编号", "状态", "参保开始年月", "月申报工资", "联系电话",
    "参加工作时间", "退休年月", "居住地", "生存状态", "人员类别", NULL
};
#define IMPORT_REQUIRED 7
#define IMPORT_ALL 12

/* Units looked up once each; every unit is allocated on its own, so the
 * pointers the rows keep stay valid while the cache grows. */
struct unit_cache {
    struct unit **u;
    size_t n, cap;
};

/* The unit with this number; NULL when it does not exist or on error (*err). */
static const struct unit *unit_lookup(struct store *db, struct unit_cache *uc, const char *no,
                                      int *err)
{
    struct unit u, *copy;
    int st;

    for (size_t i = 0; i < uc->n; i++)
        if (strcmp(uc->u[i]->unit_no, no) == 0)
            return uc->u[i];
    st = store_unit_by_no(db, no, &u);
    if (st == STORE_NOTFOUND)
        return NULL;
    if (st != 0) {
        *err = 1;
        return NULL;
    }
    if (uc->n == uc->cap) {
        size_t ncap = uc->cap ? uc->cap * 2 : 16;
        struct unit **p = realloc(uc->u, ncap * sizeof *p);
        if (!p) {
            *err = 1;
            return NULL;
        }
        uc->u = p;
        uc->cap = ncap;
    }
    if (!(copy = malloc(sizeof *copy))) {
        *err = 1;
        return NULL;
    }
    *copy = u;
    uc->u[uc->n++] = copy;
    return copy;
}

static void unit_cache_free(struct unit_cache *uc)
{
    for (size_t i = 0; i < uc->n; i++)
        free(uc->u[i]);
    free(uc->u);
}

static const char *cell(const struct csv_row *r, size_t i)
{
    return i < r->n ? r->cell[i] : "";
}

/* 证件号码 and 姓名: the ID (normalised), birth date and gender, the name. */
static const char *check_person(const struct csv_row *r, const struct portal_dt *now,
                                struct person_load *pl, struct id_info *info)
{
    const char *v;

    if (id_excel_mangled(cell(r, 0)))
        return "证件号码已被Excel转换为数字(如3.20501E+17),末尾数字已丢失;"
               "请把证件号码列设置为“文本”格式后重新填写";
    switch (id_check(cell(r, 0), pl->id_no, info)) {
    case ID_OK: break;
    case ID_EFORMAT: return "证件号码格式不正确(应为18位)";
    case ID_ECHECKSUM: return "证件号码校验不通过";
    case ID_EBIRTH: return "证件号码中的出生日期不正确";
    }
    if (ymd_cmp(info->birth, dt_date(now)) > 0)
        return "证件号码中的出生日期晚于今天";
    pl->p.id_no = pl->id_no;
    pl->p.birth = info->birth;
    pl->p.male = info->male;

    v = cell(r, 1);
    if (!*v)
        return "姓名为空";
    if (utf8_chars(v) > 100)
        return "姓名过长";
    pl->p.name = v;
    return NULL;
}

/* 状态 and 单位编号 (looked up: buf gets the message of an unknown unit). */
static const char *check_status_unit(struct store *db, struct unit_cache *uc,
                                     const struct csv_row *r, struct person_load *pl,
                                     char *buf, size_t size, int *dberr)
{
    const char *v;
    int k;

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
    return NULL;
}

/* 参保开始年月 and 月申报工资. */
static const char *check_start_wage(const struct csv_row *r, struct ymd birth,
                                    struct person_load *pl)
{
    const char *v = cell(r, 4);

    if (*v) {
        if (parse_month(v, &pl->start_ym) != 0)
            return "参保开始年月格式不正确(应为YYYY-MM)";
        if (pl->start_ym < ymd_to_ym(birth))
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
    return NULL;
}

/* 联系电话 and the optional columns; a 公务员 in work needs a 机关事业单位. */
static const char *check_details(const struct csv_row *r, struct person_load *pl)
{
    const char *v = cell(r, 6);

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
        !unit_is_public(pl->unit->unit_type))
        return "人员类别为公务员,但单位不是机关事业单位";
    return NULL;
}

/* Checks one row, column by column in the file's order; fills *pl on
 * success. Returns NULL or the error text (possibly in buf). */
static const char *check_row(struct store *db, struct unit_cache *uc, const struct csv_row *r,
                             const struct portal_dt *now, struct person_load *pl,
                             char *buf, size_t size, int *dberr)
{
    struct id_info info;
    const char *e;

    memset(pl, 0, sizeof *pl);
    pl->start_ym = -1;
    pl->wage_fen = -1;
    pl->p.retire_ym = -1;
    if (r->n > IMPORT_ALL)
        return "列数过多";
    if ((e = check_person(r, now, pl, &info)) ||
        (e = check_status_unit(db, uc, r, pl, buf, size, dberr)) ||
        (e = check_start_wage(r, info.birth, pl)))
        return e;
    return check_details(r, pl);
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

/* Reads and parses the file and checks its header. 0, or -1 after a message. */
static int read_doc(const char *path, char **data, struct csv_doc *doc)
{
    struct csv_limits lim = { 1000001, 64, 1000 };
    size_t len = 0, err_line = 0;
    enum csv_err ce;

    if (read_file(path, data, &len) != 0)
        return -1;
    ce = csv_parse(*data, len, &lim, doc, &err_line);
    if (ce != CSV_OK) {
        const char *why = ce == CSV_EENCODING ? "无法识别文件编码(应为UTF-8或GB18030)"
                        : ce == CSV_EQUOTE ? "引号不配对"
                        : ce == CSV_ETOOMANYROWS ? "行数过多"
                        : ce == CSV_ETOOMANYCOLS ? "列数过多"
                        : ce == CSV_ECELL ? "单元格过长" : "内存不足";
        if (err_line)
            die_msg("%s: 第%zu行: %s", path, err_line, why);
        else
            die_msg("%s: %s", path, why);
        return -1;
    }
    if (doc->nrows == 0) {
        die_msg("%s: 文件为空", path);
        return -1;
    }
    return check_header(&doc->row[0]);
}

/* Checks every data row into rows[1..], reporting each bad one; then the ID
 * column as a whole. 0 when all are fine, else -1 (after the messages). */
static int check_rows(struct ctx *c, struct unit_cache *uc, const struct csv_doc *doc,
                      struct person_load *rows, const char *path)
{
    size_t nbad = 0, ids = 0, suspects = 0;
    int dberr = 0;

    for (size_t i = 1; i < doc->nrows; i++) {
        char buf[160];
        const char *e = check_row(c->db, uc, &doc->row[i], &c->now, &rows[i], buf, sizeof buf,
                                  &dberr);
        if (dberr)
            return -1;
        if (e) {
            fprintf(stderr, "第%zu行: %s\n", doc->row[i].line, e);
            nbad++;
        }
    }
    for (size_t i = 1; i < doc->nrows; i++) {
        if (*cell(&doc->row[i], 0))
            ids++;
        if (id_excel_suspect(cell(&doc->row[i], 0)))
            suspects++;
    }
    if (id_excel_column_mangled(ids, suspects)) {
        die_msg("证件号码列疑似被Excel按数字保存(多个号码以000结尾),末尾数字已丢失;"
                "请把证件号码列设置为“文本”格式后重新填写,未导入任何数据。");
        return -1;
    }
    if (nbad) {
        die_msg("%zu 行有错误,未导入任何数据。请修改后重新导入。", nbad);
        return -1;
    }
    if (doc->nrows == 1) {
        die_msg("%s: 没有数据行", path);
        return -1;
    }
    return 0;
}

/* Every row in one transaction; counts[status] gets the persons of each. */
static int write_rows(struct ctx *c, struct enrol_ref *ref, const struct csv_doc *doc,
                      const struct person_load *rows, long counts[5])
{
    if (store_begin(c->db) != 0)
        return -1;
    enrol_ref_reset(ref);
    for (size_t i = 1; i < doc->nrows; i++) {
        if (load_person(c->db, ref, &rows[i], &c->now) != 0) {
            store_rollback(c->db);
            die_msg("第%zu行写入数据库失败,未导入任何数据", doc->row[i].line);
            return -1;
        }
        counts[rows[i].status]++;
    }
    if (store_commit(c->db) != 0) {
        store_rollback(c->db);
        die_msg("提交失败,未导入任何数据");
        return -1;
    }
    return 0;
}

int cmd_import(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *v[1], *pos[1];
    struct csv_doc doc = { 0 };
    struct unit_cache uc = { 0 };
    struct enrol_ref *ref = NULL;
    struct person_load *rows = NULL;
    struct timespec t0;
    char *data = NULL;
    long counts[5] = { 0 };
    int help, np = 0, rc = 1;

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
    if (read_doc(pos[0], &data, &doc) != 0)
        goto out;
    if (open_ctx(c) != 0 || enrol_ref_new(&ref) != 0 || load_types_ready(c->db, ref) != 0)
        goto out;
    rows = calloc(doc.nrows, sizeof *rows);
    if (!rows) {
        die_msg("内存不足");
        goto out;
    }
    if (check_rows(c, &uc, &doc, rows, pos[0]) != 0 || write_rows(c, ref, &doc, rows, counts) != 0)
        goto out;
    printf("已导入 %zu 人: 在职 %ld, 退休 %ld, 灵活就业 %ld, 转移 %ld, 未参保 %ld (用时 %.2f 秒)\n",
           doc.nrows - 1, counts[0], counts[1], counts[2], counts[3], counts[4], elapsed(&t0));
    rc = 0;
out:
    free(rows);
    unit_cache_free(&uc);
    enrol_ref_free(&ref);
    csv_doc_free(&doc);
    free(data);
    return rc;
}
