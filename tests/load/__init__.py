"""Bounded load test of the public site (``make loadtest``)."""
