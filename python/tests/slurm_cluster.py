"""A single-node Slurm on loopback for tests and benchmarks: munged, slurmctld and slurmd as root
in a temporary folder with its own slurm.conf (deploy/slurm is run against it)."""

import contextlib
import os
import pathlib
import shutil
import socket
import subprocess
import time

BINARIES = ["munged", "slurmctld", "slurmd", "sbatch", "sinfo"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def which(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


class Unavailable(Exception):
    """Slurm cannot run here (binaries missing or not root)."""


@contextlib.contextmanager
def single_node_slurm(tmp_path):
    """Yields (env, folder) of a running one-node cluster; raises Unavailable when it cannot run."""
    missing = [b for b in BINARIES if which(b) is None]
    if missing:
        raise Unavailable(f"{', '.join(missing)} not installed (slurm-wlm, munge)")
    if os.geteuid() != 0:
        raise Unavailable("starting slurmd needs root")
    t = pathlib.Path(tmp_path) / "slurm"
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
# Fast scheduling for a cluster that runs a handful of short jobs (slurm.conf(5)): batch jobs are
# not held back to be scheduled together (batch_sched_delay, 3 s by default) and event-triggered
# scheduling passes are not throttled (sched_min_interval). Slurm 22.05 still runs them from its
# background loop, so a submission or a finished dependency waits up to about a second.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
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


def wait_for(path, seconds):
    """Waits until `path` exists (a job's output); True when it does."""
    deadline = time.time() + seconds
    while not path.exists() and time.time() < deadline:
        time.sleep(0.05)
    return path.exists()
