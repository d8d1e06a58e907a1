"""What results and teams look like to people and to programs. No Flask import.

One builder per form: the result page's rows, the public JSON and the decision record
(result.py), the team's (team.py), the methodology page's (methodology.py), from shared
rows (rows.py) and words (words.py). Links come in as plain strings or a function from a
code to a URL.
"""

from .methodology import RulesetView, ruleset_view
from .result import DecisionRecord, ResultPage, decision_record, result_json, result_page
from .rows import AnswerRow, ChangeGroup, PlanView
from .team import TeamPage, TeamRecord, team_json, team_page, team_record
from .words import answer_label, answer_lines, answer_text, headline, lean_text

__all__ = [
    "AnswerRow",
    "ChangeGroup",
    "DecisionRecord",
    "PlanView",
    "ResultPage",
    "RulesetView",
    "TeamPage",
    "TeamRecord",
    "answer_label",
    "answer_lines",
    "answer_text",
    "decision_record",
    "headline",
    "lean_text",
    "result_json",
    "result_page",
    "ruleset_view",
    "team_json",
    "team_page",
    "team_record",
]
