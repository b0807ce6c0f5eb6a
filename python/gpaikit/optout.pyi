# Type stubs of gpaikit.optout (the classes come from the C++ extension gpaikit._native).
import os
from typing import Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

Headers = Union[Mapping[str, str], Iterable[Union[str, Tuple[str, str]]]]

class RobotsVerdict:
    allowed: bool
    reason: str
    line: Optional[int]
    rule: Optional[str]
    from_global: bool
    explanation: str
    def __bool__(self) -> bool: ...

class RobotsPolicy:
    def __init__(self, body: Union[str, bytes], *, max_bytes: int = ...,
                 rfc_percent_decoding: bool = ...) -> None: ...
    def allowed(self, agent: str, url: str) -> bool: ...
    def explain(self, agent: str, url: str) -> RobotsVerdict: ...
    def allowed_many(self, agent: str, urls: Sequence[Union[str, bytes]]) -> List[bool]: ...
    @property
    def sitemaps(self) -> List[str]: ...
    @property
    def truncated(self) -> bool: ...
    @property
    def lines(self) -> int: ...
    @property
    def rule_count(self) -> int: ...

class TdmRepFile:
    def __init__(self, text: Union[str, bytes], source: str = ...) -> None: ...
    def reservation(self, path: str) -> Optional[int]: ...
    @property
    def source(self) -> str: ...
    @property
    def rule_count(self) -> int: ...

class Blocklist:
    @staticmethod
    def load(path: Union[str, os.PathLike]) -> Blocklist: ...
    @staticmethod
    def parse(text: Union[str, bytes], file: str = ...) -> Blocklist: ...
    @property
    def name(self) -> str: ...
    @property
    def entry_count(self) -> int: ...

class Signal:
    kind: str
    effect: str
    source: str
    location: str
    line: int
    rule: str
    detail: str
    fetched_at: str
    tdm_policy: str
    agent: str
    superseded: bool

class Decision:
    verdict: str
    allowed: bool
    url: str
    host: str
    registrable_domain: str
    signals: List[Signal]
    summary: str
    suffix_list: str

def product_token(user_agent: str) -> str: ...
def header_pairs(headers: Optional[Headers]) -> List[Tuple[str, str]]: ...
def decide(url: str, *, robots: Union[None, str, bytes, RobotsPolicy] = ...,
           robots_status: Optional[int] = ..., robots_redirects: int = ...,
           robots_location: str = ..., robots_fetched_at: str = ...,
           robots_age_hours: Optional[float] = ..., headers: Optional[Headers] = ...,
           html: Union[None, str, bytes] = ..., html_location: str = ..., image: bool = ...,
           tdmrep: Union[None, str, bytes, TdmRepFile] = ..., tdmrep_source: str = ...,
           blocklists: Sequence[Union[str, os.PathLike, Blocklist]] = ..., policy: str = ...,
           agents: Sequence[str] = ..., crawlers: Optional[str] = ...,
           psl: Optional[str] = ...) -> Decision: ...
