"""Every in-process cache of the package, through one mechanism: each has a name, a bound
and what invalidates it, counts its hits and misses, and can be switched off to measure
what it saves (`python -m bench.caches`). docs/ARCHITECTURE.md tables them all, and a
test holds that table equal to what is declared here and where. No Flask import.

A cache is a :class:`Cache` (least recently used, bounded in entries and optionally in
bytes), a function wrapped by :func:`memoize` (a Cache keyed by the arguments), or a
:class:`PerObject` (what is worked out once per object, such as a ruleset's tables).
Each is made from one of the declarations below; several instances may share one (one per
app, say), and their counts are added up.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Generic, ParamSpec, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
P = ParamSpec("P")
R = TypeVar("R")


DECLARED: dict[str, Declaration] = {}


@dataclass(frozen=True)
class Declaration:
    """What a cache is: its name, what it keeps, its bound and what invalidates it."""

    name: str
    keeps: str
    bound: str
    invalidated_by: str

    def __post_init__(self) -> None:
        DECLARED[self.name] = self


# --- the caches ------------------------------------------------------------------------
RENDERED = Declaration(
    "rendered",
    "whole renderings of results and teams (page, JSON, record, picture, badge) with "
    "their ETags, answered before the framework (web/cache.py)",
    "RESULT_CACHE_SIZE entries and 7/8 of CACHE_BYTES per app",
    "nothing: a rendering is a pure function of its code, language, base URL and build",
)
PIECES = Declaration(
    "pieces",
    "rendered pieces that result and team pages share ({% cached %}: reasons, plan parts, "
    "tensions, chart bars), per template place, language and row (web/templating.py)",
    "1/8 of CACHE_BYTES per app",
    "nothing: a row holds everything its piece prints",
)
PAGES = Declaration(
    "pages",
    "the landing and methodology pages, per language (web/pages.py)",
    "2 pages x languages per app",
    "nothing: they depend on the content and templates alone",
)
STEPS = Declaration(
    "steps",
    "each question's page rendered once, with room for the visitor's CSRF token and "
    "answer (web/wizard.py)",
    "questions x 2 ways in x languages per app",
    "nothing: the page depends on the content and templates alone",
)
LINK_SHAPES = Declaration(
    "link shapes",
    "each endpoint's path with slots for its codes, so a page's many result links are "
    "built without url_for (web/templating.py)",
    "256 endpoints and argument names per app",
    "nothing: the site's routes are fixed when the app is made",
)
STATIC_URLS = Declaration(
    "static URLs",
    "each static file's versioned URL (web/templating.py)",
    "256 files per app",
    "nothing: the versions are fixed when the app is made",
)
COMPILED = Declaration(
    "compiled templates",
    "Jinja's bytecode of each template, shared by the apps of one process (web/templating.py)",
    "256 templates per process",
    "an edited template (Jinja compares the source's checksum)",
)
CONTENT = Declaration(
    "content",
    "the validated content, shared by the apps of one process (content.py)",
    "16 sets of files per process",
    "a content file's change of time or size",
)
RESULTS = Declaration(
    "results",
    "evaluated results (scores, plan, changes) per code and language (advisor.py)",
    "RESULT_CACHE_SIZE entries per app",
    "nothing: a code's result is fixed by its ruleset",
)
ROWS = Declaration(
    "rows",
    "the view model's rows of reasons, plan parts and tensions, per advisor and language "
    "(presenters/rows.py); a kept row is also found at once by the pieces kept for it",
    "4,096 rows per process",
    "nothing: a row is a function of the content and the engine's value",
)
LOCALIZED = Declaration(
    "localized content",
    "the content translated into each language (i18n/content.py)",
    "3 languages per app",
    "nothing: the catalogues travel with the code",
)
CATALOGUES = Declaration(
    "complete languages",
    "which languages' catalogues translate every message (read from the .po files once "
    "per process, i18n/catalogues.py)",
    "1 answer per process",
    "nothing: the catalogues travel with the code",
)
FORMATTED = Declaration(
    "formatted numbers and dates",
    "numbers and dates written per locale by Babel (i18n/formatting.py)",
    "4,096 numbers and 256 dates per process",
    "nothing",
)
PICTURE_PARTS = Declaration(
    "picture parts",
    "the fonts (per weight and size) and palettes (per verdict) previews are drawn with "
    "(preview.py)",
    "16 fonts and palettes per process",
    "nothing: the fonts travel with the code",
)
ENGINE_TABLES = Declaration(
    "engine tables",
    "per ruleset: each question's points by the answers they read, and each answer's "
    "single edits, for the search for what would change a result (engine.py)",
    "64 rulesets; per ruleset, the combinations of the answers its points read",
    "nothing: a ruleset is frozen",
)
LAYOUTS = Declaration(
    "permalink layouts",
    "per ruleset's questions: the radices and digits a code is written with (permalink.py)",
    "64 rulesets",
    "nothing: a ruleset is frozen",
)
FORM_CLASSES = Declaration(
    "form classes",
    "the WTForms class of each question's page (web/forms.py)",
    "64 questions",
    "nothing: questions are frozen",
)

_instances: weakref.WeakSet[Cache[Hashable, object]] = weakref.WeakSet()
_switched_off: set[str] = set()


class Cache(Generic[K, V]):
    """A thread-safe least-recently-used cache of at most `entries` values and, with
    `size_of`, at most `max_bytes` of them."""

    def __init__(
        self,
        declaration: Declaration,
        entries: int,
        max_bytes: int | None = None,
        size_of: Callable[[V], int] | None = None,
    ) -> None:
        self.name = declaration.name
        self.entries = entries
        self.max_bytes = max_bytes
        self.size_of = size_of
        self.hits = 0
        self.misses = 0
        self.bytes = 0
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        _instances.add(self)  # type: ignore[arg-type]

    def peek(self, key: K, count: bool = True) -> V | None:
        """The value kept under `key`, if any (counted as a hit or a miss, unless this is a
        second look after a first that counted)."""
        if _switched_off and self.name in _switched_off:
            self.misses += count
            return None
        # No lock to read: each OrderedDict call is atomic under the interpreter's lock,
        # and a key evicted between the two calls is simply not moved.
        found = self._items.get(key)
        if found is None:
            self.misses += count
            return None
        try:
            self._items.move_to_end(key)
        except KeyError:
            pass
        self.hits += count
        return found

    def put(self, key: K, value: V) -> None:
        """Keep `value` under `key`, dropping the least recently used past the bounds."""
        if _switched_off and self.name in _switched_off:
            return
        size = self.size_of(value) if self.size_of is not None else 0
        with self._lock:
            previous = self._items.pop(key, None)
            if previous is not None and self.size_of is not None:
                self.bytes -= self.size_of(previous)
            self._items[key] = value
            self.bytes += size
            while self._items and (
                len(self._items) > self.entries
                or (self.max_bytes is not None and self.bytes > self.max_bytes)
            ):
                _, evicted = self._items.popitem(last=False)
                if self.size_of is not None:
                    self.bytes -= self.size_of(evicted)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept under `key`, or `make()`'s, kept (an exception is not kept)."""
        found = self.peek(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0

    def values(self) -> list[V]:
        """What is kept now, least recently used first."""
        with self._lock:
            return list(self._items.values())

    def __len__(self) -> int:
        return len(self._items)


def memoize(declaration: Declaration, entries: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A function's results kept by its (hashable, positional) arguments in a Cache."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        cache: Cache[Hashable, R] = Cache(declaration, entries)

        @wraps(function)
        def memoized(*args: P.args, **kwargs: P.kwargs) -> R:
            assert not kwargs, f"{declaration.name}: positional arguments only"
            return cache.get(args, lambda: function(*args, **kwargs))

        memoized.cache = cache  # type: ignore[attr-defined]
        return memoized

    return decorate


Obj = TypeVar("Obj")


class PerObject(Generic[Obj, V]):
    """What `build` works out of an object, once per object: found by the object's
    identity (frozen content compares by value, so hashing it would read it whole), for at
    most `bound` objects at a time, so callers passing fresh objects cannot grow it."""

    def __init__(
        self, declaration: Declaration, build: Callable[[Obj], V], bound: int = 64
    ) -> None:
        self.name = declaration.name
        self.build = build
        self.cache: Cache[int, tuple[Obj, V]] = Cache(declaration, bound)

    def __call__(self, key: Obj) -> V:
        found = self.cache.peek(id(key))
        if found is not None and found[0] is key:
            return found[1]
        made = self.build(key)
        self.cache.put(id(key), (key, made))
        return made


@dataclass(frozen=True)
class Counts:
    """What the caches of one name did: hits, misses, entries and bytes held now."""

    hits: int
    misses: int
    entries: int
    bytes: int

    @property
    def hit_rate(self) -> float:
        asked = self.hits + self.misses
        return self.hits / asked if asked else 0.0


def counts() -> dict[str, Counts]:
    """Every declared cache's counts, added up over its live instances."""
    found = {name: Counts(0, 0, 0, 0) for name in DECLARED}
    for cache in list(_instances):
        was = found[cache.name]
        found[cache.name] = Counts(
            was.hits + cache.hits,
            was.misses + cache.misses,
            was.entries + len(cache),
            was.bytes + cache.bytes,
        )
    return found


def reset_counts() -> None:
    for cache in list(_instances):
        cache.hits = cache.misses = 0


def clear_all() -> None:
    """Empty every cache (for measuring a cold start)."""
    for cache in list(_instances):
        cache.clear()


@contextmanager
def switched_off(*names: str) -> Iterator[None]:
    """Within the block, the named caches keep nothing and find nothing."""
    unknown = set(names) - set(DECLARED)
    if unknown:
        raise KeyError(f"no cache named {sorted(unknown)}")
    before = set(_switched_off)
    _switched_off.update(names)
    try:
        yield
    finally:
        _switched_off.clear()
        _switched_off.update(before)
