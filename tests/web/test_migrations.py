from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_cases_already_registered_become_searchable_and_marked_provisional() -> None:
    """Issue 12's migration fills the search pairs and the 暂定 mark of existing cases."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        # Agencies as they were then too: later ones add NOT NULL columns the old model lacks.
        [("cases", "0007_events_to_audit"), ("agencies", "0006_shared_cache")],
        [("cases", "0008_intake_assignment_ledger")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    agency = old.get_model("agencies", "Agency").objects.create(name="某县", level="county")
    clock: dict[str, object] = {"start": "2026-12-01", "pauses": [], "stopped_since": None}
    old.get_model("cases", "Application").objects.create(
        agency=agency,
        year=2026,
        serial=1,
        number="1",
        channel="letter",
        received_on="2026-12-01",
        applicant_type="natural_person",
        applicant_name="甲",
        contact="x",
        request="农村公路资金",
        clock=clock | {"waiting_for_correction": False, "extended": False},
        due_on="2026-12-29",
        access_digest="0",
    )
    old.get_model("cases", "Application").objects.create(
        agency=agency,
        year=2026,
        serial=2,
        number="2",
        channel="letter",
        received_on="2026-12-10",
        applicant_type="natural_person",
        applicant_name="乙",
        contact="x",
        request="低保名单",
        clock=clock | {"start": "2026-12-10", "waiting_for_correction": False, "extended": False},
        due_on="2027-01-08",
        access_digest="0",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("cases", "Application")
    rows = list(new.objects.order_by("serial").values_list("search_text", "due_provisional"))
    assert rows == [
        (" 农村 村公 公路 路资 资金 n2026x1 ", False),
        (" 低保 保名 名单 n2026x2 ", True),
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_answers_already_in_the_register_get_their_timing() -> None:
    """Issue 14's migration fills what each answer took; a withdrawal gets nothing."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # Agencies as they are now: the database has their latest columns.
    agencies = ("agencies", "0009_merge_0007_agency_population_0008_letter_settings")
    before = [("cases", "0010_merge_ledger_and_letter_facts"), agencies]
    after = [("cases", "0011_answer_timings"), agencies]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    agency = old.get_model("agencies", "Agency").objects.create(name="某县", level="county")
    clock: dict[str, object] = {"start": "2025-03-03", "pauses": [], "stopped_since": None}
    clock |= {"waiting_for_correction": False, "extended": False}
    for serial, state in ((1, "archived"), (2, "withdrawn")):
        old.get_model("cases", "Application").objects.create(
            agency=agency,
            year=2025,
            serial=serial,
            number=str(serial),
            channel="letter",
            received_on="2025-03-03",
            answered_on="2025-04-01",
            state=state,
            applicant_type="natural_person",
            applicant_name="甲",
            contact="x",
            request="农村公路资金",
            clock=clock,
            access_digest="0",
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("cases", "Application")
    rows = new.objects.order_by("serial").values_list(
        "response_days", "answered_late", "answered_extended"
    )
    assert list(rows) == [(21, True, False), (None, None, None)]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
