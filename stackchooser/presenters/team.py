"""A team as the team page's rows, as JSON, and as a decision record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..advisor import Advisor
from ..engine import Plan, compose_plan, evaluate
from ..i18n import _, listed, ngettext, number, quoted, verdict_title, verdict_words
from ..kinds import Verdict, display_name
from ..model import AnswerValue, Ruleset, chosen
from ..team import MAX_MEMBERS, TIE_RULE, TeamChange, TeamResult
from .rows import (
    AnswerRow,
    ChangeGroup,
    ChangeItem,
    CodeLink,
    PlanView,
    SourceRow,
    answer_rows,
    because_words,
    changes_intro,
    lead_outcome,
    plan_json,
    plan_view,
    source_row,
)
from .words import (
    answer_lines,
    lead_size,
    short_label,
    spike_instruction,
)


def _mean(value: float) -> str:
    """A mean score as people write it: "8", "8.5", "8.33" (in Dutch and French, "8,5")."""
    return number(round(value, 2))


@dataclass(frozen=True)
class UnsettledOption:
    label: str
    count: int
    url: str | None  # the result the majority answers give with this option (one-of)
    taken: bool  # the option the team's plan takes for now


@dataclass(frozen=True)
class DroppedRow:
    """A workload some members chose that the team's plan leaves out, and what to do."""

    text: str  # "“Machine learning or AI”: 1 of 3. A Python service could take it on, …"
    url: str  # the result of the majority answers with it


@dataclass(frozen=True)
class UnsettledRow:
    summary: str
    options: tuple[UnsettledOption, ...]
    capped: bool  # a multi-select whose limit cut options half of the members chose
    matters: bool  # settling it can change the team's lean or its plan


@dataclass(frozen=True)
class MemberRow:
    number: int
    url: str
    verdict_words: str
    python: int
    nodejs: int
    answers: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    url: str | None  # for a one-of question: the result of the majority answers with it


@dataclass(frozen=True)
class GridRow:
    """One question across the members: each member's answer in a few words."""

    summary: str
    cells: tuple[str, ...]
    differs: bool
    agrees: bool  # every member answered alike


@dataclass(frozen=True)
class DisagreementRow:
    summary: str
    counts: tuple[CountRow, ...]
    points: int
    python_sources: tuple[SourceRow, ...]
    nodejs_sources: tuple[SourceRow, ...]
    matters: bool  # some member's answer to it can change the team's lean


@dataclass(frozen=True)
class TeamPage:
    """Everything the team page shows."""

    codes: str
    link: str
    headline: str
    caption: str  # "Two results side by side" for a pair, else "Your team’s decision"
    pair: bool  # two members: their answers are shown side by side
    scores_line: str  # the mean scores and what they make, in one sentence
    members_title: str
    all_agree: bool  # more than one member, and no question they answered differently
    verdict: Verdict
    verdict_words: str
    lean_words: str  # "Leans to NodeJS: ..." on a close call, else ""
    settle: str  # on a close call: start from the lean, and how to overturn it
    python: str
    nodejs: str
    members: tuple[MemberRow, ...]
    disagreements: tuple[DisagreementRow, ...]
    agreed: str  # the questions all members answered alike, quoted and listed
    grid: tuple[GridRow, ...]  # questions x members
    majority_url: str
    unsettled: tuple[UnsettledRow, ...]
    plan: PlanView | None
    plan_for_now: bool  # a question is unsettled: the plan may change once it is
    outcomes: str  # how the members came out: "1 Python, 2 close calls leaning to NodeJS"
    dropped: tuple[DroppedRow, ...]
    changes: tuple[ChangeGroup, ...]
    plan_note: str  # how the plan's language was chosen
    tie_rule: str
    can_add: bool
    either_margin: int


def _grid(advisor: Advisor, team: TeamResult) -> tuple[GridRow, ...]:
    differing = {d.question for d in team.disagreements}
    rows = []
    for question in advisor.content.current.questions:
        cells = tuple(
            ", ".join(
                short_label(advisor, question.id, o)
                for o in _options(m.recommendation.answers.get(question.id, question.default))
            )
            or _("None")
            for m in team.members
        )
        rows.append(
            GridRow(
                question.summary,
                cells,
                question.id in differing,
                len(team.members) > 1 and question.id not in differing,
            )
        )
    return tuple(rows)


