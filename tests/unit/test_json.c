/*
 * Unit tests of the store's JSON writer (store/json.h): string escaping
 * (quote, backslash, every control character, non-ASCII UTF-8 as it is),
 * commas and nesting, and the refusals (buffer too small, unbalanced calls).
 */
#include <stdio.h>
#include <string.h>

#include "store/json.h"
#include "unit.h"


static const struct { const char *in, *want; } escape_cases[] = {
    {"", "\"\""},
    {"plain", "\"plain\""},
    {"王\"经办\"人", "\"王\\\"经办\\\"人\""},
    {"a\\b", "\"a\\\\b\""},
    {"\\\"", "\"\\\\\\\"\""},
    {"tab\there", "\"tab\\there\""},
    {"line\nbreak\r\n", "\"line\\nbreak\\r\\n\""},
    {"\b\f", "\"\\b\\f\""},
    {"\x01\x1f", "\"\\u0001\\u001f\""},
    {"\x7f", "\"\x7f\""},                            /* DEL needs no escape */
    {"张三·阿卜杜", "\"张三·阿卜杜\""},              /* UTF-8 passed through */
    {"😀", "\"😀\""},                                /* 4-byte UTF-8 */
    {"</script>", "\"</script>\""},
    {"'single'", "\"'single'\""},
};

START_TEST(json_string_escaping)
{
    char buf[128];
    struct json j;

    json_init(&j, buf, sizeof buf);
    json_str(&j, escape_cases[_i].in);
    ck_assert_int_eq(json_end(&j), 0);
    ck_assert_str_eq(buf, escape_cases[_i].want);
}
END_TEST

/* Every control character is escaped, none is copied raw. */
START_TEST(json_every_control_character_escaped)
{
    char in[2] = {0, 0}, buf[16];
    struct json j;

    for (int c = 1; c < 0x20; c++) {
        in[0] = (char)c;
        json_init(&j, buf, sizeof buf);
        json_str(&j, in);
        ck_assert_int_eq(json_end(&j), 0);
        ck_assert_msg(buf[1] == '\\', "0x%02x: %s", c, buf);
        for (const char *p = buf; *p; p++)
            ck_assert_msg((unsigned char)*p >= 0x20, "0x%02x copied raw", c);
    }
}
END_TEST

START_TEST(json_objects_arrays_and_commas)
{
    char buf[256];
    struct json j;

    json_init(&j, buf, sizeof buf);
    json_object(&j);
    json_kstr(&j, "start_month", "2022-05");
    json_kint(&j, "months", 4);
    json_key(&j, "types");
    json_array(&j);
    json_str(&j, "310");
    json_str(&j, "330");
    json_close(&j);
    json_key(&j, "empty");
    json_array(&j);
    json_close(&j);
    json_key(&j, "nested");
    json_object(&j);
    json_kint(&j, "n", -12);
    json_kstr(&j, "null", NULL);
    json_kbool(&j, "yes", 2);
    json_kbool(&j, "no", 0);
    json_close(&j);
    json_close(&j);
    ck_assert_int_eq(json_end(&j), 0);
    ck_assert_str_eq(buf, "{\"start_month\":\"2022-05\",\"months\":4,\"types\":[\"310\",\"330\"],"
                          "\"empty\":[],\"nested\":{\"n\":-12,\"null\":null,\"yes\":true,"
                          "\"no\":false}}");
}
END_TEST

START_TEST(json_keys_are_escaped)
{
    char buf[64];
    struct json j;

    json_init(&j, buf, sizeof buf);
    json_object(&j);
    json_kint(&j, "a\"b", 1);
    json_close(&j);
    ck_assert_int_eq(json_end(&j), 0);
    ck_assert_str_eq(buf, "{\"a\\\"b\":1}");
}
END_TEST

/* The exact fit works, one byte less is refused and leaves "". */
START_TEST(json_buffer_too_small)
{
    const char *want = "{\"k\":\"v\\\"\"}";
    size_t need = strlen(want) + 1;
    char buf[32];
    struct json j;

    for (size_t cap = need - 1; cap <= need; cap++) {
        memset(buf, 'x', sizeof buf);
        json_init(&j, buf, cap);
        json_object(&j);
        json_kstr(&j, "k", "v\"");
        json_close(&j);
        if (cap < need) {
            ck_assert_int_eq(json_end(&j), -1);
            ck_assert_str_eq(buf, "");
        } else {
            ck_assert_int_eq(json_end(&j), 0);
            ck_assert_str_eq(buf, want);
        }
    }
}
END_TEST

enum misuse { M_UNCLOSED, M_EXTRA_CLOSE, M_KEY_IN_ARRAY, M_VALUE_WITHOUT_KEY, M_TWO_KEYS,
              M_KEY_WITHOUT_VALUE, M_TWO_TOP_VALUES, M_EMPTY, M_TOO_DEEP };

static const struct { const char *name; enum misuse m; } misuse_cases[] = {
    {"unclosed object", M_UNCLOSED},
    {"close without open", M_EXTRA_CLOSE},
    {"key in an array", M_KEY_IN_ARRAY},
    {"value in an object without a key", M_VALUE_WITHOUT_KEY},
    {"two keys in a row", M_TWO_KEYS},
    {"key without a value", M_KEY_WITHOUT_VALUE},
    {"two top-level values", M_TWO_TOP_VALUES},
    {"nothing written", M_EMPTY},
    {"nesting deeper than JSON_MAX_DEPTH", M_TOO_DEEP},
};

