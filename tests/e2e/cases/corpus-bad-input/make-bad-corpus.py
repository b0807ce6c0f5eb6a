#!/usr/bin/python3
# Writes a corpus with one problem of each kind for tests/e2e/cases/corpus-bad-input: bytes
# between WARC records, a record without WARC-Target-URI, a non-HTTP payload, a truncated gzip
# member, a broken JSONL line and invalid UTF-8.
import gzip, os, sys
out = sys.argv[1]
os.makedirs(out)
def warc(kind, uri, block, ctype="application/http; msgtype=response"):
    head = f"WARC/1.1\r\nWARC-Type: {kind}\r\n" + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
    head += f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: {ctype}\r\n"
    return (head + f"Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"
ok = warc("response", "https://ok.example/", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
with open(f"{out}/a.warc", "wb") as h:
    h.write(ok + b"GARBAGE BETWEEN RECORDS\r\n" + ok)               # bytes between records
    h.write(warc("response", "", b"HTTP/1.1 200 OK\r\n\r\nx"))     # missing WARC-Target-URI
    h.write(warc("response", "https://n.example/", b"not http at all"))  # non-HTTP payload
    h.write(ok)
member = gzip.compress(ok)
with open(f"{out}/b.warc.gz", "wb") as h:
    h.write(member + member + member[: len(member) // 2])           # truncated gzip member
with open(f"{out}/c.jsonl", "wb") as h:
    h.write(b'{"text":"good","url":"https://j.example/"}\n{"text": broken\n'
            b'{"text":"bad \xff utf-8","url":"https://j.example/"}\n'
            b'{"text":"good again","url":"https://j.example/"}\n')
