"""Every writer of requests, one module per sub-domain; the public services re-exported here.

- ``tickets``: filing and every action of the lifecycle (triage, assign, resolve …)
- ``lifecycle``: the one writer of a request's status (lock, check, save, record)
- ``events``: the audit trail, its notifications and statistics follow-up
- ``conversation``: comments and attached files
- ``auto_assignment``: the system's own moves (auto-assign, escalate, overdue, auto-close)
- ``expert_load``: an expert's open-assignment counter
- ``references``: the per-station, per-day request references
"""

from requests_app.services.auto_assignment import (
    ticket_assignment_given_up,
    ticket_auto_assign,
    ticket_count_failed_attempt,
    tickets_auto_close,
    tickets_mark_overdue,
)
from requests_app.services.conversation import attachment_add, comment_add
from requests_app.services.events import record_event
from requests_app.services.tickets import (
    ticket_accept,
    ticket_assign,
    ticket_cancel,
    ticket_confirm,
    ticket_decline,
    ticket_file,
    ticket_file_for_enterprise,
    ticket_provide_info,
    ticket_reject,
    ticket_reopen,
    ticket_request_assignment,
    ticket_request_info,
    ticket_resolve,
    ticket_transfer,
    ticket_triage,
)

__all__ = [
    "attachment_add",
    "comment_add",
    "record_event",
    "ticket_accept",
    "ticket_assign",
    "ticket_assignment_given_up",
    "ticket_auto_assign",
    "ticket_cancel",
    "ticket_confirm",
    "ticket_count_failed_attempt",
    "ticket_decline",
    "ticket_file",
    "ticket_file_for_enterprise",
    "ticket_provide_info",
    "ticket_reject",
    "ticket_reopen",
    "ticket_request_assignment",
    "ticket_request_info",
    "ticket_resolve",
    "ticket_transfer",
    "ticket_triage",
    "tickets_auto_close",
    "tickets_mark_overdue",
]
