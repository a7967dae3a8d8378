"""How judging's audit events and jobs read."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "judging.policy.changed": Label(
        pgettext_lazy("audit", "Judging policy changed"),
        pgettext_lazy("audit", "%(actor)s changed the judging policy: %(fields)s"),
    ),
    "judging.judge.added": Label(
        pgettext_lazy("audit", "Judge added to the pool"),
        pgettext_lazy("audit", "%(actor)s added %(name)s (%(email)s) to the judge pool"),
    ),
    "judging.judge.changed": Label(
        pgettext_lazy("audit", "Judge's profile changed"),
        pgettext_lazy("audit", "%(actor)s changed the profile of %(name)s: %(fields)s"),
    ),
    "judging.judge.self_changed": Label(
        pgettext_lazy("audit", "Judge corrected their profile"),
        pgettext_lazy("audit", "%(actor)s corrected their own judge profile: %(fields)s"),
    ),
    "judging.judge.removed": Label(
        pgettext_lazy("audit", "Judge removed from the pool"),
        pgettext_lazy("audit", "%(actor)s removed %(name)s (%(email)s) from the judge pool"),
    ),
    "judging.judges.imported": Label(
        pgettext_lazy("audit", "Judges imported"),
        pgettext_lazy("audit", "%(actor)s imported judges: %(added)s added, %(updated)s updated"),
    ),
    "judging.judges.invited": Label(
        pgettext_lazy("audit", "Judges invited"),
        pgettext_lazy("audit", "%(actor)s invited %(count)s judges: %(emails)s"),
    ),
    "judging.conflicts.detected": Label(
        pgettext_lazy("audit", "Conflicts of interest looked for"),
        pgettext_lazy(
            "audit",
            "%(actor)s looked for conflicts of interest: %(added)s new, %(restated)s updated, "
            "%(cleared)s no longer found, %(kept)s decisions kept",
        ),
    ),
    "judging.conflict.declared": Label(
        pgettext_lazy("audit", "Conflict of interest declared"),
        pgettext_lazy(
            "audit", "%(actor)s declared a conflict of interest with %(center)s: %(reason)s"
        ),
    ),
    "judging.conflict.withdrawn": Label(
        pgettext_lazy("audit", "Declaration withdrawn"),
        pgettext_lazy("audit", "%(actor)s withdrew their conflict of interest with %(center)s"),
    ),
    "judging.conflict.confirmed": Label(
        pgettext_lazy("audit", "Conflict of interest confirmed"),
        pgettext_lazy(
            "audit",
            "%(actor)s confirmed the conflict of interest of %(judge)s with %(center)s: %(reason)s",
        ),
    ),
    "judging.conflict.dismissed": Label(
        pgettext_lazy("audit", "Conflict of interest dismissed"),
        pgettext_lazy(
            "audit",
            "%(actor)s dismissed the conflict of interest of %(judge)s with %(center)s: %(reason)s",
        ),
    ),
    "judging.assignment.run": Label(
        pgettext_lazy("audit", "Judge assignment solved"),
        pgettext_lazy("audit", "%(actor)s ran the judge assignment: %(pairs)s pairs proposed"),
    ),
    "judging.assignment.applied": Label(
        pgettext_lazy("audit", "Judge assignment applied"),
        pgettext_lazy(
            "audit",
            "%(actor)s applied the judge assignment: %(added)s pairs added, %(removed)s removed",
        ),
    ),
    "judging.assignment.locked": Label(
        pgettext_lazy("audit", "Assigned judge locked"),
        pgettext_lazy("audit", "%(actor)s locked %(judge)s on %(center)s"),
    ),
    "judging.assignment.unlocked": Label(
        pgettext_lazy("audit", "Assigned judge unlocked"),
        pgettext_lazy("audit", "%(actor)s unlocked %(judge)s on %(center)s"),
    ),
    "judging.assignment.added": Label(
        pgettext_lazy("audit", "Judge assigned by hand"),
        pgettext_lazy("audit", "%(actor)s assigned %(judge)s to %(center)s by hand"),
    ),
    "judging.assignment.removed": Label(
        pgettext_lazy("audit", "Assigned judge removed"),
        pgettext_lazy("audit", "%(actor)s removed %(judge)s from %(center)s"),
    ),
}

JOB_TEXTS = {
    "judging.invite_judges": pgettext_lazy("job", "Invite %(n)s judges"),
}
