/*
 * /person?id_no= — 网上经办——参保人员信息维护 (spec §7, issue 10 item 3).
 *   GET  without id_no: the look-up form; with a valid id_no of a person of
 *        this unit (store/info.h): the person's data and, when editable, the
 *        form (姓名, 联系电话, 居住地址; 证件号码 read-only; hidden version);
 *        when not editable the reason (several base records, not normally
 *        insured here). Any other ID — another unit's or none — gets
 *        未查询到本单位该人员的参保信息 alike; a malformed one the field message.
 *   POST id_no, name, phone, address, version: 303 to /declarations/ID
 *        (参保人员信息维护, before/after of the changed fields); 200 the form as
 *        typed with field messages, 未修改任何信息 or 信息已被他人修改,请刷新后重试
 *        (nothing written); 400 undeclared fields; 403 bad CSRF
 */
#include <stdio.h>
#include <string.h>
#include "web/web.h"
#include "store/info.h"

enum key { K_ID_NO, K_NAME, K_PHONE, K_ADDRESS, K_VERSION, K__MAX };

static const struct field_spec fields[K__MAX] = {
    [K_ID_NO] = {"id_no", F_TEXT, 64, "证件号码"},
    [K_NAME] = {"name", F_TEXT, 4000, "姓名"},
    [K_PHONE] = {"phone", F_TEXT, 4000, "联系电话"},
    [K_ADDRESS] = {"address", F_TEXT, 4000, "居住地址"},
    [K_VERSION] = {"version", F_INT, 0, NULL},
};

/* characters; 3-byte characters fit struct person_edit (a longer value is refused, never cut) */
#define NAME_MAX_CHARS 30
#define ADDRESS_MAX_CHARS 100

static void set_view(struct req *r, const struct person_view *v)
{
    char d[11];

    hdf_set_value(r->hdf, "Person.IdNo", v->id_no);
    hdf_set_value(r->hdf, "Person.Gender", v->gender == 1 ? "男" : "女");
    format_date(d, v->birth);
    hdf_set_value(r->hdf, "Person.Birth", d);
    hdf_set_int_value(r->hdf, "Person.Editable", v->editable);
    hdf_set_int_value(r->hdf, "Form.Version", v->version);
    if (!hdf_get_value(r->hdf, "Form.Name", NULL)) {
        hdf_set_value(r->hdf, "Form.Name", v->e.name);
        hdf_set_value(r->hdf, "Form.Phone", v->e.phone);
        hdf_set_value(r->hdf, "Form.Address", v->e.address);
    }
    if (!v->editable)
        web_msg(r, "fail", msg_text(v->base_records > 1 ? MSG_DUPLICATE_BASE
                                                        : MSG_PERSON_READ_ONLY));
}

static void frame(struct req *r)
{
    hdf_set_value(r->hdf, "Page.Title", "参保人员信息维护");
    hdf_set_value(r->hdf, "Page.Key", "person");
}

/* The look-up: 1 shown (an answer rendered), 0 found (v filled), -1 error. */
static int look_up(struct req *r, char id_no[19], struct person_view *v)
{
    const char *typed = r->field[K_ID_NO].text;
    struct decl_state st;

    frame(r);
    if (typed)
        hdf_set_value(r->hdf, "Query.IdNo", typed);
    if (r->field[K_ID_NO].state == FIELD_BAD) {
        web_field_error(r, K_ID_NO, MSG_TEXT_FORBIDDEN);
        return web_render(r, 200, "person.cs") == 0 ? 1 : -1;
    }
    if (!typed)
        return web_render(r, 200, "person.cs") == 0 ? 1 : -1;
    if (id_check(typed, id_no, NULL) != ID_OK) {
        web_field_error(r, K_ID_NO, MSG_FIELD_INVALID);
        return web_render(r, 200, "person.cs") == 0 ? 1 : -1;
    }
    web_period(r, &st);
    if (store_person_view(r->db, r->unit.id, id_no, st.month, v) != 0)
        return -1;
    if (!v->found) {
        web_msg(r, "fail", msg_text(MSG_PERSON_NOT_OF_UNIT));
        return web_render(r, 200, "person.cs") == 0 ? 1 : -1;
    }
    return 0;
}

