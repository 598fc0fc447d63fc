"""The shape of the processing and cleaning stages (issue 12): modules import one way, none
over 400 lines, no function over 50; the cleaning steps know nothing of the processing."""

import ast
from pathlib import Path

import pytest

PIPELINE = Path(__file__).resolve().parents[2] / "pipeline"
PACKAGES = ("process", "clean")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((PIPELINE / package).glob("*.py")):
            name = f"pipeline.{package}" + ("" if path.stem == "__init__" else f".{path.stem}")
            found[name] = path
    return found


def imports_of(path: Path) -> set[str]:
    """Modules of pipeline.process / pipeline.clean imported at module level (not TYPE_CHECKING)."""
    wanted = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline."):
            for alias in node.names:
                wanted.add(node.module)
                wanted.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            wanted |= {alias.name for alias in node.names}
    return wanted


def graph() -> dict[str, set[str]]:
    """Module → the stage modules it imports (a package's __init__ only re-exports: left out)."""
    names = modules()
    stages = {n for n in names if not n.endswith(PACKAGES)}
    return {n: imports_of(names[n]) & stages for n in stages}


def test_stage_modules_import_one_way():
    edges = graph()
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges[node]):
            assert state.get(nxt) != "open", " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert edges["pipeline.process.run"] >= {"pipeline.process.read", "pipeline.process.state"}


def test_cleaning_never_imports_the_processing_stage():
    for name, path in modules().items():
        if name.startswith("pipeline.clean"):
            assert not any(i.startswith("pipeline.process") for i in imports_of(path)), name


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_and_functions_stay_short(name):
    path = modules()[name]
    source = path.read_text()
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno - node.lineno + 1 <= MAX_FUNCTION_LINES, f"{name}.{node.name}"


def test_document_stage_no_longer_reaches_into_the_processing_stage():
    assert not any(
        i.startswith("pipeline.process") for i in imports_of(PIPELINE / "document_stage.py")
    )
    assert "pipeline.process" not in (PIPELINE / "document_stage.py").read_text().split('"""', 2)[2]
