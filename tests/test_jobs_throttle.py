"""The pace of updates: the first at once, then one per interval, counted from the check."""

from __future__ import annotations

from spyglass.jobs.throttle import Throttle


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_first_go_is_due_at_once_then_waits_an_interval() -> None:
    clock = FakeClock()
    throttle = Throttle(0.25, clock)
    assert throttle.due()
    throttle.mark()
    clock.now += 0.24
    assert not throttle.due()
    assert abs(throttle.remaining() - 0.01) < 1e-9
    clock.now += 0.01
    assert throttle.due()
    assert throttle.remaining() == 0.0


def test_interval_counts_from_the_check_not_from_the_end_of_the_work() -> None:
    clock = FakeClock()
    throttle = Throttle(0.25, clock)
    assert throttle.due()
    clock.now += 0.2  # the work done between the check and the mark
    throttle.mark()
    clock.now += 0.05
    assert throttle.due()


def test_mark_without_a_check_counts_from_now() -> None:
    clock = FakeClock()
    throttle = Throttle(0.25, clock)
    throttle.mark()
    clock.now += 0.1
    assert not throttle.due()


def test_started_throttle_waits_before_its_first_go() -> None:
    clock = FakeClock()
    throttle = Throttle(0.25, clock, started=True)
    assert not throttle.due()
    clock.now += 0.25
    assert throttle.due()


def test_zero_interval_is_always_due() -> None:
    clock = FakeClock()
    throttle = Throttle(0.0, clock)
    for _ in range(3):
        assert throttle.due()
        throttle.mark()
