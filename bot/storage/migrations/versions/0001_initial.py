"""Initial schema: intakes, transcripts, users, decisions, notes, audit log, sessions, policy.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intakes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("review_status", sa.String(20), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("advice", sa.JSON(), nullable=True),
        sa.Column("summary_text", sa.Text(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("respondent", sa.String(20), nullable=True),
        sa.Column("school_name", sa.String(200), nullable=True),
        sa.Column("route", sa.String(40), nullable=True),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("droombaan", sa.String(500), nullable=True),
        sa.Column("conversation_state", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("first_reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("transcript_purged_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("sender_id", name="uq_intakes_sender_id"),
    )
    op.create_index("ix_intakes_urgent_created", "intakes", ["urgent", "created_at"])
    op.create_index("ix_intakes_school_name", "intakes", ["school_name"])
    op.create_index("ix_intakes_route", "intakes", ["route"])
    op.create_index("ix_intakes_updated_at", "intakes", ["updated_at"])

    op.create_table(
        "transcripts",
        sa.Column(
            "intake_id",
            sa.Integer(),
            sa.ForeignKey("intakes.id", ondelete="CASCADE", name="fk_transcripts_intake"),
            primary_key=True,
        ),
        sa.Column("messages", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("school_name", sa.String(200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "intake_id",
            sa.Integer(),
            sa.ForeignKey("intakes.id", ondelete="CASCADE", name="fk_decisions_intake"),
            nullable=False,
        ),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="SET NULL", name="fk_decisions_user"),
            nullable=True,
        ),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("advised_route", sa.String(40), nullable=True),
        sa.Column("chosen_route", sa.String(40), nullable=False),
        sa.Column("follows_advice", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_decisions_intake", "decisions", ["intake_id"])

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "intake_id",
            sa.Integer(),
            sa.ForeignKey("intakes.id", ondelete="CASCADE", name="fk_notes_intake"),
            nullable=False,
        ),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="SET NULL", name="fk_notes_user"),
            nullable=True,
        ),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_notes_intake", "notes", ["intake_id"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=True),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("ip", sa.String(64), nullable=True),
    )
    op.create_index("ix_audit_created", "audit_log", ["created_at"])
    op.create_index("ix_audit_sender", "audit_log", ["sender_id"])

    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_web_sessions_user"),
            nullable=False,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )

    op.create_table(
        "policy_settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.String(500), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=True),
    )


def downgrade() -> None:
    for table in (
        "policy_settings",
        "web_sessions",
        "audit_log",
        "notes",
        "decisions",
        "users",
        "transcripts",
        "intakes",
    ):
        op.drop_table(table)
