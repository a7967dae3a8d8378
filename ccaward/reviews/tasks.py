"""Background work of reviews: the reminder e-mails."""

from django_tasks import task

from ccaward.core import jobs
from ccaward.judging.models import JudgeProfile
from ccaward.reviews.notify import send_reminder


@task()
def send_reminders(job_id: int, judges: list[int]) -> None:
    """E-mail each judge of `judges` (JudgeProfile ids) their reviews due."""

    def work(report):
        total = len(judges)
        report(0, total)
        sent = 0
        for done, pk in enumerate(judges, start=1):
            judge = JudgeProfile.objects.select_related("season", "user").get(pk=pk)
            sent += send_reminder(judge, judge.season)
            report(done, total, judge.email)
        return {"sent": sent}

    jobs.run(job_id, work)
