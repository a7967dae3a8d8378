# The existing events chained in the order they were written (pk), each season's
# apart, with each chain's head; then one event per place in a chain.

from django.db import migrations, models

from ccaward.engine import hashchain

BATCH = 500


def chain_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChain = apps.get_model("core", "AuditChain")
    db = schema_editor.connection.alias
    heads: dict[str, tuple[int, str]] = {}
    pending = []
    events = AuditEvent.objects.using(db).order_by("pk").values("pk", *hashchain.CONTENT)
    for fields in events.iterator(chunk_size=BATCH):
        key = f"season:{fields['season_id']}" if fields["season_id"] is not None else "global"
        seq, prev = heads.get(key, (0, hashchain.GENESIS))
        digest = hashchain.content_hash(fields, prev)
        heads[key] = (seq + 1, digest)
        pending.append(AuditEvent(pk=fields["pk"], seq=seq + 1, prev_hash=prev, hash=digest))
        if len(pending) >= BATCH:
            AuditEvent.objects.using(db).bulk_update(pending, ["seq", "prev_hash", "hash"])
            pending = []
    AuditEvent.objects.using(db).bulk_update(pending, ["seq", "prev_hash", "hash"])
    AuditChain.objects.using(db).bulk_create(
        AuditChain(key=key, seq=seq, head=head) for key, (seq, head) in heads.items()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_audit_chain'),
    ]

    operations = [
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='auditevent',
            constraint=models.UniqueConstraint(condition=models.Q(('season__isnull', False)), fields=('season', 'seq'), name='audit_event_season_seq'),
        ),
        migrations.AddConstraint(
            model_name='auditevent',
            constraint=models.UniqueConstraint(condition=models.Q(('season__isnull', True)), fields=('seq',), name='audit_event_global_seq'),
        ),
    ]
