"""Background work of the applications app."""

from django_tasks import task

from ccaward.applications import notify
from ccaward.applications.models import Entry


@task()
def send_notice(kind: str, entry_id: int) -> int:
    entry = (
        Entry.objects.select_related("season", "category", "center__organization")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        return 0
    return notify.send(kind, entry)
