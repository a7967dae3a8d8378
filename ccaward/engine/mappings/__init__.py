"""Column mapping files (YAML) shipped with the KPI engine; see docs/kpis.md."""
