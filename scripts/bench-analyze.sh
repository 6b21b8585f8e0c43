#!/usr/bin/env bash
# Analysis speed: `rtsp-harness analyze` beside `tshark -z rtp,streams` on the same ~1 GB capture.
# The capture is synthetic but real RFC 2435: JPEG frames from ffmpeg's test source (4:2:0, standard Huffman
# tables), packetized at 1400 bytes with a Q=255 table header, 25 fps with a little jitter, one UDP stream, written
# as a nanosecond pcap. Usage: scripts/bench-analyze.sh [SIZE_MB] (default 1024). Needs ffmpeg, tshark, python3.
set -euo pipefail
size_mb=${1:-1024}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/bench-analyze.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== building rtsp-harness (Release)"
dotnet build "$root/harness/rtsp-harness" -c Release -v q -nologo --tl:off | grep -E "error|Warn|Error" || true
harness="$root/harness/rtsp-harness/bin/Release/net10.0/rtsp-harness"

echo "== making JPEG frames with ffmpeg"
ffmpeg -v error -f lavfi -i testsrc=size=640x480:rate=25 -t 4 -c:v mjpeg -pix_fmt yuvj420p -huffman default \
  -force_duplicated_matrix 1 -q:v 5 -f image2 "$work/frame-%03d.jpg"

echo "== writing a ${size_mb} MB capture"
python3 "$root/scripts/make-rtp-jpeg-pcap.py" "$work" "$work/bench.pcap" "$size_mb"
bytes=$(stat -c %s "$work/bench.pcap")
packets=$(cat "$work/bench.pcap.packets")
mb=$(python3 -c "print(f'{$bytes/1e6:.0f}')")
echo "capture: $mb MB, $packets packets"

rate() { python3 -c "s=$1; print(f'{s:.1f} s, {$bytes/1e6/s:.1f} MB/s, {$packets/s/1000:.0f} k packets/s')"; }

echo "== rtsp-harness analyze (every check, every frame reassembled and decoded with OpenCV)"
start=$(date +%s.%N)
"$harness" analyze "$work/bench.pcap" --fps 25 > "$work/analyze.txt" || true
end=$(date +%s.%N)
analyze_s=$(python3 -c "print($end-$start)")
grep -E "^  udp|decoded frames" "$work/analyze.txt" || true
echo "rtsp-harness analyze: $(rate "$analyze_s")"

echo "== rtsp-harness analyze --no-decode (every check but jpeg.decode)"
start=$(date +%s.%N)
"$harness" analyze "$work/bench.pcap" --fps 25 --no-decode > /dev/null || true
end=$(date +%s.%N)
nodecode_s=$(python3 -c "print($end-$start)")
echo "rtsp-harness analyze --no-decode: $(rate "$nodecode_s")"

echo "== tshark -q -z rtp,streams"
start=$(date +%s.%N)
tshark -r "$work/bench.pcap" -d udp.port==6970,rtp -q -z rtp,streams 2>/dev/null > "$work/tshark.txt"
end=$(date +%s.%N)
tshark_s=$(python3 -c "print($end-$start)")
grep -E "JPEG" "$work/tshark.txt" || true
echo "tshark rtp,streams:   $(rate "$tshark_s")"
