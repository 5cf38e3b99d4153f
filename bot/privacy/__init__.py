"""Privacy by design (AVG): BSN masking, retention and purge, inzage export, erasure."""

from bot.privacy.bsn import is_valid_bsn, mask_bsn, mask_bsn_deep

__all__ = ["is_valid_bsn", "mask_bsn", "mask_bsn_deep"]
