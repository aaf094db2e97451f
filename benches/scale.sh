#!/usr/bin/env bash
# Measures svs at scale: for each size N (offerings), generates a catalogue, then times
# and measures peak memory of (1) the bare YAML deserialisation of the file into a
# generic value (examples/bare_parse.rs), (2) `svs lint`, (3) `svs assess --format json`,
# and prints throughput and the ratios to the bare parse.
#
#   bash benches/scale.sh                 # N = 1000 10000 100000
#   bash benches/scale.sh 1000 10000      # chosen sizes
#   FILES=64 bash benches/scale.sh 10000  # a directory of 64 files instead of one file
#   bash benches/scale.sh --import 10000  # `svs import backstage` on N generated components
#
# Times are CPU seconds (user + system), which a busy machine disturbs less than wall
# time; wall time is shown too. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

import=
if [ "${1:-}" = --import ]; then
    import=1
    shift
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
cargo build --release --quiet --bin svs --example gen_catalogue --example bare_parse
# Cargo puts its builds under $CARGO_TARGET_DIR when it is set.
bin=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME COMMAND...: prints "cpu_seconds wall_seconds peak_kb"
measure() {
    /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$@" > /dev/null || :
    # The last line: GNU time writes "Command exited with non-zero status" first when
    # the command fails (svs lint finds what an imported catalogue still lacks).
    tail -n 1 "$work/time" | awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }'
}

# gen_backstage N DIR: a Backstage tree of N components, one file per team of ten, with
# users, a system per team, and each component providing an API and consuming the APIs of
# the two next teams (so every consumption crosses owners).
gen_backstage() {
    mkdir -p "$2"
    awk -v n="$1" -v dir="$2" 'BEGIN {
        teams = int((n + 9) / 10)
        for (t = 0; t < teams; t++) {
            f = sprintf("%s/team-%06d.yaml", dir, t)
            printf "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-%d\nspec:\n  type: team\n  parent: org\n  children: []\n", t > f
            printf "---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: lead-%d\nspec:\n  memberOf: [team-%d]\n", t, t > f
            printf "---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-%d\nspec:\n  owner: team-%d\n", t, t > f
            for (c = t * 10; c < (t + 1) * 10 && c < n; c++) {
                a = (c + 10) % n; b = (c + 20) % n
                printf "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: component-%d\n  title: Component %d\nspec:\n  type: service\n  lifecycle: production\n  owner: team-%d\n  system: system-%d\n  providesApis: [api-%d]\n  consumesApis: [api-%d, api-%d]\n", c, c, t, t, c, a, b > f
                printf "---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: api-%d\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-%d\n  definition: \"{}\"\n", c, t > f
            }
            close(f)
        }
        printf "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: org\nspec:\n  type: organization\n  children: []\n" > (dir "/org.yaml")
    }'
}

if [ -n "$import" ]; then
    printf '%-10s %-9s %-8s %10s %10s %10s\n' components size step cpu_s wall_s peak_MiB
    for n in "${sizes[@]}"; do
        tree="$work/backstage-$n"
        gen_backstage "$n" "$tree"
        mb=$(cat "$tree"/*.yaml | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
        read -r cpu wall kb < <(measure "$bin/svs" import backstage "$tree" -o "$work/imported-$n" -q 2>/dev/null)
        printf '%-10s %-9s %-8s %10.2f %10.2f %10.1f\n' "$n" "$mb MB" import "$cpu" "$wall" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
        read -r cpu wall kb < <(measure "$bin/svs" lint "$work/imported-$n") || true
        printf '%-10s %-9s %-8s %10.2f %10.2f %10.1f\n' "$n" "$mb MB" lint "$cpu" "$wall" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
    done
    exit 0
fi

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
