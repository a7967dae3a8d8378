from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ccaward.people.enums import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("can_create_seasons", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account; one e-mail address is one person. Roles are per season."""

    email = models.EmailField(pgettext_lazy("field", "E-mail"), unique=True)
    name = models.CharField(pgettext_lazy("field", "Name"), max_length=150, blank=True)
    language = models.CharField(
        pgettext_lazy("field", "Language"),
        max_length=10,
        choices=[("zh-hans", "简体中文"), ("en", "English")],
        default="zh-hans",
    )
    can_create_seasons = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email


class SeasonRole(models.Model):
    season = models.ForeignKey("seasons.Season", on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="season_roles")
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["season", "user", "role"], name="season_role_unique")
        ]

    def __str__(self):
        return f"{self.user} {self.role} @ {self.season_id}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An e-mailed link that grants a role in a season to whoever opens it
    with that address. Only the token's hash is stored."""

    season = models.ForeignKey(
        "seasons.Season", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=32, choices=Role.choices)
    language = models.CharField(max_length=10, default="zh-hans")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # an enterprise's invitation to a colleague: accepting it makes them a member
    organization = models.ForeignKey(
        "applications.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.role})"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, _hash(token)

    @classmethod
    def by_token(cls, token: str) -> Invitation | None:
        return cls.objects.select_related("season").filter(token_hash=_hash(token)).first()

    @property
    def is_pending(self) -> bool:
        return not self.accepted_at and not self.revoked_at and self.expires_at > timezone.now()


class ApiToken(models.Model):
    """A personal API token (Authorization: Bearer ...). Only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # None: the token never expires
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @staticmethod
    def new_token() -> tuple[str, str]:
        """A new plain token and its hash (people.domain.issue_token stores the hash)."""
        token = "cca_" + secrets.token_urlsafe(32)
        return token, _hash(token)

    @classmethod
    def find(cls, token: str) -> ApiToken | None:
        """The token with this plain value, expired or not."""
        return cls.objects.select_related("user").filter(token_hash=_hash(token)).first()

    @classmethod
    def authenticate(cls, token: str) -> User | None:
        """The token's active user, or None (unknown, expired, or the user inactive)."""
        obj = cls.find(token)
        if obj is None or obj.expired or not obj.user.is_active:
            return None
        cls.objects.filter(pk=obj.pk).update(last_used_at=timezone.now())
        return obj.user
