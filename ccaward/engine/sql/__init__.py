"""The SQL seam of the KPI engine: one module per database backend.

The loader (``engine.interactions``), the indicators (``engine.kpi``) and the command
``ccaward kpi`` never name a database. They write their SQL against ``dialect`` (today
``engine.sql.duckdb``) and take its ``Connection``; what stays in their own text is the
SQL every backend shares: SELECT with CASE, CAST to the standard schema's types,
``coalesce``, ``nullif``, ``trim``, ``lower``, ``concat_ws``, ``greatest``/``least``,
aggregates with ``FILTER (WHERE ...)``, window functions (``row_number``, ``lead``,
``max ... OVER``), ``IS NOT DISTINCT FROM``, joins with USING, CTEs, and DROP ... IF EXISTS.

A backend module provides (see ``engine.sql.duckdb`` for each one's meaning):

* a connection: ``NAME``, ``Connection``, ``Error``, ``connect()``, ``configure(con,
  memory_limit=, temp_directory=)``, ``keep_insertion_order``, ``memory_limit_bytes``,
  ``confine(con, paths=, directories=)`` (nothing else on the server reachable) and
  ``confined``;
* values: ``name`` (quoted identifier), ``literal``, ``NATIVE_TYPES`` and
  ``type_family`` (which source types already hold a standard column);
* expressions: ``try_cast``, ``parse_time``, ``format_time``, ``to_date``, ``epoch``
  (seconds of an interval), ``interval``, ``bucket`` (minute slots), ``trunc``,
  ``series`` (one row per step), ``millis_between``, ``hash_bucket``, ``first_values``,
  ``arg_min``;
* clauses: ``GROUP_BY_ALL``, ``MATERIALIZED``, ``union_by_name``, ``anti_join``,
  ``semi_join``, ``star_replace``;
* files: ``read_csv``, ``read_parquet``, ``read_parquets`` with ``TEXT_ROW``,
  ``PARQUET_ROW``, ``PARQUET_ROW_COLUMN``, ``PARQUET_FILE``; ``copy_to_parquet``;
* tables: ``create_table``, ``insert_or_ignore``, ``create_temp``, ``stage``,
  ``describe``, ``table_exists``, ``drop_temp_view``, ``view_to_table``,
  ``relations_named``.

A second backend (Apache Spark, say) is one more module with these names, added to
``BACKENDS``; ``tests/engine/test_sql_dialect.py`` runs every backend's functions with the
same expected results, and checks that no module of the loader, the indicators or the
command uses a DuckDB-specific call outside the dialect. Column mapping files
(``engine/mappings``) hold SQL expressions of their own: they are written for the
backend the loader runs on.
"""

from ccaward.engine.sql import duckdb

BACKENDS = {duckdb.NAME: duckdb}
dialect = duckdb  # the backend the engine runs on

__all__ = ["BACKENDS", "dialect"]