static int person_get(struct req *r)
{
    struct person_view v;
    char id_no[19];
    int rc = look_up(r, id_no, &v);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    /* pre-filled from the query: the 反向操作 of a change gives the old values (§7a) */
    if (r->field[K_NAME].state == FIELD_OK || r->field[K_PHONE].state == FIELD_OK ||
        r->field[K_ADDRESS].state == FIELD_OK) {
        hdf_set_value(r->hdf, "Form.Name", r->field[K_NAME].text ? r->field[K_NAME].text : v.e.name);
        hdf_set_value(r->hdf, "Form.Phone", r->field[K_PHONE].text ? r->field[K_PHONE].text : v.e.phone);
        hdf_set_value(r->hdf, "Form.Address",
                      r->field[K_ADDRESS].text ? r->field[K_ADDRESS].text : v.e.address);
    }
    set_view(r, &v);
    return web_render(r, 200, "person.cs");
}

static int person_post(struct req *r)
{
    static const int keys[3] = {K_NAME, K_PHONE, K_ADDRESS};
    static const char *const hdf[3] = {"Form.Name", "Form.Phone", "Form.Address"};
    struct person_view v;
    struct person_edit e;
    struct info_save res;
    struct decl_state st;
    char id_no[19], operator_name[STORE_OPERATOR_MAX];
    int bad = 0, rc;

    rc = look_up(r, id_no, &v);
    if (rc != 0)
        return rc > 0 ? 0 : -1;
    if (r->field[K_VERSION].state != FIELD_OK)
        return web_error(r, 400, NULL);
    memset(&e, 0, sizeof e);
    for (int i = 0; i < 3; i++) {
        const char *t = r->field[keys[i]].text ? r->field[keys[i]].text : "";
        enum msg_id m = r->field[keys[i]].state == FIELD_BAD ? MSG_TEXT_FORBIDDEN
                        : keys[i] == K_PHONE ? info_phone_check(t)
                        : info_text_check(t, keys[i] == K_NAME ? NAME_MAX_CHARS
                                                               : ADDRESS_MAX_CHARS);
        if (m == MSG_OK && keys[i] == K_PHONE)
            m = info_text_check(t, 20);
        if (m == MSG_OK && keys[i] == K_NAME && !*t)
            m = MSG_FIELD_REQUIRED;
        if (m == MSG_OK && strlen(t) >= (keys[i] == K_NAME ? sizeof e.name
                                         : keys[i] == K_PHONE ? sizeof e.phone : sizeof e.address))
            m = MSG_INFO_TOO_LONG;
        if (m != MSG_OK)
            bad += web_field_error(r, keys[i], m);
        hdf_set_value(r->hdf, hdf[i], t);
    }
    snprintf(e.name, sizeof e.name, "%s", r->field[K_NAME].text ? r->field[K_NAME].text : "");
    snprintf(e.phone, sizeof e.phone, "%s", r->field[K_PHONE].text ? r->field[K_PHONE].text : "");
    snprintf(e.address, sizeof e.address, "%s",
             r->field[K_ADDRESS].text ? r->field[K_ADDRESS].text : "");
    if (bad) {
        set_view(r, &v);
        hdf_set_int_value(r->hdf, "Form.Version", (int)r->field[K_VERSION].num);
        web_msg(r, "fail", web_field_first_error(r));
        return web_render(r, 200, "person.cs");
    }
    web_period(r, &st);
    if (store_unit_operator(r->db, &r->unit, operator_name, sizeof operator_name) != 0 ||
        store_person_info_save(r->db, &r->unit, id_no, &e, (int)r->field[K_VERSION].num,
                               st.month, &r->now, operator_name, &res) != 0)
        return -1;
    if (res.ok)
        return web_redirect_declaration(r, res.decl_id);
    set_view(r, &v);
    hdf_set_int_value(r->hdf, "Form.Version", (int)r->field[K_VERSION].num);
    web_msg(r, "fail", msg_text(res.msg));
    return web_render(r, 200, "person.cs");
}

static const struct route routes[] = {
    {"GET", "/person", person_get, 0},
    {"POST", "/person", person_post, 0},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"person", 0, routes, fields, K__MAX};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
