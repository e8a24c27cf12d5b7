"""Question families: fractions (filled in by its author)."""
