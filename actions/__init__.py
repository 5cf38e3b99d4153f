"""rasa-sdk actions: thin adapters from Rasa's tracker to ``bot.conversation`` and ``bot.storage``.

``rasa run actions`` imports every module in this package and registers each Action subclass.
"""
