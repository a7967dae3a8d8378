"""Background work of the people app."""

from django_tasks import task

from ccaward.core import jobs
from ccaward.people.domain import send_invitation
from ccaward.people.models import Invitation


@task()
def send_invitations(job_id: int, pairs: list[list]) -> None:
    """Send invitation e-mails, reporting progress on the job.

    `pairs` holds [invitation id, token]; the plain token exists only in this
    queued task and in the e-mail.
    """

    def work(report):
        total = len(pairs)
        report(0, total)
        for done, (inv_id, token) in enumerate(pairs, start=1):
            invitation = Invitation.objects.select_related("season", "invited_by").get(pk=inv_id)
            send_invitation(invitation, token)
            report(done, total, invitation.email)
        return {"sent": total}

    jobs.run(job_id, work)
