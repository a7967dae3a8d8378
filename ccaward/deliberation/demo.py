"""Demo: deliberation (集中评议) after the reviews (step 55) and site visits (57).

The season's scoring policy is left at its default (calibrated); the secretariat
leaves a few comments in Chinese on the board, and sets the shortlist of the
category with the most ranked entries, with one departure from the ranking and
its reason. The demo's lines name the harsh, the lenient and the compressing judge
of the reviews' demo with the severity and scale the calibration finds for them,
so they can be found on the board's and the reliability page's numbers."""

from __future__ import annotations

from ccaward.core.demo import DemoContext, demo_step
from ccaward.deliberation.domain import comments as panel
from ccaward.deliberation.domain import evaluation as totals
from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.deliberation.domain.ranking import category_ranking, shortlist_line, within
from ccaward.judging.models import Assignment
from ccaward.people.models import User

COMMENTS = (
    "KPI 数据与现场核查基本一致，建议重点讨论其全渠道一致性。",
    "各评委对该参评单位分歧较大，请现场评审的评委补充说明。",
    "申报的接通率高于系统计算值，请数据组复核原始话单。",
)
REASON = "现场评审发现其智能质检覆盖全部渠道，评委会一致同意破格入围。"
STYLES = ("harsh", "lenient", "compressing")


def styled_judges(season) -> list:
    """The reviews' demo judges in the order their styles were given (reviews/demo.py:
    the judges without an account, by pk: harsh, lenient, compressing, then others)."""
    accounts = {e.lower() for e in User.objects.values_list("email", flat=True)}
    judges = {
        p.judge
        for p in Assignment.objects.filter(season=season).select_related("judge")
        if p.judge.user_id is None and p.judge.email.lower() not in accounts
    }
    return sorted(judges, key=lambda j: j.pk)[: len(STYLES)]


def _judge_lines(season, evaluated) -> list[str]:
    effects = {}
    if evaluated.evaluation is not None:
        labels = {j.pk: label for label, j in evaluated.judges.items()}
        found = {e.judge: e for e in evaluated.evaluation.judges}
        effects = {pk: found.get(label) for pk, label in labels.items()}
    lines = []
    for style, judge in zip(STYLES, styled_judges(season), strict=False):
        effect = effects.get(judge.pk)
        numbers = f" (severity {effect.severity:+.2f}, scale {effect.scale:.2f})" if effect else ""
        lines.append(f"{style} judge: {judge.name}{numbers}")
    return lines


def _shortlist(ranking, line):
    """The default shortlist with one departure: the first entry below the line
    added (or, with none below it, the last within it left off), with its reason."""
    listed = shortlists.default_ids(ranking, line)
    below = [row for row in ranking if not within(row.rank, line)]
    moved = below[0].entry.pk if below else listed.pop()
    if below:
        listed.append(moved)
    return listed, {moved: REASON}


@demo_step(60)
def deliberation(ctx: DemoContext) -> None:
    season, by = ctx.season, ctx.users.get("organizer")
    if season is None or by is None:
        return
    evaluated = totals.season_evaluation(season)
    rankings = [(c, category_ranking(evaluated, c)) for c in season.categories.all()]
    rankings = [(c, r) for c, r in rankings if any(row.rank for row in r)]
    if not rankings:
        return
    category, ranking = max(rankings, key=lambda cr: sum(1 for row in cr[1] if row.rank))
    ranked = [row for row in ranking if row.rank]
    for row, text in zip(ranked, COMMENTS, strict=False):
        panel.add_comment(entry=row.entry, text=text, by=by)
    line = shortlist_line(evaluated, category)
    listed, reasons = _shortlist(ranking, line)
    shortlists.set_shortlist(
        category=category,
        listed=listed,
        reasons=reasons,
        by=by,
        base_version=0,
        season_evaluation=evaluated,
    )
    ctx.lines.append(
        f"deliberation: method {evaluated.policy.method}; {min(len(ranked), len(COMMENTS))} "
        f"panel comments; shortlist of {category.name_zh} with one departure"
    )
    ctx.lines.extend(f"deliberation: {text}" for text in _judge_lines(season, evaluated))
