"""Rasa NLU graph components. They adapt ``bot.nlp`` to Rasa and hold no logic of their own."""
