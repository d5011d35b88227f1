"""The demo national e-identity provider (VNeID mô phỏng): ``allauth.idp.oidc``
serving demo citizens under ``/vneid-sim/``, so that citizens' OpenID Connect login
runs for real end to end without the national system (conventions §5).

Its people are :class:`~congso.accounts.models.SimulatedIdentity` rows. They sign in
on the provider's own page with a 12-digit personal ID and a password; the provider
remembers them under its own session key and never logs them in to the portal. The
portal account is made by allauth's OpenID Connect client from the claims."""
