"""The public poll's operations (网络投票), one module per concern: the policy
(policy.py), what every public operation asks first (gate.py), signing in with a
one-time code (codes.py), the rate limits (limits.py), votes and their counts
(votes.py), voiding (voiding.py) and the signals of stuffing (signals.py).

What the decision reads (results): `policy_of(season)` and `valid_counts(category)`.
"""

from ccaward.poll.domain.policy import policy_of
from ccaward.poll.domain.votes import valid_counts

__all__ = ["policy_of", "valid_counts"]
