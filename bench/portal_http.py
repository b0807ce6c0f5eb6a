# Helpers of the portal benchmarks (bench/portal-intake, bench/portal-kill9): start `gpaikit serve`
# on a project, fetch a form's CSRF cookie and token, file complaints over HTTP/1.1 keep-alive.
import http.client
import os
import re
import subprocess
import sys
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def gpaikit_binary(argv, name):
    """The gpaikit binary from `BUILD_DIR | BINARY` (default build-bench), or exit 2."""
    target = argv[0] if argv else os.path.join(ROOT, "build-bench")
    if os.path.isdir(target):
        target = os.path.join(target, "src", "cli", "gpaikit")
    if not os.access(target, os.X_OK):
        print(f"{name}: {target}: no gpaikit binary (build it first)", file=sys.stderr)
        sys.exit(2)
    return target


def start_serve(gpaikit, project):
    """`gpaikit serve -C project --port 0`: the process and its port."""
    process = subprocess.Popen([gpaikit, "serve", "-C", project, "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.match(r"listening on http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        sys.exit(f"gpaikit serve: expected 'listening on URL', got {line!r}")
    return process, int(match.group(1))


class Client:
    """One keep-alive connection that files complaints with one CSRF cookie and token."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        status, headers, body = self.request("GET", "/complaints/new")
        self.cookie = headers.get("Set-Cookie", "").split(";")[0]
        token = re.search(r'name="csrf_token" value="([^"]+)"', body)
        if status != 200 or not token or not self.cookie:
            raise RuntimeError(f"GET /complaints/new: status {status}, no CSRF token")
        self.token = token.group(1)

    def request(self, method, path, body=None, headers=None):
        self.connection.request(method, path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8")

    def file_complaint(self, number):
        """Files complaint `number`: (tracking number, status path) or raises."""
        fields = {"name": f"Bench Rightsholder {number}", "organisation": "Example Press",
                  "email": f"rights{number}@press.example", "authority": "rightsholder",
                  "works": f"https://press.example/work/{number}",
                  "allegation": f"Work {number} was crawled although robots.txt disallowed it.",
                  "declaration": "yes", "csrf_token": self.token}
        status, _, body = self.request(
            "POST", "/complaints/new", urllib.parse.urlencode(fields),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie})
        tracking = re.search(r"C-\d{4}-\d{6}", body)
        link = re.search(r'href="(/status/[0-9a-f]{64})"', body)
        if status != 200 or not tracking or not link:
            raise RuntimeError(f"POST /complaints/new: status {status}")
        return tracking.group(0), link.group(1)

    def close(self):
        self.connection.close()
