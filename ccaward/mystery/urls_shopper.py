"""Mystery calls: shopper pages (see urls.py)."""

urlpatterns: list = []
