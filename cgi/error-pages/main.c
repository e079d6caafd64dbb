/*
 * error-pages TEMPLATES_DIR OUT_DIR — writes nginx's own Chinese error pages
 * (OUT_DIR/<status>.html for 400, 403, 404, 413, 414, 500, 502, 504;
 * conf/nginx's error_page lines) from
 * templates/error.cs and layout.cs, so they share the portal's one frame.
 * Run by `make` into static/errors/, where conf/stack and `make install` find
 * them. Exits 0, or 1 after a message on stderr.
 */
#include <stdio.h>
#include "web/web.h"

static int write_page(const char *templates, const char *dir, int status)
{
    struct buf page = {0};
    char path[4096];
    FILE *f = NULL;
    int rc = -1;

    if (web_static_error_page(templates, status, &page) != 0)
        goto out;
    snprintf(path, sizeof path, "%s/%d.html", dir, status);
    if (!(f = fopen(path, "w")) || fwrite(page.p, 1, page.len, f) != page.len) {
        perror(path);
        goto out;
    }
    rc = 0;
out:
    if (f && fclose(f) != 0 && rc == 0) {
        perror(path);
        rc = -1;
    }
    buf_free(&page);
    return rc;
}

int main(int argc, char **argv)
{
    static const int statuses[] = {400, 403, 404, 413, 414, 500, 502, 504};

    if (argc != 3) {
        fprintf(stderr, "usage: %s TEMPLATES_DIR OUT_DIR\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (write_page(argv[1], argv[2], statuses[i]) != 0)
            return 1;
    return 0;
}
