/*
 * Every template under templates/ parses and renders with an empty data set,
 * with and without a session, and a hostile value comes out escaped: a broken
 * template fails here, before any stack starts (STYLE.md: template tests).
 * Run from the tree's top (make test does).
 */
#include <check.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <ClearSilver.h>
#include "base/buf.h"
#include "web/web.h"
#include "web/internal.h"
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#define LEAKS_IGNORED_BEGIN() __lsan_disable()
#define LEAKS_IGNORED_END() __lsan_enable()
#else
#define LEAKS_IGNORED_BEGIN() ((void)0)
#define LEAKS_IGNORED_END() ((void)0)
#endif

static char *names[64];
static int nnames;

static void list_templates(void)
{
    DIR *d = opendir("templates");
    struct dirent *e;
    if (!d)
        return;   /* every_template_parses_and_renders then fails: nothing found */
    while ((e = readdir(d)) && nnames < 64) {
        size_t n = strlen(e->d_name);
        if (n > 3 && strcmp(e->d_name + n - 3, ".cs") == 0)
            names[nnames++] = strdup(e->d_name);
    }
    closedir(d);
}

static NEOERR *collect(void *ctx, char *s)
{
    buf_puts(ctx, s);
    return STATUS_OK;
}

/* The data of a page: a session or none, a hostile value in four places. */
static NEOERR *page_data(HDF **hdf, int logged_in, const char *hostile)
{
    NEOERR *err = hdf_init(hdf);

    if (!err) err = hdf_set_value(*hdf, "Config.VarEscapeMode", "html");
    if (!err) err = hdf_set_value(*hdf, "hdf.loadpaths.0", "templates");
    if (!err) err = hdf_set_value(*hdf, "Csrf", "0123456789abcdef0123456789abcdef");
    if (!err && logged_in) {
        err = hdf_set_value(*hdf, "Session.UnitNo", "32059900000000117");
        if (!err) err = hdf_set_value(*hdf, "Session.UnitName", hostile);
    }
    if (!err) err = hdf_set_value(*hdf, "Msg.Kind", "fail");
    if (!err) err = hdf_set_value(*hdf, "Msg.Text", hostile);
    if (!err) err = hdf_set_value(*hdf, "Page.Title", hostile);
    return err;
}

/* The output, or NULL after printing err's traceback (caller frees). */
static char *output(const char *name, NEOERR *err, struct buf *out)
{
    if (err) {
        STRING s;
        string_init(&s);
        nerr_error_traceback(err, &s);
        fprintf(stderr, "%s: %s\n", name, s.buf);
        string_clear(&s);
        nerr_ignore(&err);
        buf_free(out);
        return NULL;
    }
    return out->p ? out->p : strdup("");
}

/* Renders templates/<name> parsed afresh; returns the output (caller frees)
 * or NULL on error. */
static char *render(const char *name, int logged_in, const char *hostile)
{
    HDF *hdf = NULL;
    CSPARSE *cs = NULL;
    struct buf out = {0};
    NEOERR *err = page_data(&hdf, logged_in, hostile);

    if (!err) err = cs_init(&cs, hdf);
    if (!err) err = tpl_register(cs);
    if (!err) err = cs_parse_file(cs, name);
    if (!err) err = cs_render(cs, &out, collect);
    cs_destroy(&cs);
    hdf_destroy(&hdf);
    return output(name, err, &out);
}

/* The same through the worker's cache of parsed templates (lib/web/template.c). */
static char *render_cached(const char *name, int logged_in, const char *hostile)
{
    HDF *hdf = NULL;
    struct buf out = {0};
    NEOERR *err = page_data(&hdf, logged_in, hostile);

    if (!err) err = tpl_render("templates", name, hdf, &out, collect);
    hdf_destroy(&hdf);
    return output(name, err, &out);
}

START_TEST(every_template_parses_and_renders)
{
    int i;
    ck_assert_int_gt(nnames, 4);
    for (i = 0; i < nnames; i++) {
        char *a = render(names[i], 0, "x"), *b = render(names[i], 1, "x");
        ck_assert_msg(a != NULL, "%s does not render without a session", names[i]);
        ck_assert_msg(b != NULL, "%s does not render with a session", names[i]);
        free(a);
        free(b);
    }
}
END_TEST

START_TEST(page_templates_escape_hostile_values)
{
    static const char *pages[] = {"login.cs", "home.cs", "error.cs", "enroll.cs", "stop.cs"};
    size_t i;
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char *out = render(pages[i], 1, "<script>alert(1)</script>\"'&");
        ck_assert_ptr_nonnull(out);
        ck_assert_msg(strstr(out, "<script>alert(1)") == NULL, "%s: unescaped", pages[i]);
        ck_assert_msg(strstr(out, "&lt;script&gt;alert(1)") != NULL, "%s: value missing", pages[i]);
        free(out);
    }
}
END_TEST

