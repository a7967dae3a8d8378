"""Mystery calls' pages under the season: setting up and planning
(urls_setup.py), the shopper's own contacts (urls_shopper.py) and the organizers'
board, cards and export (urls_board.py)."""

from ccaward.mystery.urls_board import urlpatterns as board
from ccaward.mystery.urls_setup import urlpatterns as setup
from ccaward.mystery.urls_shopper import urlpatterns as shopper

app_name = "mystery"
urlpatterns = setup + shopper + board
