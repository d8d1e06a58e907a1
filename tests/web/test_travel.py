"""Results that travel: link previews, badges and the OpenAPI description."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree

import pytest
from flask.testing import FlaskClient
from openapi_spec_validator import validate
from PIL import Image, ImageChops, ImageStat

from stackchooser.advisor import Advisor
from stackchooser.openapi import EXAMPLE_ANSWERS, EXAMPLE_CODE
from tests.data import FIXTURES, GOLDEN_2
from tests.pages import get_page

CODES_2 = {entry["name"]: entry["code"] for entry in GOLDEN_2["codes"]}
REFERENCE = FIXTURES / "preview-close-call-scores.png"
SVG = "{http://www.w3.org/2000/svg}"


def _image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("name", sorted(CODES_2))
def test_every_result_has_a_1200_by_630_preview(client: FlaskClient, name: str) -> None:
    response = client.get(f"/r/{CODES_2[name]}.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.headers["ETag"] and "max-age" in response.headers["Cache-Control"]
    image = _image(response.data)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert image.mode in ("RGB", "P")  # a palette keeps it small and quick to encode


def test_the_preview_matches_its_reference_image(client: FlaskClient) -> None:
    rendered = _image(client.get(f"/r/{CODES_2['close-call-scores']}.png").data).convert("RGB")
    reference = Image.open(REFERENCE).convert("RGB")
    difference = ImageChops.difference(rendered, reference).convert("L")
    mean = ImageStat.Stat(difference).mean[0]
    changed = sum(difference.point(lambda value: 255 if value > 40 else 0).histogram()[255:])
    assert mean < 1.5, f"mean difference {mean:.2f}"
    assert changed < 0.01 * 1200 * 630, f"{changed} pixels differ visibly"


def test_the_preview_is_a_pure_function_of_the_code(client: FlaskClient) -> None:
    url = f"/r/{CODES_2['everything']}.png"
    first = client.get(url)
    fresh = client.application.test_client()
    assert fresh.get(url).data == first.data
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_a_result_page_names_its_preview(client: FlaskClient) -> None:
    code = CODES_2["python-pages"]
    page = get_page(client, f"/r/{code}")

    def meta(name: str) -> str:
        found = page.soup.find("meta", attrs={"property": name}) or page.soup.find(
            "meta", attrs={"name": name}
        )
        assert found is not None, name
        return str(found["content"])

    assert meta("og:image") == f"http://localhost/r/{code}.png"
    assert (meta("og:image:width"), meta("og:image:height")) == ("1200", "630")
    assert meta("og:image:alt").startswith("Use Python for your back end")
    assert meta("twitter:card") == "summary_large_image"


@pytest.mark.parametrize("name", sorted(CODES_2))
def test_the_badge_is_small_accessible_svg(client: FlaskClient, name: str) -> None:
    response = client.get(f"/r/{CODES_2[name]}.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert len(response.data) < 4096
    root = ElementTree.fromstring(response.data)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text and title.text.startswith("Back end: ")
    assert root.get("role") == "img"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "back end" in texts and len(texts) == 2
    assert not list(root.iter(f"{SVG}path")), "text, not paths"


def test_the_readme_snippet_is_a_linked_badge(client: FlaskClient) -> None:
    code = CODES_2["nodejs-with-python-models"]
    page = get_page(client, f"/r/{code}")
    snippet = page.soup.select_one("#readme-badge")
    assert snippet is not None
    permalink = f"http://localhost/r/{code}"
    assert snippet["value"] == f"[![Back end: NodeJS (stackchooser)]({permalink}.svg)]({permalink})"
    assert page.soup.select_one("label[for=readme-badge]") is not None


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_a_bad_code_gets_a_404_for_pictures_too(client: FlaskClient, suffix: str) -> None:
    response = client.get(f"/r/nope{suffix}")
    assert response.status_code == 404
    assert response.mimetype == "text/plain"


def test_the_openapi_document_is_valid_and_follows_the_content(
    client: FlaskClient, advisor: Advisor
) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    answers = document["components"]["schemas"]["Answers"]["properties"]
    questions = advisor.content.current.questions
    assert list(answers) == [q.id for q in questions]
    for question in questions:
        schema = answers[question.id]
        enum = schema["items"]["enum"] if question.multiple else schema["enum"]
        assert enum == list(question.option_ids)
    strengths = document["components"]["schemas"]["StrengthId"]["enum"]
    assert strengths == list(advisor.content.strengths)


def test_the_openapi_examples_work_against_the_live_api(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    post = document["paths"]["/api/v1/recommendation"]["post"]
    example = post["requestBody"]["content"]["application/json"]["example"]
    assert example == {"answers": EXAMPLE_ANSWERS}
    answer = client.post("/api/v1/recommendation", json=example)
    assert answer.status_code == 200
    assert answer.get_json()["code"] == EXAMPLE_CODE
    code = document["paths"]["/r/{code}.json"]["get"]["parameters"][0]["example"]
    assert client.get(f"/r/{code}.json").get_json() == answer.get_json()
    codes = document["paths"]["/t/{codes}.json"]["get"]["parameters"][0]["example"]
    team = client.get(f"/t/{codes}.json")
    assert team.status_code == 200
    assert [m["code"] for m in team.get_json()["members"]] == codes.split("-")
