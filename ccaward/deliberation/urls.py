from ccaward.deliberation.urls_board import urlpatterns as board
from ccaward.deliberation.urls_totals import urlpatterns as totals

app_name = "deliberation"
urlpatterns = totals + board
