"""Bad input to the commands: one clear line, a non-zero exit, nothing earlier lost or overwritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

PREFIX = "rtes-pipeline: error:"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=120
    )


def one_clear_line(done: subprocess.CompletedProcess) -> str:
    """The error line of a failed command: the last on stderr, the only one, no traceback
    (progress lines such as "Processing crawl …" may come before it)."""
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert lines and lines[-1].startswith(PREFIX), done.stderr[-1500:]
    assert sum(line.startswith(PREFIX) for line in lines) == 1
    assert "Traceback" not in done.stderr
    return lines[-1]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def raw_crawl(data_dir: Path, crawl_id: str) -> Path:
    """A published raw partition with one small part (what a finished crawl leaves)."""
    folder = data_dir / "raw" / f"crawl_id={crawl_id}"
    folder.mkdir(parents=True)
    table = pa.table(
        {
            "url": ["http://x/a"],
            "final_url": ["http://x/a"],
            "status": [200],
            "fetched_at": pa.array([0], pa.timestamp("us", tz="UTC")),
            "page_kind": ["detail"],
            "content_type": ["text/html"],
            "html": ["<p>x</p>"],
        }
    )
    pq.write_table(table, folder / "part-00000.parquet")
    return folder


@pytest.mark.parametrize(
    "url", ["not a url", "ftp://www.rtes.fr", "https://www.rtes.fr/ressources"]
)
def test_wrong_site_urls(tmp_path, url):
    line = one_clear_line(cli("crawl", "--site-url", url, "--data-dir", str(tmp_path / "d")))
    assert "site_url" in line
    assert not (tmp_path / "d" / "raw").exists()


@pytest.mark.parametrize("command", ["crawl", "process"])
def test_data_dir_under_a_regular_file(tmp_path, command):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    line = one_clear_line(
        cli(command, "--site-url", "http://127.0.0.1:9", "--data-dir", str(blocker / "sub"))
    )
    assert "cannot write to data directory" in line
    assert blocker.read_text() == "not a folder"


def test_data_dir_in_proc_is_unwritable(tmp_path):
    line = one_clear_line(
        cli("crawl", "--site-url", "http://127.0.0.1:9", "--data-dir", "/proc/rtes-data")
    )
    assert "/proc/rtes-data" in line


def test_missing_data_dir_has_no_crawl(tmp_path):
    line = one_clear_line(cli("process", "--data-dir", str(tmp_path / "nothing-here")))
    assert "no crawl found" in line


def test_corrupted_published_parquet_is_reported_and_kept(tmp_path):
    raw_crawl(tmp_path, "20260101T000000Z")
    resources = tmp_path / "resources"
    resources.mkdir()
    (resources / "part-00000.parquet").write_bytes(b"PAR1 this is not parquet at all")
    before = snapshot(tmp_path)
    line = one_clear_line(
        cli("process", "--site-url", "http://127.0.0.1:9", "--data-dir", str(tmp_path))
    )
    assert "unreadable" in line
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing overwritten


def test_truncated_raw_parquet_from_a_killed_run(tmp_path):
    folder = raw_crawl(tmp_path, "20260101T000000Z")
    part = folder / "part-00000.parquet"
    part.write_bytes(part.read_bytes()[: len(part.read_bytes()) // 2])
    before = snapshot(tmp_path)
    line = one_clear_line(
        cli("process", "--site-url", "http://127.0.0.1:9", "--data-dir", str(tmp_path))
    )
    assert "part-00000.parquet" in line
    assert not (tmp_path / "resources").exists()
    assert {k: v for k, v in snapshot(tmp_path).items() if k in before} == before


def test_unknown_option_is_a_usage_error():
    done = cli("process", "--no-such-option")
    assert done.returncode == 2
    line = done.stderr.strip().splitlines()[-1]  # since issue 16: with the sub-command's usage
    assert "unrecognized arguments: --no-such-option (usage: rtes-pipeline process " in line


def test_unknown_fault_is_a_usage_error(tmp_path):
    done = cli(
        "mirror", "truth", "--faults", "slow,no_such_fault", "--out", str(tmp_path / "t.jsonl")
    )
    assert done.returncode == 2
    assert "unknown fault(s) no_such_fault" in done.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "t.jsonl").exists()


def test_faults_on_a_site_too_small(tmp_path):
    line = one_clear_line(
        cli(
            "mirror",
            "truth",
            "--faults",
            "all",
            "--resources",
            "5",
            "--out",
            str(tmp_path / "t.jsonl"),
        )
    )
    assert "--resources" in line
    assert not (tmp_path / "t.jsonl").exists()
