"""Erlang C and Erlang A staffing math for a single contact-centre queue.

Pure computation, standard library only (``math``); no Django import.

Notation
--------
``lambda`` = calls / interval_seconds (arrival rate), ``aht`` = mean handle time,
``mu = 1 / aht``, offered load ``A = lambda * aht = calls * aht / interval`` (Erlangs),
``N`` agents, ``T`` the service-level threshold (answer within ``T`` seconds) and, for
Erlang A, mean patience ``P`` seconds with abandonment rate ``theta = 1 / P``.

Erlang B and Erlang C (Erlang 1917), M/M/N
------------------------------------------
Erlang B is evaluated by the numerically stable recursion::

    B(0) = 1,    B(k) = A * B(k-1) / (k + A * B(k-1))

and Erlang C, the probability that an arriving call has to wait, from it::

    C(N, A) = N * B(N, A) / (N - A * (1 - B(N, A)))          for N > A

With ``C`` the waiting time is ``0`` with probability ``1 - C`` and otherwise exponential
with rate ``N * mu - lambda``, so::

    service level SL(T) = P(W <= T) = 1 - C * exp(-(N - A) * T / aht)
    ASA                 = E[W]      = C * aht / (N - A)
    occupancy                       = A / N

For ``N <= A`` the queue is unstable: P(wait) = 1, SL = 0, ASA = infinity (``None`` in
the JSON report) and occupancy = 1.

Erlang A (Palm 1943; Garnett, Mandelbaum & Reiman 2002), M/M/N+M
-----------------------------------------------------------------
Every waiting caller abandons after an exponential patience with mean ``P``. The model
is a birth-death process and is stable for every ``N >= 1``, including ``N <= A``.
With ``x = N * mu / theta = N * P / aht``, ``y = lambda / theta = A * P / aht``,
``E = B(N, A)`` and the function (Garnett, Mandelbaum & Reiman 2002)::

    J = A(x, y) = x * e**y * y**(-x) * gamma(x, y)
                = sum_{j>=0} y**j / ((x+1) (x+2) ... (x+j))

(``gamma`` is the lower incomplete gamma function), the stationary queue-length weights
seen by an arriving caller who finds all agents busy are ``t_j = y**j / prod_{k<=j}(x+k)``
(``J = sum t_j``), and::

    P(wait)    = P(W > 0) = J * E / (1 + (J - 1) * E)
    P(abandon) = P(wait) * (1 / (rho * J) + 1 - 1 / rho),      rho = A / N
               = P(wait) * E[j | wait] / y

The waiting-time distribution follows from the same birth-death chain (a tagged caller
with ``i`` callers ahead moves up at rate ``N mu + i theta`` and abandons at rate
``theta``); for a caller who will be answered and is still waiting at time ``t``::

    P(answered, W > t) = pi_N * x * e**y * y**-(x+1) * gamma(x + 1, y * e**(-theta t))

with ``pi_N = E / (1 + (J - 1) * E)`` the probability that exactly ``N`` calls are in the
system. **Service level definition used here:** the share of *all offered* contacts that
are answered within ``T`` seconds (answered immediately or after waiting at most ``T``);
abandoned contacts count as misses whenever they abandon::

    SL(T) = P(answered, W <= T) = 1 - P(abandon) - P(answered, W > T)
          = (1 - P(wait)) + pi_N x e**y y**-(x+1) [gamma(x+1, y) - gamma(x+1, y e**(-theta T))]

(the second line is the form evaluated: it has no ``1 - (nearly 1)`` cancellation, so a
tiny service level keeps its relative accuracy).

ASA is the mean wait of *answered* contacts, ``E[W | answered]``. A caller who finds ``j``
callers ahead is answered with probability ``x / (x + j + 1)`` and then has waited on
average ``(1 / theta) * H_j`` with ``H_j = sum_{i=0..j} 1 / (x + i + 1)``; hence::

    E[W ; answered] = sum_j pi_N t_j * x * H_j / ((x + j + 1) * theta)
    ASA             = E[W ; answered] / (1 - P(abandon))

Occupancy is the carried load per agent, ``A * (1 - P(abandon)) / N``. As ``P -> inf``
every Erlang A measure converges to its Erlang C counterpart when ``N > A``.

Numerics: ``gamma`` is evaluated through the scaled function
``G(a, z) = e**z * z**(-a) * gamma(a, z)`` in log space, by its power series for
``z < a + 1`` and by the Legendre continued fraction for the upper incomplete gamma
(modified Lentz) otherwise, with ``math.lgamma``; queue-length sums are taken around
their mode with ratios only (``H_j`` at the mode from the digamma function), so no
factorial, power or exponential overflows, and ``N <= A`` with very long patience works.
Results agree with a brute-force truncated birth-death solution to about 1e-13.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "QueueMetrics",
    "StaffingInput",
    "agents_needed",
    "erlang_a_metrics",
    "erlang_b",
    "erlang_c",
    "erlang_c_metrics",
    "evaluate",
    "offered_load",
    "staffing_report",
]

_REL_TOL = 1e-17  # series truncation: neglected tail below this fraction of the sum
_FPMIN = 1e-300
_MAX_ITERATIONS = 100_000_000


# --------------------------------------------------------------------------- validation


def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return value


def _check_calls(calls: object) -> float:
    value = _number("calls", calls)
    if value < 0:
        raise ValueError(f"calls must be >= 0, got {value!r}")
    return value


def _check_positive(name: str, raw: object) -> float:
    value = _number(name, raw)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return value


def _check_agents(agents: object) -> int:
    if isinstance(agents, bool):
        raise ValueError(f"agents must be an integer >= 1, got {agents!r}")
    if isinstance(agents, float) and math.isfinite(agents) and agents.is_integer():
        agents = int(agents)
    if not isinstance(agents, int):
        raise ValueError(f"agents must be an integer >= 1, got {agents!r}")
    if agents < 1:
        raise ValueError(f"agents must be an integer >= 1, got {agents!r}")
    return agents


def _check_sl_seconds(sl_seconds: object) -> float:
    value = _number("sl_seconds", sl_seconds)
    if value < 0:
        raise ValueError(f"sl_seconds must be >= 0, got {value!r}")
    return value


def _check_target(target: object) -> float:
    value = _number("target", target)
    if not 0.0 < value < 1.0:
        raise ValueError(f"target must be strictly between 0 and 1, got {value!r}")
    return value


def _check_patience(patience_seconds: object) -> float | None:
    if patience_seconds is None:
        return None
    value = _number("patience_seconds", patience_seconds)
    if value <= 0:
        raise ValueError(f"patience_seconds must be > 0 (omit it for Erlang C), got {value!r}")
    return value


def _check_load(load: object) -> float:
    value = _number("load", load)
    if value < 0:
        raise ValueError(f"load must be >= 0, got {value!r}")
    return value


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True)
class StaffingInput:
    """One queue and one staffing level; validated on construction (ValueError)."""

    calls: float
    interval_seconds: float
    aht_seconds: float
    agents: int
    sl_seconds: float
    target: float = 0.8
    patience_seconds: float | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "calls", _check_calls(self.calls))
        set_(self, "interval_seconds", _check_positive("interval_seconds", self.interval_seconds))
        set_(self, "aht_seconds", _check_positive("aht_seconds", self.aht_seconds))
        set_(self, "agents", _check_agents(self.agents))
        set_(self, "sl_seconds", _check_sl_seconds(self.sl_seconds))
        set_(self, "target", _check_target(self.target))
        set_(self, "patience_seconds", _check_patience(self.patience_seconds))

    @property
    def model(self) -> str:
        return "erlang_c" if self.patience_seconds is None else "erlang_a"

    @property
    def offered_load_erlangs(self) -> float:
        return self.calls * self.aht_seconds / self.interval_seconds


@dataclass(frozen=True)
class QueueMetrics:
    """Steady-state measures for one staffing level.

    ``asa_s`` is ``math.inf`` for an unstable Erlang C queue; ``p_abandon`` is ``None``
    for Erlang C.
    """

    offered_load_erlangs: float
    p_wait: float
    service_level: float
    asa_s: float
    occupancy: float
    p_abandon: float | None = None


# --------------------------------------------------------------------------- Erlang B/C


def offered_load(calls: float, interval_seconds: float, aht_seconds: float) -> float:
    """Offered load in Erlangs, ``A = calls * aht_seconds / interval_seconds``."""
    calls = _check_calls(calls)
    interval_seconds = _check_positive("interval_seconds", interval_seconds)
    aht_seconds = _check_positive("aht_seconds", aht_seconds)
    return calls * aht_seconds / interval_seconds


def _erlang_b(n: int, a: float) -> float:
    b = 1.0
    for k in range(1, n + 1):
        ab = a * b
        b = ab / (k + ab)
    return b


def erlang_b(agents: int, load: float) -> float:
    """Erlang B blocking probability (Erlang 1917) by B(k) = A B(k-1) / (k + A B(k-1))."""
    return _erlang_b(_check_agents(agents), _check_load(load))


def _erlang_c_from_b(n: int, a: float, b: float) -> float:
    if n <= a:
        return 1.0
    return min(1.0, max(0.0, n * b / (n - a * (1.0 - b))))


def erlang_c(agents: int, load: float) -> float:
    """Erlang C probability of waiting (Erlang 1917): ``N B / (N - A (1 - B))``; 1 if N <= A."""
    n = _check_agents(agents)
    a = _check_load(load)
    return _erlang_c_from_b(n, a, _erlang_b(n, a))


def _erlang_c_sl(n: int, a: float, c: float, aht: float, t: float) -> float:
    if n <= a:
        return 0.0
    return min(1.0, max(0.0, 1.0 - c * math.exp(-(n - a) * t / aht)))


def _erlang_c_metrics(n: int, a: float, aht: float, t: float) -> QueueMetrics:
    if n <= a:
        return QueueMetrics(a, 1.0, 0.0, math.inf, 1.0, None)
    c = _erlang_c_from_b(n, a, _erlang_b(n, a))
    return QueueMetrics(
        offered_load_erlangs=a,
        p_wait=c,
        service_level=_erlang_c_sl(n, a, c, aht, t),
        asa_s=c * aht / (n - a),
        occupancy=min(1.0, a / n),
        p_abandon=None,
    )


def erlang_c_metrics(
    *, agents: int, load: float, aht_seconds: float, sl_seconds: float
) -> QueueMetrics:
    """Erlang C (M/M/N) measures: P(wait), SL within ``sl_seconds``, ASA, occupancy."""
    return _erlang_c_metrics(
        _check_agents(agents),
        _check_load(load),
        _check_positive("aht_seconds", aht_seconds),
        _check_sl_seconds(sl_seconds),
    )


# --------------------------------------------------------------------------- special functions


def _logaddexp(u: float, v: float) -> float:
    if u == -math.inf:
        return v
    if v == -math.inf:
        return u
    if u < v:
        u, v = v, u
    return u + math.log1p(math.exp(v - u))


def _log_series_g(a: float, z: float) -> float:
    """``log G(a, z)``, ``G(a, z) = e**z z**-a gamma(a, z) = sum_k z**k / (a (a+1) ... (a+k))``.

    Power series with positive terms; used for ``0 <= z <= a + 1``.
    """
    term = 1.0 / a
    total = term
    if z <= 0.0:
        return math.log(total)
    k = 0
    while True:
        k += 1
        ratio = z / (a + k)
        term *= ratio
        total += term
        if ratio < 1.0 and term <= total * _REL_TOL * (1.0 - ratio):
            break
        if k > _MAX_ITERATIONS:
            break
    return math.log(total)


def _log_cf_h(a: float, z: float) -> float:
    """``log h(a, z)`` with ``Gamma(a, z) = e**-z z**a h(a, z)`` (upper incomplete gamma).

    Legendre continued fraction by the modified Lentz method; used for ``z >= a + 1``.
    """
    b = z + 1.0 - a
    c = 1.0 / _FPMIN
    d = 1.0 / b
    h = d
    i = 0
    while True:
        i += 1
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        if abs(d) < _FPMIN:
            d = _FPMIN
        c = b + an / c
        if abs(c) < _FPMIN:
            c = _FPMIN
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16 or i > _MAX_ITERATIONS:
            break
    return math.log(h)


def _log_scaled_lower_gamma(a: float, z: float) -> float:
    """``log G(a, z)`` with ``G(a, z) = e**z * z**-a * gamma(a, z)``, for a > 0, z >= 0.

    Series for ``z < a + 1``; otherwise ``gamma = Gamma(a) - Gamma(a, z)`` with the
    upper function from the continued fraction and ``math.lgamma``.
    """
    if z < a + 1.0:
        return _log_series_g(a, z)
    lgam = math.lgamma(a)
    log_z = math.log(z)
    q = math.exp(-z + a * log_z + _log_cf_h(a, z) - lgam)  # regularised upper, < ~0.6
    return z - a * log_z + lgam + math.log1p(-q)


def _digamma(z: float) -> float:
    """Digamma function for z > 0 (recurrence to z >= 10, then the asymptotic series)."""
    shift = 0.0
    while z < 10.0:
        shift -= 1.0 / z
        z += 1.0
    f = 1.0 / (z * z)
    series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))))
    return shift + math.log(z) - 0.5 / z - series


def _queue_sums(x: float, y: float) -> tuple[float, float, float]:
    """Sums over the queue length ``j`` met by a caller who has to wait.

    Returns ``(S0, S1, SW)`` = sums of ``w_j``, ``j w_j`` and ``w_j x H_j / (x + j + 1)``
    with ``w_j = t_j / t_m`` (``m`` the mode of ``t_j``; ``t_0 = 1``, so with ``m = 0``
    ``S0 = J``). Ratios ``t_{j+1} / t_j = y / (x + j + 1)`` only, summed outwards from
    the mode until the geometric bound on the neglected tail is negligible.
    """
    m = max(0, math.floor(y - x))
    h_m = 1.0 / (x + 1.0) if m == 0 else _digamma(x + m + 2.0) - _digamma(x + 1.0)
    s0 = 1.0
    s1 = float(m)
    sw = x * h_m / (x + m + 1.0)
    # Upwards from the mode.
    w, h, j = 1.0, h_m, m
    while True:
        ratio = y / (x + j + 1.0)
        w *= ratio
        j += 1
        h += 1.0 / (x + j + 1.0)
        s0 += w
        s1 += j * w
        sw += w * x * h / (x + j + 1.0)
        if ratio < 1.0 and w * (j + 1.0) <= _REL_TOL * (1.0 - ratio) * s0:
            break
        if j - m > _MAX_ITERATIONS:
            break
    # Downwards from the mode.
    w, h, j = 1.0, h_m, m
    while j > 0:
        ratio = (x + j) / y
        h -= 1.0 / (x + j + 1.0)
        w *= ratio
        j -= 1
        s0 += w
        s1 += j * w
        sw += w * x * max(h, 0.0) / (x + j + 1.0)
        if ratio < 1.0 and w <= _REL_TOL * (1.0 - ratio) * s0:
            break
    return s0, s1, sw


# --------------------------------------------------------------------------- Erlang A


def _answered_after_waiting_within(x: float, y: float, theta_t: float, log_k: float) -> float:
    """``k * integral_{y p}^{y} e**y y**-a s**(a-1) e**-s ds`` with a = x + 1, p = e**-theta_t.

    ``log_k`` = log(pi_N x). The integral is split at ``c = a + 1`` into a lower-gamma
    piece (series) and an upper-gamma piece (continued fraction); every term is
    ``exp(log_k + log(e**(y-z) (z/y)**a) + log G or log h)``.
    """
    a = x + 1.0
    c = a + 1.0
    z1 = y * math.exp(-theta_t)
    log_s1 = -y * math.expm1(-theta_t) - a * theta_t  # log(e**(y - z1) (z1/y)**a)

    def term(log_value: float) -> float:
        return math.exp(log_value) if log_value < 700.0 else math.inf

    if z1 >= c:  # Gamma(a, z1) - Gamma(a, y)
        total = term(log_k + log_s1 + _log_cf_h(a, z1)) - term(log_k + _log_cf_h(a, y))
    elif y < c:  # gamma(a, y) - gamma(a, z1)
        total = term(log_k + _log_series_g(a, y))
        if z1 > 0.0:
            total -= term(log_k + log_s1 + _log_series_g(a, z1))
    else:  # [gamma(a, c) - gamma(a, z1)] + [Gamma(a, c) - Gamma(a, y)]
        log_sc = (y - c) + a * math.log1p((c - y) / y)
        lower = term(log_k + log_sc + _log_series_g(a, c))
        if z1 > 0.0:
            lower -= term(log_k + log_s1 + _log_series_g(a, z1))
        upper = term(log_k + log_sc + _log_cf_h(a, c)) - term(log_k + _log_cf_h(a, y))
        total = max(lower, 0.0) + max(upper, 0.0)
    return max(total, 0.0)


def _erlang_a(
    n: int, a: float, aht: float, t: float, patience: float, *, with_asa: bool = True
) -> QueueMetrics:
    if a == 0.0:
        return QueueMetrics(0.0, 0.0, 1.0, 0.0, 0.0, 0.0)
    scale = patience / aht
    x = n * scale  # N mu / theta
    y = a * scale  # lambda / theta
    e = _erlang_b(n, a)
    if e <= 0.0:  # Erlang B underflow: nobody ever waits
        return QueueMetrics(a, 0.0, 1.0, 0.0, min(1.0, a / n), 0.0)
    log_r = -math.inf if e >= 1.0 else math.log1p(-e) - math.log(e)  # r = (1 - E) / E

    sums = None
    if y > x:
        log_g1 = _log_scaled_lower_gamma(x + 1.0, y)  # J = 1 + y G(x + 1, y)
        log_j = _logaddexp(0.0, math.log(y) + log_g1)
        log_d = _logaddexp(log_r, log_j)  # 1 / pi_N = r + J
        p_wait = math.exp(log_j - log_d)
        # P(abandon) = pi_N (x + (y - x) J) / y = pi_N (1 + (y - x) G(x + 1, y))
        p_abandon = math.exp(_logaddexp(0.0, math.log(y - x) + log_g1) - log_d)
    else:
        sums = _queue_sums(x, y)  # mode 0: S0 = J, S1 = sum j t_j
        s0, s1, _ = sums
        log_d = _logaddexp(log_r, math.log(s0))
        p_wait = math.exp(math.log(s0) - log_d)
        p_abandon = math.exp(math.log(s1) - log_d) / y if s1 > 0.0 else 0.0
    p_wait = min(1.0, p_wait)
    p_abandon = min(p_wait, max(0.0, p_abandon))

    # SL = P(no wait) + P(answered, 0 < W <= T); the second term is
    # pi_N x e**y y**-a [gamma(a, y) - gamma(a, y p)], a = x + 1, p = e**(-theta T),
    # taken piecewise from series / continued-fraction terms, each already scaled by
    # pi_N x, so that no 1 - (nearly 1) cancellation limits the absolute accuracy.
    service_level = math.exp(log_r - log_d) if log_r > -math.inf else 0.0
    theta_t = t / patience
    if theta_t > 0.0:
        service_level += _answered_after_waiting_within(x, y, theta_t, math.log(x) - log_d)
    service_level = min(1.0 - p_abandon, max(0.0, service_level))
    answered = 1.0 - p_abandon

    asa = math.nan
    if with_asa:
        if sums is None:
            sums = _queue_sums(x, y)
        s0, _, sw = sums
        waited_answered = p_wait * (sw / s0) * patience  # E[W ; answered]
        asa = waited_answered / answered if answered > 0.0 else math.inf
    return QueueMetrics(
        offered_load_erlangs=a,
        p_wait=p_wait,
        service_level=service_level,
        asa_s=asa,
        occupancy=min(1.0, a * answered / n),
        p_abandon=p_abandon,
    )


def erlang_a_metrics(
    *,
    agents: int,
    load: float,
    aht_seconds: float,
    sl_seconds: float,
    patience_seconds: float,
) -> QueueMetrics:
    """Erlang A (M/M/N+M) measures; see the module docstring for the formulas.

    ``service_level`` is the share of all offered contacts answered within
    ``sl_seconds``; ``asa_s`` is the mean wait of answered contacts; ``occupancy`` is
    carried load per agent. Defined for every ``agents >= 1`` (Erlang A is always stable).
    """
    patience = _check_patience(patience_seconds)
    if patience is None:
        raise ValueError("patience_seconds is required for Erlang A")
    return _erlang_a(
        _check_agents(agents),
        _check_load(load),
        _check_positive("aht_seconds", aht_seconds),
        _check_sl_seconds(sl_seconds),
        patience,
    )


# --------------------------------------------------------------------------- staffing


def _smallest(meets: Callable[[int], bool], start: int) -> int:
    """Smallest ``n >= start`` with ``meets(n)``, for a monotone predicate.

    Gallops upwards (start, start+1, start+3, start+7, ...) then bisects.
    """
    if meets(start):
        return start
    lo, step = start, 1
    while True:
        hi = lo + step
        if meets(hi):
            break
        lo, step = hi, step * 2
        if step > 2**62:
            raise ValueError("target service level cannot be reached")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if meets(mid):
            hi = mid
        else:
            lo = mid
    return hi


def agents_needed(
    *,
    load: float,
    aht_seconds: float,
    sl_seconds: float,
    target: float = 0.8,
    patience_seconds: float | None = None,
) -> int:
    """Smallest number of agents whose service level is >= ``target``.

    Erlang C when ``patience_seconds`` is None, Erlang A otherwise (same SL definitions
    as :func:`erlang_c_metrics` / :func:`erlang_a_metrics`). SL increases with N in both
    models, so the search gallops upwards and bisects.
    """
    a = _check_load(load)
    aht = _check_positive("aht_seconds", aht_seconds)
    t = _check_sl_seconds(sl_seconds)
    goal = _check_target(target)
    patience = _check_patience(patience_seconds)
    if patience is None:

        def meets(n: int) -> bool:
            c = _erlang_c_from_b(n, a, _erlang_b(n, a))
            return _erlang_c_sl(n, a, c, aht, t) >= goal

        return _smallest(meets, max(1, math.floor(a) + 1))

    def meets_a(n: int) -> bool:
        return _erlang_a(n, a, aht, t, patience, with_asa=False).service_level >= goal

    return _smallest(meets_a, 1)


def evaluate(params: StaffingInput) -> QueueMetrics:
    """Measures for ``params`` under Erlang C (no patience) or Erlang A (with patience)."""
    a = params.offered_load_erlangs
    if params.patience_seconds is None:
        return _erlang_c_metrics(params.agents, a, params.aht_seconds, params.sl_seconds)
    return _erlang_a(
        params.agents, a, params.aht_seconds, params.sl_seconds, params.patience_seconds
    )


def staffing_report(
    *,
    calls: float,
    interval_seconds: float,
    aht_seconds: float,
    agents: int,
    sl_seconds: float,
    target: float = 0.8,
    patience_seconds: float | None = None,
) -> dict:
    """JSON-ready staffing report for one interval (floats unrounded).

    Keys: model ("erlang_c" or "erlang_a"), the inputs, offered_load_erlangs, p_wait,
    service_level, asa_s (None when infinite), occupancy, p_abandon (None for Erlang C)
    and agents_needed (smallest N reaching ``target`` SL under the same model).
    Raises ValueError naming the offending parameter.
    """
    params = StaffingInput(
        calls=calls,
        interval_seconds=interval_seconds,
        aht_seconds=aht_seconds,
        agents=agents,
        sl_seconds=sl_seconds,
        target=target,
        patience_seconds=patience_seconds,
    )
    metrics = evaluate(params)
    needed = agents_needed(
        load=params.offered_load_erlangs,
        aht_seconds=params.aht_seconds,
        sl_seconds=params.sl_seconds,
        target=params.target,
        patience_seconds=params.patience_seconds,
    )
    return {
        "model": params.model,
        "calls": params.calls,
        "interval_seconds": params.interval_seconds,
        "aht_seconds": params.aht_seconds,
        "agents": params.agents,
        "sl_seconds": params.sl_seconds,
        "target": params.target,
        "patience_seconds": params.patience_seconds,
        "offered_load_erlangs": metrics.offered_load_erlangs,
        "p_wait": metrics.p_wait,
        "service_level": metrics.service_level,
        "asa_s": metrics.asa_s if math.isfinite(metrics.asa_s) else None,
        "occupancy": metrics.occupancy,
        "p_abandon": metrics.p_abandon,
        "agents_needed": needed,
    }
