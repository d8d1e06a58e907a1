"""Steps of the questionnaire as a person takes them in the browser."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

ORDER = ["team", "scale", "workloads", "frontend", "unified_stack", "priorities"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def input_id(question: str, option: str, first_option: str) -> str:
    return question if option == first_option else f"{question}-{option}"


def choose_with_mouse(
    page: Page, question: str, value: object, continue_name: str = "Continue"
) -> None:
    """Click the labels of the wanted options (and untick the others), then Continue (its
    name in the page's language)."""
    values = value if isinstance(value, list) else [value]
    for box in page.locator(f"input[name={question}]").all():
        wanted = box.get_attribute("value") in values
        if wanted != box.is_checked():
            page.locator(f"label[for='{box.get_attribute('id')}']").click()
    page.get_by_role("button", name=continue_name).click()


def walk_with_mouse(
    page: Page, base: str, answers: dict[str, object], shots: Path | None = None, tag: str = ""
) -> None:
    page.goto(base + "/")
    if shots:
        page.screenshot(path=shots / f"00-landing-{tag}.png", full_page=True)
    page.get_by_role("link", name="Start now").click()
    for number, question in enumerate(ORDER, start=1):
        expect(page.locator(".caption")).to_have_text(f"Step {number} of {len(ORDER)}")
        if shots:
            page.screenshot(path=shots / f"{number:02d}-{question}-{tag}.png", full_page=True)
        choose_with_mouse(page, question, answers[question])
    expect(page.locator("h1")).to_have_text("Check your answers")
    if shots:
        page.screenshot(path=shots / f"07-check-{tag}.png", full_page=True)
    page.get_by_role("button", name="See my recommendation").click()
    expect(page).to_have_url(re.compile(r"/r/[0-9a-z]{8}$"))


def open_page(page: Page, base: str, path: str) -> None:
    """Go to `path`; at "/edit/…", which only asks, press its button to reach the check page."""
    page.goto(base + path)
    if path.startswith("/edit/"):
        # The button posts and is redirected: wait for the page it leads to to finish loading,
        # or what runs next may meet the document in between.
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Edit these answers").click()


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has focus."""
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def answer_with_keyboard(
    page: Page, answers: dict[str, object], submit_name: str = "See my recommendation"
) -> None:
    """Answer every step and submit the check page with the keyboard alone."""
    for question in ORDER:
        expect(page.locator("h1")).to_be_visible()
        value = answers[question]
        if isinstance(value, list):
            for option in value:
                tab_to(page, f"input[name={question}][value={option}]")
                page.keyboard.press("Space")
        else:
            # Tab enters the radio group; arrow keys move within it; Space selects.
            tab_to(page, f"#{question}")
            radios = page.locator(f"input[name={question}]")
            for _ in range(radios.count()):
                focused = page.evaluate("document.activeElement.value")
                if focused == value:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
            expect(page.locator(f"input[name={question}][value={value}]")).to_be_checked()
        tab_to(page, "button[type=submit]")
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator("button[type=submit]")).to_have_text(submit_name)
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