/* Issue 15 item 1: a template parsed once renders every later request from
 * that request's own data, exactly as a fresh parse would, and nothing of an
 * earlier request's data stays behind. */
START_TEST(a_cached_template_renders_each_request_with_its_own_data)
{
    static const char *values[] = {"第一家单位", "<b>第二家</b>&", "第一家单位"};
    int i;
    size_t k;

    for (i = 0; i < nnames; i++)
        for (k = 0; k < sizeof values / sizeof values[0]; k++) {
            char *fresh = render(names[i], (int)(k % 2), values[k]);
            char *cached = render_cached(names[i], (int)(k % 2), values[k]);
            ck_assert_ptr_nonnull(fresh);
            ck_assert_ptr_nonnull(cached);
            ck_assert_msg(strcmp(fresh, cached) == 0, "%s: the cached parse renders %s otherwise",
                          names[i], values[k]);
            if (k == 1)
                ck_assert_msg(strstr(cached, values[0]) == NULL, "%s: an earlier request's data",
                              names[i]);
            free(fresh);
            free(cached);
        }
    tpl_cache_free();
}
END_TEST

/* Issue 15 item 1: the menu a worker keeps per (Page.Key, Session.MayAct,
 * Session.IsAdmin) prints exactly what layout.cs's menu() renders in place,
 * for every role and page key met in any order, and a request never gets the
 * menu of another key or role (its current item, its groups). */
static char *render_menu_case(int cached, const char *key, int may_act, int admin)
{
    HDF *hdf = NULL;
    CSPARSE *cs = NULL;
    struct buf out = {0};
    NEOERR *err = page_data(&hdf, 1, "单位");

    if (!err) err = hdf_set_value(hdf, "Page.Key", key);
    if (!err && may_act) err = hdf_set_value(hdf, "Session.MayAct", "1");
    if (!err && admin) err = hdf_set_value(hdf, "Session.IsAdmin", "1");
    if (!err && cached)
        err = tpl_render("templates", "home.cs", hdf, &out, collect);
    else {
        if (!err) err = cs_init(&cs, hdf);
        if (!err) err = tpl_register(cs);
        if (!err) err = cs_parse_file(cs, "home.cs");
        if (!err) err = cs_render(cs, &out, collect);
        cs_destroy(&cs);
    }
    hdf_destroy(&hdf);
    return output("home.cs", err, &out);
}

START_TEST(the_kept_menu_is_the_menu_of_each_role_and_page)
{
    static const char *keys[] = {"home", "enroll", "jobs", "accounts", "home", "query_roster"};
    static const int roles[][2] = {{1, 1}, {1, 0}, {0, 0}, {1, 1}};
    size_t k, r;

    for (r = 0; r < sizeof roles / sizeof roles[0]; r++)
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            char *fresh = render_menu_case(0, keys[k], roles[r][0], roles[r][1]);
            char *cached = render_menu_case(1, keys[k], roles[r][0], roles[r][1]);
            ck_assert_ptr_nonnull(fresh);
            ck_assert_ptr_nonnull(cached);
            ck_assert_msg(strcmp(fresh, cached) == 0, "key %s, may act %d, admin %d: the kept menu differs",
                          keys[k], roles[r][0], roles[r][1]);
            ck_assert_int_eq(strstr(cached, "经办人账户管理") != NULL, roles[r][1]);
            ck_assert_int_eq(strstr(cached, "网上经办") != NULL, roles[r][0]);
            free(fresh);
            free(cached);
        }
    tpl_cache_free();
}
END_TEST

START_TEST(a_broken_template_is_refused)
{
    HDF *hdf = NULL;
    CSPARSE *cs = NULL;
    char *bad = strdup("<?cs if:x ?>never closed");
    NEOERR *err = hdf_init(&hdf);
    ck_assert(err == STATUS_OK);
    ck_assert(cs_init(&cs, hdf) == STATUS_OK);
    /* ClearSilver itself leaks a node on this error path (not our code) */
    LEAKS_IGNORED_BEGIN();
    err = cs_parse_string(cs, bad, strlen(bad));
    LEAKS_IGNORED_END();
    ck_assert_msg(err != STATUS_OK, "an unclosed if must not parse");
    nerr_ignore(&err);
    cs_destroy(&cs);
    hdf_destroy(&hdf);
}
END_TEST

/* nginx's own pages (static/errors/) come from error.cs: Chinese, no menu,
 * a link to /, the message table's texts; other statuses are not theirs. */
