"""The pure domain of qdesk: standard library only, no Qt, no SQL, no I/O."""
