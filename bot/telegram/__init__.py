"""gongkai on Telegram: aiogram 3 handlers over the question engine and the indexer.

`app.run(config_path)` is what `python -m bot run` calls.
"""
