"""Serving the apps and driving them (launcher, browser, widget client)."""
