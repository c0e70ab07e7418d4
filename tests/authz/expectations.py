"""The authorisation matrix: for every endpoint × method, the status each role gets.

One row per endpoint and method, keyed by URL name (``tests/authz/urlconf.py``
fails the suite for any served endpoint without a row, and for any row no longer
served). Columns follow ``ROLES``::

    anonymous  enterprise  station_staff  station_manager  expert  supervisor  admin

``ours`` is the status on our side's object (or on the collection, for rows
without a target); ``theirs`` the status on the other side's object:

- ``HIDDEN``: 401 for anonymous, 404 for every other role, as if it did not
  exist; the administrator gets on theirs what it gets on ours.
- ``SAME``: as on ours (the object is public to everyone logged in).
- or the seven statuses written out.

Writes are sent with an empty body, so a caller who passes every check of
API.md's order (401 → 404 → 403 → 409 → 400) gets the 400 of the body, the 409
of the status, or the success of an action that needs no body. Targets name
the object in the URL (``tests/authz/test_matrix.py`` ``url_kwargs``); a
ticket's status after ``@`` picks the request an action starts from.
"""

from dataclasses import dataclass

from tests.authz.world import ROLES

HIDDEN = "hidden"
SAME = "same"


@dataclass(frozen=True)
class Row:
    endpoint: str
    method: str
    target: str | None
    ours: str
    theirs: str | None = None
    query: str = ""

    def __post_init__(self):
        assert (self.target is None) == (self.theirs is None), self.endpoint
        for statuses in (self.ours, self.theirs):
            if statuses not in (None, HIDDEN, SAME):
                assert len(statuses.split()) == len(ROLES), (self.endpoint, statuses)

    @property
    def sides(self) -> tuple[str, ...]:
        return ("collection",) if self.target is None else ("ours", "theirs")

    def expected(self, side: str, role: str) -> int:
        """Return the status ``role`` gets on ``side``."""
        ours = dict(zip(ROLES, map(int, self.ours.split()), strict=True))
        if side != "theirs" or self.theirs == SAME:
            return ours[role]
        if self.theirs == HIDDEN:
            return {"anonymous": 401, "admin": ours["admin"]}.get(role, 404)
        return dict(zip(ROLES, map(int, self.theirs.split()), strict=True))[role]


PUBLIC = "200 200 200 200 200 200 200"
LOGGED_IN = "401 200 200 200 200 200 200"
ADMIN_ONLY = "401 403 403 403 403 403 200"
ADMIN_BODY = "401 403 403 403 403 403 400"  # only the administrator, whose empty body is 400
STATISTICS = "401 403 200 200 403 200 200"  # staff, managers, supervisors, admin
# The roster and workload of a station, a cooperative's pass rate: its staff and
# managers, supervisors of its region, administrators.
OVERSEERS = "401 403 200 200 403 200 200"
OVERSEERS_THEIRS = ADMIN_ONLY
MANAGER_BODY = "401 403 403 400 403 403 400"  # a station manager or the administrator
NOBODY_ELSE = "401 404 404 404 404 404 404"  # someone else's, even for the administrator

