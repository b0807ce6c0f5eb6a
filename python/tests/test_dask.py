"""gpaikit.dask on a LocalCluster of two worker processes: the same statistics as the CLI
(`gpaikit corpus scan`, `--robots` for the audit), also when a worker is killed mid-run."""

import json
import os
import subprocess
import threading
import time

import pytest

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

from gpaikit import dask as gdask  # noqa: E402


def make_corpus(folder, files=6, lines=400):
    folder.mkdir()
    for i in range(files):
        with open(folder / f"part-{i:02d}.jsonl", "w") as f:
            for j in range(lines):
                f.write(json.dumps({"url": f"https://h{j % 37}.site{i % 3}.example/p{j}",
                                    "text": "w " * (j % 50 + 1),
                                    "date": f"2024-0{1 + i % 9}-1{j % 10}"}) + "\n")
        if i == 2:
            with open(folder / f"part-{i:02d}.jsonl", "a") as f:
                f.write('{"url": broken\n')  # a bad record: reported identically
    robots = folder.parent / "robots"
    robots.mkdir()
    (robots / "h1.site0.example.txt").write_text("User-agent: GPTBot\nDisallow: /\n")
    return folder, robots


def cli_scan(cli, *args):
    run = subprocess.run([cli, "corpus", "scan", "--json", *args], capture_output=True, text=True)
    assert run.returncode in (0, 1), run.stderr
    return run.stdout


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_scan_and_audit_equal_cli(client, tmp_path, gpaikit_cli):
    folder, robots = make_corpus(tmp_path / "corpus")
    stats = gdask.scan(folder, client)
    assert stats.errors_total == 1
    assert stats.to_json() + "\n" == cli_scan(gpaikit_cli, str(folder))
    audited = gdask.audit(folder, client, robots)
    assert audited.verdicts["reserved"]["records"] > 0
    assert audited.to_json() + "\n" == cli_scan(gpaikit_cli, str(folder), "--robots", str(robots))


def _die_after(seconds):
    time.sleep(seconds)
    os._exit(1)


def test_worker_killed_mid_run_changes_nothing(tmp_path, gpaikit_cli):
    folder, _ = make_corpus(tmp_path / "corpus", files=12)
    # Tasks stay on the worker they were given (no stealing, no scheduler-side queue), so the
    # victim's scan tasks are still waiting there when it dies.
    settings = {"distributed.scheduler.worker-saturation": float("inf"),
                "distributed.scheduler.work-stealing": False}
    with dask.config.set(settings), distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True,
            dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        victim = sorted(client.scheduler_info()["workers"])[0]
        # The victim runs a task that kills its process while scan tasks wait in its queue.
        killer = client.submit(_die_after, 1.5, workers=[victim], pure=False, retries=0,
                               priority=10)
        time.sleep(0.3)
        result = {}
        thread = threading.Thread(target=lambda: result.update(stats=gdask.scan(folder, client)))
        thread.start()
        time.sleep(0.5)
        queued = [k for k in client.processing().get(victim, []) if "gpaikit-scan" in str(k)]
        thread.join(120)
        alive = victim in client.scheduler_info()["workers"]
        client.cancel(killer)  # restricted to the dead worker: it would wait for it forever
    assert queued, "the killed worker held no scan task: the test did not test a kill"
    assert not alive, "the victim worker did not die during the scan"
    assert result["stats"].to_json() + "\n" == cli_scan(gpaikit_cli, str(folder))
