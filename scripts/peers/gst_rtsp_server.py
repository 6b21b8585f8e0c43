#!/usr/bin/python3
"""A real third-party RTSP server for interop tests: the GStreamer RTSP server (gst-rtsp-server 1.22).

Mounts (see PEERS.md):
  /live       videotestsrc, live, not seekable, MJPEG (RFC 2435, pt 26)
  /avi        an MJPEG AVI file, seekable
  /h264       an H.264 MP4 file (libx264, GOP 25, B-frames), seekable (RFC 6184, pt 96)
  /h265       an H.265 MP4 file (libx265), seekable (RFC 7798, pt 96)        -- when ffmpeg has libx265
  /live-h264  videotestsrc, live, H.264 from openh264enc (RFC 6184, pt 96)   -- when x264enc or openh264enc exists
  /live-h265  videotestsrc, live, H.265 from x265enc (RFC 7798, pt 96)       -- when x265enc exists

Every clip and live mount has the geometry of --size/--fps (and the clips the length of --seconds); the defaults
(640x480, 25 fps, 10 s) are what the existing interop tests expect. Clips are made with ffmpeg in --media-dir when
missing (their names carry the geometry, so one directory can serve several).

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
RAW_LIVE = "videotestsrc is-live=true ! video/x-raw,format=I420,width={width},height={height},framerate={fps}/1"
LIVE_LAUNCH = "( " + RAW_LIVE + " ! jpegenc ! rtpjpegpay name=pay0 pt=26 )"
AVI_LAUNCH = "( filesrc location={path} ! avidemux ! rtpjpegpay name=pay0 pt=26 )"
# config-interval=1: SPS/PPS (and VPS) in band before every IDR, so a client joining late can decode.
H264_LAUNCH = "( filesrc location={path} ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
H265_LAUNCH = "( filesrc location={path} ! qtdemux ! h265parse ! rtph265pay name=pay0 pt=96 config-interval=1 )"
# x264enc (gst-plugins-ugly) is not always installed; openh264enc (gst-plugins-bad) is the fallback. A key frame
# every second keeps a late joiner's wait short.
LIVE_H264_ENCODERS = {
    "x264enc": "x264enc tune=zerolatency key-int-max={fps}",
    "openh264enc": "openh264enc gop-size={fps}",
}
LIVE_H264_LAUNCH = "( " + RAW_LIVE + " ! {encoder} ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
LIVE_H265_LAUNCH = (
    "( " + RAW_LIVE + " ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} ! h265parse "
    "! rtph265pay name=pay0 pt=96 config-interval=1 )"
)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_size(text):
    width, _, height = text.partition("x")
    try:
        width, height = int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad size '{text}', expected WxH (e.g. 640x480)") from None
    # RFC 2435 carries width and height in 8-pixel units up to 2040.
    if width <= 0 or height <= 0 or width % 8 or height % 8 or width > 2040 or height > 2040:
        raise argparse.ArgumentTypeError(f"bad size '{text}': width and height must be multiples of 8 up to 2040")
    return width, height


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be positive")
    return value


def parse_port_range(text):
    low, _, high = text.partition("-")
    low, high = int(low), int(high or low)
    if low <= 0 or high < low or high > 65535:
        raise argparse.ArgumentTypeError(f"bad port range '{text}', expected LOW-HIGH")
    return low, high


class Clips:
    """The file mounts' media, encoded by ffmpeg in parallel (each encoder runs at once) when missing."""

    def __init__(self, media_dir, size, fps, seconds, quality):
        os.makedirs(media_dir, exist_ok=True)
        self._dir = media_dir
        self._source = f"testsrc2=size={size[0]}x{size[1]}:rate={fps}"
        self._gop = str(fps)
        self._seconds = str(seconds)
        self._quality = quality
        self._tag = f"{size[0]}x{size[1]}-{fps}fps-{seconds}s"
        self._pending = []

    def mjpeg(self):
        """Standard Huffman tables and 4:2:0: what RFC 2435 carries. -q:v sets the frame size (larger = smaller)."""
        quality = ["-q:v", str(self._quality)] if self._quality else []
        return self._make(f"clip-{self._tag}-q{self._quality or 'default'}.avi",
                          ["-c:v", "mjpeg", *quality, "-pix_fmt", "yuvj420p", "-huffman", "default",
                           "-force_duplicated_matrix", "1"])

    def h264(self):
        return self._make(f"clip-{self._tag}-h264.mp4", ["-c:v", "libx264", "-g", self._gop, "-pix_fmt", "yuv420p"])

    def h265(self):
        # hvc1 sample entries keep VPS/SPS/PPS out of band; h265parse and config-interval put them in band again.
        return self._make(f"clip-{self._tag}-h265.mp4",
                          ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", f"log-level=error:keyint={self._gop}",
                           "-pix_fmt", "yuv420p", "-tag:v", "hvc1"])

    def finish(self):
        """Waits for every encoder started; the first that failed stops the server."""
        for process, tmp, path in self._pending:
            if process.wait() != 0:
                raise RuntimeError(f"ffmpeg could not make {path}")
            os.replace(tmp, path)
        self._pending = []

    def _make(self, name, codec_args):
        path = os.path.join(self._dir, name)
        if not os.path.exists(path):
            tmp = os.path.join(self._dir, "tmp-" + name)
            process = subprocess.Popen(
                ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", self._source, "-t", self._seconds, *codec_args, tmp],
                stdin=subprocess.DEVNULL)
            self._pending.append((process, tmp, path))
        return path


