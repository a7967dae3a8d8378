"""The application pages, one module per page group:

- entries: the entries table, starting an application, reminders
- sections: the form section by section, autosave, files
- review: the summary of problems, submission, withdrawal
- entry: an application's page and the organizers' decisions
- organization: the applicant's enterprises and colleagues
- excel: export and import of the entries table
- common: what the pages share (the reader's language, the "saved at" label, the sections' menu)
"""
