"""Load the agreement kinds shipped in vocnet/agreements/data (sources: data/SOURCES.md)."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from vocnet.agreements.kinds import load_agreement_kinds

    load_agreement_kinds(apps)


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    from vocnet.agreements.kinds import read_kinds

    codes = [row["code"] for row in read_kinds()]
    apps.get_model("agreements", "AgreementKind").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_agreement_models")]

    operations = [migrations.RunPython(load, unload)]
