"""qdesk: the desktop workbench of a county quality office (质量工作领导小组办公室)."""

__version__ = "0.1.0"
