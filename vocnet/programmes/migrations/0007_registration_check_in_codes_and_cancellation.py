"""Each event registration gets an unguessable check-in code (its QR code's secret) and may be
cancelled. Existing registrations get a code each (a default callable would give them one
shared value, which the unique constraint refuses)."""

import secrets

from django.db import migrations, models

import vocnet.programmes.models.events


def give_codes(apps, schema_editor):  # type: ignore[no-untyped-def]
    Registration = apps.get_model("programmes", "EventRegistration")
    for registration in Registration.objects.filter(check_in_token__isnull=True):
        registration.check_in_token = secrets.token_urlsafe(16)
        registration.save(update_fields=["check_in_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_events_and_attendance"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventregistration",
            name="cancelled_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="취소 일시"),
        ),
        migrations.AddField(
            model_name="eventregistration",
            name="check_in_token",
            field=models.CharField(max_length=43, null=True, verbose_name="참석 확인 코드"),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="eventregistration",
            name="check_in_token",
            field=models.CharField(
                default=vocnet.programmes.models.events.new_check_in_token,
                max_length=43,
                unique=True,
                verbose_name="참석 확인 코드",
            ),
        ),
    ]
