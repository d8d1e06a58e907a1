"""The content data: complete, consistent, and its errors name the file and the key."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from stackchooser.content import CONTENT_DIR, ContentError, load_content
from stackchooser.i18n import TRANSLATIONS_DIR
from tests.article import SHINGLE_WORDS, article_fingerprint, shingle_hashes
from tests.data import STRENGTH_IDS

QUESTIONS = {
    "team": ("one", {"python", "javascript", "both", "neither"}),
    "scale": ("one", {"prototype", "small", "large"}),
    "workloads": (
        "any",
        {
            "ml_ai",
            "data_science",
            "realtime_messaging",
            "data_streaming",
            "ecommerce",
            "business_rules",
            "crud",
        },
    ),
    "frontend": ("one", {"templates", "spa", "highly_interactive", "api_only", "undecided"}),
    "unified_stack": ("one", {"yes", "no_preference", "no"}),
    "priorities": (
        "up_to",
        {
            "maintainability",
            "debugging",
            "libraries",
            "time_to_market",
            "responsiveness",
            "ml_serving",
        },
    ),
}


def test_public_ids_match_the_contract() -> None:
    content = load_content()
    assert set(content.strengths) == STRENGTH_IDS
    found = {q.id: (q.kind, set(q.option_ids)) for q in content.questions}
    assert found == QUESTIONS
    assert content.current.question("priorities").max == 3


def test_every_strength_is_cited_by_at_least_one_option() -> None:
    ruleset = load_content().current
    cited = {
        s
        for rules in ruleset.weights.values()
        for rule in rules.values()
        for weighting in rule.all_weightings
        for s in weighting.strengths
    }
    assert cited == STRENGTH_IDS


def test_every_strength_has_a_citation_and_a_gist() -> None:
    for strength in load_content().strengths.values():
        assert strength.section and strength.bullet and strength.gist


def test_no_message_repeats_a_run_of_the_articles_words() -> None:
    """Every English message of the site (code, templates, content: the extracted
    template) is in the project's own words: none repeats a run of SHINGLE_WORDS words of
    the article, checked against the article's fingerprint kept in the tests."""
    article = article_fingerprint()
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as file:
        messages = [m.id for m in read_po(file) if m.id]
    assert len(messages) > 500
    pasted = [
        message
        for message in messages
        for text in ([message] if isinstance(message, str) else message)
        if shingle_hashes(text) & article
    ]
    assert not pasted, f"messages that repeat {SHINGLE_WORDS} words of the article: {pasted}"


