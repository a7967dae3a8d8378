from django.urls import path

from ccaward.applications import views, views_excel

app_name = "applications"
urlpatterns = [
    path("<slug:slug>/applications/", views.entry_list, name="list"),
    path("<slug:slug>/applications/new/", views.start, name="start"),
    path("<slug:slug>/applications/remind/", views.remind, name="remind"),
    path("<slug:slug>/applications/export.xlsx", views_excel.export, name="export"),
    path("<slug:slug>/applications/import/", views_excel.import_entries, name="import"),
    path("<slug:slug>/applications/enterprise/", views.organization, name="organization"),
    path("<slug:slug>/applications/<int:pk>/", views.entry_detail, name="entry"),
    path("<slug:slug>/applications/<int:pk>/review/", views.review, name="review"),
    path("<slug:slug>/applications/<int:pk>/autosave/", views.autosave, name="autosave"),
    path("<slug:slug>/applications/<int:pk>/decide/", views.decide, name="decide"),
    path("<slug:slug>/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/applications/<int:pk>/s/<slug:key>/", views.section, name="section"),
    path("<slug:slug>/applications/<int:pk>/files/<slug:key>/", views.upload, name="upload"),
    path(
        "<slug:slug>/applications/<int:pk>/file/<int:file_pk>/",
        views.file_download,
        name="file",
    ),
    path(
        "<slug:slug>/applications/<int:pk>/file/<int:file_pk>/delete/",
        views.file_delete,
        name="file_delete",
    ),
]
