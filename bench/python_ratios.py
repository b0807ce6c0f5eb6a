"""The measurements of bench/python_ratios, each side in this one process (ratios in one run)."""

import gzip
import multiprocessing
import operator
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from gpaikit import corpus, optout

ROOT = sys.argv[1]
SHARED = os.environ["GPAIKIT_SHARED_DIR"]


def robots_ratio():
    from protego import Protego

    path = os.path.join(SHARED, "conformance", "robots", "realworld", "cases.tsv.gz")
    folder = os.path.dirname(path)
    with gzip.open(path, "rb") as f:
        cases = [line.rstrip(b"\n").split(b"\t") for line in f if line.strip()]
    bodies = {}
    for name, *_ in cases:
        if name not in bodies:
            with open(os.path.join(folder, name.decode()), "rb") as r:
                bodies[name] = r.read()
    cases = [(c[0], c[1].decode(), c[2].decode(), c[3] == b"1" if len(c) > 3 else None)
             for c in cases]

    def gpaikit_calls():
        policies, agree = {}, 0
        for name, agent, url, expected in cases:
            policy = policies.get(name)
            if policy is None:
                policy = policies[name] = optout.RobotsPolicy(bodies[name])
            agree += policy.allowed(agent, url) == expected
        return agree

    def protego_calls():
        policies, agree = {}, 0
        for name, agent, url, expected in cases:
            policy = policies.get(name)
            if policy is None:
                policy = policies[name] = Protego.parse(bodies[name].decode("utf-8", "replace"))
            agree += policy.can_fetch(url, agent) == expected
        return agree

    # The same checks grouped by (file, agent) in case order, for the batch API; Protego has no
    # batch call, so its side loops over the same groups.
    groups, index = [], {}
    for name, agent, url, expected in cases:
        key = (name, agent)
        if key not in index:
            index[key] = len(groups)
            groups.append((name, agent, [], []))
        groups[index[key]][2].append(url)
        groups[index[key]][3].append(expected)

    def gpaikit_batched():
        policies, agree = {}, 0
        for name, agent, urls, expected in groups:
            policy = policies.get(name)
            if policy is None:
                policy = policies[name] = optout.RobotsPolicy(bodies[name])
            agree += sum(map(operator.eq, policy.allowed_many(agent, urls), expected))
        return agree

    def protego_batched():
        policies, agree = {}, 0
        for name, agent, urls, expected in groups:
            policy = policies.get(name)
            if policy is None:
                policy = policies[name] = Protego.parse(bodies[name].decode("utf-8", "replace"))
            agree += sum(policy.can_fetch(url, agent) == e for url, e in zip(urls, expected))
        return agree

    n = len(cases)
    rounds = 3
    print(f"robots.txt: {n} checks of {len(bodies)} files, parsing included, one process;"
          f" CPU seconds of this process (wall in brackets), best of {rounds} alternating rounds"
          " (the first round of either side pays the page faults of a growing heap)")
    results = {}
    sides = (("gpaikit.optout, one call a check", gpaikit_calls), ("protego", protego_calls),
             (f"gpaikit.optout, allowed_many ({len(groups)} groups)", gpaikit_batched),
             ("protego, the same groups", protego_batched))
    for _ in range(rounds):
        for label, run in sides:
            cpu, wall = time.process_time(), time.perf_counter()
            agree = run()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if label not in results or cpu < results[label][0]:
                results[label] = (cpu, wall, agree)
    for label, _ in sides:
        cpu, wall, agree = results[label]
        print(f"  {label:46} {cpu:8.3f} s ({wall:7.3f}) {n / cpu:12,.0f} checks/s"
              f"  agree {agree}/{n}")
    cpu = [results[label][0] for label, _ in sides]
    print(f"  ratio, one call a check: {cpu[1] / cpu[0]:.1f}x;"
          f" batched per (file, agent): {cpu[3] / cpu[2]:.1f}x (target >= 30x, aim 50x)")


