"""The built-in demo PKI (CA demo): pure Python on top of ``cryptography``,
``asn1crypto`` and pyHanko, no Django. See docs/subsystems/signatures.md."""
