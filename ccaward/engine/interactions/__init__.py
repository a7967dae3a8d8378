"""The standard interaction-record schema and its loader (CSV / Parquet / Excel -> SQL).

Pure computation on the engine's SQL backend (``engine.sql``); no Django import.

One row per contact (see ``SCHEMA`` and ``docs/kpis.md``). Timestamps are naive
``TIMESTAMP`` values in the center's local time; durations are seconds (``DOUBLE``).

Loading
-------
``load(con, paths, mapping=..., policy=...)`` reads every input into a staging table with
all source columns as read (CSV: all ``VARCHAR``), applies the column mapping (YAML, see
``docs/kpis.md``) to build the standard columns, then runs the validation rules below as
SQL over the staged rows and appends the good rows to the table ``interactions``.
An Excel sheet (openpyxl read-only, the first sheet or the mapping's ``sheet``) is
streamed row by row into a temporary CSV first. ``load_agent_states`` reads agent-state
intervals (``AGENT_STATE_SCHEMA``) into ``agent_states`` and ``load_schedules`` the agents'
schedules (``SCHEDULE_SCHEMA``) into ``schedules`` the same way, each with its own rules.

Row numbers in reports are 1-based data-record numbers of each file: row 1 is the first
record after the CSV header (the file's line 2 when no field spans lines); in an Excel
sheet row N is spreadsheet row N + 1 (blank rows are skipped but keep their numbers).

Rules (row level, policy ``"reject"`` raises ``LoadError`` and loads nothing, policy
``"skip"`` drops the rows and reports them):

* ``missing_value``           contact_id, center, channel or arrived_at is empty
* ``unparseable_timestamp``   a non-empty timestamp field does not parse with its format
* ``unparseable_value``       a non-empty duration, score or boolean does not parse
* ``negative_duration``       talk_s, hold_s or acw_s < 0, or ended_at before arrived_at
* ``answered_before_arrival`` answered_at < arrived_at, answered_at < queued_at or
                              queued_at < arrived_at
* ``out_of_range``            csat outside 1..5, nps outside 0..10, or an abandon_point
                              other than ivr / queue / ringing
* ``duplicate_contact_id``    a contact_id seen before (the first occurrence is kept)

File level (always ``LoadError``, under either policy): ``empty_file``, ``encoding``
(neither UTF-8 nor GB18030), ``missing_column`` (the mapping names a source column the
file does not have, or a mapping SQL expression does not bind), ``missing_sheet`` (the
mapping's sheet is not in the workbook), ``unreadable_file``, ``oversized_file`` (a
workbook whose parts would expand beyond ``engine.packages.WORKBOOK``).

Modules: ``schema`` (the schemas, the report and its error), ``mapping`` (column
mappings), ``readers`` with ``csv_files`` and ``excel`` (one reader per file format),
``rules`` (the row rules of each kind of input), ``checks`` (running them), ``loader``
(the steps of a load).
"""

from ccaward.engine.interactions.excel import EXCEL_ROW_COLUMN, EXCEL_SUFFIXES
from ccaward.engine.interactions.loader import (
    create_agent_states_table,
    create_schedules_table,
    create_table,
    load,
    load_agent_states,
    load_schedules,
)
from ccaward.engine.interactions.mapping import MAPPING_KEYS, read_mapping
from ccaward.engine.interactions.schema import (
    ABANDON_POINTS,
    AGENT_STATE_SCHEMA,
    AGENT_STATES,
    COLUMNS,
    DURATION_COLUMNS,
    MAX_ROWS_REPORTED,
    POLICIES,
    SCHEDULE_ACTIVITIES,
    SCHEDULE_SCHEMA,
    SCHEMA,
    TIMESTAMP_COLUMNS,
    Column,
    Issue,
    LoadError,
    LoadReport,
    Progress,
)
from ccaward.engine.mappings import MAPPINGS_DIR
from ccaward.engine.sql import dialect

memory_limit_bytes = dialect.memory_limit_bytes

__all__ = [
    "ABANDON_POINTS",
    "AGENT_STATES",
    "AGENT_STATE_SCHEMA",
    "COLUMNS",
    "DURATION_COLUMNS",
    "EXCEL_ROW_COLUMN",
    "EXCEL_SUFFIXES",
    "MAPPINGS_DIR",
    "MAPPING_KEYS",
    "MAX_ROWS_REPORTED",
    "POLICIES",
    "SCHEDULE_ACTIVITIES",
    "SCHEDULE_SCHEMA",
    "SCHEMA",
    "TIMESTAMP_COLUMNS",
    "Column",
    "Issue",
    "LoadError",
    "LoadReport",
    "Progress",
    "create_agent_states_table",
    "create_schedules_table",
    "create_table",
    "load",
    "load_agent_states",
    "load_schedules",
    "memory_limit_bytes",
    "read_mapping",
]
