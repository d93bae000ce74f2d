"""Scoring: evaluation frameworks as data, score sheets, completion rates, grades, monitoring deviations."""
