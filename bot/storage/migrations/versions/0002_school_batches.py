"""School codes and batch pre-screening: school_codes, school_batches, school_batch_rows.

Revision ID: 0002_school_batches
Revises: 0001_initial
Create Date: 2025-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_school_batches"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_codes",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("school_name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=True),
        sa.UniqueConstraint("school_name", name="uq_school_codes_school_name"),
    )

    op.create_table(
        "school_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("school_name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("sent_by", sa.String(100), nullable=True),
        sa.Column("first_viewed_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_school_batches_school", "school_batches", ["school_name"])
    op.create_index("ix_school_batches_status", "school_batches", ["status"])

    op.create_table(
        "school_batch_rows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "batch_id",
            sa.Integer(),
            sa.ForeignKey(
                "school_batches.id", ondelete="CASCADE", name="fk_school_batch_rows_batch"
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("cells", sa.JSON(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=True),
        sa.Column("advice", sa.JSON(), nullable=True),
        sa.Column("errors", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ix_school_batch_rows_batch", "school_batch_rows", ["batch_id", "position"]
    )


def downgrade() -> None:
    op.drop_table("school_batch_rows")
    op.drop_table("school_batches")
    op.drop_table("school_codes")
