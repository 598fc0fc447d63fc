"""datapackage.json (Frictionless Data Package, Table Schema per table) beside the dataset.

French open-data portals (data.gouv.fr) read this descriptor: every published table as a
resource listing its Parquet parts, its columns with Table Schema types and whether they can
be null, and its primary key. It is built from rtes_core.schemas (the one source of the
columns), written into each published version (so it always matches the files beside it) and
reached as DATA_DIR/datapackage.json through `current/`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa

from rtes_core.schemas import TABLES

DESCRIPTOR = "datapackage.json"
PACKAGE_NAME = "rtes-resources"
MISSING_VALUES = ["", "nan", "NaN", "NaT", "None"]
# Tables whose rows have one identifying column (Table Schema primaryKey).
PRIMARY_KEYS = {"resources": ["resource_id"]}
TABLE_DESCRIPTIONS = {
    "resources": "One row per resource of the RTES library: fields as typed columns, the cleaned body.",
    "removed_blocks": "Every block the cleaning stage removed from a resource, with its reason (audit trail).",
    "merged_occurrences": "Every page occurrence folded into a resource seen elsewhere.",
    "resource_versions": "One row per new or changed version of a resource (history), by run date.",
}


def field_type(arrow: pa.DataType) -> str:
    """The Table Schema type of an Arrow type."""
    if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
        return "string"
    if pa.types.is_integer(arrow):
        return "integer"
    if pa.types.is_floating(arrow):
        return "number"
    if pa.types.is_boolean(arrow):
        return "boolean"
    if pa.types.is_date(arrow):
        return "date"
    if pa.types.is_timestamp(arrow):
        return "datetime"
    # Nested Parquet columns (lists, structs) are "any": Table Schema's array/object mean JSON text,
    # and Frictionless's Parquet reader hands them over as arrays, not JSON; the description says
    # what
    # they hold.
    return "any"


def table_schema(schema: pa.Schema, name: str) -> dict[str, Any]:
    """A Frictionless Table Schema of one table."""
    fields = []
    for f in schema:
        entry: dict[str, Any] = {"name": f.name, "type": field_type(f.type)}
        if not f.nullable:
            entry["constraints"] = {"required": True}
        if entry["type"] == "any":
            entry["description"] = f"Parquet type {f.type}"
        fields.append(entry)
    # Readers that go through pandas (Frictionless's Parquet plugin) see a null as NaN/NaT/None.
    out: dict[str, Any] = {"fields": fields, "missingValues": MISSING_VALUES}
    if name in PRIMARY_KEYS:
        out["primaryKey"] = PRIMARY_KEYS[name]
    return out


def descriptor(version_dir: Path) -> dict[str, Any]:
    """The Data Package of the tables in one published version folder."""
    resources = []
    for name, (schema, version) in TABLES.items():
        folder = version_dir / name
        parts = (
            sorted(str(p.relative_to(version_dir)) for p in folder.rglob("*.parquet"))
            if folder.is_dir()
            else []
        )
        if not parts:
            continue
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": parts if len(parts) > 1 else parts[0],
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": TABLE_DESCRIPTIONS.get(name, name),
                "version": version,
                "schema": table_schema(schema, name),
            }
        )
    return {
        "name": PACKAGE_NAME,
        "title": "RTES resource library, cleaned",
        "description": "Resources of rtes.fr (Réseau des collectivités Territoriales pour une Économie "
        "Solidaire), one clean record each; see datasets/README.md for every column.",
        "homepage": "https://www.rtes.fr",
        "resources": resources,
    }


def write(version_dir: Path) -> Path:
    """Write version_dir/datapackage.json atomically; returns its path."""
    path = version_dir / DESCRIPTOR
    temporary = path.with_name(f".{DESCRIPTOR}.tmp-{os.getpid()}")
    temporary.write_text(
        json.dumps(descriptor(version_dir), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(temporary, path)
    return path


def link(data_dir: Path, current_link: str) -> None:
    """DATA_DIR/datapackage.json -> current/datapackage.json, once (relative paths then resolve
    from DATA_DIR too, since DATA_DIR/<table> are links into current/)."""
    path = data_dir / DESCRIPTOR
    if not path.is_symlink() and not path.exists():
        path.symlink_to(f"{current_link}/{DESCRIPTOR}")
