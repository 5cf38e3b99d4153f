"""Intake and triage assistant for Supported Employment: the domain core.

Sub-packages: ``triage`` (route advice), ``conversation`` (what to ask, how to read answers,
summaries), ``nlp`` (Dutch text normalisation), ``storage`` (SQLAlchemy), ``web`` (FastAPI app),
``privacy`` (BSN masking, retention). Nothing here imports Rasa; ``actions/`` and
``components/`` adapt this package to Rasa.
"""

__version__ = "0.1.0"
