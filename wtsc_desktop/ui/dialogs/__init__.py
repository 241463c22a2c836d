"""dialogs of the interface (see wtsc_desktop.ui)."""
