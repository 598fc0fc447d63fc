"""Offline mirror of rtes.fr: a deterministic fake Drupal site, its HTTP server and its truth.

Entry points: site.build_site, server.start_in_thread / serve_forever, truth.truth_records,
cli.register / cli.main (`python -m mirror serve|truth`), fixtures (`python -m mirror.fixtures`).
"""