START_TEST(json_unbalanced_calls_refused)
{
    char buf[128];
    struct json j;

    json_init(&j, buf, sizeof buf);
    switch (misuse_cases[_i].m) {
    case M_UNCLOSED: json_object(&j); break;
    case M_EXTRA_CLOSE: json_str(&j, "x"); json_close(&j); break;
    case M_KEY_IN_ARRAY: json_array(&j); json_key(&j, "k"); json_int(&j, 1); json_close(&j); break;
    case M_VALUE_WITHOUT_KEY: json_object(&j); json_int(&j, 1); json_close(&j); break;
    case M_TWO_KEYS: json_object(&j); json_key(&j, "a"); json_kint(&j, "b", 1); json_close(&j); break;
    case M_KEY_WITHOUT_VALUE: json_object(&j); json_key(&j, "a"); json_close(&j); break;
    case M_TWO_TOP_VALUES: json_int(&j, 1); json_int(&j, 2); break;
    case M_EMPTY: break;
    case M_TOO_DEEP:
        for (int d = 0; d <= JSON_MAX_DEPTH; d++)
            json_array(&j);
        for (int d = 0; d <= JSON_MAX_DEPTH; d++)
            json_close(&j);
        break;
    }
    ck_assert_msg(json_end(&j) == -1, "%s accepted: %s", misuse_cases[_i].name, buf);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* ---- reading (json_read_flat) ---- */

static int flat_line(void *arg, const char *key, int index, const char *sub, const char *value)
{
    char *out = arg, line[256];
    snprintf(line, sizeof line, "%s[%d].%s=%s;", key, index, sub ? sub : "-",
             value ? value : "(null)");
    if (strlen(out) + strlen(line) < 1024)
        strcat(out, line);
    return 0;
}

static const struct { const char *doc; int rc; const char *flat; } read_cases[] = {
    {"{}", 0, ""},
    {"{\"a\":\"x\",\"n\":12,\"z\":null}", 0, "a[-1].-=x;n[-1].-=12;z[-1].-=(null);"},
    {" { \"l\" : [ \"1\", \"2\" ] } ", 0, "l[0].-=1;l[1].-=2;"},
    /* MariaDB's JSON_OBJECT / JSON_ARRAYAGG spacing (the stop's before data) */
    {"{\"enrolments\": [{\"type\": \"310\", \"end_date\": null}, {\"type\": \"330\", \"end_date\": \"2022-09-30\"}]}",
     0, "enrolments[0].type=310;enrolments[0].end_date=(null);enrolments[1].type=330;enrolments[1].end_date=2022-09-30;"},
    {"{\"o\":{\"a\":1,\"deep\":{\"x\":2}},\"b\":true}", 0, "o[-1].a=1;b[-1].-=true;"},
    {"{\"l\":[[1,2],{\"a\":[3]},4]}", 0, "l[2].-=4;"},
    {"{\"s\":\"\\\"\\\\\\n\\u5f20\\ud83d\\ude00\"}", 0, "s[-1].-=\"\\\n\xe5\xbc\xa0\xf0\x9f\x98\x80;"},
    {"", -1, ""},
    {"[1]", -1, ""},
    {"{\"a\":1", -1, "a[-1].-=1;"},
    {"{\"a\" 1}", -1, ""},
    {"{\"a\":\"x}", -1, ""},
    {"{\"a\":1} x", -1, "a[-1].-=1;"},
    {"{a:1}", -1, ""},
};

START_TEST(json_read_flat_scalars)
{
    char out[1024] = "";
    ck_assert_int_eq(json_read_flat(read_cases[_i].doc, flat_line, out), read_cases[_i].rc);
    ck_assert_str_eq(out, read_cases[_i].flat);
}
END_TEST

/* What the writer writes, the reader reads back. */
START_TEST(json_read_flat_round_trip)
{
    char buf[256], out[1024] = "";
    struct json j;
    json_init(&j, buf, sizeof buf);
    json_object(&j);
    json_kstr(&j, "name", "张\"三\n");
    json_key(&j, "types");
    json_array(&j);
    json_str(&j, "310");
    json_str(&j, NULL);
    json_close(&j);
    json_kint(&j, "n", -7);
    json_close(&j);
    ck_assert_int_eq(json_end(&j), 0);
    ck_assert_int_eq(json_read_flat(buf, flat_line, out), 0);
    ck_assert_str_eq(out, "name[-1].-=张\"三\n;types[0].-=310;types[1].-=(null);n[-1].-=-7;");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json");

    loop(s, "json_string_escaping", json_string_escaping, N_(escape_cases));
    loop(s, "json_every_control_character_escaped", json_every_control_character_escaped, 1);
    loop(s, "json_objects_arrays_and_commas", json_objects_arrays_and_commas, 1);
    loop(s, "json_keys_are_escaped", json_keys_are_escaped, 1);
    loop(s, "json_buffer_too_small", json_buffer_too_small, 1);
    loop(s, "json_unbalanced_calls_refused", json_unbalanced_calls_refused, N_(misuse_cases));
    loop(s, "json_read_flat_scalars", json_read_flat_scalars, N_(read_cases));
    loop(s, "json_read_flat_round_trip", json_read_flat_round_trip, 1);
    return run_suite(s);
}
