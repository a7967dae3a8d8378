"""Demo enterprises, centers and entries across the industries of the award.

Every entry has answers to the season's application form (see sample.py):
submitted ones are complete, with a small PNG for each required file question,
and pass the form's checks; drafts are part-way through. Two entries are
deliberate possible duplicates of others, for the organizer's duplicate flag.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from ccaward.applications import domain
from ccaward.applications.demo.centers import CENTERS
from ccaward.applications.demo.more_centers import DUPLICATES, MORE_CENTERS
from ccaward.applications.demo.sample import sample_answers
from ccaward.applications.models import Entry
from ccaward.core.demo import DemoContext, demo_step
from ccaward.engine.ids import CREDIT_ALPHABET, CREDIT_WEIGHTS

DEMO_SEED = 2026


def demo_credit_code(n: int) -> str:
    """A well-formed (check character included) but fictitious credit code."""
    body = f"91310000MA1{n:06d}"[:17]
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


def demo_png() -> bytes:
    """A real 2×2 PNG (what a scanned seal stands in for in the demo)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\x00" + bytes((200, 30, 30) * 2) for _ in range(2))  # red, like a seal
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def demo_pdf() -> bytes:
    """A real one-page, empty PDF (for a required file question that takes no PNG)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_upload(field) -> SimpleUploadedFile | None:
    """A small real file of a kind the file question accepts."""
    if "png" in field.accept:
        return SimpleUploadedFile(f"{field.key}.png", demo_png(), "image/png")
    if "pdf" in field.accept:
        return SimpleUploadedFile(f"{field.key}.pdf", demo_pdf(), "application/pdf")
    return None


def submit_demo_entry(entry: Entry, *, by, at: dt.datetime) -> None:
    """Submit a filled demo draft the way `domain.submit` does, minus its clock and
    its e-mail: the answers must pass every check of the form."""
    result = domain.validation(entry)
    if not result.ok:
        raise RuntimeError(f"demo entry {entry.center.name} does not validate: {result.problems}")
    domain.record_submission(entry=entry, result=result, by=by, at=at)


@demo_step(30)
def entries(ctx: DemoContext) -> None:
    rng = random.Random(DEMO_SEED)
    categories = {c.name_zh: c for c in ctx.season.categories.all()}
    applicant = ctx.users["applicant"]
    defn = domain.current_form(ctx.season).parsed
    required_files = [f for f in defn.fields.values() if f.type == "file" and f.required]
    rows = [(None, row) for row in CENTERS + MORE_CENTERS] + DUPLICATES
    ctx.entries = []
    for i, (reuse, row) in enumerate(rows):
        org_name, org_en, center_name, industry, seats, year, cat, submitted = row
        by = applicant if i == 0 else None
        org = domain.register_organization(
            by=by,
            name=org_name,
            name_en=org_en,
            credit_code=demo_credit_code((i if reuse is None else reuse) + 1),
        )
        center = domain.add_center(
            organization=org,
            by=None,
            name=center_name,
            industry=industry,
            seats=seats,
            year_started=year,
        )
        answers = sample_answers(
            defn, center=center, rng=rng, complete=submitted, today=ctx.now.date()
        )
        entry = domain.create_entry(
            season=ctx.season, category=categories[cat], center=center, by=by, answers=answers
        )
        if submitted:
            for field in required_files:
                upload = demo_upload(field)
                if upload is not None:
                    domain.attach_file(entry=entry, field_key=field.key, upload=upload, by=by)
        # applications came in over the month registration has been open
        created = ctx.now - dt.timedelta(days=rng.uniform(3, 28))
        saved = created + (ctx.now - created) * rng.uniform(0.2, 0.9)
        Entry.objects.filter(pk=entry.pk).update(created_at=created, saved_at=saved)
        entry.created_at, entry.saved_at = created, saved
        if submitted:
            submit_demo_entry(entry, by=by, at=saved)
        ctx.entries.append(entry)
