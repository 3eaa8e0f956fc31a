"""bqplot imports pandas when it is imported (``bqplot/traits.py``), though the charts here never
hand it a DataFrame, a Series or a Timestamp. pandas costs each kernel about 33 MiB, so a room of
forty on one laptop pays over 1 GiB for nothing. Before bqplot is imported, :func:`install` puts
a stand-in module under the name ``pandas`` that imports the real pandas the first time any of its
attributes is read, so any use of pandas still works; only nobody pays for it in advance.

traittypes' DataFrame and Series traits (bqplot's MarketMap, not used here) read ``pd.DataFrame``
when their class is defined. They get a placeholder class instead, so a MarketMap would refuse a
DataFrame: use none, or import pandas before medinsure.

A workaround of a third-party import, not a layer change; measured by
``benchmarks/load.py`` (kernel RSS) and checked by ``tests/test_pandas_on_demand.py``.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types


class NotLoaded:
    """What traittypes' DataFrame and Series traits check against while pandas is not imported."""


def install() -> bool:
    """Put the on-demand stand-in in place; False (and nothing done) where pandas or bqplot is
    already imported."""
    if "pandas" in sys.modules or "bqplot" in sys.modules:
        return False
    stand_in = types.ModuleType("pandas", "pandas, imported the first time it is used")
    stand_in.__spec__ = importlib.machinery.ModuleSpec("pandas", None)

    def __getattr__(name: str):
        if sys.modules.get("pandas") is stand_in:
            del sys.modules["pandas"]
        return getattr(importlib.import_module("pandas"), name)

    stand_in.__getattr__ = __getattr__
    sys.modules["pandas"] = stand_in
    import traittypes

    for trait in (traittypes.DataFrame, traittypes.Series):
        if trait.klass is None:
            trait.klass = NotLoaded
    return True
