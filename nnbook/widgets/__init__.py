"""Live widgets for the course (being written; see issue 4)."""
