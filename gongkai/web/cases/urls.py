from __future__ import annotations

from django.urls import path

from gongkai.web.cases import ledger_views, office_views, response_views, views

app_name = "cases"
urlpatterns = [
    path("", ledger_views.ledger, name="list"),
    path("ledger.json", ledger_views.ledger, {"fmt": "json"}, name="ledger_json"),
    path("ledger.xlsx", ledger_views.ledger, {"fmt": "xlsx"}, name="ledger_xlsx"),
    path("print/", ledger_views.ledger, {"fmt": "print"}, name="ledger_print"),
    path("responses/", response_views.responses, name="responses"),
    path("responses.json", response_views.responses, {"fmt": "json"}, name="responses_json"),
    path("responses.xlsx", response_views.responses, {"fmt": "xlsx"}, name="responses_xlsx"),
    path("register/", views.register, name="register"),
    path("table/", views.table, name="table"),
    path("table/cell/", views.cell_cases, name="cell"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/step", views.step, name="step"),
    path("<int:case_id>/split", views.split, name="split"),
    path("<int:case_id>/assign", office_views.assign, name="assign"),
    path("<int:case_id>/confirm", office_views.confirm_receipt, name="confirm"),
    path("<int:case_id>/set-aside", office_views.set_aside, name="set_aside"),
    path("<int:case_id>/withdraw", office_views.withdraw, name="withdraw"),
    path("<int:case_id>/correct", office_views.correct, name="correct"),
    path("<int:case_id>/attachments", views.attach, name="attach"),
    path("<int:case_id>/attachments/<int:attachment_id>", views.attachment, name="attachment"),
    path("<int:case_id>/letters/<str:kind>.<str:fmt>", views.letter_file, name="letter"),
]
