"""Writes tests/data/records.xls, the legacy-Excel fixture of tests/engine/test_interactions.py.

Needs xlwt (writes Excel 97-2003 files; not a dependency of ccaward, which only reads
them with xlrd): python3 -m venv /tmp/xlwt && /tmp/xlwt/bin/pip install xlwt==1.3.0 &&
/tmp/xlwt/bin/python tests/data/make_records_xls.py
"""

import datetime as dt
from pathlib import Path

import xlwt

book = xlwt.Workbook(encoding="utf-8")
notes = book.add_sheet("说明")
notes.write(0, 0, "导出说明")
ws = book.add_sheet("话务明细")
date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
header = [
    "contact_id",
    "center",
    "channel",
    "arrived_at",
    "queued_at",
    "answered_at",
    "ended_at",
    "talk_s",
    "csat",
]
for j, h in enumerate(header):
    ws.write(0, j, h)
rows = [
    [
        "A-1",
        "北京中心",
        "voice",
        dt.datetime(2024, 1, 1, 8, 0, 0),
        dt.datetime(2024, 1, 1, 8, 0, 10),
        dt.datetime(2024, 1, 1, 8, 0, 20),
        dt.datetime(2024, 1, 1, 8, 5, 0),
        280,
        5,
    ],
    [
        "A-2",
        "北京中心",
        "voice",
        dt.datetime(2024, 1, 1, 9, 0, 0),
        dt.datetime(2024, 1, 1, 9, 0, 5),
        None,
        dt.datetime(2024, 1, 1, 9, 1, 5),
        None,
        None,
    ],
    None,  # a blank row: left out, numbers kept
    [
        "A-3",
        "上海中心",
        "webchat",
        dt.datetime(2024, 1, 2, 10, 0, 0),
        dt.datetime(2024, 1, 2, 10, 0, 1),
        dt.datetime(2024, 1, 2, 10, 0, 31),
        dt.datetime(2024, 1, 2, 10, 6, 0),
        329.5,
        4,
    ],
]
for i, row in enumerate(rows, start=1):
    if row is None:
        continue
    for j, v in enumerate(row):
        if v is None:
            continue
        if isinstance(v, dt.datetime):
            ws.write(i, j, v, date_style)
        else:
            ws.write(i, j, v)
book.save(str(Path(__file__).with_name("records.xls")))
