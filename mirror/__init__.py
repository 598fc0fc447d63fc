"""Offline mirror of rtes.fr: a deterministic fake Drupal site, its HTTP server and its truth.

Entry points: site.build_site(seed, resources, day), server.start_in_thread / serve_forever
(page_cache=, sitemap=), truth.truth_records, changes.changes_between (what days.py changed
between two days), cli.register / cli.main (`python -m mirror serve|truth|changes`), fixtures
(`python -m mirror.fixtures`), faults (`serve --faults`), pagecache (`serve --page-cache`).
"""
