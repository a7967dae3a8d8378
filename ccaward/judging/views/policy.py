"""The season's judging policy page (organizers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import pgettext

from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.judging import domain
from ccaward.judging.forms import PolicyForm
from ccaward.judging.views.versioned import Outcome, versioned_save

# the form's fields of each policy field that has other names on the form
FORM_FIELDS = {
    "affinity_weights": ("weight_industry", "weight_channel", "weight_dimension"),
}


def _attach(form: PolicyForm, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        attach(form, exc)
        return
    for name, errors in exc.error_dict.items():
        target = FORM_FIELDS.get(name, (name,))[0]
        form.add_error(target if target in form.fields else None, errors)


def _shown(form: PolicyForm, conflict) -> list[tuple[str, str, str]]:
    """(label, saved now, yours) of each field the two versions differ in."""
    labels = {
        "scale": form.fields["scale"].label,
        "blind": form.fields["blind"].label,
        "recommender_policy": form.fields["recommender_policy"].label,
        "reviewers": form.fields["reviewers"].label,
        "reviewers_by_category": pgettext("judging", "Judges per entry by category"),
        "min_load": form.fields["min_load"].label,
        "max_load": form.fields["max_load"].label,
        "affinity_weights": pgettext("judging", "The affinity formula's weights"),
        "review_deadline": form.fields["review_deadline"].label,
    }
    names = {c.pk: c.name for c in form.categories}

    def text(name, value):
        if value in (None, "", {}):
            return "—"
        if isinstance(value, bool):
            return pgettext("judging", "yes") if value else pgettext("judging", "no")
        if name == "reviewers_by_category":
            return "、".join(f"{names.get(int(k), k)} {v}" for k, v in value.items())
        if name == "affinity_weights":
            return " · ".join(f"{k} {v}" for k, v in value.items())
        choices = (
            dict(form.fields[name].choices) if hasattr(form.fields.get(name), "choices") else {}
        )
        return str(choices.get(value, value))

    return [(labels[n], text(n, stored), text(n, sent)) for n, stored, sent in conflict.rows()]


@season_view("judging.change_policy")
def policy(request, season):
    current = domain.policy_for(season)
    form = PolicyForm(request.POST or None, season=season, initial=PolicyForm.initial_of(current))
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        outcome = versioned_save(
            form,
            lambda: domain.save_policy(
                season=season,
                values=form.values(),
                by=request.user,
                base_version=form.cleaned_data["version"],
            ),
            changed=domain.PolicyChanged,
            on_error=_attach,
        )
        if outcome.saved:
            messages.success(request, pgettext("message", "Judging policy saved."))
            return redirect("judging:policy", season.slug)
    return render(
        request,
        "judging/policy.html",
        {
            "season": season,
            "form": form,
            "policy": current,
            "conflict": outcome.conflict,
            "conflict_rows": _shown(form, outcome.conflict) if outcome.conflict else [],
        },
        status=outcome.status,
    )
