"""gpaikit.scrapy.RobotParser: Scrapy's pluggable robots.txt parser over gpaikit's RFC 9309
matcher; it remembers each host's policy so that the opt-out middleware can explain refusals.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.robotstxt import RobotParser as _ScrapyRobotParser
from scrapy.utils.python import to_unicode

from gpaikit.optout import RobotsPolicy, product_token


def policies_of(crawler) -> dict:
    """The robots.txt policies seen by this crawler's parsers, by scheme://netloc."""
    if crawler is None:
        return {}
    found = getattr(crawler, "_gpaikit_robots", None)
    if found is None:
        found = {}
        crawler._gpaikit_robots = found
    return found


class RobotParser(_ScrapyRobotParser):
    """ROBOTSTXT_PARSER = "gpaikit.scrapy.RobotParser".

    The body is parsed once (raw bytes: RFC 9309 matches octets); allowed() checks the product
    token the user agent starts with ("MyBot/1.0 (+url)" -> "MyBot", section 2.2.1).
    """

    def __init__(self, robotstxt_body: bytes, crawler=None):
        self.crawler = crawler
        self.policy = RobotsPolicy(robotstxt_body or b"")

    @classmethod
    def from_crawler(cls, crawler, robotstxt_body):
        return cls(robotstxt_body, crawler)

    def allowed(self, url, user_agent) -> bool:
        url = to_unicode(url)
        parts = urlsplit(url)
        policies_of(self.crawler)[f"{parts.scheme}://{parts.netloc}"] = self.policy
        return self.policy.allowed(product_token(to_unicode(user_agent)), url)

    def sitemaps(self):
        return iter(self.policy.sitemaps)
