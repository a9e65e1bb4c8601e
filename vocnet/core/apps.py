from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vocnet.core"
    label = "core"
    verbose_name = _("공통")


class VocnetAdminConfig(AdminConfig):
    default_site = "vocnet.core.admin_site.VocnetAdminSite"


class VocnetStaticFilesConfig(StaticFilesConfig):
    """Django's staticfiles, leaving out one file of KRDS that vocnet never loads.

    KRDS 1.1.0 (npm ``krds-uiux``) ships two builds of its component styles: ``output.css``,
    which ``base.html`` loads, and ``component.css``, whose ``url()`` references point at
    ``../../img/img/component/icon/…`` — a directory the package does not have (its icons are
    in ``img/component/icon/``). The manifest storage of production rewrites every ``url()``
    to a hashed name and aborts collectstatic on the first missing one, so publishing that
    unused file stopped production from starting. Leaving it out of collectstatic is the
    honest fix: nothing refers to it, and if a template ever does, ``{% static %}`` fails
    loudly under the manifest storage instead of serving icons that are not there.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "component/component.css*"]
