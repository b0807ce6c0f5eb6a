"""gpaikit.optout: the binding gives the C++ engine's verdicts (RFC 9309; CoP Copyright 1.3)."""

import pytest

import gpaikit
from gpaikit import optout

ROBOTS = "User-agent: MyBot\nDisallow: /private\nAllow: /private/ok\n\nUser-agent: *\nDisallow: /\n"


def test_robots_longest_match_decides():
    # RFC 9309 section 2.2.2: the most specific (longest) matching rule wins.
    policy = optout.RobotsPolicy(ROBOTS)
    assert policy.allowed("MyBot", "https://a.example/public")
    assert not policy.allowed("MyBot", "https://a.example/private/x")
    verdict = policy.explain("MyBot", "https://a.example/private/ok/page")
    assert verdict.allowed and verdict.line == 3 and verdict.rule == "Allow: /private/ok"
    assert verdict.reason == "rule" and not verdict.from_global
    # The same reason names as `gpaikit robots check --json` (optout::RobotsReasonName).
    assert policy.explain("MyBot", "https://a.example/public").reason == "group-no-rule-matched"


def test_robots_falls_back_to_global_group_and_bytes_body():
    # RFC 9309 section 2.2.1: an agent no group names obeys the '*' group.
    policy = optout.RobotsPolicy(ROBOTS.encode())
    verdict = policy.explain("OtherBot", "/anything")
    assert not verdict.allowed and verdict.from_global and verdict.line == 6
    # /robots.txt is implicitly allowed (section 2.2.2).
    assert policy.explain("OtherBot", "/robots.txt").reason == "robots-txt-path"
    assert policy.allowed_many("MyBot", ["/a", "/private/b", "/private/ok"]) == [True, False, True]


def test_allowed_many_any_sequence_long_lists_and_bad_items():
    policy = optout.RobotsPolicy(ROBOTS)
    urls = ["/a", "/private/b", "/private/ok", b"/private/c", "https://a.example/x"]
    one_by_one = [policy.allowed("MyBot", u if isinstance(u, str) else u.decode()) for u in urls]
    assert policy.allowed_many("MyBot", tuple(urls)) == one_by_one
    # A list long enough to be checked without the GIL gives the same verdicts.
    assert policy.allowed_many("MyBot", urls * 100) == one_by_one * 100
    assert policy.allowed_many("MyBot", []) == []
    with pytest.raises(TypeError):
        policy.allowed_many("MyBot", ["/a", 3])


def test_product_token_from_user_agent():
    assert optout.product_token("MyBot/1.2 (+https://x.example)") == "MyBot"


def test_decide_reports_every_signal():
    decision = optout.decide("https://example.com/page", robots="User-agent: *\nAllow: /\n",
                             agents=["MyBot"], headers={"tdm-reservation": "1"})
    assert decision.verdict == "reserved" and not decision.allowed
    kinds = [(s.kind, s.effect) for s in decision.signals]
    assert ("tdmrep-header", "reserves") in kinds
    assert decision.registrable_domain == "example.com"


def test_decide_tdmrep_file_and_html_meta():
    tdmrep = '[{"location": "/books/*", "tdm-reservation": 1}]'
    reserved = optout.decide("https://example.com/books/1", robots="", agents=["MyBot"],
                             tdmrep=tdmrep)
    assert reserved.verdict == "reserved"
    assert any(s.kind == "tdmrep-file" for s in reserved.signals)
    html = '<html><head><meta name="robots" content="noai"></head></html>'
    noai = optout.decide("https://example.com/a", robots="", agents=["MyBot"], html=html)
    assert noai.verdict == "reserved" and any(s.kind == "noai" for s in noai.signals)
    allowed = optout.decide("https://example.com/a", robots="", agents=["MyBot"])
    assert allowed.verdict == "allowed"


def test_decide_robots_unreachable_disallows():
    # RFC 9309 section 2.3.1.4: a 5xx robots.txt means complete disallow.
    decision = optout.decide("https://example.com/a", robots_status=503, agents=["MyBot"])
    assert decision.verdict == "reserved"


def test_decide_audit_policy_uses_registry():
    decision = optout.decide("https://example.com/a", robots="User-agent: GPTBot\nDisallow: /\n",
                             policy="audit")
    assert decision.verdict == "reserved"


def test_errors_name_the_place():
    with pytest.raises(gpaikit.InputError) as error:
        optout.TdmRepFile('[{"location": "/x",', "site/tdmrep.json")
    assert "site/tdmrep.json" in str(error.value) and error.value.file == "site/tdmrep.json"
    with pytest.raises(gpaikit.InputError):
        optout.decide("not a url", agents=["MyBot"])
    with pytest.raises(ValueError):
        optout.decide("https://example.com/", policy="crawl")  # no agents


def test_allowed_checks_argument_types():
    policy = optout.RobotsPolicy(ROBOTS)
    with pytest.raises(TypeError):
        policy.allowed("MyBot")
    with pytest.raises(TypeError):
        policy.allowed(b"MyBot", "/a")


def test_allowed_on_an_uninitialised_policy_is_a_type_error():
    # allowed() reads the policy without pybind11's type lookup (bench/python_ratios); an
    # instance made without __init__ holds no policy and must not be read.
    policy = optout.RobotsPolicy.__new__(optout.RobotsPolicy)
    with pytest.raises(TypeError, match="not initialised"):
        policy.allowed("a", "/x")
