"""The web API."""
