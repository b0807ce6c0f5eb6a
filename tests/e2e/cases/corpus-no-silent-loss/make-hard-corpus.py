#!/usr/bin/python3
# Damaged corpus files for corpus-no-silent-loss: truncated gzip members, Content-Lengths past
# their record (ISO 28500 section 5.3), an early corrupt gzip member; written to the folder argv[1].
import gzip, json, os, sys
out = sys.argv[1]
os.makedirs(out)
def warc(uri, body, length_extra=0):
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block) + length_extra}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"
lines = "".join(json.dumps({"text": f"line {i} " * 20, "url": f"https://t{i % 7}.example/"}) + "\n"
                for i in range(3000)).encode()
whole = gzip.compress(lines)
open(f"{out}/cut-trailer.jsonl.gz", "wb").write(whole[:-4])   # CRC-32 and size cut short
open(f"{out}/cut-deflate.jsonl.gz", "wb").write(whole[:-9])   # the last deflate byte cut
open(f"{out}/lines.jsonl", "wb").write(lines)
# ISO 28500 section 5.3: Content-Length is the block's length; here one that is too large.
ok = [warc(f"https://ok{i}.example/", b"<p>ok</p>" * (i + 1)) for i in range(3)]
long = warc("https://long.example/", b"<p>long</p>", length_extra=50)
open(f"{out}/long.warc", "wb").write(ok[0] + long + ok[1] + ok[2])
beyond = warc("https://beyond.example/", b"<p>beyond</p>", length_extra=100000)
open(f"{out}/beyond.warc", "wb").write(ok[0] + beyond + ok[1] + ok[2])
open(f"{out}/long-member.warc.gz", "wb").write(
    b"".join(gzip.compress(r) for r in (ok[0], long, ok[1], ok[2])))
# An early corrupt gzip member (damaged deflate data and CRC-32): its record is lost.
bad = bytearray(gzip.compress(ok[1]))
for at in range(12, len(bad) - 8, 7):
    bad[at] ^= 0x55
bad[-6] ^= 0x55
open(f"{out}/bad-member.warc.gz", "wb").write(
    gzip.compress(ok[0]) + bytes(bad) + gzip.compress(ok[2]))
