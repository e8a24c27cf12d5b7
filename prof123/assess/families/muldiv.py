"""Question families: muldiv (filled in by its author)."""
