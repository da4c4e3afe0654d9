"""The command line's own words in Chinese: argparse prints its headings, its help option
and its errors in English; these classes say them as a Chinese user reads them."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's error messages (Python 3.11–3.13), each with its Chinese wording.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"^the following arguments are required: (.+)$", r"缺少参数：\1"),
        (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
        (
            r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$",
            r"参数 \1：\2 不是可选的值（可选：\3）",
        ),
        (r"^argument (\S+): invalid (\w+) value: (.+)$", r"参数 \1：\3 不是有效的值"),
        (r"^argument (\S+): expected one argument$", r"参数 \1 后面需要一个值"),
        (r"^argument (\S+): expected (\d+) arguments$", r"参数 \1 后面需要 \2 个值"),
        (r"^argument (\S+): expected at least one argument$", r"参数 \1 后面至少需要一个值"),
        (r"^argument (\S+): (.+)$", r"参数 \1：\2"),
    )
)


def chinese_error(message: str) -> str:
    for pattern, chinese in _ERRORS:
        if pattern.match(message):
            return pattern.sub(chinese, message)
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, help option and errors are in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
