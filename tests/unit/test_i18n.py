"""The translation machinery: catalogues up to date with the sources, compiled catalogues
matching their .po files, content translated without touching ids or scores."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from hypothesis import given

from stackchooser import i18n
from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from stackchooser.engine import evaluate, normalize_answers
from tests.strategies import RULESET, answer_sets

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("nl", "fr")


def _ids(path: Path) -> set[object]:
    with path.open("rb") as file:
        return {message.id for message in read_po(file) if message.id}


def test_the_message_template_holds_every_message_of_the_sources(tmp_path: Path) -> None:
    pybabel = shutil.which("pybabel", path=str(Path(sys.executable).parent))
    if pybabel is None:
        pytest.skip("pybabel is not installed")
    fresh = tmp_path / "messages.pot"
    command = [pybabel, "extract", "--no-location", "-F", "babel.cfg", "-k", "N_"]
    subprocess.run([*command, "-o", str(fresh), "."], cwd=ROOT, check=True, capture_output=True)
    assert _ids(fresh) == _ids(i18n.TRANSLATIONS_DIR / "messages.pot"), (
        "messages.pot is out of date: run scripts/i18n.sh"
    )
    # Content words are among them, the article's title is not (it is cited in English).
    ids = _ids(fresh)
    assert "Who will build and run the back end?" in ids or any("team" in str(i) for i in ids)
    assert load_content().article.title not in ids


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_follows_the_template_and_is_compiled(language: str) -> None:
    folder = i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES"
    assert _ids(folder / "messages.po") == _ids(i18n.TRANSLATIONS_DIR / "messages.pot")
    with (folder / "messages.po").open("rb") as file:
        source = {
            _key(m.id): _key(m.string)
            for m in read_po(file)
            if m.id and all(_key(m.string)) and not m.fuzzy and _key(m.string) != _key(m.id)
        }
    with (folder / "messages.mo").open("rb") as file:
        compiled = {
            _key(m.id): _key(m.string)
            for m in read_mo(file)
            # (an untranslated plural is compiled as its English forms)
            if m.id and _key(m.string)[0] != _key(m.id)[0]
        }
    assert compiled == source, "messages.mo is out of date: run scripts/i18n.sh"


def _key(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (str(value),)


def test_a_language_is_served_by_default_only_when_its_catalogue_is_complete() -> None:
    for language in TRANSLATED:
        assert (language in i18n.complete_languages()) == (not i18n.catalogue_gaps(language))
    assert i18n.complete_languages()[0] == "en"


def test_placeholders_survive_translation() -> None:
    for language in TRANSLATED:
        path = i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as file:
            for message in read_po(io.BytesIO(file.read())):
                if not message.id or not message.string:
                    continue
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                wanted = {p for text in ids for p in _placeholders(text)}
                for text in strings:
                    assert _placeholders(text) <= wanted | {"%(num)d"}, (language, message.id)


def _placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"%\(\w+\)[sd]", text))


SHOUTING = i18n.localized(load_content(), str.upper)  # every text in capitals


@given(answer_sets())
def test_translated_content_keeps_ids_verdicts_and_scores(answers: dict[str, object]) -> None:
    ruleset = SHOUTING.current
    assert [q.id for q in ruleset.questions] == [q.id for q in RULESET.questions]
    canonical = normalize_answers(answers, RULESET)
    english, shouted = evaluate(canonical, RULESET), evaluate(canonical, ruleset)
    assert (shouted.verdict, shouted.python, shouted.nodejs, shouted.lean) == (
        english.verdict,
        english.python,
        english.nodejs,
        english.lean,
    )
    assert shouted.strengths == english.strengths
    assert shouted.stack.upper() == english.stack.upper()


def test_the_advisor_speaks_the_language_in_use() -> None:
    advisor = Advisor(load_content())
    with i18n.use_language("nl"):
        dutch = advisor.content
    assert advisor.content is advisor.localized["en"]
    assert dutch is advisor.localized["nl"]
    assert dutch.article == advisor.content.article  # cited under its English title
