"""Each entry keeps the summary of its answers' checks beside them; existing rows get theirs."""

from django.db import migrations, models

from ccaward.engine import appform


def fill_summaries(apps, schema_editor):
    Entry = apps.get_model("applications", "Entry")
    ApplicationForm = apps.get_model("applications", "ApplicationForm")
    parsed = {}
    for entry in Entry.objects.exclude(form=None).only("id", "form_id", "answers").iterator():
        if entry.form_id not in parsed:
            form = ApplicationForm.objects.get(pk=entry.form_id)
            parsed[entry.form_id] = appform.load_definition(form.definition)
        result = appform.validate(parsed[entry.form_id], entry.answers or {})
        Entry.objects.filter(pk=entry.pk).update(summary=appform.summarize(result))


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_answers_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="summary",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(fill_summaries, migrations.RunPython.noop),
    ]