def _source_rows(advisor: Advisor, strength_ids: Sequence[str], side: str) -> tuple[SourceRow, ...]:
    """What the article says for one side: only the strengths it makes for that language
    (a point it makes for either language, such as the team coming first, is no side's)."""
    strengths = advisor.content.strengths
    return tuple(
        source_row(strengths[s], advisor.content.article.url)
        for s in strength_ids
        if strengths[s].language == side
    )


def _team_headline(team: TeamResult, either_margin: int) -> str:
    """The team's result in a few words, on the same ladder as one person's result."""
    if len(team.members) == 1:
        return _("A team of one, so far")
    count = len(team.members)
    if team.verdict == "either" and team.lean in ("python", "nodejs"):
        return ngettext(
            "Your team of %(num)d: a close call, leaning to %(language)s",
            "Your team of %(num)d: a close call, leaning to %(language)s",
            count,
            language=display_name(team.lean),
        )
    if team.verdict == "either":
        return ngettext(
            "Your team of %(num)d: a close call", "Your team of %(num)d: a close call", count
        )
    language = display_name(team.verdict)
    if lead_size(team.python - team.nodejs, either_margin) == "clear":
        return ngettext(
            "Your team of %(num)d: a clear lead for %(language)s",
            "Your team of %(num)d: a clear lead for %(language)s",
            count,
            language=language,
        )
    return ngettext(
        "Your team of %(num)d: a narrow lead for %(language)s",
        "Your team of %(num)d: a narrow lead for %(language)s",
        count,
        language=language,
    )


def _team_settle(team: TeamResult) -> str:
    """On a close call, the one instruction: start from the lean, and how to overturn it."""
    if team.verdict != "either" or team.lean == "either":
        return ""
    return spike_instruction(team.lean)


def _lean_words(team: TeamResult, ruleset: Ruleset) -> str:
    """On a close call, which way the team leans and why."""
    if team.verdict != "either" or team.lean == "either":
        return ""
    lean = display_name(team.lean)
    if team.lean_basis == "team":
        return _(
            "It leans to %(language)s: more of you named it than any other as the language your "
            "team knows best.",
            language=lean,
        )
    if team.lean_basis == "scores":
        lead = abs(team.python - team.nodejs)
        return ngettext(
            "It leans to %(language)s, ahead by %(lead)s point on average.",
            "It leans to %(language)s, ahead by %(lead)s points on average.",
            lead,
            language=lean,
            lead=_mean(lead),
        )
    tie_break = ruleset.close_call.tie_break(team.majority.answers)
    return tie_break.why if tie_break is not None else ruleset.close_call.fallback_why


def _plan_note(team: TeamResult) -> str:
    if team.majority.plan is None:
        return ""
    language = display_name(team.majority.plan.language)
    if team.verdict == "either":
        return _(
            "The plan follows the team’s lean, %(language)s, and its majority answers.",
            language=language,
        )
    return _(
        "The plan is in %(language)s, the language ahead on the mean scores, and is built "
        "from the majority answers.",
        language=language,
    )


def _team_plan(advisor: Advisor, team: TeamResult) -> PlanView | None:
    """The team's plan, each tension saying how many members it concerns. A team split on
    its strongest language is never told that it knows one best: a tension on the team's
    language names the split instead."""
    plan: Plan | None = team.majority.plan
    if plan is None:
        return None
    view = plan_view(advisor, plan)
    total = len(team.members)
    split = _team_split(advisor, team)
    tensions = []
    for row, tension in zip(view.tensions, plan.tensions, strict=True):
        row = replace(
            row,
            answer=_(
                "%(answer)s (%(count)s of %(total)s)",
                answer=row.answer,
                count=_concerned(team, tension.because),
                total=total,
            ),
        )
        if split and any(question == "team" for question, _ in tension.because):
            row = replace(row, text=_split_tension(plan, split), advice="")
        tensions.append(row)
    parts = view.parts
    if split:  # a tie-picked or minority team language is no part's reason
        parts = tuple(
            replace(
                row,
                because=because_words(advisor, [(q, a) for q, a in part.because if q != "team"]),
            )
            for row, part in zip(view.parts, plan.parts, strict=True)
        )
    return replace(view, parts=parts, tensions=tuple(tensions))


