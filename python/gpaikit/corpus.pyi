# Type stubs of gpaikit.corpus (the classes come from the C++ extension gpaikit._native).
import os
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

PathLike = Union[str, os.PathLike]
Shard = Union[None, str, Tuple[int, int]]

class CorpusError:
    file: str
    offset: int
    line: int
    message: str

class CorpusStats:
    records: int
    content_bytes: int
    errors_total: int
    skipped_records: int
    records_without_url: int
    records_without_date: int
    first_date: str
    last_date: str
    errors: List[CorpusError]
    audited: bool
    other_records: Dict[str, int]
    modalities: Dict[str, Dict[str, int]]
    verdicts: Dict[str, Dict[str, int]]
    domain_count: int
    domains_exact: bool
    def domains(self, top: int = ...) -> List[Tuple[str, int, int]]: ...
    def merge(self, other: CorpusStats, kind: str = ...) -> CorpusStats: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str, source: str = ...) -> CorpusStats: ...

class Record:
    offset: int
    line: int
    warc_type: str
    is_document: bool
    url: str
    date: str
    media_type: str
    modality: str
    content_length: int
    tokens: Optional[int]
    host: Optional[str]
    domain: Optional[str]
    note: str
    payload: Optional[bytes]

class RecordIterator(Iterator[Record]):
    def __init__(self, path: PathLike, *, payload: bool = ..., documents_only: bool = ...,
                 errors: str = ..., psl: str = ...) -> None: ...
    def __iter__(self) -> RecordIterator: ...
    def __next__(self) -> Record: ...
    @property
    def errors(self) -> List[CorpusError]: ...
    @property
    def file(self) -> str: ...

def shard_text(shard: Shard) -> Optional[str]: ...
def expand(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]: ...
def scan(paths: Union[PathLike, Iterable[PathLike]], shard: Shard = ..., *,
         robots: Optional[PathLike] = ..., psl: Optional[str] = ..., crawlers: Optional[str] = ...,
         gzip: str = ..., bytes_per_token: float = ..., max_domains: int = ...,
         max_errors: int = ..., max_record_mib: int = ..., strict: bool = ...,
         url_fields: Sequence[str] = ..., text_fields: Sequence[str] = ...,
         date_fields: Sequence[str] = ..., token_fields: Sequence[str] = ...,
         blocklists: Iterable[PathLike] = ...) -> CorpusStats: ...
def records(path: PathLike, *, payload: bool = ..., documents_only: bool = ...,
            errors: str = ..., psl: Optional[str] = ...) -> RecordIterator: ...
def merge(stats: Iterable[CorpusStats], kind: str = ...) -> CorpusStats: ...
