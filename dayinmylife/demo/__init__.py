"""dayinmylife.demo.casework."""
