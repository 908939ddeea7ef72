"""The pull-request workflow for data edits: change report, canonical form, import, JSON Schema, CI output."""
