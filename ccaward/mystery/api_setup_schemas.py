"""The schemas of the mystery-call setup API (api_setup.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from ccaward.core.apitypes import RowId
from ccaward.mystery.domain import cards, plansettings, scenarios, shoppers
from ccaward.mystery.enums import Channel, ContactStatus, Slot
from ccaward.mystery.models import REASON_MAX, TEXT_MAX, TITLE_MAX

VERSION = Field(
    None, ge=0, le=2**31 - 1, description="The version read: 409 conflict when it moved on."
)


class ScenarioIn(Schema):
    title: str = Field("", max_length=TITLE_MAX)
    story: str = Field("", max_length=TEXT_MAX)
    questions: str = Field("", max_length=TEXT_MAX)
    answer_points: list[str] = Field(default_factory=list, max_length=scenarios.POINTS_MAX)
    industry: str = Field("", max_length=scenarios.INDUSTRY_MAX)
    category: RowId | None = Field(None, description="A category's id; null: every category.")
    channels: list[Channel] = Field(default_factory=list, max_length=5, description="Empty: any.")
    base_version: int | None = VERSION


class ScenarioOut(Schema):
    key: str
    version: int
    title: str
    story: str
    questions: str
    answer_points: list[str]
    industry: str
    category: int | None
    channels: list[str]
    retired: bool
    created_at: dt.datetime
    moved_contacts: int = Field(
        0, description="Planned contacts not yet begun moved to this version by this write."
    )


class ScorecardIn(Schema):
    source: str = Field(max_length=cards.SOURCE_MAX, description="The card as YAML.")
    note: str = Field("", max_length=REASON_MAX)
    base_version: int | None = VERSION


class ScorecardOut(Schema):
    version: int
    saved: bool = Field(description="False: the shipped default, not yet made version 1.")
    definition: dict
    source: str


class ShopperIn(Schema):
    name: str = Field("", max_length=100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    employer: str = Field("", max_length=200)
    former_employers: list[str] = Field(default_factory=list, max_length=shoppers.NAMES_MAX)
    affiliations: list[str] = Field(default_factory=list, max_length=shoppers.NAMES_MAX)
    max_load: int | None = Field(None, ge=0, le=shoppers.LOAD_MAX)
    active: bool = True
    base_version: int | None = VERSION


class BlockedOut(Schema):
    entry: int
    reason: str


class ShopperOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    employer: str
    former_employers: list[str]
    affiliations: list[str]
    max_load: int | None
    active: bool
    has_account: bool
    version: int
    load: int
    blocked: list[BlockedOut] = Field(description="The entries they may not contact, and why.")


class EntryPlanOut(Schema):
    entry: int
    center: str
    contacts: int
    channels: list[str]
    claims_24x7: bool
    targets: dict[str, str]
    overridden: list[str]


class PlanSettingsIn(Schema):
    contacts_per_entry: int = Field(ge=0, le=plansettings.CONTACTS_MAX)
    channels: list[Channel] = Field(min_length=1, max_length=5)
    starts_on: dt.date
    ends_on: dt.date
    holidays: list[dt.date] = Field(default_factory=list, max_length=plansettings.DAYS_MAX)
    workdays: list[dt.date] = Field(default_factory=list, max_length=plansettings.DAYS_MAX)
    seed: int = Field(0, ge=0, le=2**31 - 1)
    max_per_pair: int | None = Field(None, ge=1, le=plansettings.CONTACTS_MAX)
    base_version: int | None = VERSION


class EntrySettingsIn(Schema):
    contacts: int | None = Field(None, ge=0, le=plansettings.CONTACTS_MAX)
    channels: list[Channel] = Field(default_factory=list, max_length=5)
    claims_24x7: bool | None = Field(None, description="Null: from the application.")
    targets: dict[Channel, str] = Field(default_factory=dict, max_length=5)
    base_version: int | None = VERSION


class PlanOut(Schema):
    contacts_per_entry: int
    channels: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    holidays: list[str]
    workdays: list[str]
    seed: int
    max_per_pair: int | None
    version: int = Field(description="0 until saved; send it back as base_version.")
    entries: list[EntryPlanOut]


class PlanRunOut(Schema):
    created: int
    kept: int
    removed: int
    loads: dict[str, int] = Field(description="Shopper id -> contacts.")


class ContactOut(Schema):
    id: int
    entry: int
    center: str
    number: int
    planned_on: dt.date | None
    slot: Slot
    channel: Channel
    target: str
    shopper: int | None
    shopper_name: str
    scenario: str | None = Field(description="The scenario's key and version (key@v).")
    scorecard_version: int | None
    status: ContactStatus
    adjusted: bool
    version: int


class ShopperChoiceIn(Schema):
    shopper: RowId
    base_version: int | None = VERSION


class RescheduleIn(Schema):
    planned_on: dt.date
    slot: Slot
    base_version: int | None = VERSION
