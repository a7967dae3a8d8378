"""A page posted without the script that meets a conflict offers the same choice
as the script's panel: each answer changed elsewhere with both values and "keep
mine" / "take theirs" buttons, server-rendered inside the answers form (so the
choice posts what the person typed), at the top of the fields."""

from __future__ import annotations

import html
import json
import re

import pytest

from ccaward.applications import domain
from ccaward.applications.models import Entry
from tests.applications.test_flow import draft, url  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _hidden(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


def _post(client, entry, values: dict, page: str | None = None, **extra):
    """The section form as a browser posts it: the page's version and bases."""
    data = {"_section": "culture", **values, **extra}
    if page is None:
        data.update({"_version": "0", "_base": "{}"})
    else:
        data.update({"_version": _hidden(page, "_version"), "_base": _hidden(page, "_base")})
    return client.post(url("section", entry, "culture"), data)


def _panel(page: str) -> str:
    start = page.index('id="save-conflicts"')
    return page[start : page.index("</form>", start)]


def test_a_conflict_without_the_script_shows_both_values_and_the_choice(
    draft,  # noqa: F811
    applicant,
    client_en,
):
    c = client_en(applicant)
    domain.save_answers(entry=draft, by=applicant, answers={"culture_mission": "别处保存的"})
    response = _post(c, draft, {"culture_mission": "本页的", "culture_vision": "愿景"})
    assert response.status_code == 409
    page = response.content.decode()
    panel = _panel(page)
    assert "autofocus" in panel and "hidden" not in panel.split(">", 1)[0]
    assert '<dd class="conflict-mine">本页的</dd>' in panel
    assert '<dd class="conflict-theirs">别处保存的</dd>' in panel
    assert 'name="_keep" value="culture_mission"' in panel
    assert 'name="_take" value="culture_vision"' not in panel  # only what is in conflict
    assert 'name="_take" value="culture_mission"' in panel
    # the panel is inside the answers form, after a default button for Enter
    form = page[page.index('id="answers"') :]
    assert form.index('class="default-submit"') < form.index('id="save-conflicts"')
    assert form.index('id="save-conflicts"') < form.index('name="culture_mission"')
    # the fields hold what the person typed; nothing was saved yet
    assert ">本页的</textarea>" in page and ">愿景</textarea>" in page
    assert "culture_vision" not in Entry.objects.get(pk=draft.pk).answers
    # "keep mine": saved over the other value, with the other answer typed
    kept = _post(
        c,
        draft,
        {"culture_mission": "本页的", "culture_vision": "愿景"},
        page,
        _keep="culture_mission",
    )
    assert kept.status_code == 302
    answers = Entry.objects.get(pk=draft.pk).answers
    assert (answers["culture_mission"], answers["culture_vision"]) == ("本页的", "愿景")


def test_take_theirs_keeps_the_stored_value_and_saves_the_rest(
    draft,  # noqa: F811
    applicant,
    client_en,
):
    c = client_en(applicant)
    domain.save_answers(entry=draft, by=applicant, answers={"culture_mission": "别处保存的"})
    page = _post(c, draft, {"culture_mission": "本页的", "culture_vision": "愿景"})
    taken = _post(
        c,
        draft,
        {"culture_mission": "本页的", "culture_vision": "愿景"},
        page.content.decode(),
        _take="culture_mission",
    )
    assert taken.status_code == 302
    answers = Entry.objects.get(pk=draft.pk).answers
    assert (answers["culture_mission"], answers["culture_vision"]) == ("别处保存的", "愿景")


def test_each_conflict_is_chosen_in_turn_and_saving_the_page_asks_again(
    draft,  # noqa: F811
    applicant,
    client_en,
):
    c = client_en(applicant)
    domain.save_answers(
        entry=draft, by=applicant, answers={"culture_mission": "甲", "culture_vision": "乙"}
    )
    mine = {"culture_mission": "我的使命", "culture_vision": "我的愿景"}
    page = _post(c, draft, mine).content.decode()
    assert _panel(page).count('class="conflict"') == 2
    # saving the page as it is does not overwrite either: it asks again
    again = _post(c, draft, mine, page, save="")
    assert again.status_code == 409
    page = again.content.decode()
    # keep mine for the mission: the vision is still to choose
    one = _post(c, draft, mine, page, _keep="culture_mission")
    assert one.status_code == 409
    page = one.content.decode()
    assert _panel(page).count('class="conflict"') == 1
    assert 'name="_take" value="culture_vision"' in _panel(page)
    assert json.loads(_hidden(page, "_base"))["culture_mission"] == "甲"
    assert Entry.objects.get(pk=draft.pk).answers["culture_mission"] == "甲"
    # take theirs for the vision: both choices are carried out
    done = _post(c, draft, mine, page, _take="culture_vision")
    assert done.status_code == 302
    answers = Entry.objects.get(pk=draft.pk).answers
    assert (answers["culture_mission"], answers["culture_vision"]) == ("我的使命", "乙")
