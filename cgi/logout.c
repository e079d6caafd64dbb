/*
 * /logout — POST only (a GET could be triggered by any link or image).
 *   POST 303 to /login?out=1; 403 bad CSRF; 405 GET
 */
#include "web/web.h"

static int logout_post(struct req *r)
{
    if (web_session_end(r) != 0)
        return -1;
    return web_redirect(r, "/login?out=1");
}

static const struct route routes[] = {
    {"POST", "/logout", logout_post, ROUTE_ANY_ROLE | ROUTE_FIRST},
    {NULL, NULL, NULL, 0}};

static const struct page_def page = {"logout", 0, routes, NULL, 0};

int main(int argc, char **argv)
{
    return web_main(argc, argv, &page);
}
