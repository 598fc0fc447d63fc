"""pipeline/extract/ keeps the shape issue 12 asks for: small modules, short functions, imports
in one direction, and no second HTML object model (BeautifulSoup) in the product."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pipeline" / "extract"
MODULES = sorted(PACKAGE.glob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_and_function_sizes(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    long = [
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_extract_modules_import_each_other_without_a_cycle():
    graph = {
        p.stem: {m.rsplit(".", 1)[-1] for m in _imports(p) if m.startswith("pipeline.extract.")}
        for p in MODULES
        if p.stem != "__init__"
    }
    assert graph["page"] and not graph["records"]  # the graph was read
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name not in done:
            for dep in graph.get(name, ()):
                visit(dep, (*path, name))
            done.add(name)

    for name in graph:
        visit(name, ())
    assert done == set(graph)


def test_the_product_does_not_import_beautifulsoup():
    product = [*(ROOT / "pipeline").rglob("*.py"), *(ROOT / "spiders").rglob("*.py")]
    assert len(product) > 20
    users = [
        str(p.relative_to(ROOT))
        for p in product
        if any(m.split(".")[0] == "bs4" for m in _imports(p))
    ]
    assert users == []
