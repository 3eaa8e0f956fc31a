"""Charts, one module per page."""
