"""Citizen pages of the public procedure catalogue (niêm yết thủ tục hành chính):
the searchable list, one procedure's details and the centre's screen, without login."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from congso.accounts.constants import AgencyLevel
from congso.core.files import DOCX, EXTENSIONS, ODT, PDF, file_download, sniff
from congso.core.forms import NFCFormMixin
from congso.portal import catalogue


class CatalogueFilterForm(NFCFormMixin, forms.Form):
    """The list's GET form; field names are the public query parameters."""

    q = forms.CharField(
        label=_("Search procedures"),
        help_text=_(
            "Name with or without diacritics (e.g. dang ky khai sinh) or the "
            "procedure code (e.g. 1.001193)."
        ),
        required=False,
        max_length=200,
    )
    linh_vuc = forms.ChoiceField(label=_("Sector"), required=False)
    co_quan = forms.TypedChoiceField(
        label=_("Competent authority"), required=False, coerce=int, empty_value=None
    )
    cap = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *AgencyLevel.choices],
    )

    def __init__(
        self,
        *args: Any,
        sectors: list[str],
        agencies: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["linh_vuc"]
        agency = self.fields["co_quan"]
        assert isinstance(sector, forms.ChoiceField)  # noqa: S101  # declared above
        assert isinstance(agency, forms.ChoiceField)  # noqa: S101  # declared above
        sector.choices = [("", _("All sectors")), *((s, s) for s in sectors)]
        agency.choices = [("", _("All authorities")), *agencies]


@require_GET
def catalogue_list(request: HttpRequest) -> HttpResponse:
    """Thủ tục hành chính: the procedures in force today, searched and filtered
    through the query string, 20 a page; 400 with the form for impossible filters."""
    today = timezone.localdate()
    form = CatalogueFilterForm(
        request.GET,
        sectors=catalogue.catalogue_sector_list(on=today),
        agencies=catalogue.catalogue_agency_list(on=today),
    )
    if not form.is_valid():
        return render(
            request, "portal/catalogue/procedure_list.html", {"form": form}, status=400
        )
    data = form.cleaned_data
    versions = catalogue.catalogue_list(
        on=today,
        search=data["q"],
        sector=data["linh_vuc"] or None,
        agency_id=data["co_quan"],
        level=data["cap"] or None,
    )
    page = Paginator(versions, catalogue.PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(data[k] for k in ("q", "linh_vuc", "co_quan", "cap"))
    context = {"form": form, "page": page, "filtered": filtered}
    return render(request, "portal/catalogue/procedure_list.html", context)


@require_GET
def catalogue_detail(request: HttpRequest, key: str) -> HttpResponse:
    """One procedure in force today, by version id or by national or local code; a
    code several procedures share leads to the list searched by it."""
    today = timezone.localdate()
    if key.isdigit():
        version = catalogue.catalogue_version_get(version_id=int(key), on=today)
    else:
        found = catalogue.catalogue_version_by_code(code=key, on=today)
        if len(found) > 1:
            url = reverse("portal:procedure-list")
            return redirect(f"{url}?{urlencode({'q': key})}")
        version = found[0] if found else None
    if version is None:
        raise Http404
    return render(request, "portal/catalogue/procedure_detail.html", {"v": version})


@require_GET
def catalogue_kiosk(request: HttpRequest) -> HttpResponse:
    """The centre's screen: large type, no navigation, every procedure a few at a
    time; a meta refresh moves to the next page (after the last, the first)."""
    today = timezone.localdate()
    versions = catalogue.catalogue_list(on=today)
    page = Paginator(versions, catalogue.KIOSK_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    following = page.next_page_number() if page.has_next() else 1
    context = {
        "page": page,
        "today": today,
        "refresh": f"{catalogue.KIOSK_SECONDS};url=?page={following}",
    }
    return render(request, "portal/catalogue/procedure_kiosk.html", context)


#: What a form template may be (``catalog.models.form_template_validator``).
FORM_TYPES = frozenset({PDF, DOCX, ODT})


@require_GET
def catalogue_form_download(
    request: HttpRequest, version_id: int, component_id: int
) -> FileResponse:
    """The form to fill in for one document of a listed procedure (tải mẫu đơn,
    tờ khai), as an attachment named after the form."""
    component = catalogue.catalogue_form_get(
        version_id=version_id, component_id=component_id, on=timezone.localdate()
    )
    if component is None:
        raise Http404
    file = component.template_file
    with file.open("rb") as stream:
        content_type = sniff(stream, FORM_TYPES) or "application/octet-stream"
    name = (component.template_name or component.name)[:150]
    return file_download(
        file,
        name=f"{name}{EXTENSIONS.get(content_type, '')}",
        content_type=content_type,
    )
