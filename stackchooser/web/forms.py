"""WTForms classes built at run time from the questionnaire content."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectMultipleField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, ValidationError

from ..caches import FORM_CLASSES, memoize
from ..engine import AnswerError, normalize_answer
from ..i18n import ngettext
from ..model import Question


class _QuestionField:
    """Checks its answer with the engine's own rule; every error reads as the question's."""

    question: Question
    data: Any

    def pre_validate(self, form: Any) -> None:
        try:
            normalize_answer(
                self.question, self.data or [] if self.question.multiple else self.data
            )
        except AnswerError:
            chosen = self.data or []
            too_many = self.question.max is not None and len(chosen) > self.question.max
            suffix = (
                " " + ngettext("You chose %(num)d.", "You chose %(num)d.", len(chosen))
                if self.question.multiple and too_many
                else ""
            )
            raise ValidationError(self.question.error + suffix) from None


class QuestionRadioField(_QuestionField, RadioField):
    """A one-of answer."""

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question


class QuestionCheckboxField(_QuestionField, SelectMultipleField):
    """A multi-select answer, limited to the question's maximum if it has one."""

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question


class AnswerForm(FlaskForm):
    """Base of every step's form: CSRF only; the question's field is added per class."""


class SubmitAnswersForm(FlaskForm):
    """The check-your-answers page posts only its CSRF token."""


class ConfirmForm(FlaskForm):
    """A page that asks before it changes the visitor's answers posts only its CSRF token:
    a link (GET) may lead to such a page, but only this button acts."""


def _field(question: Question) -> Field:
    choices = [SelectChoice(option.id, option.label) for option in question.options]
    if question.multiple:
        return QuestionCheckboxField(question.title, choices=choices, question=question)
    return QuestionRadioField(
        question.title,
        choices=choices,
        question=question,
        validators=[InputRequired(message=question.error)],
    )


@memoize(FORM_CLASSES, entries=64)
def form_class(question: Question) -> type[AnswerForm]:
    """The form for one question's page; its one field is named after the question."""
    return type(f"{question.id.title()}Form", (AnswerForm,), {question.id: _field(question)})
