#!/usr/bin/env bash
# How a workspace's answers grow with its size: builds workspaces of long measurement rows
# (lots × 25 wafers × 40 sites × 10 parameters, each parameter a tenth of the rows), imports them with
# fabkit-cli and times whole processes: the import, `info`, `spc` of one parameter (the chart in force,
# three-way of wafer means, and the I-MR chart of every value; text and --json) and, where the GUI is
# built, its window up on the workspace, its start page (the overview) complete, and its opening of
# that parameter's chart (each a whole process that saves a screenshot 300 ms after the view is ready). Prints the median wall
# time of the repeats, the median CPU time (user + system: what the process used on a shared machine)
# and the peak resident memory (/usr/bin/time %M) of each.
# See tests/bench/README.md.
#
#   tests/bench/workspace_scale/run.sh [--rows "1000000 10000000 30000000"] [--repeat N] [--cli PATH]
#                                      [--gui PATH|none] [--dir DIR] [--keep]
#
# Files go to DIR (default $TMPDIR/fabkit-scale): a 30 M-row CSV is ~1.4 GB and its workspace ~1 GB;
# without --keep each size's CSV and workspace are removed once measured.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cli="" gui="" dir="" repeat=3 keep=0 rows_list="1000000 10000000"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows_list="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --cli) cli="$2"; shift ;;
    --gui) gui="$2"; shift ;;
    --dir) dir="$2"; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
source "$root/tests/bench/find_cli.sh"
if [[ -z "$gui" && -x "$root/build/app/fabkit" ]]; then gui="$root/build/app/fabkit"; fi
[[ "$gui" == none ]] && gui=""
[[ -z "$gui" ]] || gui=$(realpath "$gui")
dir="${dir:-${TMPDIR:-/tmp}/fabkit-scale}"
mkdir -p "$dir"
cd "$dir"
sites=40 parameter=P01
results="$dir/results.tsv"
: > "$results"

# measure ROWS WORK COMMAND…: one run, its wall seconds and peak KiB appended to results.tsv. A GUI run
# that fails (its screenshot waits 30 s at most) is recorded as failed; any other failure stops the script.
measure() {
  local rows="$1" work="$2"; shift 2
  if ! /usr/bin/time -f '%e %M %U %S' -o "$dir/time.txt" "$@" > "$dir/$work.out" 2> "$dir/$work.err"; then
    echo "run.sh: $work at $rows rows failed: $*" >&2; tail -n 3 "$dir/$work.err" >&2
    [[ $work == gui-* ]] || exit 1
    printf '%s\t%s\tfailed\t0\t0\n' "$rows" "$work" >> "$results"
    return
  fi
  read -r secs kib user sys < <(tail -n 1 "$dir/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\n' "$rows" "$work" "$secs" "$kib" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
    >> "$results"
}

for rows in $rows_list; do
  lots=$((rows / (25 * sites * 10)))
  csv="$dir/m$rows.csv" ws="$dir/m$rows.fabdb"
  need=$((rows * 46 * 2 / 1024 / 1024))
  free=$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')
  ((free > need)) || { echo "run.sh: $rows rows need ~$need MiB free in $dir, $free MiB there" >&2; exit 2; }
  if [[ ! -f "$csv" ]]; then
    echo "writing $csv ($lots lots × 25 wafers × $sites sites × 10 parameters)" >&2
    mawk -v LOTS="$lots" -v SITES="$sites" -f "$here/make_csv.awk" > "$csv.part" && mv "$csv.part" "$csv"
  fi
  rm -f "$ws" "$ws-wal" "$ws-shm"
  measure "$rows" import "$cli" import "$csv" --workspace "$ws" --kind measurements
  for ((i = 0; i < repeat; i++)); do
    measure "$rows" info "$cli" info --workspace "$ws"
    measure "$rows" info-json "$cli" info --workspace "$ws" --json
    measure "$rows" spc "$cli" spc --workspace "$ws" --parameter "$parameter"
    measure "$rows" spc-json "$cli" spc --workspace "$ws" --parameter "$parameter" --json
    measure "$rows" spc-imr "$cli" spc --workspace "$ws" --parameter "$parameter" --chart imr
    measure "$rows" spc-imr-json "$cli" spc --workspace "$ws" --parameter "$parameter" --chart imr --json
    if [[ -n "$gui" ]]; then
      # The window up on its workspace (a view that reads nothing); the overview's charting stops at exit.
      measure "$rows" gui-window env QT_QPA_PLATFORM=offscreen "$gui" "$ws" --show yield --screenshot "$dir/window.png"
      # The start page once every parameter is charted (a cache folder of its own, empty), then again
      # with the overview kept from that run (core/analysis/overview_cache.h); a parameter's control
      # chart once drawn.
      rm -rf "$dir/cache"
      measure "$rows" gui-start env XDG_CACHE_HOME="$dir/cache" QT_QPA_PLATFORM=offscreen "$gui" "$ws" \
        --show overview --screenshot "$dir/overview.png"
      measure "$rows" gui-start-kept env XDG_CACHE_HOME="$dir/cache" QT_QPA_PLATFORM=offscreen "$gui" "$ws" \
        --show overview --screenshot "$dir/overview.png"
      measure "$rows" gui-parameter env QT_QPA_PLATFORM=offscreen "$gui" "$ws" \
        --show "parameter:$parameter" --screenshot "$dir/parameter.png"
    fi
  done
  rm -rf "$dir/cache"
  [[ $keep == 1 ]] || rm -f "$csv" "$ws" "$ws-wal" "$ws-shm"
done

# The table: median wall and CPU seconds and peak MiB per size and work.
awk -F '\t' -v cli="$cli" '
  { key = $1 SUBSEP $2; k = ++n[key]; t[key, k] = $3; c[key, k] = $5; m[key] = ($4 > m[key] ? $4 : m[key])
    if (!($1 in seen)) { seen[$1] = 1; sizes[++ns] = $1 }
    if (!($2 in wseen)) { wseen[$2] = 1; works[++nw] = $2 } }
  function median(arr, key,    i, j, k, v, a) {
    k = n[key]; for (i = 1; i <= k; i++) a[i] = arr[key, i]
    for (i = 2; i <= k; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  END {
    printf "%s\n\n| work | rows | values of the parameter | median s | median CPU s | peak MiB |\n", cli
    printf "|---|---|---|---|---|---|\n"
    for (w = 1; w <= nw; w++) for (s = 1; s <= ns; s++) {
      key = sizes[s] SUBSEP works[w]; if (!(key in n)) continue
      if (t[key, 1] == "failed") { printf "| %s | %d | %d | failed | | |\n", works[w], sizes[s], sizes[s] / 10; continue }
      printf "| %s | %d | %d | %.2f | %.2f | %d |\n", works[w], sizes[s], sizes[s] / 10, median(t, key), median(c, key),
        m[key] / 1024 }
  }' "$results"
