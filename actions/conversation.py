"""The actions around the intake form: session start, welcome, pause and resume, digressions,
safety, corrections and the closing advice. Each one is one call of ``bot.conversation.turn``.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import TurnAction, chat_of, message_of, respond
from bot.conversation import turn


class ActionSessionStart(TurnAction):
    """Starts a session and restores answers saved earlier (pause, expiry, server restart)."""

    action_name = "action_session_start"
    turn = staticmethod(turn.start_session)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        carried = respond(dispatcher, self.turn(chat_of(tracker), message_of(tracker)))
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]


class ActionWelcome(TurnAction):
    action_name = "action_welcome"
    turn = staticmethod(turn.welcome)


class ActionResumeIntake(TurnAction):
    action_name = "action_resume_intake"
    turn = staticmethod(turn.resume)


class ActionRestartIntake(TurnAction):
    action_name = "action_restart_intake"
    turn = staticmethod(turn.restart)


class ActionPauseIntake(TurnAction):
    action_name = "action_pause_intake"
    turn = staticmethod(turn.pause)


class ActionDigression(TurnAction):
    action_name = "action_digression"
    turn = staticmethod(turn.digression)


class ActionHumanHandoff(TurnAction):
    action_name = "action_human_handoff"
    turn = staticmethod(turn.human)


class ActionCrisisSupport(TurnAction):
    action_name = "action_crisis_support"
    turn = staticmethod(turn.crisis)


class ActionCorrectAnswer(TurnAction):
    action_name = "action_correct_answer"
    turn = staticmethod(turn.correct)


class ActionFinishIntake(TurnAction):
    action_name = "action_finish_intake"
    turn = staticmethod(turn.finish)


class ActionGoodbye(TurnAction):
    action_name = "action_goodbye"
    turn = staticmethod(turn.goodbye)


class ActionDefaultFallback(TurnAction):
    action_name = "action_default_fallback"
    turn = staticmethod(turn.fallback)
