from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from ccaward.people import views
from ccaward.people.forms import EmailLoginForm, ResetPasswordForm

app_name = "people"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="people/login.html",
            authentication_form=EmailLoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(
            template_name="people/password_reset.html",
            email_template_name="people/email/password_reset.txt",
            subject_template_name="people/email/password_reset_subject.txt",
            success_url=reverse_lazy("people:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="people/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="people/password_reset_confirm.html",
            form_class=ResetPasswordForm,
            success_url=reverse_lazy("people:login"),
        ),
        name="password_reset_confirm",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/<int:pk>/delete/", views.delete_token, name="delete_token"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
