# 单位网厅 — what conf/stack and conf/install share (sourced; needs ROOT set).

say()  { printf '%s\n' "$*"; }
warn() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die()  { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# Programs named in conf/routes, each once, in order of appearance.
route_programs() {
    awk '!/^[[:space:]]*(#|$)/ { p = $NF; if (!(p in seen)) { seen[p] = 1; print p } }' "$ROOT/conf/routes"
}

# gen_locations SOCKDIR STATIC_ROOT PARAMS_FILE SNIPPET_PATH: the include-able snippet.
gen_locations() {
    local sockdir=$1 static_root=$2 params=$3 snippet=$4 locs="" match prog line fields
    while read -r line; do
        [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
        read -r -a fields <<<"$line"
        (( ${#fields[@]} >= 2 )) || die "conf/routes: bad line '$line'"
        prog=${fields[-1]}
        match=${fields[*]:0:${#fields[@]}-1}
        locs+="location $match {"$'\n'
        locs+="    include $params;"$'\n'
        locs+="    fastcgi_pass unix:$sockdir/$prog.sock;"$'\n'
        locs+="}"$'\n'
    done <"$ROOT/conf/routes"
    # security-headers.conf lies next to fastcgi_params (conf/nginx/, PREFIX/conf/nginx/)
    awk -v locs="$locs" -v sr="$static_root" -v sd="$sockdir" -v sp="$snippet" \
        -v sh="${params%/*}/security-headers.conf" '
        { gsub(/@STATIC_ROOT@/, sr); gsub(/@SOCKDIR@/, sd); gsub(/@SNIPPET_PATH@/, sp)
          gsub(/@SECURITY_HEADERS@/, sh) }
        /^@PROGRAM_LOCATIONS@$/ { printf "%s", locs; next }
        { print }' "$ROOT/conf/nginx/portal-locations.conf.in"
}
