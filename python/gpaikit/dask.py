"""Corpus scans and opt-out audits on a Dask cluster (Debian's python3-distributed): one pure task
per file, retried when a worker dies, merged in file order into the statistics that
`gpaikit corpus scan` writes for the same files (schema gpaikit.corpus-stats/1). Workers read the
paths themselves: the files must be at the same paths on every worker (a shared file system).
"""

from __future__ import annotations

import os
from typing import Iterable, Optional, Union

from gpaikit import corpus

PathLike = Union[str, os.PathLike]


def _scan_file(path: str, options: dict) -> corpus.CorpusStats:
    # Pure: the result depends only on the file and the options, so a retry gives the same.
    return corpus.scan([path], **options)


def scan(paths: Union[PathLike, Iterable[PathLike]], client, *, retries: int = 3,
         **options) -> corpus.CorpusStats:
    """Scans `paths` on `client`'s cluster; keyword options as gpaikit.corpus.scan (no shard).

    Each file is one task (pure, `retries` retries besides Dask's reassignment of the tasks of a
    worker that died); the results are merged in sorted file order, so the statistics equal a
    single-process scan of the same files.
    """
    if "shard" in options:
        raise TypeError("gpaikit.dask.scan: no shard= (each file is a task)")
    files = corpus.expand(paths)
    if not files:
        return corpus.scan([], **options)
    futures = client.map(_scan_file, files, options=options, retries=retries, pure=True,
                         key=[f"gpaikit-scan-{i}-{os.path.basename(f)}" for i, f in
                              enumerate(files)])
    return corpus.merge(client.gather(futures))


def audit(paths: Union[PathLike, Iterable[PathLike]], client, robots: PathLike, *,
          retries: int = 3, **options) -> corpus.CorpusStats:
    """The opt-out audit (`gpaikit corpus scan --robots DIR`) on `client`'s cluster: statistics
    with verdict and signal counts per record (CoP Copyright, Measure 1.3)."""
    return scan(paths, client, retries=retries, robots=os.fspath(robots), **options)


def scan_local(paths: Union[PathLike, Iterable[PathLike]], workers: int = 2,
               **options) -> Optional[corpus.CorpusStats]:
    """scan() on a LocalCluster of `workers` single-threaded processes (for one machine)."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        return scan(paths, client, **options)
