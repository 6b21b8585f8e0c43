#!/usr/bin/env bash
# Benchmarks (./run-tests.sh bench): wire-format micro-benchmarks, then the server's pacer and capacity figures,
# then the harness's analysis speed. Each part prints its own figures; nothing here asserts timing.
# Usage: scripts/bench.sh [micro|server|analyze]...   (default: all three)
set -uo pipefail
cd "$(dirname "$0")/.."
parts=("$@"); [[ ${#parts[@]} -eq 0 ]] && parts=(micro server analyze)
status=0
for part in "${parts[@]}"; do
  case "$part" in
    micro)
      echo "== micro-benchmarks (BenchmarkDotNet): RTSP parse, RTP parse/serialize, RFC 2435 packetize"
      dotnet run -c Release --project benchmarks/Rtsp.Benchmarks --no-build -- --filter '*' --artifacts reports/bench/micro || status=1 ;;
    server)  echo "== server: pacer and capacity"; scripts/bench-server.sh || status=1 ;;
    analyze) echo "== harness: analysis speed on a large capture"; scripts/bench-analyze.sh || status=1 ;;
    *) echo "bench: unknown part '$part' (micro, server, analyze)" >&2; exit 2 ;;
  esac
done
exit $status
