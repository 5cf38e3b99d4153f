"""The klantbegeleider workspace: a FastAPI app with HTML pages, the intake API and exports.

``bot.web.app.create_app()`` builds the ASGI app; ``python -m bot web`` serves it.
"""
