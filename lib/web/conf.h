/*
 * conf — the portal's configuration (ClearSilver HDF files, trusted input only)
 * and the business clock. Shared by the pages, the worker and the admin CLI.
 */
#ifndef PORTAL_CONF_H
#define PORTAL_CONF_H
#include <ClearSilver.h>
#include "store/store.h"
#include "rules/rules.h"

/* Loads the configuration: the file named by `path`, else $PORTAL_CONF, else
 * conf/portal.hdf. Gives *out (free with hdf_destroy). Returns 0, or -1 with a
 * message on stderr. */
int conf_load(HDF **out, const char *path);

/* Fills cfg from Db.*; strings are lent by hdf (valid while hdf lives). */
void conf_store(HDF *hdf, struct store_config *cfg);
/* Policy knobs of spec §4 (Policy.*), defaults from policy_default(). */
void conf_policy(HDF *hdf, struct policy *p);
/* Opens the store from the configuration; logs failures to stderr. */
int conf_open_store(HDF *hdf, struct store **out);

/* The business "now" (Asia/Shanghai): Clock.TodayFile if set and readable,
 * else $PORTAL_TODAY, else the real clock. Returns 0, or -1 if an override is
 * malformed (then *now is the real clock and a line is logged). */
int conf_business_now(HDF *hdf, struct portal_dt *now);
/* The real clock as unix seconds (sessions, throttling, retention). */
time_t conf_real_now(void);

#endif
