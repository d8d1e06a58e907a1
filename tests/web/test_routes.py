"""Every format of the format table has its route, spelled out in its blueprint: the
table's endpoint answers at the subject's address plus the format's suffix."""

from __future__ import annotations

from flask import Flask

from stackchooser.formats import FORMATS

ADDRESSES = {"result": "/r/<code>", "team": "/t/<codes>"}


def test_each_web_format_has_its_route(app: Flask) -> None:
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    for fmt in FORMATS:
        if fmt.suffix is None:
            assert fmt.endpoint is None, fmt.kind  # the command line's only
            continue
        assert fmt.endpoint is not None
        assert rules[fmt.endpoint] == ADDRESSES[fmt.subject] + fmt.suffix, fmt.kind
    served = {fmt.endpoint for fmt in FORMATS if fmt.endpoint}
    for endpoint, rule in rules.items():
        if rule.startswith(("/r/<", "/t/<")) and not rule.endswith("/add"):
            assert endpoint in served, rule  # no route outside the table
