"""Every question family, by curriculum area. Importing this package registers them all
in ``prof123.assess.items.FAMILIES``."""

from prof123.assess.families import (  # noqa: F401
    addsub,
    decimals_ratio_algebra,
    fractions,
    measures_geometry_stats,
    muldiv,
    number,
)
