"""The encrypted record store: tables, engine, key slots, audit chain, backups, migrations.

May import ``wtsc_desktop.errors``, ``wtsc_desktop.paths`` and ``wtsc_desktop.clock``;
never ``services`` or ``ui``. The database file is opened only through sqlcipher3.
"""
