/* Unit tests for lib/web/form.c: urlencoded, multipart, cookies, UTF-8. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "web/form.h"

#define N_ELEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define BIN(s) s, sizeof(s) - 1   /* a literal with its exact length (may hold NUL) */

static const struct form_limits lim = { 4, 16, 64 };

/* "name[filename]<ctype>=value|..." — one string says everything about a form. */
static char *describe(const struct form *f)
{
    struct buf b = { 0 };
    size_t i;

    buf_puts(&b, "");
    for (i = 0; i < f->n; i++) {
        const struct form_field *x = &f->f[i];
        if (i)
            buf_putc(&b, '|');
        buf_puts(&b, x->name);
        if (x->filename)
            buf_printf(&b, "[%s]", x->filename);
        if (x->content_type)
            buf_printf(&b, "<%s>", x->content_type);
        buf_putc(&b, '=');
        buf_append(&b, x->value, x->len);
        ck_assert_int_eq(x->value[x->len], '\0');
    }
    return b.p;
}

static void expect(enum form_err got, enum form_err want_err, struct form *f,
                   const char *want, const char *name)
{
    char *d = describe(f);
    ck_assert_msg(got == want_err, "%s: err %d, want %d", name, got, want_err);
    ck_assert_msg(strcmp(d, want) == 0, "%s: got \"%s\", want \"%s\"", name, d, want);
    if (got != FORM_OK)
        ck_assert_msg(f->n == 0 && f->f == NULL, "%s: form not empty on error", name);
    free(d);
    form_free(f);
    ck_assert_ptr_null(f->f);
}

/* ------------------------------------------------------------- urlencoded */

static const struct {
    const char *name, *in;
    enum form_err err;
    const char *want;
} url_cases[] = {
    { "empty_string_is_zero_fields", "", FORM_OK, "" },
    { "pairs_split_on_ampersand", "a=1&b=2", FORM_OK, "a=1|b=2" },
    { "plus_is_space", "q=a+b++c", FORM_OK, "q=a b  c" },
    { "percent_utf8_decoded", "n=%E4%B8%AD+x", FORM_OK, "n=中 x" },
    { "percent_lowercase_hex", "n=%e4%b8%ad", FORM_OK, "n=中" },
    { "encoded_plus_stays_plus", "p=%2B1", FORM_OK, "p=+1" },
    { "name_only_is_empty_value", "flag", FORM_OK, "flag=" },
    { "empty_pairs_skipped", "&a=1&&b=&", FORM_OK, "a=1|b=" },
    { "empty_name_skipped", "=x&a=1", FORM_OK, "a=1" },
    { "value_keeps_later_equals", "a=b=c", FORM_OK, "a=b=c" },
    { "repeated_names_kept_in_order", "a=1&a=2", FORM_OK, "a=1|a=2" },
    { "raw_utf8_accepted", "n=中文", FORM_OK, "n=中文" },
    { "encoded_name_decoded", "%E5%90%8D=1", FORM_OK, "名=1" },
    { "exactly_max_fields_ok", "a&b&c&d", FORM_OK, "a=|b=|c=|d=" },
    { "value_at_limit_ok", "v=0123456789abcdef", FORM_OK, "v=0123456789abcdef" },
    { "percent_nul_rejected", "a=%00", FORM_EENCODING, "" },
    { "percent_nul_in_name_rejected", "a%00b=1", FORM_EENCODING, "" },
    { "truncated_utf8_sequence_rejected", "n=%E4%B8", FORM_EENCODING, "" },
    { "lone_percent_rejected", "a=%", FORM_EENCODING, "" },
    { "short_percent_rejected", "a=%4", FORM_EENCODING, "" },
    { "non_hex_percent_rejected", "a=%zz", FORM_EENCODING, "" },
    { "half_hex_percent_rejected", "a=%4g", FORM_EENCODING, "" },
    { "overlong_utf8_rejected", "a=%C0%80", FORM_EENCODING, "" },
    { "surrogate_rejected", "a=%ED%A0%80", FORM_EENCODING, "" },
    { "raw_invalid_utf8_rejected", "a=\xff", FORM_EENCODING, "" },
    { "later_bad_pair_rejects_all", "a=1&b=%", FORM_EENCODING, "" },
    { "too_many_fields", "a&b&c&d&e", FORM_ETOOMANY, "" },
    { "value_over_limit", "v=0123456789abcdefg", FORM_ETOOLONG, "" },
    { "encoded_value_measured_decoded", "v=%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41",
      FORM_OK, "v=AAAAAAAAAAAAAAAA" },
    { "name_over_64_bytes",
      "n0123456789012345678901234567890123456789012345678901234567890123=1",
      FORM_ETOOLONG, "" },
};

