"""`ccaward recommend`: record an expert recommendation as a person of the season,
under the rules of the pages and the API: the person must recommend in the
season (a judge or an organizer), and 专家推荐 must be open unless an organizer
corrects (the audit log notes it).

ccaward recommend SEASON --as EMAIL --category ID|NAME --center NAME --organization NAME
                  --contact NAME --contact-email EMAIL [--contact-phone PHONE] --reason TEXT

Prints the new recommendation. A refusal prints ``ccaward recommend: error: ...``,
records nothing and exits with status 2.
"""

from __future__ import annotations

import argparse

from ccaward.cli_setup import Refused, add_person_argument, person, run_refusable
from ccaward.engine.text import control_character

PROG = "ccaward recommend"
# the options whose text is stored; only the reason may span lines
TEXT_OPTIONS = ("center", "organization", "contact", "contact_email", "contact_phone", "reason")


def add_parser(subparsers) -> None:
    """Add the `recommend` subcommand."""
    p = subparsers.add_parser(
        "recommend",
        help="record an expert recommendation as a judge or organizer of a season",
        description=(__doc__ or "").split("\n\nPrints")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("season", help="the season's slug")
    add_person_argument(p, help="e-mail of the person recommending")
    p.add_argument("--category", required=True, help="the category's id or name")
    p.add_argument("--center", required=True, help="the contact center's name")
    p.add_argument("--organization", required=True, help="the enterprise's name")
    p.add_argument("--contact", required=True, help="the contact person")
    p.add_argument("--contact-email", required=True, help="where the invitation would go")
    p.add_argument("--contact-phone", default="", help="the contact's phone")
    p.add_argument("--reason", required=True, help="why (at most 2,000 characters)")
    p.set_defaults(func=run)


def _problems(exc) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


def _control_character(args) -> str | None:
    """A refusal naming the first option whose text holds a control character."""
    for name in TEXT_OPTIONS:
        found = control_character(getattr(args, name) or "", multiline=name == "reason")
        if found:
            option = "--" + name.replace("_", "-")
            return (
                f"{option}: the text holds a control character ({found}) that cannot be "
                "stored; remove it (it may have come with pasted text)."
            )
    return None


def run(args) -> int:
    """Record the recommendation (in English): 0, or 2 with the reason."""
    return run_refusable(PROG, lambda: _recommend(args), language="en")


def _recommend(args) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404

    from ccaward.core import access
    from ccaward.recommendations import domain
    from ccaward.seasons.models import Season

    if refused := _control_character(args):
        raise Refused(refused)
    season = Season.objects.filter(slug=args.season).first()
    if season is None:
        raise Refused(f"no season {args.season!r}")
    user = person(args.email)
    if user is None:
        raise Refused(f"no active user {args.email!r}")
    try:
        access.season_for(user, season.slug, "recommendations.view")
        access.check(user, "recommendations.recommend", season)
        category = domain.season_category(season, args.category.strip())
        rec = domain.recommend(
            season=season,
            by=user,
            category=category,
            center_name=args.center,
            organization_name=args.organization,
            contact_name=args.contact,
            contact_email=args.contact_email,
            contact_phone=args.contact_phone,
            reason=args.reason,
        )
    except (Http404, PermissionDenied):
        raise Refused(f"{user.email} may not recommend in {season.slug}") from None
    except ValidationError as exc:
        raise Refused(_problems(exc)) from None
    print(
        f"{season.slug}: recommendation {rec.pk} recorded: {rec.center_name} → {category.name_zh}"
    )
