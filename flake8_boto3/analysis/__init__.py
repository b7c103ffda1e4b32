"""Analyses shared by several rules (built once per file, on demand)."""
