/* declarations — 申报信息查询 (spec §9). */
#include <string.h>
#include "store/db.h"
#include "store/declarations.h"

const char *const decl_types[] = {
    "参保人员增员申报", "职工补缴核定", "参保人员减员申报", "缴费申报与变更",
    "单位信息维护", "参保人员信息维护", "补缴删除", "撤销增员", "撤销减员", "经办人账户维护", NULL
};

int decl_type_valid(const char *t)
{
    for (size_t i = 0; t && decl_types[i]; i++)
        if (strcmp(t, decl_types[i]) == 0)
            return 1;
    return 0;
}

/* One WHERE for both queries; "? IS NULL OR" keeps one prepared statement
 * per query while every filter stays optional. unit_id comes first, so the
 * (unit_id, ...) indexes of 001_core narrow the scan to one unit. */
#define DECL_WHERE \
    " FROM declarations WHERE unit_id = ? AND review_status = ?" \
    " AND (? IS NULL OR type = ?)" \
    " AND (? IS NULL OR created_at >= ?)" \
    " AND (? IS NULL OR created_at < DATE_ADD(?, INTERVAL 1 DAY))" \
    " AND (? IS NULL OR period = ?)" \
    " AND (? IS NULL OR account_id = ?)"

static void bind_filter(struct sbind *in, const struct decl_filter *f)
{
    sb_i64(in, f->unit_id);
    sb_str(in, f->review);
    sb_str(in, f->type);
    sb_str(in, f->type);
    sb_date(in, f->from);
    sb_date(in, f->from);
    sb_date(in, f->to);
    sb_date(in, f->to);
    sb_month(in, f->period_ym);
    sb_month(in, f->period_ym);
    sb_id_or_null(in, f->account_id);
    sb_id_or_null(in, f->account_id);
}

int store_declarations_count(struct store *s, const struct decl_filter *f, long *n)
{
    struct sbind in, out;
    int rc;

    sb_init(&in);
    bind_filter(&in, f);
    sb_init(&out);
    sb_out_long(&out, n);
    rc = db_query_one(s, "decl.count", "SELECT COUNT(*)" DECL_WHERE, &in, &out);
    return rc == STORE_NOTFOUND ? STORE_ERR : rc;
}

/* The output columns of DECL_COLS into row. */
static void bind_row(struct sbind *out, struct decl_row *row)
{
    sb_out_i64(out, &row->id);
    sb_out_str(out, row->type, sizeof row->type);
    sb_out_month(out, &row->period_ym);
    sb_out_str(out, row->id_no, sizeof row->id_no);
    sb_out_str(out, row->name, sizeof row->name);
    sb_out_str(out, row->operator_name, sizeof row->operator_name);
    sb_out_dt(out, &row->created);
    sb_out_str(out, row->review, sizeof row->review);
    sb_out_str(out, row->result, sizeof row->result);
}

#define DECL_COLS \
    "SELECT id, type, period, id_no, name, operator, created_at, review_status, result"

static void bind_detail(struct sbind *out, struct decl_detail *d)
{
    sb_init(out);
    bind_row(out, &d->row);
    sb_out_str(out, d->before, sizeof d->before);
    sb_out_str(out, d->after, sizeof d->after);
}

int store_declaration_get(struct store *s, int64_t unit_id, int64_t id, struct decl_detail *out)
{
    struct sbind in, res;

    memset(out, 0, sizeof *out);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_i64(&in, id);
    bind_detail(&res, out);
    return db_query_one(s, "decl.get", DECL_COLS ", before_data, after_data"
        " FROM declarations WHERE unit_id = ? AND id = ?", &in, &res);
}

int store_declaration_backpay_of(struct store *s, int64_t unit_id, const struct decl_row *of,
                                 struct decl_detail *out)
{
    struct sbind in, res;

    memset(out, 0, sizeof *out);
    sb_init(&in);
    sb_i64(&in, unit_id);
    sb_str(&in, of->id_no);
    sb_i64(&in, of->id);
    sb_i64(&in, unit_id);
    sb_str(&in, of->id_no);
    sb_i64(&in, of->id);
    bind_detail(&res, out);
    return db_query_one(s, "decl.backpay_of", DECL_COLS ", before_data, after_data"
        " FROM declarations b WHERE b.unit_id = ? AND b.type = '职工补缴核定' AND b.id_no = ?"
        " AND b.before_data IS NULL"   /* a 单独补缴 (§7a) has a before: not an 增员's */
        " AND b.id > ? AND NOT EXISTS (SELECT 1 FROM declarations e WHERE e.unit_id = ?"
        "  AND e.type = '参保人员增员申报' AND e.id_no = ? AND e.id > ? AND e.id < b.id)"
        " ORDER BY b.id LIMIT 1", &in, &res);
}

