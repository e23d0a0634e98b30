"""The OMS application: one eventsourcing Application holding every aggregate type.

Commands that touch several aggregates (placing an order reserves stock on nodes, shipping
takes stock off hand, a restocked return puts it back) save them all in one transaction.
"""

from __future__ import annotations

from application.backorder_commands import BackorderCommands
from application.customer_commands import CustomerCommands
from application.fulfilment import FulfilmentCommands
from application.kit_commands import KitCommands
from application.node_commands import NodeCommands
from application.order_commands import OrderCommands
from application.personal_data_commands import PersonalDataCommands
from application.pickup_commands import PickupCommands
from application.promising import PromiseQueries
from application.return_commands import ReturnCommands
from application.rules import RulesCommands


class OMS(
    NodeCommands,
    OrderCommands,
    FulfilmentCommands,
    ReturnCommands,
    RulesCommands,
    KitCommands,
    PromiseQueries,
    CustomerCommands,
    PersonalDataCommands,
    BackorderCommands,
    PickupCommands,
):
    """Every command of the order management system, one method each."""
