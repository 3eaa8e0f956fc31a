"""Words, numbers as text, HTML, charts and exports: what a reader sees."""
