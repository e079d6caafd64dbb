/*
 * /unit — 网上经办——单位信息维护 (spec §7, issue 10 item 2).
 *   GET  200 the unit's read-only data (单位编号, 单位名称, 统一社会信用代码,
 *        单位类型) and the edit form of the editable ones, with the version
 *        they were read at (hidden `version`, the optimistic lock)
 *   POST 303 to /declarations/ID (单位信息维护, the changed fields before and
 *        after); 200 the form as typed with field messages (rules/info.h),
 *        or msg fail 未修改任何信息 (nothing changed: nothing written) or
 *        信息已被他人修改,请刷新后重试 (the version moved on: nothing written);
 *        400 undeclared fields; 403 bad CSRF
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/info.h"

enum key { K_CONTACT_NAME, K_CONTACT_PHONE, K_ADDRESS, K_BANK_NAME, K_BANK_ACCOUNT_NAME,
           K_BANK_ACCOUNT_NO, K_LEGAL_REP_PHONE, K_VERSION, K__MAX };

/* Raw lengths are generous: an overlong value gets the field message, not a 400. */
static const struct field_spec fields[K__MAX] = {
    [K_CONTACT_NAME] = {"contact_name", F_TEXT, 4000, "经办人"},
    [K_CONTACT_PHONE] = {"contact_phone", F_TEXT, 4000, "联系电话"},
    [K_ADDRESS] = {"address", F_TEXT, 4000, "地址"},
    [K_BANK_NAME] = {"bank_name", F_TEXT, 4000, "开户银行"},
    [K_BANK_ACCOUNT_NAME] = {"bank_account_name", F_TEXT, 4000, "户名"},
    [K_BANK_ACCOUNT_NO] = {"bank_account_no", F_TEXT, 4000, "账号"},
    [K_LEGAL_REP_PHONE] = {"legal_rep_phone", F_TEXT, 4000, "法定代表人电话"},
    [K_VERSION] = {"version", F_INT, 0, NULL},
};

enum check { C_TEXT, C_PHONE, C_ACCOUNT };

/* Each editable field: its check, its length in characters (3-byte
 * characters fit the store's buffers), where it goes. */
static const struct {
    enum check check;
    size_t max_chars;
    size_t off, size;
    const char *hdf;
} editable[K_VERSION] = {
#define AT(m) offsetof(struct unit_contact, m), sizeof(((struct unit_contact *)0)->m)
    [K_CONTACT_NAME] = {C_TEXT, 30, AT(contact_name), "Form.ContactName"},
    [K_CONTACT_PHONE] = {C_PHONE, 20, AT(contact_phone), "Form.ContactPhone"},
    [K_ADDRESS] = {C_TEXT, 100, AT(address), "Form.Address"},
    [K_BANK_NAME] = {C_TEXT, 60, AT(bank_name), "Form.BankName"},
    [K_BANK_ACCOUNT_NAME] = {C_TEXT, 100, AT(bank_account_name), "Form.BankAccountName"},
    [K_BANK_ACCOUNT_NO] = {C_ACCOUNT, 32, AT(bank_account_no), "Form.BankAccountNo"},
    [K_LEGAL_REP_PHONE] = {C_PHONE, 20, AT(legal_rep_phone), "Form.LegalRepPhone"},
#undef AT
};

static char *member(struct unit_contact *c, int k)
{
    return (char *)c + editable[k].off;
}

/* The page with the values c (a field already set on the page — what was
 * typed — is kept) and the version the form was read at. */
static int show_form(struct req *r, const struct unit_contact *c, int version)
{
    hdf_set_value(r->hdf, "Page.Title", "单位信息维护");
    hdf_set_value(r->hdf, "Page.Key", "unit");
    hdf_set_value(r->hdf, "Unit.No", r->unit.unit_no);
    hdf_set_value(r->hdf, "Unit.Name", r->unit.name);
    hdf_set_value(r->hdf, "Unit.CreditCode", r->unit.credit_code);
    hdf_set_value(r->hdf, "Unit.Type", r->unit.unit_type);
    for (int k = 0; k < K_VERSION; k++)
        if (!hdf_get_value(r->hdf, editable[k].hdf, NULL))
            hdf_set_value(r->hdf, editable[k].hdf, member((struct unit_contact *)c, k));
    hdf_set_int_value(r->hdf, "Form.Version", version);
    return web_render(r, 200, "unit.cs");
}

/* The unit's data and version come with the session (PAGE_CONTACT): no
 * other statement. */
static int unit_get(struct req *r)
{
    /* pre-filled from the query: the 反向操作 of a change gives the old values (§7a) */
    for (int k = 0; k < K_VERSION; k++)
        if (r->field[k].state == FIELD_OK)
            hdf_set_value(r->hdf, editable[k].hdf, r->field[k].text);
    return show_form(r, &r->contact, r->contact_version);
}

/* The field's rule; a value that would not fit its column (4-byte
 * characters) is too long as well, never cut. */
static enum msg_id check_field(int k, const char *v)
{
    enum msg_id m = info_text_check(v, editable[k].max_chars);

    if (m == MSG_OK && strlen(v) >= editable[k].size)
        m = MSG_INFO_TOO_LONG;
    if (m != MSG_OK)
        return m;
    switch (editable[k].check) {
    case C_PHONE: return info_phone_check(v);
    case C_ACCOUNT: return info_bank_account_check(v);
    default: return MSG_OK;
    }
}

static int unit_post(struct req *r)
{
    struct unit_contact c;
    struct info_save res;
    struct decl_state st;
    char operator_name[STORE_OPERATOR_MAX];
    int bad = 0, version = (int)r->field[K_VERSION].num;

    memset(&c, 0, sizeof c);
    for (int k = 0; k < K_VERSION; k++) {
        const char *v = r->field[k].text ? r->field[k].text : "";
        enum msg_id m = r->field[k].state == FIELD_BAD ? MSG_TEXT_FORBIDDEN : check_field(k, v);
        if (m != MSG_OK)
            bad += web_field_error(r, k, m);
        snprintf(member(&c, k), editable[k].size, "%s", m == MSG_OK ? v : "");
        if (m != MSG_OK)   /* show what was typed, escaped, so it can be corrected */
            hdf_set_value(r->hdf, editable[k].hdf, v);
    }
    if (r->field[K_VERSION].state != FIELD_OK)
        return web_error(r, 400, NULL);
    if (bad) {
        web_msg(r, "fail", web_field_first_error(r));
        return show_form(r, &c, version);
    }
    web_period(r, &st);
    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0 ||
        store_unit_info_save(r->db, &r->unit, &c, version, st.month, &r->now, operator_name,
                             &res) != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    web_msg(r, "fail", msg_text(res.msg));
    return show_form(r, &c, version);
}

static const struct route routes[] = {
    {"GET", "/unit", unit_get, 0},
    {"POST", "/unit", unit_post, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"unit", PAGE_CONTACT, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
