"""Question families: decimals_ratio_algebra (filled in by its author)."""
