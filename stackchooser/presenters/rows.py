"""Named rows that the result and team pages share: sources, plan parts, tensions,
changes and answers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import wraps
from typing import Any, TypeVar

from ..advisor import Advisor
from ..caches import ROWS, Cache
from ..engine import (
    Change,
    Edit,
    Plan,
    PlanPart,
    Reason,
    Recommendation,
    Tension,
    apply_edits,
    unique,
)
from ..i18n import N_, _, current_language, listed, quoted
from ..kinds import Favours, PartRole, Verdict, display_name
from ..model import Strength
from .words import (
    answer_label,
    answer_lines,
    answer_text,
    edit_text,
    lead_size,
    short_label,
)

CodeLink = Callable[[str], str]  # a permalink code -> the URL of its result page

ROLE_TITLES = {"backend": N_("Back end"), "frontend": N_("Front end"), "service": N_("Service")}
# How a screen reader names each part's "Get started" disclosure.
ROLE_STARTS = {
    "backend": N_("Get started with the back end"),
    "frontend": N_("Get started with the front end"),
    "service": N_("Get started with the service"),
}


@dataclass(frozen=True)
class SourceRow:
    """A strength cited where it is first shown: its gist and where the article says so."""

    id: str
    gist: str
    citation: str
    url: str = ""  # the article, landing on the bullet


def source_row(strength: Strength, article_url: str = "") -> SourceRow:
    return SourceRow(strength.id, strength.gist, strength.citation, strength.link(article_url))


@dataclass(frozen=True)
class SourceLink:
    """One cited place in the article: its citation, a link that lands on the bullet, and
    what it says in our words (for a reader who does not follow the link)."""

    citation: str
    url: str
    gist: str


@dataclass(frozen=True)
class Sources:
    """Where the article makes the points an item rests on: one line of citations
    ("Strengths of Python, 5"), never strength ids, each with its link and gist."""

    citations: tuple[str, ...]
    links: tuple[SourceLink, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.citations)


class Citer:
    """Turns strength ids into the citations a page prints."""

    def __init__(self, strengths: Mapping[str, Strength], article_url: str = "") -> None:
        self.strengths = strengths
        self.article_url = article_url

    def __call__(self, strength_ids: Sequence[str]) -> Sources:
        cited = [self.strengths[s] for s in strength_ids]
        citations = unique(strength.citation for strength in cited)
        links = tuple(
            SourceLink(
                citation,
                next(s for s in cited if s.citation == citation).link(self.article_url),
                " ".join(s.gist for s in cited if s.citation == citation),
            )
            for citation in citations
        )
        return Sources(citations, links)


@dataclass(frozen=True)
class ReasonRow:
    label: str
    favours: Favours
    favours_name: str
    weight: int
    why: str
    sources: Sources


@dataclass(frozen=True)
class DocLink:
    title: str
    url: str


@dataclass(frozen=True)
class StartRow:
    """How to start a part: first commands and official documentation (not the article's)."""

    commands: str  # shell lines, one a line
    docs: tuple[DocLink, ...]


@dataclass(frozen=True)
class PartRow:
    role: PartRole
    title: str  # "Back end", "Front end" or "Service"
    language_name: str | None
    text: str
    because: str  # the answers that ask for this part, quoted and listed
    sources: Sources
    start: StartRow | None
    start_label: str  # "Get started with the back end", for a screen reader


@dataclass(frozen=True)
class TensionRow:
    answer: str  # the answer that pulls against the plan, in words
    text: str  # what the article says it gives up (cited by `sources`)
    sources: Sources
    advice: str = ""  # what we suggest doing about it (ours: cites nothing)


@dataclass(frozen=True)
class PlanView:
    language_name: str
    summary: str
    parts: tuple[PartRow, ...]
    tensions: tuple[TensionRow, ...]


@dataclass(frozen=True)
class ChangeItem:
    """One way to another result: the change as an instruction ("Choose “Large” for
    “Project size”"; a pair, two), and a link to that result."""

    text: str
    python: int | str  # the scores it gives (a team's means, written out)
    nodejs: int | str
    url: str


@dataclass(frozen=True)
class ChangeGroup:
    """Changes with the same outcome, under the outcome's title ("A narrow lead for
    NodeJS"); pairs of changes are grouped by the change they share.

    Groups of changes that move the back end to the other language come first.
    """

    outcome: str  # "A narrow lead for NodeJS", "A close call, leaning to NodeJS", ...
    intro: str  # "With any one of these changes:", or of pairs that share a change
    items: tuple[ChangeItem, ...]
    pairs: bool = False  # its items are pairs of changes


@dataclass(frozen=True)
class AnswerRow:
    summary: str
    text: str
    lines: tuple[str, ...] = ()  # a multi-select answer, one option a line
    change_url: str | None = None


def answer_rows(
    advisor: Advisor, rec: Recommendation, change: Callable[[str], str] | None = None
) -> tuple[AnswerRow, ...]:
    return tuple(
        AnswerRow(
            advisor.question(q).summary,
            answer_text(advisor, q, value),
            answer_lines(advisor, q, value),
            change(q) if change else None,
        )
        for q, value in rec.answers.items()
    )


def change_groups(
    advisor: Advisor, rec: Recommendation, links: Sequence[str]
) -> tuple[ChangeGroup, ...]:
    """What would change it, grouped by the outcome each change gives and, for pairs of
    changes, by the change they share (the most shared first). `links` are the changes'
    links (see :func:`change_links`)."""
    urls = dict(zip(rec.changes, links, strict=True))

    def item(change: Change, edits: Sequence[Edit]) -> ChangeItem:
        text = " + ".join(edit_text(advisor, edit) for edit in edits)  # a pair: both
        return ChangeItem(text, change.python, change.nodejs, urls[change])

    margin = advisor.ruleset_of(rec).either_margin
    words = {change: change_outcome(change, margin) for change in rec.changes}
    outcomes = unique((c.kind, c.verdict, words[c]) for c in rec.changes)  # switches first
    groups = []
    for kind, verdict, outcome in outcomes:
        changes = [
            c for c in rec.changes if (c.kind, c.verdict, words[c]) == (kind, verdict, outcome)
        ]
        singles = [c for c in changes if len(c.edits) == 1]
        if singles:
            items = tuple(item(c, c.edits) for c in singles)
            groups.append(ChangeGroup(outcome, changes_intro(len(items)), items))
        pairs = [c for c in changes if len(c.edits) == 2]
        while pairs:
            counted = Counter(edit for change in pairs for edit in change.edits)
            shared = counted.most_common(1)[0][0]  # the first met of the most shared
            together = [c for c in pairs if shared in c.edits]
            intro = (
                _("With both of these changes:")
                if len(together) == 1
                else _("With both changes of any one of these pairs:")
            )
            both = tuple(item(c, [shared, *(e for e in c.edits if e != shared)]) for c in together)
            groups.append(ChangeGroup(outcome, intro, both, pairs=True))
            pairs = [c for c in pairs if shared not in c.edits]
    return tuple(groups)


def changes_intro(count: int) -> str:
    """What comes before a group's list of single changes."""
    return _("With this change:") if count == 1 else _("With any one of these changes:")


def change_outcome(change: Change, either_margin: int) -> str:
    """What a change would make of the result, as a title: the size of the lead on the
    one ladder (:func:`lead_size`), and on a close call why it would lean its way when
    that is not the higher score (the team's language, or a tie-break on level scores)."""
    language = display_name(change.plan_language)
    if change.verdict != "either":
        return lead_outcome(
            change.verdict, change.plan_language, change.python - change.nodejs, either_margin
        )
    still = change.kind == "closer"
    if change.python == change.nodejs:
        if still:
            return _(
                "A close call on level scores, still leaning to %(language)s", language=language
            )
        return _("A close call on level scores, leaning to %(language)s", language=language)
    higher = "python" if change.python > change.nodejs else "nodejs"
    if change.plan_language != higher:  # the team's language decides a close call
        values = {"language": language, "other": display_name(higher)}
        if still:
            return _(
                "A close call, still leaning to %(language)s, the team’s language, though "
                "%(other)s scores higher",
                **values,
            )
        return _(
            "A close call, leaning to %(language)s, the team’s language, though %(other)s "
            "scores higher",
            **values,
        )
    if still:
        return _("A close call, still leaning to %(language)s", language=language)
    return lead_outcome(change.verdict, change.plan_language, 0, either_margin)


def lead_outcome(verdict: Verdict, lean: Verdict, margin: float, either_margin: int) -> str:
    """An outcome on the one ladder (:func:`lead_size`), as a title: "A clear lead for
    Python", "A narrow lead for NodeJS", or on a close call "A close call, leaning to
    Python"."""
    language = display_name(lean)
    if verdict == "either":
        return _("A close call, leaning to %(language)s", language=language)
    if lead_size(margin, either_margin) == "clear":
        return _("A clear lead for %(language)s", language=language)
    return _("A narrow lead for %(language)s", language=language)


def change_links(
    advisor: Advisor, rec: Recommendation, changes: Sequence[Change], link: CodeLink
) -> tuple[str, ...]:
    """The link to the result each change would give."""
    ruleset = advisor.ruleset_of(rec)
    return tuple(
        link(advisor.code_for(apply_edits(rec.answers, change.edits, ruleset), ruleset))
        for change in changes
    )


# A page's reasons, plan parts and tensions come from a few hundred distinct ones, so their
# rows are made once per advisor and language (the language decides the content in use).
Value = TypeVar("Value")
Row = TypeVar("Row")


def once_per_language(make: Callable[[Advisor, Value], Row]) -> Callable[[Advisor, Value], Row]:
    """`make`, remembered per advisor, language in use and engine value (caches.ROWS)."""
    made: Cache[tuple[Advisor, str, Value], Row] = Cache(ROWS, entries=4096)

    @wraps(make)
    def row(advisor: Advisor, value: Value) -> Row:
        return made.get((advisor, current_language(), value), lambda: make(advisor, value))

    return row


@once_per_language
def reason_row(advisor: Advisor, reason: Reason) -> ReasonRow:
    """The row of an answer that moved the scores."""
    return ReasonRow(
        answer_label(advisor, reason.question, reason.answer),
        reason.favours,
        display_name(reason.favours),
        reason.weight,
        reason.why,
        Citer(advisor.content.strengths, advisor.content.article.url)(reason.strengths),
    )


def because_words(advisor: Advisor, because: Sequence[tuple[str, str]]) -> str:
    """The answers behind a part, by their short labels, quoted and listed."""
    return listed([quoted(short_label(advisor, q, a)) for q, a in because])


@once_per_language
def part_row(advisor: Advisor, part: PlanPart) -> PartRow:
    cite = Citer(advisor.content.strengths, advisor.content.article.url)
    start = advisor.content.start_for(part.frameworks) if part.language else None
    return PartRow(
        part.role,
        _(ROLE_TITLES[part.role]),
        display_name(part.language) if part.language else None,
        part.text,
        because_words(advisor, part.because),
        cite(part.strengths),
        StartRow("\n".join(start.commands), tuple(DocLink(*d) for d in start.docs))
        if start is not None
        else None,
        _(ROLE_STARTS[part.role]),
    )


@once_per_language
def tension_row(advisor: Advisor, tension: Tension) -> TensionRow:
    cite = Citer(advisor.content.strengths, advisor.content.article.url)
    return TensionRow(
        _("; ").join(short_label(advisor, q, a) for q, a in tension.because),
        tension.text,
        cite(tension.strengths),
        tension.advice,
    )


def plan_view(advisor: Advisor, plan: Plan) -> PlanView:
    """A plan's rows; a part whose way to start an earlier part already gave shows none."""
    parts = []
    started = []
    for part in plan.parts:
        row = part_row(advisor, part)
        if row.start is not None and row.start in started:
            row = replace(row, start=None)
        elif row.start is not None:
            started.append(row.start)
        parts.append(row)
    return PlanView(
        display_name(plan.language),
        plan.summary,
        tuple(parts),
        tuple(tension_row(advisor, tension) for tension in plan.tensions),
    )


def plan_json(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "language": plan.language,
        "summary": plan.summary,
        "parts": [
            {
                "role": part.role,
                "language": part.language,
                "text": part.text,
                "strengths": list(part.strengths),
                "because": [{"question": q, "answer": a} for q, a in part.because],
            }
            for part in plan.parts
        ],
        "tensions": [
            {
                "question": tension.question,
                "answer": tension.answer,
                "because": [{"question": q, "answer": a} for q, a in tension.because],
                "text": tension.text,
                "strengths": list(tension.strengths),
                "advice": tension.advice or None,
            }
            for tension in plan.tensions
        ],
    }
