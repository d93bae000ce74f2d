"""Submissions: everything a unit or firm hands in, and its review by the bureau."""
