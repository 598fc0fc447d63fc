"""run_files.report_markdown: one report.md layout for a crawl's processing and for an import."""

from pipeline.run_files import report_markdown

IMPORT_REPORT = {
    "run_id": "import-20261201T100000Z",
    "kind": "import-text",
    "status": "ok_with_warnings",
    "processing_seconds": 1.5,
    "files": [{"file": "export.txt", "encoding": "utf-8", "resources": 3, "warnings": 1}],
    "resources_written": 3,
    "resources_joined_with_crawl": 1,
    "private_resources": 0,
    "duplicates_removed": 2,
    "removed_blocks_by_reason": {"exact_duplicate": 2},
    "warnings": ["export.txt:12: a resource without a title"],
}
RUN_REPORT = {
    "run_id": "20261201T020000Z",
    "status": "ok",
    "resources_online": 150,
    "fallback_urls": [],
    "removed_blocks_by_reason": {},
    "cleaning_steps": {"exact_copies": {"kept": 10, "dropped": 2, "seconds": 0.01}},
    "errors": {},
}


def test_an_import_report_lists_its_files_and_warnings():
    page = report_markdown(IMPORT_REPORT)
    assert page.startswith("# Import import-20261201T100000Z\n")
    assert "- export.txt (utf-8): 3 resources, 1 warnings" in page
    assert "- resources joined with crawl: 1" in page
    assert "## Warnings\n\n- export.txt:12: a resource without a title" in page
    assert "## Cleaning steps" not in page and "## Errors" not in page


def test_a_run_report_shows_its_steps_and_no_import_sections():
    page = report_markdown(RUN_REPORT)
    assert page.startswith("# Run 20261201T020000Z\n")
    assert "- status: **ok**" in page and "- resources online: 150" in page
    assert "- exact_copies: 10 / 2, 0.01 s" in page
    assert "## Removed blocks by reason\n\n- none" in page
    assert "## Files" not in page and "## Warnings" not in page and "fallback" not in page
