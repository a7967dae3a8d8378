"""Voiding a mystery contact: a reason is required and kept, nothing is deleted,
the audit log has it, only organizers may, and undoing it puts the contact back
as its cards say."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ccaward.core.models import AuditEvent
from ccaward.mystery.domain.voiding import ContactChanged, unvoid_contact, void_contact
from ccaward.mystery.enums import ContactStatus
from ccaward.mystery.models import Card
from ccaward.mystery.scores import entry_results
from tests.factories import make_entry
from tests.mystery.board_helpers import BEST, contact, submit

pytest_plugins = ["tests.mystery.conftest_board"]


@pytest.fixture
def made(season, organizer, category, shoppers, scorecard_v1):
    entry = make_entry(season=season, by=organizer, category=category)
    one = contact(entry, shoppers[0], scorecard_v1)
    submit(one, shoppers[0], BEST)
    return one


def test_a_reason_is_required(made, organizer):
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as exc:
            void_contact(contact=made, reason=reason, by=organizer)
        assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        void_contact(contact=made, reason="x" * 501, by=organizer)
    made.refresh_from_db()
    assert made.status == ContactStatus.DONE


def test_voiding_keeps_the_contact_its_cards_and_the_reason(made, organizer):
    voided = void_contact(contact=made, reason="暗访员认识接线员", by=organizer)
    made.refresh_from_db()
    assert made.status == ContactStatus.VOID
    assert made.void_reason == "暗访员认识接线员"
    assert made.voided_by == organizer and made.voided_at is not None
    assert made.version == voided.version == 2
    assert Card.objects.filter(contact=made).count() == 1
    event = AuditEvent.objects.get(action="mystery.contact_voided")
    assert event.data["reason"] == "暗访员认识接线员" and event.data["status"] == "done"
    assert entry_results(made.season)[made.entry_id].contacts == 0
    with translation.override("en"), pytest.raises(ValidationError, match="voided already"):
        void_contact(contact=made, reason="again", by=organizer)


def test_only_organizers_void(made, shopper, judge):
    for user in (shopper, judge):
        with pytest.raises(PermissionDenied):
            void_contact(contact=made, reason="不是组织者", by=user)


def test_a_version_moved_on_is_refused(made, organizer):
    with pytest.raises(ContactChanged) as exc:
        void_contact(contact=made, reason="旧版本", by=organizer, base_version=0)
    assert exc.value.version == 1
    assert exc.value.rows() == [("status", "done", "void"), ("void_reason", "", "旧版本")]
    made.refresh_from_db()
    assert made.status == ContactStatus.DONE


def test_undoing_puts_the_contact_back_as_its_cards_say(made, organizer, shoppers, scorecard_v1):
    void_contact(contact=made, reason="误作废", by=organizer)
    with pytest.raises(ValidationError):
        unvoid_contact(contact=made, reason="", by=organizer)
    back = unvoid_contact(contact=made, reason="核实后恢复", by=organizer)
    assert back.status == ContactStatus.DONE and back.void_reason == ""
    event = AuditEvent.objects.get(action="mystery.contact_unvoided")
    assert event.data["voided_for"] == "误作废" and event.data["reason"] == "核实后恢复"
    assert entry_results(made.season)[made.entry_id].contacts == 1
    planned = contact(made.entry, shoppers[1], scorecard_v1)
    void_contact(contact=planned, reason="计划调整", by=organizer)
    assert unvoid_contact(contact=planned, reason="恢复", by=organizer).status == "planned"
    with translation.override("en"), pytest.raises(ValidationError, match="not voided"):
        unvoid_contact(contact=planned, reason="恢复", by=organizer)
