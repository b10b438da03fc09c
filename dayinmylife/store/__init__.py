"""dayinmylife.store."""
