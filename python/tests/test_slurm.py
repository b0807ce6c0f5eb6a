"""deploy/slurm on a single-node Slurm that this test starts on loopback (munged, slurmctld and
slurmd as root in a temporary folder with its own slurm.conf): a 2-task job array scans the shards,
a dependent job merges, and the result equals a single-process `gpaikit corpus scan`."""

import json
import os
import shutil
import socket
import subprocess
import time

import pytest

ROOT = os.environ.get("GPAIKIT_SOURCE_DIR",
                      os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BINARIES = ["munged", "slurmctld", "slurmd", "sbatch", "sinfo"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def which(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


@pytest.fixture
def slurm(tmp_path):
    missing = [b for b in BINARIES if which(b) is None]
    if missing:
        pytest.skip(f"Slurm test skipped: {', '.join(missing)} not installed (slurm-wlm, munge)")
    if os.geteuid() != 0:
        pytest.skip("Slurm test skipped: starting slurmd needs root")
    t = tmp_path / "slurm"
    for d in ("state", "spool", "munge"):
        (t / d).mkdir(parents=True)
    key = t / "munge" / "munge.key"
    key.write_bytes(os.urandom(1024))
    key.chmod(0o400)
    sock = t / "munge" / "munge.sock"
    procs = []
    subprocess.run([which("munged"), "--force", f"--socket={sock}", f"--key-file={key}",
                    f"--pid-file={t}/munge/munged.pid", f"--log-file={t}/munge/munged.log",
                    f"--seed-file={t}/munge/munged.seed"], check=True)
    host = socket.gethostname().split(".")[0]
    conf = t / "slurm.conf"
    conf.write_text(f"""ClusterName=gpaikittest
SlurmctldHost={host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort={free_port()}
SlurmdPort={free_port()}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={sock}
StateSaveLocation={t}/state
SlurmdSpoolDir={t}/spool
SlurmctldPidFile={t}/slurmctld.pid
SlurmdPidFile={t}/slurmd.pid
SlurmctldLogFile={t}/slurmctld.log
SlurmdLogFile={t}/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName={host} NodeAddr=127.0.0.1 CPUs=2 RealMemory=4096 State=UNKNOWN
PartitionName=test Nodes={host} Default=YES MaxTime=INFINITE State=UP
""")
    env = dict(os.environ, SLURM_CONF=str(conf))
    procs.append(subprocess.Popen([which("slurmctld"), "-D", "-i", "-f", str(conf)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
    procs.append(subprocess.Popen([which("slurmd"), "-D", "-N", host, "-f", str(conf)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
    try:
        deadline = time.time() + 60
        state = ""
        while time.time() < deadline:
            run = subprocess.run([which("sinfo"), "-h", "-o", "%t"], env=env, capture_output=True,
                                 text=True)
            state = run.stdout.strip()
            if state in ("idle", "mix"):
                break
            time.sleep(0.5)
        logs = "".join((t / n).read_text()[-2000:] for n in ("slurmctld.log", "slurmd.log")
                       if (t / n).exists())
        assert state in ("idle", "mix"), f"the node did not come up ({state!r}):\n{logs}"
        yield env, t
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        pid_file = t / "munge" / "munged.pid"
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text().strip()), 15)
            except (ValueError, ProcessLookupError):
                pass


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
    deadline = time.time() + 120
    while not (out / "stats.json").exists() and time.time() < deadline:
        time.sleep(0.5)
    time.sleep(0.5)
    logs = "".join(p.read_text() for p in sorted(out.glob("*.log")))
    assert (out / "stats.json").exists(), f"merge job {merge_job} wrote nothing:\n{logs}"
    assert (out / "shard-0.json").exists() and (out / "shard-1.json").exists()
    single = subprocess.run([gpaikit_cli, "corpus", "scan", "--json", str(corpus)],
                            capture_output=True, text=True)
    merged = json.loads((out / "stats.json").read_text())
    assert merged == json.loads(single.stdout)
    assert merged["records"] == 1000
