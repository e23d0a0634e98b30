"""The GraphQL read side: a strawberry schema over the projection tables, at /graphql.

`router.graphql_router()` is what the HTTP app mounts; `schema.schema` is the schema itself.
"""
