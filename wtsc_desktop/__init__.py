"""WTSC Desktop: the safeguarding record a designated safeguarding lead keeps on one PC.

Packages, and the only direction they may import in (see design.md):
``ui`` -> ``services`` -> ``store``, ``guidance``, ``reports``. ``guidance`` imports
nothing of the project. ``errors``, ``clock`` and ``paths`` are shared by every layer.
"""

__version__ = "0.1.0"
APP_NAME = "WTSC Desktop"
