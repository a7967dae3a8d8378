from django.urls import path

from ccaward.deliberation.views import board

urlpatterns = [
    path("<slug:slug>/deliberation/board/", board.board, name="board"),
    path(
        "<slug:slug>/deliberation/board/<int:category>/",
        board.board,
        name="board_category",
    ),
    path(
        "<slug:slug>/deliberation/board/entries/<int:pk>/comments/",
        board.comments,
        name="comments",
    ),
    path(
        "<slug:slug>/deliberation/board/comments/<int:pk>/delete/",
        board.delete_comment,
        name="delete_comment",
    ),
]
