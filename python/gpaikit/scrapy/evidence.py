"""The opt-out evidence log: one JSON object a line for every URL decided during a crawl
(schema gpaikit.optout-evidence/1; fields in docs/python.md), flushed line by line.
"""

from __future__ import annotations

import datetime
import json
from typing import Optional

SCHEMA = "gpaikit.optout-evidence/1"


def signal_json(signal) -> dict:
    """A signal as the CLI's `optout check --json` writes it."""
    out = {"kind": signal.kind, "effect": signal.effect, "source": signal.source,
           "detail": signal.detail}
    for key, value in (("location", signal.location), ("line", signal.line),
                       ("rule", signal.rule), ("agent", signal.agent),
                       ("fetched_at", signal.fetched_at), ("tdm_policy", signal.tdm_policy)):
        if value:
            out[key] = value
    if signal.superseded:
        out["superseded"] = True
    return out


class EvidenceLog:
    """Appends decisions to a JSON Lines file (nothing when `path` is None)."""

    def __init__(self, path: Optional[str]):
        self.file = open(path, "a", encoding="utf-8") if path else None

    def write(self, url: str, action: str, verdict: str, summary: str, signals=(),
              status: Optional[int] = None, agent: str = "", media_type: str = "",
              content_bytes: Optional[int] = None) -> dict:
        entry = {"schema": SCHEMA, "url": url,
                 "date": datetime.datetime.now(datetime.timezone.utc).strftime(
                     "%Y-%m-%dT%H:%M:%SZ"),
                 "action": action, "verdict": verdict, "summary": summary,
                 "signals": [signal_json(s) for s in signals], "agent": agent}
        if status is not None:
            entry["status"] = status
        if media_type:
            entry["media_type"] = media_type
        if content_bytes is not None:
            entry["content_bytes"] = content_bytes
        if self.file is not None:
            self.file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.file.flush()
        return entry

    def close(self):
        if self.file is not None:
            self.file.close()
            self.file = None