def _team_split(advisor: Advisor, team: TeamResult) -> str:
    """How the members answered the team's strongest language, when they differ ("Python
    team: 2; Team knows both: 1"), else ""."""
    answers = [m.recommendation.answers.get("team") for m in team.members]
    options = [o for o in advisor.question("team").option_ids if o in answers]
    if len(options) < 2:
        return ""
    return _("; ").join(
        _(
            "%(answer)s: %(count)s",
            answer=short_label(advisor, "team", o),
            count=answers.count(o),
        )
        for o in options
    )


def _split_tension(plan: Plan, split: str) -> str:
    service = next(
        (p for p in plan.parts if p.role == "service" and p.language != plan.language), None
    )
    if service is not None and service.language is not None:
        return _(
            "Your team is split on its strongest language (%(split)s): decide who builds and "
            "runs the %(language)s service, and allow time for learning.",
            split=split,
            language=display_name(service.language),
        )
    return _(
        "Your team is split on its strongest language (%(split)s), so some of you will work "
        "outside the language you know best: allow time for learning and careful review.",
        split=split,
    )


def _outcomes(team: TeamResult) -> str:
    """How the members came out, a count per verdict: "2 get Python, 1 gets a close call
    leaning to NodeJS"."""
    order: list[tuple[Verdict, Verdict]] = [
        ("python", "python"),
        ("nodejs", "nodejs"),
        ("either", "python"),
        ("either", "nodejs"),
    ]
    counted = team.by_verdict
    words = []
    for verdict, lean in [*order, *(k for k in counted if k not in order)]:
        count = counted.get((verdict, lean), 0)
        if not count:
            continue
        if verdict != "either":
            words.append(
                ngettext(
                    "%(num)d gets %(language)s",
                    "%(num)d get %(language)s",
                    count,
                    language=display_name(verdict),
                )
            )
        elif lean in ("python", "nodejs"):
            words.append(
                ngettext(
                    "%(num)d gets a close call leaning to %(language)s",
                    "%(num)d get a close call leaning to %(language)s",
                    count,
                    language=display_name(lean),
                )
            )
        else:
            words.append(ngettext("%(num)d gets a close call", "%(num)d get a close call", count))
    return listed(words)


def _member_words(verdict: Verdict, lean: Verdict) -> str:
    """One member's result as a label: "Python", or "A close call, leaning to NodeJS"."""
    if verdict == "either" and lean in ("python", "nodejs"):
        return _("A close call, leaning to %(language)s", language=display_name(lean))
    return verdict_title(verdict)


def _team_codes(team: TeamResult, number: int, code: str) -> str:
    return "-".join(code if m.number == number else m.code for m in team.members)


def _change_groups(
    advisor: Advisor, team: TeamResult, team_page_url: CodeLink, page: CodeLink
) -> tuple[ChangeGroup, ...]:
    """What would change the team's lean, grouped by the outcome it gives, each change
    with the team (or, for a settled tie, the majority answers' result) it gives."""
    margin = advisor.content.current.either_margin
    grouped: dict[str, list[ChangeItem]] = {}
    for change in team.changes:
        question = advisor.question(change.question)
        values = {
            "answers": listed(
                [quoted(line) for line in answer_lines(advisor, change.question, change.value)]
            ),
            "question": question.summary,
        }
        url = _change_url(advisor, team, change, team_page_url, page)
        if change.member is None:
            text = _("Settle “%(question)s” on %(answers)s", **values)
        else:
            text = _(
                "Member %(number)s chooses %(answers)s for “%(question)s”",
                number=change.member,
                **values,
            )
        outcome = lead_outcome(change.verdict, change.lean, change.python - change.nodejs, margin)
        item = ChangeItem(text, _mean(change.python), _mean(change.nodejs), url)
        grouped.setdefault(outcome, []).append(item)
    return tuple(
        ChangeGroup(outcome, changes_intro(len(items)), tuple(items))
        for outcome, items in grouped.items()
    )


