"""How mystery calls' audit events read: setting up and planning, the shoppers'
cards, the board (voiding)."""

from ccaward.mystery.audit_labels_board import AUDIT_LABELS as BOARD
from ccaward.mystery.audit_labels_setup import AUDIT_LABELS as SETUP
from ccaward.mystery.audit_labels_shopper import AUDIT_LABELS as SHOPPER

AUDIT_LABELS = {**SETUP, **SHOPPER, **BOARD}
