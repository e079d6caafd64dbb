/* Fuzz harness: form_parse_urlencoded and form_parse_cookies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"

static void check_form(const struct form *f, int check_utf8)
{
    size_t i;
    for (i = 0; i < f->n; i++) {
        const struct form_field *x = &f->f[i];
        if (!x->name || !x->value || x->value[x->len] != '\0' || strlen(x->name) > 64 ||
            (check_utf8 && (!utf8_valid(x->name, strlen(x->name)) || !utf8_valid(x->value, x->len))))
            abort();
        if (form_get(f, x->name) == NULL)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct form_limits lim = { 64, 4096, 1 << 20 };
    struct form f;
    char *s;

    if (form_parse_urlencoded((const char *)data, size, &lim, &f) == FORM_OK) {
        if (f.n > lim.max_fields)
            abort();
        check_form(&f, 1);
    } else if (f.n || f.f) {
        abort();
    }
    form_free(&f);

    /* the same bytes as a Cookie header (a C string) */
    if ((s = malloc(size + 1)) == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (form_parse_cookies(s, &f) == FORM_OK) {
        if (f.n > 32)
            abort();
        check_form(&f, 1);
    }
    form_free(&f);
    free(s);
    return 0;
}
