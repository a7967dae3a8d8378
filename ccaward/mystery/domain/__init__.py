"""Mystery calls' operations (see docs/architecture.md, "adding a stage", and
docs/mystery.md):

    scenarios.py     the scenario library, versioned; new versions reach contacts not begun
    cards.py         scorecard versions (the shipped default, uploads of YAML)
    problems.py      the engine's problems (refused card, infeasible plan) in the reader's language
    shoppers.py      shopper profiles, exclusions, who may contact which entry
    plansettings.py  the plan's settings and the targets read from the applications
    planning.py      running the planner around the contacts made or begun
    adjust.py        organizers' adjustments of single contacts
    troubles.py      planned contacts their shopper can no longer make, and moving them
    queries.py       what a shopper sees (their own contacts)
    recording.py     a shopper's card: draft saves, attempts, the call's time, submit
    card_answers.py  answers checked and stored in one form, items named
    recordings.py    uploads of a recording or transcript, checked by content
    voiding.py       voiding a contact with its reason, and restoring it
"""
