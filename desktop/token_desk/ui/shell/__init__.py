"""The main window and what frames it: menus, toolbar, status line, banner, welcome page, commands."""
