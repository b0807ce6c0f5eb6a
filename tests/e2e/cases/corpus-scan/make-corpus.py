#!/usr/bin/python3
# Writes a corpus for tests/e2e/cases/corpus-scan into the folder given, and truth.json beside it
# (what a scan must say): three WARC.gz files of one gzip member per record, one single-stream
# WARC.gz, a JSONL file and a JSONL.gz.
import gzip, json, os, sys
out = sys.argv[1]
os.makedirs(out)
def warc(kind, uri, date, ctype, block):
    head = f"WARC/1.1\r\nWARC-Type: {kind}\r\n"
    if uri:
        head += f"WARC-Target-URI: {uri}\r\n"
    head += f"WARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:x>\r\nContent-Type: {ctype}\r\n"
    return (head + f"Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"
def http(body, ctype="text/html"):
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
            .encode() + body)
truth = {"records": 0, "content_bytes": 0, "domains": {}, "dates": [], "news1_in_crawl0": 0}
def count(domain, size, date):
    truth["records"] += 1
    truth["content_bytes"] += size
    truth["domains"][domain] = truth["domains"].get(domain, 0) + size
    truth["dates"].append(date)
for f in range(4):
    records = [warc("warcinfo", "", "2024-01-01T00:00:00Z", "application/warc-fields", b"a: b\r\n")]
    for i in range(40):
        host = f"www.site{(i * 7 + f) % 13}.co.uk" if i % 2 else f"news{i % 5}.example.org"
        domain = host.split(".", 1)[1] if host.startswith("www.") else "example.org"
        body = (f"<p>file {f} record {i}</p>" * (1 + i % 4)).encode()
        date = f"2024-0{1 + (i + f) % 9}-1{i % 10}T08:00:00Z"
        records.append(warc("request", f"https://{host}/{i}", date,
                            "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"))
        records.append(warc("response", f"https://{host}/{i}", date,
                            "application/http; msgtype=response", http(body)))
        count(domain, len(body), date)
        if f == 0 and host == "news1.example.org":
            truth["news1_in_crawl0"] += 1
    name = f"{out}/crawl-{f}.warc.gz"
    with open(name, "wb") as h:
        if f == 3:
            h.write(gzip.compress(b"".join(records)))  # one gzip stream
        else:
            for r in records:
                h.write(gzip.compress(r))  # one member per record
lines = []
for i in range(25):
    text = "é" * i + "plain text"
    date = f"2023-1{i % 3}-0{1 + i % 9}"
    lines.append(json.dumps({"text": text, "url": f"https://blog{i % 4}.example.net/{i}",
                             "date": date, "token_count": i}, ensure_ascii=i % 2 == 0))
    count("example.net", len(text.encode()), date)
with open(f"{out}/docs.jsonl", "w") as h:
    h.write("\n".join(lines[:12]) + "\n")
with gzip.open(f"{out}/more.jsonl.gz", "wt") as h:
    h.write("\n".join(lines[12:]) + "\n")
truth["first_date"] = min(truth["dates"], key=lambda d: d[:19])
truth["last_date"] = max(truth["dates"], key=lambda d: d[:19])
del truth["dates"]
json.dump(truth, open(f"{out}/../truth.json", "w"))