def _change_url(
    advisor: Advisor,
    team: TeamResult,
    change: TeamChange,
    team_page_url: CodeLink,
    page: CodeLink,
) -> str:
    """The team a member's change gives, or the majority answers' result with a tie
    settled."""
    if change.member is None:
        return page(advisor.code_for({**team.majority.answers, change.question: change.value}))
    member = next(m for m in team.members if m.number == change.member)
    answers = {**member.recommendation.answers, change.question: change.value}
    return team_page_url(_team_codes(team, member.number, advisor.code_for(answers)))


def _dropped_rows(advisor: Advisor, team: TeamResult, page: CodeLink) -> tuple[DroppedRow, ...]:
    """Each workload some members chose that the plan leaves out, with its count and what
    to do: a service in the language the article gives it, or settle it."""
    plan = team.majority.plan
    if plan is None:
        return ()
    ruleset = advisor.content.current
    total = len(team.members)
    rows = []
    for item in team.majority.dropped:
        answers = dict(team.majority.answers)
        with_it = tuple(
            o
            for o in advisor.question("workloads").option_ids
            if o in (*chosen(answers["workloads"]), item.option)
        )
        answers["workloads"] = with_it
        weighting = ruleset.weights["workloads"][item.option].weighting(answers)
        favours = (
            "python"
            if weighting.python > weighting.nodejs
            else "nodejs"
            if weighting.nodejs > weighting.python
            else None
        )
        values = {
            "work": advisor.question("workloads").option(item.option).label,
            "count": item.count,
            "total": total,
        }
        has_service = any(
            part.role == "service" and part.language == favours for part in plan.parts
        )
        if favours is not None and favours != plan.language and has_service:
            text = _(
                "“%(work)s”: %(count)s of %(total)s. The plan’s %(language)s service could take "
                "it on, or you can settle it together.",
                language=display_name(favours),
                **values,
            )
        elif favours is not None and favours != plan.language:
            text = _(
                "“%(work)s”: %(count)s of %(total)s. A %(language)s service could take it on, or "
                "you can settle it together.",
                language=display_name(favours),
                **values,
            )
        else:
            text = _(
                "“%(work)s”: %(count)s of %(total)s. Settle together whether the back end takes "
                "it on.",
                **values,
            )
        rows.append(DroppedRow(text, page(advisor.code_for(answers))))
    return tuple(rows)


def _tie_matters(advisor: Advisor, team: TeamResult, question_id: str, capped: bool) -> bool:
    """Whether settling a tie can change the team's lean or its plan."""
    if capped or any(c.question == question_id for c in team.changes):
        return True
    plan = team.majority.plan
    if plan is None:
        return False
    ruleset = advisor.content.current
    item = next(i for i in team.majority.unsettled if i.question == question_id)
    shown = (plan.summary, tuple(t.text for t in plan.tensions))
    for option in item.options:
        answers = {**team.majority.answers, question_id: option}
        result = evaluate(answers, ruleset, with_changes=False)
        other = compose_plan(answers, plan.language, result.reasons, ruleset)
        if (other.summary, tuple(t.text for t in other.tensions)) != shown:
            return True
    return False


def _concerned(team: TeamResult, because: Sequence[tuple[str, str]]) -> int:
    """How many members gave at least one of the answers behind a tension."""
    return sum(
        any(o in _options(m.recommendation.answers.get(q)) for q, o in because)
        for m in team.members
    )


def _options(value: AnswerValue | None) -> tuple[str, ...]:
    """The options of a member's answer (none for a question their ruleset lacked)."""
    return () if value is None else chosen(value)


def _unsettled(advisor: Advisor, team: TeamResult, page: CodeLink) -> tuple[UnsettledRow, ...]:
    rows = []
    for item in team.majority.unsettled:
        question = advisor.question(item.question)
        capped = question.multiple
        options = tuple(
            UnsettledOption(
                question.option(option).label,
                team.majority.counts.get((item.question, option), 0),
                None
                if capped
                else page(advisor.code_for({**team.majority.answers, item.question: option})),
                option in chosen(item.chosen),
            )
            for option in item.options
        )
        matters = _tie_matters(advisor, team, item.question, capped)
        rows.append(UnsettledRow(question.summary, options, capped, matters))
    return tuple(rows)


