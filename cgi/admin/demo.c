/* demo — the demo data of spec §12, relative to the business now, deterministic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "admin.h"
#include "store/enrol.h"
#include "store/settle.h"
#include "store/report.h"

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

/* The hospital's accounts besides its 管理员 (spec §7b), password DEMO_PASSWORD. */
static const struct { const char *login, *name, *phone, *role; } demo_clerks[] = {
    { "jingban", "沈雅琴", "13912340117", "经办人" },
    { "chaxun", "钱志明", "13912341117", "查询" },
};
#define DEMO_HOSPITAL_STAFF 1500
#define DEMO_HISTORY_MONTHS 12

/* Indices of the persons the demo list names. */
struct demo_marks {
    size_t retiree, retiree_dead, flexible, dup, dup_enrolled, transferred, elsewhere,
           here, stopped, woman49, woman50, man59, man60, free1, free2, civil, firm_worker;
    char bad_checksum[19], unknown[19];
};

static const struct ymd any_birth = { 0, 0, 0 };   /* demo_add: a random working age */

/* The hospital: staff, a former employee, retirees. */
static void demo_hospital(struct demo *d, const struct demo_units *u, struct demo_marks *m)
{
    const struct ymd any = any_birth;
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
    /* three employees reaching the statutory retirement month in the next
     * months, one of each age rule (职工退休到龄查询's default range) */
    for (i = 0; i < 3; i++) {
        int now = ym_make(d->now.y, d->now.m), lo, hi;
        retire_birth_range(now + 2 + (int)i, now + 2 + (int)i, i == 0, i == 2, &lo, &hi);
        struct ymd b = { ym_year(lo), ym_month(lo), rng_int(&d->rng, 1, 28) };
        demo_add(d, b, i == 0, PS_WORKING, &u->hosp, i == 2 ? "公务员" : NULL);
    }
}

static void demo_generate(struct demo *d, const struct demo_units *u, struct demo_marks *m)
{
    const struct ymd any = any_birth;
    size_t i;

    demo_hospital(d, u, m);
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
        printf("  单位编号 %s  %s(%s)  密码 %s  (账号不填: 管理员 %s)\n", demo_unit_rows[i].no,
               demo_unit_rows[i].name, demo_unit_rows[i].type, DEMO_PASSWORD,
               demo_unit_rows[i].contact);
    for (size_t i = 0; i < sizeof demo_clerks / sizeof demo_clerks[0]; i++)
        printf("  单位编号 %s  账号 %s  %s(%s)  密码 %s\n", demo_unit_rows[0].no,
               demo_clerks[i].login, demo_clerks[i].name, demo_clerks[i].role, DEMO_PASSWORD);
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

static int demo_alloc(struct demo *d)
{
    const size_t cap = DEMO_HOSPITAL_STAFF + 200;

    memset(d, 0, sizeof *d);
    d->p = calloc(cap, sizeof *d->p);
    d->names = calloc(cap, sizeof *d->names);
    d->phones = calloc(cap, sizeof *d->phones);
    d->addrs = calloc(cap, sizeof *d->addrs);
    d->ids = calloc(cap, sizeof *d->ids);
    d->cap = cap;
    if (!d->p || !d->names || !d->phones || !d->addrs || !d->ids) {
        die_msg("内存不足");
        return -1;
    }
    return 0;
}

static void demo_free(struct demo *d)
{
    free(d->p);
    free(d->names);
    free(d->phones);
    free(d->addrs);
    free(d->ids);
}

/* Looks the demo units up. *exists: 0 (none yet; d->now stays the business
 * now) or 1 (all three: d->now becomes the anchor they were made with).
 * Then fills the slots from demo_unit_rows. 0, or -1 after a message. */
static int demo_units_find(struct ctx *c, struct demo *d, struct unit *slots[3], int *exists)
{
    int n = 0;

    for (int i = 0; i < 3; i++) {
        int st = store_unit_by_no(c->db, demo_unit_rows[i].no, slots[i]);
        if (st == STORE_ERR)
            return -1;
        if (st == 0)
            n++;
    }
    if (n) {
        /* Regenerate the list from the anchor the data was made with. */
        if (n != 3 || store_unit_created_at(c->db, slots[0]->id, &d->now) != 0) {
            die_msg("演示单位只存在一部分,请检查数据库");
            return -1;
        }
        printf("演示数据已存在,未重复生成。\n");
    }
    for (int i = 0; i < 3; i++) {
        snprintf(slots[i]->unit_no, sizeof slots[i]->unit_no, "%s", demo_unit_rows[i].no);
        snprintf(slots[i]->name, sizeof slots[i]->name, "%s", demo_unit_rows[i].name);
        snprintf(slots[i]->unit_type, sizeof slots[i]->unit_type, "%s", demo_unit_rows[i].type);
        snprintf(slots[i]->credit_code, sizeof slots[i]->credit_code, "%s", demo_unit_rows[i].credit);
    }
    *exists = n > 0;
    return 0;
}

/* What the 单位参保证明 shows besides the contact data: a 法定代表人 for
 * every demo unit, and the hospital registered for 离休人员医疗保障 (370)
 * since its creation. 0 or STORE_ERR. */
static int demo_certificate_data(struct ctx *c, const struct demo *d, int i, int64_t unit_id)
{
    static const struct unit_legal_rep reps[3] = {
        {"顾建华", "320502196805121232"}, {"沈立新", "320503197003150016"},
        {"陈晓东", "320504198107220016"},
    };

    if (store_unit_legal_rep_set(c->db, unit_id, &reps[i]) != 0)
        return STORE_ERR;
    return i == 0 ? store_unit_scheme_set(c->db, unit_id, "370", dt_date(&d->now), &d->now) : 0;
}

/* The units, their logins and every person, in one transaction. 0, or -1 after a message. */
static int demo_write(struct ctx *c, const struct demo *d, struct unit *slots[3],
                      struct enrol_ref *ref)
{
    char *hash[3] = {NULL, NULL, NULL};   /* one salt per account */
    int rc = -1;

    for (int i = 0; i < 3; i++)
        if (!(hash[i] = hash_password(DEMO_PASSWORD)))
            goto out;
    if (store_begin(c->db) != 0)
        goto out;
    enrol_ref_reset(ref);
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
        if (store_unit_add(c->db, slots[i], &d->now, &slots[i]->id) != 0 ||
            store_unit_contact_set(c->db, slots[i]->id, &uc) != 0 ||
            store_account_set_password(c->db, slots[i]->id, hash[i]) != 0 ||
            demo_certificate_data(c, d, i, slots[i]->id) != 0)
            goto fail;
    }
    for (size_t i = 0; i < sizeof demo_clerks / sizeof demo_clerks[0]; i++) {
        struct account a;
        int64_t id;
        char *h = hash_password(DEMO_PASSWORD);   /* a salt of its own */
        int rc2;
        if (!h)
            goto fail;
        memset(&a, 0, sizeof a);
        snprintf(a.login, sizeof a.login, "%s", demo_clerks[i].login);
        snprintf(a.name, sizeof a.name, "%s", demo_clerks[i].name);
        snprintf(a.phone, sizeof a.phone, "%s", demo_clerks[i].phone);
        snprintf(a.role, sizeof a.role, "%s", demo_clerks[i].role);
        /* the demo's password is kept: no change forced at the first login */
        rc2 = store_account_insert(c->db, slots[0]->id, &a, h, 0, &id);
        free(h);
        if (rc2 != 0)
            goto fail;
    }
    for (size_t i = 0; i < d->n; i++)
        if (load_person(c->db, ref, &d->p[i], &d->now) != 0)
            goto fail;
    if (store_commit(c->db) != 0)
        goto fail;
    rc = 0;
    goto out;
fail:
    store_rollback(c->db);
    die_msg("生成演示数据失败,未写入任何数据");
out:
    for (int i = 0; i < 3; i++)
        free(hash[i]);
    return rc;
}

