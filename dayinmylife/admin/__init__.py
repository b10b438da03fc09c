"""dayinmylife.admin."""
