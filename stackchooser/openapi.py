"""An OpenAPI 3.1 description of the JSON API, generated from the questionnaire content.

The answer enums come from the questions and the strength ids from the article's
strengths, so the description cannot drift from what the API accepts. No Flask import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .i18n import long_date
from .model import Content, Question

EXAMPLE_ANSWERS = {
    "team": "python",
    "scale": "small",
    "workloads": ["ml_ai", "business_rules"],
    "frontend": "spa",
    "unified_stack": "no",
    "priorities": ["maintainability"],
}
EXAMPLE_CODE = "404q81ee"
EXAMPLE_TEAM = "404q81ee-40bc4886"


def _answer_schema(question: Question) -> dict[str, Any]:
    options = list(question.option_ids)
    schema: dict[str, Any]
    if question.multiple:
        schema = {"type": "array", "items": {"enum": options}, "uniqueItems": True}
        if question.max is not None:
            schema["maxItems"] = question.max
    else:
        schema = {"enum": options}
    return {"description": question.title, **schema}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _plan_schema() -> dict[str, Any]:
    answer_ref = {
        "type": "object",
        "required": ["question", "answer"],
        "properties": {"question": {"type": "string"}, "answer": {"type": "string"}},
    }
    strengths = {"type": "array", "items": _ref("StrengthId"), "minItems": 1}
    return {
        "type": "object",
        "required": ["language", "summary", "parts", "tensions"],
        "properties": {
            "language": {"enum": ["python", "nodejs"]},
            "summary": {"type": "string"},
            "parts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["role", "language", "text", "strengths", "because"],
                    "properties": {
                        "role": {"enum": ["backend", "frontend", "service"]},
                        "language": {"enum": ["python", "nodejs", "javascript", None]},
                        "text": {"type": "string"},
                        "strengths": strengths,
                        "because": {"type": "array", "items": answer_ref},
                    },
                },
            },
            "tensions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["question", "answer", "because", "text", "strengths"],
                    "properties": {
                        "question": {"type": "string", "description": "The first of because."},
                        "answer": {"type": "string"},
                        "because": {
                            "type": "array",
                            "minItems": 1,
                            "description": "Every answer behind this concern.",
                            "items": answer_ref,
                        },
                        "text": {
                            "type": "string",
                            "description": "What the article says the plan gives up, cited.",
                        },
                        "strengths": strengths,
                        "advice": {
                            "type": ["string", "null"],
                            "description": "What we suggest doing about it: the site's own "
                            "advice, not the article's (ruleset 4 on; null before).",
                        },
                    },
                },
            },
        },
    }


def _result_schema() -> dict[str, Any]:
    scores = {
        "type": "object",
        "required": ["python", "nodejs"],
        "properties": {"python": {"type": "integer"}, "nodejs": {"type": "integer"}},
    }
    return {
        "type": "object",
        "required": [
            "verdict",
            "scores",
            "reasons",
            "strengths",
            "stack",
            "plan",
            "alternative_plan",
            "code",
            "permalink",
        ],
        "properties": {
            "verdict": {"enum": ["python", "nodejs", "either"]},
            "scores": scores,
            "margin": {"type": "integer"},
            "lean": {"enum": ["python", "nodejs", "either"]},
            "ruleset": {"type": "integer"},
            "answers": _ref("Answers"),
            "reasons": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["question", "answer", "favours", "strengths", "weight"],
                    "properties": {
                        "question": {"type": "string"},
                        "answer": {"type": "string"},
                        "favours": {"enum": ["python", "nodejs", "neither"]},
                        "weight": {"type": "integer"},
                        "strengths": {"type": "array", "items": _ref("StrengthId")},
                        "why": {"type": "string"},
                    },
                },
            },
            "strengths": {"type": "array", "items": _ref("StrengthId")},
            "stack": {"type": "string", "description": "The plan's summary (ruleset 2 on)."},
            "plan": {"oneOf": [_ref("Plan"), {"type": "null"}]},
            "alternative_plan": {
                "description": "On a close call, the plan in the other language.",
                "oneOf": [_ref("Plan"), {"type": "null"}],
            },
            "close_call": {
                "description": "On a close call: the language it leans to, why, and the "
                "fewest answers without whose points a lean by scores would not hold.",
                "oneOf": [{"type": "object"}, {"type": "null"}],
            },
            "changes": {
                "type": "array",
                "description": "The fewest edits that change the verdict or the plan's "
                "language; those that move the back end to the other language first.",
                "items": {
                    "type": "object",
                    "required": ["edits", "verdict", "plan_language", "kind", "scores"],
                    "properties": {
                        "edits": {"type": "array", "items": {"type": "object"}},
                        "verdict": {"enum": ["python", "nodejs", "either"]},
                        "plan_language": {"enum": ["python", "nodejs"]},
                        "kind": {
                            "enum": ["switch", "firmer", "closer"],
                            "description": "switch: the back end moves to the other "
                            "language; firmer or closer: it stays, and the result only "
                            "becomes clear or a close call.",
                        },
                        "scores": scores,
                        "permalink": {"type": "string", "format": "uri"},
                    },
                },
            },
            "changes_note": {
                "description": "Said when no change of one or two answers changes the result.",
                "oneOf": [{"type": "string"}, {"type": "null"}],
            },
            "code": {"type": "string", "pattern": "^[0-9a-z]+$"},
            "permalink": {"type": "string", "format": "uri"},
        },
    }


def _team_schema() -> dict[str, Any]:
    scores = {
        "type": "object",
        "required": ["python", "nodejs"],
        "properties": {"python": {"type": "number"}, "nodejs": {"type": "number"}},
    }
    return {
        "type": "object",
        "required": ["members", "combined", "disagreements", "link"],
        "properties": {
            "members": {
                "type": "array",
                "minItems": 1,
                "maxItems": 20,
                "items": {
                    "type": "object",
                    "required": ["code", "verdict", "scores", "permalink"],
                    "properties": {
                        "member": {"type": "integer"},
                        "code": {"type": "string"},
                        "verdict": {"enum": ["python", "nodejs", "either"]},
                        "scores": scores,
                        "permalink": {"type": "string", "format": "uri"},
                    },
                },
            },
            "combined": {
                "type": "object",
                "required": ["scores", "verdict", "lean", "lean_basis"],
                "properties": {
                    "scores": scores,
                    "verdict": {"enum": ["python", "nodejs", "either"]},
                    "lean": {"enum": ["python", "nodejs", "either"]},
                    "lean_basis": {"enum": ["verdict", "team", "scores", "fallback", None]},
                    "members_by_verdict": {
                        "type": "array",
                        "description": "How the members came out: how many got each verdict "
                        "and lean.",
                        "items": {
                            "type": "object",
                            "properties": {
                                "verdict": {"enum": ["python", "nodejs", "either"]},
                                "lean": {"enum": ["python", "nodejs", "either"]},
                                "members": {"type": "integer", "minimum": 1},
                            },
                        },
                    },
                },
            },
            "changes": {
                "type": "array",
                "description": "What would change the team's lean (and its plan's language): "
                "a member's answer becoming another answer a member gave (`member` is their "
                "number, `link` the team it gives), or an unsettled question settled on one of "
                "its tied options (`member` is null, `link` the majority answers' result).",
                "items": {
                    "type": "object",
                    "properties": {
                        "member": {"type": ["integer", "null"]},
                        "question": {"type": "string"},
                        "answer": {
                            "oneOf": [
                                {"type": "string"},
                                {"type": "array", "items": {"type": "string"}},
                            ]
                        },
                        "verdict": {"enum": ["python", "nodejs", "either"]},
                        "lean": {"enum": ["python", "nodejs"]},
                        "scores": scores,
                        "link": {"type": "string", "format": "uri"},
                    },
                },
            },
            "disagreements": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["question", "counts"],
                    "properties": {
                        "question": {"type": "string"},
                        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "points": {"type": "integer"},
                    },
                },
            },
            "agreed": {"type": "array", "items": {"type": "string"}},
            "majority": {
                "type": "object",
                "description": "The team's majority answers and its plan, in the combined "
                "verdict's language (the lean's on a close call).",
                "properties": {
                    "answers": _ref("Answers"),
                    "unsettled": {
                        "type": "array",
                        "description": "One-of questions whose most chosen options tie, and "
                        "multi-select questions whose options chosen by at least half of the "
                        "members are more than the question allows.",
                        "items": {
                            "type": "object",
                            "required": ["question", "options"],
                            "properties": {
                                "question": {"type": "string"},
                                "options": {"type": "array", "items": {"type": "string"}},
                                "chosen": {
                                    "oneOf": [
                                        {"type": "string"},
                                        {"type": "array", "items": {"type": "string"}},
                                    ]
                                },
                            },
                        },
                    },
                    "dropped": {
                        "type": "array",
                        "description": "Workloads some members chose that the majority "
                        "answers, and so the plan, leave out, with how many members chose each.",
                        "items": {
                            "type": "object",
                            "properties": {
                                "question": {"const": "workloads"},
                                "answer": {"type": "string"},
                                "members": {"type": "integer", "minimum": 1},
                            },
                        },
                    },
                    "plan": {"oneOf": [_ref("Plan"), {"type": "null"}]},
                },
            },
            "link": {"type": "string", "format": "uri"},
        },
    }


LANGUAGE_PATHS = (
    "In English; the same JSON with its texts in Dutch or French is at the same path under "
    "/nl or /fr (for example /nl/r/{code}.json), with the same ids."
)


def openapi_document(
    content: Content, server_url: str, languages: Sequence[str] = ("en",)
) -> dict[str, Any]:
    """The OpenAPI 3.1 document for the JSON API (`languages`: those the site serves)."""
    questions = content.current.questions
    error = {
        "description": "The request or the code is not valid.",
        "content": {"application/json": {"schema": _ref("Error")}},
    }
    result = {
        "description": "The recommendation, with its permalink.",
        "content": {"application/json": {"schema": _ref("Result")}},
    }
    too_large = {
        "description": "The request body is larger than the server accepts (16 KB by default).",
        "content": {"application/json": {"schema": _ref("Error")}},
    }
    too_many = {
        "description": "Too many requests from one address: the proxy in front of the site "
        "limits each address (its own plain answer, not JSON); try again shortly.",
    }
    not_modified = {
        "description": "Not modified: the If-None-Match ETag (strong or weak) still matches.",
        "headers": {"ETag": {"schema": {"type": "string"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "stackchooser",
            "version": str(content.current.version),
            "description": (
                "Python or NodeJS for a web application's back end, with the reasons and "
                f"a plan, citing “{content.article.title}” ({content.article.author}, "
                f"{content.article.publisher}, {long_date(content.article.published)})."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/recommendation": {
                "post": {
                    "operationId": "recommend",
                    "summary": "Recommend a back-end language for a set of answers.",
                    "parameters": [
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "description": (
                                "The language of the texts (reasons, plan, words) and of the "
                                "pages the permalinks open; ids stay as they are. English "
                                "unless asked; an unknown language gets a 400 whose field "
                                'is "lang".'
                            ),
                            "schema": {"type": "string", "enum": list(languages)},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["answers"],
                                    "additionalProperties": False,
                                    "properties": {"answers": _ref("Answers")},
                                },
                                "example": {"answers": EXAMPLE_ANSWERS},
                            }
                        },
                    },
                    "responses": {
                        "200": result,
                        "400": error,
                        "413": too_large,
                        "429": too_many,
                    },
                }
            },
            "/r/{code}.json": {
                "get": {
                    "operationId": "result",
                    "summary": "The result a permalink code stands for.",
                    "description": LANGUAGE_PATHS,
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[0-9a-z]{1,64}$"},
                            "example": EXAMPLE_CODE,
                        }
                    ],
                    "responses": {
                        "200": result,
                        "304": not_modified,
                        "404": error,
                        "429": too_many,
                    },
                }
            },
            "/t/{codes}.json": {
                "get": {
                    "operationId": "team",
                    "summary": "A team: 1 to 20 members' results combined, and where they differ.",
                    "description": LANGUAGE_PATHS,
                    "parameters": [
                        {
                            "name": "codes",
                            "in": "path",
                            "required": True,
                            "description": "Member codes in joining order, joined by dashes.",
                            "schema": {
                                "type": "string",
                                "pattern": "^[0-9a-z]{1,64}(-[0-9a-z]{1,64}){0,19}$",
                            },
                            "example": EXAMPLE_TEAM,
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The team.",
                            "content": {"application/json": {"schema": _ref("Team")}},
                        },
                        "304": not_modified,
                        "404": error,
                        "429": too_many,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Answers": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [q.id for q in questions if q.default is None],
                    "properties": {q.id: _answer_schema(q) for q in questions},
                },
                "StrengthId": {"enum": list(content.strengths)},
                "Plan": _plan_schema(),
                "Result": _result_schema(),
                "Team": _team_schema(),
                "Problem": {
                    "type": "object",
                    "required": ["message", "field"],
                    "properties": {
                        "message": {"type": "string"},
                        "field": {"type": ["string", "null"]},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": _ref("Problem"),
                        "errors": {
                            "description": "Every missing or bad answer of an answer set "
                            "at once (the first is also `error`).",
                            "type": "array",
                            "items": _ref("Problem"),
                        },
                    },
                },
            }
        },
    }