const char *decl_key_label(const char *key, enum decl_value_kind *kind)
{
    static const struct { const char *key, *label; enum decl_value_kind kind; } keys[] = {
        {"start_month", "本次参保时间", DECL_V_TEXT},
        {"period", "申报所属期", DECL_V_TEXT},
        {"wage", "月申报工资", DECL_V_FEN},
        {"base", "缴费基数", DECL_V_FEN},
        {"lower", "缴费基数下限", DECL_V_FEN},
        {"upper", "缴费基数上限", DECL_V_FEN},
        {"clamp", "基数核定", DECL_V_CLAMP},
        {"person_type", "人员类别", DECL_V_TEXT},
        {"types", "参保险种", DECL_V_TYPE},
        {"backpay_months", "补缴月数", DECL_V_MONTHS},
        {"backpay_total", "补缴金额合计", DECL_V_FEN},
        {"monthly", "各险种月缴费金额(申报所属期)", DECL_V_TEXT},
        {"unit", "单位缴费", DECL_V_FEN},
        {"person", "个人缴费", DECL_V_FEN},
        {"from", "补缴起始月份", DECL_V_TEXT},
        {"to", "补缴终止月份", DECL_V_TEXT},
        {"months", "补缴月数", DECL_V_MONTHS},
        {"rows", "补缴记录数(月份×险种)", DECL_V_TEXT},
        {"total", "补缴金额合计", DECL_V_FEN},
        {"enrolments", "参保险种", DECL_V_TEXT},
        {"type", "险种", DECL_V_TYPE},
        {"end_date", "参保终止日期", DECL_V_TEXT},
        {"status", "参保状态", DECL_V_TEXT},
        {"stop_reason", "减员原因", DECL_V_TEXT},
        {"changed_at", "变更时间", DECL_V_TEXT},
        {"year", "申报年度", DECL_V_TEXT},
        {"from_month", "执行起始月份", DECL_V_TEXT},
        {"limits", "上下限状态", DECL_V_TEXT},
        {"contact_name", "经办人", DECL_V_TEXT},
        {"contact_phone", "联系电话", DECL_V_TEXT},
        {"address", "地址", DECL_V_TEXT},
        {"bank_name", "开户银行", DECL_V_TEXT},
        {"bank_account_name", "户名", DECL_V_TEXT},
        {"bank_account_no", "账号", DECL_V_TEXT},
        {"legal_rep_phone", "法定代表人电话", DECL_V_TEXT},
        {"name", "姓名", DECL_V_TEXT},
        {"phone", "联系电话", DECL_V_TEXT},
        {"residence", "居住地址", DECL_V_TEXT},
        {"deleted", "删除的补缴记录", DECL_V_TEXT},
        {"month", "费款所属期", DECL_V_TEXT},
        {"enrolment", "参保记录", DECL_V_TEXT},
        {"kind", "业务类型", DECL_V_TEXT},
        {"declaration", "撤销的申报编号", DECL_V_TEXT},
        {"differences", "补差记录", DECL_V_TEXT},
        {"account_login", "账号", DECL_V_TEXT},
        {"account_name", "姓名", DECL_V_TEXT},
        {"account_phone", "手机号", DECL_V_TEXT},
        {"account_role", "角色", DECL_V_TEXT},
        {"account_state", "账户状态", DECL_V_TEXT},
        {"account_password", "密码", DECL_V_TEXT},
    };

    for (size_t i = 0; key && i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i].key) == 0) {
            *kind = keys[i].kind;
            return keys[i].label;
        }
    *kind = DECL_V_TEXT;
    return key ? key : "";
}

int store_declarations_each(struct store *s, const struct decl_filter *f, long offset,
                            long limit, decl_row_fn fn, void *arg)
{
    static const char *const name = "decl.page";
    struct sbind in, out;
    struct decl_row row;
    MYSQL_STMT *st;
    int rc;

    sb_init(&in);
    bind_filter(&in, f);
    sb_i64(&in, limit < 0 ? (long long)1 << 62 : limit);
    sb_i64(&in, offset < 0 ? 0 : offset);
    sb_init(&out);
    bind_row(&out, &row);
    rc = db_query(s, name, DECL_COLS DECL_WHERE " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", &in, &out, &st);
    if (rc != 0)
        return rc;
    while ((rc = db_fetch(s, name, st, &out)) == 0) {
        if (fn(&row, arg) != 0) {
            rc = STORE_ERR;
            break;
        }
    }
    db_done(st);
    return rc == STORE_NOTFOUND ? 0 : rc;
}

/* ---- writing ------------------------------------------------------------ */

void store_declaration_bind(const struct store *s, struct sbind *in, const struct decl_new *d)
{
    sb_init(in);
    sb_i64(in, d->unit_id);
    sb_str(in, d->type);
    sb_month(in, d->period_ym);
    sb_str(in, d->id_no);
    sb_str(in, d->name);
    sb_str(in, d->operator_name ? d->operator_name : "");
    sb_id_or_null(in, s->actor_id);
    sb_id_or_null(in, d->job_id);
    sb_datetime(in, d->at);
    sb_str(in, d->result);
    sb_str(in, d->before);
    sb_str(in, d->after);
    sb_id_or_null(in, d->reverses_id);
}

int store_declaration_add(struct store *s, const char *what, const struct decl_new *d, int64_t *id)
{
    struct sbind in;

    store_declaration_bind(s, &in, d);
    return db_exec(s, what, DECL_INSERT " VALUES " DECL_VALUES, &in, NULL, id) == 0 ? 0 : STORE_ERR;
}
