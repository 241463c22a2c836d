"""The PySide6 interface. Talks to ``services`` only, never to ``store``; decides how to
show the errors services raise. Layouts are built in code (one style, chosen once).
"""
