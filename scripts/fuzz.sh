#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser with SharpFuzz + afl++. Usage: scripts/fuzz.sh [--minutes N] [--target NAME]...
#   --minutes N    afl-fuzz time per target, in minutes (default 1; the README's figures use 10)
#   --target NAME  fuzz only NAME (repeatable, or comma-separated); default: every target (Rtsp.Fuzz --list)
#   --out DIR      results folder (default reports/fuzz; keeps runs apart)
#   --list         print the target names and exit
#   -h, --help     this text
# Installs afl++ (scripts/install-deps.sh fuzz) and the local dotnet tool SharpFuzz.CommandLine (.config/dotnet-tools.json),
# publishes fuzz/Rtsp.Fuzz in Release to OUT/work/bin, instruments the COPIED Rtsp.*.dll there (never the build
# output the tests use), then runs the targets one after another (the machine has 2 cores) with the seed corpus from
# */FuzzCorpus/TARGET, afl -t 1000 (an input taking over 1 s is a hang). Prints a table (execs/s, total execs, paths,
# crashes, hangs), writes OUT/summary.json, copies crashers to OUT/TARGET/crashes (hangs to .../hangs) and exits 1
# if any target crashed, hung or could not run. Reproduce a crasher:
#   dotnet reports/fuzz/work/replay/Rtsp.Fuzz.dll --replay TARGET reports/fuzz/TARGET/crashes
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/reports/fuzz"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

minutes=1; targets=(); list_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) [[ "${2:-}" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "fuzz.sh: --minutes needs a number, e.g. --minutes 10" >&2; exit 2; }
               minutes="$2"; shift 2 ;;
    --target)  [[ -n "${2:-}" ]] || { echo "fuzz.sh: --target needs a name (see --list)" >&2; exit 2; }
               IFS=, read -ra more <<< "$2"; targets+=("${more[@]}"); shift 2 ;;
    --out)     [[ -n "${2:-}" ]] || { echo "fuzz.sh: --out needs a folder" >&2; exit 2; }
               mkdir -p "$2" && OUT=$(cd "$2" && pwd); shift 2 ;;
    --list)    list_only=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "fuzz.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
WORK="$OUT/work"
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); print (s < 10 ? 10 : s) }')

step() { printf '\n== %s\n' "$*"; }

step "dependencies: afl++ and SharpFuzz.CommandLine"
scripts/install-deps.sh fuzz || exit 2
command -v afl-fuzz >/dev/null || { echo "fuzz.sh: afl-fuzz not found after install-deps (Debian package afl++)" >&2; exit 2; }
dotnet tool restore >/dev/null || { echo "fuzz.sh: 'dotnet tool restore' failed (SharpFuzz.CommandLine 2.3.0 in .config/dotnet-tools.json)" >&2; exit 2; }

