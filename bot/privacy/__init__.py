"""Privacy by design (AVG): retention and purge, inzage export, erasure.

Masking of BSN and IBAN lives one layer lower, in ``bot.pii``, so storage can use it without
importing this package (which uses storage).
"""
