"""Mystery calls' setup pages (organizers): the scenario library, the scorecard,
the shopper roster and the plan with its adjustments. Each page calls the domain
(mystery/domain) and shows its refusals by field."""
