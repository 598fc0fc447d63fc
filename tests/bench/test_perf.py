"""bench.perf / bench.peers / bench.signatures: the bench runs every system and reports sanely.

No timing is asserted (figures depend on the machine): only that each system handles every page,
that ratios are computed from the figures, and that bad arguments fail in one line."""

from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from bench import peers, perf, signatures


@pytest.fixture(scope="module")
def raw_layer(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("bench") / "raw-12"
    perf.build_raw_layer(12, data_dir)
    return data_dir


def raw_pages(data_dir: Path) -> int:
    return sum(pq.ParquetFile(p).metadata.num_rows for p in (data_dir / "raw").glob("*/*.parquet"))


@pytest.mark.parametrize(
    "system",
    [
        "read_parquet",
        "lxml_parse",
        "selectolax_parse",
        "selectolax_rensa",
        "trafilatura_datasketch",
    ],
)
def test_each_peer_handles_every_raw_page(system, raw_layer):
    assert raw_pages(raw_layer) > 12  # detail and listing pages
    assert peers.SYSTEMS[system](raw_layer) == raw_pages(raw_layer)


def test_time_systems_reports_every_system_with_ratios(raw_layer, monkeypatch):
    monkeypatch.setattr(
        peers, "SYSTEMS", {k: peers.SYSTEMS[k] for k in ("process_stage", "lxml_parse")}
    )
    figures = perf.time_systems(12, raw_layer, repeats=1)
    assert set(figures) == {"process_stage", "lxml_parse"}
    assert figures["process_stage"]["process_stage_over_this"] == 1.0
    lxml = figures["lxml_parse"]
    assert lxml["pages"] == raw_pages(raw_layer)
    expected = figures["process_stage"]["ms_cpu_per_page"] / lxml["ms_cpu_per_page"]
    assert lxml["process_stage_over_this"] == pytest.approx(expected, rel=0.01)
    assert (raw_layer / "resources").exists()  # the process stage published from the raw layer


def test_scaling_divides_the_process_stage_cpu_of_consecutive_sizes():
    def size(cpu: float) -> dict:
        return {"systems": {"process_stage": {"cpu_seconds_best": cpu}}}

    assert perf.scaling({"10000": size(100.0), "1000": size(10.0)}) == {"10000/1000": 10.0}


def test_time_systems_times_only_the_named_systems(raw_layer):
    figures = perf.time_systems(12, raw_layer, repeats=1, only=["read_parquet"])
    assert set(figures) == {"read_parquet"}
    assert figures["read_parquet"]["pages"] == raw_pages(raw_layer)


def test_scaling_skips_a_size_without_the_process_stage():
    def size(systems: dict) -> dict:
        return {"systems": systems}

    stage = {"process_stage": {"cpu_seconds_best": 10.0}}
    sizes = {"1000": size(stage), "10000": size({"lxml_parse": {}}), "100000": size(stage)}
    assert perf.scaling(sizes) == {"100000/1000": 1.0}


@pytest.mark.parametrize(
    "argv",
    [["--sizes", "abc"], ["--sizes", "5"], ["--repeats", "0"], ["--systems", "process,nope"]],
)
def test_bad_arguments_fail_in_one_line_with_exit_2(argv, capsys):
    assert perf.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("rtes-pipeline: error:")


def test_signature_systems_all_run_and_ours_agree_from_keys_and_from_sets():
    keys = ["le réseau des collectivités territoriales", "une économie solidaire", "abc", ""]
    timed, info = signatures.systems(keys)
    assert info["sets"] == 4
    for function in timed.values():
        function()
    assert np.array_equal(timed["ours_from_keys"](), timed["ours_from_sets"]())


def test_peer_shingles_are_case_and_space_folded():
    assert (
        set(peers.char_shingles("AB  cdE"))
        == set(peers.char_shingles("ab cde"))
        == {"ab cd", "b cde"}
    )
    assert peers.char_shingles("") == []
    assert peers.char_shingles("Abc") == ["abc"]
