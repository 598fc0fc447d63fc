"""Every table's pyarrow schema, in one place, versioned.

Every writer builds its tables from these schemas (never from inferred types), so a
column that is empty in one run still has its type, and readers that union files
(pandas, pyarrow.dataset, DuckDB, polars) never silently drop a column.
Bump a table's version whenever its columns change, and update datasets/README.md.
"""

from __future__ import annotations

import pyarrow as pa

# Metadata key under which every Parquet file records its table name and schema version.
SCHEMA_METADATA_KEY = b"rtes.schema"

RAW_PAGES_VERSION = "1"
RESOURCES_VERSION = (
    "3"  # v2: last_changed_at, removed_at, record_hash; v3: kind, tags, updated_date,
)
# documents[].document_id, content_hash null where there is no body
REMOVED_BLOCKS_VERSION = "1"
MERGED_OCCURRENCES_VERSION = "1"
RESOURCE_VERSIONS_VERSION = (
    "2"  # v2: kind, tags, updated_date, documents[].document_id (resources v3)
)
DOCUMENTS_VERSION = "1"
DOCUMENT_VERSIONS_VERSION = "1"
MEMBERS_VERSION = "1"

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")

# One row per HTTP response the spider received (the immutable raw layer).
RAW_PAGES = pa.schema(
    [
        pa.field("crawl_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),  # URL as requested
        pa.field("final_url", pa.string(), nullable=False),  # after redirects
        pa.field("status", pa.int16(), nullable=False),
        pa.field("fetched_at", UTC_TIMESTAMP, nullable=False),
        pa.field("page_kind", pa.string(), nullable=False),  # listing | detail | other
        pa.field("content_type", pa.string()),
        pa.field("encoding", pa.string()),  # encoding Scrapy decoded the body with
        pa.field("etag", pa.string()),
        pa.field("last_modified", pa.string()),
        pa.field("body_bytes", pa.int64(), nullable=False),  # size of the body received
        pa.field("body_sha256", pa.string(), nullable=False),
        pa.field("html", pa.large_string()),  # decoded text; null for non-text bodies
    ]
)

# Beside a raw crawl's Parquet parts: what the crawl covers (kind full | incremental | partial,
# strategy, listings that failed or held no resource link), written by the spider's raw writer.
RAW_MANIFEST_NAME = "_crawl_manifest.json"

# An attachment as the resource page links it; document_id joins the documents table (null when
# the link was never fetched). It is a derived link, not content: record_hash leaves it out.
DOCUMENT = pa.struct(
    [
        pa.field("title", pa.string()),
        pa.field("url", pa.string()),
        pa.field("document_id", pa.string()),
    ]
)

# One row per resource: the analysis-ready table.
RESOURCES = pa.schema(
    [
        pa.field("resource_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("source_urls", pa.list_(pa.string()), nullable=False),
        pa.field("kind", pa.string()),  # resource | article (null only in rows written before v3)
        pa.field("title", pa.string(), nullable=False),
        pa.field("summary", pa.string()),
        pa.field("body", pa.large_string()),
        pa.field("paragraphs", pa.list_(pa.large_string()), nullable=False),
        pa.field("resource_type", pa.string()),
        pa.field("is_private", pa.bool_()),
        pa.field("categories", pa.list_(pa.string()), nullable=False),
        pa.field("documents", pa.list_(DOCUMENT), nullable=False),
        pa.field("tags", pa.list_(pa.string())),  # the unlabelled term line ([] when none)
        pa.field("published_date", pa.date32()),
        pa.field("updated_date", pa.date32()),  # "mis à jour le …", when the page says it
        pa.field("content_hash", pa.string()),  # null where there is no body (private resources)
        pa.field(
            "record_hash", pa.string(), nullable=False
        ),  # of every content column: a change = a new value
        pa.field(
            "extraction_method", pa.string(), nullable=False
        ),  # drupal_fields | labels | fallback
        pa.field("first_seen_at", UTC_TIMESTAMP, nullable=False),
        pa.field("last_seen_at", UTC_TIMESTAMP, nullable=False),
        pa.field("last_changed_at", UTC_TIMESTAMP, nullable=False),
        pa.field("removed_at", UTC_TIMESTAMP),  # null while the resource is online
        pa.field("crawl_id", pa.string(), nullable=False),
    ]
)

# Content columns: what a "change" of a resource means (never page chrome, URLs or timestamps).
CONTENT_COLUMNS = (
    "kind",
    "title",
    "summary",
    "body",
    "paragraphs",
    "resource_type",
    "is_private",
    "categories",
    "documents",
    "tags",
    "published_date",
    "updated_date",
)

# One row per new or changed version of a resource (the history), partitioned by run date.
RESOURCE_VERSIONS = pa.schema(
    [
        pa.field("resource_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("change", pa.string(), nullable=False),  # new | changed
        pa.field("valid_from", UTC_TIMESTAMP, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("crawl_id", pa.string(), nullable=False),
        *(RESOURCES.field(name) for name in CONTENT_COLUMNS),
        RESOURCES.field("content_hash"),
        RESOURCES.field("record_hash"),
    ]
)

# One row per block the cleaning stage removed from a resource (the audit trail).
REMOVED_BLOCKS = pa.schema(
    [
        pa.field("resource_id", pa.string(), nullable=False),
        pa.field("source_url", pa.string()),  # page occurrence the block came from
        pa.field("position", pa.int32(), nullable=False),  # block index in that occurrence
        pa.field("text", pa.large_string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("duplicate_of_position", pa.int32()),
        pa.field("duplicate_of_text", pa.large_string()),
        pa.field("similarity", pa.float32()),
        pa.field("crawl_id", pa.string(), nullable=False),
    ]
)

# One row per page occurrence folded into a resource seen elsewhere.
MERGED_OCCURRENCES = pa.schema(
    [
        pa.field("resource_id", pa.string(), nullable=False),
        pa.field("source_url", pa.string(), nullable=False),
        pa.field("page_kind", pa.string(), nullable=False),
        pa.field("match", pa.string(), nullable=False),  # node_id | url | content
        pa.field("similarity", pa.float32()),
        pa.field("crawl_id", pa.string(), nullable=False),
    ]
)

# One row per distinct attached file (exact copies under several URLs share one row).
DOCUMENTS = pa.schema(
    [
        pa.field("document_id", pa.string(), nullable=False),  # stable across edits of the file
        pa.field("url", pa.string(), nullable=False),  # the first of `urls`
        pa.field("urls", pa.list_(pa.string()), nullable=False),  # every URL serving these bytes
        pa.field(
            "resource_ids", pa.list_(pa.string()), nullable=False
        ),  # online resources linking it
        pa.field("title", pa.string()),  # the PDF's Title metadata, else the link text
        pa.field("link_titles", pa.list_(pa.string()), nullable=False),
        pa.field("media_type", pa.string()),
        pa.field("bytes", pa.int64()),
        pa.field("sha256", pa.string()),  # of the file's bytes: a change of bytes is a new version
        pa.field("pages", pa.int32()),
        pa.field("text", pa.large_string()),  # clean text, pages separated by "\f"
        pa.field("text_hash", pa.string()),
        pa.field("language", pa.string()),  # ISO 639-1 (py3langid)
        pa.field("published_date", pa.date32()),  # the file's CreationDate
        pa.field("near_duplicate_of", pa.string()),  # document_id of the document it nearly copies
        pa.field("similarity", pa.float32()),  # word 5-gram Jaccard with that document
        pa.field("extraction", pa.string(), nullable=False),  # text_layer | none | failed:<reason>
        pa.field("extraction_seconds", pa.float32()),
        pa.field("first_seen_at", UTC_TIMESTAMP),
        pa.field("last_seen_at", UTC_TIMESTAMP),
        pa.field("last_changed_at", UTC_TIMESTAMP),
        pa.field("removed_at", UTC_TIMESTAMP),  # set when a full pass no longer finds it linked
        pa.field(
            "crawl_id", pa.string(), nullable=False
        ),  # the crawl that last fetched or judged it
    ]
)

# Columns whose change makes a new version of a document.
DOCUMENT_CONTENT_COLUMNS = (
    "sha256",
    "bytes",
    "pages",
    "text",
    "text_hash",
    "title",
    "language",
    "published_date",
    "extraction",
    "media_type",
)

# One row per new or changed version of a document, partitioned by run date.
DOCUMENT_VERSIONS = pa.schema(
    [
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("change", pa.string(), nullable=False),  # new | changed
        pa.field("valid_from", UTC_TIMESTAMP, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("crawl_id", pa.string(), nullable=False),
        *(DOCUMENTS.field(name) for name in DOCUMENT_CONTENT_COLUMNS),
    ]
)

# One row per member collectivité of the network (its profile page, and the region listings).
MEMBERS = pa.schema(
    [
        pa.field("member_id", pa.string(), nullable=False),  # node-N, else url-<hash of the path>
        pa.field("url", pa.string()),
        pa.field("source_urls", pa.list_(pa.string()), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("collectivite_type", pa.string()),  # "Type de collectivité"
        pa.field("population", pa.int64()),  # "Nombre d'habitants sur le territoire"
        pa.field("joined_year", pa.int16()),  # "Année d'adhésion au RTES"
        pa.field("region", pa.string()),
        pa.field("address", pa.string()),
        pa.field("public_contact", pa.string()),
        pa.field("updated_date", pa.date32()),  # "Dernière mise à jour : 07/01/2019"
        pa.field("panorama", pa.large_string()),  # "Panorama de l'ESS sur le territoire"
        pa.field(
            "budget", pa.large_string()
        ),  # "Budget consacré à l'ESS" / "Moyens affectés à l'ESS"
        pa.field(
            "programme", pa.large_string()
        ),  # "Programme d'intervention dans le champ de l'ESS"
        pa.field(
            "exemples", pa.large_string()
        ),  # "Exemples d'actions soutenues par la collectivité"
        pa.field("crawl_id", pa.string(), nullable=False),
    ]
)
MEMBER_SECTION_COLUMNS = ("panorama", "budget", "programme", "exemples")

TABLES: dict[str, tuple[pa.Schema, str]] = {
    "raw": (RAW_PAGES, RAW_PAGES_VERSION),
    "resources": (RESOURCES, RESOURCES_VERSION),
    "removed_blocks": (REMOVED_BLOCKS, REMOVED_BLOCKS_VERSION),
    "merged_occurrences": (MERGED_OCCURRENCES, MERGED_OCCURRENCES_VERSION),
    "resource_versions": (RESOURCE_VERSIONS, RESOURCE_VERSIONS_VERSION),
    "documents": (DOCUMENTS, DOCUMENTS_VERSION),
    "document_versions": (DOCUMENT_VERSIONS, DOCUMENT_VERSIONS_VERSION),
    "members": (MEMBERS, MEMBERS_VERSION),
}


def with_version(table_name: str, extra: dict[bytes, bytes] | None = None) -> pa.Schema:
    """The table's schema with its name and version (plus any extra metadata) attached."""
    schema, version = TABLES[table_name]
    metadata = {SCHEMA_METADATA_KEY: f"{table_name}/v{version}".encode()}
    metadata.update(extra or {})
    return schema.with_metadata(metadata)
