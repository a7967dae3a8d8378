"""Mystery calls' pages: setting up and planning (setup*), the shopper's own
contacts (shopper), the organizers' board, a contact's cards and the export
(board*)."""
