"""Plain data shared by every layer: dataclasses, enums and the errors a person can read."""
