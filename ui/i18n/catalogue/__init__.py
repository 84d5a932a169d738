"""The message catalogue, one module per area of the interface (see :mod:`ui.i18n`)."""
