"""Citizen accounts (tài khoản công dân): sign-up, profile, phone verification and
sign-in through the national e-identity (OpenID Connect). See
docs/subsystems/citizens.md."""