def team_page(
    advisor: Advisor, codes: str, team: TeamResult, link: str, page: CodeLink
) -> TeamPage:
    """The team page's rows."""
    majority_code = advisor.code_for(team.majority.answers)
    tied = {item.question for item in team.majority.unsettled}
    size = len(team.members)
    team_url = _team_url(link)
    moving = {c.question for c in team.changes if c.member is not None}
    verdicts = {(m.recommendation.verdict, m.recommendation.lean) for m in team.members}
    unanimous = size > 1 and len(verdicts) == 1 and team.verdict != "either"
    headline = (
        _("You all get %(language)s", language=display_name(team.verdict))
        if unanimous and team.members[0].recommendation.verdict == team.verdict
        else _team_headline(team, advisor.content.current.either_margin)
    )
    either_margin = advisor.content.current.either_margin
    means = {"python": _mean(team.python), "nodejs": _mean(team.nodejs)}
    if team.verdict == "either":
        scores_line = ngettext(
            "The mean of %(num)d member’s scores: Python %(python)s, NodeJS %(nodejs)s, within "
            "%(margin)s points of each other, so a close call.",
            "The mean of %(num)d members’ scores: Python %(python)s, NodeJS %(nodejs)s, within "
            "%(margin)s points of each other, so a close call.",
            size,
            margin=either_margin,
            **means,
        )
    else:
        scores_line = ngettext(
            "The mean of %(num)d member’s scores: Python %(python)s, NodeJS %(nodejs)s, so "
            "%(language)s is ahead.",
            "The mean of %(num)d members’ scores: Python %(python)s, NodeJS %(nodejs)s, so "
            "%(language)s is ahead.",
            size,
            language=display_name(team.verdict),
            **means,
        )
    return TeamPage(
        codes=codes,
        link=link,
        headline=headline,
        caption=_("Two results side by side") if size == 2 else _("Your team’s decision"),
        pair=size == 2,
        scores_line=scores_line
        + (
            " "
            + _(
                "The mean weighs strong answers: a member with a clear result moves it more "
                "than one with a close call."
            )
            if len(verdicts) > 1
            else ""
        ),
        members_title=_("The two results") if size == 2 else _("Members"),
        all_agree=size > 1 and not team.disagreements,
        verdict=team.verdict,
        verdict_words=verdict_words(team.verdict),
        lean_words=_lean_words(team, advisor.content.current),
        settle=_team_settle(team),
        python=_mean(team.python),
        nodejs=_mean(team.nodejs),
        members=tuple(
            MemberRow(
                m.number,
                page(m.code),
                _member_words(m.recommendation.verdict, m.recommendation.lean),
                m.recommendation.python,
                m.recommendation.nodejs,
                answer_rows(advisor, m.recommendation),
            )
            for m in team.members
        ),
        disagreements=tuple(
            DisagreementRow(
                advisor.question(d.question).summary,
                tuple(
                    CountRow(
                        advisor.question(d.question).option(o).label,
                        n,
                        None
                        if advisor.question(d.question).multiple
                        else page(advisor.code_for({**team.majority.answers, d.question: o})),
                    )
                    for o, n in d.counts
                ),
                d.points,
                _source_rows(advisor, d.python_strengths, "python"),
                _source_rows(advisor, d.nodejs_strengths, "nodejs"),
                d.question in moving,
            )
            for d in team.disagreements
            if d.question not in tied  # listed with the ties, above
        ),
        agreed=listed([quoted(advisor.question(q).summary) for q in team.agreed]),
        grid=_grid(advisor, team),
        majority_url=page(majority_code),
        unsettled=_unsettled(advisor, team, page),
        plan=_team_plan(advisor, team),
        plan_for_now=bool(team.majority.unsettled),
        outcomes=_outcomes(team) if size > 1 else "",
        dropped=_dropped_rows(advisor, team, page),
        changes=_change_groups(advisor, team, team_url, page),
        plan_note=_plan_note(team),
        tie_rule=_(TIE_RULE),
        can_add=len(team.members) < MAX_MEMBERS,
        either_margin=advisor.content.current.either_margin,
    )


