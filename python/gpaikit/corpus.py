"""Corpus records and statistics through gpaikit's C++ scanner: the same readers, domains and
gpaikit.corpus-stats/1 documents as `gpaikit corpus scan` (docs/corpus.md), GIL released.
"""

from __future__ import annotations

import os
from typing import Iterable, Optional, Sequence, Tuple, Union

from gpaikit._data import crawlers_file
from gpaikit._native import corpus as _native

CorpusStats = _native.CorpusStats
CorpusError = _native.CorpusError
Record = _native.Record
RecordIterator = _native.RecordIterator

__all__ = ["CorpusStats", "CorpusError", "Record", "RecordIterator", "scan", "records", "merge",
           "expand", "shard_text"]

PathLike = Union[str, os.PathLike]
Shard = Union[None, str, Tuple[int, int]]


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> list:
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def shard_text(shard: Shard) -> Optional[str]:
    """"I/N" for a shard given as "I/N" or (I, N); None for None."""
    if shard is None or isinstance(shard, str):
        return shard
    index, count = shard
    return f"{index}/{count}"


def expand(paths: Union[PathLike, Iterable[PathLike]]) -> list:
    """The files a scan of `paths` reads, sorted (folders recursively, hidden files skipped)."""
    return _native.expand(_paths(paths))


def scan(paths: Union[PathLike, Iterable[PathLike]], shard: Shard = None, *,
         robots: Optional[PathLike] = None, psl: Optional[str] = None,
         crawlers: Optional[str] = None, gzip: str = "auto", bytes_per_token: float = 4.0,
         max_domains: int = 4_000_000, max_errors: int = 1000, max_record_mib: int = 256,
         strict: bool = False, url_fields: Sequence[str] = (), text_fields: Sequence[str] = (),
         date_fields: Sequence[str] = (), token_fields: Sequence[str] = (),
         blocklists: Iterable[PathLike] = ()) -> CorpusStats:
    """Scans WARC/JSONL files or folders as `gpaikit corpus scan` does and returns CorpusStats.

    shard "I/N" or (I, N) scans file k (sorted) when k mod N == I. robots: a folder of robots.txt
    snapshots turns on the opt-out audit (`--robots`); blocklists: list files of Copyright Measure
    1.2 (`--blocklist`) turn it on too, a listed document's verdict being "blocked". Bad records are counted in the result's
    errors, as the CLI does; InputError/FileError only for unusable arguments.
    """
    return _native.scan(
        _paths(paths), shard=shard_text(shard),
        robots=None if robots is None else os.fspath(robots), psl=psl or "",
        crawlers=crawlers or crawlers_file(), gzip=gzip, bytes_per_token=bytes_per_token,
        max_domains=max_domains, max_errors=max_errors, max_record_mib=max_record_mib,
        strict=strict, url_fields=list(url_fields), text_fields=list(text_fields),
        date_fields=list(date_fields), token_fields=list(token_fields),
        blocklists=[os.fspath(b) for b in blocklists])


def records(path: PathLike, *, payload: bool = False, documents_only: bool = True,
            errors: str = "raise", psl: Optional[str] = None) -> RecordIterator:
    """Iterates the records of one WARC or JSONL file (plain, gzip or zstd).

    Each Record has url, date, media_type, modality, content_length, host, domain, offset and,
    with payload=True, the payload bytes. errors="raise" raises InputError (file, offset, line)
    at a bad record; errors="collect" steps past it and lists it in the iterator's .errors.
    """
    return RecordIterator(os.fspath(path), payload=payload, documents_only=documents_only,
                          errors=errors, psl=psl or "")


def merge(stats: Iterable[CorpusStats], kind: str = "shards") -> CorpusStats:
    """Merges statistics in order, as `gpaikit corpus merge` ("shards") or of several corpora."""
    return _native.merge(list(stats), kind)
