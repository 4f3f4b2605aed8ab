"""Plan templates (forms/*.toml): reading and checking them into core Plan objects."""
