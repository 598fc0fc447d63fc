"""Imports go one way (issue 12), read from the import graph grimp builds (import-linter's engine).

    bench, mirror  ->  pipeline (stages; its commands run the crawl)  ->  spiders  ->  rtes_core
                            \\------------------------------------------------------>/

- no cycle between the top-level packages, nor between the parts of any package or subpackage;
- `spiders` (the crawl) and `pipeline` (everything after the raw layer) share `rtes_core` and
  nothing else: the crawl imports no module of `pipeline`, the core neither of them;
- no stage of `pipeline` reaches the crawl: only its commands (cli, demo, nightly, probe) run it;
- the product never imports `mirror` or `bench` at module level: the `demo` and `mirror`
  commands load them lazily, inside the function that runs them; importing every product
  module loads neither (the check a user sees);
- no product module over 400 lines, no function over 50.
"""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("rtes_core", "spiders", "pipeline")
BESIDE = ("mirror", "bench")
# The command layer: it composes the crawl and the stages, and may load the mirror lazily.
COMMANDS = (
    "pipeline.__main__",
    "pipeline.cli",
    "pipeline.demo",
    "pipeline.nightly",
    "pipeline.probe",
)
LAZY_LOADERS = ("pipeline.cli", "pipeline.demo")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PRODUCT, *BESIDE, cache_dir=None)


def _direct(graph: grimp.ImportGraph, expression: str) -> list[dict]:
    return graph.find_matching_direct_imports(import_expression=expression)


def _details(graph: grimp.ImportGraph, importer: str, imported: str) -> list[dict]:
    return graph.get_import_details(importer=importer, imported=imported)


@pytest.mark.parametrize("product", PRODUCT)
@pytest.mark.parametrize("beside", BESIDE)
def test_the_product_imports_mirror_and_bench_only_lazily(graph, product, beside) -> None:
    imports = _direct(graph, f"{product}.** -> {beside}.**")
    eager = [
        (detail["importer"], detail["imported"], detail["line_contents"])
        for imp in imports
        for detail in _details(graph, imp["importer"], imp["imported"])
        if imp["importer"] not in LAZY_LOADERS or _is_module_level(detail)
    ]
    assert eager == []


def _is_module_level(detail: dict) -> bool:
    """An import statement at column 0 of its file runs when the module is imported."""
    path = ROOT / (detail["importer"].replace(".", "/") + ".py")
    line = path.read_text(encoding="utf-8").splitlines()[detail["line_number"] - 1]
    return not line[:1].isspace()


def test_no_cycle_between_top_level_packages(graph) -> None:
    eager = grimp.build_graph(*PRODUCT, *BESIDE, cache_dir=None)
    for beside in BESIDE:  # the lazy loads the test above allows are the only way back up
        for imp in _direct(eager, f"pipeline.** -> {beside}.**"):
            assert imp["importer"] in LAZY_LOADERS, imp
            eager.remove_import(importer=imp["importer"], imported=imp["imported"])
    assert _cycles(eager, (*PRODUCT, *BESIDE)) == []
    assert _cycles(graph, PRODUCT) == []


def test_the_crawl_and_the_core_never_import_the_pipeline(graph) -> None:
    for lower in ("spiders", "rtes_core"):
        assert _direct(graph, f"{lower}.** -> pipeline.**") == [], lower
        assert not graph.chain_exists(lower, "pipeline", as_packages=True), lower
    assert not graph.chain_exists("rtes_core", "spiders", as_packages=True)


def test_no_stage_of_the_pipeline_reaches_the_crawl(graph) -> None:
    stages = [m for m in _children(graph, "pipeline") if m not in COMMANDS]
    assert stages  # the walk found the modules
    reaching = [m for m in stages if graph.chain_exists(m, "spiders", as_packages=True)]
    assert reaching == []


def _packages(graph: grimp.ImportGraph) -> list[str]:
    """Every product package and subpackage (a module with children)."""
    return sorted(m for m in graph.modules if m.split(".")[0] in PRODUCT and graph.find_children(m))


def test_no_cycle_between_the_parts_of_any_package(graph) -> None:
    packages = _packages(graph)
    assert {"pipeline", "pipeline.process", "rtes_core.extract", "spiders"} <= set(packages)
    cycles = [(p, c) for p in packages for c in _cycles(graph, _children(graph, p))]
    assert cycles == []


def _cycles(graph: grimp.ImportGraph, parts) -> list[tuple[str, str]]:
    """Pairs of parts that import each other, directly or through other modules."""
    return [
        (a, b)
        for a, b in itertools.combinations(parts, 2)
        if graph.chain_exists(a, b, as_packages=True) and graph.chain_exists(b, a, as_packages=True)
    ]


def _children(graph: grimp.ImportGraph, package: str) -> list[str]:
    return sorted(graph.find_children(package))


def test_importing_every_product_module_loads_neither_mirror_nor_bench(graph) -> None:
    modules = sorted(
        m for m in graph.modules if m.split(".")[0] in PRODUCT and not m.endswith("__main__")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {BESIDE!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


MAX_MODULE_LINES = 400  # issue 12: a module a newcomer reads in one sitting
MAX_FUNCTION_LINES = 50  # and a function that fits on one screen


def _product_files() -> list[Path]:
    return sorted(p for package in PRODUCT for p in (ROOT / package).rglob("*.py"))


def test_no_product_module_over_400_lines() -> None:
    long = [
        (str(p.relative_to(ROOT)), n)
        for p in _product_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_product_function_over_50_lines() -> None:
    long = []
    for path in _product_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append((str(path.relative_to(ROOT)), node.name, lines))
    assert long == []