/* Contribution history: the months up to the last one whose settlement has
 * begun, settled as the timer would have done, from DEMO_HISTORY_MONTHS
 * before C (not before the first month with limits). 0, or -1 after a message. */
static int demo_settle_history(struct ctx *c, const struct demo *d, const struct decl_state *ds)
{
    int first = d->C - DEMO_HISTORY_MONTHS, limits_first = 0, nmonths = 0;
    char m0[8], m1[8];
    struct timespec t0;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (store_limits_first_month(c->db, &limits_first) == 0 && first < limits_first)
        first = limits_first;
    for (int ym = first; ym <= ds->settled_through; ym++) {
        int st = settle_one(c, ym, 1);
        if (st == SETTLE_NOREF)
            continue;       /* e.g. a business date past the loaded limits */
        if (st != 0) {
            die_msg("演示数据已生成,但结算历史月份失败");
            return -1;
        }
        nmonths++;
    }
    format_month(m0, first);
    format_month(m1, ds->settled_through);
    if (nmonths)
        printf("已结算缴费历史: %s 至 %s 中 %d 个月的正常应缴 (用时 %.2f 秒)\n", m0, m1,
               nmonths, elapsed(&t0));
    return 0;
}

int cmd_demo(struct ctx *c, int argc, char **argv)
{
    static const char *const spec[] = { NULL };
    const char *v[1], *pos[1];
    struct demo d;
    struct demo_units u;
    struct demo_marks m;
    struct enrol_ref *ref = NULL;
    struct decl_state ds;
    struct timespec t0;
    struct unit *slots[3] = { &u.hosp, &u.gov, &u.firm };
    int help, rc = 1, exists = 0;

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
    memset(&m, 0, sizeof m);
    memset(&u, 0, sizeof u);
    if (demo_alloc(&d) != 0)
        goto out;
    if (open_ctx(c) != 0 || enrol_ref_new(&ref) != 0 || load_types_ready(c->db, ref) != 0)
        goto out;
    d.now = c->now;
    if (demo_units_find(c, &d, slots, &exists) != 0)
        goto out;
    decl_state_at(&c->cfg.policy, &d.now, &ds);
    d.C = ds.month;
    d.rng.s = 20260117ULL;
    demo_generate(&d, &u, &m);
    if (!exists) {
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (demo_write(c, &d, slots, ref) != 0)
            goto out;
        printf("已生成演示数据: 3 个单位, %zu 条人员基础信息 (用时 %.2f 秒)\n", d.n, elapsed(&t0));
        if (demo_settle_history(c, &d, &ds) != 0)
            goto out;
    }
    demo_print(&d, &m);
    rc = 0;
out:
    enrol_ref_free(&ref);
    demo_free(&d);
    return rc;
}
