"""The site's page templates: their indentation removed when they compile, and the
helpers they call.

Templates are written indented for people; the pages go out without that indentation,
stripped once per template when Jinja compiles it rather than from every page at every
request. Only HTML templates are touched (the Markdown and text ones keep their layout).
The helpers (`static_url`, `link`, `article`) are Jinja globals rather than a context
processor, so macros imported without context see them and Jinja keeps each imported
macro module instead of rebuilding it every render.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from flask import Flask, current_app, request, url_for
from jinja2 import Environment, nodes
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from ..i18n import FORMAT_LOCALES, current_language, language_prefix
from ..kinds import display_name

CODE_LIKE = re.compile(r"[0-9a-z-]{1,1400}")  # a permalink code, or a team's codes

INDENTATION = re.compile(r"[ \t]*\n\s*")  # a line break with the blanks around it


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, shared by every app made in the process: a
    worker makes one app, but the tests and scripts make hundreds, and compiling the
    templates was most of what their first page cost. Jinja compares the source's
    checksum, so an edited template compiles again. Every app compiles alike: create_app
    gives each environment the same settings."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


class StripIndentation(Extension):
    """A Jinja extension: each line break in an HTML template's source, with the blanks
    and blank lines around it, becomes a single line break."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is None or not name.endswith(".html"):
            return source
        return INDENTATION.sub("\n", source)


class CachedFragments(Extension):
    """`{% cached key %}…{% endcached %}`: the body is rendered once per place in a
    template, language and key, and its HTML kept for the next page that shows the same
    thing. The key (a row of the view model, or a tuple of values) must hold everything
    the body prints; site links may appear too, since they depend on the language alone.
    Result and team pages are assembled from some nine hundred distinct reasons, plan
    parts, tensions and chart bars a language (about 0.6 MB, after 6,000 random pages),
    so on a page never asked for before most of its pieces are already rendered. The kept
    HTML is bounded in bytes (an eighth of CACHE_BYTES, set when the app is made): past
    it, the pieces start again from empty."""

    tags = {"cached"}

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(fragments=RenderedFragments(FRAGMENT_BYTES))  # until the app sets it

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        place = nodes.Const(f"{parser.name}:{lineno}")
        key = parser.parse_tuple()
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        call = self.call_method("_fragment", [place, key])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, place: str, key: Hashable, caller: Callable[[], str]) -> str:
        fragments: RenderedFragments = self.environment.fragments  # type: ignore[attr-defined]
        return fragments.get((place, current_language(), key), caller)


FRAGMENT_BYTES = 4 * 2**20


class RenderedFragments:
    """Rendered template fragments by key, holding at most `budget` bytes of strings."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._kept: dict[Hashable, str] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, render: Callable[[], str]) -> str:
        """The fragment kept under `key`, or `render()`'s, kept."""
        found = self._kept.get(key)
        if found is not None:
            return found
        found = render()
        size = sys.getsizeof(found)  # the string's memory (curly quotes take 2 bytes a letter)
        with self._lock:  # a worker's threads share the pieces
            if self.size + size > self.budget:
                self._clear()  # a bounded set of pieces: start again rather than track age
            if key not in self._kept:
                self._kept[key] = found
                self.size += size
        return found

    def clear(self) -> None:
        with self._lock:
            self._clear()

    def _clear(self) -> None:
        self._kept.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._kept)


class SiteLinks:
    """url_for for the site's own pages, in the language in force (so the API's
    `?lang=nl` links to Dutch pages too). A page's path never depends on the request (the
    site is served at the root; the script root is only the language's prefix), so its
    shape is built once per endpoint and later calls only put the codes in. Templates call
    it as `link`; the views' helpers call it through :func:`site_link`."""

    def __init__(self) -> None:
        self.shapes: dict[tuple[str, ...], str] = {}

    def __call__(self, endpoint: str, **values: Any) -> str:
        prefix = language_prefix(current_language())
        for value in values.values():
            if not CODE_LIKE.fullmatch(str(value)):
                return prefix + url_for(endpoint, **values).removeprefix(request.script_root)
        key = (endpoint, *values)
        path = self.shapes.get(key)
        if path is None:
            slots: dict[str, Any] = {name: f"SLOT{name}" for name in values}
            path = url_for(endpoint, **slots).removeprefix(request.script_root)
            self.shapes[key] = path
        for name, value in values.items():
            path = path.replace(f"SLOT{name}", str(value))
        return prefix + path


def site_link(endpoint: str, **values: Any) -> str:
    """A link to one of the site's pages, in the language in force (see SiteLinks)."""
    links: SiteLinks = current_app.jinja_env.globals["link"]  # type: ignore[assignment]
    return links(endpoint, **values)


def install_template_helpers(app: Flask, static_versions: Mapping[str, str]) -> None:
    """The globals and filters every template may use."""
    static_urls: dict[str, str] = {}

    def static_url(filename: str) -> str:
        """A static file's versioned URL (the same for every request: built once)."""
        if filename not in static_urls:
            # The same for every language: static files live outside its prefix.
            static_urls[filename] = url_for(
                "static", filename=filename, v=static_versions.get(filename)
            ).removeprefix(request.script_root)
        return static_urls[filename]

    article = app.extensions["stackchooser"].content.article

    def source_link(css_class: str = "source-link") -> Markup:
        """The article's title, linked, for a sentence about it (cited in English)."""
        classes = Markup(' class="{}"').format(css_class) if css_class else ""
        return Markup('<a{} href="{}">“{}”</a>').format(classes, article.url, article.title)

    def strong(text: str) -> Markup:
        return Markup("<strong>{}</strong>").format(text)

    def og_locale() -> str:
        return FORMAT_LOCALES[current_language()]

    app.add_template_filter(display_name, "language_name")
    app.jinja_env.globals.update(source_link=source_link, strong=strong, og_locale=og_locale)
    app.jinja_env.globals.update(
        static_url=static_url,
        link=SiteLinks(),
        article=article,
    )
