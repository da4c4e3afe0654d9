"""Agencies in a tree: 省 → 市 → 县/区 → 乡镇/街道, and each government's departments.

`path` is a materialised path (/1/7/23/) so that a supervisor's whole subtree is one
indexed prefix query, also over hundreds of thousands of agencies.
"""

from __future__ import annotations

from django.db import models

from gongkai.cases.addressees import is_region_name
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
    population = models.PositiveIntegerField(
        "常住人口（人）",
        null=True,
        blank=True,
        help_text="地区的常住人口，用于计算每万人申请数；可在“导入人口”中批量导入",
    )
    case_number_pattern = models.CharField(
        "申请编号格式",
        max_length=60,
        default="依申请〔{year}〕{serial}号",
        help_text="{year} 为年度，{serial} 为当年序号，如 盐政公开〔{year}〕{serial:03d}号",
    )

    # 第二十七条: applications go to an agency; a region (山西省, 盐湖区) is no addressee.
    accepts_applications = models.BooleanField(
        "受理政府信息公开申请",
        default=True,
        help_text="网上申请时可以选择该机关；地区（如某省、某市）不受理申请",
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
        if self._state.adding and is_region_name(self.name):
            self.accepts_applications = False
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


class LetterSettings(models.Model):
    """What the agency's letters say about it (gongkai.cases.letters.AgencyDetails): whom to
    call, where to write, to whom an applicant may turn (救济途径), how to pay, and its seal.
    Set by the agency's administrator on /manage/letters/<agency>/ (audited)."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_settings"
    )
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    address = models.CharField("通讯地址", max_length=200, blank=True)
    review_body = models.CharField(
        "复议机关", max_length=100, blank=True, help_text="如 某县人民政府（行政复议法第二十四条）"
    )
    court = models.CharField("管辖法院", max_length=100, blank=True, help_text="如 某县人民法院")
    payment_method = models.CharField(
        "缴费方式", max_length=200, blank=True, help_text="如 银行转账（请注明申请编号）"
    )
    payment_account = models.CharField(
        "收款账户", max_length=300, blank=True, help_text="户名、开户行、账号"
    )
    seal = models.BinaryField("印章图片", null=True, blank=True)
    changed_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return f"{self.agency}的文书设置"
