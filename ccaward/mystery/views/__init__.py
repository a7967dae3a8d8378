"""Mystery calls' pages: setting up and planning (setup*), the shopper's own
contacts (shopper), the organizers' board (board*)."""
