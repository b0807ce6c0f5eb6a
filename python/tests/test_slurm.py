"""deploy/slurm on a single-node Slurm that this test starts on loopback (munged, slurmctld and
slurmd as root in a temporary folder with its own slurm.conf): a 2-task job array scans the shards,
a dependent job merges, and the result equals a single-process `gpaikit corpus scan`."""

import json
import os
import subprocess
import time

import pytest
from slurm_cluster import Unavailable, single_node_slurm, wait_for

ROOT = os.environ.get("GPAIKIT_SOURCE_DIR",
                      os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def slurm(tmp_path):
    try:
        with single_node_slurm(tmp_path) as cluster:
            yield cluster
    except Unavailable as why:
        pytest.skip(f"Slurm test skipped: {why}")


def test_job_array_and_merge_equal_single_scan(slurm, tmp_path, gpaikit_cli):
    env, t = slurm
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        with open(corpus / f"part-{i}.jsonl", "w") as f:
            for j in range(200):
                f.write(json.dumps({"url": f"https://d{j % 13}.ex{i}.example/{j}",
                                    "text": "t" * (j + i)}) + "\n")
    out = tmp_path / "out"
    env = dict(env, GPAIKIT=gpaikit_cli)
    submit = subprocess.run([os.path.join(ROOT, "deploy", "slurm", "submit-scan"), "2", str(out),
                             str(corpus)], env=env, capture_output=True, text=True)
    assert submit.returncode == 0, submit.stderr + "".join(
        (t / n).read_text()[-1500:] for n in ("slurmctld.log", "slurmd.log"))
    merge_job = submit.stdout.strip().splitlines()[-1]
    wait_for(out / "stats.json", 120)
    time.sleep(0.5)  # the merge job may still be closing the file
    logs = "".join(p.read_text() for p in sorted(out.glob("*.log")))
    assert (out / "stats.json").exists(), f"merge job {merge_job} wrote nothing:\n{logs}"
    assert (out / "shard-0.json").exists() and (out / "shard-1.json").exists()
    single = subprocess.run([gpaikit_cli, "corpus", "scan", "--json", str(corpus)],
                            capture_output=True, text=True)
    merged = json.loads((out / "stats.json").read_text())
    assert merged == json.loads(single.stdout)
    assert merged["records"] == 1000
