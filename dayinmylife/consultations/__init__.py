"""dayinmylife.consultations.views."""