def team_json(advisor: Advisor, team: TeamResult, link: str, page: CodeLink) -> dict[str, Any]:
    """The public JSON form of a team."""
    majority_code = advisor.code_for(team.majority.answers)
    return {
        "members": [
            {
                "member": m.number,
                "code": m.code,
                "verdict": m.recommendation.verdict,
                "scores": {"python": m.recommendation.python, "nodejs": m.recommendation.nodejs},
                "permalink": page(m.code),
            }
            for m in team.members
        ],
        "combined": {
            "scores": {"python": round(team.python, 2), "nodejs": round(team.nodejs, 2)},
            "verdict": team.verdict,
            "lean": team.lean,
            "lean_basis": team.lean_basis,
            "members_by_verdict": [
                {"verdict": verdict, "lean": lean, "members": count}
                for (verdict, lean), count in sorted(team.by_verdict.items())
            ],
        },
        "disagreements": [
            {
                "question": d.question,
                "counts": dict(d.counts),
                "points": d.points,
                "strengths": {
                    "python": list(d.python_strengths),
                    "nodejs": list(d.nodejs_strengths),
                },
            }
            for d in team.disagreements
        ],
        "agreed": list(team.agreed),
        "majority": {
            "answers": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in team.majority.answers.items()
            },
            "tie_rule": _(TIE_RULE),
            "unsettled": [
                {
                    "question": item.question,
                    "options": list(item.options),
                    "chosen": list(item.chosen) if isinstance(item.chosen, tuple) else item.chosen,
                }
                for item in team.majority.unsettled
            ],
            "dropped": [
                {"question": "workloads", "answer": item.option, "members": item.count}
                for item in team.majority.dropped
            ],
            "code": majority_code,
            "permalink": page(majority_code),
            "verdict": team.majority.result.verdict,
            "plan": _team_plan_json(team),
        },
        "changes": [
            {
                "member": change.member,
                "question": change.question,
                "answer": list(change.value) if isinstance(change.value, tuple) else change.value,
                "verdict": change.verdict,
                "lean": change.lean,
                "scores": {"python": round(change.python, 2), "nodejs": round(change.nodejs, 2)},
                "link": _change_url(advisor, team, change, _team_url(link), page),
            }
            for change in team.changes
        ],
        "link": link,
    }


def _team_url(link: str) -> CodeLink:
    """Team codes -> the team's link, beside this team's own."""
    base = link[: link.rfind("/t/") + 3]
    return lambda member_codes: base + member_codes


def _team_plan_json(team: TeamResult) -> dict[str, Any] | None:
    """The team's plan as JSON, each tension with how many members it concerns."""
    data = plan_json(team.majority.plan)
    if data is None or team.majority.plan is None:
        return data
    for tension, item in zip(team.majority.plan.tensions, data["tensions"], strict=True):
        item["members"] = _concerned(team, tension.because)
    return data


@dataclass(frozen=True)
class TeamRecord:
    """What the team's Markdown decision record says, for its template."""

    page: TeamPage
    outcome: str  # the decision outcome, in one paragraph
    stack: str  # the team plan's summary


def team_record(
    advisor: Advisor, codes: str, team: TeamResult, link: str, page: CodeLink
) -> TeamRecord:
    plan = team.majority.plan
    stack = plan.summary if plan is not None else team.majority.result.stack
    rows = team_page(advisor, codes, team, link, page)
    scores = f"Python {rows.python}, NodeJS {rows.nodejs}"
    if team.verdict == "either":
        outcome = _(
            "No option is clearly ahead on our mean scores (%(scores)s): a close call, to be "
            "settled by discussing the points below.",
            scores=scores,
        )
        outcome = f"{outcome} {rows.lean_words}"
    else:
        outcome = _(
            "Chosen option: “%(language)s”, ahead on our mean scores (%(scores)s).",
            language=rows.verdict_words,
            scores=scores,
        )
    return TeamRecord(rows, outcome, stack)
