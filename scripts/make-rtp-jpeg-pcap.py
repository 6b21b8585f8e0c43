#!/usr/bin/env python3
"""Writes a nanosecond pcap of one RFC 2435 RTP stream (for scripts/bench-analyze.sh).

usage: make-rtp-jpeg-pcap.py FRAME_DIR OUT.pcap SIZE_MB
FRAME_DIR holds baseline 4:2:0 JPEGs with standard Huffman tables (ffmpeg -huffman default). Each frame is split
into 1400-byte RTP payloads: 8-byte JPEG header (type 1, Q 255, width/8, height/8), a quantization table header
with both tables in the first fragment, then the scan data; the marker bit on the last. 25 fps with up to 2 ms of
jitter; sequence numbers and timestamps wrap. Writes OUT.pcap.packets with the packet count.
"""
import glob, os, random, struct, sys

def jpeg_parts(data):
    """(width, height, [luma, chroma] 64-byte tables, scan data without EOI)."""
    i, tables, width, height = 2, {}, 0, 0
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        body = data[i + 4:i + 2 + length]
        if marker == 0xDB:
            j = 0
            while j < len(body):
                tables[body[j] & 0x0F] = body[j + 1:j + 65]
                j += 65
        elif marker == 0xC0:
            height, width = struct.unpack(">HH", body[1:5])
        elif marker == 0xDA:
            scan = data[i + 2 + length:]
            return width, height, [tables[0], tables[1]], scan[:-2] if scan.endswith(b"\xff\xd9") else scan
        i += 2 + length
    raise ValueError("no SOS")

def payloads(width, height, tables, scan, mtu=1400):
    qheader = struct.pack(">BBH", 0, 0, 128) + tables[0] + tables[1]
    out, offset, first = [], 0, True
    while offset < len(scan):
        head = struct.pack(">B", 0) + struct.pack(">I", offset)[1:] + bytes([1, 255, width // 8, height // 8])
        extra = qheader if first else b""
        take = mtu - len(head) - len(extra)
        out.append(head + extra + scan[offset:offset + take])
        offset += take
        first = False
    return out

def main():
    frame_dir, path, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
    frames = [payloads(*jpeg_parts(open(f, "rb").read())) for f in sorted(glob.glob(os.path.join(frame_dir, "*.jpg")))]
    rnd = random.Random(5)
    eth = b"\x00" * 12 + b"\x08\x00"
    seq, ts, ssrc, t = 60000, 4_000_000_000, 0x5EED, 1_764_000_000 * 10**9
    count, limit = 0, size_mb * 1_000_000
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
        written, n = 24, 0
        while written < limit:
            frame_time = t + n * 40_000_000 + rnd.randrange(2_000_000)
            parts = frames[n % len(frames)]
            for k, payload in enumerate(parts):
                rtp = struct.pack(">BBHII", 0x80, (0x80 if k == len(parts) - 1 else 0) | 26, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + payload
                udp = struct.pack(">HHHH", 6970, 50000, 8 + len(rtp), 0) + rtp
                ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0, b"\x7f\x00\x00\x01", b"\x7f\x00\x00\x01") + udp
                frame = eth + ip
                when = frame_time + k * 30_000
                out.write(struct.pack("<IIII", when // 10**9, when % 10**9, len(frame), len(frame)))
                out.write(frame)
                written += 16 + len(frame)
                seq += 1
                count += 1
            ts += 3600
            n += 1
    with open(path + ".packets", "w") as f:
        f.write(str(count))

main()
