"""gpaikit for Python: the opt-out decision and the corpus scanner of gpaikit's C++ engines.

Modules: ``gpaikit.optout`` (robots.txt per RFC 9309, TDMRep, noai, Content-Usage, blocklists and
the decision), ``gpaikit.corpus`` (WARC/JSONL records, scans, gpaikit.corpus-stats/1 statistics),
``gpaikit.scrapy`` (a Scrapy robots.txt parser and opt-out middleware) and ``gpaikit.dask``
(scans and audits on a Dask cluster). Errors are :class:`Error` and its subclasses
:class:`InputError` (bad input; ``file``, ``offset`` and ``line`` say where) and
:class:`FileError` (a file missing or unreadable).
"""

from gpaikit._native import Error, FileError, InputError

__all__ = ["Error", "FileError", "InputError"]
__version__ = "0.1.0"
