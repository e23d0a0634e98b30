"""A policy's cursor: how far it has acted on the log, never moved back."""

from eventsourcing.utils import resolve_topic

from application.policy_cursor import PolicyCursor, cursor_id


def test_a_cursor_advances_and_never_moves_back() -> None:
    cursor = PolicyCursor.start("arrivals")

    cursor.advance(10)
    cursor.advance(7)

    assert cursor.position == 10
    assert [type(e).__name__ for e in cursor.collect_events()] == ["Created", "Advanced"]


def test_the_event_at_the_cursor_is_not_passed_but_every_earlier_one_is() -> None:
    cursor = PolicyCursor.start("arrivals")
    cursor.advance(10)

    assert (cursor.passed(9), cursor.passed(10), cursor.passed(11)) == (True, False, False)


def test_each_policy_has_one_cursor_with_pinned_topics() -> None:
    assert PolicyCursor.start("arrivals").id == cursor_id("arrivals") != cursor_id("expiry")
    assert resolve_topic("oms:PolicyCursor") is PolicyCursor
    assert resolve_topic("oms:PolicyCursor.Advanced") is PolicyCursor.Advanced
