"""The application form's problems, said in the reader's language.

The engine names a problem by answer key, code and parameters; this module
turns that into a sentence and names the question it is about.
"""

from __future__ import annotations

from django.utils.translation import get_language, pgettext, pgettext_lazy

from ccaward.engine import appform

MESSAGES = {
    "required": pgettext_lazy("form problem", "This question must be answered."),
    "consent": pgettext_lazy("form problem", "The declaration must be confirmed."),
    "integer": pgettext_lazy("form problem", "“%(value)s” is not a whole number."),
    "number": pgettext_lazy("form problem", "“%(value)s” is not a number."),
    "min": pgettext_lazy("form problem", "%(value)s is below the minimum of %(min)s."),
    "max": pgettext_lazy("form problem", "%(value)s is above the maximum of %(max)s."),
    "max_length": pgettext_lazy(
        "form problem", "%(length)s characters; at most %(max)s are allowed."
    ),
    "email": pgettext_lazy("form problem", "“%(value)s” is not an e-mail address."),
    "url": pgettext_lazy("form problem", "“%(value)s” is not a web address."),
    "phone": pgettext_lazy("form problem", "“%(value)s” is not a telephone number."),
    "date": pgettext_lazy("form problem", "“%(value)s” is not a date (YYYY-MM-DD)."),
    "choice": pgettext_lazy("form problem", "“%(value)s” is not one of the options."),
    "one_choice": pgettext_lazy("form problem", "Pick only one option."),
    "picks_exact": pgettext_lazy("form problem", "Pick exactly %(n)s options (%(picked)s picked)."),
    "picks_min": pgettext_lazy("form problem", "Pick at least %(n)s options (%(picked)s picked)."),
    "picks_max": pgettext_lazy("form problem", "Pick at most %(n)s options (%(picked)s picked)."),
    "other_required": pgettext_lazy("form problem", "Say what “other” is."),
    "detail_required": pgettext_lazy("form problem", "Please give the details."),
    "one_file": pgettext_lazy("form problem", "Attach only one file here."),
    "credit_code_format": pgettext_lazy(
        "form problem", "A unified social credit code has 18 digits or capital letters."
    ),
    "credit_code_check": pgettext_lazy(
        "form problem", "The check character of this credit code is wrong."
    ),
    "sum": pgettext_lazy(
        "form problem", "%(label)s must add up to %(equals)s%%; it adds up to %(total)s%%."
    ),
}


def _fmt(value):
    if hasattr(value, "normalize"):
        text = format(value.normalize(), "f")
        return text
    return value


def question_label(defn: appform.Definition, key: str, language: str | None = None) -> str:
    """The question an answer key belongs to, as the reader sees it."""
    language = language or get_language()
    field = defn.owner(key)
    if field is None:
        for check in defn.checks:
            if check.key == key:
                return check.label(language)
        return key
    parts = key.split(".")
    label = field.label(language)
    if field.type == "table" and len(parts) == 3:
        row = next((r for r in field.rows if r.key == parts[1]), None)
        col = next((c for c in field.columns if c.key == parts[2]), None)
        row_label = row.label(language) if row else parts[1]
        col_label = col.label(language) if col else pgettext("form", "name")
        return f"{label} · {row_label} · {col_label}"
    if len(parts) == 2 and parts[1] == "other":
        return f"{label} · {pgettext('form', 'other')}"
    if len(parts) == 2 and parts[1] == "detail" and field.detail:
        return f"{label} · {field.detail(language)}"
    return label


def problem_text(problem: appform.Problem, language: str | None = None) -> str:
    language = language or get_language()
    template = MESSAGES.get(problem.code)
    if template is None:
        return problem.code
    params = {
        k: (v(language) if isinstance(v, appform.Text) else _fmt(v))
        for k, v in problem.params.items()
    }
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def problem_message(
    defn: appform.Definition, problem: appform.Problem, language: str | None = None
) -> str:
    """“<question>: <what is wrong>”."""
    return f"{question_label(defn, problem.key, language)}: {problem_text(problem, language)}"
