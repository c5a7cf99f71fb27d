"""Renderers that turn a :class:`~ekspor_cli.report.Report` into text formats (pure)."""
