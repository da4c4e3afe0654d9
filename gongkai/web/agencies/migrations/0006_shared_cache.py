"""The shared cache's table (rate limits, CAPTCHA, the library's counts) made with the
migrations, so that every deployment has it: `migrate` is the one set-up step."""

from typing import Any

from django.core.management import call_command
from django.db import migrations


def cache_table(apps: Any, schema_editor: Any) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0005_role_choices")]

    operations = [migrations.RunPython(cache_table, migrations.RunPython.noop)]
