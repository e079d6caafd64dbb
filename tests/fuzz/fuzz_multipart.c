/*
 * Fuzz harness: form_parse_multipart. The input's first line is the
 * Content-Type header, the rest is the body; an input without a newline is a
 * body under "multipart/form-data; boundary=XyZ".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct form_limits lim = { 16, 1024, 64 << 10 };
    const char *in = (const char *)data, *nl = memchr(in, '\n', size < 200 ? size : 200);
    const char *body = in;
    size_t len = size, i;
    char ct[201] = "multipart/form-data; boundary=XyZ";
    struct form f;

    if (nl) {
        memcpy(ct, in, (size_t)(nl - in));
        ct[nl - in] = '\0';
        body = nl + 1;
        len = size - (size_t)(nl - in) - 1;
    }
    if (form_parse_multipart(body, len, ct, &lim, &f) == FORM_OK) {
        if (f.n > lim.max_fields)
            abort();
        for (i = 0; i < f.n; i++) {
            const struct form_field *x = &f.f[i];
            size_t nl_ = strlen(x->name);
            if (nl_ == 0 || nl_ > 64 || !utf8_valid(x->name, nl_) || !x->content_type ||
                x->value[x->len] != '\0')
                abort();
            /* the value is a slice of the body */
            if (x->len > len)
                abort();
            if (x->filename) {
                if (strchr(x->filename, '/') || strchr(x->filename, '\\') ||
                    !utf8_valid(x->filename, strlen(x->filename)) || x->len > lim.max_file)
                    abort();
            } else if (x->len > lim.max_value || !utf8_valid(x->value, x->len)) {
                abort();
            }
        }
    } else if (f.n || f.f) {
        abort();
    }
    form_free(&f);
    return 0;
}
