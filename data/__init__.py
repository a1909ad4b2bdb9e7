"""Persistence: SQLAlchemy models, Alembic migrations and the store API.

The store hands out and takes plain ``tracker`` objects; ORM rows never leave this package.
"""
