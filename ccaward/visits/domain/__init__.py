"""Site visits' operations, one module per concern: the checklist as data
(checklist), what the application claims beside each item (claims), scheduling
(schedule), the records judges make on site (records), photos (photos) and who
sees which visits (queries)."""
