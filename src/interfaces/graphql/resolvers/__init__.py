"""Root field resolvers: plain SQL on the projection tables, one statement each."""
