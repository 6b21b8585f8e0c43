#!/usr/bin/env bash
# Installs the Debian packages a command needs, only those missing. Usage: scripts/install-deps.sh PROFILE...
# Profiles: base (pcap, OpenCV's gtk), peers (ffmpeg, tshark, GStreamer RTSP server and client),
#           browser (Debian Chromium for Playwright), fuzz (afl++), all.
# As root it runs apt-get; otherwise it prints the exact command to run and exits 2.
set -euo pipefail

declare -A PROFILE=(
  [base]="libpcap0.8 libgtk-3-0"
  [peers]="ffmpeg tshark python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-rtsp gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav"
  [browser]="chromium"
  [fuzz]="afl++"
)

wanted=()
for p in "${@:-base}"; do
  if [[ "$p" == all ]]; then
    for k in base peers browser fuzz; do wanted+=(${PROFILE[$k]}); done
  elif [[ -n "${PROFILE[$p]:-}" ]]; then
    wanted+=(${PROFILE[$p]})
  else
    echo "install-deps: unknown profile '$p' (base, peers, browser, fuzz, all)" >&2; exit 2
  fi
done

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run as root:  apt-get update && DEBIAN_FRONTEND=noninteractive $cmd" >&2
  exit 2
fi
echo "install-deps: installing ${missing[*]} (apt-get; this takes a few minutes on a fresh machine)" >&2
# tshark asks whether non-root users may capture; answer no without a prompt (no stdin in CI).
echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
