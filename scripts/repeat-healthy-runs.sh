#!/usr/bin/env bash
# The "no flakes" benchmark: N consecutive healthy runs (no injection) of the selected knelpunten (default: all
# that have checks), then a table per knelpunt of how often it was RESOLVED, FAILING or INCONCLUSIVE, and per
# check its durations. A healthy platform must give no FAILING at all; INCONCLUSIVE (a check broken) and any
# flaky pass are counted too. Not a CI test: it takes N times a full run.
#   scripts/repeat-healthy-runs.sh 10                       # every covered knelpunt, 10 runs
#   scripts/repeat-healthy-runs.sh 10 --knelpunt KP-FO-01   # extra arguments go to every run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:?usage: $0 RUNS [run arguments...]}"
shift
out="${PA_BENCHMARK_OUT:-reports/benchmark-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  set +e
  ./platform-acceptance run --release "healthy-$i" --out "$out" "$@" > "$out/run-$i.log" 2>&1
  code=$?
  set -e
  echo "run $i of $runs: exit $code in $(( $(date +%s) - start )) s" | tee -a "$out/runs.txt"
done
python3 - "$out" <<'PY'
import collections, glob, json, os, sys
out = sys.argv[1]
verdicts = collections.defaultdict(collections.Counter)
durations = collections.defaultdict(list)
problems = []
for path in sorted(glob.glob(os.path.join(out, "healthy-*", "*", "verdicts.json"))):
    run = json.load(open(path))
    for k in run["knelpunten"]:
        if not k["checks"]:
            continue
        verdicts[k["id"]][k["verdict"]] += 1
        for c in k["checks"]:
            durations[c["id"]].append(c["durationMs"] / 1000)
            if c["status"] != "passed" or c.get("flaky"):
                problems.append(f'{run["release"]}: {c["id"]} {c["status"]}{" (flaky)" if c.get("flaky") else ""}: {c["message"][:160]}')
print(f"{'KNELPUNT':10} {'RESOLVED':>8} {'FAILING':>8} {'INCONCL.':>8}")
for kid in sorted(verdicts):
    v = verdicts[kid]
    print(f"{kid:10} {v['RESOLVED']:8} {v['FAILING']:8} {v['INCONCLUSIVE']:8}")
print()
print(f"{'CHECK':70} {'RUNS':>4} {'MIN s':>6} {'MEDIAN':>6} {'MAX s':>6}")
for cid in sorted(durations):
    d = sorted(durations[cid])
    print(f"{cid:70} {len(d):4} {d[0]:6.1f} {d[len(d)//2]:6.1f} {d[-1]:6.1f}")
print()
print("\n".join(problems) if problems else "every check passed on its first attempt in every run")
PY
