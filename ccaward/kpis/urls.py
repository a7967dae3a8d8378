from django.urls import path

from ccaward.kpis import mapping_views, views

app_name = "kpis"
urlpatterns = [
    path("<slug:slug>/entries/", views.entries, name="entries"),
    path("<slug:slug>/entries/<int:pk>/kpi/", views.entry_kpi, name="entry"),
    path("<slug:slug>/benchmark/", views.board, name="board"),
    path("<slug:slug>/kpi-policy/", views.policy, name="policy"),
    path(
        "<slug:slug>/entries/<int:pk>/kpi/uploads/<int:upload_pk>/mapping/",
        mapping_views.mapping_step,
        name="mapping",
    ),
    path("kpi-data/format/", mapping_views.data_format, name="data_format"),
    path("kpi-data/<str:kind>-<str:language>.csv", mapping_views.data_file, name="data_file"),
]
