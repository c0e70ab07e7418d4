"""Progress statistics: roll-ups kept by Celery, scoped figures, API and dashboard."""
