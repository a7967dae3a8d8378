"""KPI data and benchmarking: the operations, one small module per concern.

- uploads: accept an upload of interaction records (stage-gated) and queue it;
- computation: compute an upload's indicators with the engine, the result an
  entry is measured by;
- figures: figures reported on the application form or the KPI page, checked
  against the computed ones;
- monthly: monthly totals entered by hand and the figures from them;
- own_mappings: a center's own column mappings, made in the mapping step of an
  upload and reused;
- policy, thresholds: the season's KPI policy (with the period the records must
  cover) and its threshold tables;
- board: an entry against its peers, the season's board, the framework evidence.

Giving an entry's data (records, months, reported figures) needs 数据采集 or
标杆测评 open (kpis.rules.DATA_STAGES); organizers pass a closed stage and the
audit event says so.
"""

from ccaward.kpis.domain.board import (
    board,
    entry_benchmark,
    framework_evidence,
)
from ccaward.kpis.domain.computation import (
    UploadRefused,
    compute_upload,
    latest_results,
)
from ccaward.kpis.domain.figures import (
    save_form_figures,
    save_reported,
    verification,
)
from ccaward.kpis.domain.monthly import MONTH_FIELDS, monthly_rows, save_monthly
from ccaward.kpis.domain.own_mappings import (
    installed_spec,
    map_upload,
    preview_of,
    sample_of,
    save_mapping,
)
from ccaward.kpis.domain.policy import POLICY_FIELDS, policy_for, save_policy
from ccaward.kpis.domain.thresholds import (
    save_thresholds,
    threshold_text,
)
from ccaward.kpis.domain.uploads import accept_upload, too_large_message

__all__ = [
    "MONTH_FIELDS",
    "POLICY_FIELDS",
    "UploadRefused",
    "accept_upload",
    "board",
    "compute_upload",
    "entry_benchmark",
    "framework_evidence",
    "installed_spec",
    "latest_results",
    "map_upload",
    "monthly_rows",
    "policy_for",
    "preview_of",
    "sample_of",
    "save_form_figures",
    "save_mapping",
    "save_monthly",
    "save_policy",
    "save_reported",
    "save_thresholds",
    "threshold_text",
    "too_large_message",
    "verification",
]
