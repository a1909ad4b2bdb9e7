"""Alembic migrations, run by :mod:`data.schema` whenever a store is opened."""
