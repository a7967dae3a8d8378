"""Mystery calls: setup pages (see urls.py)."""

urlpatterns: list = []
