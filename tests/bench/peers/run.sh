#!/usr/bin/env bash
# The whole fabkit-cli command next to the tool a user would otherwise pick, on the same generated files:
# median wall time of paired runs (fabkit and peer alternately), the ratio fabkit ÷ peer and both peak
# resident memories (/usr/bin/time %M). See tests/bench/README.md.
#
#   tests/bench/peers/run.sh [--quick] [--repeat N] [--only import|kmeans|dbscan|kalman] [--cli PATH] [--dir DIR]
#
# Needs python3-pandas, python3-sklearn, python3-statsmodels and sqlite3 (benchmark only).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cli="" dir="" repeat=5 only="" quick=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --repeat) repeat="$2"; shift ;;
    --only) only="$2"; shift ;;
    --cli) cli="$2"; shift ;;
    --dir) dir="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
source "$root/tests/bench/find_cli.sh"
# Debian's interpreter, where python3-pandas & co. install (a python3 earlier on PATH may not see them).
py="${PYTHON:-/usr/bin/python3}"
[[ -x "$py" ]] || py=python3
"$py" -c 'import pandas, sklearn, statsmodels' 2>/dev/null ||
  { echo "run.sh: needs python3-pandas python3-sklearn python3-statsmodels (apt-get install)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "run.sh: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }

if [[ $quick == 1 ]]; then sizes=(200000 100000 20000 100000); else sizes=(2000000 1000000 100000 1000000); fi
dir="${dir:-${TMPDIR:-/tmp}/fabkit-peers-${sizes[0]}}"
mkdir -p "$dir"
if [[ ! -f "$dir/.made-${sizes[*]// /-}" ]]; then
  echo "writing inputs to $dir (import ${sizes[0]} rows, k-means ${sizes[1]}, DBSCAN ${sizes[2]}, Kalman ${sizes[3]})" >&2
  "$py" "$here/make_inputs.py" "$dir" "${sizes[@]}"
  touch "$dir/.made-${sizes[*]// /-}"
fi
cd "$dir"
results="$dir/results.tsv"
: > "$results"

# measure WORK SIDE COMMAND…: one run, its wall seconds and peak KiB appended to results.tsv.
measure() {
  local work="$1" side="$2"; shift 2
  if ! /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" > "$dir/$work-$side.out" 2> "$dir/$work-$side.err"; then
    echo "run.sh: $work ($side) failed: $*" >&2; cat "$dir/$work-$side.err" >&2; exit 1
  fi
  read -r secs kib < <(tail -n 1 "$dir/time.txt")
  printf '%s\t%s\t%s\t%s\n' "$work" "$side" "$secs" "$kib" >> "$results"
}
want() { [[ -z "$only" || "$only" == "$1" ]]; }

for ((i = 0; i < repeat; i++)); do
  if want import; then
    rm -f ws.fabdb ws.fabdb-wal ws.fabdb-shm peer.db
    measure import fabkit "$cli" import import.csv --workspace ws.fabdb --kind measurements
    measure import peer sqlite3 peer.db ".read $here/peer_import.sql"
  fi
  if want kmeans; then
    measure kmeans fabkit "$cli" cluster --csv kmeans.csv --x x --y y --method kmeans --clusters 8 --seed 1 --json
    measure kmeans peer "$py" "$here/peer_kmeans.py" kmeans.csv 8 kmeans-peer.csv
  fi
  if want dbscan; then
    measure dbscan fabkit "$cli" cluster --csv dbscan.csv --x x --y y --method dbscan --eps 2 --min-pts 10 --radius 150 --json
    measure dbscan peer "$py" "$here/peer_dbscan.py" dbscan.csv 2 10 dbscan-peer.csv
  fi
  if want kalman; then
    measure kalman fabkit "$cli" kalman --csv kalman.csv --value y --var-eps 1 --var-eta 0.01 --json
    measure kalman peer "$py" "$here/peer_kalman.py" kalman.csv y 1 0.01 kalman-peer.csv
  fi
done

"$py" - "$results" "${sizes[@]}" "$repeat" <<'PY'
import statistics, sys
path, imp, km, db, kf, repeat = sys.argv[1], *sys.argv[2:7]
rows = [line.split("\t") for line in open(path).read().splitlines()]
label = {
    "import": (f"import a {int(imp):,}-row long CSV", "sqlite3 .import", 0.67),
    "kmeans": (f"k-means, {int(km):,} × 2-D, k = 8", "pandas + scikit-learn KMeans (n_init 1)", 0.67),
    "dbscan": (f"DBSCAN, {int(db):,} points, eps 2, min 10", "pandas + scikit-learn DBSCAN", 0.33),
    "kalman": (f"Kalman filter + smoother, {int(kf):,} steps", "pandas + statsmodels UnobservedComponents", 0.20),
}
print(f"median of {repeat} paired runs, whole process; memory = peak resident set")
print("| work | peer | fabkit s | peer s | fabkit ÷ peer (target) | fabkit MiB | peer MiB |")
print("|---|---|---|---|---|---|---|")
for work in ("import", "kmeans", "dbscan", "kalman"):
    mine = [r for r in rows if r[0] == work]
    if not mine:
        continue
    med = lambda side, col: statistics.median(float(r[col]) for r in mine if r[1] == side)
    fs, ps = med("fabkit", 2), med("peer", 2)
    fm, pm = med("fabkit", 3) / 1024, med("peer", 3) / 1024
    name, peer, target = label[work]
    ratio = fs / ps if ps > 0 else float("nan")
    mark = "ok" if ratio <= target else "over"
    print(f"| {name} | {peer} | {fs:.2f} | {ps:.2f} | {ratio:.2f} (≤ {target}, {mark}) | {fm:.0f} | {pm:.0f} |")
PY
