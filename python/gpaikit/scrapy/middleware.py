"""gpaikit.scrapy.OptOutMiddleware: honours the reservations besides robots.txt rules (TDMRep
/.well-known/tdmrep.json, tdm-reservation headers and meta tags, noai, Content-Usage and
Content-Signal; Code of Practice, Copyright, Measure 1.3) with gpaikit's decision engine. A URL
its site's tdmrep.json reserves is not fetched; a response that reserves itself is dropped before
the spider sees it; every decision goes to the evidence log (GPAIKIT_EVIDENCE_LOG).

Settings: GPAIKIT_AGENT (product token; default: the one USER_AGENT starts with),
GPAIKIT_EVIDENCE_LOG (JSON Lines path), GPAIKIT_TDMREP (fetch tdmrep.json, default True).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest
from twisted.internet.defer import Deferred

import gpaikit
from gpaikit.optout import TdmRepFile, decide, product_token
from gpaikit.scrapy.evidence import EvidenceLog
from gpaikit.scrapy.robots import policies_of

_INTERNAL = "gpaikit_internal"


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class OptOutMiddleware:
    """DOWNLOADER_MIDDLEWARES = {"gpaikit.scrapy.OptOutMiddleware": 560}."""

    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.agent = settings.get("GPAIKIT_AGENT") or product_token(
            settings.get("USER_AGENT") or "")
        self.fetch_tdmrep = settings.getbool("GPAIKIT_TDMREP", True)
        self.log = EvidenceLog(settings.get("GPAIKIT_EVIDENCE_LOG"))
        self.tdmrep = {}  # site -> TdmRepFile, None (no file) or a Deferred while fetching
        crawler.signals.connect(self.log.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    # Requests: the site's tdmrep.json first; a URL it reserves is not fetched.
    def process_request(self, request, spider):
        if request.meta.get(_INTERNAL) or request.meta.get("dont_obey_robotstxt"):
            return None
        if not self.fetch_tdmrep:
            return None
        site = _site(request.url)
        known = self.tdmrep.get(site, ...)
        if known is ...:
            known = self._fetch_tdmrep(site)
        if isinstance(known, Deferred):
            waiter = Deferred()
            known.addBoth(lambda result: (waiter.callback(None), result)[1])
            waiter.addCallback(lambda _: self._check_tdmrep(request))
            return waiter
        return self._check_tdmrep(request)

    def _fetch_tdmrep(self, site):
        request = Request(site + "/.well-known/tdmrep.json", priority=1000,
                          meta={_INTERNAL: True, "dont_obey_robotstxt": True,
                                "handle_httpstatus_all": True})
        fetching = self.crawler.engine.download(request)
        self.tdmrep[site] = fetching

        def parsed(response):
            self.tdmrep[site] = None
            if 200 <= response.status < 300:
                try:
                    self.tdmrep[site] = TdmRepFile(response.body, response.url)
                except gpaikit.InputError as error:  # a protocol error: ignored, logged
                    self.log.write(response.url, "ignored", "unknown", str(error),
                                   status=response.status, agent=self.agent)
            return None

        def failed(_failure):
            self.tdmrep[site] = None
            return None

        fetching.addCallbacks(parsed, failed)
        return fetching

    def _check_tdmrep(self, request):
        tdmrep = self.tdmrep.get(_site(request.url))
        if isinstance(tdmrep, TdmRepFile) and tdmrep.reservation(_path(request.url)) == 1:
            decision = decide(request.url, tdmrep=tdmrep, agents=[self.agent])
            self.log.write(request.url, "refused", decision.verdict, decision.summary,
                           decision.signals, agent=self.agent)
            raise IgnoreRequest(f"gpaikit: {decision.summary}")
        return None

    # Responses: every signal of the page decides; reserved content never reaches the spider.
    def process_response(self, request, response, spider):
        if request.meta.get(_INTERNAL) or request.meta.get("dont_obey_robotstxt"):
            return response
        headers = [(k.decode("latin-1"), v.decode("latin-1"))
                   for k, values in response.headers.items() for v in values]
        media_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        is_html = media_type.startswith(("text/html", "application/xhtml"))
        robots = policies_of(self.crawler).get(_site(request.url))
        tdmrep = self.tdmrep.get(_site(request.url))
        decision = decide(
            response.url, robots=robots, robots_location=_site(request.url) + "/robots.txt",
            headers=headers, html=response.body if is_html else None,
            html_location=response.url, image=media_type.startswith("image/"),
            tdmrep=tdmrep if isinstance(tdmrep, TdmRepFile) else None, agents=[self.agent])
        reserved = decision.verdict in ("reserved", "blocked")
        self.log.write(response.url, "dropped" if reserved else "fetched", decision.verdict,
                       decision.summary, decision.signals, status=response.status,
                       agent=self.agent, media_type=media_type,
                       content_bytes=len(response.body))
        if reserved:
            raise IgnoreRequest(f"gpaikit: {decision.summary}")
        return response

    # robots.txt refusals (Scrapy's RobotsTxtMiddleware), logged with the deciding rule.
    def process_exception(self, request, exception, spider):
        if not isinstance(exception, IgnoreRequest) or request.meta.get(_INTERNAL):
            return None
        if str(exception).startswith("gpaikit:"):
            return None
        robots = policies_of(self.crawler).get(_site(request.url))
        if robots is not None and not robots.allowed(self.agent, request.url):
            decision = decide(request.url, robots=robots, agents=[self.agent],
                              robots_location=_site(request.url) + "/robots.txt")
            self.log.write(request.url, "refused", decision.verdict, decision.summary,
                           decision.signals, agent=self.agent)
        return None
