"""The CLI and the saved fixtures under tests/files/."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mirror import cli
from mirror.fixtures import FILES_DIR, INDEX_FILE, TRUTH_FILE, URL_MAP_FILE, read_truth_gz
from mirror.routes import route
from mirror.site import Site
from mirror.truth import truth_records


def test_truth_command_writes_jsonl(tmp_path: Path, capsys) -> None:
    out = tmp_path / "sub" / "truth.jsonl"
    assert cli.main(["truth", "--out", str(out), "--resources", "12", "--seed", "5"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12 and all(json.loads(line)["resource_id"] for line in lines)
    assert "Wrote 12 truth records" in capsys.readouterr().out
    assert [p.name for p in out.parent.iterdir()] == ["truth.jsonl"]  # no temp file left


def test_register_adds_mirror_command() -> None:
    parser = argparse.ArgumentParser(prog="rtes-pipeline")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["mirror", "serve", "--port", "8123"])
    assert args.func is cli.cmd_serve and args.port == 8123 and args.resources == 150
    args = parser.parse_args(["mirror", "truth", "--out", "t.jsonl", "--seed", "9"])
    assert args.func is cli.cmd_truth and args.seed == 9


def test_fixture_pages_are_current(site: Site) -> None:
    url_map = json.loads((FILES_DIR / URL_MAP_FILE).read_text(encoding="utf-8"))
    index = json.loads((FILES_DIR / INDEX_FILE).read_text(encoding="utf-8"))
    assert set(url_map.values()) == set(index)
    assert {entry["variant"] for entry in index.values() if "variant" in entry} == {
        "d7",
        "d8",
        "bare",
    }
    for path, name in url_map.items():
        expected = route(site, path, "http://127.0.0.1").body
        assert (FILES_DIR / name).read_bytes() == expected, (
            f"{name} is stale: run python -m mirror.fixtures"
        )


def test_fixture_truth_is_current(site: Site) -> None:
    assert read_truth_gz(FILES_DIR / TRUTH_FILE) == truth_records(site)
