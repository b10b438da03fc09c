"""dayinmylife.web."""
