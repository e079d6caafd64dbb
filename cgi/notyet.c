/*
 * The catch-all: every path no page program claims gets the Chinese 404 page in the
 * portal frame (after the session check, so an anonymous visitor learns nothing about
 * which paths exist). Until issue 10 it also answered 尚未开放 for menu items not built
 * yet; every menu item is built now. A future menu item that is not ready gets a
 * table here again rather than a link to a 404.
 *   GET/POST 404 (a POST still needs a session and a valid CSRF token)
 */
#include "web/web.h"

static int not_found(struct req *r)
{
    return web_error(r, 404, NULL);
}

static const struct route routes[] = {
    {"GET", "/", not_found, ROUTE_PREFIX},
    {"POST", "/", not_found, ROUTE_PREFIX},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"notyet", PAGE_ANY_INPUT, routes, NULL, 0};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
