"""The shape of the package: no import loop, the frameworks used through their public
doors, the model apart from the languages, and every field of the content classified as
words (translated) or not."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path

import stackchooser
from stackchooser import caches, model

PACKAGE = Path(stackchooser.__file__).parent
FRAMEWORKS = ("flask", "flask_wtf", "jinja2", "werkzeug", "wtforms", "markupsafe", "babel")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports anywhere in its
    body (inside functions too)."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                if not node.level:
                    target = node.module or ""
                else:
                    target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    found.add(full if full in paths else target)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {module for module in found if module in paths and module != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_the_package_has_no_import_loop() -> None:
    graph = import_graph()
    assert "stackchooser.model" in graph and "stackchooser.i18n.content" in graph
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_loop() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_domain_imports_no_flask_and_the_model_no_languages() -> None:
    graph = import_graph()
    assert not {m for m in graph["stackchooser.model"] if m.startswith("stackchooser.i18n")}
    for module in ("model", "engine", "permalink", "team", "content", "kinds"):
        source = (PACKAGE / f"{module}.py").read_text()
        assert "import flask" not in source and "from flask" not in source, module


def _package_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(stackchooser.__path__, "stackchooser.")
        if not info.name.endswith("__main__")
    ]


def test_no_private_method_of_a_framework_is_overridden() -> None:
    """A class of ours never redefines a framework's `_private` method: an upgrade of the
    framework could change it without a failing test."""
    overridden = []
    for name in _package_modules():
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != name:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in FRAMEWORKS]
            for attribute, value in vars(cls).items():
                private = attribute.startswith("_") and not attribute.startswith("__")
                method = inspect.isfunction(value) or isinstance(value, property)
                if private and method and any(hasattr(base, attribute) for base in bases):
                    overridden.append(f"{name}.{cls.__name__}.{attribute}")
    assert overridden == []


# The content's fields that hold no words for people: ids, option ids, commands, the
# article's citation (cited in English), links.
NOT_WORDS = {
    "Article": {"title", "author", "publisher", "published", "url"},
    "Strength": {"id", "language", "section", "anchor"},  # anchor: the article's words
    "Option": {"id"},
    "Question": {"id", "kind"},
    "CloseCall": {"question"},
    "StackRule": {"stack", "lean"},
    "Stack": {"id"},
    "LegacyStacks": {"split_question"},
    "PartRule": {"id", "role", "language", "backend"},
    "TensionRule": {"question", "backend", "service", "concern"},
    "Concern": {"id"},
    "Weighting": {"concern"},
    "Ruleset": {"released"},
    "Framework": {"id", "name"},  # proper names, the same in every language
    "TieBreak": {"language"},
}


def test_every_text_field_of_the_content_is_words_or_named_as_not() -> None:
    """A new field that holds text must be declared with WORDS (so it is translated) or be
    listed above: none can stay English by being forgotten."""
    unclassified = []
    for cls in vars(model).values():
        if not (inspect.isclass(cls) and is_dataclass(cls) and cls.__module__ == model.__name__):
            continue
        hints = typing.get_type_hints(cls, vars(model))
        for item in fields(cls):
            text = hints[item.name] in (str, str | None)
            words = bool(item.metadata.get("words"))
            if text and not words and item.name not in NOT_WORDS.get(cls.__name__, set()):
                unclassified.append(f"{cls.__name__}.{item.name}")
            if words:
                assert item.name not in NOT_WORDS.get(cls.__name__, set())
    assert unclassified == []


def test_every_cache_is_declared_in_one_place_and_tabled() -> None:
    """No cache outside stackchooser/caches.py's mechanism, and docs/ARCHITECTURE.md's
    table names exactly the declared ones, each with its bound and invalidation."""
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text()
        found = re.search(r"\blru_cache\b|\bfunctools import cache\b|@cache\b", source)
        assert found is None, f"{path.name}: {found} (use stackchooser.caches)"
    architecture = (PACKAGE.parent / "docs" / "ARCHITECTURE.md").read_text()
    section = architecture.split("### The in-process caches", 1)[1].split("\n## ", 1)[0]
    rows = {
        cells[0]: cells
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith(("| cache ", "|---"))
        for cells in [[cell.strip() for cell in line.strip("|").split("|")]]
    }
    assert set(rows) == set(caches.DECLARED)
    for name, declaration in caches.DECLARED.items():
        assert rows[name][2] == declaration.bound and rows[name][3] == declaration.invalidated_by


def test_the_cache_benchmark_measures_every_cache_on_what_it_serves() -> None:
    from bench.caches import TARGETS

    assert set(TARGETS) == set(caches.DECLARED)
