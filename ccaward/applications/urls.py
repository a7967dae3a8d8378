from django.urls import path

from ccaward.applications.views import (
    entries,
    entry,
    excel,
    form_texts,
    organization,
    review,
    sections,
)

app_name = "applications"
urlpatterns = [
    path("<slug:slug>/applications/", entries.entry_list, name="list"),
    path("<slug:slug>/applications/new/", entries.start, name="start"),
    path("<slug:slug>/applications/remind/", entries.remind, name="remind"),
    path("<slug:slug>/applications/export.xlsx", excel.export, name="export"),
    path("<slug:slug>/applications/import/", excel.import_entries, name="import"),
    path("<slug:slug>/applications/enterprise/", organization.organization, name="organization"),
    path("<slug:slug>/applications/form/", form_texts.form_sections, name="form"),
    path(
        "<slug:slug>/applications/form/<slug:key>/",
        form_texts.form_section_texts,
        name="form_section",
    ),
    path("<slug:slug>/applications/<int:pk>/", entry.entry_detail, name="entry"),
    path("<slug:slug>/applications/<int:pk>/review/", review.review, name="review"),
    path("<slug:slug>/applications/<int:pk>/autosave/", sections.autosave, name="autosave"),
    path("<slug:slug>/applications/<int:pk>/decide/", entry.decide, name="decide"),
    path("<slug:slug>/applications/<int:pk>/withdraw/", review.withdraw, name="withdraw"),
    path("<slug:slug>/applications/<int:pk>/s/<slug:key>/", sections.section, name="section"),
    path("<slug:slug>/applications/<int:pk>/files/<slug:key>/", sections.upload, name="upload"),
    path(
        "<slug:slug>/applications/<int:pk>/file/<int:file_pk>/",
        sections.file_download,
        name="file",
    ),
    path(
        "<slug:slug>/applications/<int:pk>/file/<int:file_pk>/delete/",
        sections.file_delete,
        name="file_delete",
    ),
]
