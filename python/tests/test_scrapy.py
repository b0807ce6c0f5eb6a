"""Scrapy crawls a small site on loopback with gpaikit.scrapy.RobotParser and OptOutMiddleware:
exactly which pages are fetched, refused (robots.txt RFC 9309, TDMRep file) or dropped (TDMRep
header, noai meta, Content-Usage), and why (CoP Copyright, Measure 1.3)."""

import http.server
import json
import os
import subprocess
import sys
import textwrap
import threading

import pytest

PAGES = {
    "/robots.txt": ({}, "User-agent: TestBot\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n"),
    "/.well-known/tdmrep.json": ({"Content-Type": "application/json"},
                                 '[{"location": "/books/*", "tdm-reservation": 1}]'),
    "/": ({}, "".join(f'<a href="{p}">{p}</a>' for p in
                      ["/a", "/private/x", "/books/1", "/hdr", "/meta", "/usage"])),
    "/a": ({}, "<p>free</p>"),
    "/private/x": ({}, "<p>private</p>"),
    "/books/1": ({}, "<p>book</p>"),
    "/hdr": ({"tdm-reservation": "1"}, "<p>reserved by header</p>"),
    "/meta": ({}, '<html><head><meta name="robots" content="noai"></head><body>x</body></html>'),
    "/usage": ({"Content-Usage": "train-ai=n"}, "<p>no training</p>"),
}


class Site(http.server.BaseHTTPRequestHandler):
    requested = []

    def do_GET(self):
        Site.requested.append(self.path)
        headers, body = PAGES.get(self.path, (None, None))
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        if "Content-Type" not in headers:
            self.send_header("Content-Type", "text/plain" if self.path.endswith(".txt")
                             else "text/html; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


SPIDER = textwrap.dedent('''
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    base, seen_path, log_path = sys.argv[1:4]
    seen = []

    class Site(scrapy.Spider):
        name = "site"
        start_urls = [base + "/"]
        def parse(self, response):
            seen.append(response.url[len(base):])
            yield from response.follow_all(css="a", callback=self.parse)

    process = CrawlerProcess({
        "USER_AGENT": "TestBot/1.0 (+https://example.invalid/bot)",
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_PARSER": "gpaikit.scrapy.RobotParser",
        "DOWNLOADER_MIDDLEWARES": {"gpaikit.scrapy.OptOutMiddleware": 560},
        "GPAIKIT_EVIDENCE_LOG": log_path,
        "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    })
    process.crawl(Site)
    process.start()
    json.dump(sorted(seen), open(seen_path, "w"))
''')


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.requested = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_crawl_fetches_refuses_and_drops_exactly(site, tmp_path):
    script = tmp_path / "crawl.py"
    script.write_text(SPIDER)
    seen_path, log_path = tmp_path / "seen.json", tmp_path / "evidence.jsonl"
    run = subprocess.run([sys.executable, str(script), site, str(seen_path), str(log_path)],
                         capture_output=True, text=True, timeout=120, env=os.environ)
    assert run.returncode == 0, run.stderr
    # Only allowed pages reach the spider.
    assert json.loads(seen_path.read_text()) == ["/", "/a"]
    # Refused URLs are never requested from the server.
    assert "/private/x" not in Site.requested and "/books/1" not in Site.requested
    entries = [json.loads(line) for line in log_path.read_text().splitlines()]
    by_path = {e["url"][len(site):]: e for e in entries}
    assert set(by_path) == {"/", "/a", "/private/x", "/books/1", "/hdr", "/meta", "/usage"}
    assert all(e["schema"] == "gpaikit.optout-evidence/1" and e["agent"] == "TestBot"
               for e in entries)

    def deciding(path):
        e = by_path[path]
        kinds = {s["kind"] for s in e["signals"]
                 if s["effect"] in ("reserves", "blocks") and not s.get("superseded")}
        return e["action"], e["verdict"], kinds

    assert deciding("/") == ("fetched", "allowed", set())
    assert deciding("/a") == ("fetched", "allowed", set())
    assert deciding("/private/x") == ("refused", "reserved", {"robots-txt"})
    robots_signal = by_path["/private/x"]["signals"][0]
    assert robots_signal["line"] == 2 and robots_signal["rule"] == "Disallow: /private"
    assert deciding("/books/1") == ("refused", "reserved", {"tdmrep-file"})
    assert deciding("/hdr") == ("dropped", "reserved", {"tdmrep-header"})
    assert deciding("/meta") == ("dropped", "reserved", {"noai"})
    assert deciding("/usage") == ("dropped", "reserved", {"content-usage"})
