"""Tests of the database: connections, migrations, the schema, writers at once."""
