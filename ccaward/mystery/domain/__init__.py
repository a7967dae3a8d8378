"""Mystery calls' operations (see docs/architecture.md, "adding a stage"):

scenarios.py  the scenario library, versioned
cards.py      scorecard versions (the shipped default, uploads of YAML)
shoppers.py   shopper profiles, exclusions, who may contact which entry
planning.py   plan settings, running the planner, organizers' adjustments
recording.py  a shopper's card: draft saves, attempts, the call's time, submit
recordings.py uploads of a recording or transcript, checked by content
voiding.py    voiding a contact with its reason
queries.py    what a person sees (a shopper's own contacts)
"""
