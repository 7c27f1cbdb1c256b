"""The token tables: pages, the table view and its ⋮ strip, column layout, details, the loader."""
