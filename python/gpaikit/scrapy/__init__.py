"""Scrapy integration: ROBOTSTXT_PARSER = "gpaikit.scrapy.RobotParser" (RFC 9309 verdicts of
gpaikit's matcher) and the downloader middleware gpaikit.scrapy.OptOutMiddleware (TDMRep, noai,
Content-Usage; reserved content dropped; a JSON Lines evidence log). See docs/python.md.
"""

from gpaikit.scrapy.middleware import OptOutMiddleware
from gpaikit.scrapy.robots import RobotParser

__all__ = ["RobotParser", "OptOutMiddleware"]
