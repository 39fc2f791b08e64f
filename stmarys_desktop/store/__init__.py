"""The encrypted store: SQLCipher connection, key slots, migrations, repositories,
audit chain, backup."""
