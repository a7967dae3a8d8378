"""The demo's mystery calls: every competing entry planned, the first entries'
contacts made through the shopper's operations (some could not get through, some
outside their slot), one contact scored by two shoppers with its recording, and
the board and the totals reading them."""

from __future__ import annotations

from ccaward.applications.enums import COMPETING
from ccaward.deliberation.domain.inputs import season_inputs
from ccaward.mystery import board
from ccaward.mystery.demo import MADE_ENTRIES
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole
from ccaward.mystery.models import Card, Contact, Recording


def test_the_demo_plans_and_makes_contacts(demo_season):
    season = demo_season.season
    competing = season.entries.filter(status__in=COMPETING).count()
    contacts = Contact.objects.filter(season=season)
    assert contacts.count() == 3 * competing
    made = contacts.exclude(status=ContactStatus.PLANNED)
    assert made.count() == 3 * MADE_ENTRIES
    assert contacts.filter(status=ContactStatus.UNREACHABLE).count() == 2
    cards = Card.objects.filter(contact__season=season, status=CardStatus.SUBMITTED)
    assert cards.filter(out_of_slot=True).count() == 2
    [second] = cards.filter(role=ScorerRole.SECOND)
    assert Recording.objects.filter(card__contact=second.contact).count() == 1
    data = board.board(season)
    assert data.total.done + data.total.unreachable == 3 * MADE_ENTRIES
    assert data.scored == 3 * MADE_ENTRIES and not data.scores.problems
    results = [r.result for r in data.entries if r.result is not None]
    assert len(results) == MADE_ENTRIES
    assert len({r.mean for r in results}) == MADE_ENTRIES  # entries differ
    [paired] = [r for r in results if r.agreement.pairs]
    assert paired.agreement.alpha is not None and paired.agreement.alpha < 1


def test_the_demo_totals_take_the_mystery_calls(demo_season):
    inputs = season_inputs(demo_season.season)
    assert inputs.mystery is True
    # 质量绩效 and 服务印象 of each of an entry's three contacts
    assert len(inputs.contacts.score) == 2 * 3 * MADE_ENTRIES
