/*
 * beyond — the operations spec §7a adds beyond the deck. Pure decisions; the
 * store gathers the facts and writes what is decided.
 *
 * 补缴删除 (/backpay): which back-paid months of an enrolment may be deleted
 * and where its start moves. Facts: the months of ONE enrolment (its start
 * month on) that this unit charged, ascending, each with whether it is a
 * 补缴 month created in the current declaration period; the run the clerk
 * asked for (from..to); C; the enrolment's end month (or none).
 */
#ifndef PORTAL_RULES_BEYOND_H
#define PORTAL_RULES_BEYOND_H

#include <stddef.h>
#include "rules/messages.h"
#include "rules/backpay.h"

/* One month this unit charged for the enrolment. */
struct charged_month {
    int month;          /* ym */
    int backpay;        /* 1: its rows are 补缴 (else 正常应缴) */
    int this_period;    /* 1: created in the current declaration period */
};

struct backpay_delete_in {
    const struct charged_month *months;  /* ascending by month, each month once */
    size_t n;
    int from, to;       /* the run asked for (ym, inclusive) */
    int C;              /* the current declaration month */
    int ended_before_C; /* 1: the enrolment has an end date before the 1st of C */
};

struct backpay_delete_out {
    int ndelete;        /* months of the run that are deleted (charged months in from..to) */
    int new_start;      /* the enrolment's start after the deletion (ym) */
    int remove;         /* 1: every month deleted and the enrolment ended before C:
                           its rows are removed instead (spec §7a) */
};

/*
 * The decision, in this order (the first that fails decides):
 *   from > to, or no 补缴 month at all in from..to    MSG_BACKPAY_DELETE_NONE
 *   from is not the enrolment's first charged month,
 *   or that month is not a 补缴 one                    MSG_BACKPAY_DELETE_NOT_FIRST
 *   a charged month of from..to is not a 补缴 month of
 *   the current period (already collected)            MSG_BACKPAY_DELETE_EARLIER
 * On MSG_OK *out says what to do: the start moves to the first charged month
 * after `to`, or to C when none is left; when none is left and the enrolment
 * ended before C, remove = 1 (its start would pass its end).
 */
enum msg_id backpay_delete_decide(const struct backpay_delete_in *in,
                                  struct backpay_delete_out *out);

/*
 * 单独补缴 (/backpay/add): may months from S on be back-paid for a person
 * normally insured in this unit whose enrolment starts at `start`? Facts:
 */
struct backpay_add_facts {
    int S;                  /* the new start month asked for (ym) */
    int C;                  /* the current declaration month */
    int backpay_max;        /* policy: months of back-payment at most */
    int base_records;       /* 0, 1 or 2 (= several) */
    int insured_here;       /* normally insured in this unit for C (kind 在职) */
    int start;              /* that enrolment's start month */
    int insured_elsewhere;  /* another unit's (or a 灵活就业) enrolment is normally
                               insured in some month of S..start-1 */
};

/*
 * In this order (the first that fails decides; the window and the ID are
 * checked before, as in §5):
 *   S earlier than C - backpay_max             MSG_ENROLL_TOO_EARLY (§5's rule)
 *   several base records                       MSG_DUPLICATE_BASE
 *   none, or not normally insured here         MSG_STOP_NOT_INSURED
 *   S not before the enrolment's start         MSG_BACKPAY_ADD_NONE
 *   another unit insured in a month of S..     MSG_ENROLL_INSURED_ELSEWHERE
 * else MSG_OK: the months S..start-1 are assessed (those already charged
 * skipped; none left is MSG_BACKPAY_ADD_NONE too).
 */
enum msg_id backpay_add_decide(const struct backpay_add_facts *f);

