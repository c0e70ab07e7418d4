"""The transition table says what API.md's action table says."""

from requests_app.choices import Status
from requests_app.transitions import TRANSITIONS, Party, allowed_actions

S = Status
STATION = {Party.STATION, Party.ADMIN}

# API.md "Requests", the action table.
CONTRACT = {
    "triage": ({S.SUBMITTED}, [S.TRIAGED], STATION),
    "transfer": ({S.SUBMITTED, S.TRIAGED}, [S.SUBMITTED], STATION),
    "assign": ({S.TRIAGED, S.ASSIGNED}, [S.ASSIGNED], STATION),
    "accept": ({S.ASSIGNED}, [S.IN_PROGRESS], {Party.EXPERT}),
    "decline": ({S.ASSIGNED}, [S.TRIAGED], {Party.EXPERT}),
    "resolve": ({S.IN_PROGRESS}, [S.RESOLVED], {Party.EXPERT}),
    "confirm": ({S.RESOLVED}, [S.CLOSED], {Party.ENTERPRISE}),
    "reopen": ({S.RESOLVED}, [S.IN_PROGRESS, S.TRIAGED], {Party.ENTERPRISE}),
    "request_info": (
        {S.TRIAGED, S.IN_PROGRESS},
        [S.AWAITING_INFO],
        STATION | {Party.EXPERT},
    ),
    "provide_info": ({S.AWAITING_INFO}, [S.IN_PROGRESS, S.TRIAGED], {Party.ENTERPRISE}),
    "reject": ({S.SUBMITTED, S.TRIAGED}, [S.REJECTED], STATION),
    "cancel": (
        {S.SUBMITTED, S.TRIAGED, S.ASSIGNED},
        [S.CANCELLED],
        {Party.ENTERPRISE, Party.ADMIN},
    ),
}


def test_transition_table_matches_the_api_contract():
    table = {
        name: (set(t.sources), list(t.targets), set(t.parties)) for name, t in TRANSITIONS.items()
    }
    assert table == CONTRACT


def test_request_info_is_the_station_s_while_triaged_and_the_expert_s_at_work():
    parties = TRANSITIONS["request_info"].parties_from
    assert (parties(S.TRIAGED), parties(S.IN_PROGRESS)) == (STATION, {Party.EXPERT})


def test_an_action_s_parties_are_the_same_from_every_status_unless_the_table_says():
    for name, transition in TRANSITIONS.items():
        if name != "request_info":
            assert {transition.parties_from(s) for s in S} == {transition.parties}, name


def test_no_action_leaves_a_final_status():
    for status in (S.CLOSED, S.REJECTED, S.CANCELLED):
        assert allowed_actions(status) == []
