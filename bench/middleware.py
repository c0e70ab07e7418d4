"""Report how many SQL queries a request ran, in the ``X-Queries`` header."""

from django.db import connection


def query_count_header(get_response):
    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Queries"] = str(count)
        return response

    return middleware
