"""The kpis app's names and formats derive from the engine's catalogue and mapping folder."""

from __future__ import annotations

import polib
import pytest
from django.utils import translation

from ccaward.core.i18n import LOCALE_DIR
from ccaward.engine import mappings
from ccaward.engine.indicators import INDICATORS
from ccaward.kpis import labels
from ccaward.kpis.forms import ReportedForm, UploadForm
from ccaward.kpis.templatetags.kpi import kpi_label


def test_labels_are_the_catalogue_names_in_the_active_language():
    assert set(labels.LABELS) == set(INDICATORS)
    with translation.override("zh-hans"):
        assert {k: str(v) for k, v in labels.LABELS.items()} == {
            k: i.name_zh for k, i in INDICATORS.items()
        }
        assert kpi_label("acw_s") == "平均话后处理时长"
    with translation.override("en"):
        assert str(labels.LABELS["acw_s"]) == "Average after-contact work"
        assert str(kpi_label("csat_avg")) == "Customer satisfaction (1–5)"
        assert kpi_label("unknown") == "unknown"


def test_the_translation_catalogue_agrees_with_the_catalogue():
    """Where a page still names an indicator through gettext (the monthly figures' model
    fields), the Chinese is the catalogue's."""
    by_english = {i.name_en: i.name_zh for i in INDICATORS.values()}
    po = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    shared = {e.msgid: e.msgstr for e in po if e.msgctxt == "kpi" and e.msgid in by_english}
    assert set(shared) >= {"Offered", "Answered", "Abandoned in queue", "Average handle time"}
    assert shared == {en: by_english[en] for en in shared}


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("offered", 38433, "38,433"),
        ("aht_s", 73.84, "73.8 s"),
        ("csat_avg", 4.214, "4.21"),
        ("nps", 0.12, "+12"),
        ("service_level", 0.8171, "81.7 %"),
        ("attrition_rate", None, "—"),
    ],
)
def test_values_are_shown_by_the_catalogue_display_format(key, value, shown):
    assert labels.display(key, value) == shown


def test_board_and_threshold_choices_derive_from_the_catalogue():
    assert labels.BOARD[:3] == ["answer_rate", "abandon_rate", "service_level"]
    seconds = {"asa_s", "avg_wait_s", "max_wait_s", "aht_s", "talk_s", "hold_s", "acw_s"}
    assert seconds == labels.SECONDS
    keys = [k for k, _ in labels.scored_choices()]
    assert "offered" not in keys and "aht_s" in keys and "attrition_rate" in keys
    assert keys == [k for k, i in INDICATORS.items() if i.direction]


def test_the_reported_figures_form_asks_for_the_reported_indicators_the_records_give():
    with translation.override("en"):
        form = ReportedForm()
        assert list(form.fields) == ["abandon_rate", "aht_s", "acw_s", "fcr_rate", "occupancy"]
        assert str(form.fields["acw_s"].label) == "Average after-contact work"
    assert (form.fields["abandon_rate"].max_value, form.fields["abandon_rate"].help_text) == (
        100,
        "%",
    )
    assert (form.fields["aht_s"].decimal_places, form.fields["aht_s"].help_text) == (1, "s")
    bound = ReportedForm({"abandon_rate": "3.5", "aht_s": "240", "occupancy": ""})
    assert bound.is_valid()
    assert bound.values() == {
        "abandon_rate": 0.035,
        "aht_s": 240.0,
        "acw_s": None,
        "fcr_rate": None,
        "occupancy": None,
    }


def test_the_upload_form_offers_every_mapping_file(tmp_path, monkeypatch):
    with translation.override("zh-hans"):
        choices = list(UploadForm().fields["mapping"].choices)
    assert choices == [
        ("standard", "ccaward 标准格式"),
        ("anonymous_bank_1999_08", "银行 ACD 日志（anonymous_bank_1999_08）"),
        ("asterisk_cdr", "Asterisk 话单（Master.csv，无表头）"),
        ("standard_zh", "ccaward 标准格式（中文表头）"),
    ]
    for path in mappings.MAPPINGS_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "new_acd.yaml").write_text(
        "description: {zh: 新 ACD, en: New ACD}\nidentity: true\n", encoding="utf-8"
    )
    monkeypatch.setattr(mappings, "MAPPINGS_DIR", tmp_path)
    with translation.override("en"):
        form = UploadForm(data={"mapping": "new_acd"}, files={})
        assert ("new_acd", "New ACD") in list(form.fields["mapping"].choices)
    form.is_valid()
    assert "mapping" not in form.errors
