"""GraphQL object types, one per module, each built from a projection row by `from_row`."""
