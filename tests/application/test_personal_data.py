"""Personal data in events is sealed under a key per customer; erasing destroys the key.

Names, emails and addresses read back as "[erased]" from then on, in the aggregates, their
snapshots and the history, while every event, amount and the customer's id stay.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from uuid import UUID

import pytest

from application.audit import AuditLog
from application.commands import Address, PlaceOrder, RecordPayment
from application.control_inputs import PutCustomer
from application.oms import OMS
from application.personal_data import PersonalMapper
from application.personal_keys import Keys
from application.settings import in_memory_env
from application.subject_context import NoDataSubject
from domain.errors import NotFound
from domain.order_values import CustomerDetails
from domain.personal import ERASED
from tests.application.network import DALLAS, NEW_YORK, Network

NAME, EMAIL, PHONE = "Zebulon Quibblesworth", "zq@example.test", "+15555550142"
SECRETS = (
    NAME,
    EMAIL,
    PHONE,
    "5555550142",
    "350 5th Ave",
    "New York",
    "10118",
    "1 Main St",
    "Dallas",
    "75201",
)


@pytest.fixture
def oms():
    app = OMS(in_memory_env(), snapshot_interval=3)
    yield app
    app.close()


@pytest.fixture
def network(oms: OMS) -> Network:
    net = Network(oms)
    net.stock("DC-NJ", "TEE", 50)
    return net


def place(network: Network, customer: str = "C-7") -> UUID:
    order = PlaceOrder(
        channel="WEB",
        customer={"id": customer, "name": NAME, "email": EMAIL, "phone": "+1 555-555-0142"},
        delivery={"method": "SHIP", "address": NEW_YORK},
        lines=[{"sku": "TEE", "quantity": 2, "unit_price": "10.00"}],
    )
    return UUID(network.oms.place_order(order)["order_id"])


def stored_text(oms: OMS) -> str:
    """Every stored event and snapshot, as the store holds them."""
    events = oms.recorder.select_notifications(1, 100_000)
    snapshots = oms.snapshots.recorder.select_events  # type: ignore[union-attr]
    states = [n.state for n in events]
    for n in events:
        states += [s.state for s in snapshots(n.originator_id)]
    return "\n".join(s.decode() for s in states)


def test_names_emails_and_addresses_are_stored_sealed_and_read_back_whole(
    oms: OMS, network: Network
) -> None:
    oid = place(network)
    oms.change_address(oid, Address(**{**DALLAS}))
    oms.put_customer("C-7", PutCustomer(name=NAME, email=EMAIL, phone=PHONE))

    text = stored_text(oms)
    assert '"id":"C-7"' in text  # the customer's id stays readable
    assert not [s for s in SECRETS if s in text]
    order = oms.order(oid)
    assert order.customer == CustomerDetails("C-7", NAME, EMAIL, PHONE)
    assert oms.customer("C-7")["phone"] == PHONE
    assert order.delivery.address is not None
    assert order.delivery.address.city == "Dallas"
    assert oms.customer("C-7")["email"] == EMAIL


def test_erasing_a_customer_leaves_every_event_and_amount_with_the_personal_fields_erased(
    oms: OMS, network: Network
) -> None:
    oid = place(network)
    oms.change_address(oid, Address(**DALLAS))
    oms.put_customer("C-7", PutCustomer(name=NAME, email=EMAIL, phone=PHONE))
    before = AuditLog(oms).order_history(oid)
    total = oms.order(oid).total

    answer = oms.erase_personal_data("C-7")

    assert answer["keys_destroyed"] == 1
    order = oms.order(oid)  # was cached decrypted: evicted, read again
    assert order.customer == CustomerDetails("C-7", ERASED, ERASED, None)
    assert order.delivery.address is not None
    assert (order.delivery.address.line1, order.delivery.address.city) == (ERASED, ERASED)
    assert order.delivery.address.country == "US"
    assert order.total == total
    after = AuditLog(oms).order_history(oid)
    assert [e.position for e in after] == [e.position for e in before]
    assert not [s for s in SECRETS if s in repr([e.record() for e in after])]
    assert (oms.customer("C-7")["name"], oms.customer("C-7")["phone"]) == (ERASED, None)


def test_later_events_and_snapshots_of_an_erased_order_carry_no_personal_data(
    oms: OMS, network: Network
) -> None:
    oid = place(network)
    oms.erase_personal_data("C-7")

    for n in range(4):  # enough events for snapshots after the erasure
        oms.record_payment(oid, RecordPayment(amount="1.00", method="card", reference=f"P{n}"))

    assert not [s for s in SECRETS if s in stored_text(oms)]
    assert oms.order(oid).paid == Decimal("4.00")
    assert oms.order(oid).customer.name == ERASED


def test_erasing_again_records_nothing_new(oms: OMS, network: Network) -> None:
    place(network)
    first = oms.erase_personal_data("C-7")
    head = oms.head()

    again = oms.erase_personal_data("C-7")

    assert (again["keys_destroyed"], again["erased_at"]) == (0, first["erased_at"])
    assert oms.head() == head


def test_a_customer_without_an_account_is_erased_by_the_id_their_orders_name(
    oms: OMS, network: Network
) -> None:
    oid = place(network, customer="GUEST-1")

    oms.erase_personal_data("GUEST-1")

    assert oms.order(oid).customer.email == ERASED


def test_a_customer_the_oms_never_heard_of_is_not_found(oms: OMS) -> None:
    with pytest.raises(NotFound):
        oms.erase_personal_data("NOBODY")


def test_an_order_placed_after_the_erasure_is_readable_under_a_new_key(
    oms: OMS, network: Network
) -> None:
    old = place(network)
    oms.erase_personal_data("C-7")

    new = place(network)

    assert oms.order(new).customer.name == NAME
    assert oms.order(old).customer.name == ERASED


def test_other_customers_keep_their_data(oms: OMS, network: Network) -> None:
    erased, kept = place(network, "C-7"), place(network, "C-8")

    oms.erase_personal_data("C-7")

    assert oms.order(kept).customer.name == NAME
    assert oms.order(erased).customer.name == ERASED


def test_personal_data_with_no_data_subject_is_refused_rather_than_stored_in_the_clear(
    oms: OMS,
) -> None:
    with pytest.raises(NoDataSubject):
        oms.mapper.transcoder.encode({"customer": CustomerDetails("C-1", NAME, EMAIL)})


def test_another_process_forgets_an_erased_customer_before_its_next_command(
    oms: OMS, network: Network
) -> None:
    oid = place(network)
    other = OMS(in_memory_env())
    other.recorder = oms.recorder  # the same store, as a second process sees it
    other.events.recorder = oms.recorder
    other.sealer.keys = oms.sealer.keys
    assert other.order(oid).customer.name == NAME  # cached, decrypted

    oms.erase_personal_data("C-7")
    other.follower.catch_up()

    assert other.order(oid).customer.name == ERASED


class CountingKeys:
    """The key store, counting how keys are asked for."""

    def __init__(self, keys: Keys) -> None:
        self.keys, self.single, self.many = keys, 0, list[set[UUID]]()

    def newest_or_add(self, subject: str, key_id: UUID, key: bytes) -> tuple[UUID, bytes]:
        return self.keys.newest_or_add(subject, key_id, key)

    def get(self, key_id: UUID) -> bytes | None:
        self.single += 1
        return self.keys.get(key_id)

    def get_many(self, key_ids: Collection[UUID]) -> dict[UUID, bytes]:
        self.many.append(set(key_ids))
        return self.keys.get_many(key_ids)

    def erase(self, subject: str) -> int:
        return self.keys.erase(subject)


def test_many_stored_events_are_decoded_with_their_keys_read_in_one_query(
    oms: OMS, network: Network
) -> None:
    for customer in ("C-1", "C-2", "C-3"):
        place(network, customer)
    oms.erase_personal_data("C-3")
    assert oms.sealer.keys is not None
    counting = CountingKeys(oms.sealer.keys)
    oms.sealer.keys = counting
    oms.sealer.forget("C-3")  # this process remembers no key now
    mapper = oms.mapper
    assert isinstance(mapper, PersonalMapper)

    events = mapper.to_domain_events(oms.recorder.select_notifications(1, 1_000))

    names = {e.customer.id: e.customer.name for e in events if hasattr(e, "customer")}
    assert names == {"C-1": NAME, "C-2": NAME, "C-3": ERASED}
    assert [len(asked) for asked in counting.many] == [3]  # C-3's key too, not found
    assert counting.single == 1  # the destroyed key, asked about as before
