#!/usr/bin/env bash
# Measures svs at scale. For each size N (offerings) it generates a catalogue and measures,
# with GNU time, (1) the event-only walk of the file with the YAML parser svs uses and with
# saphyr-parser, the parser it was forked from (examples/bare_parse.rs: the floor any
# loader must pay), (2) `svs lint` and (3) `svs assess --format json`, each at --jobs 1, 2
# and every core. It prints CPU and wall time, peak memory against the file's size, and
# each wall time against the faster walk's.
# With two sizes or more it also prints the time ratio of each size to the one before.
#
#   bash benches/scale.sh                 # N = 1000 10000
#   bash benches/scale.sh 1000 10000 100000
#   FILES=64 bash benches/scale.sh 10000  # a directory of 64 files instead of one file
#   bash benches/scale.sh --import 10000  # `svs import backstage` on N generated components
#   EVIDENCE=8 bash benches/scale.sh 10000 # with 8 quarterly evidence records for the first
#                                         # relationship of each offering (SPEC §10)
#   RULES=1 bash benches/scale.sh 10000   # `svs lint` with and without five custom rules
#                                         # (docs/custom-rules.md) appended to the catalogue
#   bash benches/scale.sh --lsp 1000      # `svs lsp`: `svs lint` LINTS times, then the language
#                                         # server driven over stdio (examples/lsp_drive.rs):
#                                         # the file opened, then CHANGES (default 200)
#                                         # changes one at a time, each timed to its
#                                         # diagnostics; the median and longest against
#                                         # the median wall time of LINTS (default 21)
#                                         # runs of `svs lint`, and the server's peak
#                                         # and current memory after 10 changes and after
#                                         # all of them (close: nothing kept per change);
#                                         # with FILES=64, one file of 64 is changed
#   bash benches/scale.sh --history 1000  # `svs history` (SPEC §11.3): a repository of COMMITS
#                                         # (default 200) first-parent commits of an
#                                         # N-offering catalogue in FILES (default 64) files,
#                                         # each commit changing one file's set-up fee, timed
#                                         # against one `svs lint` of the catalogue
#   KEEP=1 bash benches/scale.sh ...      # leave the generated catalogues and repositories
#                                         # in the temporary folder it prints, for profiling
#   CHECK_JSONSCHEMA=/path/to/check-jsonschema bash benches/scale.sh 1000
#                                         # also time check-jsonschema against `svs schema`
#
# Each figure is the fastest of REPEAT runs (default 3; check-jsonschema runs once).
# Needs GNU time (/usr/bin/time). A busy machine disturbs wall time: run it on a quiet one,
# or compare the CPU column.
set -euo pipefail
cd "$(dirname "$0")/.."

import= lsp= history=
case "${1:-}" in
    --import) import=1; shift ;;
    --lsp) lsp=1; shift ;;
    --history) history=1; shift ;;
esac
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
cargo build --release --quiet --bin svs --example gen_catalogue --example bare_parse --example lsp_drive
# Cargo puts its builds under $CARGO_TARGET_DIR when it is set.
bin=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then
    echo "keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
cores=$(nproc)
# gen_catalogue's flags: evidence records when EVIDENCE is set.
gen_flags=()
[ -n "${EVIDENCE:-}" ] && gen_flags=(--evidence "$EVIDENCE")

