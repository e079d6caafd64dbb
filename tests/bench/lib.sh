# shellcheck shell=bash
# tests/bench/lib.sh — sourced by tests/bench/run and the bench-* scripts: wrk runs,
# medians, ratios (awk, never asserted) and the summary lines that `run` prints as one
# table at the end of `make bench` (issue 15 item 5).
#
# The summary: `run` sets BENCH_SUMMARY to a file; every measure with a goal appends one
# line of five tab-separated fields (summary_line does it; $BENCH_SUMMARY unset: nothing):
#     measure <TAB> portal figure <TAB> reference figure <TAB> ratio <TAB> goal

# summary_line MEASURE PORTAL REFERENCE RATIO GOAL
summary_line() {
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"${BENCH_SUMMARY:-/dev/null}"
}

# ratio A B [DECIMALS]: A/B, or n/a
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-3}" 'BEGIN { if (b > 0) printf "%.*f", d, a / b; else print "n/a" }'; }

# median X Y Z ...: the median of the numbers (the lower middle one of an even count)
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

# ms TEXT: a wrk latency (e.g. 812.00us, 3.21ms, 1.02s) in milliseconds
ms() {
    awk -v t="$1" 'BEGIN {
        if (t ~ /us$/) { sub(/us$/, "", t); printf "%.2f", t / 1000 }
        else if (t ~ /ms$/) { sub(/ms$/, "", t); printf "%.2f", t }
        else if (t ~ /m$/) { sub(/m$/, "", t); printf "%.2f", t * 60000 }
        else if (t ~ /s$/) { sub(/s$/, "", t); printf "%.2f", t * 1000 }
        else print "n/a" }'
}

# thousands N: 12345.6 -> 12,346
thousands() { awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); o = ""
    while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
    print s o }'; }

# wrk_run URL OUTFILE [wrk args...]: wrk with the bench's threads, connections and
# duration; prints "requests/s p99-in-ms" (warns on non-2xx/3xx answers).
wrk_run() {
    local url=$1 out=$2 rps p99 non2xx
    shift 2
    wrk -t"${BENCH_THREADS:-2}" -c"${BENCH_CONNECTIONS:-16}" -d"${BENCH_DURATION:-10s}" --latency "$@" "$url" >"$out" 2>&1 || true
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    [[ -n $rps ]] || { echo "bench: wrk failed for $url:" >&2; cat "$out" >&2; return 1; }
    [[ -z $non2xx ]] || echo "bench: warning: $url: $non2xx non-2xx/3xx responses" >&2
    printf '%s %s\n' "$rps" "$(ms "$p99")"
}

# summary_table FILE: the summary lines as one table (measure | portal | reference |
# ratio | goal), columns padded to their display width (a CJK character is two columns).
summary_table() {
    [[ -s $1 ]] || { echo "(no measures)"; return 0; }
    LC_ALL=C awk -F'\t' '
        function w(s,   n, i, c) {   # display width of UTF-8 text, bytewise
            n = 0
            for (i = 1; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c < "\200" || c > "\277") n++          # not a continuation byte
                if (c >= "\343" && c <= "\351") n++        # U+3000-U+9FFF: CJK, two columns
                if (c == "\357" && substr(s, i + 1, 1) >= "\274" && substr(s, i + 1, 1) <= "\275") n++  # fullwidth forms
            }
            return n
        }
        function pad(s, n) { while (w(s) < n) s = s " "; return s }
        BEGIN { split("measure|portal|reference|ratio|goal", head, "|")
                for (j = 1; j <= 5; j++) { cell[0, j] = head[j]; width[j] = w(head[j]) } }
        NF >= 5 { rows++; for (j = 1; j <= 5; j++) { cell[rows, j] = $j; if (w($j) > width[j]) width[j] = w($j) } }
        END {
            for (r = 0; r <= rows; r++) {
                line = "|"
                for (j = 1; j <= 5; j++) line = line " " pad(cell[r, j], width[j]) " |"
                print line
                if (r == 0) {
                    line = "|"
                    for (j = 1; j <= 5; j++) { d = ""; while (length(d) < width[j] + 2) d = d "-"; line = line d "|" }
                    print line
                }
            }
        }' "$1"
}
