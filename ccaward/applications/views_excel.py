"""Excel export and import of applications (being written)."""

from ccaward.core.access import season_view


@season_view("applications.export_entries")
def export(request, season):
    raise NotImplementedError


@season_view("applications.export_entries")
def import_entries(request, season):
    raise NotImplementedError
