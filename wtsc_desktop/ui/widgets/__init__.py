"""widgets of the interface (see wtsc_desktop.ui)."""
