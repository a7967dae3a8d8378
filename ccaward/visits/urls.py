from django.urls import path

from ccaward.visits import views

app_name = "visits"
urlpatterns = [
    path("<slug:slug>/visits/", views.visit_list, name="list"),
    path("<slug:slug>/visits/new/", views.schedule, name="new"),
    path("<slug:slug>/visits/<int:pk>/", views.visit_detail, name="detail"),
    path("<slug:slug>/visits/<int:pk>/edit/", views.change, name="edit"),
    path("<slug:slug>/visits/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/visits/<int:pk>/done/", views.finish, name="finish"),
    path("<slug:slug>/visits/<int:pk>/photos/<uuid:photo_id>/", views.photo, name="photo"),
]
