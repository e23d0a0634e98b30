"""What every OMS command needs: the writer, loading aggregates, the log head, the indexes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Repository
from eventsourcing.domain import Aggregate

from application.accounts import AccountsIndex
from application.backorders import BackorderIndex
from application.decoded_events import DecodedEvents
from application.erasures import Erasures
from application.kit_index import KitIndex, SkuCatalogue
from application.log_follower import LogFollower
from application.network import NetworkIndex
from application.observer import CommandObserver, NoObserver
from application.persistence import DATABASE_TIMEOUT
from application.pickups import PickupIndex
from application.preorder_index import PreorderIndex
from application.running import CommandRunner
from application.saving import SavingApplication
from application.writer import Writer
from domain.customer import Customer, customer_key
from domain.errors import InvalidRequest, NotFound
from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.order import Order
from domain.return_ import Return
from domain.rule_set import RULE_SET_ID, SourcingRuleSet
from domain.sourcing_rules import SourcingRules
from domain.values import node_id, node_stock_id

A = TypeVar("A", bound=Aggregate)
DEFAULT_RULES = SourcingRules()
CACHE_SIZE = "AGGREGATE_CACHE_MAXSIZE"  # of the eventsourcing environment: the writer's cache


class OMSBase(CommandRunner, SavingApplication):
    name = "oms"
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {
        InventoryNode: 100,
        NodeStock: 100,
        Order: 100,
    }

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        conflict_retry_s: float = 5.0,
        snapshot_interval: int = 100,
        batch_max: int = 64,
        batch_wait_s: float = 0.0,
    ) -> None:
        # How long a command keeps retrying when other processes changed its aggregates first.
        self.conflict_retry_s = conflict_retry_s
        self.observer: CommandObserver = NoObserver()  # metrics set their own
        # Parsed sourcing rule sets by version (a version never changes once written).
        self.parsed_rules: dict[int, SourcingRules] = {}
        # The library reads the intervals through the instance, so one process setting
        # (OMS_SNAPSHOT_INTERVAL) tunes them without changing the class; 0 takes no
        # snapshots (those already stored are still read).
        self.snapshotting_intervals = dict.fromkeys(  # type: ignore[misc]
            type(self).snapshotting_intervals if snapshot_interval > 0 else (), snapshot_interval
        )
        super().__init__(env)
        self.writer = Writer(
            self,
            batch_max=batch_max,
            batch_wait_s=batch_wait_s,
            cache_size=int(self.env.get(CACHE_SIZE) or 10_000),
        )
        # Events read from the log, decoded once for every reader in this process.
        self.decoded = DecodedEvents(self.mapper)
        self.network = NetworkIndex(self)
        self.accounts = AccountsIndex()
        # A customer the log never named has no stored key: the sealer need not look.
        self.sealer.known = self.accounts.knows
        self.kits = KitIndex()
        self.catalogue = SkuCatalogue(self.network, self.kits)
        self.backorders = BackorderIndex(self)
        self.pickups = PickupIndex()
        self.preorders = PreorderIndex(self.peek)
        timeout = self.env.get(DATABASE_TIMEOUT)
        self.follower = LogFollower(
            self,
            [
                self.network,
                self.accounts,
                self.kits,
                self.backorders,
                self.pickups,
                self.preorders,
                Erasures(self),
            ],
            wait=float(timeout) if timeout else None,
        )
        # What day it is, for invoices falling due (tests move it on).
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def construct_repository(self) -> Repository[UUID]:
        """The library's repository without its cache: the writer caches (`Writer.load`)."""
        return Repository(event_store=self.events, snapshot_store=self.snapshots)

    def close(self) -> None:
        self.writer.close()
        super().close()

    def today(self) -> date:
        return self.clock().date()

    def head(self) -> int:
        """The log position of the newest event (0 for an empty log)."""
        return self.recorder.max_notification_id() or 0

    def find(self, aggregate_id: UUID) -> Any | None:
        """An aggregate: on the writer its own (changed by the command running there, and
        restored if that command is refused); elsewhere a fresh one from the store."""
        if self.writer.on_thread():
            return self.writer.load(aggregate_id)
        return self.stored(aggregate_id)

    def peek(self, aggregate_id: UUID) -> Any | None:
        """An aggregate for reading only, never to change (on the writer: its own, untracked).

        Sourcing reads hundreds of nodes and stock records per decision.
        """
        if self.writer.on_thread():
            return self.writer.load(aggregate_id, track=False)
        return self.stored(aggregate_id)

    def peek_many(self, aggregate_ids: Sequence[UUID]) -> list[Any | None]:
        """`peek` of each id (one cache lock on the writer for all of them)."""
        if self.writer.on_thread():
            return self.writer.peek_many(aggregate_ids)
        return [self.stored(aggregate_id) for aggregate_id in aggregate_ids]

    def stored(self, aggregate_id: UUID) -> Any | None:
        """The aggregate as stored (None if it never was)."""
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def available(self, code: str, sku: str) -> int:
        """Units of `sku` available at node `code` now (read only; 0 without a record)."""
        stock = self.peek(node_stock_id(code, sku))
        return stock.available if isinstance(stock, NodeStock) else 0

    def evict_if_older(self, aggregate_id: UUID, version: int) -> None:
        """Evict a cached aggregate that has not seen the event at `version`."""
        try:
            cached = self.writer.cache.get(aggregate_id)
        except KeyError:
            return
        if cached.version < version:
            self.writer.evict(aggregate_id)

    def node(self, code: str) -> InventoryNode:
        return self._load(node_id(code), InventoryNode, f"no node {code!r}")

    def pickup_node(self, code: str) -> InventoryNode:
        """The node a pickup order names; an unknown one is invalid input (422), not 404."""
        node = self.find(node_id(code))
        if not isinstance(node, InventoryNode):
            raise InvalidRequest(f"pickup node {code!r} does not exist")
        return node

    def order(self, order_id: UUID) -> Order:
        return self._load(order_id, Order, f"no order {order_id}")

    def return_(self, return_id: UUID) -> Return:
        return self._load(return_id, Return, f"no return {return_id}")

    def payment_terms(self, customer_id: str) -> int:
        """Days the customer has to pay an invoice (0 without an account)."""
        if not self.accounts.has_account(customer_id):
            return 0
        customer = self.find(customer_key(customer_id))
        return customer.payment_terms_days if isinstance(customer, Customer) else 0

    def stock(self, code: str, sku: str) -> NodeStock:
        """The node's stock record of a SKU, opened empty if the node never held it."""
        stock = self.find(node_stock_id(code, sku))
        if stock is None:
            self.node(code)
            stock = NodeStock.open(code, sku)
        return stock

    def current_rules(self) -> tuple[int, SourcingRules]:
        """The rules version in force and its rule set (version 0: the defaults).

        Read from the cached rule set (no copy); not looked up at all while the log has
        none, so a placement under the default rules costs no query for them.
        """
        if not self.network.rules_exist:  # no isinstance of an aggregate class (an ABC)
            return 0, DEFAULT_RULES
        rule_set = self.peek(RULE_SET_ID)
        if not isinstance(rule_set, SourcingRuleSet):
            return 0, DEFAULT_RULES
        version = rule_set.rules_version
        rules = self.parsed_rules.get(version)
        if rules is None:
            rules = self.parsed_rules[version] = rule_set.rules
        return version, rules

    def _rule_set(self) -> SourcingRuleSet | None:
        found = self.find(RULE_SET_ID)
        assert found is None or isinstance(found, SourcingRuleSet)
        return found

    def _load(self, aggregate_id: UUID, kind: type[A], message: str) -> A:
        aggregate = self.find(aggregate_id)
        if not isinstance(aggregate, kind):
            raise NotFound(message)
        return aggregate
