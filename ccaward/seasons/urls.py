from django.urls import path

from ccaward.people import views as people_views
from ccaward.seasons import framework_views, views

app_name = "seasons"
urlpatterns = [
    path("", views.season_list, name="list"),
    path("new/", views.season_create, name="create"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/edit/", views.season_edit, name="edit"),
    path("<slug:slug>/stages/", views.stages, name="stages"),
    path("<slug:slug>/stages/<str:kind>/override/", views.stage_override, name="stage_override"),
    path("<slug:slug>/categories/", views.categories, name="categories"),
    path("<slug:slug>/categories/new/", views.category_edit, name="category_create"),
    path("<slug:slug>/categories/<int:pk>/", views.category_edit, name="category_edit"),
    path("<slug:slug>/categories/<int:pk>/delete/", views.category_delete, name="category_delete"),
    path("<slug:slug>/framework/", views.framework, name="framework"),
    path("<slug:slug>/framework/total/", framework_views.check, name="framework_total"),
    path("<slug:slug>/framework/v<int:number>/", views.framework_version, name="framework_version"),
    path("<slug:slug>/audit/", views.audit, name="audit"),
    path("<slug:slug>/jobs/", views.jobs, name="jobs"),
    path("<slug:slug>/people/", people_views.people, name="people"),
    path("<slug:slug>/people/roles/<int:pk>/revoke/", people_views.revoke_role, name="revoke_role"),
    path(
        "<slug:slug>/people/invitations/<int:pk>/revoke/",
        people_views.revoke_invitation,
        name="revoke_invitation",
    ),
]
