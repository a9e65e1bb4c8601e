"""Scenarios saved before scopes and recommendation rows existed: a support office's scenario
gets that office as its scope (it is re-planned in that scope when run again), and every
solved scenario gets the rows of the recommendations already in its stored plan."""

from typing import Any

from django.db import migrations


def fill(apps: Any, schema_editor: Any) -> None:
    Scenario = apps.get_model("demand", "Scenario")
    ScenarioRecommendation = apps.get_model("demand", "ScenarioRecommendation")
    SupportOffice = apps.get_model("registry", "SupportOffice")
    Department = apps.get_model("registry", "Department")
    NcsMiddle = apps.get_model("registry", "NcsMiddle")
    offices = dict(SupportOffice.objects.values_list("organisation_id", "pk"))
    fields = dict(NcsMiddle.objects.values_list("code", "pk"))
    departments = set(Department.objects.values_list("pk", flat=True))
    for scenario in Scenario.objects.all():
        office = offices.get(scenario.organisation_id)
        if office is not None and scenario.support_office_id is None:
            scenario.support_office_id = office
            scenario.save(update_fields=["support_office"])
        if scenario.status != "solved" or not scenario.result:
            continue
        ScenarioRecommendation.objects.bulk_create(
            [
                ScenarioRecommendation(
                    scenario_id=scenario.pk,
                    department_id=item["department_id"],
                    action=item["action"],
                    current_intake=item["current"],
                    new_intake=item["new"],
                    converted_field_id=fields.get(item.get("converted_field") or ""),
                    converted_intake=item.get("converted") or 0,
                    conversion_cost=item.get("cost") or 0,
                    graduates_change=item.get("graduates_change") or 0,
                    explanation_ko=item.get("explanation_ko", ""),
                    explanation_en=item.get("explanation_en", ""),
                )
                for item in scenario.result.get("recommendations", [])
                if item["department_id"] in departments
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )


def empty(apps: Any, schema_editor: Any) -> None:
    apps.get_model("demand", "ScenarioRecommendation").objects.all().delete()
    apps.get_model("demand", "Scenario").objects.update(support_office=None)


class Migration(migrations.Migration):
    dependencies = [("demand", "0002_scenario_scope_and_recommendations")]

    operations = [migrations.RunPython(fill, empty)]
