#!/usr/bin/env bash
# Server benchmarks (./run-tests.sh bench runs this after the Release build): the frame pacer against a naive
# Thread.Sleep(40) loop over a 30 s run, then the largest number of 640x480 25 fps UDP sessions held with no loss
# and every session at >= 24.5 fps, then the server CPU a flood of 1 M tiny interleaved frames costs with 10 and
# 1000 sessions held, then the load generator: 200/500/1000 UDP and 200/500 TCP sessions against rtsp-ref and
# GStreamer's RTSP server in the same run (sessions held, loss, min fps, CPU per session, RSS, frame pacing
# p50/p99/max from kernel receive timestamps for UDP). Prints the figures and keeps a copy in reports/bench/server.txt.
# Usage: scripts/bench-server.sh [--seconds N] (pacer run length, default 30)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=30
[[ "${1:-}" == "--seconds" && -n "${2:-}" ]] && seconds="$2"
DLL=benchmarks/Rtsp.Server.Benchmarks/bin/Release/net10.0/Rtsp.Server.Benchmarks.dll
if [[ ! -f "$DLL" ]]; then
  dotnet build benchmarks/Rtsp.Server.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly || exit 1
fi
mkdir -p reports/bench
{
  echo "# server benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
  dotnet "$DLL" pacer --seconds "$seconds" || exit 1
  echo
  dotnet "$DLL" capacity || exit 1
  echo
  dotnet "$DLL" interleaved-flood || exit 1
  echo
  dotnet "$DLL" load --sessions 200,500,1000 --servers rtsp-ref,gstreamer || exit 1
  echo
  dotnet "$DLL" load --sessions 200,500 --servers rtsp-ref,gstreamer --transport tcp || exit 1
} 2>&1 | tee reports/bench/server.txt
exit "${PIPESTATUS[0]}"
