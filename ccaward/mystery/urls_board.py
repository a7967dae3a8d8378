"""Mystery calls: board pages (see urls.py)."""

urlpatterns: list = []
