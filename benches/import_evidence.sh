#!/usr/bin/env bash
# Measures `svs import evidence` at scale: for each size N (rows) it generates one tidy CSV
# of N rows (ten per record: a relationship in a quarter, with availability, capacity, two
# service levels, a security control, an outcome, two spend lines, one quoted with a
# comma, a credit and a perception score; 100 relationships per quarter, as many quarters
# as it takes), then measures, with GNU time, the import to a new file. It prints CPU and
# wall time, peak memory, the time per row, and with two sizes or more the time ratio of
# each size to the one before, which stays near the ratio of the sizes when the work is
# linear in the rows.
#
#   bash benches/import_evidence.sh                 # N = 100000 200000 400000
#   bash benches/import_evidence.sh 1000000
#
# Each figure is the fastest of REPEAT runs (default 3). Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 200000 400000)
cargo build --release --quiet --bin svs
bin=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure COMMAND...: "cpu_seconds wall_seconds peak_kb" of the fastest of $REPEAT runs.
measure() {
    local runs=${REPEAT:-3} best= line
    for i in $(seq "$runs"); do
        rm -f "$work/out.yaml"
        /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$@" > /dev/null 2>&1
        line=$(tail -n 1 "$work/time" | awk '{ printf "%.3f %.3f %d\n", $1 + $2, $3, $4 }')
        if [ -z "$best" ] || awk -v a="$line" -v b="$best" \
            'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[2] < y[2]) }'; then
            best=$line
        fi
    done
    echo "$best"
}

# gen_rows N FILE: N rows, ten per record.
gen_rows() {
    awk -v n="$1" 'BEGIN {
        print "relationship,period,kind,name,value,category,min,max,responses"
        for (i = 0; i < n; i++) {
            record = int(i / 10); r = record % 100; q = int(record / 100)
            rel = sprintf("relationship-%03d", r)
            period = sprintf("%04d-Q%d", 2000 + int(q / 4), q % 4 + 1)
            k = i % 10
            if (k == 0) printf "%s,%s,availability,,99.%d,,,,\n", rel, period, i % 100
            else if (k == 1) printf "%s,%s,capacity,concurrent-users,%d,,,,\n", rel, period, 4000 + i % 1000
            else if (k == 2) printf "%s,%s,service_level,first-response-hours,%d.5,,,,\n", rel, period, i % 8
            else if (k == 3) printf "%s,%s,service_level,resolution-hours,%d,,,,\n", rel, period, 8 + i % 16
            else if (k == 4) printf "%s,%s,security_failed,mfa,%s,,,,\n", rel, period, (i % 7 ? "false" : "true")
            else if (k == 5) printf "%s,%s,outcome,staff-reachable,true,,,,\n", rel, period
            else if (k == 6) printf "%s,%s,spend,\"per-user fee, %s\",%d.25,price,,,\n", rel, period, period, 90000 + i % 5000
            else if (k == 7) printf "%s,%s,spend,training,%d,training,,,\n", rel, period, i % 900
            else if (k == 8) printf "%s,%s,credit,availability credit,%d,,,,\n", rel, period, i % 1500
            else printf "%s,%s,perception,user,%d.%d,,1,5,%d\n", rel, period, 1 + i % 4, i % 10, 1 + i % 300
        }
    }' > "$2"
}

printf '%-9s %-9s %9s %9s %10s %10s %9s\n' rows size cpu_s wall_s peak_MiB us_per_row x_before
previous= previous_n=
for n in "${sizes[@]}"; do
    gen_rows "$n" "$work/rows-$n.csv"
    mb=$(wc -c < "$work/rows-$n.csv" | awk '{ printf "%.1f", $1 / 1e6 }')
    read -r cpu wall kb < <(measure "$bin/svs" import evidence "$work/rows-$n.csv" -o "$work/out.yaml" -q)
    ratio=-
    if [ -n "$previous" ]; then
        ratio=$(awk -v a="$wall" -v b="$previous" -v m="$n" -v p="$previous_n" \
            'BEGIN { printf "%.2f (rows %.2f)", a / b, m / p }')
    fi
    printf '%-9s %-9s %9.3f %9.3f %10.1f %10.2f %s\n' "$n" "$mb MB" "$cpu" "$wall" \
        "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" \
        "$(awk -v w="$wall" -v m="$n" 'BEGIN { print w * 1e6 / m }')" "$ratio"
    previous=$wall previous_n=$n
done