step "build fuzz/Rtsp.Fuzz (Release) into $WORK"
rm -rf "$WORK"; mkdir -p "$WORK"
dotnet publish fuzz/Rtsp.Fuzz/Rtsp.Fuzz.csproj -c Release -o "$WORK/bin" -nologo -v quiet -clp:ErrorsOnly || { echo "fuzz.sh: build failed" >&2; exit 2; }
# An uninstrumented copy replays crashers outside afl-fuzz.
cp -r "$WORK/bin" "$WORK/replay"
mapfile -t known < <(dotnet "$WORK/replay/Rtsp.Fuzz.dll" --list)
if [[ $list_only -eq 1 ]]; then printf '%s\n' "${known[@]}"; exit 0; fi
[[ ${#targets[@]} -eq 0 ]] && targets=("${known[@]}")
for t in "${targets[@]}"; do
  printf '%s\n' "${known[@]}" | grep -qx -- "$t" || { echo "fuzz.sh: unknown target '$t'; known: ${known[*]}" >&2; exit 2; }
done

step "instrument (sharpfuzz) the copies of the assemblies under test"
for dll in "$WORK"/bin/Rtsp.Protocol.dll "$WORK"/bin/Rtsp.Harness.dll; do
  [[ -f "$dll" ]] || continue
  dotnet sharpfuzz "$dll" || { echo "fuzz.sh: sharpfuzz failed on $dll" >&2; exit 2; }
  echo "instrumented $(basename "$dll")"
done

corpus_of() {
  for d in reference/Rtsp.Protocol.Tests/FuzzCorpus harness/Rtsp.Harness.Tests/FuzzCorpus; do
    [[ -d "$d/$1" ]] && { echo "$d/$1"; return; }
  done
}

# Root without a core_pattern change, no CPU governor access, a shared machine (no core binding), a .NET target
# (no compiled-in afl instrumentation for afl-fuzz to find; SharpFuzz speaks the fork-server protocol itself).
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
rows=(); json_rows=(); failed=0
for t in "${targets[@]}"; do
  corpus=$(corpus_of "$t")
  step "fuzz $t for ${seconds}s (seeds: ${corpus:-none})"
  mkdir -p "$WORK/$t/in"
  if [[ -n "$corpus" ]] && compgen -G "$corpus/*" >/dev/null; then cp "$corpus"/* "$WORK/$t/in/"; else printf 'x' > "$WORK/$t/in/empty-seed"; fi
  timeout $((seconds + 180)) afl-fuzz -i "$WORK/$t/in" -o "$WORK/$t/out" -t 1000 -m none -V "$seconds" \
    -- dotnet "$WORK/bin/Rtsp.Fuzz.dll" "$t" > "$WORK/$t/afl.log" 2>&1
  rc=$?
  stats="$WORK/$t/out/default/fuzzer_stats"
  if [[ ! -f "$stats" ]]; then
    echo "afl-fuzz did not start (exit $rc); last lines of $WORK/$t/afl.log:"; tail -15 "$WORK/$t/afl.log"
    rows+=("$(printf '%-20s %10s %14s %7s %8s %6s  %s' "$t" - - - - - "afl-fuzz failed (exit $rc)")")
    json_rows+=("{\"target\":\"$t\",\"error\":\"afl-fuzz failed (exit $rc)\"}")
    failed=1; continue
  fi
  stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  run_time=$(stat run_time); execs=$(stat execs_done); paths=$(stat corpus_count)
  crashes=$(stat saved_crashes); hangs=$(stat saved_hangs); edges=$(stat edges_found)
  eps=$(awk -v e="$execs" -v s="$run_time" 'BEGIN { printf "%.0f", (s > 0 ? e / s : 0) }')
  note=ok
  for kind in crashes hangs; do
    if compgen -G "$WORK/$t/out/default/$kind/id*" >/dev/null; then
      rm -rf "${OUT:?}/$t/$kind"; mkdir -p "$OUT/$t/$kind"; cp "$WORK/$t/out/default/$kind"/id* "$OUT/$t/$kind/"
    fi
  done
  if [[ "$crashes" != 0 || "$hangs" != 0 ]]; then
    failed=1; note="FAILED: see $OUT/$t/"
    [[ "$crashes" != 0 ]] && dotnet "$WORK/replay/Rtsp.Fuzz.dll" --replay "$t" "$OUT/$t/crashes" | tail -5
  elif [[ $rc -ne 0 ]]; then
    failed=1; note="afl-fuzz exit $rc (see $WORK/$t/afl.log)"
  fi
  rows+=("$(printf '%-20s %10s %14s %7s %8s %6s  %s' "$t" "$eps" "$execs" "$paths" "$crashes" "$hangs" "$note")")
  json_rows+=("{\"target\":\"$t\",\"seconds\":$run_time,\"execs\":$execs,\"execsPerSecond\":$eps,\"paths\":$paths,\"edges\":$edges,\"crashes\":$crashes,\"hangs\":$hangs,\"aflExit\":$rc}")
done

step "results (${seconds}s per target, started $started; execs/s on a shared machine are lower bounds)"
printf '%-20s %10s %14s %7s %8s %6s  %s\n' target "execs/s" "total execs" paths crashes hangs result
printf '%s\n' "${rows[@]}"
mkdir -p "$OUT"
{
  printf '{"started":"%s","secondsPerTarget":%s,"command":"scripts/fuzz.sh --minutes %s%s","afl":"%s","targets":[\n' \
    "$started" "$seconds" "$minutes" "$(printf ' --target %s' "${targets[@]}")" "afl++ $(dpkg-query -W -f='${Version}' afl++ 2>/dev/null)"
  (IFS=$',\n'; printf '  %s' "${json_rows[*]}" | sed 's/},{/},\n  {/g')
  printf '\n]}\n'
} > "$OUT/summary.json"
echo "summary: $OUT/summary.json"
if [[ $failed -ne 0 ]]; then echo "fuzz: FAILED (a target crashed, hung or did not run)"; exit 1; fi
echo "fuzz: ok, 0 crashes, 0 hangs in ${#targets[@]} targets"
