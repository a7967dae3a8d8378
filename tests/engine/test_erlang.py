"""Erlang C / Erlang A staffing math: published values, independent checks, limits, CLI."""

import argparse
import json
import math

import pytest

from ccaward import cli_erlang
from ccaward.engine import erlang

# The published reference case: 100 calls in 30 minutes, AHT 3 minutes, 14 agents,
# answer within 20 seconds. Offered load A = 100 * 180 / 1800 = 10 Erlangs.
REF = {"calls": 100, "interval_seconds": 1800, "aht_seconds": 180, "agents": 14, "sl_seconds": 20}

REPORT_KEYS = {
    "model",
    "calls",
    "interval_seconds",
    "aht_seconds",
    "agents",
    "sl_seconds",
    "target",
    "patience_seconds",
    "offered_load_erlangs",
    "p_wait",
    "service_level",
    "asa_s",
    "occupancy",
    "p_abandon",
    "agents_needed",
}


# --- independent implementations (direct sums, no recursion shared with the engine) ---


def direct_erlang_b(n, a):
    """B = (A^N / N!) / sum_{k=0..N} A^k / k!"""
    terms = [a**k / math.factorial(k) for k in range(n + 1)]
    return terms[-1] / sum(terms)


def direct_erlang_c(n, a):
    """C = (A^N / N! * N / (N - A)) / (sum_{k<N} A^k / k! + A^N / N! * N / (N - A))"""
    top = a**n / math.factorial(n) * n / (n - a)
    return top / (sum(a**k / math.factorial(k) for k in range(n)) + top)


def direct_sl(n, a, aht, t):
    return 1.0 - direct_erlang_c(n, a) * math.exp(-(n - a) * t / aht)


def brute_erlang_a(n, a, aht, t, patience, states=400):
    """M/M/N+M by a truncated birth-death chain; SL by RK4 on the tagged caller's chain.

    f_i(s) = P(answered within s | i callers ahead in the queue) solves
    f_i' = (N mu + i theta) (f_{i-1} - f_i) - theta f_i, with f_{-1} = 1.
    """
    lam, mu, theta = a / aht, 1.0 / aht, 1.0 / patience
    weights = [1.0]
    for k in range(1, n + states):
        rate = k * mu if k <= n else n * mu + (k - n) * theta
        weights.append(weights[-1] * lam / rate)
    total = sum(weights)
    pi = [w / total for w in weights]
    p_wait = sum(pi[n:])
    p_abandon = sum((k - n) * theta * pi[k] for k in range(n, len(pi))) / lam

    ahead = len(pi) - n
    rates = [n * mu + i * theta for i in range(ahead)]

    def deriv(f):
        return [rates[i] * ((f[i - 1] if i else 1.0) - f[i]) - theta * f[i] for i in range(ahead)]

    f = [0.0] * ahead
    steps = max(400, math.ceil(t * (rates[-1] + theta) / 0.25))  # RK4 well inside stability
    h = t / steps
    for _ in range(steps):
        k1 = deriv(f)
        k2 = deriv([f[i] + h / 2 * k1[i] for i in range(ahead)])
        k3 = deriv([f[i] + h / 2 * k2[i] for i in range(ahead)])
        k4 = deriv([f[i] + h * k3[i] for i in range(ahead)])
        f = [f[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) for i in range(ahead)]
    service_level = sum(pi[:n]) + sum(pi[n + j] * f[j] for j in range(ahead))

    # E[W ; answered | i ahead] by first-step analysis on the embedded chain.
    served_prev, wait_prev, waited_answered = 1.0, 0.0, 0.0
    for i in range(ahead):
        leave = n * mu + (i + 1) * theta
        move = (n * mu + i * theta) / leave
        wait_i = move * (served_prev / leave + wait_prev)
        served_prev, wait_prev = move * served_prev, wait_i
        waited_answered += pi[n + i] * wait_i
    return {
        "p_wait": p_wait,
        "p_abandon": p_abandon,
        "service_level": service_level,
        "asa_s": waited_answered / (1.0 - p_abandon),
        "occupancy": a * (1.0 - p_abandon) / n,
    }


# --- Erlang B / C ---


