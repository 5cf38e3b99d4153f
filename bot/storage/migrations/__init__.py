"""Alembic migrations for the intake database (run by ``bot.storage.migrate``)."""
