"""The centre's rules as pure functions: no Qt, no SQL, no clock, no I/O."""
