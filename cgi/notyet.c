/*
 * The menu's pages that are not built yet: a Chinese 尚未开放 page under the
 * menu item's own name, never a 404 (issue 2 item 6). Each page leaves this
 * table (and conf/routes) when its own program arrives.
 *   GET/POST 200 (a POST still needs a session and a valid CSRF token)
 */
#include <string.h>
#include "web/web.h"
#include "rules/messages.h"

static const struct { const char *path; const char *title; const char *key; int prefix; } pages[] = {
    {"/report/payments", "单位缴费查询打印", "report_payments", 0},
    {"/report/certificate", "单位参保证明打印", "report_certificate", 0},
    {"/report/notice", "缴费通知单查询打印", "report_notice", 0},
};

static int notyet(struct req *r)
{
    size_t i;
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        size_t n = strlen(pages[i].path);
        if (strcmp(r->path, pages[i].path) == 0 ||
            (pages[i].prefix && strncmp(r->path, pages[i].path, n) == 0 && r->path[n] == '/'))
            break;
    }
    if (i == sizeof pages / sizeof pages[0])
        return web_error(r, 404, NULL);
    hdf_set_value(r->hdf, "Page.Title", pages[i].title);
    hdf_set_value(r->hdf, "Page.Key", pages[i].key);
    hdf_set_value(r->hdf, "Error.Text", msg_text(MSG_NOT_OPEN));
    return web_render(r, 200, "notyet.cs");
}

static const struct route routes[] = {
    {"GET", "/", notyet, ROUTE_PREFIX},
    {"POST", "/", notyet, ROUTE_PREFIX},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"notyet", PAGE_ANY_INPUT, routes, NULL, 0};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
