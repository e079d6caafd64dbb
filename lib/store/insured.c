/* insured — the parameters of the four conditions; see insured.h. */
#include "store/insured.h"

void insured_for_start(struct sbind *in, int start_ym)
{
    sb_month(in, start_ym);
}

void insured_at_end(struct sbind *in, struct ymd end)
{
    sb_date(in, end);
    sb_date(in, end);
}

void insured_covering_month(struct sbind *in, int ym)
{
    sb_month(in, ym);
    sb_date(in, month_last_day(ym));
}
