"""The published results page (获奖名单), open to anyone without signing in, and its
downloads: a category's ballots (BALLOTS.csv), the judges' scores under
pseudonyms (SCORES.csv) with the framework (FRAMEWORK.yaml), and the whole
snapshot (JSON). Everything shown comes from the season's latest live
publication's snapshot, never from the live tables, so it cannot drift from what
was published; 404 while nothing is published."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from ccaward.engine.text import control_character
from ccaward.results import exports
from ccaward.results.domain import published
from ccaward.results.views.vote_words import settled_text
from ccaward.seasons.models import Season


def english() -> bool:
    return (get_language() or "").startswith("en")


def _publication(slug: str):
    if control_character(slug):
        raise Http404
    season = get_object_or_404(Season, slug=slug)
    publication = published.live(season)
    if publication is None:
        raise Http404
    return season, publication


def pick(zh: str, en: str) -> str:
    return (en or zh) if english() else (zh or en)


@dataclass
class Winner:
    code: str
    name: str
    organization: str
    place: int | None
    settled: str
    total: str
    dimensions: list[tuple[str, str]]


@dataclass
class CategoryView:
    index: int
    name: str
    quota: int
    special: bool
    winners: list[Winner] = field(default_factory=list)
    awards: list[dict] = field(default_factory=list)
    ballots: int = 0
    method: str = ""
    command: str = ""
    filename: str = ""
    poll_filename: str = ""
    statement: str = ""
    casting: list[dict] = field(default_factory=list)


def number(value, places: int = 2) -> str:
    if value in (None, ""):
        return "—"
    try:
        return f"{float(value):.{places}f}"
    except ValueError:
        return str(value)


def dimension_names(snapshot: dict) -> list[tuple[str, str]]:
    """(code, name in the reader's language) of each dimension, in the framework's order."""
    framework = snapshot["scoring"].get("framework") or {}
    return [
        (d["code"], pick(d["name"].get("zh", ""), d["name"].get("en", "")))
        for d in framework.get("dimensions", [])
    ]


def ballots_filename(snapshot: dict, index: int) -> str:
    return f"BALLOTS-{snapshot['season']['slug']}-{index}.csv"


def _standings(decision: dict) -> dict[str, dict]:
    return {
        s["entry"]: s
        for s in decision.get("standings") or []
        if isinstance(s, dict) and "entry" in s
    }


def _winner(code: str, rows: dict, dims, decision: dict) -> Winner:
    row = rows.get(code, {})
    profile = row.get("dimensions") or {}
    standing = _standings(decision).get(code, {})
    settled = standing.get("settled_by") or ""
    return Winner(
        code=code,
        name=row.get("center") or code,
        organization=pick(row.get("organization_zh", ""), row.get("organization_en", "")),
        place=standing.get("place") or row.get("rank"),
        settled=settled_text(settled, decision.get("dimensions") or []) if settled else "—",
        total=number(row.get("total")),
        dimensions=[(name, number(profile.get(key))) for key, name in dims],
    )


def _statement(value) -> str:
    """How the category was decided, in the reader's language (the count's words)."""
    if isinstance(value, dict):
        return pick(value.get("zh", ""), value.get("en", ""))
    return value or ""


def category_views(snapshot: dict) -> list[CategoryView]:
    """Each category as the page shows it."""
    rows = exports.entry_rows(snapshot)
    dims = dimension_names(snapshot)
    out = []
    for index, part in enumerate(snapshot["categories"], start=1):
        decision = part.get("decision") or {}
        view = CategoryView(
            index=index,
            name=pick(part["name_zh"], part["name_en"]),
            quota=part["quota"],
            special=part["kind"] != "regular",
            awards=[
                {
                    "name": pick(a.get("center_zh", ""), a.get("center_en", ""))
                    or a.get("entry")
                    or "",
                    "code": a.get("entry") or "",
                    "justification": a.get("justification", ""),
                }
                for a in part["special"]
            ],
            ballots=sum(int(b["count"]) for b in part["ballots"]),
            method=part["voting"]["method"],
        )
        if part.get("counted"):
            view.winners = sorted(
                (_winner(code, rows, dims, decision) for code in decision.get("winners") or []),
                key=lambda w: (w.place is None, w.place or 0, w.code),
            )
            view.statement = _statement(decision.get("statement"))
            view.casting = [
                {
                    "order": " > ".join(
                        rows.get(c, {}).get("center") or c for c in t.get("order") or []
                    ),
                    "reason": t.get("reason", ""),
                }
                for t in part.get("casting") or []
            ]
            view.filename = ballots_filename(snapshot, index)
            view.command = exports.tally_command(part, view.filename)
            if exports.poll_of(part) is not None:
                view.poll_filename = exports.poll_filename(view.filename)
        out.append(view)
    return out


def results(request, slug):
    """The published results page (no sign-in); when every publication has been
    withdrawn, a page saying so with the reasons (404 when nothing was ever
    published). Writes nothing."""
    if not control_character(slug):
        season = get_object_or_404(Season, slug=slug)
        withdrawn = published.withdrawn(season)
        if withdrawn and published.live(season) is None:
            return render(
                request,
                "results/public_withdrawn.html",
                {"award": season, "withdrawn": withdrawn},
            )
    season, publication = _publication(slug)
    snapshot = publication.snapshot
    language = "en" if english() else "zh"
    statements = snapshot.get("statements", {}).get(language, {})
    info = snapshot["season"]
    return render(
        request,
        "results/public.html",
        {
            "award": season,
            "slug": season.slug,
            "publication": publication,
            "snapshot": snapshot,
            "award_name": pick(info["name_zh"], info["name_en"]),
            "organizer": pick(info.get("organizer_zh", ""), info.get("organizer_en", "")),
            "categories": category_views(snapshot),
            "dimensions": [name for _k, name in dimension_names(snapshot)],
            "scoring_statement": statements.get("scoring", []),
            "voting_statement": statements.get("voting", []),
            "withdrawn": published.withdrawn(season),
            "score_command": exports.score_command(snapshot),
            "judges": len(snapshot["scoring"].get("judges") or []),
            "scores": len(snapshot["scoring"].get("scores") or []),
            "evidence": bool(snapshot["scoring"].get("evidence")),
        },
    )


def _download(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ballots(request, slug, index: int):
    """A category's published ballots as BALLOTS.csv (the file `ccaward tally` reads)."""
    _season, publication = _publication(slug)
    parts = publication.snapshot["categories"]
    if not 1 <= index <= len(parts) or not parts[index - 1].get("counted"):
        raise Http404
    text = exports.ballots_csv(parts[index - 1])
    return _download(text, exports.CSV_TYPE, ballots_filename(publication.snapshot, index))


def poll(request, slug, index: int):
    """A category's published poll votes as POLL.csv (`ccaward tally --poll`)."""
    _season, publication = _publication(slug)
    parts = publication.snapshot["categories"]
    if not 1 <= index <= len(parts) or exports.poll_of(parts[index - 1]) is None:
        raise Http404
    name = exports.poll_filename(ballots_filename(publication.snapshot, index))
    return _download(exports.poll_csv(parts[index - 1]), exports.CSV_TYPE, name)


def scores(request, slug):
    """The judges' scores under pseudonyms (the file `ccaward score` reads)."""
    _season, publication = _publication(slug)
    return _download(exports.scores_csv(publication.snapshot), exports.CSV_TYPE, "SCORES.csv")


def framework(request, slug):
    _season, publication = _publication(slug)
    text = exports.framework_yaml(publication.snapshot)
    if not text:
        raise Http404
    return _download(text, exports.YAML_TYPE, "FRAMEWORK.yaml")


def snapshot(request, slug):
    """The whole snapshot as canonical JSON: its SHA-256 is the published digest."""
    season, publication = _publication(slug)
    name = f"results-{season.slug}-{publication.number}.json"
    return _download(exports.snapshot_json(publication.snapshot), exports.JSON_TYPE, name)