static const struct { int status; enum msg_id title, text; } nginx_pages[] = {
    {400, MSG_TITLE_400, MSG_BAD_REQUEST},
    {403, MSG_TITLE_403, MSG_FORBIDDEN},
    {404, MSG_TITLE_404, MSG_NOT_FOUND},
    {413, MSG_TITLE_UPLOAD_413, MSG_UPLOAD_TOO_LARGE},
    {414, MSG_TITLE_414, MSG_URI_TOO_LONG},
    {500, MSG_TITLE_500, MSG_INTERNAL},
    {502, MSG_TITLE_502, MSG_BAD_GATEWAY},
    {504, MSG_TITLE_504, MSG_GATEWAY_TIMEOUT},
};

/* Issue 17 (WCAG 3.3.1, 1.3.1): a form refused with field messages has 处理失败 in its title
 * and a page message even when the page set none; each invalid control is aria-invalid and
 * described by its message (id err-KEY); only the first one has autofocus. */
START_TEST(refused_form_ties_each_message_to_its_field_and_focuses_the_first)
{
    HDF *hdf = NULL;
    CSPARSE *cs = NULL;
    struct buf out = {0};
    NEOERR *err = hdf_init(&hdf);
    char *o, *first, *second;

    if (!err) err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
    if (!err) err = hdf_set_value(hdf, "hdf.loadpaths.0", "templates");
    if (!err) err = hdf_set_value(hdf, "Session.UnitNo", "32059900000000117");
    if (!err) err = hdf_set_value(hdf, "Page.Title", "参保人员减员申报");
    if (!err) err = hdf_set_value(hdf, "Err.id_no", "处理失败!证件号码校验不通过!");
    if (!err) err = hdf_set_value(hdf, "Err.reason", "请选择减员原因");
    if (!err) err = hdf_set_value(hdf, "Msg.Fields", msg_text(MSG_FIELDS_FAILED));   /* web_field_error */
    if (!err) err = cs_init(&cs, hdf);
    if (!err) err = tpl_register(cs);
    if (!err) err = cs_parse_file(cs, "stop.cs");
    if (!err) err = cs_render(cs, &out, collect);
    cs_destroy(&cs);
    hdf_destroy(&hdf);
    o = output("stop.cs", err, &out);
    ck_assert_ptr_nonnull(o);
    ck_assert_ptr_nonnull(strstr(o, "<title>处理失败 - 参保人员减员申报 - 单位网厅</title>"));
    ck_assert_ptr_nonnull(strstr(o, "class=\"msg fail\" role=\"alert\">处理失败!请按标出的提示修改后重新提交。</div>"));
    first = strstr(o, "aria-invalid=\"true\" aria-describedby=\"err-id_no\" autofocus");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(strstr(o, "id=\"err-id_no\""));
    second = strstr(o, "aria-invalid=\"true\" aria-describedby=\"err-reason\"");
    ck_assert_ptr_nonnull(second);
    ck_assert_ptr_nonnull(strstr(o, "id=\"err-reason\""));
    ck_assert_ptr_null(strstr(first + strlen("aria-invalid=\"true\" aria-describedby=\"err-id_no\" autofocus"), "autofocus"));
    ck_assert_ptr_nonnull(strstr(o, "<legend class=\"label required\">减员时间</legend>"));
    free(o);
}
END_TEST

START_TEST(nginx_error_pages_render_from_error_cs)
{
    struct buf out = {0};
    char code[32];

    ck_assert_int_eq(web_static_error_page("templates", nginx_pages[_i].status, &out), 0);
    snprintf(code, sizeof code, "错误代码 %d", nginx_pages[_i].status);
    ck_assert_ptr_nonnull(strstr(out.p, code));
    ck_assert_ptr_nonnull(strstr(out.p, msg_text(nginx_pages[_i].title)));
    ck_assert_ptr_nonnull(strstr(out.p, msg_text(nginx_pages[_i].text)));
    ck_assert_ptr_nonnull(strstr(out.p, "<html lang=\"zh-CN\">"));
    ck_assert_ptr_nonnull(strstr(out.p, "href=\"/\">返回首页"));
    ck_assert_ptr_null(strstr(out.p, "side-menu"));
    buf_free(&out);
    ck_assert_int_eq(web_static_error_page("templates", 503, &out), -1);
    buf_free(&out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("templates");
    TCase *t = tcase_create("templates");
    SRunner *sr;
    int failed;

    list_templates();
    tcase_add_test(t, every_template_parses_and_renders);
    tcase_add_test(t, page_templates_escape_hostile_values);
    tcase_add_test(t, a_cached_template_renders_each_request_with_its_own_data);
    tcase_add_test(t, the_kept_menu_is_the_menu_of_each_role_and_page);
    tcase_add_test(t, a_broken_template_is_refused);
    tcase_add_test(t, refused_form_ties_each_message_to_its_field_and_focuses_the_first);
    tcase_add_loop_test(t, nginx_error_pages_render_from_error_cs, 0,
                        (int)(sizeof nginx_pages / sizeof nginx_pages[0]));
    suite_add_tcase(s, t);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
