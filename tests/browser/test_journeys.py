"""Whole journeys in Chromium: mouse, keyboard only, JavaScript off, back/forward, sharing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from stackchooser import i18n
from tests.browser.journeys import (
    ORDER,
    VIEWPORTS,
    answer_with_keyboard,
    choose_with_mouse,
    tab_to,
    walk_with_mouse,
)
from tests.data import GOLDEN_2, SAMPLE_ANSWERS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_journey_with_the_mouse(browser: Browser, live_server: str, shots: Path, viewport: str):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    walk_with_mouse(page, live_server, SAMPLE_ANSWERS["python"], shots, viewport)
    expect(page.locator("h1")).to_have_text("Use Python for your back end")
    page.screenshot(path=shots / f"08-result-python-{viewport}.png", full_page=True)
    assert not errors, errors
    context.close()


@pytest.mark.parametrize("name", ["python", "nodejs", "either"])
def test_result_pages_of_contrasting_answers(
    browser: Browser, live_server: str, shots: Path, name: str
) -> None:
    for viewport, size in VIEWPORTS.items():
        context = browser.new_context(viewport=size)
        page = context.new_page()
        walk_with_mouse(page, live_server, SAMPLE_ANSWERS[name])
        expect(page.locator(".chart")).to_be_visible()
        page.screenshot(path=shots / f"result-{name}-{viewport}.png", full_page=True)
        context.close()


def test_journey_with_the_keyboard_only(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    tab_to(page, "a.button-start")
    page.keyboard.press("Enter")
    answer_with_keyboard(page, SAMPLE_ANSWERS["nodejs"])
    expect(page.locator("h1")).to_have_text("Use NodeJS for your back end")


def test_focus_is_visible_on_keyboard_focus(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    tab_to(page, "a.button-start")
    outline = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert outline == "rgb(255, 191, 71)"  # the yellow focus colour


def test_journey_with_javascript_off(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    walk_with_mouse(page, live_server, SAMPLE_ANSWERS["either"])
    expect(page.locator("h1")).to_have_text("A close call, leaning to Python")
    for button in page.locator(".copy-button").all():
        expect(button).to_be_hidden()
    expect(page.locator("#permalink")).to_have_value(re.compile(r"/r/[0-9a-z]{8}$"))
    # errors work without JavaScript too
    page.goto(live_server + "/start")
    expect(page.locator("h1")).to_have_text("Start again?")  # answers in progress: it asks
    page.get_by_role("button", name="Start again").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    context.close()


def test_back_and_forward_keep_answers(page: Page, live_server: str) -> None:
    page.goto(live_server + "/start")
    choose_with_mouse(page, "team", "javascript")
    choose_with_mouse(page, "scale", "large")
    expect(page.locator("h1")).to_have_text("What will the back end spend its time on?")
    page.go_back()
    expect(page.locator("input[name=scale][value=large]")).to_be_checked()
    page.go_back()
    expect(page.locator("input[name=team][value=javascript]")).to_be_checked()
    page.go_forward()
    expect(page.locator("input[name=scale][value=large]")).to_be_checked()
    page.get_by_role("link", name="Back").click()
    expect(page.locator("input[name=team][value=javascript]")).to_be_checked()
    choose_with_mouse(page, "team", "python")
    choose_with_mouse(page, "scale", "small")
    expect(page.locator("h1")).to_have_text("What will the back end spend its time on?")


def test_error_summary_takes_focus_and_links_move_focus(page: Page, live_server: str) -> None:
    page.goto(live_server + "/start")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").click()
    expect(page.locator("#team")).to_be_focused()


def test_permalink_in_a_fresh_context_shows_the_same_result(
    browser: Browser, live_server: str
) -> None:
    first = browser.new_context()
    page = first.new_page()
    walk_with_mouse(page, live_server, SAMPLE_ANSWERS["nodejs"])
    url = page.url
    headline, scores = page.locator("h1").inner_text(), page.locator(".verdict-scores").inner_text()
    first.close()
    fresh = browser.new_context(viewport=VIEWPORTS["phone"])
    other = fresh.new_page()
    other.goto(url)
    expect(other.locator("h1")).to_have_text(headline)
    expect(other.locator(".verdict-scores")).to_have_text(scores)
    other.get_by_role("link", name="Edit these answers").click()
    expect(other.locator("h1")).to_have_text("Edit these answers?")  # a link only asks
    other.get_by_role("button", name="Edit these answers").click()
    expect(other.locator("h1")).to_have_text("Check your answers")
    fresh.close()


def test_copy_link_button(browser: Browser, live_server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    walk_with_mouse(page, live_server, SAMPLE_ANSWERS["python"])
    button = page.get_by_role("button", name="Copy link")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".copy-status")).to_have_text("Link copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_close_call_shows_its_lean_and_the_other_route_on_request(
    browser: Browser, live_server: str, viewport: str
) -> None:
    code = next(e["code"] for e in GOLDEN_2["codes"] if e["name"] == "close-call-scores")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{live_server}/r/{code}")
    plans = page.locator("section.plan")
    expect(plans).to_have_count(2)
    expect(plans.nth(0)).to_be_visible()
    expect(plans.nth(1)).to_be_hidden()  # folded to its summary
    page.locator(".other-route > summary").click()
    expect(plans.nth(1)).to_be_visible()
    first, second = (plans.nth(i).bounding_box() for i in range(2))
    assert first and second and second["y"] >= first["y"] + first["height"]
    scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert scroll <= 0, "no horizontal scrolling"
    context.close()


def test_a_team_is_started_and_joined_twice(browser: Browser, live_server: str) -> None:
    # Someone starts a team from their result, with the mouse.
    first = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = first.new_page()
    walk_with_mouse(page, live_server, SAMPLE_ANSWERS["python"])
    page.get_by_role("link", name="Start a team with this result").click()
    expect(page.locator("h1")).to_have_text("A team of one, so far")
    link = page.locator("#team-link").input_value()
    first.close()

    # A colleague joins with the keyboard only.
    second = browser.new_context(viewport=VIEWPORTS["phone"])
    page = second.new_page()
    page.goto(link.replace("http://localhost", live_server))
    tab_to(page, "a[href$='/add']")
    page.keyboard.press("Enter")
    tab_to(page, "button[type=submit]")  # the page that asks before joining
    page.keyboard.press("Enter")
    answer_with_keyboard(page, SAMPLE_ANSWERS["nodejs"], submit_name="Add my answers to the team")
    expect(page.locator(".caption")).to_have_text("Two results side by side")
    link = page.locator("#team-link").input_value()
    second.close()

    # A third joins with JavaScript off.
    third = browser.new_context(java_script_enabled=False)
    page = third.new_page()
    page.goto(link.replace("http://localhost", live_server))
    page.get_by_role("link", name="Add your answers").click()
    page.get_by_role("button", name="Join and start the questionnaire").click()
    for question in ORDER:
        choose_with_mouse(page, question, SAMPLE_ANSWERS["either"][question])
    page.get_by_role("button", name="Add my answers to the team").click()
    expect(page.locator("h1")).to_contain_text("Your team of 3")
    expect(page.locator(".member-list li")).to_have_count(3)
    expect(page).to_have_url(re.compile(r"/t/[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{8}$"))
    third.close()


# The words a visitor clicks and reads, in each translated language.
def _words(language: str) -> dict[str, Any]:
    """The words a visitor clicks and reads on the journey, from the language's catalogue
    (the journey tests the pages, not their wording)."""
    said = i18n.catalogue(language).gettext
    other = "fr" if language == "nl" else "nl"
    return {
        "language": i18n.LANGUAGE_NAMES[language],
        "start": said("Start now"),
        "step": said("Step %(number)s of %(count)s") % {"number": 1, "count": len(ORDER)},
        "continue": said("Continue"),
        "check": said("Check your answers"),
        "see": said("See my recommendation"),
        "team": said("Start a team with this result"),
        "alone": said("A team of one, so far"),
        "add": said("Add your answers"),
        "join": said("Join and start the questionnaire"),
        "send": said("Add my answers to the team"),
        "pair": said("Two results side by side"),
        "other": (
            other,
            i18n.LANGUAGE_NAMES[other],
            i18n.catalogue(other).gettext("Your recommendation"),
        ),
    }


WORDS = {language: _words(language) for language in ("nl", "fr")}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_a_journey_to_a_result_and_a_team_in_another_language(
    browser: Browser, live_server: str, language: str
) -> None:
    words = WORDS[language]
    first = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = first.new_page()
    page.goto(live_server + "/")
    page.locator("nav.languages").get_by_role("link", name=words["language"]).click()
    expect(page).to_have_url(f"{live_server}/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_role("link", name=words["start"], exact=True).click()
    expect(page.locator(".caption")).to_have_text(words["step"])
    for question in ORDER:
        choose_with_mouse(page, question, SAMPLE_ANSWERS["python"][question], words["continue"])
    expect(page.locator("h1")).to_have_text(words["check"])
    page.get_by_role("button", name=words["see"]).click()
    expect(page).to_have_url(re.compile(rf"/{language}/r/[0-9a-z]{{8}}$"))
    code = page.url.rsplit("/", 1)[1]

    # The switcher keeps the page: the same result, in the other language.
    other, name, caption = words["other"]
    page.locator("nav.languages").get_by_role("link", name=name).click()
    expect(page).to_have_url(f"{live_server}/{other}/r/{code}")
    expect(page.locator(".verdict .caption")).to_have_text(caption)
    page.go_back()

    page.get_by_role("link", name=words["team"]).click()
    expect(page.locator("h1")).to_have_text(words["alone"])
    link = page.locator("#team-link").input_value()
    assert f"/{language}/t/" in link
    first.close()

    # A colleague joins from the link, with JavaScript off, in the same language.
    second = browser.new_context(java_script_enabled=False)
    page = second.new_page()
    page.goto(link.replace("http://localhost", live_server))
    page.get_by_role("link", name=words["add"]).click()
    page.get_by_role("button", name=words["join"]).click()
    for question in ORDER:
        choose_with_mouse(page, question, SAMPLE_ANSWERS["nodejs"][question], words["continue"])
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".caption")).to_have_text(words["pair"])
    expect(page).to_have_url(re.compile(rf"/{language}/t/[0-9a-z]{{8}}-[0-9a-z]{{8}}$"))
    second.close()


@pytest.mark.parametrize(
    ("locale", "offered"),
    [
        ("nl-BE", "Deze site bestaat ook in het Nederlands."),
        ("fr-BE", "Ce site existe aussi en français."),
        ("en-GB", None),
    ],
)
def test_the_english_landing_offers_the_visitors_language(
    browser: Browser, live_server: str, locale: str, offered: str | None
) -> None:
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(live_server + "/")
    expect(page).to_have_url(f"{live_server}/")  # never redirected
    visible = page.locator(".language-suggestion:visible")
    if offered is None:
        expect(visible).to_have_count(0)
    else:
        expect(visible).to_have_text(offered)
        visible.get_by_role("link").click()
        expect(page.locator("html")).to_have_attribute("lang", locale[:2])
    context.close()
