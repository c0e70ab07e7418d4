"""The dates the API accepts wherever a client names one (API.md Extensions, "Hardening").

Beyond them date arithmetic would overflow, and nothing the service keeps
concerns another century.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)
DAY_VALIDATORS = [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]
