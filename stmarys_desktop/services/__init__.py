"""Use cases, one function per user action: permission, policy, store, audit."""
