"""What people see and take away: the map, tables and files, the handout, German formats, view state, search."""
