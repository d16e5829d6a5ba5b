"""The site package keeps no models. This module exists so that Django sends it `post_migrate`
(apps without a models module are skipped), which creates the database cache table (see apps.py)."""
