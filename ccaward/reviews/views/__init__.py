"""Reviews' pages: the form (form, page), the lists and progress (lists)."""
