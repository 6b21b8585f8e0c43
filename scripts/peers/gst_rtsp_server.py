#!/usr/bin/python3
"""A real third-party RTSP server for interop tests: the GStreamer RTSP server (gst-rtsp-server 1.22).

Mounts (see PEERS.md):
  /live  videotestsrc, live, not seekable, 640x480 25 fps MJPEG (RFC 2435, pt 26)
  /avi   an MJPEG AVI file, seekable (created with ffmpeg in --media-dir when missing)

Prints "listening on rtsp://127.0.0.1:PORT/" on stdout once the server is attached, then serves until SIGTERM/SIGINT.
Run it with Debian's /usr/bin/python3 (a pyenv python has no `gi`).
"""
import argparse
import os
import signal
import socket
import subprocess
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

# Without format=I420 jpegenc picks 4:4:4, which RFC 2435 cannot carry: rtpjpegpay drops every frame and DESCRIBE
# answers 503.
LIVE_LAUNCH = (
    "( videotestsrc is-live=true ! video/x-raw,format=I420,width=640,height=480,framerate=25/1 "
    "! jpegenc ! rtpjpegpay name=pay0 pt=26 )"
)
AVI_LAUNCH = "( filesrc location={path} ! avidemux ! rtpjpegpay name=pay0 pt=26 )"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_clip(media_dir):
    """The seekable mount needs an MJPEG AVI with standard Huffman tables and 4:2:0 (what RFC 2435 carries)."""
    os.makedirs(media_dir, exist_ok=True)
    path = os.path.join(media_dir, "clip.avi")
    if not os.path.exists(path):
        tmp = path + ".tmp.avi"
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25", "-t", "10",
             "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default", tmp],
            check=True)
        os.replace(tmp, path)
    return path


def parse_port_range(text):
    low, _, high = text.partition("-")
    low, high = int(low), int(high or low)
    if low <= 0 or high < low or high > 65535:
        raise argparse.ArgumentTypeError(f"bad port range '{text}', expected LOW-HIGH")
    return low, high


def make_factory(launch, pool):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    # Each client gets its own pipeline, so one test's PAUSE or seek never affects another.
    factory.set_shared(False)
    if pool is not None:
        factory.set_address_pool(pool)
    return factory


def main():
    parser = argparse.ArgumentParser(description="GStreamer RTSP server with /live and /avi mounts (interop peer)")
    parser.add_argument("--port", type=int, default=0, help="RTSP port on 127.0.0.1 (0 = pick a free one)")
    parser.add_argument("--media-dir", default=".", help="directory holding clip.avi (created when missing)")
    parser.add_argument("--rtp-ports", type=parse_port_range, help="server RTP/RTCP UDP port range LOW-HIGH")
    args = parser.parse_args()

    Gst.init(None)
    clip = ensure_clip(args.media_dir)
    port = args.port or free_port()

    pool = None
    if args.rtp_ports:
        pool = GstRtspServer.RTSPAddressPool()
        pool.add_range("0.0.0.0", "0.0.0.0", args.rtp_ports[0], args.rtp_ports[1], 0)

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(port))
    mounts = server.get_mount_points()
    mounts.add_factory("/live", make_factory(LIVE_LAUNCH, pool))
    mounts.add_factory("/avi", make_factory(AVI_LAUNCH.format(path=clip), pool))
    if server.attach(None) == 0:
        print(f"gst_rtsp_server: cannot listen on 127.0.0.1:{port}", file=sys.stderr)
        return 2

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"listening on rtsp://127.0.0.1:{port}/", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
