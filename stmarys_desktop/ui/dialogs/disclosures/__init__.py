"""Everything that may leave the centre about one family (DESIGN.md section 2), one module
per concern: what may go out (`actions`), requests that arrive (`requests`), written
consents (`consents`), assessment agreements (`agreements`) and the family's disclosure
history (`history`), put together by `dialog.DisclosuresDialog`."""

from stmarys_desktop.ui.dialogs.disclosures.dialog import DisclosuresDialog

__all__ = ["DisclosuresDialog"]
