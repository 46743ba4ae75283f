"""Contact addresses (e-mail, web, chat) as the schema checks them: syntax only.

What is checked is what a reader would otherwise find broken on the site: an e-mail
address that is not one, a "URL" with no scheme (`www.example.org`: a browser reads it as
a path on the site), an http(s) URL with no host, spaces or backslashes (browsers read
those differently from us). Which schemes the site links, and which are dangerous
(`javascript:`), is not syntax: `checks/resources.py` says so, as it does for `links`.
Nothing is looked up on the network.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_NOT_IN_URLS = re.compile(r"[\s\x00-\x1f\x7f\\]")
_ADDRESS_PART = r"[^\s@<>()\[\],;:\"\\/]+"
_EMAIL = re.compile(rf"^{_ADDRESS_PART}@{_ADDRESS_PART}(?:\.{_ADDRESS_PART})+$")
_NAME_AND_ADDRESS = re.compile(r"<([^<>\s]+@[^<>\s]+)>\s*$")
_CHANNEL = re.compile(r"^#[^\s#]+$")
PATH_PREFIXES = ("/", "./", "../")
"""A URL without a scheme must say it is a path on this site (`/wiki/team`, `../x`)."""


def _problem(kind: str, message: str, value: str, hint: str | None = None) -> None:
    """Raise a schema error; `{value}` in `message` stands for the value. The value goes
    last in the context: pydantic fills the keys in order, and text inside the value that
    looks like a later key (`{hint}`) would be filled in too."""
    context: dict[str, Any] = {"placeholder": "{channel}"}
    if hint:
        context["hint"] = hint
    context["value"] = value
    raise PydanticCustomError(kind, message, context)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    text = value.strip()
    if not text:
        _problem("contact_empty", f"{what} is empty", value, "give a value or remove the field")
    return text


def email_address(value: Any) -> str:
    """An e-mail address, `name@example.org`: one `@`, a domain with a dot, no spaces.
    `mailto:` in front is allowed and dropped (the site adds it)."""
    text = _text(value, "the e-mail address")
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    if not _EMAIL.match(text):
        named = _NAME_AND_ADDRESS.search(text)
        hint = (
            f"write the address alone: {named[1]}"
            if named
            else "an address looks like name@example.org"
        )
        _problem("email", "'{value}' is not an e-mail address", text, hint)
    return text


def web_url(value: Any, *, paths: bool = False) -> str:
    """A URL with its scheme (`https://host/path`, `mailto:x@y.org`, `tel:+44...`); with
    `paths`, also a path on this site (`/wiki/team`)."""
    text = _text(value, "the URL")
    if _NOT_IN_URLS.search(text):
        _problem(
            "url",
            "'{value}' is not a URL: it holds a space, backslash or control character",
            text,
            "write a space as %20",
        )
    if text.startswith("//"):
        _problem("url", "'{value}' has no scheme", text, f"write https:{text}")
    if not _SCHEME.match(text):
        if paths and text.startswith(PATH_PREFIXES):
            return text
        hint = (
            f"write mailto:{text}, or use the field for an e-mail address"
            if _EMAIL.match(text)
            else f"write https://{text}"
        )
        _problem("url", "'{value}' is not a URL: it has no scheme (https://...)", text, hint)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number
    except ValueError as error:
        _problem("url", f"'{{value}}' is not a URL: {error}", text)
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        _problem("url", "'{value}' has no host name", text, "write https://host/path")
    if not text.split(":", 1)[1]:
        _problem("url", "'{value}' is only a scheme", text)
    return text


def address_or_url(value: Any) -> str:
    """An e-mail address (a mailing list's) or the URL of its page or archive."""
    text = _text(value, "the mailing list")
    if _SCHEME.match(text) or text.startswith("//"):
        return web_url(text)
    if "@" in text:
        return email_address(text)
    _problem(
        "url",
        "'{value}' is neither an e-mail address nor a URL",
        text,
        "write the list's address (list@example.org) or its web page (https://...)",
    )
    raise AssertionError  # unreachable: _problem raises


def chat_channel(value: Any) -> str:
    """A chat channel's URL, or its name (`#sig-network`)."""
    text = _text(value, "the chat channel")
    if text.startswith("#"):
        if not _CHANNEL.match(text):
            _problem(
                "url",
                "'{value}' is not a chat channel name",
                text,
                "a channel name is # and a word without spaces: #sig-network",
            )
        return text
    if not _SCHEME.match(text) and not text.startswith("//"):
        _problem(
            "url",
            "'{value}' is not a chat channel: write its name with # or its URL",
            text,
            f"write '#{text.lstrip('@')}' or the channel's web address (https://...)",
        )
    return web_url(text)


def _given(check: Any, hint: str = "give a value or remove the field") -> Any:
    """`field:` with no value is a slip (a value lost, or `#` read as a comment), not "no
    value": the validator wraps the whole optional type, so it sees the None."""

    def validate(value: Any) -> Any:
        if value is None:
            _problem("contact_empty", "the field is empty", "", hint)
        return check(value)

    return validate


_STRING = {"type": "string"}

EmailAddress = Annotated[
    str | None,
    BeforeValidator(_given(email_address)),
    WithJsonSchema({**_STRING, "format": "email"}),
]
WebUrl = Annotated[str | None, BeforeValidator(_given(web_url)), WithJsonSchema(_STRING)]
WebUrlOrPath = Annotated[
    str | None,
    BeforeValidator(_given(lambda v: web_url(v, paths=True))),
    WithJsonSchema(_STRING),
]
AddressOrUrl = Annotated[
    str | None, BeforeValidator(_given(address_or_url)), WithJsonSchema(_STRING)
]
ChatChannel = Annotated[
    str | None,
    BeforeValidator(
        _given(
            chat_channel,
            "quote a channel name: chat: '#sig-network' (unquoted, # starts a YAML comment)",
        )
    ),
    WithJsonSchema(_STRING),
]


def channel_name(chat: str) -> str | None:
    """`sig-network` for `#sig-network`; None for a chat URL."""
    return chat[1:] if chat.startswith("#") else None


def chat_url_template(value: Any) -> str:
    """`settings.chat_url`: an http(s) URL with `{channel}` where a channel's name goes."""
    text = web_url(value)
    if text.count("{channel}") != 1:
        _problem(
            "url",
            "'{value}' does not say where a channel's name goes: write {placeholder} once",
            text,
            "e.g. https://example.slack.com/app_redirect?channel={channel}",
        )
    return text


ChatUrlTemplate = Annotated[str, BeforeValidator(chat_url_template), WithJsonSchema(_STRING)]
