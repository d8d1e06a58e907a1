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
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from flask import Flask, current_app, request, url_for
from jinja2 import Environment, nodes
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from ..caches import COMPILED, LINK_SHAPES, PIECES, STATIC_URLS, Cache
from ..i18n import FORMAT_LOCALES, current_language, language_prefix, quoted
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
        self._compiled: Cache[str, bytes] = Cache(COMPILED, entries=256)

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.peek(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled.put(bucket.key, bucket.bytecode_to_string())


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
    it, the least recently used pieces go."""

    tags = {"cached"}

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(fragments=rendered_fragments(FRAGMENT_BYTES))  # until the app sets it

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        place = nodes.Const(f"{parser.name}:{lineno}")
        key = parser.parse_tuple()
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        call = self.call_method("_fragment", [place, key])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, place: str, key: Hashable, caller: Callable[[], str]) -> str:
        fragments: Cache[Hashable, str] = self.environment.fragments  # type: ignore[attr-defined]
        return fragments.get((place, current_language(), key), caller)


FRAGMENT_BYTES = 4 * 2**20


def rendered_fragments(budget: int) -> Cache[Hashable, str]:
    """Rendered template fragments by key, holding at most `budget` bytes of strings (a
    string's memory: curly quotes take two bytes a letter)."""
    return Cache(PIECES, entries=2**16, max_bytes=budget, size_of=sys.getsizeof)


class SiteLinks:
    """url_for for the site's own pages, in the language in force (so the API's
    `?lang=nl` links to Dutch pages too). A page's path never depends on the request (the
    site is served at the root; the script root is only the language's prefix), so its
    shape is built once per endpoint and later calls only put the codes in. Templates call
    it as `link`; the views' helpers call it through :func:`site_link`."""

    def __init__(self) -> None:
        self.shapes: Cache[tuple[str, ...], str] = Cache(LINK_SHAPES, entries=256)

    def __call__(self, endpoint: str, **values: Any) -> str:
        prefix = language_prefix(current_language())
        for value in values.values():
            if not CODE_LIKE.fullmatch(str(value)):
                return prefix + url_for(endpoint, **values).removeprefix(request.script_root)
        path = self.shapes.get((endpoint, *values), lambda: self.shape(endpoint, values))
        for name, value in values.items():
            path = path.replace(f"SLOT{name}", str(value))
        return prefix + path

    @staticmethod
    def shape(endpoint: str, values: Mapping[str, Any]) -> str:
        """The endpoint's path with a slot where each value goes."""
        slots: dict[str, Any] = {name: f"SLOT{name}" for name in values}
        return url_for(endpoint, **slots).removeprefix(request.script_root)


def site_link(endpoint: str, **values: Any) -> str:
    """A link to one of the site's pages, in the language in force (see SiteLinks)."""
    links: SiteLinks = current_app.jinja_env.globals["link"]  # type: ignore[assignment]
    return links(endpoint, **values)


def install_template_helpers(app: Flask, static_versions: Mapping[str, str]) -> None:
    """The globals and filters every template may use."""
    static_urls: Cache[str, str] = Cache(STATIC_URLS, entries=256)

    def static_url(filename: str) -> str:
        """A static file's versioned URL (the same for every request: built once)."""
        # The same for every language: static files live outside its prefix.
        return static_urls.get(
            filename,
            lambda: url_for(
                "static", filename=filename, v=static_versions.get(filename)
            ).removeprefix(request.script_root),
        )

    article = app.extensions["stackchooser"].content.article

    def source_link(css_class: str = "source-link") -> Markup:
        """The article's title, linked, for a sentence about it (cited in English)."""
        classes = Markup(' class="{}"').format(css_class) if css_class else ""
        link = Markup('<a{} href="{}">{}</a>').format(classes, article.url, article.title)
        return Markup(quoted(link))

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
