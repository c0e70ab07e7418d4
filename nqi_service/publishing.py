"""Queue a task, leaving it to a sweep when the broker can't take it.

The services call it from ``transaction.on_commit``, the workers directly.
Every task the services queue has a sweep behind it (assignment, emails,
statistics), so a broker outage delays the work instead of failing the
request that asked for it.
"""

import logging

from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def publish(task, *args, left_to: str) -> bool:
    """Queue ``task(*args)``; with the broker down, log who picks it up and return False."""
    try:
        task.delay(*args)
    except BrokerError:
        logger.warning("Broker unavailable; %s%r is left to %s.", task.name, args, left_to)
        return False
    return True
