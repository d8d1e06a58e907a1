"""The site in three languages: URLs under /nl/ and /fr/, hreflang, the switcher, caches
kept apart per language, the API's ?lang= and the command line's --lang."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from stackchooser import create_app
from stackchooser.cli import main
from tests.data import GOLDEN, SAMPLE_ANSWERS
from tests.pages import get_page

CODE = GOLDEN["codes"][0]["code"]
LANGUAGES = ("en", "nl", "fr")


@pytest.fixture
def app() -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "ENV_NAME": "testing",
            "SITE_LANGUAGES": list(LANGUAGES),
        }
    )


def _prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


PAGES = ["/", "/methodology", "/questions/team", f"/r/{CODE}", f"/t/{CODE}-{CODE}"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_has_its_language_and_hreflang_alternates(
    client: FlaskClient, language: str, path: str
) -> None:
    page = get_page(client, _prefix(language) + path)
    assert page.soup.html["lang"] == language
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.soup.select('head link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": f"http://localhost{path}",
        "nl": f"http://localhost/nl{path}",
        "fr": f"http://localhost/fr{path}",
        "x-default": f"http://localhost{path}",
    }
    # The switcher keeps the visitor on the same page, in each language.
    switcher = {a["hreflang"]: a["href"] for a in page.soup.select("nav.languages a")}
    assert switcher == {code: url for code, url in alternates.items() if code != "x-default"}
    assert page.soup.select_one("nav.languages a[aria-current]")["hreflang"] == language


def test_the_same_code_opens_in_every_language_with_links_that_stay_in_it(
    client: FlaskClient,
) -> None:
    headings = {}
    for language in LANGUAGES:
        page = get_page(client, f"{_prefix(language)}/r/{CODE}")
        headings[language] = page.soup.select_one(".verdict .caption").get_text()
        own = page.soup.select_one('a[href$="/methodology"]')["href"]
        assert own == f"{_prefix(language)}/methodology"
        stylesheet = page.soup.select_one('link[rel="stylesheet"]')["href"]
        assert stylesheet.startswith("/static/")  # one copy of each static file
    assert headings == {
        "en": "Your recommendation",
        "nl": "Uw aanbeveling",
        "fr": "Votre recommandation",
    }


def test_each_language_has_its_own_cached_rendering(client: FlaskClient) -> None:
    english = client.get(f"/r/{CODE}")
    dutch = client.get(f"/nl/r/{CODE}")
    again = client.get(f"/r/{CODE}")
    assert "Uw aanbeveling" in dutch.text and "Uw aanbeveling" not in english.text
    assert again.text == english.text
    assert english.headers["ETag"] != dutch.headers["ETag"]


def test_an_unknown_page_gets_a_404_in_the_language_of_its_address(client: FlaskClient) -> None:
    page = get_page(client, "/fr/r/not-a-code", status=404)
    assert page.soup.html["lang"] == "fr"
    assert "Erreur 404" in page.soup.get_text()


def test_only_the_languages_served_have_addresses() -> None:
    english_only = create_app({"TESTING": True, "SITE_LANGUAGES": ["en"]}).test_client()
    assert english_only.get("/nl/").status_code == 404
    page = english_only.get("/")
    assert 'hreflang="nl"' not in page.text
    assert 'class="languages"' not in page.text
    with pytest.raises(ValueError, match="SITE_LANGUAGES"):
        create_app({"TESTING": True, "SITE_LANGUAGES": ["en", "de"]})


def test_the_api_speaks_english_unless_asked_and_keeps_its_ids(client: FlaskClient) -> None:
    body = {"answers": SAMPLE_ANSWERS["python"]}
    english = client.post("/api/v1/recommendation", json=body).get_json()
    dutch = client.post("/api/v1/recommendation?lang=nl", json=body).get_json()
    for key in ("verdict", "scores", "strengths", "code"):
        assert english[key] == dutch[key]
    assert [r["question"] for r in english["reasons"]] == [r["question"] for r in dutch["reasons"]]
    wrong = client.post("/api/v1/recommendation?lang=de", json=body)
    assert wrong.status_code == 400
    assert wrong.get_json()["error"]["field"] == "lang"


def test_the_command_line_takes_lang(capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import json
    import sys

    sys.stdin = io.StringIO(json.dumps({"answers": SAMPLE_ANSWERS["python"]}))
    try:
        assert main(["recommend", "--lang", "nl", "--format", "md"]) == 0
    finally:
        sys.stdin = sys.__stdin__
    record = capsys.readouterr().out
    assert "(/nl/r/" in record or "</nl/r/" in record