def test_neutral_options_move_nothing() -> None:
    weights = load_content().current.weights
    for question, option in [
        ("team", "neither"),
        ("unified_stack", "no_preference"),
        ("frontend", "undecided"),
    ]:
        rule = weights[question][option]
        assert rule.python == rule.nodejs == 0


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("file", "old", "new", "where"),
    [
        (
            "rulesets/1.toml",
            "[weights.team]\npython = ",
            "[weights.team]\npyth0n = ",
            ("1.toml", "weights.team.pyth0n", "unknown option id"),
        ),
        (
            "rulesets/1.toml",
            'python = { python = 3, nodejs = 0, strengths = ["team-first", ',
            'python = { python = 3, nodejs = 0, strengths = ["team-frist", ',
            ("1.toml", "weights.team.python.strengths", "unknown strength id"),
        ),
        (
            "rulesets/1.toml",
            "crud = { python = 0, nodejs = 0, ",
            "crud = { ",
            ("1.toml", "weights.workloads.crud", "has no weights"),
        ),
        (
            "rulesets/4.toml",
            'strengths = ["node-streams", "node-event-driven"]',
            'strengths = ["node-event-driven"]',
            ("4.toml", "weights", "'node-streams' is cited by no option"),
        ),
        (
            "rulesets/4.toml",
            'strengths = ["python-team-templating"]\nwhy = "Your Python team can render',
            'strengths = ["python-cloud-native"]\nwhy = "Your Python team can render',
            ("4.toml", "weights.frontend.templates.why", "cites 'python-cloud-native'"),
        ),
        (
            "rulesets/4.toml",
            "so the plan starts from Python by this site’s own tie-break for level scores, not by "
            "the article.",
            "so the plan starts from Python by a tie-break for level scores.",
            ("4.toml", "close_call.fallback_why", "is ours and must say so"),
        ),
        (
            "getting_started.toml",
            'commands = ["pip install jinja2"]',
            'commands = ["pip install jinja2 flask"]',
            ("getting_started.toml", "starts[4].commands", "installs Flask"),
        ),
        (
            "rulesets/1.toml",
            "split = true",
            'split = "true"',
            ("1.toml", "stack_rules[0].split", "must be true or false"),
        ),
        (
            "rulesets/2.toml",
            "[weights.team.python]\npython = 6",
            '[weights.team.python]\npython = "6"',
            ("2.toml", "weights.team.python.python", "whole number"),
        ),
        (
            "rulesets/2.toml",
            'when = { scale = ["large"] }\npython = 3',
            'when = { scale = ["huge"] }\npython = 3',
            ("2.toml", "weights.team.python.variants[0].when.scale", "unknown option id 'huge'"),
        ),
        (
            "rulesets/2.toml",
            'when = { scale = ["large"] }\npython = 3',
            'when = { size = ["large"] }\npython = 3',
            ("2.toml", "weights.team.python.variants[0].when.size", "unknown question id"),
        ),
        (
            "rulesets/2.toml",
            'when = { scale = ["large"] }\npython = 3',
            "python = 3",
            ("2.toml", "weights.team.python.variants[0].when", "needs a condition"),
        ),
        (
            "rulesets/2.toml",
            'when = { scale = ["large"] }\npython = 3',
            'when = "large"\npython = 3',
            ("2.toml", "weights.team.python.variants[0].when", "must be a table"),
        ),
        (
            "rulesets/2.toml",
            'tension = "A prototype tends',
            'note = "A prototype tends',
            ("2.toml", "weights.scale.prototype.tension", "needs a tension text"),
        ),
        (
            "rulesets/2.toml",
            'fallback = "python"',
            'fallback = "ruby"',
            ("2.toml", "close_call.fallback", "must be one of python, nodejs"),
        ),
        (
            "rulesets/2.toml",
            'id = "nodejs-api"\nlanguage = "nodejs"',
            'id = "nodejs-api"\nlanguage = "javascript"',
            ("2.toml", "plan.backend[11].language", "a back end is python or nodejs"),
        ),
        (
            "rulesets/2.toml",
            'id = "nodejs-api"\nlanguage = "nodejs"\n',
            'id = "nodejs-api"\nlanguage = "nodejs"\nwhen = { frontend = ["spa"] }\n',
            ("2.toml", "plan.backend", "the last nodejs back end must match always"),
        ),
        (
            "rulesets/2.toml",
            'mixed = true\ntext = "You asked for one language everywhere, which',
            'mixed = "yes"\ntext = "You asked for one language everywhere, which',
            ("2.toml", "plan.tension[0].mixed", "must be true or false"),
        ),
        (
            "rulesets/2.toml",
            'question = "unified_stack"\nwhen = { unified_stack = ["yes"] }',
            'question = "workloads"\nwhen = { unified_stack = ["yes"] }',
            ("2.toml", "plan.tension[0].question", "must be a one-of question"),
        ),
        (
            "questions.toml",
            'id = "scale"',
            'id = "team"',
            ("questions.toml", "questions", "duplicate id 'team'"),
        ),
        (
            "questions.toml",
            '{ id = "both", label',
            '{ id = "python", label',
            ("questions.toml", "questions.team.options", "duplicate id 'python'"),
        ),
        (
            "strengths.toml",
            'section = "The strengths of NodeJS"\nbullet = "bullet 4"',
            'section = ""\nbullet = "bullet 4"',
            ("strengths.toml", "strengths.node-streams.section", "cites nothing"),
        ),
        (
            "rulesets/1.toml",
            "either_margin = 2",
            "either_margin = -1",
            ("1.toml", "either_margin", "whole number"),
        ),
        (
            "rulesets/1.toml",
            'stack = "either-team"',
            'stack = "nothing"',
            ("1.toml", "stack_rules[6].stack", "unknown stack id"),
        ),
    ],
)
def test_content_errors_name_file_and_key(
    content_copy: Path, file: str, old: str, new: str, where: tuple[str, str, str]
) -> None:
    _edit(content_copy / file, old, new)
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    filename, key, words = where
    message = str(caught.value)
    assert message.startswith(f"{filename}: {key}:"), message
    assert words in message


def test_a_question_missing_from_the_current_ruleset_is_refused(content_copy: Path) -> None:
    _edit(
        content_copy / "questions.toml",
        '{ id = "crud", label = "Ordinary records and forms"',
        '{ id = "batch", label = "Batch jobs", short = "Batch jobs" }, '
        '{ id = "crud", label = "Ordinary records and forms"',
    )
    with pytest.raises(
        ContentError, match=r"4\.toml: weights\.workloads\.batch: the option has no weights"
    ):
        load_content(content_copy)


def test_invalid_toml_names_the_file(content_copy: Path) -> None:
    (content_copy / "strengths.toml").write_text("[article\n")
    with pytest.raises(ContentError, match=r"strengths\.toml: \(file\): not valid TOML"):
        load_content(content_copy)


def test_each_options_hint_says_what_todays_points_do() -> None:
    """A hint that says an answer counts toward a language gives it points for that
    language under today's scoring (in some case); one that says it changes nothing
    gives no points in any case."""
    content = load_content()
    ruleset = content.current
    for question in content.questions:
        for option in question.options:
            rule = ruleset.weights[question.id].get(option.id)
            cases = (
                [(0, 0)] if rule is None else [(w.python, w.nodejs) for w in rule.all_weightings]
            )
            hint = option.hint
            if "does not change the result" in hint:
                assert all(case == (0, 0) for case in cases), (question.id, option.id)
            for language, column in (("Python", 0), ("NodeJS", 1)):
                if re.search(rf"Counts (?:strongly |a little )?toward (?:a )?{language}", hint):
                    assert any(case[column] > case[1 - column] for case in cases), (
                        question.id,
                        option.id,
                    )
