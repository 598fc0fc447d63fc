"""The site's shared core: what both the crawl (`spiders`) and the processing (`pipeline`) know.

How the site names its pages (`urls`), the raw layer's and the dataset's schemas (`schemas`),
the layout of a DATA_DIR (`layout`), the crawl state of incremental runs (`incremental`),
stored documents (`document_store`), text and date normalisation (`text`, `dates`) and how a
page of the site reads (`extract`: the crawl fingerprints listing items with it, the
processing turns pages into records with it). It imports neither `spiders` nor `pipeline`.
"""
