#!/usr/bin/env bash
# Builds and tests RtspConformance. Usage: ./run-tests.sh [COMMAND] [--filter EXPR]
#   all          every test project, every category (what CI runs)
#   unit         tests with no sockets, processes or peers (fast)
#   integration  tests against a real reference server process on loopback
#   interop      tests against third-party peers (ffmpeg, GStreamer, tshark)
#   browser      Playwright tests in Debian Chromium
#   conformance  the harness catalogue against the reference server
#   bench        benchmarks (not part of 'all'); prints figures
#   fuzz         coverage-guided fuzzing with SharpFuzz + afl++ (not part of 'all'): fuzz [--minutes N] [--target NAME]
#   soak         10,000 connect/SETUP/PLAY/TEARDOWN cycles while 50 sessions stream; fails if the server's RSS, FDs,
#                threads or UDP sockets grow: soak [--minutes N (default 20)] [--cycles N] (Rtsp.Soak --help for more;
#                'all' runs a 1-minute version as the Soak-category test). Report: reports/soak/soak.md
#   selftest     proves this script counts a failing test and exits non-zero (also run by 'all')
#   --filter E   an extra dotnet-test filter, e.g. --filter "FullyQualifiedName~TransportHeader"
# Ends with the line "N passed, N failed[, N skipped]" summed over every TRX file, and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CONFIG=Release
RESULTS="${RUN_TESTS_RESULTS:-$ROOT/reports/tests}"

usage() { awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; }

command="${1:-all}"; shift || true
extra_filter=""; bench_args=()
# bench, fuzz and soak pass their own options through (fuzz --minutes N --target NAME, soak --minutes N).
if [[ "$command" == bench || "$command" == fuzz || "$command" == soak ]]; then bench_args=("$@"); set --; fi
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) extra_filter="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-tests.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

# Categories tag every test that needs more than bytes in memory (see README "Tests").
# The Canary category only exists for 'selftest'.
NON_UNIT="TestCategory!=Integration&TestCategory!=Interop&TestCategory!=Browser&TestCategory!=Conformance&TestCategory!=Soak&TestCategory!=Canary"
case "$command" in
  all)          filter="TestCategory!=Canary"; profiles=(all) ;;
  selftest)     filter="TestCategory=Canary"; profiles=(base) ;;
  selftest-run) filter="TestCategory=Canary"; profiles=(base) ;;  # internal: one canary run, used by selftest
  unit)         filter="$NON_UNIT"; profiles=(base) ;;
  integration)  filter="TestCategory=Integration"; profiles=(base) ;;
  interop)      filter="TestCategory=Interop"; profiles=(base peers) ;;
  browser)      filter="TestCategory=Browser"; profiles=(base browser) ;;
  conformance)  filter="TestCategory=Conformance"; profiles=(base peers) ;;
  bench)        filter=""; profiles=(base peers) ;;
  fuzz)         filter=""; profiles=(base fuzz) ;;
  soak)         filter=""; profiles=(base) ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "run-tests.sh: unknown command '$command'" >&2; usage >&2; exit 2 ;;
esac
if [[ -n "$extra_filter" ]]; then filter="${filter:+$filter&}$extra_filter"; fi

step() { printf '\n== %s\n' "$*"; }

if [[ -z "${RUN_TESTS_NO_BUILD:-}" ]]; then
scripts/install-deps.sh "${profiles[@]}" || exit 2
step "build ($CONFIG)"
dotnet build RtspConformance.sln -c "$CONFIG" -nologo -v quiet -clp:ErrorsOnly || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
fi

if [[ "$command" == all || "$command" == selftest ]]; then
  step "selftest: a failing test must fail the run"
  selftest_ok=1
  out=$(RUN_TESTS_NO_BUILD=1 RUN_TESTS_RESULTS="$ROOT/reports/selftest/pass" ./run-tests.sh selftest-run 2>&1) || selftest_ok=0
  [[ "$(echo "$out" | tail -1)" == "1 passed, 0 failed, 0 skipped" ]] || selftest_ok=0
  out=$(RTSP_CONFORMANCE_CANARY=fail RUN_TESTS_NO_BUILD=1 RUN_TESTS_RESULTS="$ROOT/reports/selftest/fail" ./run-tests.sh selftest-run 2>&1) && selftest_ok=0
  [[ "$(echo "$out" | tail -1)" == "0 passed, 1 failed, 0 skipped" ]] || selftest_ok=0
  if [[ $selftest_ok -eq 1 ]]; then echo "selftest: ok (a passing canary counts 1 passed; a failing one counts 1 failed and exits non-zero)"
  else echo "selftest: FAILED — run-tests.sh does not count failures correctly"; fi
  if [[ "$command" == selftest ]]; then
    if [[ $selftest_ok -eq 1 ]]; then echo "1 passed, 0 failed"; exit 0; else echo "0 passed, 1 failed"; exit 1; fi
  fi
fi

if [[ "$command" == bench ]]; then
  step "benchmarks"
  exec scripts/bench.sh "${bench_args[@]+"${bench_args[@]}"}"
fi
if [[ "$command" == fuzz ]]; then
  step "fuzzing"
  exec scripts/fuzz.sh "${bench_args[@]+"${bench_args[@]}"}"
fi

if [[ "$command" == soak ]]; then
  step "soak"
  # One verdict, counted as one test so the closing line has the same form as every other command's.
  dotnet tests/Rtsp.Soak/bin/$CONFIG/net10.0/Rtsp.Soak.dll --report reports/soak/soak.md "${bench_args[@]+"${bench_args[@]}"}"
  rc=$?
  echo
  if [[ $rc -eq 0 ]]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
  exit $rc
fi

rm -rf "$RESULTS"; mkdir -p "$RESULTS"
crashed=0
mapfile -t projects < <(find reference harness tests -name '*.Tests.csproj' -not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null | sort)
[[ "$command" == selftest-run ]] && projects=(reference/Rtsp.Protocol.Tests/Rtsp.Protocol.Tests.csproj)
for proj in "${projects[@]}"; do
  name=$(basename "$proj" .csproj)
  step "test $name${filter:+ ($filter)}"
  args=(test "$proj" -c "$CONFIG" --no-build -nologo
        --results-directory "$RESULTS"
        --logger "trx;LogFileName=$name.trx"
        --logger "junit;LogFilePath=$RESULTS/$name.junit.xml")
  [[ -n "$filter" ]] && args+=(--filter "$filter")
  dotnet "${args[@]}"
  rc=$?
  if [[ $rc -ne 0 && ! -s "$RESULTS/$name.trx" ]]; then
    echo "run-tests.sh: $name exited $rc without a TRX file (test host crash?): counted as one failure"
    crashed=$((crashed + 1))
  fi
done

# Sum the <Counters> of every TRX (dotnet test's own per-project lines are not what CI reads).
passed=0; failed=$crashed; skipped=0
[[ "${command}" == all && ${selftest_ok:-1} -eq 0 ]] && failed=$((failed + 1))
for trx in "$RESULTS"/*.trx; do
  [[ -e "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted) + $(get inconclusive)))
done
echo
echo "TRX and JUnit XML: $RESULTS"
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
