"""gpaikit.corpus: scans equal `gpaikit corpus scan`, records() yields the scanner's records."""

import gzip
import json
import pickle
import subprocess

import pytest

import gpaikit
from gpaikit import corpus


def cli_json(cli, *args):
    run = subprocess.run([cli, "corpus", "scan", "--json", *args], capture_output=True, text=True)
    assert run.returncode in (0, 1), run.stderr
    return run.stdout


def test_scan_equals_cli(gpaikit_cli, example_warc):
    stats = corpus.scan(example_warc)
    assert stats.to_json() + "\n" == cli_json(gpaikit_cli, example_warc)
    assert json.loads(stats.to_json())["schema"] == "gpaikit.corpus-stats/1"


def test_blocklists_block_and_equal_cli(tmp_path, gpaikit_cli, example_warc):
    # Copyright Measure 1.2: a listed site's documents are "blocked", as `corpus scan --blocklist`.
    listed = tmp_path / "blocklist.txt"
    listed.write_text("# name: test list\n# version: 3\n0513mt.com\nhttp://01spb.ru/company/\n")
    stats = corpus.scan(example_warc, blocklists=[listed])
    document = json.loads(stats.to_json())
    assert stats.to_json() + "\n" == cli_json(gpaikit_cli, example_warc, "--blocklist", str(listed))
    assert stats.verdicts["blocked"]["records"] == 2
    assert document["optout"]["signals"]["blocklist"]["records"] == 2
    bad = tmp_path / "bad.txt"
    bad.write_text("ok.example\nnot a/domain\n")
    with pytest.raises(gpaikit.InputError, match="bad.txt:2"):
        corpus.scan(example_warc, blocklists=[bad])


def test_shards_merge_to_whole(tmp_path, example_warc):
    files = []
    for i in range(3):
        path = tmp_path / f"part{i}.jsonl"
        path.write_text("".join(json.dumps({"url": f"https://s{j % 4}.example/{i}", "text": "x" * j})
                                + "\n" for j in range(1, 20)))
        files.append(str(path))
    whole = corpus.scan(tmp_path)
    parts = [corpus.scan(tmp_path, shard=(i, 2)) for i in range(2)]
    assert corpus.merge(parts).to_json() == whole.to_json()
    assert parts[0].merge(parts[1]).records == whole.records == 57
    assert pickle.loads(pickle.dumps(whole)).to_json() == whole.to_json()
    with pytest.raises(gpaikit.InputError):
        parts[0].merge(parts[0])  # the same file twice


def test_records_fields(example_warc, gpaikit_cli):
    records = list(corpus.records(example_warc, payload=True))
    stats = corpus.scan(example_warc)
    assert len(records) == stats.records
    assert sum(r.content_length for r in records) == stats.content_bytes
    first = records[0]
    assert first.url.startswith("http") and first.domain and first.date.startswith("20")
    assert isinstance(first.payload, bytes)


def test_bad_record_raises_with_place(tmp_path):
    path = tmp_path / "bad.jsonl.gz"
    with gzip.open(path, "wt") as f:
        f.write('{"url": "https://a.example/", "text": "ok"}\n{"url": broken\n'
                '{"url": "https://b.example/", "text": "ok"}\n')
    with pytest.raises(gpaikit.InputError) as error:
        list(corpus.records(path))
    assert error.value.file == str(path) and error.value.line == 2 and error.value.offset == 44
    collected = corpus.records(path, errors="collect")
    assert [r.domain for r in collected] == ["a.example", "b.example"]
    assert [(e.line, e.offset) for e in collected.errors] == [(2, 44)]
    stats = corpus.scan(path)
    assert stats.errors_total == 1 and stats.errors[0].line == 2


def test_missing_file_is_file_error(tmp_path):
    with pytest.raises(gpaikit.FileError):
        corpus.records(tmp_path / "none.warc")
    with pytest.raises(gpaikit.FileError):
        corpus.scan(tmp_path / "none.warc")
