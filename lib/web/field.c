/* field — declared inputs, typed. See field.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "web/field.h"
#include "rules/money.h"
#include "rules/hygiene.h"

/* ---- validators: one small pure function per kind ---- */

/* spec §10's input hygiene: every text field of every page is one line
 * without control characters and bidi overrides */
static int valid_text(const char *s, struct field *f)
{
    (void)f;
    return text_clean(s);
}

static int valid_month(const char *s, struct field *f)
{
    return parse_month(s, &f->month) == 0;
}

static int valid_date(const char *s, struct field *f)
{
    return parse_date(s, &f->date) == 0;
}

static int valid_money(const char *s, struct field *f)
{
    return parse_money_fen(s, &f->fen) == 0;
}

static int valid_int(const char *s, struct field *f)
{
    char *end;
    long long v;

    if (!((*s >= '0' && *s <= '9') || ((*s == '-' || *s == '+') && s[1] >= '0' && s[1] <= '9')))
        return 0;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (*end || errno == ERANGE)
        return 0;
    f->num = v;
    return 1;
}

static int valid_flag(const char *s, struct field *f)
{
    f->flag = strcmp(s, "1") == 0;
    return f->flag;
}

static int valid_none(const char *s, struct field *f)
{
    (void)s;
    (void)f;
    return 0;
}

static int (*const validators[])(const char *, struct field *) = {
    [F_TEXT] = valid_text,   [F_MONTH] = valid_month, [F_DATE] = valid_date,
    [F_MONEY] = valid_money, [F_INT] = valid_int,     [F_FLAG] = valid_flag,
    [F_FILE] = valid_none,
};

int field_validate(enum field_kind kind, const char *text, struct field *out)
{
    struct field f;
    int ok;

    memset(&f, 0, sizeof f);
    ok = (unsigned)kind < sizeof validators / sizeof validators[0] && text &&
         validators[kind](text, &f);
    if (!ok)
        memset(&f, 0, sizeof f);   /* a refused value leaves no half-typed member */
    out->month = f.month;
    out->date = f.date;
    out->fen = f.fen;
    out->num = f.num;
    out->flag = f.flag;
    return ok;
}

/* ---- reading a request ---- */

static int find(const struct field_spec *spec, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (spec[i].name && strcmp(spec[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Trims in place: the form owns the value and nobody else sees it. */
static char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    return s;
}

/* The raw shape the runtime refuses with 400. */
static int shape_ok(const struct field_spec *spec, const struct form_field *ff)
{
    if ((spec->kind == F_FILE) != (ff->filename != NULL))
        return 0;
    if (spec->kind == F_TEXT && spec->max && ff->len > spec->max)
        return 0;
    if (spec->kind != F_TEXT && spec->kind != F_FILE && ff->len > FIELD_RAW_MAX)
        return 0;
    return 1;
}

static void parse_one(const struct field_spec *spec, struct form_field *ff, struct field *out)
{
    const char *text;

    if (spec->kind == F_FILE) {
        out->file = ff;
        out->state = ff->filename[0] ? FIELD_OK : FIELD_ABSENT;
        return;
    }
    text = trim(ff->value);
    if (!*text)
        return;   /* FIELD_ABSENT */
    out->text = text;
    out->state = field_validate(spec->kind, text, out) ? FIELD_OK : FIELD_BAD;
}

static int read_form(const struct field_spec *spec, size_t n, int any_input, struct form *form,
                     int is_body, struct field *out, unsigned char *seen)
{
    for (size_t i = 0; i < form->n; i++) {
        struct form_field *ff = &form->f[i];
        int k;
        if (is_body && strcmp(ff->name, "csrf") == 0)
            continue;   /* the runtime's own field (csrf_ok) */
        k = find(spec, n, ff->name);
        if (k < 0) {
            if (any_input)
                continue;
            return 400;
        }
        if (!shape_ok(&spec[k], ff))
            return 400;
        if (seen[k]) {
            if (spec[k].kind == F_FILE)
                out[k].state = FIELD_BAD;   /* two files where one belongs */
            continue;   /* the first occurrence counts */
        }
        seen[k] = 1;
        parse_one(&spec[k], ff, &out[k]);
    }
    return 0;
}

int fields_read(const struct field_spec *spec, size_t n, int any_input, struct form *query,
                struct form *body, struct field *out)
{
    unsigned char seen[FIELDS_MAX] = {0};
    int rc;

    if (n > FIELDS_MAX)
        return 400;
    memset(out, 0, n * sizeof *out);
    rc = query ? read_form(spec, n, any_input, query, 0, out, seen) : 0;
    if (rc == 0 && body)
        rc = read_form(spec, n, any_input, body, 1, out, seen);
    return rc;
}

int fields_check_table(const struct field_spec *spec, size_t n)
{
    if (n > FIELDS_MAX || (n && !spec))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!spec[i].name || !*spec[i].name || find(spec, i, spec[i].name) >= 0)
            return -1;
    return 0;
}
