"""English msgids of third-party packages whose Vietnamese translation is missing or wrong.

Công Sở is Vietnamese first (``LANGUAGE_CODE = "vi"``), but several packages that officials
and administrators see ship no Vietnamese catalogue (django-allauth, django-axes,
django-filter), an almost empty one (Django REST framework: about twenty messages), or one
that has fallen behind the English source and contains some mistranslations (Django itself:
``django/conf/locale/vi``, ``django/contrib/admin``, ``django/contrib/auth``).

Django merges every catalogue into one table per language and the project catalogue
(``locale/vi/LC_MESSAGES/django.po``, first in ``LOCALE_PATHS``) wins over the packages'
catalogues. Marking the packages' msgids here makes ``makemessages`` (``make messages``)
extract them into the project catalogue, where they get a Vietnamese translation, and keeps
them there on every refresh (``--no-obsolete`` would otherwise drop them).

Rules for this module (conventions §9):

- list a msgid only when, with ``vi`` active, it comes back in English or clearly wrong
  (check with ``translation.override("vi")`` and ``gettext``), and only when Công Sở shows it
  to someone (features that are switched off, e.g. allauth sign-up, phone and login codes,
  are left out);
- copy the msgid exactly, character for character, from the package (typographic quotes,
  ``%(name)s`` and ``{name}`` placeholders, HTML, line breaks); a msgid with a context or a
  plural is marked with ``pgettext_lazy`` / ``ngettext_lazy`` / ``npgettext_lazy``, since
  ``gettext_noop`` has neither;
- "wrong" entries carry a comment saying what is wrong with the installed translation.

This module is never imported at run time; it exists only for ``makemessages``. After a
package upgrade, check the list again (a msgid that changed upstream is silently left
untranslated).
"""

from __future__ import annotations

from django.utils.translation import (
    gettext_noop,
    ngettext_lazy,
    npgettext_lazy,
    pgettext_lazy,
)

# Django (django/conf/locale/vi is out of date).
DJANGO: tuple[object, ...] = (
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("Enter a valid domain name."),
    gettext_noop(
        "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."
    ),
    gettext_noop(
        "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."
    ),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("IPv4"),
    gettext_noop("IPv6"),
    gettext_noop("IPv4 or IPv6"),
    # Installed translation is wrong: stray spaces before ')' and '.'.
    gettext_noop("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    # Installed translation is wrong: stray space before the full stop.
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    # Installed translation is wrong: stray space before the full stop.
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."
    ),
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    ),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("“%(value)s” value must be either True or False."),
    gettext_noop("“%(value)s” value must be either True, False, or None."),
    gettext_noop(
        "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."
    ),
    gettext_noop(
        "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."
    ),
    gettext_noop(
        "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."
    ),
    gettext_noop(
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."
    ),
    gettext_noop("“%(value)s” value must be a decimal number."),
    gettext_noop(
        "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."
    ),
    gettext_noop("“%(value)s” value must be a float."),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("“%(value)s” value must be either None, True or False."),
    gettext_noop(
        "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."
    ),
    gettext_noop(
        "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."
    ),
    gettext_noop("“%(value)s” is not a valid UUID."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("%(from)s-%(to)s relationship"),
    gettext_noop("%(from)s-%(to)s relationships"),
    # Installed translation is wrong: «Nhập một số tổng thể» means 'an overall number'.
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("The number of days must be between {min_days} and {max_days}."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid UUID."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need to file a bug report if the issue persists."
    ),
    ngettext_lazy(
        "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 1
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.",
        "Please submit at least %(num)d forms.",
        1,
    ),
    # Installed translation is wrong: stray space before the full stop.
    gettext_noop("Please correct the duplicate data for %(field)s."),
    # Installed translation is wrong: stray spaces.
    gettext_noop(
        "Please correct the duplicate data for %(field_name)s which must be unique for the %(lookup)s in %(date_field)s."
    ),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist."
    ),
    ngettext_lazy("%(size)d byte", "%(size)d bytes", 1),
    gettext_noop("%s KB"),
    gettext_noop("%s MB"),
    gettext_noop("%s GB"),
    gettext_noop("%s TB"),
    gettext_noop("%s PB"),
    gettext_noop("p.m."),
    gettext_noop("a.m."),
    gettext_noop("This is not a valid IPv6 address."),
    ngettext_lazy("%(num)d year", "%(num)d years", 1),
    ngettext_lazy("%(num)d month", "%(num)d months", 1),
    ngettext_lazy("%(num)d week", "%(num)d weeks", 1),
    ngettext_lazy("%(num)d day", "%(num)d days", 1),
    ngettext_lazy("%(num)d hour", "%(num)d hours", 1),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", 1),
)

