"""The organizers' page for the application form's wording: the sections, and
one section's title, introduction, question labels and help texts in Chinese
and English, with a preview as applicants will read them. Saving makes a new
version of the form (domain.change_form_texts)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import pgettext

from ccaward.applications import domain
from ccaward.applications.views.common import reader_language
from ccaward.core.access import season_view
from ccaward.engine import appform

LANGS = ("zh", "en")


def _section_titles(form, lang):
    defn = form.parsed
    return [(s.key, s.part, s.title(lang)) for s in defn.sections]


@season_view("applications.change_form")
def form_sections(request, season):
    """The form's versions and sections, each a link to its wording."""
    form = domain.form_to_read(season)
    return render(
        request,
        "applications/form_texts.html",
        {
            "season": season,
            "form": form,
            "versions": form.season.application_forms.all(),
            "sections": _section_titles(form, reader_language()),
            "placeholders": season.placeholders(),
        },
    )


def _posted_texts(data, items) -> dict[str, dict[str, str]]:
    return {
        key: {lang: data.get(f"{key}.{lang}", text[lang]) for lang in LANGS}
        for key, _kind, text in items
    }


def _preview(season, texts) -> list[dict]:
    """The texts with the season's placeholders filled, as applicants will read them."""
    values = season.placeholders()
    out = []
    for key, text in texts.items():
        if not any(text.values()):
            continue
        filled = appform.fill_placeholders({k: v for k, v in text.items() if v}, values)
        out.append(
            {
                "key": key,
                "kind": key.rsplit(".", 1)[-1],
                "zh": filled.get("zh", ""),
                "en": filled.get("en") or filled.get("zh", ""),
            }
        )
    return out


def _rows(form, key, items, texts, problems, theirs=None) -> list[dict]:
    """Each editable text: its key and kind, what the page holds, the question it
    belongs to (as the form names it now), its problem, and the saved text when
    another version changed it (`theirs`)."""
    lang = reader_language()
    questions = {f.key: f.label(lang) for f in form.parsed.section(key).fields}
    rows = []
    for text_key, kind, _stored in items:
        owner, _, name = text_key.partition(".")
        field_key = name.rsplit(".", 1)[0]
        other = (theirs or {}).get(text_key)
        rows.append(
            {
                "key": text_key,
                "id": text_key.replace(".", "-"),
                "kind": kind,
                "text": texts[text_key],
                "question": questions.get(field_key, "") if owner == "field" else "",
                "problem": problems.get(text_key, ""),
                "theirs": other if other is not None and other != texts[text_key] else None,
            }
        )
    return rows


@season_view("applications.change_form")
def form_section_texts(request, season, key):
    """One section's wording: edit, preview (op=preview), save as a new version."""
    form = domain.form_to_read(season)
    try:
        items = domain.text_items(form.definition, key)
    except KeyError:
        raise Http404 from None
    data = request.POST if request.method == "POST" else None
    texts = _posted_texts(data or {}, items)
    base = int(data["base"]) if data and data.get("base", "").isdigit() else form.version
    context = {
        "season": season,
        "form": form,
        "section_key": key,
        "sections": _section_titles(form, reader_language()),
        "base": base,
        "note": (data or {}).get("note", "")[:300],
        "placeholders": season.placeholders(),
    }
    problems = domain.check_texts(texts) if data else {}
    context["rows"] = _rows(form, key, items, texts, problems)
    if data is None:
        return render(request, "applications/form_section_texts.html", context)
    if data.get("op") == "preview":
        context["preview"] = _preview(season, texts)
        return render(request, "applications/form_section_texts.html", context)
    try:
        new = domain.change_form_texts(
            season=season, by=request.user, texts=texts, base_version=base, note=context["note"]
        )
    except domain.FormChanged as exc:
        context["changed"] = exc.current
        theirs = {k: t for k, _kind, t in domain.text_items(exc.current.definition, key)}
        context["rows"] = _rows(form, key, items, texts, problems, theirs)
        context["base"] = exc.current.version
        return render(request, "applications/form_section_texts.html", context, status=409)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            found = {k: v[0].messages[0] for k, v in exc.error_dict.items()}
            context["rows"] = _rows(form, key, items, texts, found)
        context["errors"] = exc.messages
        return render(request, "applications/form_section_texts.html", context)
    if new.version == form.version:
        messages.info(request, pgettext("message", "Nothing changed."))
    else:
        messages.success(
            request,
            pgettext(
                "message",
                "Saved as version %(n)s of the form: new applications use it; "
                "applications already started keep the version they were started with.",
            )
            % {"n": new.version},
        )
    return redirect("applications:form_section", season.slug, key)
