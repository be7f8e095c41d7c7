"""Locales, catalogs, template environments and each language's conventions."""

from rejectkit._i18n._catalogs import (
    DOMAIN,
    ENVIRONMENT_OPTIONS,
    OverlayLoader,
    environment,
    locale_dir,
    new_environment,
    overlay_loaders,
    require_catalog,
    template_loader,
    translations,
)
from rejectkit._i18n._conventions import (
    CONVENTIONS,
    FULL_NAME,
    Addressee,
    Conventions,
    P,
    Phrase,
    conventions_for,
)
from rejectkit._i18n._locales import (
    DEFAULT_LOCALE,
    SUPPORTED_LOCALES,
    cldr,
    match_locale,
    parse_locale,
    resolve_locale,
    right_to_left,
    supported_locales,
)
from rejectkit._i18n._pseudo import (
    PSEUDO_LOCALE,
    install_pseudo_locale,
    uninstall_pseudo_locale,
)

__all__ = [
    "CONVENTIONS",
    "DEFAULT_LOCALE",
    "DOMAIN",
    "ENVIRONMENT_OPTIONS",
    "FULL_NAME",
    "PSEUDO_LOCALE",
    "SUPPORTED_LOCALES",
    "Addressee",
    "Conventions",
    "OverlayLoader",
    "P",
    "Phrase",
    "cldr",
    "conventions_for",
    "environment",
    "install_pseudo_locale",
    "locale_dir",
    "match_locale",
    "new_environment",
    "overlay_loaders",
    "parse_locale",
    "require_catalog",
    "resolve_locale",
    "right_to_left",
    "supported_locales",
    "template_loader",
    "translations",
    "uninstall_pseudo_locale",
]