# measure COMMAND...: prints "cpu_seconds wall_seconds peak_kb" of the fastest of
# $REPEAT runs (default 3), against noise from other work on the machine: the least wall
# time, or with BY=cpu the least CPU time.
measure() {
    local runs=${REPEAT:-3} column=2 best= line
    [ "${BY:-wall}" = cpu ] && column=1
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$@" > /dev/null 2>&1 || :
        # The last line: GNU time writes "Command exited with non-zero status" first when
        # the command fails (svs lint finds what an imported catalogue still lacks).
        line=$(tail -n 1 "$work/time" | awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }')
        if [ -z "$best" ] || awk -v a="$line" -v b="$best" -v c="$column" \
            'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[c] < y[c]) }'; then
            best=$line
        fi
    done
    echo "$best"
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

if [ -n "$lsp" ]; then
    changes=${CHANGES:-200}
    printf '%-9s %-9s %-22s %9s %9s %9s\n' offerings size step wall_ms x_lint peak_MiB
    for n in "${sizes[@]}"; do
        # A directory of its own: the server checks the file's whole directory.
        dir="$work/lsp-$n"
        mkdir -p "$dir"
        if [ -n "${FILES:-}" ]; then
            # A catalogue of FILES files: the one in the middle is opened and changed.
            "$bin/examples/gen_catalogue" "$n" "$dir" --files "$FILES" ${gen_flags[@]+"${gen_flags[@]}"}
            edited="$dir/$(printf 'part-%05d.yaml' $((FILES / 2)))"
        else
            "$bin/examples/gen_catalogue" "$n" "$dir/catalogue.yaml" ${gen_flags[@]+"${gen_flags[@]}"}
            edited="$dir/catalogue.yaml"
        fi
        mb=$(cat "$dir"/*.yaml | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
        # Like for like: the median of LINTS runs, as the changes' figure is a median.
        lints=${LINTS:-21}
        for _ in $(seq "$lints"); do
            /usr/bin/time -f "%e %M" -o "$work/time" "$bin/svs" lint "$dir" > /dev/null 2>&1 || :
            tail -n 1 "$work/time"
        done | sort -n > "$work/lints"
        read -r lint_wall lint_kb < <(sed -n "$(( (lints + 1) / 2 ))p" "$work/lints")
        figures=$("$bin/examples/lsp_drive" "$bin/svs" "$edited" "$changes")
        figure() { tr ' ' '\n' <<< "$figures" | sed -n "s/^$1=//p"; }
        row() { # STEP MS KB
            awk -v n="$n" -v mb="$mb" -v step="$1" -v ms="$2" -v kb="$3" -v lint="$lint_wall" \
                'BEGIN { printf "%-9s %-9s %-22s %9s %9s %9s\n", n, mb " MB", step, ms == "" ? "" : sprintf("%.0f", ms), ms == "" ? "" : sprintf("%.2f", ms / 1000 / lint), kb == "" ? "" : sprintf("%.1f", kb / 1024) }'
        }
        row "lint, median of $lints" "$(awk -v w="$lint_wall" 'BEGIN { print w * 1000 }')" "$lint_kb"
        row "lsp open" "$(figure open_ms)" ""
        row "lsp change, median" "$(figure median_ms)" ""
        row "lsp change, longest" "$(figure max_ms)" ""
        row "lsp peak, 10 changes" "" "$(figure hwm10_kb)"
        row "lsp peak, $changes changes" "" "$(figure hwm_kb)"
        row "lsp now, 10 changes" "" "$(figure rss10_kb)"
        row "lsp now, $changes changes" "" "$(figure rss_kb)"
    done
    exit 0
fi

if [ -n "$history" ]; then
    commits=${COMMITS:-200}
    files=${FILES:-64}
    # The runs below happen inside the repository.
    bin=$(realpath "$bin")
    printf '%-9s %-9s %-8s %-22s %7s %7s %9s %7s\n' offerings size commits step cpu_s wall_s peak_MiB x_lint
    for n in "${sizes[@]}"; do
        repo="$work/history-$n"
        mkdir -p "$repo"
        "$bin/examples/gen_catalogue" "$n" "$repo/catalog" --files "$files" ${gen_flags[@]+"${gen_flags[@]}"}
        mb=$(cat "$repo"/catalog/*.yaml | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
        (
            cd "$repo"
            export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
            export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
            git init -q
            # One commit a day from 2026-01-01; each after the first changes one file's
            # first set-up fee, so that figures move at every commit.
            day() { date -u -d "2026-01-01 + $1 days" +%Y-%m-%dT12:00:00Z; }
            git add catalog
            GIT_AUTHOR_DATE=$(day 0) GIT_COMMITTER_DATE=$(day 0) git -c commit.gpgsign=false commit -q -m catalogue
            for i in $(seq 1 $((commits - 1))); do
                file=$(printf 'catalog/part-%05d.yaml' $((i % files)))
                sed -i "0,/amount: [0-9]*, per: once/s//amount: $((1200 + i)), per: once/" "$file"
                GIT_AUTHOR_DATE=$(day "$i") GIT_COMMITTER_DATE=$(day "$i") \
                    git -c commit.gpgsign=false commit -q -a -m "set-up fee $i"
            done
        )
        read -r lint_cpu lint_wall lint_kb < <(cd "$repo" && measure "$bin/svs" lint catalog)
        read -r cpu wall kb < <(cd "$repo" && measure "$bin/svs" history catalog --format json)
        points=$(cd "$repo" && "$bin/svs" history catalog --format csv | tail -n +2 | wc -l)
        row() { # STEP CPU WALL KB
            awk -v n="$n" -v mb="$mb" -v c="$commits" -v step="$1" -v cpu="$2" -v wall="$3" -v kb="$4" -v lint="$lint_wall" \
                'BEGIN { printf "%-9s %-9s %-8s %-22s %7.2f %7.2f %9.1f %7.1f\n", n, mb " MB", c, step, cpu, wall, kb / 1024, wall / lint }'
        }
        row lint "$lint_cpu" "$lint_wall" "$lint_kb"
        row "history ($points points)" "$cpu" "$wall" "$kb"
    done
    exit 0
fi

# Five custom rules of the kinds docs/custom-rules.md shows: a test of the offered warranty,
# a reference followed into `catalogue`, an assessment figure, an optional key, a service's
# warranty. Every one holds on the generated catalogue, so each runs on every entity.
custom_rules() {
    cat <<'RULES'
rules:
  - id: market-needs-mfa
    code: BENCH001
    name: market-offering-needs-mfa
    on: offerings
    when: "self.targets.all(t, !has(catalogue.groups[t].organization))"
    assert: "'mfa' in self.offered_warranty.security"
    message: "offering {self.id} is sold on the market without MFA"
  - id: big-needs-sponsor
    code: BENCH002
    name: big-relationship-needs-sponsor
    on: relationships
    when: "catalogue.offerings[self.offering].price.exists(p, p.per == 'month' && p.amount > 20.0)"
    assert: "size(self.roles.sponsor) > 0"
    message: "relationship {self.id} has no sponsor"
  - id: value-is-sustainable
    code: BENCH003
    name: value-is-sustainable
    on: relationships
    when: "has(self.assessment) && self.assessment.verdict == 'value'"
    assert: "self.assessment.net_value > -1000000000.0"
    message: "relationship {self.id} is not sustainable"
  - id: people-have-titles
    code: BENCH004
    name: people-have-titles
    on: people
    assert: "has(self.title) && self.title != ''"
    message: "person {self.id} has no title"
  - id: services-available
    code: BENCH005
    name: services-are-available
    on: services
    when: "has(self.warranty) && has(self.warranty.availability)"
    assert: "self.warranty.availability >= 99.0"
    message: "service {self.id} assures only {self.warranty.availability}"
RULES
}

if [ -n "${RULES:-}" ]; then
    printf '%-9s %-9s %-16s %7s\n' offerings size step cpu_s
    for n in "${sizes[@]}"; do
        plain="$work/catalogue-$n.yaml"
        ruled="$work/catalogue-$n-rules.yaml"
        "$bin/examples/gen_catalogue" "$n" "$plain" ${gen_flags[@]+"${gen_flags[@]}"}
        { cat "$plain"; custom_rules; } > "$ruled"
        mb=$(wc -c < "$plain" | awk '{ printf "%.1f", $1 / 1e6 }')
        # The rules hold: any finding would mean they did not run as meant.
        "$bin/svs" lint "$ruled" --format json | grep -q '"code": "BENCH' && { echo "a rule fails on the generated catalogue" >&2; exit 1; }
        read -r without _ < <(BY=cpu measure "$bin/svs" lint "$plain" --jobs 1)
        read -r with _ < <(BY=cpu measure "$bin/svs" lint "$ruled" --jobs 1)
        printf '%-9s %-9s %-16s %7.2f\n' "$n" "$mb MB" "lint -j1" "$without"
        printf '%-9s %-9s %-16s %7.2f\n' "$n" "$mb MB" "lint+5 rules -j1" "$with"
        awk -v a="$without" -v b="$with" 'BEGIN { printf "%-9s %-9s %-16s %+.1f %% CPU\n", "", "", "five rules", (b / a - 1) * 100 }'
    done
    exit 0
fi

printf '%-9s %-9s %-14s %7s %7s %9s %7s %8s\n' offerings size step cpu_s wall_s peak_MiB x_size x_walk
declare -A previous next_previous
for n in "${sizes[@]}"; do
    target="$work/catalogue-$n"
    if [ -n "${FILES:-}" ]; then
        "$bin/examples/gen_catalogue" "$n" "$target" --files "$FILES" ${gen_flags[@]+"${gen_flags[@]}"}
        bytes=$(cat "$target"/*.yaml | wc -c)
        walk_cmd=(sh -c 'for f in "$0"/*.yaml; do "$1" "$f"; done' "$target" "$bin/examples/bare_parse")
        saphyr_cmd=(sh -c 'for f in "$0"/*.yaml; do "$1" --saphyr "$f"; done' "$target" "$bin/examples/bare_parse")
    else
        target="$target.yaml"
        "$bin/examples/gen_catalogue" "$n" "$target" ${gen_flags[@]+"${gen_flags[@]}"}
        bytes=$(wc -c < "$target")
        walk_cmd=("$bin/examples/bare_parse" "$target")
        saphyr_cmd=("$bin/examples/bare_parse" --saphyr "$target")
    fi
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    read -r walk_cpu walk_wall walk_kb < <(measure "${walk_cmd[@]}")
    read -r saphyr_cpu saphyr_wall saphyr_kb < <(measure "${saphyr_cmd[@]}")
    # x_walk is against the faster of the two walks.
    base=$(awk -v a="$walk_wall" -v b="$saphyr_wall" 'BEGIN { print (a < b ? a : b) }')
    row() { # STEP CPU WALL KB
        awk -v n="$n" -v mb="$mb" -v step="$1" -v cpu="$2" -v wall="$3" -v kb="$4" -v bytes="$bytes" -v base="$base" \
            'BEGIN { printf "%-9s %-9s %-14s %7.2f %7.2f %9.1f %7.1f %8.2f\n", n, mb " MB", step, cpu, wall, kb / 1024, kb * 1024 / bytes, wall / base }'
    }
    row walk "$walk_cpu" "$walk_wall" "$walk_kb"
    row "walk saphyr" "$saphyr_cpu" "$saphyr_wall" "$saphyr_kb"
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
        read -r cpu wall kb < <(REPEAT=1 measure "$CHECK_JSONSCHEMA" --schemafile "$work/schema.json" "$target")
        row check-jsonschema "$cpu" "$wall" "$kb"
    fi
    for key in "${!next_previous[@]}"; do previous[$key]=${next_previous[$key]}; done
    previous[n]=$n
done