def test_reference_case_erlang_c():
    report = erlang.staffing_report(**REF)
    assert report["model"] == "erlang_c"
    assert report["offered_load_erlangs"] == pytest.approx(10.0)
    assert report["p_wait"] == pytest.approx(0.174, abs=0.001)
    assert report["service_level"] == pytest.approx(0.888, abs=0.001)
    assert report["asa_s"] == pytest.approx(7.8, abs=0.05)
    assert report["occupancy"] == pytest.approx(10 / 14)
    assert report["p_abandon"] is None
    assert report["patience_seconds"] is None
    assert set(report) == REPORT_KEYS
    assert report["p_wait"] == pytest.approx(direct_erlang_c(14, 10.0), rel=1e-12)
    assert report["service_level"] == pytest.approx(direct_sl(14, 10.0, 180, 20), rel=1e-12)


@pytest.mark.parametrize(
    ("n", "a", "table"),
    [(14, 10.0, 0.0568), (5, 2.0, 0.0367), (10, 5.0, 0.0184), (1, 1.0, 0.5), (2, 2.0, 0.4)],
)
def test_erlang_b_table_values(n, a, table):
    assert erlang.erlang_b(n, a) == pytest.approx(table, abs=1e-4)
    assert erlang.erlang_b(n, a) == pytest.approx(direct_erlang_b(n, a), rel=1e-12)


@pytest.mark.parametrize(
    ("n", "a", "table"),
    [(2, 1.0, 1 / 3), (3, 2.0, 4 / 9), (5, 2.0, 0.0597), (10, 5.0, 0.0361), (14, 10.0, 0.1741)],
)
def test_erlang_c_table_values(n, a, table):
    assert erlang.erlang_c(n, a) == pytest.approx(table, abs=1e-4)
    assert erlang.erlang_c(n, a) == pytest.approx(direct_erlang_c(n, a), rel=1e-12)


def test_erlang_b_and_c_match_direct_sums_on_a_grid():
    for a in (0.3, 1.0, 4.5, 9.9, 17.0, 42.0):
        for n in range(1, 70):
            assert erlang.erlang_b(n, a) == pytest.approx(direct_erlang_b(n, a), rel=1e-10)
            if n > a:
                assert erlang.erlang_c(n, a) == pytest.approx(direct_erlang_c(n, a), rel=1e-10)


def test_agents_needed_for_the_reference_case_is_14():
    needed = erlang.agents_needed(load=10.0, aht_seconds=180, sl_seconds=20, target=0.8)
    brute = next(n for n in range(11, 100) if direct_sl(n, 10.0, 180, 20) >= 0.8)
    assert needed == brute == 14
    assert direct_sl(13, 10.0, 180, 20) < 0.8 <= direct_sl(14, 10.0, 180, 20)
    assert erlang.staffing_report(**REF)["agents_needed"] == 14


def test_agents_needed_matches_brute_force_for_other_targets():
    for load, t, target in [(10.0, 20, 0.9), (3.7, 15, 0.95), (25.0, 30, 0.5), (0.2, 0, 0.99)]:
        brute = next(
            n for n in range(math.floor(load) + 1, 200) if direct_sl(n, load, 180, t) >= target
        )
        got = erlang.agents_needed(load=load, aht_seconds=180, sl_seconds=t, target=target)
        assert got == brute


def test_unstable_queue_when_agents_do_not_exceed_the_load():
    for agents in (5, 10):
        m = erlang.erlang_c_metrics(agents=agents, load=10.0, aht_seconds=180, sl_seconds=20)
        assert m.p_wait == 1.0
        assert m.service_level == 0.0
        assert math.isinf(m.asa_s)
        assert m.occupancy == 1.0
        assert m.p_abandon is None
    report = erlang.staffing_report(**{**REF, "agents": 10})
    assert report["p_wait"] == 1.0
    assert report["service_level"] == 0.0
    assert report["asa_s"] is None
    assert report["occupancy"] == 1.0
    assert report["agents_needed"] == 14
    json.dumps(report, allow_nan=False)  # JSON-ready: no Infinity


def test_no_calls_means_no_waiting():
    for patience in (None, 60.0):
        report = erlang.staffing_report(**{**REF, "calls": 0, "patience_seconds": patience})
        assert report["p_wait"] == 0.0
        assert report["service_level"] == 1.0
        assert report["asa_s"] == 0.0
        assert report["occupancy"] == 0.0
        assert report["agents_needed"] == 1


# --- Erlang A ---


