"""gongkai's indexer: read annual reports into sections and figures, store them in SQLite."""
