"""Packaged data for nlp: the department alias table (departments.json)."""
