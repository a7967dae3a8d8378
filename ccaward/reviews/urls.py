from django.urls import path

from ccaward.reviews.views import form, lists

app_name = "reviews"
urlpatterns = [
    path("<slug:slug>/reviews/", lists.mine, name="mine"),
    path("<slug:slug>/reviews/progress/", lists.progress, name="progress"),
    path("<slug:slug>/reviews/remind/", lists.remind, name="remind"),
    path("<slug:slug>/reviews/read/<int:pk>/", lists.read, name="read"),
    path("<slug:slug>/reviews/entry/<int:pk>/", form.review_page, name="review"),
    path("<slug:slug>/reviews/entry/<int:pk>/autosave/", form.autosave, name="autosave"),
    path("<slug:slug>/reviews/entry/<int:pk>/submit/", form.submit, name="submit"),
    path("<slug:slug>/reviews/entry/<int:pk>/revise/", form.revise, name="revise"),
]
