"""Shared fixtures: the app (CSRF on, as in production), its client, and a page checker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from stackchooser import create_app
from stackchooser.advisor import Advisor

SAMPLE_ANSWERS = {
    "python": {
        "team": "python",
        "scale": "small",
        "workloads": ["ml_ai", "business_rules"],
        "frontend": "spa",
        "unified_stack": "no",
        "priorities": ["maintainability"],
    },
    "nodejs": {
        "team": "javascript",
        "scale": "prototype",
        "workloads": ["realtime_messaging"],
        "frontend": "highly_interactive",
        "unified_stack": "yes",
        "priorities": ["time_to_market"],
    },
    "either": {
        "team": "both",
        "scale": "small",
        "workloads": ["crud"],
        "frontend": "undecided",
        "unified_stack": "no_preference",
        "priorities": [],
    },
}


def require(condition: bool, what: str) -> None:
    """Skip when a tool is missing locally; fail under CI, where it must be there."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing under CI", pytrace=False)
    pytest.skip(f"{what} is not installed")


@pytest.fixture
def app() -> Iterator[Flask]:
    yield create_app({"TESTING": True, "SECRET_KEY": "test-secret", "ENV_NAME": "testing"})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def advisor(app: Flask) -> Advisor:
    return app.extensions["stackchooser"]


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
