"""How mystery calls' audit events of setup read (see audit_labels.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "mystery.scenario_saved": Label(
        pgettext_lazy("audit", "Mystery scenario saved"),
        pgettext_lazy("audit", "%(actor)s saved version %(version)s of the scenario %(title)s"),
    ),
    "mystery.scenario_retired": Label(
        pgettext_lazy("audit", "Mystery scenario retired"),
        pgettext_lazy("audit", "%(actor)s retired the scenario %(title)s"),
    ),
    "mystery.contacts_follow_scenario": Label(
        pgettext_lazy("audit", "Planned mystery contacts moved to a scenario's new version"),
        pgettext_lazy(
            "audit", "%(actor)s's change of the scenario %(title)s moved %(count)s planned contacts"
        ),
    ),
    "mystery.contact_moved_begun": Label(
        pgettext_lazy("audit", "Begun mystery contact moved to another shopper"),
        pgettext_lazy(
            "audit",
            "%(actor)s moved the begun contact %(center)s #%(old_number)s from %(from)s to "
            "%(to)s (now #%(number)s): %(reason)s",
        ),
    ),
    "mystery.scorecard_created": Label(
        pgettext_lazy("audit", "Mystery scorecard created"),
        pgettext_lazy(
            "audit", "%(actor)s started the mystery-call scorecard from the default (version 1)"
        ),
    ),
    "mystery.scorecard_uploaded": Label(
        pgettext_lazy("audit", "Mystery scorecard uploaded"),
        pgettext_lazy("audit", "%(actor)s uploaded version %(version)s of the scorecard %(name)s"),
    ),
    "mystery.shopper_added": Label(
        pgettext_lazy("audit", "Mystery shopper added"),
        pgettext_lazy("audit", "%(actor)s added %(name)s to the mystery shoppers"),
    ),
    "mystery.shopper_changed": Label(
        pgettext_lazy("audit", "Mystery shopper changed"),
        pgettext_lazy("audit", "%(actor)s changed the mystery shopper %(name)s"),
    ),
    "mystery.shoppers_synced": Label(
        pgettext_lazy("audit", "Mystery shoppers added from the role"),
        pgettext_lazy("audit", "%(actor)s added %(count)s mystery shoppers: %(names)s"),
    ),
    "mystery.shopper_excluded": Label(
        pgettext_lazy("audit", "Mystery shopper kept from an entry"),
        pgettext_lazy("audit", "%(actor)s kept %(name)s from contacting %(center)s"),
    ),
    "mystery.exclusion_removed": Label(
        pgettext_lazy("audit", "Mystery exclusion removed"),
        pgettext_lazy("audit", "%(actor)s let %(name)s contact %(center)s again"),
    ),
    "mystery.plan_settings_changed": Label(
        pgettext_lazy("audit", "Mystery plan settings changed"),
        pgettext_lazy("audit", "%(actor)s changed the mystery-call plan settings"),
    ),
    "mystery.entry_settings_changed": Label(
        pgettext_lazy("audit", "Mystery plan of an entry changed"),
        pgettext_lazy("audit", "%(actor)s changed the mystery-call plan of %(center)s"),
    ),
    "mystery.planned": Label(
        pgettext_lazy("audit", "Mystery contacts planned"),
        pgettext_lazy(
            "audit",
            "%(actor)s planned %(created)s mystery contacts (%(kept)s kept, %(removed)s replaced)",
        ),
    ),
    "mystery.contact_reassigned": Label(
        pgettext_lazy("audit", "Mystery contact reassigned"),
        pgettext_lazy(
            "audit", "%(actor)s gave mystery contact %(number)s with %(center)s to another shopper"
        ),
    ),
    "mystery.contact_rescheduled": Label(
        pgettext_lazy("audit", "Mystery contact rescheduled"),
        pgettext_lazy("audit", "%(actor)s moved mystery contact %(number)s with %(center)s"),
    ),
    "mystery.second_scorer_added": Label(
        pgettext_lazy("audit", "Mystery second scorer added"),
        pgettext_lazy(
            "audit", "%(actor)s added a second scorer to mystery contact %(number)s with %(center)s"
        ),
    ),
}
