"""Mystery calls: the organizers' board, one contact's cards (with voiding) and
recordings, the Excel export (see urls.py)."""

from django.urls import path

from ccaward.mystery.views import board

urlpatterns = [
    path("<slug:slug>/mystery/", board.board, name="board"),
    path("<slug:slug>/mystery/export.xlsx", board.export, name="board_export"),
    path("<slug:slug>/mystery/contacts/<int:pk>/", board.contact, name="board_contact"),
    path("<slug:slug>/mystery/contacts/<int:pk>/void/", board.void, name="board_void"),
    path("<slug:slug>/mystery/contacts/<int:pk>/unvoid/", board.unvoid, name="board_unvoid"),
    path("<slug:slug>/mystery/recordings/<uuid:uuid>/", board.recording, name="board_recording"),
]
