"""Thin Celery tasks of training: safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def remind_sessions_tomorrow() -> int:
    """Remind the firms of tomorrow's sessions; return how many sessions were reminded."""
    from training.services import session_remind, sessions_to_remind

    return sum(session_remind(session_id=pk) for pk in list(sessions_to_remind()))
