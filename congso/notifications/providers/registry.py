"""The registry of notification providers. The built-in providers are registered
on first use; settings pick one per channel (``CONGSO_NOTIFICATIONS_SMS_PROVIDER``,
``CONGSO_NOTIFICATIONS_ZALO_PROVIDER``; e-mail always goes through Django's e-mail
framework, whose ``EMAIL_BACKEND`` is SMTP in production). Tests may register their
own provider and select it with ``override_settings``."""

from __future__ import annotations

from django.conf import settings

from congso.core.registry import Registry
from congso.notifications.constants import Channel
from congso.notifications.providers.base import NotificationProvider

notification_providers: Registry[NotificationProvider] = Registry(
    "notification provider"
)


def _register_builtins() -> None:
    from congso.notifications.contrib.demo_sms.provider import DemoSmsProvider
    from congso.notifications.contrib.demo_zalo.provider import DemoZaloProvider
    from congso.notifications.contrib.email.provider import EmailProvider
    from congso.notifications.contrib.http_sms.provider import HttpSmsProvider
    from congso.notifications.contrib.zalo_oa.provider import ZaloOaProvider

    builtins: tuple[NotificationProvider, ...] = (
        EmailProvider(),
        DemoSmsProvider(),
        HttpSmsProvider(),
        DemoZaloProvider(),
        ZaloOaProvider(),
    )
    for provider in builtins:
        if provider.name not in notification_providers:
            notification_providers.add(provider.name, provider)


def provider_name_for(channel: str) -> str:
    """The provider name the settings select for ``channel``."""
    names = {
        Channel.EMAIL: settings.NOTIFICATIONS_EMAIL_PROVIDER,
        Channel.SMS: settings.NOTIFICATIONS_SMS_PROVIDER,
        Channel.ZALO: settings.NOTIFICATIONS_ZALO_PROVIDER,
    }
    return str(names[Channel(channel)])


def notification_provider_get(channel: str) -> NotificationProvider:
    """The provider of ``channel`` (``LookupError`` if the setting names none)."""
    if "email" not in notification_providers:
        _register_builtins()
    provider = notification_providers.get(provider_name_for(channel))
    if provider.channel != channel:
        raise LookupError(
            f"Notification provider {provider.name!r} serves {provider.channel!r}, "
            f"not {channel!r}."
        )
    return provider
