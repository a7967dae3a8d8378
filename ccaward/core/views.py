from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from ccaward.core.models import Job


def home(request):
    return redirect("seasons:list")


@login_required
def job_status(request, pk):
    """htmx partial: a job's progress bar; it polls itself until the job ends."""
    job = get_object_or_404(Job, pk=pk)
    allowed = job.requested_by_id == request.user.pk or (
        job.season is not None and request.user.has_perm("seasons.change_season", job.season)
    )
    if not allowed:
        raise Http404
    return render(request, "core/_job.html", {"job": job})
