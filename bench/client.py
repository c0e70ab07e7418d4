"""An HTTP client that times requests against the local server, two probes in turns."""

import http.client
import json
import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Timing:
    """Latencies (ms) of repeated requests, and the server's query counts."""

    millis: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.millis)

    @property
    def p95(self) -> float:
        ordered = sorted(self.millis)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def queries_per_request(self) -> float:
        return statistics.mean(self.queries) if self.queries else 0.0


class Client:
    def __init__(self, host: str, port: int):
        self.connection = http.client.HTTPConnection(host, port, timeout=60)

    def request(self, method: str, path: str, *, token: str | None = None, body=None):
        """Return (status, headers, decoded JSON or None, milliseconds)."""
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.connection.request(method, path, body=payload, headers=headers)
        response = self.connection.getresponse()
        raw = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        data = json.loads(raw) if raw and "json" in response.getheader("Content-Type", "") else None
        return response.status, response, data, elapsed

    def compare(self, *probes: "Probe", repeat: int, warmup: int = 3) -> list[Timing]:
        """Time each of ``probes`` ``repeat`` times, taking turns, after ``warmup`` rounds.

        Taking turns exposes each probe to the same state of the machine (a
        busy neighbour, a cold cache, a frequency change), so a drift during
        the run moves both sides of a ratio rather than one.
        """
        timings = [Timing() for _probe in probes]
        for attempt in range(warmup + repeat):
            for probe, timing in zip(probes, timings, strict=True):
                status, response, data, elapsed = self.request(
                    probe.method, probe.path, token=probe.token, body=probe.body
                )
                if status != probe.expect:
                    raise RuntimeError(f"{probe.method} {probe.path} answered {status}: {data}")
                if attempt >= warmup:
                    timing.millis.append(elapsed)
                    timing.queries.append(int(response.getheader("X-Queries", "0")))
        return timings


@dataclass(frozen=True)
class Probe:
    """One request to time: method, path, credentials, body and the expected status."""

    method: str
    path: str
    token: str | None = None
    body: dict | None = None
    expect: int = 200


def bench_line(name: str, n: int, ours: Timing, baseline: Timing) -> str:
    """Format one BENCH line: our Timing against the baseline's."""
    return (
        f"BENCH name={name} n={n} ours_ms={ours.p50:.2f} baseline_ms={baseline.p50:.2f} "
        f"ratio={ours.p50 / baseline.p50:.2f} ours_p95_ms={ours.p95:.2f} "
        f"baseline_p95_ms={baseline.p95:.2f} queries={ours.queries_per_request:.1f}"
    )
