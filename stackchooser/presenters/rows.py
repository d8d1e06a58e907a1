"""Named rows that the result and team pages share: sources, plan parts, tensions,
changes and answers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..advisor import Advisor
from ..content import Strength
from ..engine import Change, Edit, Plan, PlanPart, Recommendation, Tension, apply_edits
from ..kinds import display_name, verdict_words
from .words import answer_lines, answer_text, change_text, short_label, would_text

CodeLink = Callable[[str], str]  # a permalink code -> the URL of its result page

ROLE_TITLES = {"backend": "Back end", "frontend": "Front end", "service": "Service"}


@dataclass(frozen=True)
class SourceRow:
    """A strength cited where it is first shown: its gist and where the article says so."""

    id: str
    gist: str
    citation: str


def source_row(strength: Strength) -> SourceRow:
    return SourceRow(strength.id, strength.gist, strength.citation)


@dataclass(frozen=True)
class Sources:
    """The strengths an item rests on: shown in full the first time, by id afterwards."""

    first: tuple[SourceRow, ...]
    repeated: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.first or self.repeated)


class Citer:
    """Hands out each strength in full once per page, and by id after that."""

    def __init__(self, strengths: Mapping[str, Strength]) -> None:
        self.strengths = strengths
        self.shown: set[str] = set()

    def __call__(self, strength_ids: Sequence[str]) -> Sources:
        first = tuple(source_row(self.strengths[s]) for s in strength_ids if s not in self.shown)
        repeated = tuple(s for s in strength_ids if s in self.shown)
        self.shown.update(strength_ids)
        return Sources(first, repeated)


@dataclass(frozen=True)
class ReasonRow:
    label: str
    favours: str
    favours_name: str
    weight: int
    why: str
    sources: Sources


@dataclass(frozen=True)
class PartRow:
    role: str
    title: str  # "Back end", "Front end" or "Service"
    language_name: str | None
    text: str
    because: tuple[str, ...]  # the answers that ask for this part, in words
    sources: Sources


@dataclass(frozen=True)
class TensionRow:
    answer: str  # the answer that pulls against the plan, in words
    text: str
    sources: Sources


@dataclass(frozen=True)
class PlanView:
    language_name: str
    summary: str
    parts: tuple[PartRow, ...]
    tensions: tuple[TensionRow, ...]
    tipped_by: tuple[ChangeRow, ...]  # on a close call: answers that would make it clear


@dataclass(frozen=True)
class ChangeRow:
    text: str
    verdict: str
    verdict_words: str
    python: int
    nodejs: int
    url: str


@dataclass(frozen=True)
class ChangeItem:
    """One way to another result: the condition in words, and a link to that result."""

    text: str
    python: int
    nodejs: int
    url: str


@dataclass(frozen=True)
class ChangeGroup:
    """Changes that give the same verdict and share an edit: "It would be Python if …"."""

    verdict: str
    verdict_words: str
    shared: str | None  # the edit every item shares (pairs of changes), in words
    items: tuple[ChangeItem, ...]


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
    advisor: Advisor, rec: Recommendation, rows: Sequence[ChangeRow]
) -> tuple[ChangeGroup, ...]:
    """What would change it, grouped by the verdict each change gives and, for pairs of
    changes, by the change they share (the most shared first). `rows` are the changes'
    rows (see :func:`change_rows`), whose links the items reuse."""
    urls = {change: row.url for change, row in zip(rec.changes, rows, strict=True)}

    def item(change: Change, edits: Sequence[Edit]) -> ChangeItem:
        words = " and ".join(would_text(advisor, edit) for edit in edits)
        return ChangeItem(words, change.python, change.nodejs, urls[change])

    groups = []
    for verdict in ("python", "nodejs", "either"):
        changes = [c for c in rec.changes if c.verdict == verdict]
        singles = [c for c in changes if len(c.edits) == 1]
        if singles:
            groups.append(
                ChangeGroup(
                    verdict,
                    verdict_words(verdict),
                    None,
                    tuple(item(c, c.edits) for c in singles),
                )
            )
        pairs = [c for c in changes if len(c.edits) == 2]
        while pairs:
            counted = Counter(edit for change in pairs for edit in change.edits)
            shared = counted.most_common(1)[0][0]  # the first met of the most shared
            together = [c for c in pairs if shared in c.edits]
            groups.append(
                ChangeGroup(
                    verdict,
                    verdict_words(verdict),
                    would_text(advisor, shared),
                    tuple(item(c, [e for e in c.edits if e != shared]) for c in together),
                )
            )
            pairs = [c for c in pairs if shared not in c.edits]
    return tuple(groups)


def change_rows(
    advisor: Advisor, rec: Recommendation, changes: Sequence[Change], link: CodeLink
) -> tuple[ChangeRow, ...]:
    ruleset = advisor.ruleset_of(rec)
    return tuple(
        ChangeRow(
            change_text(advisor, change),
            change.verdict,
            verdict_words(change.verdict),
            change.python,
            change.nodejs,
            link(advisor.code_for(apply_edits(rec.answers, change.edits, ruleset), ruleset)),
        )
        for change in changes
    )


def part_row(advisor: Advisor, part: PlanPart, cite: Citer) -> PartRow:
    return PartRow(
        part.role,
        ROLE_TITLES[part.role],
        display_name(part.language) if part.language else None,
        part.text,
        tuple(short_label(advisor, q, a) for q, a in part.because),
        cite(part.strengths),
    )


def tension_row(advisor: Advisor, tension: Tension, cite: Citer) -> TensionRow:
    return TensionRow(
        short_label(advisor, tension.question, tension.answer),
        tension.text,
        cite(tension.strengths),
    )


def plan_view(
    advisor: Advisor,
    plan: Plan,
    cite: Citer,
    tipped_by: tuple[ChangeRow, ...] = (),
) -> PlanView:
    return PlanView(
        display_name(plan.language),
        plan.summary,
        tuple(part_row(advisor, part, cite) for part in plan.parts),
        tuple(tension_row(advisor, tension, cite) for tension in plan.tensions),
        tipped_by,
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
                "text": tension.text,
                "strengths": list(tension.strengths),
            }
            for tension in plan.tensions
        ],
    }
