from django.urls import path

from ccaward.kpis import views

app_name = "kpis"
urlpatterns = [
    path("<slug:slug>/entries/", views.entries, name="entries"),
    path("<slug:slug>/entries/<int:pk>/kpi/", views.entry_kpi, name="entry"),
    path("<slug:slug>/benchmark/", views.board, name="board"),
    path("<slug:slug>/kpi-policy/", views.policy, name="policy"),
]
