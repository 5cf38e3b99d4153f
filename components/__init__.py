"""Rasa NLU graph components. They adapt ``bot.nlp`` to Rasa and hold no logic of their own.

Importing the package (the Rasa server does, to load the model) also applies
``server_speedups``: a faster check of the action server's answers.
"""

from components import server_speedups

server_speedups.apply()
