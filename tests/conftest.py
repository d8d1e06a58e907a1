"""Shared fixtures: the app (CSRF on, as in production), its client, and a page checker."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings

from stackchooser import create_app
from stackchooser.advisor import Advisor

# Property tests run fewer cases in the fast loop; scripts/test.sh (and so CI) selects
# the "ci" profile, which keeps every test's own case count.
settings.register_profile("dev", max_examples=25)
settings.register_profile("ci")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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
