"""The scorecard's page: the card in use (or an earlier version) shown readably
(groups with their points, items with their type, the anchored levels of a 1–5
scale in the reader's language, threshold tables), the upload of a YAML card as
the next version (refused by path, with the sum), the YAML's download."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.mystery.domain import cards
from ccaward.mystery.views.setup.forms import ScorecardForm


def type_labels() -> dict[str, str]:
    return {
        "yesno": pgettext("scorecard item", "Yes or no"),
        "scale": pgettext("scorecard item", "Scale 1–5"),
        "measure": pgettext("scorecard item", "Measured"),
        "share": pgettext("scorecard item", "Share of the answer points"),
    }


def unit_labels() -> dict[str, str]:
    return {
        "seconds": pgettext("unit", "seconds"),
        "steps": pgettext("unit", "steps"),
        "rings": pgettext("unit", "rings"),
        "count": pgettext("unit", "count"),
    }


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value is not None else ""


def _item(item, zh: bool) -> dict:
    out = {
        "code": item.code,
        "name": item.name_zh if zh else item.name_en,
        "type": type_labels()[item.type],
        "points": _num(item.points),
        "optional": item.optional,
        "anchors": [
            (level, text[0] if zh else text[1], _num(item.points * (level - 1) / 4))
            for level, text in sorted(item.anchors.items())
        ],
        "unit": unit_labels().get(item.unit, item.unit),
        "thresholds": [],
    }
    low = item.low
    for row in item.thresholds:
        out["thresholds"].append((_num(low), _num(row.up_to), _num(row.points)))
        low = row.up_to
    return out


def readable(card) -> dict:
    zh = (get_language() or "zh-hans").startswith("zh")
    return {
        "name": card.name_zh if zh else card.name_en,
        "groups": [
            {
                "code": g.code,
                "name": g.name_zh if zh else g.name_en,
                "points": _num(g.points),
                "reaching": g.code == card.reaching,
                "items": [_item(i, zh) for i in g.items],
            }
            for g in card.groups
        ],
    }


def _row(season, request):
    top = cards.scorecard_in_use(season)
    wanted = request.GET.get("version", "")
    if wanted.isdigit() and int(wanted) != top.version:
        row = next((v for v in cards.versions(season) if v.version == int(wanted)), None)
        if row is None:
            raise Http404
        return row, top
    return top, top


@season_view("mystery.manage")
def scorecard(request, season):
    return _render(request, season)


def _render(request, season, form=None, problems=None, status=200):
    row, top = _row(season, request)
    return render(
        request,
        "mystery/setup/scorecard.html",
        {
            "season": season,
            "tab": "scorecard",
            "row": row,
            "top": top,
            "card": readable(cards.engine_card(row)),
            "versions": cards.versions(season),
            "form": form or ScorecardForm(initial={"version": top.version}),
            "problems": problems,
        },
        status=status,
    )


@require_POST
@season_view("mystery.manage")
def scorecard_upload(request, season):
    form = ScorecardForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, season, form=form, status=422)
    try:
        row = cards.upload_scorecard(
            season=season,
            source=form.cleaned_data["file"].read(cards.UPLOAD_MAX_BYTES + 1),
            note=form.cleaned_data.get("note") or "",
            base_version=form.cleaned_data.get("version"),
            by=request.user,
        )
    except cards.ScorecardRefused as exc:
        return _render(request, season, form=form, problems=exc.problems, status=422)
    except cards.ScorecardChanged as exc:
        messages.error(
            request,
            pgettext(
                "mystery",
                "Version %(stored)s was uploaded meanwhile (you read version %(sent)s): "
                "look at it, then upload again.",
            )
            % {"stored": exc.version, "sent": exc.sent["version"]},
        )
        return redirect("mystery:scorecard", season.slug)
    except ValidationError as exc:  # a control character, naming the file
        return _render(request, season, form=form, problems=exc.messages, status=422)
    messages.success(
        request,
        pgettext("message", "Version %(n)s of the scorecard is in use.") % {"n": row.version},
    )
    if row.moved:
        messages.info(
            request,
            pgettext("message", "%(count)s planned contacts now use version %(n)s.")
            % {"count": row.moved, "n": row.version},
        )
    return redirect("mystery:scorecard", season.slug)


@season_view("mystery.manage")
def scorecard_download(request, season):
    row, _ = _row(season, request)
    response = HttpResponse(cards.yaml_of(row), content_type="application/yaml; charset=utf-8")
    name = f"scorecard-{season.slug}-v{row.version}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
