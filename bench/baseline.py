"""Bare Django views over raw SQL: what the same server does with no framework work.

Each view returns the same rows as its API twin, so the ratio between the two
measures the cost of authentication, scoping, serialisation and pagination.
"""

import json

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

LIST_SQL = """
    SELECT t.id, t.reference, t.title, t.status, t.category, t.urgency, t.enterprise_id,
           t.station_id, t.assigned_expert_id, t.due_at, t.created_at
    FROM requests_app_ticket t
    WHERE t.station_id = %s
    ORDER BY t.created_at DESC, t.id DESC
    LIMIT 50
"""
DETAIL_SQL = "SELECT * FROM requests_app_ticket WHERE id = %s"
INSERT_SQL = """
    INSERT INTO requests_app_ticket
        (reference, enterprise_id, title, description, category, urgency, station_id, status,
         due_at, created_at, resolution, feedback, updated_at)
    VALUES (%s, %s, %s, %s, %s, 'normal', %s, 'submitted', %s, %s, '', '', %s)
    RETURNING id
"""
GROUP_BY_SQL = "SELECT status, category, COUNT(*) FROM requests_app_ticket GROUP BY 1, 2"


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c.name for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _json(data) -> HttpResponse:
    return HttpResponse(json.dumps(data, default=str), content_type="application/json")


def ticket_list(request, station_id):
    return _json({"results": _rows(LIST_SQL, [station_id])})


def ticket_detail(request, ticket_id):
    return _json(_rows(DETAIL_SQL, [ticket_id])[0])


@csrf_exempt
def ticket_insert(request):
    body = json.loads(request.body)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT_SQL,
            [
                f"B-{now.timestamp():.6f}",
                body["enterprise"],
                body["title"],
                body["description"],
                body["category"],
                body["station"],
                now,
                now,
                now,
            ],
        )
        return JsonResponse({"id": cursor.fetchone()[0]}, status=201)


def stats_group_by(request):
    return _json(_rows(GROUP_BY_SQL, []))
