"""Judging's pages, one module per concern: the judge pool, conflicts of
interest (organizers' and a judge's own page), the judging policy."""
