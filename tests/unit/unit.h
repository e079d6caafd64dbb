/*
 * unit — what every Check unit test binary repeats: a test case per rule
 * (a table-driven loop over its cases) and main's run of the suite.
 */
#ifndef PORTAL_TESTS_UNIT_H
#define PORTAL_TESTS_UNIT_H

#include <check.h>
#include <stdlib.h>

#define N_(a) (sizeof(a) / sizeof((a)[0]))

/* A test case `name` running t for _i = 0..n-1. */
static inline void loop(Suite *s, const char *name, const TTest *t, int n)
{
    TCase *tc = tcase_create(name);
    tcase_add_loop_test(tc, t, 0, n);
    suite_add_tcase(s, tc);
}

/* Runs s, prints Check's summary, frees the runner; main's exit status. */
static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
