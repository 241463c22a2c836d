"""Alembic migrations. env.py is given the live, keyed connection, never a URL."""
