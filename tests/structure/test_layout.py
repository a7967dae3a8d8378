"""The code's shape: module and function sizes, the engine's independence of
Django, and no import cycles between modules (function-level imports count)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import ccaward
import ccaward.engine

ROOT = Path(ccaward.__file__).parent
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 100
# Erlang C and A with their inversions read best as one module.
LONG_MODULES_ALLOWED = {"engine/erlang.py"}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in rel:
            continue
        yield rel, path


def _module_name(rel: str) -> str:
    name = "ccaward." + rel[:-3].replace("/", ".")
    return name.removesuffix(".__init__")


def test_no_module_over_the_limit():
    long = {
        rel: n
        for rel, path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
        and rel not in LONG_MODULES_ALLOWED
    }
    assert long == {}


def test_no_function_over_the_limit():
    long = {}
    for rel, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long[f"{rel}:{node.name}"] = n
    assert long == {}


def _imports(rel: str, path: Path) -> set[str]:
    """Every ccaward module `rel` imports, at any level of the file."""
    name = _module_name(rel)
    package = name if rel.endswith("__init__.py") else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m.startswith("ccaward")}


def _graph() -> dict[str, set[str]]:
    names = {_module_name(rel) for rel, _ in _modules()}
    graph = {}
    for rel, path in _modules():
        targets = set()
        for m in _imports(rel, path):
            # `from pkg import name` names a module or an attribute: keep what exists.
            while m and m not in names:
                m = m.rpartition(".")[0]
            if m and m != _module_name(rel):
                targets.add(m)
        graph[_module_name(rel)] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _package_edge_ok(a: str, b: str) -> bool:
    # A package's __init__ re-exporting its own modules is not a cycle of concerns.
    return b.startswith(a + ".") or a.startswith(b + ".")


def test_no_import_cycles():
    graph = _graph()
    graph = {a: {b for b in bs if not _package_edge_ok(a, b)} for a, bs in graph.items()}
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


ENGINE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(ccaward.engine.__path__, "ccaward.engine.")
)


def test_engine_modules_are_all_found():
    assert "ccaward.engine.erlang" in ENGINE_MODULES
    assert len(ENGINE_MODULES) >= 10


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_imports_no_django(module):
    tree_imports = _imports(
        Path(importlib.util.find_spec(module).origin).relative_to(ROOT).as_posix(),
        Path(importlib.util.find_spec(module).origin),
    )
    assert not any(
        m.startswith("ccaward.") and not m.startswith("ccaward.engine") for m in tree_imports
    )
    source = Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            assert not any(a.name.split(".")[0] in {"django", "ninja", "rules"} for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            assert (node.module or "").split(".")[0] not in {"django", "ninja", "rules"}
