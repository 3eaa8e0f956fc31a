"""Charts, one module per page."""

from medinsure.views.charts._pandas_on_demand import install as _install_pandas_on_demand

_install_pandas_on_demand()  # before any live chart imports bqplot
