/*
 * rules — the insurance rules library (build/librules.a): pure C, no I/O,
 * no globals, no floating point. Money is integer fen, rates basis points,
 * months ym = y*12 + (m-1). Include this one header.
 */
#ifndef PORTAL_RULES_H
#define PORTAL_RULES_H

#include "rules/calendar.h"
#include "rules/money.h"
#include "rules/idcard.h"
#include "rules/policy.h"
#include "rules/insurance.h"
#include "rules/messages.h"
#include "rules/decide.h"
#include "rules/enrolment.h"
#include "rules/backpay.h"
#include "rules/hygiene.h"
#include "rules/info.h"
#include "rules/report.h"
#include "rules/beyond.h"
#include "rules/account.h"

#endif
