"""The glossary beside the catalogues (`i18n/translations/glossary.toml`): one term per
concept in each language, used in every message that speaks of the concept. One test per
entry and language, so that a failure names the concept."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
from babel.messages.pofile import read_po

from stackchooser import i18n

GLOSSARY: list[dict[str, Any]] = tomllib.loads(
    (i18n.TRANSLATIONS_DIR / "glossary.toml").read_text(encoding="utf-8")
)["term"]


def _catalogue(language: str) -> list[tuple[str, str]]:
    path = i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        pairs = []
        for message in read_po(file):
            if not message.id:
                continue
            ids = (message.id,) if isinstance(message.id, str) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for number, text in enumerate(strings):
                pairs.append((ids[min(number, len(ids) - 1)], text))
        return pairs


CATALOGUES = {language: _catalogue(language) for language in ("nl", "fr")}


def test_every_entry_names_its_concept_and_terms() -> None:
    assert len(GLOSSARY) >= 15
    for entry in GLOSSARY:
        assert {"concept", "en", "nl", "fr", "nl_avoid", "fr_avoid"} <= set(entry), entry
        for pattern in (entry["en"], entry["nl"], entry["fr"], *entry["nl_avoid"]):
            re.compile(pattern)
    concepts = [entry["concept"] for entry in GLOSSARY]
    assert len(concepts) == len(set(concepts))


@pytest.mark.parametrize("language", ["nl", "fr"])
@pytest.mark.parametrize("entry", GLOSSARY, ids=[entry["concept"] for entry in GLOSSARY])
def test_each_concept_takes_the_glossary_term(entry: dict[str, Any], language: str) -> None:
    english = re.compile(entry["en"], re.IGNORECASE)
    term = re.compile(entry[language], re.IGNORECASE)
    avoided = [re.compile(p, re.IGNORECASE) for p in entry[f"{language}_avoid"]]
    speaking_of_it = [(en, text) for en, text in CATALOGUES[language] if english.search(en)]
    assert speaking_of_it, f"no message speaks of {entry['concept']}"
    without_term = [(en, text) for en, text in speaking_of_it if not term.search(text)]
    assert without_term == []
    with_avoided = [
        (en, text) for en, text in CATALOGUES[language] if any(p.search(text) for p in avoided)
    ]
    assert with_avoided == []
