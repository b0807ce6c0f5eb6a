#!/usr/bin/python3
"""expect-scan.py STATS.json EXIT --exit N [--error NEEDLE] [--stat KEY=VALUE ...]: checks a
`corpus scan --json` result: the exit status, an error naming its (absolute) file, an integer offset
and NEEDLE, and top-level statistics. Prints what differs and exits 1 on any difference."""
import json
import sys

args = sys.argv[1:]
stats_file, got_exit = args[0], int(args[1])
want_exit, needle, want = None, None, {}
i = 2
while i < len(args):
    if args[i] == "--exit":
        want_exit = int(args[i + 1])
    elif args[i] == "--error":
        needle = args[i + 1]
    elif args[i] == "--stat":
        key, value = args[i + 1].split("=", 1)
        want[key] = int(value)
    i += 2
problems = []
if want_exit is not None and got_exit != want_exit:
    problems.append(f"exit {got_exit}, expected {want_exit}")
s = json.load(open(stats_file))
if needle is not None:
    hits = [e for e in s["errors"] if needle in e["message"] and e["file"].startswith("/")
            and isinstance(e["offset"], int)]
    if not hits:
        problems.append(f"no error naming its file and offset with {needle!r}: {s['errors']}")
for key, value in want.items():
    if s[key] != value:
        problems.append(f"{key} is {s[key]}, expected {value}")
print("; ".join(problems) if problems else "as expected")
sys.exit(1 if problems else 0)
