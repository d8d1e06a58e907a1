"""The site in three languages: URLs under /nl/ and /fr/, hreflang, the switcher, caches
kept apart per language, the API's ?lang= and the command line's --lang."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from stackchooser import create_app
from stackchooser.cli import main
from stackchooser.i18n import catalogue_gaps
from tests.data import GOLDEN, GOLDEN_2, GOLDEN_3, SAMPLE_ANSWERS
from tests.pages import get_page
from tests.web.helpers import walk

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
    # The Dutch answer links to the Dutch pages, its changes' results included.
    assert dutch["permalink"] == f"http://localhost/nl/r/{dutch['code']}"
    assert english["permalink"] == f"http://localhost/r/{english['code']}"
    assert dutch["changes"] and all(
        change["permalink"].startswith("http://localhost/nl/r/") for change in dutch["changes"]
    )
    assert client.post("/nl/api/v1/recommendation?lang=en", json=body).get_json() == english
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


# --- every word translated -------------------------------------------------------------

# What stays the same in every language: names, scores, the article's title and its section
# headings (cited in English), the titles of the frameworks' own documentation.
SAME_IN_EVERY_LANGUAGE = re.compile(
    r"How to choose between Python and NodeJS|Kamen Zhekov|^The strengths of|^Python or NodeJS"
    r"|^\(Python \d+, NodeJS \d+\)$|^(Back|Front) end, \w+\.$|^Python \d+(,\d+)?, NodeJS \d+"
    r"|stackchooser|Jinja2 templates|EJS templates|WebSockets in Node|^\W*$"
    r"|^English Nederlands Français$"  # the switcher: each language in its own words
)
SAME_WORD = {"fr": re.compile(r"^Question( \d+)+$")}  # the answer grid's header row
CODES = [e["code"] for e in GOLDEN["codes"] + GOLDEN_2["codes"] + GOLDEN_3["codes"]]
EVERY_PAGE_TYPE = [
    "/",
    "/methodology",
    "/r/not-a-code",
    "/t/not-a-code",
    "/questions/team",
    "/questions/priorities",
    *(f"/r/{code}" for code in CODES),
    *(f"/r/{code}.md" for code in CODES[-6:]),
    f"/t/{'-'.join(CODES[-5:])}",
    f"/t/{'-'.join(CODES[-5:])}.md",
    f"/t/{CODES[-3]}-{CODES[-4]}",
    f"/t/{CODES[-1]}",
]


def _texts(response: TestResponse) -> set[str]:
    """The sentences a person reads on a page: each element's text, and the attributes
    read aloud or shown in previews; a record's lines."""
    if response.mimetype != "text/html":
        return {line.strip() for line in response.text.splitlines() if line.strip()}
    soup = BeautifulSoup(response.text, "html.parser")
    for code in soup(["script", "style", "code", "pre"]):
        code.decompose()
    texts = {" ".join(element.get_text(" ").split()) for element in soup.find_all(True)}
    for tag in soup.find_all(True):
        for name in ("alt", "aria-label", "data-copied", "title"):
            if tag.get(name):
                texts.add(tag[name])
        if tag.name == "meta" and (
            tag.get("name") == "description"
            or tag.get("property") in ("og:title", "og:description", "og:image:alt")
        ):
            texts.add(tag["content"])
    return texts


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_no_english_sentence_is_left_on_a_translated_page(
    client: FlaskClient, language: str
) -> None:
    left = {}
    for path in EVERY_PAGE_TYPE:
        english, translated = client.get(path), client.get(f"/{language}{path}")
        assert english.status_code == translated.status_code, path
        for text in _texts(english) & _texts(translated):
            same_word = SAME_WORD.get(language)
            if same_word is not None and same_word.search(text):
                continue
            if len(text.split()) >= 3 and not SAME_IN_EVERY_LANGUAGE.search(text):
                left.setdefault(text[:80], path)
    assert not left, left


def test_the_wizard_speaks_the_language_of_its_address(client: FlaskClient) -> None:
    for language, words in (("nl", "Stap 1 van 6"), ("fr", "Étape 1 sur 6")):
        location = walk(client, SAMPLE_ANSWERS["python"], f"/{language}").headers["Location"]
        assert location.startswith(f"/{language}/r/")
        page = get_page(client, f"/{language}/questions/team")
        assert words in page.soup.get_text()
        check = get_page(client, f"/{language}/check")
        assert check.soup.html["lang"] == language


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_each_catalogue_translates_every_message(language: str) -> None:
    assert catalogue_gaps(language) == []


def test_the_record_and_the_picture_follow_the_language(client: FlaskClient) -> None:
    records = {lang: client.get(f"{_prefix(lang)}/r/{CODE}.md").text for lang in LANGUAGES}
    assert "## Decision Outcome" in records["en"]
    assert "## Beslissing" in records["nl"]
    assert "## Décision" in records["fr"]
    assert f"/nl/r/{CODE}" in records["nl"]  # its links stay in the language
    pictures = {lang: client.get(f"{_prefix(lang)}/r/{CODE}.png").data for lang in LANGUAGES}
    assert len(set(pictures.values())) == 3
    badge = client.get(f"/fr/r/{CODE}.svg").text
    assert "Back-end\u00a0:" in badge


def test_numbers_and_dates_are_written_the_local_way(client: FlaskClient) -> None:
    codes = "-".join(e["code"] for e in GOLDEN_3["codes"][:3])
    for language, date in (("en", "17 May 2022"), ("nl", "17 mei 2022"), ("fr", "17 mai 2022")):
        assert date in client.get(f"{_prefix(language)}/methodology").text
    team = {lang: client.get(f"{_prefix(lang)}/t/{codes}").text for lang in LANGUAGES}
    means = re.findall(r"Python (\d+(?:[.,]\d+)?)", team["en"])
    decimal = next((m for m in means if "." in m), None)
    if decimal is not None:
        assert decimal.replace(".", ",") in team["nl"] and decimal not in team["nl"]
