"""gongkai's question engine (`bot.answer`) and its faces: the command line and Telegram."""
