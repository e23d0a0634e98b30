"""Bad requests are GraphQL errors with a code; our own failures are masked and coded."""

from __future__ import annotations

from tests.unit.interfaces.graphql.conftest import Execute, error_codes, errors


def test_more_than_100_orders_per_page_is_bad_user_input(execute: Execute) -> None:
    result = execute("{ orders(first: 101) { edges { cursor } } }")
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert "100" in errors(result)[0].message
    assert result.data is None


def test_a_negative_page_size_is_bad_user_input(execute: Execute) -> None:
    result = execute('{ nodeStock(nodeCode: "DC-1", first: -1) { edges { cursor } } }')
    assert error_codes(result) == ["BAD_USER_INPUT"]


def test_a_cursor_not_given_out_by_the_field_is_bad_user_input(execute: Execute) -> None:
    for cursor in ("not-a-cursor", "WyJ4Il0=", "WyJ4IiwgInkiXQ=="):
        result = execute(
            "query($a: String) { orders(after: $a) { edges { cursor } } }", {"a": cursor}
        )
        assert error_codes(result) == ["BAD_USER_INPUT"], cursor


def test_an_order_id_that_is_not_a_uuid_is_bad_user_input(execute: Execute) -> None:
    result = execute('{ order(id: "42") { id } }')
    assert error_codes(result) == ["BAD_USER_INPUT"]
    assert (errors(result)[0].extensions or {})["argument"] == "id"
    assert result.data == {"order": None}


def test_a_placed_from_without_time_zone_is_bad_user_input(execute: Execute) -> None:
    result = execute('{ orders(filter: {placedFrom: "2026-01-01T00:00:00"}) { edges { cursor } } }')
    assert error_codes(result) == ["BAD_USER_INPUT"]


def test_a_store_finder_radius_without_a_point_is_bad_user_input(execute: Execute) -> None:
    result = execute('{ availability(sku: "A", quantity: 1, radiusKm: 5) { nodeCode } }')
    assert error_codes(result) == ["BAD_USER_INPUT"]
    result = execute('{ availability(sku: "A", quantity: 0) { nodeCode } }')
    assert error_codes(result) == ["BAD_USER_INPUT"]


def test_a_query_deeper_than_the_limit_is_refused_before_it_runs(execute: Execute) -> None:
    deep = '{ order(id: "x") ' + "{ returns { order " * 6 + "{ id }" + " } }" * 6 + " }"
    result = execute(deep)
    assert error_codes(result) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "depth" in errors(result)[0].message


def test_too_many_aliases_are_refused(execute: Execute) -> None:
    fields = " ".join(f'a{i}: stock(sku: "S") {{ sku }}' for i in range(40))
    assert "GRAPHQL_VALIDATION_FAILED" in error_codes(execute(f"{{ {fields} }}"))


def test_an_unknown_field_is_a_validation_error(execute: Execute) -> None:
    assert error_codes(execute("{ orderz { id } }")) == ["GRAPHQL_VALIDATION_FAILED"]


def test_a_syntax_error_is_a_parse_error(execute: Execute) -> None:
    assert error_codes(execute("{ order(id: ")) == ["GRAPHQL_PARSE_FAILED"]


def test_a_variable_of_the_wrong_type_is_an_error_not_a_crash(execute: Execute) -> None:
    result = execute("query($f: Int) { orders(first: $f) { edges { cursor } } }", {"f": "many"})
    assert error_codes(result) == ["GRAPHQL_VALIDATION_FAILED"]
    result = execute(
        "query($at: DateTime) { orders(filter: {placedFrom: $at}) { edges { cursor } } }",
        {"at": "yesterday"},
    )
    assert "INTERNAL_SERVER_ERROR" not in error_codes(result)


def test_a_failure_of_ours_is_masked_and_coded(execute: Execute) -> None:
    result = execute('{ stock(sku: "A") { sku } }')
    assert error_codes(result) == ["INTERNAL_SERVER_ERROR"]
    assert errors(result)[0].message == "Internal server error."
    assert "secret" not in str(errors(result)[0].formatted)
