"""WTForms classes built at run time from the questionnaire content."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectMultipleField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, ValidationError

from ..content import Question


class QuestionRadioField(RadioField):
    """A one-of answer whose every error reads as the question's own message."""

    def __init__(self, *args: Any, message: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.message = message

    def pre_validate(self, form: Any) -> None:
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(self.message)


class QuestionCheckboxField(SelectMultipleField):
    """A multi-select answer, optionally limited to `maximum` options."""

    def __init__(self, *args: Any, message: str, maximum: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.message = message
        self.maximum = maximum

    def pre_validate(self, form: Any) -> None:
        values = {choice.value for choice in self.choices}
        chosen = self.data or []
        if any(item not in values for item in chosen) or len(set(chosen)) != len(chosen):
            raise ValidationError(self.message)
        if self.maximum is not None and len(chosen) > self.maximum:
            raise ValidationError(f"{self.message}: you chose {len(chosen)}")


class AnswerForm(FlaskForm):
    """Base of every step's form: CSRF only; the question's field is added per class."""


class SubmitAnswersForm(FlaskForm):
    """The check-your-answers page posts only its CSRF token."""


def _field(question: Question) -> Field:
    choices = [SelectChoice(option.id, option.label) for option in question.options]
    if question.kind == "one":
        return QuestionRadioField(
            question.title,
            choices=choices,
            message=question.error,
            validators=[InputRequired(message=question.error)],
        )
    return QuestionCheckboxField(
        question.title, choices=choices, message=question.error, maximum=question.max
    )


@cache
def form_class(question: Question) -> type[AnswerForm]:
    """The form for one question's page; its one field is named after the question."""
    return type(f"{question.id.title()}Form", (AnswerForm,), {question.id: _field(question)})
