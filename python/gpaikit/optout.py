"""robots.txt (RFC 9309) and the other rights reservations (TDMRep, noai, Content-Usage,
blocklists), decided by gpaikit's C++ opt-out engine (Code of Practice, Copyright, Measures 1.2
and 1.3). See docs/optout.md for the rules and docs/python.md for this API.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Mapping, Optional, Sequence, Tuple, Union

from gpaikit._data import crawlers_file
from gpaikit._native import optout as _native

RobotsPolicy = _native.RobotsPolicy
RobotsVerdict = _native.RobotsVerdict
TdmRepFile = _native.TdmRepFile
Blocklist = _native.Blocklist
Decision = _native.Decision
Signal = _native.Signal

__all__ = ["RobotsPolicy", "RobotsVerdict", "TdmRepFile", "Blocklist", "Decision", "Signal",
           "decide", "product_token", "header_pairs"]

# RFC 9309 section 2.2.1: a product token is letters, underscores and hyphens.
_PRODUCT_TOKEN = re.compile(r"[A-Za-z_-]+")

Headers = Union[Mapping[str, str], Iterable[Union[str, Tuple[str, str]]]]


def product_token(user_agent: str) -> str:
    """The product token a User-Agent string starts with ("MyBot/1.2 (+url)" -> "MyBot")."""
    match = _PRODUCT_TOKEN.match(user_agent.strip())
    return match.group(0) if match else user_agent.strip()


def header_pairs(headers: Optional[Headers]) -> list:
    """(name, value) pairs from a mapping, pairs, or "Name: value" strings (InputError if none)."""
    if headers is None:
        return []
    items = headers.items() if isinstance(headers, Mapping) else headers
    pairs = []
    for item in items:
        if isinstance(item, str):
            name, colon, value = item.partition(":")
            if not colon or not name.strip():
                raise ValueError(f"header {item!r}: expected 'Name: value'")
            pairs.append((name.strip(), value.strip()))
        else:
            name, value = item
            pairs.append((str(name), str(value)))
    return pairs


def _text(value: Union[str, bytes]) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def decide(url: str, *, robots: Union[None, str, bytes, RobotsPolicy] = None,
           robots_status: Optional[int] = None, robots_redirects: int = 0,
           robots_location: str = "", robots_fetched_at: str = "",
           robots_age_hours: Optional[float] = None, headers: Optional[Headers] = None,
           html: Union[None, str, bytes] = None, html_location: str = "", image: bool = False,
           tdmrep: Union[None, str, bytes, TdmRepFile] = None, tdmrep_source: str = "tdmrep.json",
           blocklists: Sequence[Union[str, os.PathLike, Blocklist]] = (),
           policy: str = "crawl", agents: Sequence[str] = (), crawlers: Optional[str] = None,
           psl: Optional[str] = None) -> Decision:
    """May `url`'s content be collected for training, and why (optout::Decide).

    robots: the host's robots.txt body or a parsed RobotsPolicy; robots_status is the HTTP status
    of its fetch (RFC 9309 2.3.1: 4xx allows, 5xx disallows all; default 200 when a body is
    given). headers: the URL's response headers; html: the page; tdmrep: the host's
    /.well-known/tdmrep.json (text or TdmRepFile); blocklists: list files or Blocklist objects.
    policy "crawl" checks robots.txt for `agents` (your product tokens); "audit" for every
    registered training crawler (data/crawlers.yaml, or `crawlers`).
    Raises InputError when the URL or an evidence file is malformed.
    """
    if isinstance(robots, (str, bytes)):
        robots = RobotsPolicy(robots)
    if isinstance(tdmrep, (str, bytes)):
        tdmrep = TdmRepFile(tdmrep, tdmrep_source)
    lists = [b if isinstance(b, Blocklist) else Blocklist.load(os.fspath(b)) for b in blocklists]
    return _native.decide(
        url, robots=robots, robots_status=robots_status, robots_redirects=robots_redirects,
        robots_location=robots_location, robots_fetched_at=robots_fetched_at,
        robots_age_hours=robots_age_hours, headers=header_pairs(headers),
        html=None if html is None else _text(html), html_location=html_location, image=image,
        tdmrep=tdmrep, blocklists=lists, policy=policy, agents=list(agents),
        crawlers=crawlers or crawlers_file(), psl=psl or "")
