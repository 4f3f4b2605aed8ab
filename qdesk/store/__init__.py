"""The SQLite file through sqlite-utils: schema, migrations, queries, audit trail."""
