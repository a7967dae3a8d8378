from django.urls import path

from ccaward.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("<slug:slug>/recommendations/", views.recommendation_list, name="list"),
    path("<slug:slug>/recommendations/new/", views.recommendation_create, name="create"),
    path("<slug:slug>/recommendations/<int:pk>/invite/", views.invite, name="invite"),
]
