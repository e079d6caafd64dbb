/*
 * Integration: what a clerk found trying the portal as a new user would
 * (issue 13, workflow items), over HTTP against the real stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support/it.h"
#include "rules/messages.h"

static char unit_a[40];

static void setup_units(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    make_unit(unit_a, sizeof unit_a, "企业", "测试公司窄屏");
    set_today("");
}

/* issue 13 item 11: a phone (390 px, down to 320 px) gets the page without
 * sideways scrolling: no fixed minimum width, a narrow layout, a viewport, and
 * a way from the header to the menu that now follows the content. */
START_TEST(narrow_screens_reflow_without_a_fixed_page_width)
{
    struct client c;
    struct resp r;
    const char *narrow;
    client_init(&c);
    ck_assert_int_eq(http_get(&c, "/static/css/portal.css", &r), 200);
    ck_assert_ptr_null(strstr(r.body.p, "min-width: 1000px"));
    narrow = strstr(r.body.p, "@media (max-width: 760px)");
    ck_assert_ptr_nonnull(narrow);
    ck_assert_ptr_nonnull(strstr(narrow, ".layout { flex-direction: column; }"));
    ck_assert_ptr_nonnull(strstr(narrow, ".form-row { grid-template-columns: minmax(0, 1fr); }"));
    resp_free(&r);
    ck_assert(login(&c, unit_a, PW));
    ck_assert_int_eq(http_get(&c, "/enroll", &r), 200);
    ck_assert(has(&r, "<meta name=\"viewport\" content=\"width=device-width"));
    ck_assert(has(&r, "<a class=\"menu-link\" href=\"#menu\">菜单</a>"));
    ck_assert(has(&r, "<nav id=\"menu\""));
    resp_free(&r);
    client_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("clerk");
    TCase *t = tcase_create("workflow");
    tcase_add_unchecked_fixture(t, setup_units, NULL);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, narrow_screens_reflow_without_a_fixed_page_width);
    suite_add_tcase(s, t);
    return it_run(s);
}
