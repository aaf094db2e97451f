#!/usr/bin/env bash
# Measures svs at scale. For each size N (offerings) it generates a catalogue and measures,
# with GNU time, (1) the event-only walk of the file with the YAML parser svs uses
# (examples/bare_parse.rs: the floor any loader must pay), (2) `svs lint` and
# (3) `svs assess --format json`, each at --jobs 1, 2 and every core. It prints CPU and
# wall time, peak memory against the file's size, and each wall time against the walk's.
# With two sizes or more it also prints the time ratio of each size to the one before.
#
#   bash benches/scale.sh                 # N = 1000 10000
#   bash benches/scale.sh 1000 10000 100000
#   FILES=64 bash benches/scale.sh 10000  # a directory of 64 files instead of one file
#   CHECK_JSONSCHEMA=/path/to/check-jsonschema bash benches/scale.sh 1000
#                                         # also time check-jsonschema against `svs schema`
#
# Needs GNU time (/usr/bin/time). A busy machine disturbs wall time: run it on a quiet one,
# or compare the CPU column.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
cargo build --release --quiet --bin svs --example gen_catalogue --example bare_parse
bin=target/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)

# measure COMMAND...: prints "cpu_seconds wall_seconds peak_kb"
measure() {
    /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$@" > /dev/null 2>&1 || true
    awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }' "$work/time"
}

printf '%-9s %-9s %-14s %7s %7s %9s %7s %8s\n' offerings size step cpu_s wall_s peak_MiB x_size x_walk
declare -A previous next_previous
for n in "${sizes[@]}"; do
    target="$work/catalogue-$n"
    if [ -n "${FILES:-}" ]; then
        "$bin/examples/gen_catalogue" "$n" "$target" --files "$FILES"
        bytes=$(cat "$target"/*.yaml | wc -c)
        walk_cmd=(sh -c 'for f in "$0"/*.yaml; do "$1" "$f"; done' "$target" "$bin/examples/bare_parse")
    else
        target="$target.yaml"
        "$bin/examples/gen_catalogue" "$n" "$target"
        bytes=$(wc -c < "$target")
        walk_cmd=("$bin/examples/bare_parse" "$target")
    fi
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    read -r walk_cpu walk_wall walk_kb < <(measure "${walk_cmd[@]}")
    row() { # STEP CPU WALL KB
        awk -v n="$n" -v mb="$mb" -v step="$1" -v cpu="$2" -v wall="$3" -v kb="$4" -v bytes="$bytes" -v base="$walk_wall" \
            'BEGIN { printf "%-9s %-9s %-14s %7.2f %7.2f %9.1f %7.1f %8.2f\n", n, mb " MB", step, cpu, wall, kb / 1024, kb * 1024 / bytes, wall / base }'
    }
    row walk "$walk_cpu" "$walk_wall" "$walk_kb"
    jobs_list=(1)
    [ "$cores" -ge 2 ] && jobs_list+=(2)
    [ "$cores" -gt 2 ] && jobs_list+=("$cores")
    for jobs in "${jobs_list[@]}"; do
        for step in lint assess; do
            case $step in
                lint) read -r cpu wall kb < <(measure "$bin/svs" lint "$target" --jobs "$jobs") ;;
                assess) read -r cpu wall kb < <(measure "$bin/svs" assess "$target" --format json --jobs "$jobs") ;;
            esac
            row "$step -j$jobs" "$cpu" "$wall" "$kb"
            key="$step-$jobs"
            if [ -n "${previous[$key]:-}" ]; then
                awk -v step="$step -j$jobs" -v now="$wall" -v before="${previous[$key]}" -v n="$n" -v m="${previous[n]}" \
                    'BEGIN { printf "%-9s %-9s %-14s %s / %s offerings: %.1f x the time\n", "", "", step, n, m, now / before }'
            fi
            next_previous[$key]=$wall
        done
    done
    if [ -n "${CHECK_JSONSCHEMA:-}" ] && [ -z "${FILES:-}" ]; then
        "$bin/svs" schema > "$work/schema.json"
        read -r cpu wall kb < <(measure "$CHECK_JSONSCHEMA" --schemafile "$work/schema.json" "$target")
        row check-jsonschema "$cpu" "$wall" "$kb"
    fi
    for key in "${!next_previous[@]}"; do previous[$key]=${next_previous[$key]}; done
    previous[n]=$n
done