def ffmpeg_has_encoder(name):
    result = subprocess.run(["ffmpeg", "-hide_banner", "-encoders"], capture_output=True, text=True, check=False)
    return any(line.split()[1:2] == [name] for line in result.stdout.splitlines())


def make_factory(launch, pool):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    # Each client gets its own pipeline, so one test's PAUSE or seek never affects another.
    factory.set_shared(False)
    if pool is not None:
        factory.set_address_pool(pool)
    return factory


def mount_launches(args, clips):
    """Mount path -> launch line, for every mount this machine's plugins and encoders can serve."""
    width, height = args.size
    raw = {"width": width, "height": height, "fps": args.fps}
    launches = {
        "/live": LIVE_LAUNCH.format(**raw),
        "/avi": AVI_LAUNCH.format(path=clips.mjpeg()),
        "/h264": H264_LAUNCH.format(path=clips.h264()),
    }
    if ffmpeg_has_encoder("libx265"):
        launches["/h265"] = H265_LAUNCH.format(path=clips.h265())
    encoder = next((e for e in LIVE_H264_ENCODERS if Gst.ElementFactory.find(e)), None)
    if encoder:
        launches["/live-h264"] = LIVE_H264_LAUNCH.format(encoder=LIVE_H264_ENCODERS[encoder].format(**raw), **raw)
    if Gst.ElementFactory.find("x265enc"):
        launches["/live-h265"] = LIVE_H265_LAUNCH.format(**raw)
    return launches


def main():
    parser = argparse.ArgumentParser(description="GStreamer RTSP server with MJPEG, H.264 and H.265 mounts (interop peer)")
    parser.add_argument("--port", type=int, default=0, help="RTSP port on 127.0.0.1 (0 = pick a free one)")
    parser.add_argument("--media-dir", default=".", help="directory holding the clips (created when missing)")
    parser.add_argument("--rtp-ports", type=parse_port_range, help="server RTP/RTCP UDP port range LOW-HIGH")
    parser.add_argument("--size", type=parse_size, default=(640, 480), help="WxH of every mount (default 640x480)")
    parser.add_argument("--fps", type=positive_int, default=25, help="frame rate of every mount (default 25)")
    parser.add_argument("--seconds", type=positive_int, default=10, help="length of the file clips (default 10)")
    parser.add_argument("--mjpeg-quality", type=positive_int,
                        help="ffmpeg -q:v of the MJPEG clip, 2-31, larger = smaller frames (default: ffmpeg's)")
    args = parser.parse_args()

    Gst.init(None)
    clips = Clips(args.media_dir, args.size, args.fps, args.seconds, args.mjpeg_quality)
    launches = mount_launches(args, clips)
    clips.finish()
    port = args.port or free_port()

    pool = None
    if args.rtp_ports:
        pool = GstRtspServer.RTSPAddressPool()
        pool.add_range("0.0.0.0", "0.0.0.0", args.rtp_ports[0], args.rtp_ports[1], 0)

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(port))
    mounts = server.get_mount_points()
    for path, launch in launches.items():
        mounts.add_factory(path, make_factory(launch, pool))
    if server.attach(None) == 0:
        print(f"gst_rtsp_server: cannot listen on 127.0.0.1:{port}", file=sys.stderr)
        return 2

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"listening on rtsp://127.0.0.1:{port}/ mounts {' '.join(sorted(launches))}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
