"""The workbench: PySide6 windows over the services below (the only package that imports Qt)."""