def plain_warc_loop(path):
    """A plain Python WARC reader: header lines, Content-Length, the HTTP payload's type."""
    n = total = 0
    with gzip.open(path, "rb") as f:
        while True:
            line = f.readline()
            if not line:
                break
            if not line.startswith(b"WARC/"):
                continue
            headers = {}
            for line in iter(f.readline, b"\r\n"):
                key, _, value = line.partition(b":")
                headers[key.strip().lower()] = value.strip()
            block = f.read(int(headers[b"content-length"]))
            if headers.get(b"warc-type") != b"response":
                continue
            head, _, body = block.partition(b"\r\n\r\n")
            media = b""
            for h in head.split(b"\r\n")[1:]:
                if h.lower().startswith(b"content-type:"):
                    media = h[13:].strip()
            _ = (headers.get(b"warc-target-uri"), headers.get(b"warc-date"), media)
            n += 1
            total += len(body)
    return n, total


def records_ratio(big):
    start = time.process_time()
    n_g = sum(1 for _ in corpus.records(big, documents_only=True))
    g_time = time.process_time() - start
    start = time.process_time()
    n_p, _ = plain_warc_loop(big)
    p_time = time.process_time() - start
    print(f"records(): {n_g} documents of {os.path.getsize(big) / 1e6:.1f} MB WARC.gz "
          "(python3-warcio is not packaged in Debian 12: a plain gzip+WARC loop instead)")
    print(f"  gpaikit.corpus.records {n_g / g_time:10,.0f} records per CPU second")
    print(f"  plain Python loop      {n_p / p_time:10,.0f} records per CPU second ({n_p} records)")
    print(f"  ratio {p_time / g_time * n_g / max(n_p, 1):.1f}x")


def dask_ratio(folder):
    from distributed import Client, LocalCluster

    from gpaikit import dask as gdask

    times = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            client.run(__import__, "gpaikit.corpus")  # warm: workers import the package
            start = time.perf_counter()
            stats = gdask.scan(folder, client)
            times[workers] = time.perf_counter() - start
    # The machine's own ceiling in the same run: the same files split over two plain processes
    # (no Dask) against one. On a shared VM it is often well below 2x; read Dask's ratio against it.
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    plain = {}
    for processes in (1, 2):
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            pool.map(abs, range(processes))  # warm: the processes are started
            start = time.perf_counter()
            pool.map(corpus.scan, [files[i::processes] for i in range(processes)])
            plain[processes] = time.perf_counter() - start
    size = sum(os.path.getsize(f) for f in files)
    print(f"dask: {len(os.listdir(folder))} files, {size / 1e6:.0f} MB WARC.gz, "
          f"{stats.records} documents, {os.cpu_count()} cores")
    for workers, t in times.items():
        print(f"  {workers} worker(s) {t:7.2f} s {size / t / 1e6:8.1f} MB/s compressed")
    print(f"  ratio 2 vs 1: {times[1] / times[2]:.2f}x (target >= 1.8x); two plain processes vs"
          f" one in this run: {plain[1] / plain[2]:.2f}x ({plain[1]:.2f} s vs {plain[2]:.2f} s)")


