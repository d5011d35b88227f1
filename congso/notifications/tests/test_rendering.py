"""Every event renders in Vietnamese on every channel; SMS fits one segment."""

from __future__ import annotations

import unicodedata

import pytest

from congso.notifications.constants import EVENT_LABELS, Channel
from congso.notifications.rendering import render_notification
from congso.notifications.tests.conftest import BASE_URL, CODE
from congso.notifications.text import GSM7_BASIC, gsm7_length

EVENTS = sorted(EVENT_LABELS)
LOOKUP = f"{BASE_URL}/tra-cuu/{CODE}/"


def _render(event: str, channel: str, dossier_context: dict[str, object]):
    return render_notification(
        event=event,
        channel=channel,
        context={
            **dossier_context,
            "lookup_url": LOOKUP,
            "site_name": "Công Sở",
            "recipient_name": "Nguyễn Thị Hoà",
        },
    )


@pytest.mark.parametrize("event", EVENTS)
def test_email_has_a_vietnamese_subject_and_body(event: str, dossier_context):
    """The subject names the dossier; the body greets the citizen, names the
    procedure and links to the lookup page; text is NFC with no HTML escaping."""
    rendered = _render(event, Channel.EMAIL, dossier_context)
    assert CODE in rendered.subject
    assert "\n" not in rendered.subject
    assert "Kính gửi Ông/Bà Nguyễn Thị Hoà," in rendered.body
    assert "Đăng ký khai sinh có yếu tố nước ngoài" in rendered.body
    assert LOOKUP in rendered.body
    assert "&amp;" not in rendered.body
    assert "&#x27;" not in rendered.body
    assert unicodedata.is_normalized("NFC", rendered.body)
    assert "\n\n\n" not in rendered.body


@pytest.mark.parametrize("event", EVENTS)
def test_zalo_keeps_full_vietnamese(event: str, dossier_context):
    rendered = _render(event, Channel.ZALO, dossier_context)
    assert rendered.subject == ""
    assert "hồ sơ" in rendered.body.lower()
    assert CODE in rendered.body
    assert LOOKUP in rendered.body


@pytest.mark.parametrize("event", EVENTS)
def test_sms_is_unaccented_gsm7_in_one_segment(event: str, dossier_context):
    """SMS: one line, GSM-7 only, at most 160 septets with a realistic code and
    portal address, and the lookup link kept."""
    body = _render(event, Channel.SMS, dossier_context).body
    assert all(ch in GSM7_BASIC for ch in body), body
    assert gsm7_length(body) <= 160, (len(body), body)
    assert CODE in body
    assert LOOKUP in body
    assert "ho so" in body.lower()


def test_dates_are_local_dd_mm_yyyy(dossier_context):
    """Instants show in Asia/Ho_Chi_Minh as dd/mm/yyyy HH:MM; dates as dd/mm/yyyy."""
    body = _render("dossier.received", Channel.EMAIL, dossier_context).body
    assert "Ngày hẹn trả kết quả: 19/03/2026 16:30" in body
    sms = _render("dossier.apologised", Channel.SMS, dossier_context).body
    assert "hen lai 26/03/2026 09:00." in sms
    from datetime import date

    zalo = _render(
        "dossier.apologised",
        Channel.ZALO,
        {**dossier_context, "new_date": date(2026, 3, 27)},
    )
    assert "Ngày hẹn trả kết quả mới: 27/03/2026." in zalo.body


def test_reason_appears_where_it_matters(dossier_context):
    """Refusal, supplement and apology texts carry the reason (not in SMS)."""
    for event in ("dossier.refused", "dossier.supplement_requested"):
        assert (
            dossier_context["reason"]
            in _render(event, Channel.EMAIL, dossier_context).body
        )
        assert (
            dossier_context["reason"]
            in _render(event, Channel.ZALO, dossier_context).body
        )


def test_without_a_lookup_url_the_link_line_is_left_out(dossier_context):
    body = render_notification(
        event="dossier.refused", channel=Channel.SMS, context=dossier_context
    ).body
    assert "http" not in body
    assert "Ly do xem tai noi nop ho so." in body


def test_event_keys_cannot_reach_other_templates(dossier_context):
    with pytest.raises(ValueError, match="Invalid notification event"):
        render_notification(
            event="../base", channel=Channel.SMS, context=dossier_context
        )
