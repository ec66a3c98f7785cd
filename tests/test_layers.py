"""The package's imports flow one way: load -> annotate -> corpus -> pages -> plugin/cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "newsroom"

# Each top-level module or package of newsroom, by layer: a module may import from its own
# layer or a lower one, never from a higher one.
LAYERS: dict[str, int] = {
    "model": 0,
    "text": 0,
    "schema": 0,
    "yamlfile": 0,
    "collector": 0,
    "config": 1,
    "furniture": 1,
    "frontmatter": 1,
    "seeds": 1,
    "editorial": 1,
    "topics": 1,
    "nlp": 2,
    "cache": 3,
    "annotate": 4,
    "annotator": 4,
    "workers": 4,
    "corpus": 5,
    "timeline": 5,
    "pages": 6,
    "api": 6,
    "feeds": 6,
    "incremental": 7,
    "plugin": 7,
    "serve": 7,
    "cli": 7,
    "evaluation": 7,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The newsroom modules ``path`` imports, as dotted names (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("newsroom"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("newsroom"):
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}
    return {f for f in found if f in known and f != name}


def top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


GRAPH = {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def test_every_module_has_a_layer() -> None:
    """A new top-level module is given its place in LAYERS."""
    assert {top(m) for m in GRAPH if top(m)} <= set(LAYERS)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_from_a_higher_layer(module: str) -> None:
    """No module imports from a layer above its own."""
    if not top(module):
        return
    upward = [i for i in GRAPH[module] if LAYERS.get(top(i), -1) > LAYERS[top(module)]]
    assert upward == []


def test_no_import_cycle() -> None:
    """The import graph of the package has no cycle (imports under TYPE_CHECKING included)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(GRAPH.get(node, ())):
            if state.get(target) == 1:
                cycle = stack[stack.index(target) :]
                # A package importing its own submodules is not a cycle of layers.
                if not all(m.startswith(target + ".") or m == target for m in cycle):
                    raise AssertionError(" -> ".join([*cycle, target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


def test_a_warm_build_imports_no_spacy() -> None:
    """The plugin and every stage a cached build runs import without spaCy (it loads on need)."""
    import subprocess
    import sys

    code = (
        "import sys, newsroom.plugin, newsroom.cli, newsroom.pages, newsroom.corpus;"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
