"""The `oms_bi` login: may read the `bi` views and nothing else.

Its password is stored only as a SCRAM-SHA-256 verifier computed here (the server never
sees it in clear text). Privileges PUBLIC holds by default that would let it do more than
read are taken away: creating temporary tables in the OMS database (the application's
own role keeps that right) and creating objects in schema `public`.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import Connection, sql

from projections import bi

_ROLE = sql.Identifier(bi.ROLE)
_ATTRIBUTES = sql.SQL(
    "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS"
)


def ensure_bi_role(conn: Connection[Any], password: str) -> None:
    """Create or update `oms_bi` with `password`, and grant it the `bi` views."""
    verifier = conn.pgconn.encrypt_password(
        password.encode(), bi.ROLE.encode(), b"scram-sha-256"
    ).decode()
    with conn.transaction():
        # Processes starting together would otherwise grant at once: "tuple concurrently updated".
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('oms.bi.role'))")
        _create_or_alter(conn, verifier)
        database = sql.Identifier(conn.info.dbname)
        conn.execute(sql.SQL("GRANT TEMPORARY ON DATABASE {} TO CURRENT_USER").format(database))
        conn.execute(sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(database))
        conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, _ROLE))
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        with conn.cursor() as cur:
            bi.grant(cur)


def _create_or_alter(conn: Connection[Any], verifier: str) -> None:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (bi.ROLE,)).fetchone()
    statement = "ALTER ROLE {} WITH {} PASSWORD {}" if exists else "CREATE ROLE {} {} PASSWORD {}"
    try:
        with conn.transaction():  # a savepoint: another process may create it first
            conn.execute(sql.SQL(statement).format(_ROLE, _ATTRIBUTES, sql.Literal(verifier)))
    except psycopg.errors.DuplicateObject:
        conn.execute(
            sql.SQL("ALTER ROLE {} WITH {} PASSWORD {}").format(
                _ROLE, _ATTRIBUTES, sql.Literal(verifier)
            )
        )
