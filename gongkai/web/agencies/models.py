"""Agencies in a tree: 省 → 市 → 县/区 → 乡镇/街道, and each government's departments.

`path` is a materialised path (/1/7/23/) so that a supervisor's whole subtree is one
indexed prefix query, also over hundreds of thousands of agencies.
"""

from __future__ import annotations

from django.db import models

from gongkai.roles import ROLE_LABELS, Role

ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role]


class Agency(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡镇（街道）"
        DEPARTMENT = "department", "部门"

    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("路径", max_length=255, db_index=True, editable=False, default="")
    case_number_pattern = models.CharField(
        "申请编号格式",
        max_length=60,
        default="依申请〔{year}〕{serial}号",
        help_text="{year} 为年度，{serial} 为当年序号，如 盐政公开〔{year}〕{serial:03d}号",
    )

    class Meta:
        verbose_name = verbose_name_plural = "行政机关"
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="agency_unique_name_in_parent")
        ]
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def is_government(self) -> bool:
        """A government at county level or above, whose own annual report is due by 31 March
        (第四十九条); departments and townships report by 31 January."""
        return self.level in (self.Level.PROVINCE, self.Level.CITY, self.Level.COUNTY)

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            super().save(update_fields=["path"])

    def region(self) -> str:
        """The chain of ancestors, as a place name: 山西省 运城市 盐湖区."""
        ids = [int(x) for x in self.path.strip("/").split("/") if x][:-1]
        names = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))
        return " ".join(names[i] for i in ids if i in names)


class Membership(models.Model):
    """A person's role at an agency (what each role may do: `gongkai.roles`).
    Administrators are Django superusers."""

    user = models.ForeignKey(
        "auth.User", verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=ROLE_CHOICES)

    class Meta:
        verbose_name = verbose_name_plural = "人员角色"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