/*
 * 零星基数调整 (/wages/adjust): one person's declared wage corrected from
 * month F. In this order:
 *   F later than C                                 MSG_ADJUST_LATE
 *   F before January of the year of C-1            MSG_ADJUST_EARLY
 *   several base records                           MSG_DUPLICATE_BASE
 *   none, or not normally insured here for C       MSG_STOP_NOT_INSURED
 *   F before the enrolment's start                 MSG_ADJUST_BEFORE_START
 */
struct adjust_facts {
    int F, C;
    int base_records;       /* 0, 1 or 2 (= several) */
    int insured_here;
    int start;              /* the enrolment's start month */
};
enum msg_id adjust_decide(const struct adjust_facts *f);

/* What this unit's rows of one (month, type) of the person add up to (every
 * payment type: 正常应缴 or 补缴, and earlier 补差). */
struct adjust_have {
    int month, type_code;
    long long wage_fen, base_fen, unit_fen, person_fen, account_fen;
};

/* One 补差 row: the amount at the new wage minus what the rows hold. */
struct adjust_row {
    int month, type_code;
    long long wage_fen;     /* the new declared wage minus the rows' */
    long long base_fen;     /* the clamped base minus the rows' (the difference of the bases) */
    struct amounts a;       /* negative = 退费 */
};

/*
 * For every have[i] (the months F..C-1 this unit charged): the month's
 * amounts at wage_fen clamped to its limits and at its rate of the type
 * (charge_month), minus have[i]; a (month, type) whose unit, person and
 * account differences are all zero gives no row. Rows go to rows[0..max),
 * in have's order; *nrows says how many. CHARGE_OK, CHARGE_ENOLIMIT or
 * CHARGE_ENORATE (*bad_month), CHARGE_ETOOMANY.
 */
enum charge_err adjust_differences(const struct ref_tables *t, long long wage_fen,
                                   const struct adjust_have *have, size_t n,
                                   struct adjust_row *rows, size_t max, size_t *nrows,
                                   int *bad_month);

/*
 * 撤销本期增员 / 撤销本期减员 (/declarations/ID/undo). In this order (the
 * window is checked before, as everywhere):
 *   not an 增员 or a 减员                    MSG_UNDO_NOT_REVERSIBLE
 *   already withdrawn                        MSG_UNDO_DONE
 *   of an earlier declaration period          MSG_UNDO_NOT_THIS_PERIOD
 *   its enrolment rows are gone (or ended    MSG_UNDO_GONE
 *   otherwise since)
 *   an 增员 with a settled month (正常应缴)    MSG_UNDO_SETTLED
 *   a 减员 after which the person was          MSG_UNDO_ENROLLED_SINCE
 *   enrolled again (another unit or this one)
 */
enum undo_kind { UNDO_OTHER = 0, UNDO_ENROL, UNDO_STOP };

struct undo_facts {
    enum undo_kind kind;
    int period, C;          /* the declaration's period and the current one */
    int withdrawn;          /* a 撤销 declaration points at it */
    int rows;               /* the enrolment rows it made (增员) or ended (减员) still there */
    int settled;            /* 增员: a month of the enrolment charged 正常应缴 */
    int enrolled_since;     /* 减员: an enrolment of the person made after it */
};
enum msg_id undo_decide(const struct undo_facts *f);

/* The guided reverse operation of a declaration (spec §7a). */
enum reverse_op {
    REVERSE_NONE = 0,
    REVERSE_UNDO,           /* /declarations/ID/undo: an 增员 or a 减员 of the current period */
    REVERSE_STOP_OR_DELETE, /* an earlier 增员: 减员 at C-1, or 补缴删除 */
    REVERSE_EDIT,           /* an info change: the edit form with the old values */
    REVERSE_ADJUST          /* a 零星基数调整: the same page with the old wage */
};
/* type: the declaration's type; this_period: its period is C; adjust: a
 * 缴费申报与变更 made by 零星基数调整 (not the annual declaration). */
enum reverse_op reverse_of(const char *type, int this_period, int adjust);

#endif
