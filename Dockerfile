FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BIND=0.0.0.0:8000

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files are collected at build time and served by WhiteNoise.
RUN SECRET_KEY=collectstatic-only FIELD_ENCRYPTION_KEYS=collectstatic-only DEBUG=0 \
    python manage.py collectstatic --noinput

RUN useradd --create-home nqi && mkdir -p /app/private_media && chown nqi /app/private_media
USER nqi
EXPOSE 8000
CMD ["gunicorn", "nqi_service.wsgi"]