# fmt: off
ROWS = [
    # Outside the versioned API.
    Row("landing", "GET", None, PUBLIC),
    Row("healthz", "GET", None, PUBLIC),
    Row("schema", "GET", None, PUBLIC),
    Row("docs", "GET", None, PUBLIC),
    # Accounts.
    Row("register", "POST", None, "400 400 400 400 400 400 400"),
    Row("token", "POST", None, "400 400 400 400 400 400 400"),
    Row("logout", "POST", None, "401 204 204 204 204 204 204"),
    Row("me", "GET", None, LOGGED_IN),
    Row("password-change", "POST", None, "401 400 400 400 400 400 400"),
    Row("user-list", "GET", None, ADMIN_ONLY),
    Row("user-list", "POST", None, ADMIN_BODY),
    Row("user-detail", "GET", "user", ADMIN_ONLY, SAME),
    Row("user-activate", "POST", "user", ADMIN_ONLY, SAME),
    Row("user-deactivate", "POST", "user", ADMIN_ONLY, SAME),
    Row("user-station-memberships", "PUT", "user", ADMIN_BODY, SAME),
    # The network: stations are public, the administrator changes them.
    Row("station-list", "GET", None, LOGGED_IN),
    Row("station-list", "POST", None, ADMIN_BODY),
    Row("station-detail", "GET", "station", LOGGED_IN, SAME),
    Row("station-detail", "PUT", "station", ADMIN_BODY, SAME),
    Row("station-detail", "PATCH", "station", ADMIN_ONLY, SAME),
    Row("station-roster", "GET", "station", OVERSEERS, OVERSEERS_THEIRS),
    Row("station-workload", "GET", "station", OVERSEERS, OVERSEERS_THEIRS),
    # Experts: staff and managers see the whole roster, supervisors their region's,
    # an expert their own record; managers change their station's experts.
    Row("expert-list", "GET", None, "401 403 200 200 403 200 200"),
    Row("expert-list", "POST", None, "401 403 403 400 403 403 400"),
    Row("expert-detail", "GET", "expert",   "401 403 200 200 200 200 200",
                                            "401 403 200 200 404 404 200"),
    Row("expert-detail", "PUT", "expert",   "401 403 403 400 403 403 400",
                                            "401 403 403 403 404 404 400"),
    Row("expert-detail", "PATCH", "expert", "401 403 403 200 403 403 200",
                                            "401 403 403 403 404 404 200"),
    # Enterprises: members edit their own, the owner manages colleagues, station
    # staff verify; staff, experts and supervisors see those in their scope.
    Row("enterprise-list", "GET", None, LOGGED_IN),
    # Staff and managers record firms without a login for their region; ours is claimed.
    Row("enterprise-list", "POST", None, "401 403 400 400 403 403 400"),
    Row("enterprise-claim-code", "POST", "enterprise", "401 403 409 409 403 403 409", HIDDEN),
    Row("enterprise-detail", "GET", "enterprise", LOGGED_IN, HIDDEN),
    Row("enterprise-detail", "PUT", "enterprise", "401 400 403 403 403 403 400", HIDDEN),
    Row("enterprise-detail", "PATCH", "enterprise", "401 200 403 403 403 403 200", HIDDEN),
    Row("enterprise-verify", "POST", "enterprise", "401 403 200 200 403 403 200", HIDDEN),
    Row("enterprise-members", "GET", "enterprise", "401 200 403 403 403 403 200", HIDDEN),
    Row("enterprise-members", "POST", "enterprise", "401 400 403 403 403 403 400", HIDDEN),
    Row("enterprise-remove-member", "DELETE", "member", "401 204 403 403 403 403 204", HIDDEN),
    # Personal data: a recorded reveal of the contact phone; the enterprise's own export.
    # The expert holds ours' requests in progress: at work, so they may phone the firm.
    Row("enterprise-contact", "GET", "enterprise", "401 200 200 200 200 403 200", HIDDEN),
    Row("enterprise-export", "GET", "enterprise", "401 200 403 403 403 403 403", HIDDEN),
    # The capability profile: read by whoever sees the firm, recorded by its members and
    # the staff of the stations serving its region.
    Row("enterprise-capability", "GET", "enterprise", LOGGED_IN, HIDDEN),
    Row("enterprise-capability", "PUT", "enterprise", "401 400 400 400 403 403 400", HIDDEN),
    # Cooperatives: public; an enterprise asks to join (ours: already a member).
    Row("cooperative-list", "GET", None, LOGGED_IN),
    Row("cooperative-detail", "GET", "cooperative", LOGGED_IN, SAME),
    Row("cooperative-join", "POST", "cooperative", "401 409 403 403 403 403 403",
                                                   "401 201 403 403 403 403 403"),
    Row("cooperative-pass-rate", "GET", "cooperative", OVERSEERS, OVERSEERS_THEIRS),
    # Memberships (ours is active) and inspections (ours failed): the enterprise's
    # members, the cooperative's staff, supervisors of its region, administrators.
    Row("cooperative-membership-list", "GET", None, LOGGED_IN),
    Row("cooperative-membership-detail", "GET", "membership",
        "401 200 200 200 404 200 200", HIDDEN),
    Row("cooperative-membership-approve", "POST", "membership",
        "401 403 403 409 404 403 409", HIDDEN),
    Row("cooperative-membership-refuse", "POST", "membership",
        "401 403 403 409 404 403 409", HIDDEN),
    Row("cooperative-membership-suspend", "POST", "membership",
        "401 403 403 400 404 403 400", HIDDEN),
    Row("cooperative-membership-reinstate", "POST", "membership",
        "401 403 403 409 404 403 409", HIDDEN),
    Row("cooperative-membership-leave", "POST", "membership",
        "401 200 403 403 404 403 200", HIDDEN),
    Row("inspection-list", "GET", None, LOGGED_IN),
    Row("inspection-list", "POST", None, "401 403 400 400 403 403 400"),
    Row("inspection-detail", "GET", "inspection", "401 200 200 200 404 200 200", HIDDEN),
    Row("inspection-open-request", "POST", "inspection", "401 403 201 201 404 403 201", HIDDEN),
    # Requests: each role sees its scope; actions by the parties of the transition table.
    Row("ticket-list", "GET", None, LOGGED_IN),
    Row("ticket-list", "POST", None, "401 400 400 400 403 403 403"),
    Row("ticket-detail", "GET", "ticket", LOGGED_IN, HIDDEN),
    Row("ticket-events", "GET", "ticket", LOGGED_IN, HIDDEN),
    Row("ticket-comments", "GET", "ticket", LOGGED_IN, HIDDEN),
    Row("ticket-comments", "POST", "ticket", "401 400 400 400 400 403 400", HIDDEN),
    Row("ticket-attachments", "GET", "ticket", LOGGED_IN, HIDDEN),
    Row("ticket-attachments", "POST", "ticket", "401 400 400 400 400 403 400", HIDDEN),
    Row("ticket-attachment-download", "GET", "attachment", LOGGED_IN, HIDDEN),
    # The expert has never been assigned the submitted and triaged requests: 404.
    Row("ticket-triage", "POST", "ticket@submitted", "401 403 200 200 404 403 200", HIDDEN),
    Row("ticket-transfer", "POST", "ticket@submitted", "401 403 400 400 404 403 400", HIDDEN),
    Row("ticket-reject", "POST", "ticket@submitted", "401 403 400 400 404 403 400", HIDDEN),
    Row("ticket-cancel", "POST", "ticket@submitted", "401 200 403 403 404 403 200", HIDDEN),
    Row("ticket-assign", "POST", "ticket@triaged", "401 403 400 400 404 403 400", HIDDEN),
    Row("ticket-accept", "POST", "ticket@assigned", "401 403 403 403 200 403 403", HIDDEN),
    Row("ticket-decline", "POST", "ticket@assigned", "401 403 403 403 400 403 403", HIDDEN),
    Row("ticket-resolve", "POST", "ticket@in_progress", "401 403 403 403 400 403 403", HIDDEN),
    Row("ticket-request_info", "POST", "ticket@in_progress",
        "401 403 403 403 400 403 403", HIDDEN),
    Row("ticket-provide_info", "POST", "ticket@awaiting_info",
        "401 400 403 403 403 403 403", HIDDEN),
    Row("ticket-confirm", "POST", "ticket@resolved", "401 400 403 403 403 403 403", HIDDEN),
    Row("ticket-reopen", "POST", "ticket@resolved", "401 400 403 403 403 403 403", HIDDEN),
    # Doorstep visits: the station side records; the enterprise, the station and the
    # region's supervisor see; the visited enterprise confirms.
    Row("visit-list", "GET", None, LOGGED_IN),
    Row("visit-list", "POST", None, "401 403 400 400 403 403 403"),
    Row("visit-detail", "GET", "visit", "401 200 200 200 404 200 200", HIDDEN),
    Row("visit-confirm", "POST", "visit", "401 200 403 403 404 403 403", HIDDEN),
    # Statistics: scoped figures for the desk, supervisors and administrators.
    Row("stats-overview", "GET", None, STATISTICS),
    Row("stats-stations", "GET", None, STATISTICS),
    Row("stats-timeseries", "GET", None, STATISTICS),
    Row("stats-cooperatives", "GET", None, STATISTICS),
    Row("stats-capability", "GET", None, STATISTICS),
    Row("stats-export", "GET", None, STATISTICS, query="format=csv"),
    # Shared instruments: the pool is public; the station's managers change their labs'
    # instruments, its staff close them for maintenance. Bookings: the firm's own, the
    # lab's station, supervisors of the lab's region; actions by the transition table.
    Row("lab-list", "GET", None, LOGGED_IN),
    Row("lab-list", "POST", None, MANAGER_BODY),
    Row("lab-detail", "GET", "lab", LOGGED_IN, SAME),
    Row("lab-detail", "PUT", "lab", MANAGER_BODY, ADMIN_BODY),
    Row("lab-detail", "PATCH", "lab", "401 403 403 200 403 403 200", ADMIN_ONLY),
    Row("instrument-list", "GET", None, LOGGED_IN),
    Row("instrument-list", "POST", None, MANAGER_BODY),
    Row("instrument-detail", "GET", "instrument", LOGGED_IN, SAME),
    Row("instrument-detail", "PUT", "instrument", MANAGER_BODY, ADMIN_BODY),
    Row("instrument-detail", "PATCH", "instrument", "401 403 403 200 403 403 200", ADMIN_ONLY),
    Row("instrument-availability", "GET", "instrument", LOGGED_IN, SAME),
    Row("instrument-blocks", "GET", "instrument", "401 403 200 200 403 403 200", ADMIN_ONLY),
    Row("instrument-blocks", "POST", "instrument", "401 403 400 400 403 403 400", ADMIN_BODY),
    Row("booking-list", "GET", None, LOGGED_IN),
    Row("booking-list", "POST", None, "401 400 403 403 403 403 403"),
    Row("booking-detail", "GET", "booking@requested", "401 200 200 200 404 200 200", HIDDEN),
    Row("booking-report", "GET", "booking@completed", "401 200 200 200 404 200 200", HIDDEN),
    Row("booking-approve", "POST", "booking@requested", "401 403 200 200 404 403 200", HIDDEN),
    Row("booking-reject", "POST", "booking@requested", "401 403 200 200 404 403 200", HIDDEN),
    Row("booking-cancel", "POST", "booking@approved", "401 200 403 403 404 403 200", HIDDEN),
    Row("booking-start", "POST", "booking@approved", "401 403 200 200 404 403 200", HIDDEN),
    Row("booking-no_show", "POST", "booking@approved", "401 403 409 409 404 403 409", HIDDEN),
    Row("booking-complete", "POST", "booking@in_use", "401 403 400 400 404 403 400", HIDDEN),
    # Training: courses and sessions public to everyone logged in, written by the
    # course's station; enrolments by the enterprise, seen and cancelled by it and
    # the station; attendance by the station; certificates verified by anyone.
    Row("course-list", "GET", None, LOGGED_IN),
    Row("course-list", "POST", None, "401 403 400 400 403 403 400"),
    Row("course-detail", "GET", "course", LOGGED_IN, SAME),
    Row("course-detail", "PUT", "course", "401 403 400 400 403 403 400",
                                          "401 403 403 403 403 403 400"),
    Row("course-detail", "PATCH", "course", "401 403 200 200 403 403 200",
                                            "401 403 403 403 403 403 200"),
    Row("course-sessions", "GET", "course", LOGGED_IN, SAME),
    Row("course-sessions", "POST", "course", "401 403 400 400 403 403 400",
                                             "401 403 403 403 403 403 400"),
    Row("session-enrolments", "POST", "session", "401 400 403 403 403 403 403", SAME),
    Row("enrolment-list", "GET", None, LOGGED_IN),
    Row("enrolment-detail", "GET", "enrolment", "401 200 200 200 404 200 200", HIDDEN),
    Row("enrolment-cancel", "POST", "enrolment", "401 200 200 200 404 403 200", HIDDEN),
    Row("enrolment-attendance", "POST", "enrolment", "401 403 400 400 404 403 400", HIDDEN),
    Row("certificate-detail", "GET", "certificate", PUBLIC, SAME),
    # The catalogue: public to everyone logged in; administrators and the managers of the
    # offering station change a service (theirs: only the administrator). A diagnosis
    # report's PDF for whoever sees the request; the service figures for the desk.
    Row("service-list", "GET", None, LOGGED_IN),
    Row("service-list", "POST", None, MANAGER_BODY),
    Row("service-detail", "GET", "service", LOGGED_IN, SAME),
    Row("service-detail", "PUT", "service", MANAGER_BODY, ADMIN_BODY),
    Row("service-detail", "PATCH", "service", "401 403 403 200 403 403 200", ADMIN_ONLY),
    Row("ticket-report-pdf", "GET", "diagnosis", LOGGED_IN, HIDDEN),
    Row("stats-services", "GET", None, STATISTICS),
    # Notifications: each user's own inbox, the administrator's too.
    Row("notification-list", "GET", None, LOGGED_IN),
    Row("notification-read-all", "POST", None, LOGGED_IN),
    Row("notification-detail", "GET", "notification", LOGGED_IN, NOBODY_ELSE),
    Row("notification-read", "POST", "notification", LOGGED_IN, NOBODY_ELSE),
]
# fmt: on

TABLE = {(row.endpoint, row.method): row for row in ROWS}
assert len(TABLE) == len(ROWS), "an endpoint and method has two rows"


def cases():
    """Yield ``(row, side, role)`` for every cell of the matrix."""
    for row in ROWS:
        for side in row.sides:
            for role in ROLES:
                yield row, side, role
