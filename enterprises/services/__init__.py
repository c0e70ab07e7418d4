"""Every writer of enterprises: ``enterprises`` (profile, verification, members), ``claims``
(firms recorded at the doorstep and their claim codes), ``personal_data`` (revealing a contact
phone, recorded); the public services re-exported.
"""

from enterprises.services.claims import claim_code_reissue, enterprise_claim, enterprise_record
from enterprises.services.enterprises import (
    capability_record,
    create_unique,
    enterprise_create,
    enterprise_update,
    enterprise_verify,
    member_invite,
    member_remove,
    record_event,
)
from enterprises.services.personal_data import contact_reveal

__all__ = [
    "capability_record",
    "claim_code_reissue",
    "contact_reveal",
    "create_unique",
    "enterprise_claim",
    "enterprise_create",
    "enterprise_record",
    "enterprise_update",
    "enterprise_verify",
    "member_invite",
    "member_remove",
    "record_event",
]
