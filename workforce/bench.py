"""Timing one page through Django's test client, for the `bench_*` commands.

Middleware, SQL and templates count; the network does not. Figures go into
docs/performance.md, never into tests (timed unit tests are flaky; benchmarks print).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.db import connection
from django.http import HttpResponse
from django.test import Client


@dataclass
class PageTimings:
    """The warm-up response, its SQL (statement, parameters) and the timed runs in ms."""

    first: HttpResponse
    queries: list[tuple[str, object]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)

    def summary(self) -> str:
        times = self.times
        p95 = (
            statistics.quantiles(times, n=20, method="inclusive")[-1]
            if len(times) > 1
            else times[0]
        )
        return (
            f"  p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms"
            f"   max {max(times):7.1f} ms"
        )


def page_time(*, client: Client, url: str, runs: int) -> PageTimings:
    """GET `url` once to warm up (recording its SQL), then `runs` times, timed."""
    queries: list[tuple[str, object]] = []

    def record(execute: object, sql: str, params: object, *rest: object) -> object:
        queries.append((sql, params))
        return execute(sql, params, *rest)

    with connection.execute_wrapper(record):
        first = client.get(url)
    if first.status_code != 200:
        raise CommandError(f"{url} answered {first.status_code}")
    timings = PageTimings(first=first, queries=queries)
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.times.append((time.perf_counter() - started) * 1000)
    return timings
