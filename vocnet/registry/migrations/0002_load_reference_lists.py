"""Load the reference code lists shipped in vocnet/registry/data (sources: data/SOURCES.md)."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from vocnet.registry.reference import load_reference

    load_reference(apps)


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in ("Region", "PilotDistrict", "NcsMiddle", "NcsMajor", "KsicDivision", "KsicSection"):
        apps.get_model("registry", name).objects.all().delete()
    SupportOffice = apps.get_model("registry", "SupportOffice")
    Organisation = apps.get_model("registry", "Organisation")
    org_ids = list(SupportOffice.objects.values_list("organisation_id", flat=True))
    SupportOffice.objects.all().delete()
    Organisation.objects.filter(pk__in=org_ids).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_registry_models")]

    operations = [migrations.RunPython(load, unload)]
