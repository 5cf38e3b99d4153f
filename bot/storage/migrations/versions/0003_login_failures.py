"""Login and API-token failure counters in the database (shared by every web app).

Revision ID: 0003_login_failures
Revises: 0002_school_batches
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_login_failures"
down_revision = "0002_school_batches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("login_failures")
