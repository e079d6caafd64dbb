/*
 * field — declared inputs, typed (kcgi's `struct kvalid` and `fieldmap[KEY]`).
 *
 * A page declares its fields as an enum of keys ending in K__MAX and a table
 * indexed by those keys:
 *
 *   enum key { K_ID_NO, K_END_DATE, K__MAX };
 *   static const struct field_spec fields[K__MAX] = {
 *       [K_ID_NO]    = {"id_no", F_TEXT, 32, "证件号码"},
 *       [K_END_DATE] = {"end_date", F_DATE, 0, "减员时间"},
 *   };
 *
 * The runtime reads the query string and the body against that table once
 * (fields_read) and the handler reads r->field[K_END_DATE]: a misspelt key is a
 * compile error. Pure functions, no I/O.
 *
 * What is refused with 400 (the request is not the page's form): an undeclared
 * name (the runtime's own `csrf` in a body excepted), a file part for a non-file
 * field or a plain value for a file field, a text value over its `max` bytes, a
 * value of any other non-file kind over FIELD_RAW_MAX bytes. Everything else is
 * the page's business: a value that does not fit its kind is FIELD_BAD, and the
 * page shows its field message (web_field_error); a file field is FIELD_BAD when
 * the body carries more than one part of its name (the page refuses the upload).
 */
#ifndef PORTAL_WEB_FIELD_H
#define PORTAL_WEB_FIELD_H
#include <stddef.h>
#include "web/form.h"
#include "rules/calendar.h"

/* Field kinds: each has one validator (field_validate). */
enum field_kind {
    F_TEXT,      /* valid UTF-8 up to max bytes, trimmed; FIELD_BAD when it holds a
                    control character or a bidi override (text_clean, spec §10):
                    the page shows MSG_TEXT_FORBIDDEN (web_text_field_errors) */
    F_MONTH,     /* YYYY-MM (parse_month) */
    F_DATE,      /* YYYY-MM-DD (parse_date) */
    F_MONEY,     /* yuan, up to 2 decimals (parse_money_fen) */
    F_INT,       /* a decimal integer, optionally signed, within long long */
    F_FLAG,      /* "1"; any other value is FIELD_BAD */
    F_FILE       /* a multipart file part with a file name */
};

struct field_spec {
    const char *name;      /* the parameter's name on the wire */
    enum field_kind kind;
    size_t max;            /* F_TEXT: max bytes (0: the form's limit); others ignore it */
    const char *label;     /* how field messages name it ("减员时间"); may be NULL */
};

#define FIELD_RAW_MAX 32   /* bytes of a month, date, amount, number or flag on the wire */
#define FIELDS_MAX    16   /* keys of one page at most (web_main refuses more) */

enum field_state {
    FIELD_ABSENT = 0,      /* not sent, or empty after trimming (a file: no file chosen) */
    FIELD_OK,              /* valid: the typed member of its kind is set */
    FIELD_BAD              /* sent but not of its kind: `text` holds what was typed */
};

/* One parsed field. Pointers are lent from the request's forms. */
struct field {
    enum field_state state;
    const char *text;              /* trimmed value as typed (OK and BAD); NULL when absent */
    int month;                     /* F_MONTH: parse_month's ym */
    struct ymd date;               /* F_DATE */
    long long fen;                 /* F_MONEY: in fen */
    long long num;                 /* F_INT */
    int flag;                      /* F_FLAG: 1 when "1" */
    const struct form_field *file; /* F_FILE: the part (value, len, filename) */
};

/* The validator of `kind` over a trimmed, non-empty text: fills the typed
 * member of *out and returns 1 when the text is of that kind, else 0 (the
 * member is then left zero). F_TEXT accepts every text_clean text; F_FILE
 * none (files are not text). */
int field_validate(enum field_kind kind, const char *text, struct field *out);

/*
 * Reads query then body (either may be NULL) against spec[0..n) into
 * out[0..n), which it zeroes first: for each key the
 * first occurrence (query before body) counts. Trims text values in place
 * (leading spaces and tabs, trailing spaces, tabs, CR and LF). `any_input`
 * accepts undeclared names (the 尚未开放 placeholder only). Returns 0, or 400
 * as the header says. out[] is only meaningful on 0.
 */
int fields_read(const struct field_spec *spec, size_t n, int any_input, struct form *query,
                struct form *body, struct field *out);

/* 0 when every key 0..n-1 has a name and n <= FIELDS_MAX, else -1 (a page's
 * table with a hole: a key declared without its entry). */
int fields_check_table(const struct field_spec *spec, size_t n);

#endif