def slurm_ratio(big, work):
    """deploy/slurm/submit-scan with 2 array tasks against 1 on a single-node Slurm started here
    (python/tests/slurm_cluster.py), from submission until the merge job wrote the statistics.

    Slurm needs about a second to start an array and about another to start the merge after its
    dependency, so the workload must make the scan dominate: SLURM_BENCH_FILES (default 200) hard
    links to the same WARC.gz in a scratch folder, i.e. 200 x 27 MB = 5.4 GB of input that the page
    cache holds once (the scan measures decoding, not the disk)."""
    sys.path.insert(0, os.path.join(ROOT, "python", "tests"))
    import slurm_cluster

    gpaikit = os.environ.get("GPAIKIT", os.path.join(os.path.dirname(corpus.__file__), "..", "..",
                                                     "src", "cli", "gpaikit"))
    count = int(os.environ.get("SLURM_BENCH_FILES", "200"))
    folder = os.path.join(work, "slurm-files")
    os.mkdir(folder)
    for i in range(count):
        os.link(big, os.path.join(folder, f"part-{i:04}.warc.gz"))
    size = os.path.getsize(big) * count
    times, work_phase = {1: [], 2: []}, {1: [], 2: []}
    try:
        with slurm_cluster.single_node_slurm(work) as (env, _):
            env = dict(env, GPAIKIT=os.path.abspath(gpaikit))
            for run in range(4):  # alternating 1, 2, 1, 2
                tasks = 1 + run % 2
                out = pathlib.Path(work) / f"slurm-{run}"
                start = time.perf_counter()
                subprocess.run([os.path.join(ROOT, "deploy", "slurm", "submit-scan"), str(tasks),
                                str(out), folder], env=env, check=True, capture_output=True)
                if not slurm_cluster.wait_for(out / "stats.json", 600):
                    sys.exit(f"slurm: no statistics in {out}")
                times[tasks].append(time.perf_counter() - start)
                work_phase[tasks].append(_scan_phase(out))
    except slurm_cluster.Unavailable as why:
        print(f"slurm: not measured: {why}")
        return
    print(f"slurm: {count} files ({count} hard links to one {os.path.getsize(big) / 1e6:.0f} MB"
          f" WARC.gz), {size / 1e9:.1f} GB, single-node cluster (CPUs=2), runs alternating 1, 2,"
          " 1, 2 tasks; end to end = submission to merged statistics (includes Slurm's"
          " scheduling passes), scan = first task start to last task end (from the tasks' logs)")
    for tasks in (1, 2):
        print(f"  {tasks} array task(s)  end to end "
              + ", ".join(f"{t:6.2f} s" for t in times[tasks]) + "   scan "
              + ", ".join(f"{t:6.2f} s" for t in work_phase[tasks]))
    one, two = min(times[1]), min(times[2])
    scan1, scan2 = min(work_phase[1]), min(work_phase[2])
    print(f"  ratio 2 vs 1 (best of 2 each): end to end {one / two:.2f}x, scan {scan1 / scan2:.2f}x"
          " (target >= 1.8x)")


def _scan_phase(out):
    """Seconds from the first array task's start to the last one's end, from their log lines."""
    starts, ends = [], []
    for log in out.glob("scan-*.log"):
        for line in log.read_text().splitlines():
            words = line.split()
            if line.startswith("gpaikit-scan ") and len(words) >= 5:
                (starts if words[3] == "started" else ends).append(float(words[4]))
    return max(ends) - min(starts)


def main():
    parts = sys.argv[2:] or ["robots", "records", "dask", "slurm"]  # a subset may be named
    if "robots" in parts:
        robots_ratio()
    if not {"records", "dask", "slurm"} & set(parts):
        return
    example = os.path.join(ROOT, "examples", "open-7b-eu-sme", "corpus", "sample",
                           "warcfile.warc.gz")
    work = tempfile.mkdtemp()
    try:
        big = os.path.join(work, "big.warc.gz")
        data = open(example, "rb").read()
        with open(big, "wb") as f:  # gzip members concatenate into one valid WARC.gz
            for _ in range(200):
                f.write(data)
        if "records" in parts:
            records_ratio(big)
        if "dask" in parts:
            folder = os.path.join(work, "files")
            os.mkdir(folder)
            for i in range(16):
                shutil.copyfile(big, os.path.join(folder, f"part-{i}.warc.gz"))
            dask_ratio(folder)
        if "slurm" in parts:
            slurm_ratio(big, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # munged may still be removing its socket


if __name__ == "__main__":  # Dask worker processes import this file: run only once
    main()