START_TEST(urlencoded)
{
    struct form f;
    enum form_err e;
    memset(&f, 0xA5, sizeof f);   /* out need not be initialised */
    e = form_parse_urlencoded(url_cases[_i].in, strlen(url_cases[_i].in), &lim, &f);
    expect(e, url_cases[_i].err, &f, url_cases[_i].want, url_cases[_i].name);
}
END_TEST

START_TEST(urlencoded_length_not_nul_bounded)
{
    struct form f;
    /* only the first 3 bytes belong to the body */
    ck_assert_int_eq(form_parse_urlencoded("a=1&b=2", 3, &lim, &f), FORM_OK);
    expect(FORM_OK, FORM_OK, &f, "a=1", "length");
}
END_TEST

START_TEST(urlencoded_huge_field_count_rejected_early)
{
    size_t n = 200000, i;
    char *s = malloc(2 * n);
    struct form f;
    for (i = 0; i < n; i++) {
        s[2 * i] = 'a';
        s[2 * i + 1] = '&';
    }
    ck_assert_int_eq(form_parse_urlencoded(s, 2 * n, &lim, &f), FORM_ETOOMANY);
    ck_assert_uint_eq(f.n, 0);
    free(s);
}
END_TEST

START_TEST(urlencoded_null_limits_use_defaults)
{
    struct form f;
    ck_assert_int_eq(form_parse_urlencoded("a=1", 3, NULL, &f), FORM_OK);
    ck_assert_str_eq(form_get(&f, "a")->value, "1");
    ck_assert_ptr_null(form_get(&f, "b"));
    ck_assert_ptr_null(form_get(&f, NULL));
    form_free(&f);
    form_free(&f);   /* twice: accepts a zeroed form */
    form_free(NULL);
}
END_TEST

START_TEST(form_get_returns_first_of_repeated)
{
    struct form f;
    ck_assert_int_eq(form_parse_urlencoded("a=1&a=2", 7, &lim, &f), FORM_OK);
    ck_assert_str_eq(form_get(&f, "a")->value, "1");
    form_free(&f);
}
END_TEST

/* -------------------------------------------------------------- multipart */

#define CT "multipart/form-data; boundary=XyZ"
#define PART(name) "--XyZ\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n"
#define END "\r\n--XyZ--\r\n"

