"""Demo: the demo people (one per role), created once and reused by later runs."""

from __future__ import annotations

from ccaward.core.demo import DEMO_PASSWORD, DEMO_USERS, DemoContext, demo_step
from ccaward.people import domain
from ccaward.people.models import User


@demo_step(10)
def users(ctx: DemoContext) -> None:
    for email, name, role, language in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = domain.create_user(
                email=email,
                password=DEMO_PASSWORD,
                name=name,
                language=language,
                can_create_seasons=(role == "organizer"),
            )
        ctx.users[role] = user
