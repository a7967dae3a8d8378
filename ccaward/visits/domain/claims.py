"""What the application claims, beside each checklist item: the answers the item
names, as the applicant gave them (choices by their labels, the detail after the
choice, files by their count), in the reader's language."""

from __future__ import annotations

from django.utils.translation import pgettext

from ccaward.engine.appform.answers import as_list, blank


def _text(field, answers: dict, language: str) -> str:
    raw = answers.get(field.key)
    if field.type == "file":
        count = len(as_list(raw)) if not blank(raw) else 0
        if not count:
            return ""
        return pgettext("visit claim", "%(n)s file(s) attached") % {"n": count}
    if blank(raw):
        return ""
    if field.type in ("choice", "multi", "yesno"):
        labels = {o.value: o.label(language) for o in field.choices()}
        text = "、".join(labels.get(v, v) for v in as_list(raw))
        if field.other and not blank(answers.get(f"{field.key}.other")):
            text += f" ({answers[f'{field.key}.other']})"
    else:
        text = "; ".join(as_list(raw)) if isinstance(raw, list) else str(raw)
    detail = answers.get(f"{field.key}.detail")
    if field.detail and not blank(detail):
        text = pgettext("visit claim", "%(answer)s: %(detail)s") % {
            "answer": text,
            "detail": detail,
        }
    return text


def claims(entry, item: dict, language: str) -> list[dict]:
    """[{key, question, answer}] for the answers `item` checks; a question the
    entry's form version does not have is left out, an unanswered one says so."""
    if entry.form_id is None:
        return []
    fields = entry.form.parsed.fields
    answers = entry.answers or {}
    out = []
    for key in item.get("answers", []):
        field = fields.get(key)
        if field is None:
            continue
        out.append(
            {
                "key": key,
                "question": field.label(language),
                "answer": _text(field, answers, language)
                or pgettext("visit claim", "(not answered)"),
            }
        )
    return out
