"""The Vietnamese catalogue (conventions §9): our strings and the gaps we fill in Django,
DRF, allauth, axes and django-filter come back in Vietnamese, and every translation is
stored in NFC.

The compiled catalogue is needed (``make test`` runs ``compilemessages`` first)."""

from __future__ import annotations

import ast
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from rest_framework import exceptions, serializers

from congso.core import i18n_gaps

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"

# Marked msgids whose Vietnamese text is the same as the English one.
SAME_IN_VIETNAMESE = {
    "IPv4",
    "IPv6",
    "%s KB",
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
    "%(size)d byte",
    "HTTP Accept",
    "Menu:",
}


def _vi(msgid: str) -> str:
    """``gettext`` in Vietnamese. Not a gettext keyword, so ``makemessages`` does not
    pick this test up as a source of msgids."""
    with translation.override("vi"):
        return gettext(msgid)


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


def _catalogue_entries(path: Path) -> list[dict[str, str]]:
    """A minimal .po reader: one dict per entry, keyed by msgctxt / msgid /
    msgid_plural / msgstr / msgstr[n]; obsolete (``#~``) entries are skipped."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, literal = match.groups()
            if keyword == "msgctxt" or (keyword == "msgid" and key != "msgctxt"):
                if current:
                    entries.append(current)
                current = {}
            key = keyword
            current[key] = ast.literal_eval(literal)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    if current:
        entries.append(current)
    return entries


def test_project_strings_are_vietnamese(rf):
    with translation.override("vi"):
        page = render_to_string("errors/lockout.html", request=rf.get("/"))
    assert "Tài khoản tạm thời bị khóa" in page
    assert "tạm khóa" in page
    assert _vi("Page not found") == "Không tìm thấy trang"


def test_drf_errors_are_vietnamese():
    with translation.override("vi"):
        with pytest.raises(serializers.ValidationError) as excinfo:
            serializers.IntegerField().run_validation("mười")
        assert excinfo.value.detail == ["Cần nhập một số nguyên hợp lệ."]
        assert (
            str(exceptions.NotAuthenticated().detail)
            == "Chưa cung cấp thông tin xác thực."
        )
        assert str(exceptions.Throttled().detail).startswith("Yêu cầu bị từ chối")


def test_allauth_messages_are_vietnamese():
    from allauth.account.adapter import DefaultAccountAdapter

    user = get_user_model()(username="vanthu01")  # unsaved: no database needed
    with translation.override("vi"):
        mismatch = DefaultAccountAdapter.error_messages["username_password_mismatch"]
        assert str(mismatch) == "Tên đăng nhập hoặc mật khẩu không đúng."
        message = render_to_string("account/messages/logged_in.txt", {"user": user})
        assert message.strip() == "Đăng nhập thành công với tài khoản vanthu01."
        assert _vi("You have signed out.") == "Bạn đã đăng xuất."


def test_django_strings_are_vietnamese():
    with translation.override("vi"):
        with pytest.raises(forms.ValidationError) as excinfo:
            forms.IntegerField().clean("mười")
        assert excinfo.value.messages == ["Nhập một số nguyên."]
        # Fixed mistranslation: Django's vi catalogue says «7 ngày trước» (7 days ago).
        assert _vi("Past 7 days") == "7 ngày qua"


def test_axes_lockout_message_is_vietnamese():
    message = _vi("Account locked: too many login attempts. Please try again later.")
    assert "tạm khóa" in message


def test_every_marked_third_party_msgid_is_translated():
    """Each msgid of ``congso.core.i18n_gaps`` is served in Vietnamese, i.e. it was
    extracted, translated and compiled, and our catalogue wins over the packages'."""
    marked = [
        item
        for name, value in vars(i18n_gaps).items()
        if name.isupper() and isinstance(value, tuple)
        for item in value
    ]
    assert len(marked) > 300
    untranslated = []
    for item in marked:
        with translation.override("en"):
            english = str(item)
        with translation.override("vi"):
            vietnamese = gettext(item) if isinstance(item, str) else str(item)
        if vietnamese == english and english not in SAME_IN_VIETNAMESE:
            untranslated.append(english)
        assert isinstance(item, str | Promise)
    assert untranslated == []


def test_catalogue_translations_are_nfc():
    entries = _catalogue_entries(CATALOGUE)
    assert len(entries) > 100
    not_nfc = [
        entry["msgid"]
        for entry in entries
        for key, text in entry.items()
        if key.startswith("msgstr") and not unicodedata.is_normalized("NFC", text)
    ]
    assert not_nfc == []


def test_catalogue_reader_handles_context_plural_and_continuations(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: vi\\n"\n\n'
        'msgctxt "time unit"\nmsgid "months"\nmsgstr "tháng"\n\n'
        'msgid "%(n)d day"\nmsgid_plural "%(n)d days"\nmsgstr[0] "%(n)d ngày"\n\n'
        '#~ msgid "old"\n#~ msgstr "cũ"\n\n'
        'msgid ""\n"Long "\n"text"\nmsgstr ""\n"Văn bản "\n"dài"\n',
        encoding="utf-8",
    )
    entries = _catalogue_entries(po)
    assert entries == [
        {"msgid": "", "msgstr": "Language: vi\n"},
        {"msgctxt": "time unit", "msgid": "months", "msgstr": "tháng"},
        {"msgid": "%(n)d day", "msgid_plural": "%(n)d days", "msgstr[0]": "%(n)d ngày"},
        {"msgid": "Long text", "msgstr": "Văn bản dài"},
    ]


def test_catalogue_placeholders_and_header_pass_msgfmt_check():
    """``msgfmt -c`` checks the header (Plural-Forms) and that every translation keeps
    the placeholders of its msgid (%(name)s, {name}, %s, %d)."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
