"""Mystery calls: the shopper's own contacts and cards (see urls.py)."""

from django.urls import path

from ccaward.mystery.views import shopper

P = "<slug:slug>/mystery/mine/"
urlpatterns: list = [
    path(P, shopper.mine, name="mine"),
    path(f"{P}<int:pk>/", shopper.contact_page, name="my_contact"),
    path(f"{P}<int:pk>/save/", shopper.save, name="my_save"),
    path(f"{P}<int:pk>/autosave/", shopper.autosave, name="my_autosave"),
    path(f"{P}<int:pk>/submit/", shopper.submit, name="my_submit"),
    path(f"{P}<int:pk>/attempt/", shopper.attempt, name="my_attempt"),
    path(f"{P}<int:pk>/attempt/withdraw/", shopper.withdraw_attempt, name="my_attempt_withdraw"),
    path(f"{P}<int:pk>/call/", shopper.call, name="my_call"),
    path(f"{P}<int:pk>/upload/", shopper.upload, name="my_upload"),
    path(f"{P}<int:pk>/notes/", shopper.texts, name="my_notes"),
    path(f"{P}<int:pk>/recordings/<uuid:uuid>/", shopper.recording_file, name="my_recording"),
]
