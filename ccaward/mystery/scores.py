"""A season's mystery-call scores (电话暗访得分), read without writing: every
submitted card of a contact that is not voided, scored by the engine under the
card's own scorecard version (engine.mystery.score), and each entry's results
(engine.mystery.aggregate: mean, group breakdown, mean of the reached contacts,
spread, consistency for 一致性, the shoppers' agreement where two scored one
contact). Voided contacts are counted per entry, never scored.

A card is scored again from its answers on every read rather than from the
total stored at submission, so its items' points (for agreement and the export)
and its total always come from the same rules. A card whose answers the engine
refuses (a scorecard changed under a draft) is left out and reported in
`problems`.

Three queries per season, whatever the number of cards (one without cards)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ccaward.engine.mystery import (
    AnswerError,
    ContactScore,
    EntryResult,
    Scorecard,
    ScorecardError,
    entry_result,
    load_scorecard,
    score_contact,
)
from ccaward.engine.mystery import Contact as EngineContact
from ccaward.engine.mystery.evidence import season_evidence
from ccaward.mystery.domain.cards import definition_of
from ccaward.mystery.enums import CardStatus, ContactStatus
from ccaward.mystery.models import Card, Contact, ScorecardVersion


@dataclass(frozen=True)
class CardRow:
    """A submitted card with its engine score and the scorecard it was scored on."""

    card: Card
    score: ContactScore
    scorecard: Scorecard


@dataclass
class SeasonScores:
    rows: list[CardRow] = field(default_factory=list)
    voided: dict[int, int] = field(default_factory=dict)  # entry id -> voided contacts
    problems: list[str] = field(default_factory=list)  # cards left out, "card N: why"


def attempts_of(card: Card) -> tuple[str, ...]:
    """The card's unanswered attempts as the engine takes them (their times)."""
    out = []
    for attempt in card.attempts or []:
        at = attempt.get("at", "") if isinstance(attempt, dict) else attempt
        out.append(str(at))
    return tuple(out)


def reached_of(card: Card, contact: Contact) -> bool:
    """Whether the shopper got through: the card's answer, else the contact's state."""
    if card.reached is not None:
        return bool(card.reached)
    return contact.status != ContactStatus.UNREACHABLE


def engine_contact(card: Card, contact: Contact) -> EngineContact:
    """The card as the engine scores it (module docstring of engine/mystery/score.py)."""
    return EngineContact(
        id=str(contact.pk),
        entry=str(contact.entry_id),
        shopper=str(card.shopper_id),
        answers=dict(card.answers or {}),
        reached=reached_of(card, contact),
        attempts=attempts_of(card),
        void=(contact.void_reason or "void") if contact.status == ContactStatus.VOID else "",
    )


def scorecards(season) -> dict[int, Scorecard | None]:
    """The season's scorecard versions read by the engine (None: refused)."""
    out: dict[int, Scorecard | None] = {}
    rows = ScorecardVersion.objects.filter(season=season).only(
        "pk", "version", "definition", "source"
    )
    for row in rows:
        try:
            out[row.pk] = load_scorecard(definition_of(row))
        except ScorecardError:
            out[row.pk] = None
    return out


def submitted_cards(season, *, include_voided: bool = False, entry=None):
    """The submitted cards of the season's contacts (those of voided contacts only
    with `include_voided`; of one `entry`'s when given), with their contact, entry
    and shopper, in contact and role order."""
    cards = Card.objects.filter(contact__season=season, status=CardStatus.SUBMITTED)
    if entry is not None:
        cards = cards.filter(contact__entry=entry)
    if not include_voided:
        cards = cards.exclude(contact__status=ContactStatus.VOID)
    return cards.select_related(
        "contact__entry__center", "contact__entry__category", "shopper"
    ).order_by("contact__entry_id", "contact__number", "role", "pk")


def voided_counts(season, entry=None) -> dict[int, int]:
    counts: dict[int, int] = {}
    voided = Contact.objects.filter(season=season, status=ContactStatus.VOID)
    if entry is not None:
        voided = voided.filter(entry=entry)
    for entry_id in voided.values_list("entry_id", flat=True):
        counts[entry_id] = counts.get(entry_id, 0) + 1
    return counts


def season_scores(
    season, *, voided: bool = True, include_voided: bool = False, entry=None
) -> SeasonScores:
    """Every submitted card of a contact not voided (with `include_voided`, of voided
    ones too, marked void for the engine, which leaves them out of an entry's
    results), scored (module docstring); with `voided`, the voided contacts counted
    per entry. Only `entry`'s when given. No scorecard is read when there is no card."""
    out = SeasonScores(voided=voided_counts(season, entry) if voided else {})
    submitted = list(submitted_cards(season, include_voided=include_voided, entry=entry))
    cards = scorecards(season) if submitted else {}
    for card in submitted:
        contact = card.contact
        scorecard = cards.get(card.scorecard_id or contact.scorecard_id)
        if scorecard is None:
            out.problems.append(f"card {card.pk}: no usable scorecard")
            continue
        try:
            score = score_contact(scorecard, engine_contact(card, contact))
        except AnswerError as exc:
            out.problems.append(f"card {card.pk}: {'; '.join(exc.problems)}")
            continue
        out.rows.append(CardRow(card=card, score=score, scorecard=scorecard))
    return out


def card_rows(season) -> list[CardRow]:
    """Each submitted card of a contact not voided, with its engine score."""
    return season_scores(season).rows


def results_of(scores: SeasonScores) -> dict[int, EntryResult]:
    """{entry id: EntryResult} of the entries with scored cards or voided contacts."""
    by_entry: dict[int, list[ContactScore]] = {}
    for row in scores.rows:
        by_entry.setdefault(row.card.contact.entry_id, []).append(row.score)
    out = {}
    for entry_id in sorted(set(by_entry) | set(scores.voided)):
        result = entry_result(str(entry_id), by_entry.get(entry_id, []))
        out[entry_id] = replace(result, voided=scores.voided.get(entry_id, 0))
    return out


def entry_results(season) -> dict[int, EntryResult]:
    """{entry id: engine EntryResult} (module docstring)."""
    return results_of(season_scores(season))


def framework_evidence(season, framework, *, entries: list[str], criteria: list[str]):
    """The season's mystery evidence for the totals: (engine.scoring Contacts or
    None, {entry label: {criterion: {"mystery": 0..100}}}) of `entries` (labels:
    Entry pks as strings, the score table's order) and the table's `criteria`
    (engine.mystery.evidence.season_evidence)."""
    scores = [row.score for row in season_scores(season, voided=False).rows]
    return season_evidence(scores, framework, entries=entries, criteria=criteria)


def scorecard_of(card: Card) -> Scorecard | None:
    """The engine's reading of the scorecard version `card` is scored on."""
    row = card.scorecard or card.contact.scorecard
    if row is None:
        return None
    try:
        return load_scorecard(definition_of(row))
    except ScorecardError:
        return None


def score_card(card: Card, scorecard: Scorecard | None) -> ContactScore | None:
    """One submitted card's engine score (None: a draft, or answers refused)."""
    if scorecard is None or card.status != CardStatus.SUBMITTED:
        return None
    try:
        return score_contact(scorecard, engine_contact(card, card.contact))
    except AnswerError:
        return None
