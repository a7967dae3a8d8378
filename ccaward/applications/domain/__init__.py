"""The applications app's operations, one module per concern:

- form_versions: the application form's versions, the version an entry answers
- form_texts: the form's wording changed in the page (a new version)
- organizations: enterprises, contact centers, colleagues (members, invitations)
- entries: starting an application, restarting, withdrawing, possible duplicates
- answers: filling in a draft (autosave) and its files
- submission: submitting while registration is open; accepting, rejecting, reopening
- typed: what the answers fill outside the answers (enterprise, center, figures)
- reminders: reminding drafts before registration closes

Every function that changes state names its side effects and writes the audit
log. Callers use `from ccaward.applications import domain; domain.X`.
"""

from ccaward.applications.domain.answers import (
    attach_file,
    editable,
    remove_file,
    save_answers,
    upload_limit_bytes,
)
from ccaward.applications.domain.entries import (
    DuplicateEntry,
    create_entry,
    duplicates,
    restart,
    start_application,
    withdraw,
)
from ccaward.applications.domain.form_texts import (
    FormChanged,
    change_form_texts,
    check_texts,
    text_items,
)
from ccaward.applications.domain.form_versions import (
    current_form,
    default_definition,
    form_of,
    form_to_read,
    install_form,
    validation,
)
from ccaward.applications.domain.organizations import (
    add_center,
    add_member,
    invite_colleague,
    join_pending,
    register_organization,
)
from ccaward.applications.domain.reminders import (
    remind_drafts,
    remind_now,
    reminder_recipients,
)
from ccaward.applications.domain.submission import (
    SubmissionRefused,
    decide,
    record_submission,
    registration_open,
    registration_stage,
    reopen,
    submit,
)
from ccaward.applications.domain.typed import sync_typed

__all__ = [
    "FormChanged",
    "change_form_texts",
    "check_texts",
    "text_items",
    "DuplicateEntry",
    "SubmissionRefused",
    "add_center",
    "add_member",
    "attach_file",
    "create_entry",
    "current_form",
    "decide",
    "default_definition",
    "duplicates",
    "editable",
    "form_of",
    "form_to_read",
    "install_form",
    "invite_colleague",
    "join_pending",
    "record_submission",
    "register_organization",
    "registration_open",
    "registration_stage",
    "remind_drafts",
    "remind_now",
    "reminder_recipients",
    "remove_file",
    "reopen",
    "restart",
    "save_answers",
    "start_application",
    "submit",
    "sync_typed",
    "upload_limit_bytes",
    "validation",
    "withdraw",
]
