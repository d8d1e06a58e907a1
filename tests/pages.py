"""Fetch a page and check what every page must get right, then parse it for assertions.

`get_page()` fetches through the Flask test client, checks the status, the security
headers and the page's basics (title, unique ids, forms with an action, one h1, nothing
from another host) and returns the parsed document, so tests assert on elements.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


class PageChecker(HTMLParser):
    """Collects what every page must get right: a title, unique ids, forms with an action."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.title = ""
        self.in_title = False
        self.forms_without_action = 0
        self.external: list[str] = []
        self.h1_count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "title" and not self.title:  # the document's, not an SVG's
            self.in_title = True
        if tag == "h1":
            self.h1_count += 1
        if tag == "form" and not attributes.get("action"):
            self.forms_without_action += 1
        if tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
            return  # a pointer to this page's own permalink, not a request
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            if tag in ("script", "link", "img") and value.startswith(("http:", "https:", "//")):
                self.external.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


def check_page(html: str) -> PageChecker:
    """Parse a page and assert the basics every page must get right."""
    checker = PageChecker()
    checker.feed(html)
    assert checker.title.strip().endswith("– stackchooser"), (
        f"not one of our pages: {checker.title}"
    )
    duplicates = {i for i in checker.ids if checker.ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert checker.forms_without_action == 0, "a form has no action"
    assert not checker.external, f"refers to another host: {checker.external}"
    assert checker.h1_count == 1, f"expected one h1, found {checker.h1_count}"
    return checker


@dataclass
class Page:
    """A fetched page: the response, and the parsed document to assert on."""

    response: TestResponse
    soup: BeautifulSoup

    def text_of(self, selector: str) -> list[str]:
        """The visible text of every element the CSS selector finds, whitespace collapsed."""
        return [" ".join(el.get_text(" ").split()) for el in self.soup.select(selector)]

    @property
    def text(self) -> str:
        return " ".join(self.soup.get_text(" ").split())


def get_page(client: FlaskClient, url: str, status: int = 200) -> Page:
    """Fetch `url`, check its status, security headers and basics, and parse it."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert response.mimetype == "text/html", response.mimetype
    for header in SECURITY_HEADERS:
        assert response.headers.get(header), f"{url} lacks {header}"
    check_page(response.text)
    return Page(response, BeautifulSoup(response.text, "html.parser"))
