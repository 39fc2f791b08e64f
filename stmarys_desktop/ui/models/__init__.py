"""Table models fed by the services: column enums, a sort role, set_rows() and clear()."""