# django.contrib.admin (the configuration site of the system administrators).
DJANGO_ADMIN: tuple[object, ...] = (
    # Installed translation is wrong: stray space before the full stop.
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    # Installed translation is wrong: «7 ngày trước» means '7 days ago'.
    gettext_noop("Past 7 days"),
    # Installed translation is wrong: «Hoạt động» means 'activity'.
    gettext_noop("Action:"),
    # Installed translation is wrong: «đăng nhập» means 'sign in'.
    gettext_noop("log entry"),
    # Installed translation is wrong: «mục đăng nhập» means 'sign-in items'.
    gettext_noop("log entries"),
    gettext_noop("Select this object for an action - {}"),
    # Installed translation is wrong: «Mục tiêu» means 'target'.
    gettext_noop(
        "Items must be selected in order to perform actions on them. No items have been changed."
    ),
    # Installed translation is wrong: inconsistent with the action label.
    gettext_noop("No action selected."),
    # Installed translation is wrong: stray leading and double spaces.
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        1,
    ),
    # Installed translation is wrong: «0 của …» is not Vietnamese.
    gettext_noop("0 of %(cnt)s selected"),
    # Installed translation is wrong: says the objects 'will be deleted automatically' (they block the deletion).
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected related objects: %(related_objects)s"
    ),
    # Installed translation is wrong: «Bắt đầu hành động lựa chọn» is ungrammatical.
    gettext_noop("Run the selected action"),
    # Installed translation is wrong: «Đi đến» means 'go to' (it is the button that runs the action).
    gettext_noop("Go"),
    gettext_noop("Breadcrumbs"),
    # Installed translation is wrong: garbled «Các mô models».
    gettext_noop("Models in the %(name)s application"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # Installed translation is wrong: «Thêm vào» means 'add to'.
    gettext_noop("Add"),
    gettext_noop(
        "After you’ve created a user, you’ll be able to edit more user options."
    ),
    gettext_noop("Error:"),
    gettext_noop("Set password"),
    ngettext_lazy(
        "Please correct the error below.", "Please correct the errors below.", 1
    ),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Skip to main content"),
    # Installed translation is wrong: «Thoát» (exit); allauth and our pages say «Đăng xuất».
    gettext_noop("Log out"),
    # Installed translation is wrong: «Thêm vào %(name)s» means 'add to …'.
    gettext_noop("Add %(name)s"),
    # Installed translation is wrong: «Bản ghi nhớ» means 'memo'.
    gettext_noop("History"),
    gettext_noop("Hide counts"),
    gettext_noop("Show counts"),
    # Installed translation is wrong: «Sắp xếp theo:» means 'sort by', missing space.
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    # Installed translation is wrong: stray spaces inside the quotes.
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the following protected related objects:"
    ),
    # Installed translation is wrong: «Bởi» means 'by (an agent)'.
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    # Installed translation is wrong: «Không biết nội dung» means 'does not know the content'.
    gettext_noop("Unknown content"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Sidebar"),
    gettext_noop("Filter navigation items"),
    ngettext_lazy("entry", "entries", 1),
    gettext_noop("View selected %(model)s"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Select all objects on this page for an action"),
)

# django.contrib.auth (officials' accounts in the admin site, password rules).
DJANGO_AUTH: tuple[object, ...] = (
    # Installed translation is wrong: stray leading and double spaces.
    gettext_noop("%(name)s object with primary key %(key)r does not exist."),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Raw passwords are not stored, so there is no way to see the user’s password."
    ),
    gettext_noop(
        "Enable password-based authentication for this user by setting a password."
    ),
    gettext_noop("Email"),
    # Installed translation is wrong: «cho phép» is a verb ('allow').
    gettext_noop("permission"),
    # Installed translation is wrong: «cho phép» is a verb ('allow').
    gettext_noop("permissions"),
    # Installed translation is wrong: «trạng thái superuser» is half English.
    gettext_noop("superuser status"),
    # Installed translation is wrong: «tình trạng nhân viên» ('employee status') is misleading for officials.
    gettext_noop("staff status"),
    # Installed translation is wrong: «Kích hoạt» is the verb 'activate'.
    gettext_noop("active"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    # Installed translation is wrong: «Đặt lại mật khẩu thành công» says the opposite.
    gettext_noop("Password reset unsuccessful"),
)

# django.contrib.humanize (naturaltime).
DJANGO_HUMANIZE: tuple[object, ...] = (
    gettext_noop("%(delta)s ago"),
    gettext_noop("%(delta)s from now"),
    npgettext_lazy("naturaltime-past", "%(num)d year", "%(num)d years", 1),
    npgettext_lazy("naturaltime-past", "%(num)d month", "%(num)d months", 1),
    npgettext_lazy("naturaltime-past", "%(num)d week", "%(num)d weeks", 1),
    npgettext_lazy("naturaltime-past", "%(num)d day", "%(num)d days", 1),
    npgettext_lazy("naturaltime-past", "%(num)d hour", "%(num)d hours", 1),
    npgettext_lazy("naturaltime-past", "%(num)d minute", "%(num)d minutes", 1),
    npgettext_lazy("naturaltime-future", "%(num)d year", "%(num)d years", 1),
    npgettext_lazy("naturaltime-future", "%(num)d month", "%(num)d months", 1),
    npgettext_lazy("naturaltime-future", "%(num)d week", "%(num)d weeks", 1),
    npgettext_lazy("naturaltime-future", "%(num)d day", "%(num)d days", 1),
    npgettext_lazy("naturaltime-future", "%(num)d hour", "%(num)d hours", 1),
    npgettext_lazy("naturaltime-future", "%(num)d minute", "%(num)d minutes", 1),
)

# django.contrib.postgres (array, range and hstore form errors).
DJANGO_POSTGRES: tuple[object, ...] = (
    gettext_noop("Item %(nth)s in the array did not validate:"),
    gettext_noop("Nested arrays must have the same length."),
    gettext_noop("The value of “%(key)s” is not a string or null."),
    gettext_noop("Could not load JSON data."),
    gettext_noop("Input must be a JSON dictionary."),
    gettext_noop("Enter two valid values."),
    gettext_noop("The start of the range must not exceed the end of the range."),
    gettext_noop("Enter two whole numbers."),
    gettext_noop("Enter two numbers."),
    gettext_noop("Enter two valid date/times."),
    gettext_noop("Enter two valid dates."),
    ngettext_lazy(
        "List contains %(show_value)d item, it should contain no more than %(limit_value)d.",
        "List contains %(show_value)d items, it should contain no more than %(limit_value)d.",
        1,
    ),
    ngettext_lazy(
        "List contains %(show_value)d item, it should contain no fewer than %(limit_value)d.",
        "List contains %(show_value)d items, it should contain no fewer than %(limit_value)d.",
        1,
    ),
    gettext_noop("Some keys were missing: %(keys)s"),
    gettext_noop("Some unknown keys were provided: %(keys)s"),
    gettext_noop(
        "Ensure that the upper bound of the range is not greater than %(limit_value)s."
    ),
    gettext_noop(
        "Ensure that the lower bound of the range is not less than %(limit_value)s."
    ),
)

# Django REST framework (API errors in the one error format, browsable API).
DRF: tuple[object, ...] = (
    gettext_noop("Invalid basic header. No credentials provided."),
    gettext_noop("Invalid basic header. Credentials string should not contain spaces."),
    gettext_noop("Invalid basic header. Credentials not correctly base64 encoded."),
    gettext_noop("Invalid token header. No credentials provided."),
    gettext_noop("Invalid token header. Token string should not contain spaces."),
    gettext_noop(
        "Invalid token header. Token string should not contain invalid characters."
    ),
    gettext_noop("Invalid token."),
    gettext_noop("Auth Token"),
    gettext_noop("Token"),
    gettext_noop("Tokens"),
    # Installed translation is wrong: translates the field names the client must send.
    gettext_noop('Must include "username" and "password".'),
    gettext_noop("A server error occurred."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Request was throttled."),
    gettext_noop("Expected available in {wait} second."),
    gettext_noop("Expected available in {wait} seconds."),
    gettext_noop("This field may not be null."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("This value does not match the required pattern."),
    gettext_noop(
        'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'
    ),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("A valid integer is required."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("String value too large."),
    gettext_noop("A valid biginteger is required."),
    gettext_noop("A valid number is required."),
    gettext_noop("Integer value too large to convert to float"),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop(
        "Ensure that there are no more than {max_decimal_places} decimal places."
    ),
    gettext_noop(
        "Ensure that there are no more than {max_whole_digits} digits before the decimal point."
    ),
    gettext_noop(
        "Datetime has wrong format. Use one of these formats instead: {format}."
    ),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Datetime value out of range."),
    # Installed translation is wrong: «để thay thế» is clumsy and differs from the datetime/time messages.
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop("Time has wrong format. Use one of these formats instead: {format}."),
    gettext_noop(
        "Duration has wrong format. Use one of these formats instead: {format}."
    ),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop("More than {count} items..."),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("This selection may not be empty."),
    gettext_noop('"{input}" is not a valid path choice.'),
    gettext_noop(
        "The submitted data was not a file. Check the encoding type on the form."
    ),
    gettext_noop("No filename could be determined."),
    gettext_noop(
        "Ensure this filename has at most {max_length} characters (it has {length})."
    ),
    # Installed translation is wrong: leading space in the installed translation.
    gettext_noop("This list may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop('Expected a dictionary of items but got type "{input_type}".'),
    gettext_noop("This dictionary may not be empty."),
    gettext_noop("A search term."),
    gettext_noop("Which field to use when ordering the results."),
    gettext_noop("ascending"),
    gettext_noop("descending"),
    gettext_noop("A page number within the paginated result set."),
    gettext_noop("Number of results to return per page."),
    gettext_noop("Invalid page."),
    gettext_noop("The initial index from which to return the results."),
    gettext_noop("The pagination cursor value."),
    gettext_noop("Invalid cursor"),
    gettext_noop('Invalid pk "{pk_value}" - object does not exist.'),
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    gettext_noop("Invalid hyperlink - No URL match."),
    gettext_noop("Invalid hyperlink - Incorrect URL match."),
    gettext_noop("Invalid hyperlink - Object does not exist."),
    gettext_noop("Incorrect type. Expected URL string, received {data_type}."),
    gettext_noop("Object with {slug_name}={value} does not exist."),
    gettext_noop("Invalid value."),
    gettext_noop("unique integer value"),
    gettext_noop("UUID string"),
    gettext_noop("unique value"),
    gettext_noop("A {value_type} identifying this {name}."),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("Extra Actions"),
    gettext_noop("Filters"),
    gettext_noop("navbar"),
    gettext_noop("content"),
    gettext_noop("request form"),
    gettext_noop("main content"),
    gettext_noop("request info"),
    gettext_noop("response info"),
    gettext_noop("This field must be unique."),
    gettext_noop("The fields {field_names} must make a unique set."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop('This field must be unique for the "{date_field}" date.'),
    gettext_noop('This field must be unique for the "{date_field}" month.'),
    gettext_noop('This field must be unique for the "{date_field}" year.'),
    gettext_noop('Invalid version in "Accept" header.'),
    gettext_noop("Invalid version in URL path."),
    gettext_noop("Invalid version in URL path. Does not match any version namespace."),
    gettext_noop("Invalid version in hostname."),
    gettext_noop("Invalid version in query parameter."),
)

# django-allauth (sign-in, sign-out, password change and reset, e-mail addresses); it ships no Vietnamese.
ALLAUTH: tuple[object, ...] = (
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Username can not be used. Please use other username."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Please select only one."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Marked {email} as verified."),
    gettext_noop("Failed to mark {email} as verified."),
    gettext_noop("Mark selected email addresses as verified"),
    gettext_noop("Accounts"),
    gettext_noop("Forgot your password?"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Remember Me"),
    pgettext_lazy("field label", "Login"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("verified"),
    gettext_noop("primary"),
    gettext_noop("email addresses"),
    gettext_noop("created"),
    gettext_noop("sent"),
    gettext_noop("key"),
    gettext_noop("email confirmation"),
    gettext_noop("email confirmations"),
    gettext_noop("Cancel"),
    gettext_noop("Account Inactive"),
    gettext_noop("Confirm"),
    gettext_noop("Sign In"),
    gettext_noop("Password Reset"),
    gettext_noop("Email Addresses"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Verified"),
    gettext_noop("Unverified"),
    gettext_noop("Primary"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    gettext_noop(
        "You are receiving this mail because the following change was made to your account:"
    ),
    gettext_noop(
        "If you do not recognize this change then please take proper security precautions immediately. The change to your account originates from:\n\n- IP address: %(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop("Email Changed"),
    gettext_noop("Your email has been confirmed."),
    gettext_noop("Email Confirmation"),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to register an account on %(site_domain)s."
    ),
    gettext_noop(
        "Your email verification code is listed below. Please enter it in your open browser window."
    ),
    gettext_noop("To confirm this is correct, go to %(activate_url)s"),
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Email Removed"),
    gettext_noop(
        "This mail can be safely ignored if you did not initiate this action."
    ),
    gettext_noop("Your password has been changed."),
    gettext_noop("Password Changed"),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password reset for your user account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset your password."
    ),
    gettext_noop("In case you forgot, your username is %(username)s."),
    gettext_noop("Password Reset Email"),
    gettext_noop("Your password has been reset."),
    gettext_noop("Your password has been set."),
    gettext_noop("Password Set"),
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an account with email %(email)s. However, we do not have any record of such an account in our database."
    ),
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    gettext_noop("Unknown Account"),
    gettext_noop("Change Email"),
    gettext_noop("Confirm Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Primary email address set."),
    gettext_noop("Change Password"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop("Bad Token"),
    gettext_noop(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Your password is now changed."),
    gettext_noop("Set Password"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
    gettext_noop("Warning:"),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email address so you can receive notifications, reset your password, etc."
    ),
    gettext_noop("Messages:"),
    gettext_noop("Menu:"),
)

# django-axes (lockout message, admin of access attempts); it ships no Vietnamese.
AXES: tuple[object, ...] = (
    gettext_noop("Locked Out"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop(
        "Account locked: too many login attempts. Contact an admin to unlock your account."
    ),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
)

# django-filter (lookup labels and errors of FilterSets); it ships no Vietnamese.
DJANGO_FILTER: tuple[object, ...] = (
    gettext_noop("date"),
    gettext_noop("year"),
    gettext_noop("month"),
    gettext_noop("day"),
    gettext_noop("week day"),
    gettext_noop("hour"),
    gettext_noop("minute"),
    gettext_noop("second"),
    gettext_noop("contains"),
    gettext_noop("is in"),
    gettext_noop("is greater than"),
    gettext_noop("is greater than or equal to"),
    gettext_noop("is less than"),
    gettext_noop("is less than or equal to"),
    gettext_noop("starts with"),
    gettext_noop("ends with"),
    gettext_noop("is in range"),
    gettext_noop("is null"),
    gettext_noop("matches regex"),
    gettext_noop("search"),
    gettext_noop("is contained by"),
    gettext_noop("overlaps"),
    gettext_noop("has key"),
    gettext_noop("has keys"),
    gettext_noop("has any keys"),
    gettext_noop("Select a lookup."),
    gettext_noop("Range query expects two values."),
    gettext_noop("Yesterday"),
    gettext_noop("Multiple values may be separated by commas."),
    gettext_noop("%s (descending)"),
    gettext_noop("Submit"),
    gettext_noop("Field filters"),
    gettext_noop("exclude"),
)
