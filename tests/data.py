"""Answer sets and golden permalink codes that several test modules use."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = json.loads((FIXTURES / "golden_codes.json").read_text())
GOLDEN_2 = json.loads((FIXTURES / "golden_codes_2.json").read_text())
GOLDEN_3 = json.loads((FIXTURES / "golden_codes_3.json").read_text())
GOLDEN_4 = json.loads((FIXTURES / "golden_codes_4.json").read_text())

# Every answer neutral: a base that tests change one or two answers of.
NEUTRAL_ANSWERS = {
    "team": "neither",
    "scale": "small",
    "workloads": [],
    "frontend": "spa",
    "unified_stack": "no_preference",
    "priorities": [],
}

SAMPLE_ANSWERS = {
    "python": {
        "team": "python",
        "scale": "small",
        "workloads": ["ml_ai", "business_rules"],
        "frontend": "spa",
        "unified_stack": "no",
        "priorities": ["maintainability"],
    },
    "nodejs": {
        "team": "javascript",
        "scale": "prototype",
        "workloads": ["realtime_messaging"],
        "frontend": "highly_interactive",
        "unified_stack": "yes",
        "priorities": ["time_to_market"],
    },
    "either": {
        "team": "both",
        "scale": "small",
        "workloads": ["crud"],
        "frontend": "undecided",
        "unified_stack": "no_preference",
        "priorities": [],
    },
}

STRENGTH_IDS = frozenset(
    {
        "python-mature",
        "python-clarity",
        "python-debugging",
        "python-libraries",
        "python-data-ml",
        "python-cloud-native",
        "node-unified-stack",
        "node-fast-prototyping",
        "node-event-driven",
        "node-streams",
        "node-snappy-ui",
        "team-first",
        "python-team-templating",
        "rest-api-frontend",
        "python-business-logic",
        "python-only-restrictive",
        "node-performance",
    }
)
