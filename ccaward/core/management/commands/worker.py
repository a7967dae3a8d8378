"""``worker``: the background worker (django-tasks' ``db_worker``, with the same
options) limited to ``CCAWARD_WORKER_MEMORY_MB`` of memory."""

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from ccaward.core import memory


class Command(DbWorker):
    help = "Run the background worker with its memory limit (CCAWARD_WORKER_MEMORY_MB)."

    def handle(self, *args, **options):
        memory.limit(settings.WORKER_MEMORY_MB)
        return super().handle(*args, **options)
