#!/usr/bin/env bash
# Measures svs at scale: for each size N (offerings), generates a catalogue, then times
# and measures peak memory of (1) the bare YAML deserialisation of the file into a
# generic value (examples/bare_parse.rs), (2) `svs lint`, (3) `svs assess --format json`,
# and prints throughput and the ratios to the bare parse.
#
#   bash benches/scale.sh                 # N = 1000 10000 100000
#   bash benches/scale.sh 1000 10000      # chosen sizes
#   FILES=64 bash benches/scale.sh 10000  # a directory of 64 files instead of one file
#
# Times are CPU seconds (user + system), which a busy machine disturbs less than wall
# time; wall time is shown too. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
cargo build --release --quiet --bin svs --example gen_catalogue --example bare_parse
# Cargo puts its builds under $CARGO_TARGET_DIR when it is set.
bin=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME COMMAND...: prints "cpu_seconds wall_seconds peak_kb"
measure() {
    /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$@" > /dev/null
    awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }' "$work/time"
}

printf '%-8s %-9s %-8s %10s %10s %9s %10s %8s\n' offerings size step cpu_s wall_s MB/s peak_MiB ratio
for n in "${sizes[@]}"; do
    target="$work/catalogue-$n"
    if [ -n "${FILES:-}" ]; then
        "$bin/examples/gen_catalogue" "$n" "$target" --files "$FILES"
        bytes=$(cat "$target"/*.yaml | wc -c)
        # The yardstick parses the files one after the other.
        parse_cmd=(sh -c 'for f in "$0"/*.yaml; do "$1" "$f"; done' "$target" "$bin/examples/bare_parse")
    else
        target="$target.yaml"
        "$bin/examples/gen_catalogue" "$n" "$target"
        bytes=$(wc -c < "$target")
        parse_cmd=("$bin/examples/bare_parse" "$target")
    fi
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    read -r parse_cpu parse_wall parse_kb < <(measure "${parse_cmd[@]}")
    for step in parse lint assess; do
        case $step in
            parse) cpu=$parse_cpu wall=$parse_wall kb=$parse_kb ;;
            lint) read -r cpu wall kb < <(measure "$bin/svs" lint "$target") || true ;;
            assess) read -r cpu wall kb < <(measure "$bin/svs" assess "$target" --format json) ;;
        esac
        awk -v n="$n" -v mb="$mb" -v step="$step" -v cpu="$cpu" -v wall="$wall" -v kb="$kb" -v base="$parse_cpu" \
            'BEGIN { printf "%-8s %-9s %-8s %10.2f %10.2f %9.1f %10.1f %8.2f\n", n, mb " MB", step, cpu, wall, mb / cpu, kb / 1024, cpu / base }'
    done
done
