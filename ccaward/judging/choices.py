"""What a judge's expertise is chosen from: the industries of ContactCenter.industry,
the service channels of the application form (seed 003's 服务渠道, so a judge's
channels meet an entry's answers) with video, and the dimensions of the season's
framework version in force."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from ccaward.applications.enums import Industry

# the application form's service_channels options (form_default.yaml), and video
CHANNELS = (
    ("voice", pgettext_lazy("channel", "Telephone / voice")),
    ("web_chat", pgettext_lazy("channel", "Online / web chat")),
    ("app", pgettext_lazy("channel", "Mobile app")),
    ("social", pgettext_lazy("channel", "WeChat / social media")),
    ("email", pgettext_lazy("channel", "E-mail")),
    ("video", pgettext_lazy("channel", "Video")),
    ("sms", pgettext_lazy("channel", "SMS")),
)


def industries() -> list[tuple[str, object]]:
    return list(Industry.choices)


def channels() -> list[tuple[str, object]]:
    return list(CHANNELS)


def dimensions(season) -> list[tuple[str, str]]:
    """(code, name) of the dimensions of the season's framework version in force."""
    version = season.current_framework()
    if version is None:
        return []
    return [(d.code, d.localized("name")) for d in version.dimensions.all()]


def dimensions_all_languages(season) -> list[tuple[str, str]]:
    """(code, name) with both names, for reading a dimension given in either language."""
    version = season.current_framework()
    if version is None:
        return []
    out = []
    for d in version.dimensions.all():
        out += [(d.code, d.name_zh), (d.code, d.name_en or d.name_zh)]
    return out
