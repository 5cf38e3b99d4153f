"""Personal numbers the product never keeps (BSN, IBAN), found and masked.

The lowest layer: it imports nothing else of ``bot``, so storage, privacy, triage and the
conversation can all mask text before it is written or shown.
"""

from bot.pii.bsn import is_valid_bsn, mask_bsn, mask_bsn_deep
from bot.pii.masking import mask_iban, mask_personal, mask_personal_json

__all__ = [
    "is_valid_bsn",
    "mask_bsn",
    "mask_bsn_deep",
    "mask_iban",
    "mask_personal",
    "mask_personal_json",
]
