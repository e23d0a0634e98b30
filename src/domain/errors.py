"""Errors the domain raises when a command cannot be carried out."""


class DomainError(Exception):
    """Base class: a command was refused by a business rule."""


class NotFound(DomainError):
    """The thing a command names does not exist."""


class InvalidRequest(DomainError):
    """The command contradicts itself or names things the aggregate does not hold."""


class NotAllowed(DomainError):
    """The command is not allowed in the aggregate's current state."""


class OutOfStock(NotAllowed):
    """Not enough available stock at a node for the requested quantity."""


class ConcurrencyConflict(DomainError):
    """Another writer kept changing the same aggregates; the command gave up."""