def test_erlang_a_converges_to_erlang_c_with_very_long_patience():
    c = erlang.staffing_report(**REF)
    a = erlang.staffing_report(**REF, patience_seconds=1e9)
    assert a["model"] == "erlang_a"
    for key in ("p_wait", "service_level", "asa_s", "occupancy"):
        assert a[key] == pytest.approx(c[key], rel=1e-6)
    assert a["p_abandon"] == pytest.approx(0.0, abs=1e-6)
    assert a["agents_needed"] == c["agents_needed"] == 14


def test_erlang_a_with_short_patience_abandons_and_serves_faster():
    c = erlang.staffing_report(**REF)
    a = erlang.staffing_report(**REF, patience_seconds=120)
    assert a["p_abandon"] > 0.0
    assert a["service_level"] > c["service_level"]
    assert a["p_wait"] < c["p_wait"]
    assert a["asa_s"] < c["asa_s"]
    assert a["agents_needed"] <= c["agents_needed"]
    assert a["p_wait"] == pytest.approx(0.126976, abs=1e-6)
    assert a["p_abandon"] == pytest.approx(0.022839, abs=1e-6)
    assert a["service_level"] == pytest.approx(0.932730, abs=1e-6)
    assert a["asa_s"] == pytest.approx(2.345375, abs=1e-6)
    assert a["occupancy"] == pytest.approx(10 * (1 - a["p_abandon"]) / 14)
    assert a["agents_needed"] == 12


@pytest.mark.parametrize(
    ("n", "a", "aht", "t", "patience"),
    [
        (14, 10.0, 180, 20, 120),  # the reference case, x > y
        (5, 10.0, 180, 20, 120),  # overloaded, y > x
        (10, 10.0, 180, 20, 60),  # N == A
        (9, 10.0, 180, 20, 3000),  # y > x, both incomplete-gamma arguments above a + 1
        (10, 10.2, 180, 400, 3000),  # y > x, the window straddles a + 1
        (3, 8.0, 300, 30, 30),
        (12, 10.0, 180, 60, 5),
    ],
)
def test_erlang_a_matches_a_brute_force_birth_death_solution(n, a, aht, t, patience):
    y = a * patience / aht  # mean queue length scale lambda / theta
    states = int(y + 12 * math.sqrt(y) + 80)
    expected = brute_erlang_a(n, a, aht, t, patience, states=states)
    got = erlang.erlang_a_metrics(
        agents=n, load=a, aht_seconds=aht, sl_seconds=t, patience_seconds=patience
    )
    for key, value in expected.items():
        assert getattr(got, key) == pytest.approx(value, rel=1e-8, abs=1e-12), key


def test_erlang_a_is_defined_when_agents_do_not_exceed_the_load():
    m = erlang.erlang_a_metrics(
        agents=5, load=10.0, aht_seconds=180, sl_seconds=20, patience_seconds=120
    )
    assert 0.0 < m.p_wait < 1.0
    assert 0.0 < m.service_level < 1.0
    assert 0.0 < m.p_abandon < 1.0
    assert math.isfinite(m.asa_s)
    assert m.occupancy < 1.0
    # Very patient callers: abandonment absorbs exactly the excess load, 1 - N / A.
    m = erlang.erlang_a_metrics(
        agents=5, load=10.0, aht_seconds=180, sl_seconds=20, patience_seconds=1e9
    )
    assert m.p_abandon == pytest.approx(0.5, abs=1e-6)
    assert m.occupancy == pytest.approx(1.0, abs=1e-6)
    assert m.service_level == pytest.approx(0.0, abs=1e-6)


def test_erlang_a_service_level_limits_in_the_threshold():
    kwargs = {"agents": 12, "load": 10.0, "aht_seconds": 180, "patience_seconds": 90}
    at_zero = erlang.erlang_a_metrics(sl_seconds=0, **kwargs)
    assert at_zero.service_level == pytest.approx(1.0 - at_zero.p_wait, rel=1e-12)
    forever = erlang.erlang_a_metrics(sl_seconds=1e6, **kwargs)
    assert forever.service_level == pytest.approx(1.0 - forever.p_abandon, rel=1e-12)


