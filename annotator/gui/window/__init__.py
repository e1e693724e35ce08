"""The workbench window: its state, actions and menus, launch, settings, and the wiring of the parts."""