static const struct {
    const char *name, *ct, *body;
    enum form_err err;
    const char *want;
} mp_cases[] = {
    { "two_text_fields", CT, PART("a") "1\r\n" PART("b") "中文" END, FORM_OK,
      "a<text/plain>=1|b<text/plain>=中文" },
    { "file_part_with_type", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\nx,y\r\n1,2" END, FORM_OK, "file[a.csv]<text/csv>=x,y\r\n1,2" },
    { "file_part_default_type", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\nZ" END,
      FORM_OK, "f[a.bin]<application/octet-stream>=Z" },
    { "windows_path_stripped_from_filename", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"C:\\Users\\me\\a.csv\"\r\n\r\nZ" END,
      FORM_OK, "f[a.csv]<application/octet-stream>=Z" },
    { "unix_path_stripped_from_filename", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../etc/passwd\"\r\n\r\nZ" END,
      FORM_OK, "f[passwd]<application/octet-stream>=Z" },
    { "dotdot_filename_emptied", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a/..\"\r\n\r\nZ" END,
      FORM_OK, "f[]<application/octet-stream>=Z" },
    { "utf8_filename_kept", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"证件 号码.csv\"\r\n\r\nZ" END,
      FORM_OK, "f[证件 号码.csv]<application/octet-stream>=Z" },
    { "empty_filename_is_file_part", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n" END,
      FORM_OK, "f[]<application/octet-stream>=" },
    { "escaped_quote_in_name", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\\\"b\"\r\n\r\n1" END,
      FORM_OK, "a\"b<text/plain>=1" },
    { "unquoted_name_param", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=plain\r\n\r\n1" END,
      FORM_OK, "plain<text/plain>=1" },
    { "header_names_case_insensitive", CT,
      "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=\"x\"\r\nCONTENT-TYPE: text/plain; charset=utf-8\r\n\r\n1" END,
      FORM_OK, "x<text/plain; charset=utf-8>=1" },
    { "unknown_part_headers_ignored", CT,
      "--XyZ\r\nX-Junk: 1\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1" END,
      FORM_OK, "x<text/plain>=1" },
    { "quoted_boundary_param", "multipart/form-data; boundary=\"a b:c\"",
      "--a b:c\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b:c--",
      FORM_OK, "x<text/plain>=1" },
    { "boundary_after_other_params", "Multipart/Form-Data; charset=utf-8; BOUNDARY=XyZ",
      PART("x") "1" END, FORM_OK, "x<text/plain>=1" },
    { "boundary_of_70_chars",
      "multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789",
      "--0123456789012345678901234567890123456789012345678901234567890123456789\r\n"
      "Content-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n"
      "--0123456789012345678901234567890123456789012345678901234567890123456789--",
      FORM_OK, "x<text/plain>=1" },
    { "preamble_and_epilogue_ignored", CT,
      "This is a preamble\r\n--XyZ not a delimiter\r\n" PART("x") "1" END "epilogue --XyZ\r\n",
      FORM_OK, "x<text/plain>=1" },
    { "bare_lf_line_ends_tolerated", CT,
      "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ\n"
      "Content-Disposition: form-data; name=\"b\"\n\n2\r\n--XyZ--\n",
      FORM_OK, "a<text/plain>=1|b<text/plain>=2\r" },
    { "transport_padding_after_delimiter", CT,
      "--XyZ  \r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--XyZ\t\r\n"
      "Content-Disposition: form-data; name=\"y\"\r\n\r\n2" END,
      FORM_OK, "x<text/plain>=1|y<text/plain>=2" },
    { "boundary_text_not_after_crlf_is_content", CT, PART("x") "a--XyZb" END,
      FORM_OK, "x<text/plain>=a--XyZb" },
    { "value_keeps_inner_crlf", CT, PART("x") "l1\r\nl2\r\n" END,
      FORM_OK, "x<text/plain>=l1\r\nl2\r\n" },
    { "empty_value", CT, PART("x") END, FORM_OK, "x<text/plain>=" },
    { "only_close_delimiter_is_zero_fields", CT, "--XyZ--\r\n", FORM_OK, "" },
    { "max_fields_parts_ok", CT, PART("a") "1\r\n" PART("b") "2\r\n" PART("c") "3\r\n" PART("d") "4" END,
      FORM_OK, "a<text/plain>=1|b<text/plain>=2|c<text/plain>=3|d<text/plain>=4" },

    { "missing_content_type", NULL, PART("x") "1" END, FORM_EMULTIPART, "" },
    { "missing_boundary_param", "multipart/form-data", PART("x") "1" END, FORM_EMULTIPART, "" },
    { "empty_boundary_param", "multipart/form-data; boundary=", PART("x") "1" END, FORM_EMULTIPART, "" },
    { "duplicate_boundary_param", "multipart/form-data; boundary=XyZ; boundary=XyZ",
      PART("x") "1" END, FORM_EMULTIPART, "" },
    { "boundary_over_70_chars",
      "multipart/form-data; boundary=01234567890123456789012345678901234567890123456789012345678901234567890",
      "x", FORM_EMULTIPART, "" },
    { "boundary_with_bad_char", "multipart/form-data; boundary=\"a\x01\"", "x", FORM_EMULTIPART, "" },
    { "unterminated_quoted_boundary", "multipart/form-data; boundary=\"XyZ", PART("x") "1" END,
      FORM_EMULTIPART, "" },
    { "wrong_media_type", "multipart/mixed; boundary=XyZ", PART("x") "1" END, FORM_EMULTIPART, "" },
    { "urlencoded_media_type", "application/x-www-form-urlencoded", "a=1", FORM_EMULTIPART, "" },
    { "empty_body", CT, "", FORM_EMULTIPART, "" },
    { "no_delimiter_in_body", CT, "a=1&b=2", FORM_EMULTIPART, "" },
    { "other_boundary_in_body", CT, "--Other\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--Other--",
      FORM_EMULTIPART, "" },
    { "truncated_no_close_delimiter", CT, PART("x") "123", FORM_EMULTIPART, "" },
    { "truncated_in_headers", CT, "--XyZ\r\nContent-Disposition: form-da", FORM_EMULTIPART, "" },
    { "truncated_after_delimiter", CT, PART("x") "1\r\n--XyZ", FORM_EMULTIPART, "" },
    { "boundary_prefix_followed_by_junk", CT, PART("x") "1\r\n--XyZjunk\r\n" PART("y") "2" END,
      FORM_EMULTIPART, "" },
    { "part_without_content_disposition", CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1" END,
      FORM_EMULTIPART, "" },
    { "part_without_headers", CT, "--XyZ\r\n\r\n1" END, FORM_EMULTIPART, "" },
    { "disposition_without_name", CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1" END,
      FORM_EMULTIPART, "" },
    { "disposition_with_empty_name", CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1" END,
      FORM_EMULTIPART, "" },
    { "disposition_not_form_data", CT, "--XyZ\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\n1" END,
      FORM_EMULTIPART, "" },
    { "unterminated_quoted_name", CT, "--XyZ\r\nContent-Disposition: form-data; name=\"x\r\n\r\n1" END,
      FORM_EMULTIPART, "" },
    { "header_line_without_colon", CT, "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\nbogus\r\n\r\n1" END,
      FORM_EMULTIPART, "" },
    { "duplicate_content_disposition", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\nContent-Disposition: form-data; name=\"y\"\r\n\r\n1" END,
      FORM_EMULTIPART, "" },
    { "invalid_utf8_value", CT, PART("x") "\xc3\x28" END, FORM_EENCODING, "" },
    { "invalid_utf8_name", CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1" END,
      FORM_EENCODING, "" },
    { "invalid_utf8_filename", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\xe4\xb8.csv\"\r\n\r\nZ" END,
      FORM_EENCODING, "" },
    { "control_char_in_filename", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\x01.csv\"\r\n\r\nZ" END,
      FORM_EENCODING, "" },
    { "text_value_over_limit", CT, PART("x") "0123456789abcdefg" END, FORM_ETOOLONG, "" },
    { "file_over_limit", CT,
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n"
      "0123456789012345678901234567890123456789012345678901234567890123X" END, FORM_ETOOLONG, "" },
    { "name_over_64_bytes", CT,
      PART("n0123456789012345678901234567890123456789012345678901234567890123") "1" END,
      FORM_ETOOLONG, "" },
    { "too_many_parts", CT,
      PART("a") "1\r\n" PART("b") "2\r\n" PART("c") "3\r\n" PART("d") "4\r\n" PART("e") "5" END,
      FORM_ETOOMANY, "" },
};

START_TEST(multipart)
{
    struct form f;
    enum form_err e = form_parse_multipart(mp_cases[_i].body, strlen(mp_cases[_i].body),
                                           mp_cases[_i].ct, &lim, &f);
    expect(e, mp_cases[_i].err, &f, mp_cases[_i].want, mp_cases[_i].name);
}
END_TEST

START_TEST(multipart_file_bytes_exact_with_nul)
{
    /* NUL, 0xFF, CR, LF, "--" and the boundary text not after a CRLF are all data */
    static const char body[] =
        "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n\r\n"
        "\0\x01\xff\r\n--Xy\r\n\r\n\n--XyZZ\r" "\r\n--XyZ--";
    static const char want[] = "\0\x01\xff\r\n--Xy\r\n\r\n\n--XyZZ\r";
    struct form f;
    const struct form_field *x;

    ck_assert_int_eq(form_parse_multipart(body, sizeof body - 1, CT, &lim, &f), FORM_OK);
    x = form_get(&f, "f");
    ck_assert_ptr_nonnull(x);
    ck_assert_uint_eq(x->len, sizeof want - 1);
    ck_assert_int_eq(memcmp(x->value, want, x->len), 0);
    ck_assert_int_eq(x->value[x->len], '\0');
    form_free(&f);
}
END_TEST

START_TEST(multipart_text_value_with_nul_rejected)
{
    static const char body[] = PART("x") "a\0b" END;
    struct form f;
    ck_assert_int_eq(form_parse_multipart(body, sizeof body - 1, CT, &lim, &f), FORM_EENCODING);
    ck_assert_uint_eq(f.n, 0);
}
END_TEST

START_TEST(multipart_length_not_nul_bounded)
{
    static const char body[] = PART("x") "1" END "garbage";
    struct form f;
    /* cut inside the body: the closing delimiter is missing */
    ck_assert_int_eq(form_parse_multipart(body, sizeof body - 1 - 7 - 12, CT, &lim, &f),
                     FORM_EMULTIPART);
    ck_assert_int_eq(form_parse_multipart(body, sizeof body - 1 - 7, CT, &lim, &f), FORM_OK);
    expect(FORM_OK, FORM_OK, &f, "x<text/plain>=1", "length");
}
END_TEST

START_TEST(multipart_large_file_binary_roundtrip)
{
    struct form_limits big = { 4, 16, 1u << 20 };
    struct buf b = { 0 };
    struct form f;
    const struct form_field *x;
    size_t i, n = 300000;
    char *data = malloc(n);
    for (i = 0; i < n; i++)
        data[i] = (char)(i * 7 + (i >> 8));
    buf_puts(&b, "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                 "filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    buf_append(&b, data, n);
    buf_puts(&b, "\r\n" PART("t") "ok" END);
    ck_assert_int_eq(form_parse_multipart(b.p, b.len, CT, &big, &f), FORM_OK);
    ck_assert_uint_eq(f.n, 2);
    x = form_get(&f, "file");
    ck_assert_uint_eq(x->len, n);
    ck_assert_int_eq(memcmp(x->value, data, n), 0);
    ck_assert_str_eq(x->filename, "big.bin");
    ck_assert_str_eq(form_get(&f, "t")->value, "ok");
    form_free(&f);
    buf_free(&b);
    free(data);
}
END_TEST

/* ---------------------------------------------------------------- cookies */

static const struct {
    const char *name, *in, *want;
} cookie_cases[] = {
    { "two_cookies", "a=b; c=d", "a=b|c=d" },
    { "no_space_after_semicolon", "a=b;c=d", "a=b|c=d" },
    { "spaces_around_pairs_trimmed", "  a = b ;c=d  ", "a=b|c=d" },
    { "empty_header", "", "" },
    { "pair_without_equals_skipped", "novalue; a=1", "a=1" },
    { "empty_name_skipped", "=x; a=1", "a=1" },
    { "name_with_space_skipped", "a b=1; c=2", "c=2" },
    { "name_with_separator_skipped", "a,b=1; c:d=2; e=3", "e=3" },
    { "value_keeps_equals", "t=a=b", "t=a=b" },
    { "quoted_value_as_is", "q=\"x y\"", "q=\"x y\"" },
    { "percent_not_decoded", "p=%41", "p=%41" },
    { "empty_value_kept", "e=; f=1", "e=|f=1" },
    { "control_char_value_skipped", "a=x\x01y; b=2", "b=2" },
    { "invalid_utf8_value_skipped", "a=\xff; b=2", "b=2" },
    { "utf8_value_kept", "n=中文", "n=中文" },
    { "repeated_names_kept", "s=1; s=2", "s=1|s=2" },
    { "trailing_semicolons", "a=1;;; ", "a=1" },
};

START_TEST(cookies)
{
    struct form f;
    enum form_err e = form_parse_cookies(cookie_cases[_i].in, &f);
    expect(e, FORM_OK, &f, cookie_cases[_i].want, cookie_cases[_i].name);
}
END_TEST

START_TEST(cookies_at_most_32_kept)
{
    struct buf b = { 0 };
    struct form f;
    int i;
    for (i = 0; i < 40; i++)
        buf_printf(&b, "c%d=%d; ", i, i);
    ck_assert_int_eq(form_parse_cookies(b.p, &f), FORM_OK);
    ck_assert_uint_eq(f.n, 32);
    ck_assert_str_eq(f.f[31].name, "c31");
    ck_assert_ptr_null(form_get(&f, "c32"));
    form_free(&f);
    buf_free(&b);
}
END_TEST

START_TEST(cookies_null_header_is_empty)
{
    struct form f;
    ck_assert_int_eq(form_parse_cookies(NULL, &f), FORM_OK);
    ck_assert_uint_eq(f.n, 0);
}
END_TEST

/* ------------------------------------------------------------------ UTF-8 */

static const struct {
    const char *name, *s;
    size_t n;
    int valid;
} utf8_cases[] = {
    { "empty", BIN(""), 1 },
    { "ascii", BIN("hello"), 1 },
    { "two_byte", BIN("\xc3\xa9"), 1 },
    { "chinese", BIN("证件号码"), 1 },
    { "ideographic_space", BIN("\xe3\x80\x80"), 1 },
    { "four_byte_emoji", BIN("\xf0\x9f\x98\x80"), 1 },
    { "max_code_point", BIN("\xf4\x8f\xbf\xbf"), 1 },
    { "last_before_surrogates", BIN("\xed\x9f\xbf"), 1 },
    { "first_after_surrogates", BIN("\xee\x80\x80"), 1 },
    { "nul_rejected", BIN("a\0b"), 0 },
    { "overlong_two_byte_c0", BIN("\xc0\x80"), 0 },
    { "overlong_two_byte_c1", BIN("\xc1\xbf"), 0 },
    { "overlong_three_byte", BIN("\xe0\x80\x80"), 0 },
    { "overlong_three_byte_slash", BIN("\xe0\x80\xaf"), 0 },
    { "overlong_four_byte", BIN("\xf0\x80\x80\x80"), 0 },
    { "surrogate_high", BIN("\xed\xa0\x80"), 0 },
    { "surrogate_low", BIN("\xed\xbf\xbf"), 0 },
    { "above_10ffff", BIN("\xf4\x90\x80\x80"), 0 },
    { "lead_f5", BIN("\xf5\x80\x80\x80"), 0 },
    { "byte_ff", BIN("\xff"), 0 },
    { "lone_continuation", BIN("\x80"), 0 },
    { "truncated_three_byte", BIN("\xe4\xb8"), 0 },
    { "truncated_four_byte", BIN("\xf0\x9f\x98"), 0 },
    { "bad_continuation", BIN("\xe4\x28\xad"), 0 },
    { "gbk_bytes", BIN("\xd6\xa4\xbc\xfe\xba\xc5\xc2\xeb"), 0 },
};

START_TEST(utf8)
{
    ck_assert_msg(utf8_valid(utf8_cases[_i].s, utf8_cases[_i].n) == utf8_cases[_i].valid,
                  "%s", utf8_cases[_i].name);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("form");
    TCase *tc;
    SRunner *sr;
    int failed;

    tc = tcase_create("urlencoded");
    tcase_add_loop_test(tc, urlencoded, 0, N_ELEMS(url_cases));
    tcase_add_test(tc, urlencoded_length_not_nul_bounded);
    tcase_add_test(tc, urlencoded_huge_field_count_rejected_early);
    tcase_add_test(tc, urlencoded_null_limits_use_defaults);
    tcase_add_test(tc, form_get_returns_first_of_repeated);
    suite_add_tcase(s, tc);

    tc = tcase_create("multipart");
    tcase_add_loop_test(tc, multipart, 0, N_ELEMS(mp_cases));
    tcase_add_test(tc, multipart_file_bytes_exact_with_nul);
    tcase_add_test(tc, multipart_text_value_with_nul_rejected);
    tcase_add_test(tc, multipart_length_not_nul_bounded);
    tcase_add_test(tc, multipart_large_file_binary_roundtrip);
    suite_add_tcase(s, tc);

    tc = tcase_create("cookies");
    tcase_add_loop_test(tc, cookies, 0, N_ELEMS(cookie_cases));
    tcase_add_test(tc, cookies_at_most_32_kept);
    tcase_add_test(tc, cookies_null_header_is_empty);
    suite_add_tcase(s, tc);

    tc = tcase_create("utf8");
    tcase_add_loop_test(tc, utf8, 0, N_ELEMS(utf8_cases));
    suite_add_tcase(s, tc);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