@pytest.mark.parametrize("patience", [None, 5.0, 60.0, 600.0, 1e4])
def test_service_level_rises_with_agents(patience):
    def sl(n):
        if patience is None:
            return erlang.erlang_c_metrics(
                agents=n, load=10.0, aht_seconds=180, sl_seconds=20
            ).service_level
        return erlang.erlang_a_metrics(
            agents=n, load=10.0, aht_seconds=180, sl_seconds=20, patience_seconds=patience
        ).service_level

    levels = [sl(n) for n in range(1, 30)]
    assert levels == sorted(levels)
    meaningful = [v for v in levels if 1e-12 < v < 0.9999]
    assert all(b > a for a, b in zip(meaningful, meaningful[1:], strict=False))
    assert levels[-1] > 0.999


def test_agents_needed_erlang_a_is_the_first_staffing_reaching_the_target():
    for patience, target in [(120, 0.8), (30, 0.9), (600, 0.95), (1e9, 0.8)]:
        needed = erlang.agents_needed(
            load=10.0, aht_seconds=180, sl_seconds=20, target=target, patience_seconds=patience
        )
        brute = next(
            n
            for n in range(1, 100)
            if erlang.erlang_a_metrics(
                agents=n, load=10.0, aht_seconds=180, sl_seconds=20, patience_seconds=patience
            ).service_level
            >= target
        )
        assert needed == brute


# --- validation ---


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("calls", -1),
        ("calls", math.nan),
        ("interval_seconds", 0),
        ("interval_seconds", -60),
        ("aht_seconds", 0),
        ("aht_seconds", -1.5),
        ("agents", 0),
        ("agents", -3),
        ("agents", 2.5),
        ("agents", "14"),
        ("sl_seconds", -1),
        ("target", 0),
        ("target", 1),
        ("target", 1.2),
        ("target", -0.5),
        ("patience_seconds", 0),
        ("patience_seconds", -30),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_parameter(field, value):
    with pytest.raises(ValueError, match=rf"^{field} must"):
        erlang.staffing_report(**{**REF, field: value})


def test_integral_float_agents_are_accepted():
    assert erlang.staffing_report(**{**REF, "agents": 14.0})["agents"] == 14


def test_inputs_and_outputs_are_frozen_dataclasses():
    params = erlang.StaffingInput(**REF)
    with pytest.raises(AttributeError):
        params.agents = 3
    metrics = erlang.evaluate(params)
    with pytest.raises(AttributeError):
        metrics.p_wait = 0.0
    assert metrics.p_wait == pytest.approx(erlang.staffing_report(**REF)["p_wait"])


# --- CLI ---


def parser():
    p = argparse.ArgumentParser(prog="ccaward")
    sub = p.add_subparsers(dest="command", required=True)
    cli_erlang.add_parser(sub)
    return p


REF_ARGV = [
    "erlang",
    "--calls",
    "100",
    "--interval-seconds",
    "1800",
    "--aht-seconds",
    "180",
    "--agents",
    "14",
    "--sl-seconds",
    "20",
]


def test_cli_prints_the_report_as_json(capsys):
    args = parser().parse_args(REF_ARGV)
    assert args.func(args) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    out = json.loads(captured.out)
    assert set(out) == REPORT_KEYS
    assert out["model"] == "erlang_c"
    assert out["agents"] == 14
    assert out["target"] == 0.8
    assert out["p_wait"] == pytest.approx(0.174, abs=0.001)
    assert out["service_level"] == pytest.approx(0.888, abs=0.001)
    assert out["asa_s"] == pytest.approx(7.8, abs=0.05)
    assert out["occupancy"] == round(10 / 14, 6)
    assert out["p_abandon"] is None
    assert out["agents_needed"] == 14
    assert captured.out.startswith('{\n  "model"')  # indent 2


def test_cli_with_patience_uses_erlang_a(capsys):
    args = parser().parse_args([*REF_ARGV, "--patience-seconds", "120", "--target", "0.9"])
    assert cli_erlang.run(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["model"] == "erlang_a"
    assert out["patience_seconds"] == 120.0
    assert out["target"] == 0.9
    assert out["p_abandon"] == pytest.approx(0.022839, abs=1e-6)
    assert out["service_level"] == pytest.approx(0.93273, abs=1e-6)


def test_cli_invalid_input_exits_2_with_the_message_on_stderr(capsys):
    args = parser().parse_args([*REF_ARGV, "--target", "1.5"])
    assert args.func(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("ccaward erlang: error: target must be")
    args = parser().parse_args([*REF_ARGV[:-2], "--sl-seconds=-5"])
    assert args.func(args) == 2
    assert "error: sl_seconds must be >= 0" in capsys.readouterr().err
